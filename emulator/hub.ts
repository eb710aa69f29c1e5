// The room emulator's engine: rooms, clients, bots, faults, ticks and scenarios, with no sockets.
// The WebSocket/HTTP server feeds it frames through ClientConnection and sends what ClientSink
// gets.
import type { Scheduler } from '../src/core/room/adapters';
import { systemScheduler } from '../src/core/room/scheduler';
import type { EmulatorPlatform, ServerFrame } from '../src/core/emulator/wire';
import type { AdmissionDeps } from './admission';
import { admit, userSigProblem } from './admission';
import { CallBots } from './call-bots';
import { ChatRelay } from './chat-relay';
import { Bot, parseBotAction, parseBotOptions } from './bots';
import type { BotWatcher } from './bots';
import { DEV_SECRET_KEY } from './dev-key';
import { signForClient } from './dev-signing';
import { badRequest, notFound, overLimit } from './errors';
import { parseFault, sessionFaultOf } from './faults';
import type { LogInput, LogListener } from './log';
import { EventLog } from './log';
import { Outbox } from './outbox';
import { seededRandom } from './random';
import { snapshotOf } from './room';
import { Rooms } from './rooms';
import { checkedRef, roomKeyOf, roomRefProblem } from './room-key';
import type { Scenario } from './scenario';
import type { ScenarioRun, ScenarioTarget } from './scenario-run';
import { ScenarioRunner } from './scenario-run';
import type { SessionHost } from './session';
import { Session } from './session';
import type { ReplayOptions, ReplayPlan } from './trace-player';
import { TracePlayback, describePlan, planReplay } from './trace-player';
import { TraceStore } from './traces';
import type { EmulatorDefaults, RoomSettings, RoomSettingsPatch } from './settings';
import { RoomSettingsStore, checkDefaults, checkPlatform, parseRoomSettings } from './settings';
import type {
  BotAction,
  BotOptions,
  ClientConnection,
  ClientSink,
  EmulatorLimits,
  Fault,
  LogEntry,
  ParticipantSnapshot,
  RoomKey,
  RoomRef,
  RoomSnapshot,
} from './emulator-types';
import { checkLimits } from './emulator-types';

export { EmulatorError } from './errors';
export { DEV_SDK_APP_ID, DEV_SECRET_KEY } from './dev-key';
export { parseRoomKey, roomKeyOf } from './room-key';
export type { ScenarioRun } from './scenario-run';
export type { Scenario, ScenarioAction, ScenarioBot, ScenarioStep } from './scenario';
export type { AppScene, EmulatorDefaults, RoomSettings, RoomSettingsPatch } from './settings';
export { DEFAULT_PLATFORM, parseRoomSettings } from './settings';
export { loadScenarioFile, parseScenario } from './scenario';
export { EMULATOR_NAME, EMULATOR_VERSION } from './events';
export { parseFault } from './faults';
export { parseBotAction, parseBotOptions } from './bots';
export { planReplay } from './trace-player';
export type { ReplayOptions, ReplayPlan } from './trace-player';
export type { TraceSummary } from './traces';

export interface HubOptions {
  /** The key UserSigs are verified with; default DEV_SECRET_KEY (public, development only). */
  secretKey?: string;
  limits?: Partial<EmulatorLimits>;
  /** Timers and the clock (also the time UserSigs are checked at); default the system's. */
  scheduler?: Scheduler;
  /** netstatus/volume tick period in ms, default 500 (2 Hz). */
  tickMs?: number;
  /** The platform of clients whose room and enter frame name none; default 'android'. */
  platform?: EmulatorPlatform;
  /** Rooms without their own setting require PrivateMapKeys; default false. */
  requirePrivateMapKey?: boolean;
  /**
   * The next client to enter gets this trace played to it instead of a room (docs/emulator.md,
   * "Traces"); see also armReplay.
   */
  replay?: ReplayOptions;
}

export const DEFAULT_TICK_MS = 500;
/** WebSocket close codes the hub asks for. */
export const CLOSE_TRY_LATER = 1013;
export const CLOSE_GOING_AWAY = 1001;

export class RoomHub {
  readonly limits: EmulatorLimits;
  readonly scheduler: Scheduler;
  readonly tickMs: number;
  /** The Chat signaling relay (`/chat`). */
  readonly chat: ChatRelay;
  /** Users on the relay who ring and answer calls, in rooms as bots. */
  readonly callBots: CallBots;
  /** Traces received over POST /api/traces. */
  readonly traces: TraceStore;
  private readonly eventLog: EventLog;
  private readonly roomSet: Rooms;
  private readonly settings: RoomSettingsStore;
  private readonly sessions = new Set<Session>();
  private readonly runs = new Set<ScenarioRunner>();
  private readonly host: SessionHost;
  private nextSessionId = 1;
  private disposed = false;
  private pendingReplay: ReplayPlan | null = null;

  constructor(options: HubOptions = {}) {
    this.limits = checkLimits(options.limits);
    this.scheduler = options.scheduler ?? systemScheduler;
    this.tickMs = options.tickMs ?? DEFAULT_TICK_MS;
    if (!Number.isFinite(this.tickMs) || this.tickMs < 10) {
      throw badRequest('tickMs must be at least 10');
    }
    const secretKey = options.secretKey ?? DEV_SECRET_KEY;
    if (typeof secretKey !== 'string' || secretKey === '') {
      throw badRequest('secretKey must be a non-empty string');
    }
    this.settings = new RoomSettingsStore(checkDefaults(options), this.limits.maxRooms);
    this.eventLog = new EventLog(this.limits.maxLogEntries, () => this.scheduler.now());
    const log = (input: LogInput): void => void this.eventLog.add(input);
    this.roomSet = new Rooms(this.limits, this.scheduler, this.tickMs, log);
    const now = (): number => this.scheduler.now();
    this.traces = new TraceStore(this.limits.maxTraces, now);
    if (options.replay !== undefined) this.armReplay(options.replay);
    const deps: AdmissionDeps = {
      secretKey,
      rooms: this.roomSet,
      settings: this.settings,
      now,
      log,
    };
    this.chat = new ChatRelay({
      limits: this.limits,
      scheduler: this.scheduler,
      log,
      userSigProblem: (sig, sdkAppId, userId) => userSigProblem(sig, { sdkAppId, userId }, deps),
    });
    const { limits, scheduler } = this;
    this.callBots = new CallBots({
      relay: this.chat,
      rooms: this,
      scheduler,
      secretKey,
      limits,
      log,
    });
    this.host = {
      limits: this.limits,
      now,
      log,
      admit: (url, session) => admit(url, session, deps),
      left: (room) => this.roomSet.settle(room),
      closed: (session) => {
        this.sessions.delete(session);
        this.note('disconnect', `client #${session.id} closed`);
      },
      replay: (session, send) => this.startReplay(session, send),
      sign: (request, session) => {
        const answer = signForClient(request, { local: session.local, secretKey, now: now() });
        const what = answer.type === 'signed' ? 'signed a development UserSig' : 'refused to sign';
        this.note('sign', `client #${session.id} ${what} for ${request.userId.slice(0, 40)}`);
        return answer;
      },
    };
  }

  /**
   * A new client; `platform` (from the socket URL's `?platform=`) is its platform unless an enter
   * frame names one; `local`: it connected from this machine, so it may ask for development
   * UserSigs. Null when over `maxClients` (the sink got a LIMIT error and is closed).
   */
  connect(
    sink: ClientSink,
    options: { platform?: EmulatorPlatform; local?: boolean } = {},
  ): ClientConnection | null {
    if (this.disposed || this.sessions.size >= this.limits.maxClients) {
      const message = this.disposed
        ? 'the emulator is stopping'
        : `the emulator has reached its limit of ${this.limits.maxClients} clients`;
      this.note('limit', message);
      const outbox = new Outbox(sink, this.scheduler, () => {});
      outbox.send({ type: 'error', code: 'LIMIT', message });
      outbox.close(CLOSE_TRY_LATER, message);
      return null;
    }
    const id = this.nextSessionId++;
    const outbox = new Outbox(sink, this.scheduler, (error) => {
      const why = error instanceof Error ? error.message : String(error);
      this.note('error', `client #${id}: send failed: ${why}`);
    });
    const platform =
      options.platform === undefined ? null : checkPlatform('platform', options.platform);
    const random = seededRandom(`client-${id}`);
    const session = new Session(id, this.host, outbox, random, platform, options.local === true);
    this.sessions.add(session);
    this.note('connect', `client #${id} connected${platform === null ? '' : ` (${platform})`}`);
    return { receive: (text) => session.receive(text), closed: () => session.closed() };
  }

  /**
   * The next client to send an enter frame is not put in a room: `options.trace`'s native events
   * are played to it (then its session stays open, idle). Returns what will be played; throws
   * EmulatorError BAD_REQUEST for a bad trace or speed. Replaces a replay no client took yet.
   */
  armReplay(options: ReplayOptions): ReplayPlan {
    const plan = planReplay(options);
    this.pendingReplay = plan;
    this.note('replay', `armed for the next client to enter: ${describePlan(plan)}`);
    return plan;
  }

  /** Forgets the replay no client took yet; false when none is armed. */
  cancelReplay(): boolean {
    const plan = this.pendingReplay;
    if (plan === null) return false;
    this.pendingReplay = null;
    this.note('replay', `cancelled: trace ${JSON.stringify(plan.trace.name)} is not replayed`);
    return true;
  }

  /** The replay no client took yet, or null. */
  get replayPending(): ReplayPlan | null {
    return this.pendingReplay;
  }

  rooms(): RoomSnapshot[] {
    return this.roomSet.list().map((room) => room.snapshot());
  }

  room(key: RoomKey): RoomSnapshot | null {
    return this.roomSet.get(key)?.snapshot() ?? null;
  }

  /** The platform and PrivateMapKey requirement of rooms without their own. */
  get defaults(): EmulatorDefaults {
    return this.settings.defaults;
  }

  /** The settings `ref`'s room has (or will have when it opens). */
  roomSettings(ref: RoomRef | RoomKey): RoomSettings {
    return this.settings.get(roomKeyOf(checkedRef(ref)));
  }

  /**
   * Changes a room's own settings (a field set to null goes back to the emulator's default);
   * returns the settings it now has. An open room keeps its scene until it closes: a different
   * `scene` for an open room is refused.
   */
  configureRoom(ref: RoomRef | RoomKey, patch: RoomSettingsPatch): RoomSettings {
    const key = roomKeyOf(checkedRef(ref));
    const checked = parseRoomSettings(patch);
    const open = this.roomSet.get(key);
    if (open !== undefined && checked.scene != null && checked.scene !== open.scene) {
      throw badRequest(
        `room ${key} is open with scene ${open.scene}: its scene can change once it is empty`,
      );
    }
    const settings = this.settings.set(key, checked);
    this.note('settings', `room settings ${JSON.stringify(settings)}`, key);
    return settings;
  }

  /** `watcher`: hears the bot's pusher events and its removal (call bots). */
  addBot(
    ref: RoomRef | RoomKey,
    options: BotOptions = {},
    watcher: BotWatcher | null = null,
  ): ParticipantSnapshot {
    const roomRef = checkedRef(ref);
    const checked = parseBotOptions(options);
    if (this.roomSet.botCount() >= this.limits.maxBots) {
      throw overLimit(`the emulator has reached its limit of ${this.limits.maxBots} bots`);
    }
    const key = roomKeyOf(roomRef);
    const userId = checked.userId ?? this.roomSet.freeBotId(this.roomSet.get(key));
    if (this.roomSet.get(key)?.get(userId)) throw badRequest(`${userId} is already in room ${key}`);
    const room = this.roomSet.open(roomRef, this.settings.get(key).scene ?? 'videocall');
    if (typeof room === 'string') throw overLimit(room);
    const full = this.roomSet.fullness(room);
    if (full !== null) throw overLimit(full);
    const random = seededRandom(`${key}/${userId}`);
    const bot = new Bot(
      userId,
      this.scheduler.now(),
      checked,
      room,
      this.scheduler,
      random,
      watcher,
    );
    this.note('bot', `bot ${userId} joined`, key, userId);
    room.join(bot);
    this.roomSet.joined();
    return snapshotOf(bot);
  }

  botAction(key: RoomKey, userId: string, action: BotAction): void {
    const checked = parseBotAction(action);
    if (checked.do === 'leave') return this.removeBot(key, userId);
    const bot = this.roomSet.bot(key, userId);
    this.note('bot', `bot ${userId}: ${JSON.stringify(checked)}`, key, userId);
    bot.act(checked);
  }

  removeBot(key: RoomKey, userId: string): void {
    const bot = this.roomSet.bot(key, userId);
    bot.room.leave(userId);
    bot.dispose();
    this.note('bot', `bot ${userId} left`, key, userId);
    this.roomSet.settle(bot.room);
  }

  inject(fault: Fault): void {
    const checked = parseFault(fault);
    const room = this.roomSet.get(checked.room);
    if (room === undefined) throw notFound(`no room ${checked.room}`);
    if (checked.kind === 'dismiss') {
      this.note('fault', 'dismiss', room.key);
      room.dismiss();
      this.roomSet.settle(room);
      return;
    }
    const member = room.get(checked.userId);
    if (member === undefined) throw notFound(`no ${checked.userId} in room ${room.key}`);
    if (!(member instanceof Session)) {
      throw badRequest(`${checked.userId} is a bot; faults apply to clients`);
    }
    member.fault(sessionFaultOf(checked));
  }

  runScenario(scenario: Scenario, options: { room?: RoomRef } = {}): ScenarioRun {
    const ref = options.room ?? scenario.room;
    const problem = roomRefProblem(ref);
    if (problem !== null) throw badRequest(problem);
    if (Object.keys(scenario.settings).length > 0) this.configureRoom(ref, scenario.settings);
    const target: ScenarioTarget = {
      scheduler: this.scheduler,
      addBot: (key, bot) => void this.addBot(key, bot),
      botAction: (key, userId, action) => this.botAction(key, userId, action),
      removeBot: (key, userId) => this.removeBot(key, userId),
      member: (key, userId) => {
        const member = this.roomSet.get(key)?.get(userId);
        return member === undefined ? null : snapshotOf(member);
      },
      log: (input) => void this.eventLog.add(input),
    };
    const run = new ScenarioRunner(target, scenario, roomKeyOf(ref), (r) => this.runs.delete(r));
    this.runs.add(run);
    run.start();
    return run;
  }

  onLog(listener: LogListener): () => void {
    return this.eventLog.listen(listener);
  }

  log(since?: number): LogEntry[] {
    return this.eventLog.since(since);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.callBots.dispose();
    this.chat.dispose();
    for (const run of [...this.runs]) run.stop();
    this.roomSet.dispose();
    for (const session of [...this.sessions]) session.dispose(CLOSE_GOING_AWAY, 'emulator stopped');
    this.eventLog.clearListeners();
  }

  // ---- internals ------------------------------------------------------------------------------

  private startReplay(session: Session, send: (frame: ServerFrame) => void): TracePlayback | null {
    const plan = this.pendingReplay;
    if (plan === null) return null;
    this.pendingReplay = null;
    const name = plan.trace.name;
    this.note('replay', `client #${session.id} gets ${describePlan(plan)}`);
    const playback = new TracePlayback(plan, this.scheduler, send, () =>
      this.note('replay', `client #${session.id}: trace ${JSON.stringify(name)} played; idle`),
    );
    return playback;
  }

  private note(
    kind: string,
    text: string,
    room: RoomKey | null = null,
    userId: string | null = null,
  ): void {
    this.eventLog.add({ room, userId, kind, text });
  }
}

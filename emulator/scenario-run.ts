// Runs a scenario's script against the hub with the injected Scheduler.
import type { Scheduler } from '../src/core/room/adapters';
import { EmulatorError, badRequest } from './errors';
import type { LogInput } from './log';
import type { Scenario, ScenarioBot, ScenarioStep } from './scenario';
import { MIN_LOOP_MS } from './scenario';
import type { BotAction, BotOptions, ParticipantSnapshot, RoomKey } from './emulator-types';

/** What the runner needs from the hub. */
export interface ScenarioTarget {
  readonly scheduler: Scheduler;
  addBot(room: RoomKey, options: BotOptions): void;
  botAction(room: RoomKey, userId: string, action: BotAction): void;
  removeBot(room: RoomKey, userId: string): void;
  member(room: RoomKey, userId: string): ParticipantSnapshot | null;
  log(input: LogInput): void;
}

export interface ScenarioRun {
  readonly name: string;
  readonly room: RoomKey;
  /** Stops the script (the bots stay in the room). */
  stop(): void;
  /** Settles when the script has run once (no loop) or when stopped. */
  readonly done: Promise<void>;
}

const optionsOf = (bot: ScenarioBot): BotOptions => ({
  userId: bot.userId,
  camera: bot.camera,
  microphone: bot.microphone,
  screen: bot.screen,
  speaking: bot.speaking,
  role: bot.role,
});

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export class ScenarioRunner implements ScenarioRun {
  readonly name: string;
  readonly done: Promise<void>;
  private resolve: () => void = () => {};
  private timer: unknown = null;
  private cycleStart = 0;
  private next = 0;
  private finished = false;

  constructor(
    private readonly target: ScenarioTarget,
    private readonly scenario: Scenario,
    readonly room: RoomKey,
    private readonly onFinish: (run: ScenarioRunner) => void,
  ) {
    // parseScenario checks this; a Scenario built in code may skip it.
    if (scenario.loop !== null && !(scenario.loop >= MIN_LOOP_MS)) {
      throw badRequest(`scenario "loop" must be at least ${MIN_LOOP_MS} ms, got ${scenario.loop}`);
    }
    this.name = scenario.name;
    this.done = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Joins the bots and runs the steps due at 0; throws EmulatorError (then nothing runs). */
  start(): void {
    this.log(`scenario ${this.name} started`);
    try {
      this.cycle(true);
    } catch (error) {
      this.stop();
      throw error;
    }
  }

  stop(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer !== null) this.target.scheduler.clearTimeout(this.timer);
    this.timer = null;
    this.log(`scenario ${this.name} stopped`);
    this.onFinish(this);
    this.resolve();
  }

  private cycle(first: boolean): void {
    this.timer = null;
    this.cycleStart = this.target.scheduler.now();
    this.next = 0;
    for (const bot of this.scenario.bots) this.guard(first, () => this.reset(bot));
    this.runDue();
  }

  private runDue(): void {
    this.timer = null;
    const elapsed = this.target.scheduler.now() - this.cycleStart;
    const steps = this.scenario.script;
    for (let step = steps[this.next]; step !== undefined && step.at <= elapsed;) {
      const current = step;
      this.next++;
      this.guard(false, () => this.run(current));
      step = this.finished ? undefined : steps[this.next];
    }
    if (this.finished) return;
    const scheduler = this.target.scheduler;
    const upcoming = steps[this.next];
    if (upcoming !== undefined) {
      this.timer = scheduler.setTimeout(() => this.runDue(), upcoming.at - elapsed);
    } else if (this.scenario.loop !== null) {
      this.timer = scheduler.setTimeout(() => this.cycle(false), this.scenario.loop - elapsed);
    } else {
      this.log(`scenario ${this.name} finished`);
      this.stop();
    }
  }

  private run(step: ScenarioStep): void {
    const present = this.target.member(this.room, step.bot);
    const { action } = step;
    if (action.do === 'join') {
      if (present !== null) return this.log(`${step.bot} is already in the room: join skipped`);
      const declared = this.scenario.bots.find((b) => b.userId === step.bot);
      const options = defined({ ...action, do: undefined });
      const base = declared === undefined ? {} : defined(optionsOf(declared));
      this.target.addBot(this.room, { ...base, ...options, userId: step.bot });
      return;
    }
    if (present === null || present.kind !== 'bot') {
      return this.log(`${step.bot} is not a bot in the room: ${action.do} skipped`);
    }
    if (action.do === 'leave') this.target.removeBot(this.room, step.bot);
    else this.target.botAction(this.room, step.bot, action);
  }

  /** Puts a declared bot back in its declared state (join, leave or set its media). */
  private reset(bot: ScenarioBot): void {
    const present = this.target.member(this.room, bot.userId);
    if (present !== null && present.kind !== 'bot') {
      throw badRequest(`scenario ${this.name}: ${bot.userId} is a client in the room, not a bot`);
    }
    if (!bot.joinAtStart) {
      if (present !== null) this.target.removeBot(this.room, bot.userId);
      return;
    }
    if (present === null) {
      this.target.addBot(this.room, defined(optionsOf(bot)));
      return;
    }
    const act = (action: BotAction): void => this.target.botAction(this.room, bot.userId, action);
    const role = bot.role ?? 'anchor';
    if (present.role !== role) act({ do: 'role', role });
    for (const key of ['camera', 'microphone', 'screen'] as const) {
      const wanted = bot[key] ?? false;
      if (present[key] !== wanted) act({ do: key, on: wanted });
    }
    if (present.muted) act({ do: 'mute', on: false });
    act({ do: 'speak', volume: bot.speaking ?? 0 });
  }

  /** Runs `action`; a failure is thrown when `rethrow`, else logged. */
  private guard(rethrow: boolean, action: () => void): void {
    try {
      action();
    } catch (error) {
      if (rethrow) throw error;
      const why = error instanceof EmulatorError ? error.message : String(error);
      this.log(`scenario ${this.name}: ${why}`, 'error');
    }
  }

  private log(text: string, kind = 'scenario'): void {
    this.target.log({ room: this.room, userId: null, kind, text });
  }
}

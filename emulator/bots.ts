// Bots: scripted participants without a socket. Their publish state and speech turn into the same
// 1031-1034, volume and SEI events a client's would.
import type { ServerFrame } from '../src/core/emulator/wire';
import type { Scheduler } from '../src/core/room/adapters';
import { TrtcError } from '../src/core/errors';
import { assertUserId } from '../src/core/validate';
import { badRequest } from './errors';
import type { MediaState } from './events';
import { NO_MEDIA, hasAudio } from './events';
import type { Random } from './random';
import { between } from './random';
import type { Member, Room } from './room';
import type { BotAction, BotOptions, ParticipantRole } from './emulator-types';

/**
 * Hears what a bot's pusher would (1018, 1031-1034, ...), and that the bot is out of its room
 * (removed, or the room dismissed): how a call bot knows who is in its call's room.
 */
export interface BotWatcher {
  frame(frame: ServerFrame): void;
  removed(): void;
}

export class Bot implements Member {
  readonly kind = 'bot';
  private gone = false;
  private state: MediaState;
  private currentRole: ParticipantRole;
  private speaking: number;
  private level = 0;
  private speakTimer: unknown = null;

  constructor(
    readonly userId: string,
    readonly joinedAt: number,
    options: BotOptions,
    readonly room: Room,
    private readonly scheduler: Scheduler,
    private readonly random: Random,
    private readonly watcher: BotWatcher | null = null,
  ) {
    this.state = {
      camera: options.camera ?? false,
      microphone: options.microphone ?? false,
      muted: false,
      screen: options.screen ?? false,
    };
    this.speaking = options.speaking ?? 0;
    this.currentRole = options.role ?? 'anchor';
  }

  /** Applies an action other than leave (the hub removes bots); throws EmulatorError BAD_REQUEST. */
  act(action: Exclude<BotAction, { do: 'leave' }>): void {
    switch (action.do) {
      case 'camera':
      case 'microphone':
      case 'screen':
        if (action.on && this.currentRole === 'audience') {
          throw badRequest(
            `bot ${this.userId} is in the audience and publishes nothing: ` +
              'switch it to anchor first ({"do":"role","role":"anchor"})',
          );
        }
        this.update({ [action.do]: action.on });
        break;
      case 'role':
        this.switchRole(action.role);
        break;
      case 'mute':
        this.update({ muted: action.on });
        break;
      case 'speak':
        this.speak(action.volume, action.ms);
        break;
      case 'sei':
        this.room.sei(this, action.message);
        break;
    }
  }

  /** The volume it speaks at now (0 = silent), whether or not its microphone is open. */
  speakingVolume(): number {
    return this.speaking;
  }

  dispose(): void {
    if (this.speakTimer !== null) this.scheduler.clearTimeout(this.speakTimer);
    this.speakTimer = null;
    this.level = 0;
    if (this.gone) return;
    this.gone = true;
    this.tell(() => this.watcher?.removed());
  }

  media(): MediaState {
    return this.state;
  }

  role(): ParticipantRole {
    return this.currentRole;
  }

  platform(): null {
    return null;
  }

  volume(): number {
    return this.level;
  }

  playing(): readonly string[] {
    return [];
  }

  send(frame: ServerFrame): void {
    if (!this.gone) this.tell(() => this.watcher?.frame(frame));
  }

  refresh(): void {}

  sei(_from: string, _message: string): void {}

  removed(): void {
    this.dispose();
  }

  sample(): void {
    const speaking = this.speaking > 0 && hasAudio(this.state);
    this.level = speaking
      ? Math.min(100, Math.max(1, this.speaking + between(this.random, -8, 8)))
      : 0;
  }

  tick(): void {}

  /** A watcher's failure must not break the room that told it. */
  private tell(run: () => void): void {
    try {
      run();
    } catch {
      // The watcher logs its own problems.
    }
  }

  private switchRole(role: ParticipantRole): void {
    const before = this.state;
    this.currentRole = role;
    if (role === 'audience') this.state = { ...NO_MEDIA, muted: before.muted };
    this.room.mediaChanged(this, before, this.state);
  }

  private update(change: Partial<MediaState>): void {
    const before = this.state;
    this.state = { ...before, ...change };
    this.room.mediaChanged(this, before, this.state);
  }

  private speak(volume: number, ms: number | undefined): void {
    if (this.speakTimer !== null) this.scheduler.clearTimeout(this.speakTimer);
    this.speakTimer = null;
    this.speaking = volume;
    if (ms !== undefined && volume > 0) {
      this.speakTimer = this.scheduler.setTimeout(() => {
        this.speakTimer = null;
        this.speaking = 0;
      }, ms);
    }
  }
}

// ---- reading JSON (HTTP API, scenario files) ---------------------------------------------------

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function optionalBool(where: string, rec: Json, key: string): boolean | undefined {
  const value = rec[key];
  if (value === undefined || typeof value === 'boolean') return value;
  throw badRequest(`${where}: "${key}" must be true or false`);
}

function volumeOf(where: string, value: unknown, key: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100) {
    return value;
  }
  throw badRequest(`${where}: "${key}" must be an integer from 0 to 100`);
}

function checkKeys(where: string, rec: Json, allowed: readonly string[]): void {
  const unknown = Object.keys(rec).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw badRequest(`${where}: unknown field ${JSON.stringify(unknown[0])}`);
  }
}

export function checkUserId(where: string, value: unknown): string {
  try {
    assertUserId(value);
    return value;
  } catch (error) {
    throw badRequest(`${where}: ${error instanceof TrtcError ? error.message : 'bad userId'}`);
  }
}

const BOT_FIELDS = ['userId', 'camera', 'microphone', 'screen', 'speaking', 'role'];

function roleOf(where: string, value: unknown): ParticipantRole {
  if (value === 'anchor' || value === 'audience') return value;
  throw badRequest(`${where}: "role" must be "anchor" or "audience", got ${JSON.stringify(value)}`);
}

/** Reads BotOptions from JSON; throws EmulatorError BAD_REQUEST. `extra` fields are allowed. */
export function parseBotOptions(
  json: unknown,
  where = 'bot',
  extra: readonly string[] = [],
): BotOptions {
  if (json === undefined) return {};
  if (!isObject(json)) throw badRequest(`${where} must be an object`);
  checkKeys(where, json, [...BOT_FIELDS, ...extra]);
  const options: { -readonly [K in keyof BotOptions]: BotOptions[K] } = {};
  if (json.userId !== undefined) options.userId = checkUserId(where, json.userId);
  for (const key of ['camera', 'microphone', 'screen'] as const) {
    const value = optionalBool(where, json, key);
    if (value !== undefined) options[key] = value;
  }
  if (json.speaking !== undefined) options.speaking = volumeOf(where, json.speaking, 'speaking');
  if (json.role !== undefined) options.role = roleOf(where, json.role);
  if (options.role === 'audience' && (options.camera || options.microphone || options.screen)) {
    throw badRequest(
      `${where}: an audience bot publishes nothing: camera, microphone and screen must be off`,
    );
  }
  return options;
}

/** The longest `speak` ms (a day): timers past 2^31-1 ms would fire at once. */
export const MAX_SPEAK_MS = 24 * 3600 * 1000;
/** The longest SEI message, in characters, from a bot or a client. */
export const MAX_SEI_LENGTH = 1024;

const TOGGLES = ['camera', 'microphone', 'mute', 'screen'] as const;
const ACTIONS = [...TOGGLES, 'speak', 'sei', 'role', 'leave'];

/** Reads a BotAction from JSON; throws EmulatorError BAD_REQUEST. `extra` fields are allowed. */
export function parseBotAction(
  json: unknown,
  where = 'action',
  extra: readonly string[] = [],
): BotAction {
  if (!isObject(json)) throw badRequest(`${where} must be an object`);
  const name = json.do;
  const allow = (...keys: string[]): void => checkKeys(where, json, ['do', ...keys, ...extra]);
  switch (name) {
    case 'camera':
    case 'microphone':
    case 'mute':
    case 'screen': {
      allow('on');
      const on = optionalBool(where, json, 'on');
      if (on === undefined) throw badRequest(`${where}: "${name}" needs "on": true or false`);
      return { do: name, on };
    }
    case 'speak': {
      allow('volume', 'ms');
      const volume = volumeOf(where, json.volume, 'volume');
      const ms = json.ms;
      if (ms === undefined) return { do: name, volume };
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms <= 0 || ms > MAX_SPEAK_MS) {
        throw badRequest(`${where}: "ms" must be a positive integer of at most ${MAX_SPEAK_MS}`);
      }
      return { do: name, volume, ms };
    }
    case 'sei': {
      allow('message');
      const message = json.message;
      if (typeof message !== 'string' || message === '' || message.length > MAX_SEI_LENGTH) {
        throw badRequest(`${where}: "sei" needs a "message" of 1-${MAX_SEI_LENGTH} characters`);
      }
      return { do: name, message };
    }
    case 'role':
      allow('role');
      return { do: name, role: roleOf(where, json.role) };
    case 'leave':
      allow();
      return { do: name };
    default:
      throw badRequest(
        `${where}: unknown action ${JSON.stringify(name)}; one of ${ACTIONS.join(', ')}`,
      );
  }
}

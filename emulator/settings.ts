// Room settings: what a room does that no room:// URL says (its scene, the platform its clients
// imitate, whether it requires PrivateMapKeys). Emulator-wide defaults come from startEmulator or
// the CLI; a room's own settings (Node API, HTTP API, scenario files) override them, and outlive
// the room: they apply every time it opens.
import type { EmulatorPlatform } from '../src/core/emulator/wire';
import { isPlatform } from '../src/core/emulator/wire';
import type { Scene } from '../src/core/url/pusher-params';
import { APP_SCENES } from '../src/core/url/pusher-params';
import { badRequest, overLimit } from './errors';
import type { RoomKey } from './emulator-types';

export type AppScene = Exclude<Scene, 'rtc'>;

export interface RoomSettings {
  /** The scene the room opens with; null: the first client's `appscene` (`videocall` for a bot). */
  readonly scene: AppScene | null;
  /** The platform of the clients whose socket URL and enter frame name none. */
  readonly platform: EmulatorPlatform;
  /** Entering needs a valid PrivateMapKey for the room, publishing needs its send privileges. */
  readonly requirePrivateMapKey: boolean;
}

/** A change of a room's settings: a field set to null goes back to the emulator's default. */
export type RoomSettingsPatch = { readonly [K in keyof RoomSettings]?: RoomSettings[K] | null };

export interface EmulatorDefaults {
  readonly platform: EmulatorPlatform;
  readonly requirePrivateMapKey: boolean;
}

export const DEFAULT_PLATFORM: EmulatorPlatform = 'android';

export const SETTING_FIELDS: readonly string[] = ['scene', 'platform', 'requirePrivateMapKey'];

type Json = Record<string, unknown>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export function checkPlatform(where: string, value: unknown): EmulatorPlatform {
  if (isPlatform(value)) return value;
  throw badRequest(`${where} must be "ios" or "android", got ${JSON.stringify(value)}`);
}

function checkScene(where: string, value: unknown): AppScene {
  if ((APP_SCENES as readonly unknown[]).includes(value)) return value as AppScene;
  throw badRequest(
    `${where} must be one of ${APP_SCENES.join(', ')}, got ${JSON.stringify(value)}`,
  );
}

function checkFlag(where: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  throw badRequest(`${where} must be true or false`);
}

/**
 * Reads the settings fields of `json` (null resets a field) and ignores its other fields, which a
 * scenario's `room` has. Throws EmulatorError BAD_REQUEST.
 */
export function parseRoomSettings(json: unknown, where = 'settings'): RoomSettingsPatch {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw badRequest(`${where} must be an object`);
  }
  const rec = json as Json;
  const patch: Mutable<RoomSettingsPatch> = {};
  if (rec.scene !== undefined) {
    patch.scene = rec.scene === null ? null : checkScene(`${where}.scene`, rec.scene);
  }
  if (rec.platform !== undefined) {
    patch.platform =
      rec.platform === null ? null : checkPlatform(`${where}.platform`, rec.platform);
  }
  if (rec.requirePrivateMapKey !== undefined) {
    const value = rec.requirePrivateMapKey;
    patch.requirePrivateMapKey =
      value === null ? null : checkFlag(`${where}.requirePrivateMapKey`, value);
  }
  return patch;
}

/** Refuses fields other than the settings' own. */
export function checkSettingsFields(where: string, json: unknown): void {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
  const unknown = Object.keys(json).filter((key) => !SETTING_FIELDS.includes(key));
  if (unknown.length > 0) {
    throw badRequest(
      `${where}: unknown field ${JSON.stringify(unknown[0])}; one of ${SETTING_FIELDS.join(', ')}`,
    );
  }
}

/** The emulator-wide defaults from the hub's options; throws EmulatorError BAD_REQUEST. */
export function checkDefaults(options: {
  readonly platform?: unknown;
  readonly requirePrivateMapKey?: unknown;
}): EmulatorDefaults {
  const requirePrivateMapKey = options.requirePrivateMapKey ?? false;
  if (typeof requirePrivateMapKey !== 'boolean') {
    throw badRequest('requirePrivateMapKey must be true or false');
  }
  return {
    platform: checkPlatform('platform', options.platform ?? DEFAULT_PLATFORM),
    requirePrivateMapKey,
  };
}

/** The rooms' own settings, kept by room key while the emulator runs. */
export class RoomSettingsStore {
  private readonly own = new Map<RoomKey, RoomSettingsPatch>();

  constructor(
    readonly defaults: EmulatorDefaults,
    private readonly maxRooms: number,
  ) {}

  get(key: RoomKey): RoomSettings {
    const own = this.own.get(key) ?? {};
    return {
      scene: own.scene ?? null,
      platform: own.platform ?? this.defaults.platform,
      requirePrivateMapKey: own.requirePrivateMapKey ?? this.defaults.requirePrivateMapKey,
    };
  }

  /** Applies `patch` to the room's own settings; throws LIMIT past maxRooms configured rooms. */
  set(key: RoomKey, patch: RoomSettingsPatch): RoomSettings {
    const merged = Object.fromEntries(
      Object.entries({ ...this.own.get(key), ...patch }).filter(([, value]) => value != null),
    ) as RoomSettingsPatch;
    if (Object.keys(merged).length === 0) this.own.delete(key);
    else {
      if (!this.own.has(key) && this.own.size >= this.maxRooms) {
        throw overLimit(`the emulator keeps settings for at most ${this.maxRooms} rooms`);
      }
      this.own.set(key, merged);
    }
    return this.get(key);
  }
}

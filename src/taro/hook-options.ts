// What useTrtcRoom and <TrtcRoom> take: the native <trtc-room>'s properties (camelCase, the same
// defaults) and a typed callback per event.
import { ROOM_PROPERTIES } from '../host';
import type { ProfileResolver } from '../host';
import type { TrtcRoomProperties } from '../host';
import type { TrtcRoomEventProps } from './events';

export interface TrtcRoomExtras {
  /**
   * Names and avatars the app looks up itself, asked once per user as they get a tile (sync or
   * async); the `profiles` option wins over it. Keep it stable (useCallback): a new function
   * asks every user again.
   */
  readonly resolveProfile?: ProfileResolver;
}

export type TrtcRoomOptions = Partial<TrtcRoomProperties> & TrtcRoomEventProps & TrtcRoomExtras;

type Spec = typeof ROOM_PROPERTIES;

/** Every property's default, as the native component starts with it. */
export const ROOM_DEFAULTS: TrtcRoomProperties = Object.keys(ROOM_PROPERTIES).reduce(
  (defaults, key) => ({ ...defaults, [key]: ROOM_PROPERTIES[key as keyof Spec].value }),
  {} as TrtcRoomProperties,
);

/** The options with every property filled in (an explicit `undefined` takes the default). */
export function withDefaults(
  options: TrtcRoomOptions,
): TrtcRoomProperties & TrtcRoomEventProps & TrtcRoomExtras {
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) if (value !== undefined) given[key] = value;
  const filled: TrtcRoomOptions = given;
  return { ...ROOM_DEFAULTS, ...filled };
}

// Bots in the test's emulator (its RoomHub, in this process): users that are in the room without
// a page, publishing what they are told to.
import type { BotAction, BotOptions, RoomRef, RunningEmulator } from '../emulator';
import { DEV_SDK_APP_ID, roomKeyOf } from '../emulator';

/** A room: its numeric id, or `{ roomId }` / `{ strRoomId }` (sdkAppId: the emulator's dev app). */
export type RoomSpec =
  | number
  | { readonly roomId: number; readonly sdkAppId?: number }
  | { readonly strRoomId: string; readonly sdkAppId?: number };

export interface TestBot {
  readonly userId: string;
  /** The emulator's room key, `${sdkAppId}:${roomId}`. */
  readonly room: string;
  /** `{ do: 'camera', on: false }`, `{ do: 'speak', volume: 60 }`... (docs/emulator.md, Bots). */
  act(action: BotAction): void;
  leave(): void;
}

export function roomRefOf(room: RoomSpec): RoomRef {
  if (typeof room === 'number') return { sdkAppId: DEV_SDK_APP_ID, roomId: room };
  if (typeof room !== 'object' || room === null) {
    throw new TypeError(`addBot: the room is a room id or { roomId } / { strRoomId }, got ${room}`);
  }
  const sdkAppId = room.sdkAppId ?? DEV_SDK_APP_ID;
  return 'strRoomId' in room
    ? { sdkAppId, strRoomId: room.strRoomId }
    : { sdkAppId, roomId: room.roomId };
}

/** Adds a bot (camera and microphone on unless `options` says otherwise). */
export function addBot(
  emulator: RunningEmulator,
  room: RoomSpec,
  options: BotOptions = {},
): TestBot {
  const ref = roomRefOf(room);
  const key = roomKeyOf(ref);
  const audience = options.role === 'audience';
  const bot = emulator.hub.addBot(ref, {
    camera: !audience,
    microphone: !audience,
    ...options,
  });
  return {
    userId: bot.userId,
    room: key,
    act: (action) => emulator.hub.botAction(key, bot.userId, action),
    leave: () => emulator.hub.removeBot(key, bot.userId),
  };
}

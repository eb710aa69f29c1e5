// Who may enter a room, and how: the UserSig, the room's PrivateMapKey requirement, the room's
// scene and platform, the limits, and the older session of the same user (kicked).
import type { EmulatorPlatform, ServerFrame } from '../src/core/emulator/wire';
import type { ParsedPusherUrl } from '../src/core/url/pusher-params';
import { parsePusherUrl } from '../src/core/url/pusher-url';
import { verifyUserSig } from '../src/usersig/check';
import { Bot } from './bots';
import { disconnected, enterFailed, privilegeRefused, userSigRejected } from './events';
import type { LogInput } from './log';
import { checkPrivateMapKey } from './private-map-key';
import { roomKeyOf } from './room-key';
import type { Rooms } from './rooms';
import type { Room } from './room';
import { Session } from './session';
import type { RoomSettingsStore } from './settings';
import type { RoomRef } from './emulator-types';

/** Why the hub keeps a client out: the frame that tells it, and a line for the log. */
export interface Refusal {
  readonly refused: ServerFrame;
  readonly why: string;
}

/** What the hub lets a client enter with. */
export interface Admission {
  readonly room: Room;
  readonly userId: string;
  /** The PrivateMapKey's privilege map; null when the room requires no PrivateMapKey. */
  readonly privilegeMask: number | null;
  /** The room's platform, for a client whose enter frame names none. */
  readonly platform: EmulatorPlatform;
}

export interface AdmissionDeps {
  readonly secretKey: string;
  readonly rooms: Rooms;
  readonly settings: RoomSettingsStore;
  now(): number;
  log(input: LogInput): void;
}

/**
 * Why `userSig` does not verify for this user of this SDKAppID with the emulator's key (the text
 * a refusal quotes), or null when it does. Room admission (-100018) and the Chat relay's login
 * both check UserSigs this way.
 */
export function userSigProblem(
  userSig: string,
  who: { readonly sdkAppId: number; readonly userId: string },
  deps: Pick<AdmissionDeps, 'secretKey' | 'now'>,
): string | null {
  const result = verifyUserSig(userSig, {
    secretKey: deps.secretKey,
    sdkAppId: who.sdkAppId,
    userId: who.userId,
    now: deps.now(),
  });
  if (result.ok) return null;
  return result.reason === 'expired'
    ? `UserSig ${result.message}`
    : `UserSig rejected (${result.reason}): ${result.message}`;
}

const refusedBy = (refused: Refusal['refused'], why: string): Refusal => ({ refused, why });

/**
 * Lets `session` into the room its `room://` URL names, or refuses: -3301 for a URL that does not
 * parse, a full room or a limit; -100018 for a bad UserSig; in a room that requires
 * PrivateMapKeys, -1307 without a key and -100006 for a bad one (docs/protocol.md §2.1, Tencent's
 * mini-program error codes).
 */
export function admit(text: string, session: Session, deps: AdmissionDeps): Admission | Refusal {
  let url: ParsedPusherUrl;
  try {
    url = parsePusherUrl(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return refusedBy(enterFailed(why), `enter refused: ${why}`);
  }
  const refused = (frame: ServerFrame, why: string): Refusal =>
    refusedBy(frame, `enter as ${url.userId} refused: ${why}`);
  const sigProblem = userSigProblem(url.userSig, url, deps);
  if (sigProblem !== null) return refused(userSigRejected(sigProblem), sigProblem);
  const ref: RoomRef =
    url.strRoomId !== undefined
      ? { sdkAppId: url.sdkAppId, strRoomId: url.strRoomId }
      : { sdkAppId: url.sdkAppId, roomId: url.roomId };
  const key = roomKeyOf(ref);
  const settings = deps.settings.get(key);
  let privilegeMask: number | null = null;
  if (settings.requirePrivateMapKey) {
    const check = checkPrivateMapKey(url, deps.secretKey, deps.now());
    if (!check.ok) {
      const why = `${check.reason}: ${check.message}`;
      return refused(check.reason === 'missing' ? disconnected(why) : privilegeRefused(why), why);
    }
    privilegeMask = check.privilegeMask;
  }
  const older = deps.rooms.get(key)?.get(url.userId);
  if (older instanceof Bot) {
    const why = `${url.userId} is a bot in room ${key}`;
    return refused(enterFailed(why), why);
  }
  if (older instanceof Session && older !== session) older.fault({ kind: 'kick' });
  const room = deps.rooms.open(ref, settings.scene ?? url.scene);
  if (typeof room === 'string') return refused(enterFailed(room), room);
  const full = deps.rooms.fullness(room);
  if (full !== null) return refused(enterFailed(full), full);
  if (room.scene !== url.scene) {
    const text = `${url.userId} enters with appscene ${url.scene}; the room's scene is ${room.scene}`;
    deps.log({ room: key, userId: url.userId, kind: 'scene', text });
  }
  deps.rooms.joined();
  return { room, userId: url.userId, privilegeMask, platform: settings.platform };
}

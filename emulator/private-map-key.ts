// PrivateMapKeys in rooms that require them: the key in the room:// URL must be signed with the
// secret key for this SDKAppID, user and room, unexpired, and grant entering (2). What a client
// publishes then needs send audio (4), send video (16) or send sub-stream (64).
import type { PrivilegeName } from '../src/core/usersig/privileges';
import { PRIVILEGES } from '../src/core/usersig/privileges';
import type { ParsedPusherUrl } from '../src/core/url/pusher-params';
import { verifyUserSig } from '../src/usersig/check';
import type { MediaState } from './events';

export type PrivateMapKeyProblem =
  | 'missing'
  | 'malformed'
  | 'not-a-private-map-key'
  | 'sdkappid-mismatch'
  | 'identifier-mismatch'
  | 'room-mismatch'
  | 'expired'
  | 'bad-signature'
  | 'no-enter-privilege';

export type PrivateMapKeyCheck =
  | { readonly ok: true; readonly privilegeMask: number }
  | { readonly ok: false; readonly reason: PrivateMapKeyProblem; readonly message: string };

const refuse = (reason: PrivateMapKeyProblem, message: string): PrivateMapKeyCheck => ({
  ok: false,
  reason,
  message,
});

const roomName = (ref: { roomId?: number; strRoomId?: string }): string =>
  ref.strRoomId !== undefined
    ? `string room ${JSON.stringify(ref.strRoomId)}`
    : `room ${ref.roomId}`;

/** Checks `url.privateMapKey` for the room the URL enters, at `now` (ms since the epoch). */
export function checkPrivateMapKey(
  url: ParsedPusherUrl,
  secretKey: string,
  now: number,
): PrivateMapKeyCheck {
  const key = url.privateMapKey;
  if (key === undefined || key === '') {
    return refuse('missing', 'this room requires a PrivateMapKey and the URL has none');
  }
  const verified = verifyUserSig(key, {
    secretKey,
    sdkAppId: url.sdkAppId,
    userId: url.userId,
    now,
  });
  if (!verified.ok) return refuse(verified.reason, verified.message);
  const grant = verified.decoded.userbuf;
  if (grant === undefined) {
    return refuse('not-a-private-map-key', 'the privatemapkey is a UserSig: it grants no room');
  }
  const granted =
    grant.roomType === 'string' ? { strRoomId: grant.strRoomId } : { roomId: grant.roomId };
  const entered =
    url.strRoomId !== undefined ? { strRoomId: url.strRoomId } : { roomId: url.roomId };
  if (roomName(granted) !== roomName(entered)) {
    return refuse('room-mismatch', `granted for ${roomName(granted)}, not ${roomName(entered)}`);
  }
  if ((grant.privilegeMask & PRIVILEGES['enter-room']) === 0) {
    return refuse(
      'no-enter-privilege',
      `the privilege map ${grant.privilegeMask} lacks enter-room (2)`,
    );
  }
  return { ok: true, privilegeMask: grant.privilegeMask };
}

/** The send privileges `media` needs and `privilegeMask` lacks (camera, microphone, screen). */
function missingSendPrivileges(media: MediaState, privilegeMask: number): PrivilegeName[] {
  const needed: PrivilegeName[] = [];
  if (media.microphone) needed.push('send-audio');
  if (media.camera) needed.push('send-video');
  if (media.screen) needed.push('send-sub-stream');
  return needed.filter((name) => (privilegeMask & PRIVILEGES[name]) === 0);
}

/** `media` without what the missing privileges forbid: the part the room receives. */
function grantedMedia(media: MediaState, missing: readonly PrivilegeName[]): MediaState {
  return {
    camera: media.camera && !missing.includes('send-video'),
    microphone: media.microphone && !missing.includes('send-audio'),
    muted: media.muted,
    screen: media.screen && !missing.includes('send-sub-stream'),
  };
}

/** "send-audio (4), send-video (16)". */
export const describePrivileges = (names: readonly PrivilegeName[]): string =>
  names.map((name) => `${name} (${PRIVILEGES[name]})`).join(', ');

/** What a client asks to publish, against what its PrivateMapKey lets it send. */
export class SendGrant {
  private refused: readonly PrivilegeName[] = [];

  /** `privilegeMask` null: the room requires no PrivateMapKey, everything may be sent. */
  constructor(private readonly privilegeMask: number | null) {}

  /** Takes the new request; returns the privileges it lacks that the previous one did not need. */
  update(requested: MediaState): PrivilegeName[] {
    const before = this.refused;
    this.refused =
      this.privilegeMask === null ? [] : missingSendPrivileges(requested, this.privilegeMask);
    return this.refused.filter((name) => !before.includes(name));
  }

  granted(requested: MediaState): MediaState {
    return grantedMedia(requested, this.refused);
  }
}

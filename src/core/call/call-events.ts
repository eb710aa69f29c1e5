// The call client's state and events: the single source of their names and payloads.
import type { CallMediaType, CallRoom } from './call-payload';

/** idle → dialing (we rang) or ringing (we are rung) → connected → idle. */
export type CallState = 'idle' | 'dialing' | 'ringing' | 'connected';

export type CallRole = 'caller' | 'callee';

export type CallEndReason =
  /** We hung up a connected call. */
  | 'hung-up'
  /** Dialing, we hung up; ringing, the caller did. */
  | 'cancelled'
  /** Everyone we rang declined; or we declined. */
  | 'declined'
  /** The one we rang is in another call. */
  | 'busy'
  /** Nobody answered in time (caller); or we did not (callee). */
  | 'no-answer'
  /** Ringing, another device of ours accepted or declined the call. */
  | 'answered-elsewhere'
  /** Everyone else left the room. */
  | 'remote-left'
  /** Entering the room or sending a message failed (`message` says what). */
  | 'error';

export interface CallInfo {
  /** The invitation's id; '' until the invitation is sent. */
  readonly callId: string;
  readonly role: CallRole;
  readonly media: CallMediaType;
  readonly room: CallRoom;
  readonly caller: string;
  /** Everyone rung (for a callee: as the invitation lists them). */
  readonly invitees: readonly string[];
  /** The Chat group of a group call, or null. */
  readonly groupId: string | null;
  readonly userData: string;
}

export interface CallEnd {
  readonly call: CallInfo;
  readonly reason: CallEndReason;
  /** Whole seconds connected (0 if the call never connected). */
  readonly durationS: number;
  /** For `error`: what failed; for `answered-elsewhere`: what the other device did. */
  readonly message: string | null;
}

export interface CallClientEvents {
  'state-changed': [change: { readonly from: CallState; readonly to: CallState }];
  /** Someone rings us: accept() or decline(). */
  incoming: [call: CallInfo];
  'user-accepted': [userId: string];
  'user-declined': [userId: string];
  'user-busy': [userId: string];
  'user-no-response': [userId: string];
  /** A participant entered the call's room. */
  'user-joined': [userId: string];
  'user-left': [userId: string];
  /** The call went from video to audio (either side asked). */
  'media-changed': [media: CallMediaType];
  ended: [end: CallEnd];
}

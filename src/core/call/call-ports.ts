// What a call client needs from the outside, as ports of our own: a signaling channel (Tencent
// Chat's signaling, or the room emulator's relay in DevTools) and the call's TRTC room (a room
// client, or the <trtc-room> the call screen renders). Adapters map real parts onto them.
import type { SignalingAction } from './call-decode';
import type { CallMediaType, CallRoom } from './call-payload';

/** One signaling message as received. */
export interface SignalingMessage {
  readonly action: SignalingAction;
  /** The invitation it belongs to (what we call the call id). */
  readonly inviteId: string;
  readonly inviter: string;
  /** Everyone the invitation rings. */
  readonly invitees: readonly string[];
  /** Who answered, declined or timed out (accept, reject, timeout); else the inviter. */
  readonly from: string;
  /** The Chat group of a group call, or ''. */
  readonly groupId: string;
  /** The av_call payload (call-payload.ts), as sent. */
  readonly data: string;
}

export interface InviteRequest {
  readonly invitees: readonly string[];
  /** A group call rings through its Chat group; null for one to one. */
  readonly groupId: string | null;
  readonly data: string;
  /** Seconds the invitees have to answer; 0 for a record that rings nobody. */
  readonly timeoutS: number;
  /** offlinePushInfo.extension (callPushExtension), so native apps ring while closed. */
  readonly pushExtension: string | null;
}

/** The signaling channel, logged in as the call client's user. */
export interface CallSignaling {
  /** Sends an invitation; resolves with its id. */
  invite(request: InviteRequest): Promise<string>;
  accept(inviteId: string, data: string): Promise<void>;
  reject(inviteId: string, data: string): Promise<void>;
  cancel(inviteId: string, data: string): Promise<void>;
  /** Replaces an invitation's payload for everyone it reaches (Chat's modifyInvitation). */
  modify(inviteId: string, data: string): Promise<void>;
  /** Every signaling message received; returns the unsubscribe function. */
  subscribe(listener: (message: SignalingMessage) => void): () => void;
}

/** The call's TRTC room: entered as an anchor, audio or video by the call's media. */
export interface CallRoomPort {
  /** Resolves once in the room; rejects (a TrtcError) when entering failed. */
  enter(room: CallRoom, media: CallMediaType): Promise<void>;
  exit(): Promise<void>;
  /** The remote users entering (true) and leaving (false); returns the unsubscribe function. */
  watchUsers(listener: (userId: string, present: boolean) => void): () => void;
  /** Stops publishing the camera for the rest of the call. */
  dropVideo(): void;
  /**
   * The room was lost while the call was in it (kicked, failed, its view closed): `message` says
   * why. Returns the unsubscribe function.
   */
  watchLost(listener: (message: string) => void): () => void;
}

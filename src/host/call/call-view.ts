// What a call screen shows, as plain data from the call's state: who (names and avatars from the
// app's profiles), the phase, a status line, the duration and, after the call, why it ended.
// <trtc-call> and Taro's <TrtcCall> both render it.
import type { CallEndReason, CallInfo, CallRole } from '../../core/call/call-events';
import type { CallMediaType } from '../../core/call/call-payload';
import { identityOf } from '../view/profiles';
import type { Identity, Profiles } from '../view/profiles';

export type CallPhase = 'idle' | 'dialing' | 'ringing' | 'connected' | 'ended';

export interface CallPeer extends Identity {
  readonly userId: string;
}

export interface CallEndView {
  readonly reason: CallEndReason;
  /** What to tell the user ("Bob declined", "No answer", ...). */
  readonly text: string;
}

export interface CallView {
  readonly phase: CallPhase;
  readonly role: CallRole | null;
  readonly media: CallMediaType;
  /** The others: for a caller, everyone rung; for a callee, the caller. */
  readonly peers: readonly CallPeer[];
  /** Their names, joined. */
  readonly title: string;
  /** "Calling…", "Incoming video call", "01:23", or how the call ended. */
  readonly status: string;
  readonly durationS: number;
  readonly end: CallEndView | null;
  /** Ringing, and accepted here: the room is entering ("Connecting…", only hang up). */
  readonly connecting: boolean;
}

export interface CallViewInput {
  readonly phase: CallPhase;
  readonly call: CallInfo | null;
  readonly durationS: number;
  readonly end: { readonly reason: CallEndReason; readonly message: string | null } | null;
  readonly profiles: Profiles;
  /** This device accepted the call ringing it and is entering its room. */
  readonly accepting?: boolean;
}

export const IDLE_CALL_VIEW: CallView = {
  phase: 'idle',
  role: null,
  media: 'video',
  peers: [],
  title: '',
  status: '',
  durationS: 0,
  end: null,
  connecting: false,
};

/** 83 → "01:23"; an hour or more → "1:02:03". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`;
}

function endText(
  reason: CallEndReason,
  role: CallRole | null,
  title: string,
  message: string | null,
): string {
  const caller = role === 'caller';
  switch (reason) {
    case 'hung-up':
    case 'remote-left':
      return 'Call ended';
    case 'cancelled':
      return caller ? 'Call cancelled' : 'Missed call: the caller hung up';
    case 'declined':
      return caller ? `${title} declined` : 'Call declined';
    case 'busy':
      return `${title} is in another call`;
    case 'no-answer':
      return caller ? 'No answer' : 'Missed call';
    case 'answered-elsewhere':
      return `Answered elsewhere: ${message ?? 'on another device'}`;
    case 'error':
      return `The call failed: ${message ?? 'unknown error'}`;
  }
}

export function callViewOf(input: CallViewInput): CallView {
  const { call, phase } = input;
  if (call === null || phase === 'idle') return IDLE_CALL_VIEW;
  const others = call.role === 'caller' ? call.invitees : [call.caller];
  const peers = others.map((userId) => ({ userId, ...identityOf(userId, input.profiles) }));
  const title = peers.map((peer) => peer.name).join(', ');
  const end =
    phase === 'ended' && input.end !== null
      ? {
          reason: input.end.reason,
          text: endText(input.end.reason, call.role, title, input.end.message),
        }
      : null;
  const kind = call.media === 'video' ? 'video' : 'audio';
  const connecting = phase === 'ringing' && input.accepting === true;
  const status =
    end !== null
      ? end.text
      : phase === 'dialing'
        ? 'Calling…'
        : connecting
          ? 'Connecting…'
          : phase === 'ringing'
            ? `Incoming ${kind} call${call.groupId === null ? '' : ' (group)'}`
            : formatDuration(input.durationS);
  return {
    phase,
    role: call.role,
    media: call.media,
    peers,
    title,
    status,
    durationS: input.durationS,
    end,
    connecting,
  };
}

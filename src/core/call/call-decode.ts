// Reads the business payload of a received call signaling message (docs/calls.md). Never throws:
// a message that is not one of ours to act on (another business, the server-mediated "v3" calls,
// broken JSON, an invitation without a room) is `ignored`, with the reason for the log.
import { MAX_UINT32, STR_ROOM_ID_PATTERN } from '../validate';
import {
  CALL_BUSINESS_ID,
  HANGUP_CMD,
  LINE_BUSY_MESSAGE,
  SWITCH_TO_AUDIO_CMD,
  callMediaType,
} from './call-payload';
import type { CallMediaType, CallRoom } from './call-payload';

/** The Chat signaling action a payload arrived with (TSignaling actionType 1-5). */
export type SignalingAction = 'invite' | 'cancel' | 'accept' | 'reject' | 'timeout';

export type CallSignal =
  | {
      readonly type: 'invite';
      readonly media: CallMediaType;
      readonly room: CallRoom;
      readonly inviter: string;
      /** Everyone invited, as the payload lists them (may be empty: the envelope lists them too). */
      readonly userIds: readonly string[];
      readonly userData: string;
    }
  /** Asks to drop video; `room`: the call it is about, when the payload names one. */
  | { readonly type: 'switch-to-audio'; readonly room: CallRoom | null }
  | { readonly type: 'switch-to-audio-accepted' }
  /** History only: the side that stayed says how long the call lasted. Never a call. */
  | {
      readonly type: 'hangup-record';
      readonly durationS: number;
      /** The room of the call it records. */
      readonly room: CallRoom | null;
    }
  | { readonly type: 'accepted' }
  | { readonly type: 'declined' }
  | { readonly type: 'line-busy' }
  | { readonly type: 'cancelled' }
  | { readonly type: 'timeout' }
  | { readonly type: 'ignored'; readonly reason: string };

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const ignored = (reason: string): CallSignal => ({ type: 'ignored', reason });

function parse(data: unknown): Json | string {
  if (isObject(data)) return data;
  if (typeof data !== 'string') return `the payload is ${data === null ? 'null' : typeof data}`;
  try {
    const value: unknown = JSON.parse(data);
    return isObject(value) ? value : 'the payload is not a JSON object';
  } catch {
    return 'the payload is not JSON';
  }
}

const validRoomId = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_UINT32;

const validStrRoomId = (value: unknown): value is string =>
  typeof value === 'string' && STR_ROOM_ID_PATTERN.test(value);

/** `data.room_id` / `data.str_room_id` win; the top-level `room_id` is the fallback; 0 is none. */
export function callRoomOf(payload: Json): CallRoom | null {
  const data = isObject(payload['data']) ? payload['data'] : {};
  if (validRoomId(data['room_id'])) return { roomId: data['room_id'] };
  if (validStrRoomId(data['str_room_id'])) return { strRoomId: data['str_room_id'] };
  if (validRoomId(payload['room_id'])) return { roomId: payload['room_id'] };
  return null;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function decodeInvite(payload: Json, data: Json, envelopeInviter: string): CallSignal {
  const cmd = text(data['cmd']);
  if (cmd === HANGUP_CMD) {
    const seconds = payload['call_end'];
    const durationS = typeof seconds === 'number' && seconds >= 0 ? Math.floor(seconds) : 0;
    return { type: 'hangup-record', durationS, room: callRoomOf(payload) };
  }
  if (cmd === SWITCH_TO_AUDIO_CMD || payload['switch_to_audio_call'] !== undefined) {
    return { type: 'switch-to-audio', room: callRoomOf(payload) };
  }
  const media = callMediaType(Number(payload['call_type']));
  if (media === null) return ignored(`call_type ${JSON.stringify(payload['call_type'])}`);
  if (cmd !== '' && cmd !== 'videoCall' && cmd !== 'audioCall') {
    return ignored(`cmd ${JSON.stringify(cmd)}`);
  }
  if (data['consumed'] === true) return ignored('consumed: another device has this invitation');
  const room = callRoomOf(payload);
  if (room === null) return ignored('the invitation names no room (room 0)');
  const listed = Array.isArray(data['userIDs']) ? data['userIDs'] : [];
  return {
    type: 'invite',
    media,
    room,
    inviter: text(data['inviter']) || envelopeInviter,
    userIds: listed.filter((id): id is string => typeof id === 'string' && id !== ''),
    userData: text(payload['userData']),
  };
}

/**
 * A received payload as a call signal. `envelopeInviter`: the signaling message's own `inviter`
 * (minimal invitations leave it out of the payload).
 */
export function decodeCallSignal(
  action: SignalingAction,
  data: unknown,
  envelopeInviter = '',
): CallSignal {
  const parsed = parse(data);
  if (action !== 'invite') {
    // An answer belongs to an invitation by its id: the action says what it is, and a payload
    // we cannot read (another client's, or none) only hides line busy and switch to audio.
    return answerOf(action, typeof parsed === 'string' ? {} : parsed);
  }
  if (typeof parsed === 'string') return ignored(parsed);
  if (isObject(parsed['Head'])) return ignored('a server-mediated ("v3") call payload');
  if (parsed['businessID'] !== CALL_BUSINESS_ID) {
    return ignored(`businessID ${JSON.stringify(parsed['businessID'])}`);
  }
  return decodeInvite(parsed, isObject(parsed['data']) ? parsed['data'] : {}, envelopeInviter);
}

function answerOf(action: Exclude<SignalingAction, 'invite'>, payload: Json): CallSignal {
  const inner = isObject(payload['data']) ? payload['data'] : {};
  const switching = text(inner['cmd']) === SWITCH_TO_AUDIO_CMD;
  switch (action) {
    case 'accept':
      return switching ? { type: 'switch-to-audio-accepted' } : { type: 'accepted' };
    case 'reject': {
      const busy =
        payload['line_busy'] !== undefined || text(inner['message']) === LINE_BUSY_MESSAGE;
      return busy ? { type: 'line-busy' } : { type: 'declined' };
    }
    case 'cancel':
      return { type: 'cancelled' };
    case 'timeout':
      return { type: 'timeout' };
  }
}

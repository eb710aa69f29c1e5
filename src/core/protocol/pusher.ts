import { assertNever } from './assert-never';
import type { PusherStateCode } from './codes';
import {
  PUSHER_ERROR_CODES,
  PUSHER_STATE_CODES,
  isPusherErrorCode,
  isPusherStateCode,
} from './codes';
import type { EntryParser } from './payload';
import {
  exitReason,
  parseAudioState,
  parseBatch,
  parseListEntry,
  parseUser,
  parseVideoState,
  summarize,
} from './payload';
import { guard, log, malformed, readCoded, textOrNull } from './read';
import type {
  BatchCode,
  BatchEntries,
  BatchEvent,
  KnownPusherErrorEvent,
  MalformedEvent,
  PayloadCode,
  PusherErrorEvent,
  PusherStateEvent,
  RoomExitedEvent,
  SimplePusherStateEvent,
} from './event-types';

const STATE = 'pusher statechange';
const ERROR = 'pusher error';

const PAYLOAD_CODES: readonly number[] = [
  1019, 1020, 1031, 1032, 1033, 1034,
] satisfies PayloadCode[];

const isPayloadCode = (code: number): code is PayloadCode => PAYLOAD_CODES.indexOf(code) >= 0;

/** Decodes a live-pusher `bindstatechange` detail `{ code, message }`. Never throws. */
export function decodePusherStateChange(detail: unknown): PusherStateEvent {
  return guard(STATE, detail, (raw): PusherStateEvent => {
    const read = readCoded(STATE, raw, 'code', 'message');
    if ('type' in read) return read;
    const { code, message } = read;
    if (!isPusherStateCode(code)) {
      log.debug(`${STATE}: unknown code ${code}`);
      return { type: 'unknown', code, message: textOrNull(message) };
    }
    return isPayloadCode(code) ? decodePayload(code, message, raw) : simple(code, message);
  });
}

function simple(code: Exclude<PusherStateCode, PayloadCode>, message: unknown) {
  const [type, severity] = PUSHER_STATE_CODES[code];
  // The mapped union cannot be rebuilt from a generic code; the table lookup guarantees the pairing.
  return { type, code, severity, message: textOrNull(message) } as SimplePusherStateEvent;
}

function decodePayload(code: PayloadCode, message: unknown, raw: unknown): PusherStateEvent {
  switch (code) {
    case 1019:
      return roomExited(message);
    case 1020:
      return batch(code, message, raw, parseListEntry);
    case 1031:
      return batch(code, message, raw, parseUser);
    case 1032:
      return batch(code, message, raw, parseUser);
    case 1033:
      return batch(code, message, raw, parseVideoState);
    case 1034:
      return batch(code, message, raw, parseAudioState);
    default:
      return assertNever(code);
  }
}

/** 1019 is never malformed: leaving the room is news even without a readable reason. */
function roomExited(message: unknown): RoomExitedEvent {
  const text = textOrNull(message);
  const { reason, reasonCode } = exitReason(text);
  const severity = reason === 'normal' ? 'info' : 'warning';
  return { type: 'room-exited', code: 1019, severity, reason, reasonCode, message: text };
}

function batch<C extends BatchCode>(
  code: C,
  message: unknown,
  raw: unknown,
  parse: EntryParser<BatchEntries[C]>,
): BatchEvent<C> | MalformedEvent {
  const result = parseBatch(message, parse);
  if (typeof result === 'string') return malformed(STATE, code, raw, `${code} ${result}`);
  const { users, rejected } = result;
  if (rejected.length > 0) {
    log.warn(
      `${STATE}: ${code} dropped ${rejected.length} of ${rejected.length + users.length} userlist entries: ${summarize(rejected)}`,
      raw,
    );
  }
  const [type, severity] = PUSHER_STATE_CODES[code];
  return { type, code, severity, users, rejected };
}

/** Decodes a live-pusher `binderror` detail `{ errCode, errMsg }`. Never throws. */
export function decodePusherError(detail: unknown): PusherErrorEvent {
  return guard(ERROR, detail, (raw): PusherErrorEvent => {
    const read = readCoded(ERROR, raw, 'errCode', 'errMsg');
    if ('type' in read) return read;
    const { code } = read;
    const message = textOrNull(read.message);
    if (!isPusherErrorCode(code)) {
      log.debug(`${ERROR}: unknown code ${code}`);
      return { type: 'unknown', code, message };
    }
    const [type, severity] = PUSHER_ERROR_CODES[code];
    return { type, code, severity, message } as KnownPusherErrorEvent;
  });
}

// Reads a trace from JSON (a file, a POST body): checks the schema and every entry's shape, and
// says what is wrong instead of throwing. A detail is kept as it is: replaying bad native input is
// what traces are for.
import { isRecord, own } from '../protocol/read';
import { TRACE_SCHEMA, TRACE_VERSION } from './trace-types';
import type { TraceEntry, TraceNativeEvent, TraceV1 } from './trace-types';

export type TraceRead =
  { readonly ok: true; readonly trace: TraceV1 } | { readonly ok: false; readonly problem: string };

// A Record keyed by every native event: a new one fails the type check until it is listed.
const NATIVE_EVENT_NAMES: Record<TraceNativeEvent, true> = {
  statechange: true,
  netstatus: true,
  audiovolumenotify: true,
  error: true,
  fullscreenchange: true,
  bgmstart: true,
  bgmprogress: true,
  bgmcomplete: true,
  enterpictureinpicture: true,
  leavepictureinpicture: true,
  castinguserselect: true,
  castingstatechange: true,
  castinginterrupt: true,
};
const NATIVE_EVENTS: readonly string[] = Object.keys(NATIVE_EVENT_NAMES);

const isTime = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function entryProblem(entry: unknown): string | null {
  if (!isRecord(entry) || !isTime(own(entry, 't'))) return 'needs a time "t" (ms, 0 or more)';
  const kind = own(entry, 'kind');
  switch (kind) {
    case 'native': {
      const source = own(entry, 'source');
      const playerId = own(entry, 'playerId');
      if (source !== 'pusher' && source !== 'player') return 'source must be pusher or player';
      if (source === 'player' && typeof playerId !== 'string')
        return 'a player event needs a playerId';
      if (NATIVE_EVENTS.indexOf(own(entry, 'event') as string) < 0) return 'unknown native event';
      return null;
    }
    case 'command':
      return typeof own(entry, 'name') === 'string' ? null : 'a command needs a name';
    case 'enter':
      return typeof own(entry, 'url') === 'string' ? null : 'enter needs a url';
    case 'exit':
      return null;
    case 'page':
      return own(entry, 'event') === 'show' || own(entry, 'event') === 'hide'
        ? null
        : 'page event must be show or hide';
    default:
      return `unknown kind ${JSON.stringify(kind)}`;
  }
}

/** `value`: the parsed JSON, or its text. Never throws. */
export function readTrace(value: unknown): TraceRead {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return { ok: false, problem: 'a trace must be JSON' };
    }
  }
  if (!isRecord(parsed)) return { ok: false, problem: 'a trace must be a JSON object' };
  if (own(parsed, 'schema') !== TRACE_SCHEMA) {
    return { ok: false, problem: `schema must be "${TRACE_SCHEMA}"` };
  }
  if (own(parsed, 'version') !== TRACE_VERSION) {
    return {
      ok: false,
      problem: `version ${JSON.stringify(own(parsed, 'version'))}: this trtc-room reads version ${TRACE_VERSION}`,
    };
  }
  const entries = own(parsed, 'entries');
  if (!Array.isArray(entries)) return { ok: false, problem: 'entries must be an array' };
  for (let i = 0; i < entries.length; i += 1) {
    const problem = entryProblem(entries[i]);
    if (problem !== null) return { ok: false, problem: `entries[${i}]: ${problem}` };
  }
  const platform = own(parsed, 'platform');
  const host = isRecord(platform) ? own(platform, 'host') : undefined;
  if (typeof host !== 'string') return { ok: false, problem: 'platform.host must be a string' };
  return { ok: true, trace: parsed as unknown as TraceV1 };
}

export const isNativeEvent = (value: string): value is TraceNativeEvent =>
  NATIVE_EVENTS.indexOf(value) >= 0;

export type { TraceEntry };

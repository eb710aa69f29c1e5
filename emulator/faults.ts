// Reading and checking faults (from the HTTP API's JSON or typed callers alike).
import { badRequest } from './errors';
import { DEFAULT_FAULT_COUNT } from './outbox';
import type { SessionFault } from './session';
import type { Fault, FaultKind, RoomKey } from './emulator-types';

export const FAULT_KINDS: readonly FaultKind[] = [
  'disconnect',
  'kick',
  'dismiss',
  'network-change',
  'background',
  'delay',
  'duplicate',
  'reorder',
];

/** The longest delay a fault may ask for. */
export const MAX_FAULT_DELAY_MS = 60_000;
/** The most frames a delivery fault may rewrite. */
export const MAX_FAULT_COUNT = 1000;

type Json = Record<string, unknown>;

function count(rec: Json, min: number): number {
  const value = rec.count ?? Math.max(min, DEFAULT_FAULT_COUNT);
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    value < min ||
    value > MAX_FAULT_COUNT
  ) {
    throw badRequest(
      `fault ${String(rec.kind)}: "count" must be an integer from ${min} to ${MAX_FAULT_COUNT}`,
    );
  }
  return value;
}

function text(rec: Json, key: string): string {
  const value = rec[key];
  if (typeof value !== 'string' || value === '') {
    throw badRequest(`fault ${String(rec.kind)}: "${key}" must be a non-empty string`);
  }
  return value;
}

/** Reads a Fault from JSON (or checks a typed one); throws EmulatorError BAD_REQUEST. */
export function parseFault(json: unknown): Fault {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw badRequest('a fault must be an object');
  }
  const rec = json as Json;
  const kind = rec.kind;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw badRequest(
      `unknown fault kind ${JSON.stringify(kind)}; one of ${FAULT_KINDS.join(', ')}`,
    );
  }
  const room: RoomKey = text(rec, 'room');
  if (kind === 'dismiss') return { kind, room };
  const userId = text(rec, 'userId');
  switch (kind) {
    case 'background': {
      const code = rec.code ?? 5000;
      if (code !== 5000 && code !== 5001)
        throw badRequest('fault background: "code" must be 5000 or 5001');
      return { kind, room, userId, code };
    }
    case 'delay': {
      const ms = rec.ms;
      if (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_FAULT_DELAY_MS) {
        throw badRequest(`fault delay: "ms" must be an integer from 0 to ${MAX_FAULT_DELAY_MS}`);
      }
      return { kind, room, userId, ms, count: count(rec, 1) };
    }
    case 'duplicate':
      return { kind, room, userId, count: count(rec, 1) };
    case 'reorder':
      return { kind, room, userId, count: count(rec, 2) };
    default:
      return { kind: kind as 'disconnect' | 'kick' | 'network-change', room, userId };
  }
}

/** What the session does for a (checked) fault other than dismiss. */
export function sessionFaultOf(fault: Exclude<Fault, { kind: 'dismiss' }>): SessionFault {
  switch (fault.kind) {
    case 'background':
      return { kind: 'background', code: fault.code ?? 5000 };
    case 'delay':
      return { kind: 'delay', ms: fault.ms, count: fault.count ?? DEFAULT_FAULT_COUNT };
    case 'duplicate':
    case 'reorder':
      return { kind: fault.kind, count: fault.count ?? DEFAULT_FAULT_COUNT };
    default:
      return { kind: fault.kind };
  }
}

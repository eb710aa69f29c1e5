import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LogRecord } from '../src/core/logger';
import type { PusherStateEvent } from '../src/core/protocol';
import { PUSHER_STATE_CODES, decodePusherStateChange, pusherCodeName } from '../src/core/protocol';
import { captureLogs } from './fakes/log-capture';
import { tableCodes } from './fakes/native-events';
import { mixedBatchCaseArb, pusherStateCaseArb } from './fakes/native-event-arbitraries';
import { anythingArb, applyAll, codedMutationArb } from './fakes/native-event-mutations';

jest.setTimeout(60_000);

const TYPES = new Set<string>([
  ...tableCodes(PUSHER_STATE_CODES).map((code) => pusherCodeName(code)!),
  'unknown',
  'malformed',
]);
const BATCH_CODES = [1020, 1031, 1032, 1033, 1034];

let logs: LogRecord[];
beforeEach(() => {
  logs = captureLogs();
});

const own = (value: unknown, key: string): unknown =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.prototype.hasOwnProperty.call(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;

/** Decodes with fresh log capture; returns the event and what it logged. */
function decode(detail: unknown): { event: PusherStateEvent; logged: LogRecord[] } {
  logs.length = 0;
  const event = decodePusherStateChange(detail);
  return { event, logged: logs.slice() };
}

/** What must hold for any input at all. Plain asserts: jest's matchers are too slow for 40k runs. */
function checkInvariants(detail: unknown, event: PusherStateEvent, logged: LogRecord[]): void {
  assert.ok(TYPES.has(event.type), event.type);
  const warnings = logged.filter((r) => r.level === 'warn');
  assert.ok(!logged.some((r) => r.level === 'error'));

  const code = own(detail, 'code');
  const message = own(detail, 'message');
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    assert.equal(event.type, 'malformed');
    assert.equal(event.code, null);
  } else if (pusherCodeName(code) === undefined) {
    assert.deepEqual(event, {
      type: 'unknown',
      code,
      message: typeof message === 'string' ? message : null,
    });
  } else {
    assert.equal(event.code, code === 0 ? 0 : code);
    const malformedAllowed = BATCH_CODES.includes(code) && event.type === 'malformed';
    if (!malformedAllowed) assert.equal(event.type, pusherCodeName(code));
  }

  if (event.type === 'malformed') {
    assert.equal(event.raw, detail);
    assert.doesNotMatch(event.problem, /^decoder failed/);
    assert.equal(warnings.length, 1);
    assert.ok(warnings[0]!.message.includes(event.problem));
  } else if ('rejected' in event) {
    const list = (JSON.parse(message as string) as { userlist: unknown[] }).userlist;
    assert.equal(event.users.length + event.rejected.length, list.length);
    event.rejected.forEach((r, i) => {
      assert.ok(r.index >= i && r.index < list.length && r.problem !== '');
    });
    assert.equal(warnings.length, event.rejected.length > 0 ? 1 : 0);
  } else {
    assert.equal(warnings.length, 0);
  }
}

describe('decodePusherStateChange properties (40,000 inputs)', () => {
  it('never throws on arbitrary input, and classifies it correctly (10,000)', () => {
    fc.assert(
      fc.property(anythingArb, (detail) => {
        const { event, logged } = decode(detail);
        checkInvariants(detail, event, logged);
      }),
      { numRuns: 10_000 },
    );
  });

  it('decodes every valid detail to exactly what was generated, silently (14,000)', () => {
    fc.assert(
      fc.property(pusherStateCaseArb, ({ detail, expected }) => {
        const { event, logged } = decode(detail);
        assert.deepStrictEqual(event, expected);
        assert.equal(logged.length, 0);
        checkInvariants(detail, event, logged);
      }),
      { numRuns: 14_000 },
    );
  });

  it('keeps the valid entries of a partly bad batch and rejects the rest (6,000)', () => {
    fc.assert(
      fc.property(mixedBatchCaseArb, ({ detail, code, users, rejectedIndexes }) => {
        const { event, logged } = decode(detail);
        checkInvariants(detail, event, logged);
        if (users.length === 0) {
          assert.equal(event.type, 'malformed');
          assert.equal(event.code, code);
          assert.match(event.problem, /^\d+ every userlist entry is invalid: /);
        } else {
          assert.ok('users' in event);
          assert.equal(event.type, pusherCodeName(code));
          assert.deepStrictEqual(event.users, users);
          assert.deepStrictEqual(
            event.rejected.map((r) => r.index),
            rejectedIndexes,
          );
        }
      }),
      { numRuns: 6_000 },
    );
  });

  it('survives mutated valid details: truncated JSON, swapped types, deleted fields (10,000)', () => {
    const mutated = fc
      .tuple(
        pusherStateCaseArb,
        fc.array(codedMutationArb('code', 'message'), { minLength: 1, maxLength: 3 }),
      )
      .map(([{ detail }, mutations]) => applyAll(detail, mutations));
    fc.assert(
      fc.property(mutated, (detail) => {
        const { event, logged } = decode(detail);
        checkInvariants(detail, event, logged);
      }),
      { numRuns: 10_000 },
    );
  });
});

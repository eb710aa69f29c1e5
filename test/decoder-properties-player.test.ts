import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LogRecord } from '../src/core/logger';
import type { MalformedEvent } from '../src/core/protocol';
import {
  NETWORK_QUALITY,
  NET_STATUS_FIELDS,
  decodeAudioVolume,
  decodeFullscreenChange,
  decodeNetStatus,
  decodePlayerStateChange,
  decodePusherError,
  playerCodeName,
  pusherErrorName,
} from '../src/core/protocol';
import { captureLogs } from './fakes/log-capture';
import type { Mutation } from './fakes/native-event-mutations';
import { audioVolume, fullscreenChange } from './fakes/native-events';
import {
  netStatusCaseArb,
  playerStateCaseArb,
  pusherErrorCaseArb,
} from './fakes/native-event-arbitraries';
import {
  anythingArb,
  applyAll,
  codedMutationArb,
  fieldMutationArb,
  inInfo,
} from './fakes/native-event-mutations';

jest.setTimeout(60_000);

let logs: LogRecord[];
beforeEach(() => {
  logs = captureLogs();
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (value: unknown, key: string): unknown =>
  isObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;

type Event = { readonly type: string } | MalformedEvent;

/** Decodes with fresh log capture, then checks what holds for every decoder and input. */
function decodeChecked<E extends Event>(decode: (detail: unknown) => E, detail: unknown): E {
  logs.length = 0;
  const event = decode(detail);
  const warnings = logs.filter((r) => r.level === 'warn');
  assert.ok(!logs.some((r) => r.level === 'error'));
  if (event.type === 'malformed') {
    const { problem, raw } = event as MalformedEvent;
    assert.equal(raw, detail);
    assert.doesNotMatch(problem, /^decoder failed/);
    assert.equal(warnings.length, 1);
    assert.ok(warnings[0]!.message.includes(problem));
  } else {
    assert.equal(warnings.length, 0);
  }
  return event;
}

/** Oracle for `{ code, message }`-style details decoded against a table. */
function checkCoded(
  detail: unknown,
  event: Event,
  name: (code: number) => string | undefined,
  codeKey: string,
  messageKey: string,
): void {
  const code = own(detail, codeKey);
  const message = own(detail, messageKey);
  if (typeof code !== 'number' || !Number.isInteger(code)) {
    assert.deepEqual(event, {
      type: 'malformed',
      code: null,
      raw: detail,
      problem: (event as MalformedEvent).problem,
    });
    return;
  }
  assert.equal(event.type, name(code) ?? 'unknown');
  assert.ok('code' in event && 'message' in event);
  assert.equal(event.code, code === 0 ? 0 : code);
  assert.equal(event.message, typeof message === 'string' ? message : null);
}

const DECIMAL = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?$/i;

/** An independent model of decodeNetStatus. */
function expectedNetStatus(detail: unknown): { stats: Record<string, unknown> } | 'malformed' {
  const info = own(detail, 'info');
  if (!isObject(detail) || !isObject(info)) return 'malformed';
  const stats: Record<string, unknown> = { quality: 'unknown' };
  for (const field of NET_STATUS_FIELDS) {
    const value = own(info, field);
    if (value === undefined) continue;
    const n =
      typeof value === 'string' && value.length <= 32 && DECIMAL.test(value)
        ? Number(value)
        : value;
    if (typeof n !== 'number' || !Number.isFinite(n)) return 'malformed';
    stats[field] = n;
  }
  const level = stats['netQualityLevel'];
  if (typeof level === 'number' && Number.isInteger(level) && level >= 0 && level <= 6) {
    stats['quality'] = NETWORK_QUALITY[level];
  }
  return { stats };
}

const mutations = (arb: fc.Arbitrary<Mutation>) => fc.array(arb, { minLength: 1, maxLength: 3 });

describe('decodePlayerStateChange properties (20,000 inputs)', () => {
  const check = (detail: unknown) => {
    const event = decodeChecked(decodePlayerStateChange, detail);
    checkCoded(detail, event, playerCodeName, 'code', 'message');
    return event;
  };

  it('arbitrary input (6,000)', () => {
    fc.assert(
      fc.property(anythingArb, (detail) => void check(detail)),
      { numRuns: 6_000 },
    );
  });

  it('valid details decode to what was generated (7,000)', () => {
    fc.assert(
      fc.property(playerStateCaseArb, ({ detail, expected }) => {
        assert.deepStrictEqual(check(detail), expected);
      }),
      { numRuns: 7_000 },
    );
  });

  it('mutated valid details (7,000)', () => {
    const arb = fc
      .tuple(playerStateCaseArb, mutations(codedMutationArb('code', 'message')))
      .map(([{ detail }, ms]) => applyAll(detail, ms));
    fc.assert(
      fc.property(arb, (detail) => void check(detail)),
      { numRuns: 7_000 },
    );
  });
});

describe('decodeNetStatus properties (20,000 inputs)', () => {
  const check = (detail: unknown) => {
    const event = decodeChecked(decodeNetStatus, detail);
    const expected = expectedNetStatus(detail);
    if (expected === 'malformed') assert.equal(event.type, 'malformed');
    else assert.deepStrictEqual(event, { type: 'net-status', stats: expected.stats });
    return event;
  };

  it('arbitrary input (5,000)', () => {
    const arb = fc.oneof(
      anythingArb,
      anythingArb.map((info) => ({ info })),
    );
    fc.assert(
      fc.property(arb, (detail) => void check(detail)),
      { numRuns: 5_000 },
    );
  });

  it('valid details decode to what was generated (7,000)', () => {
    fc.assert(
      fc.property(netStatusCaseArb, ({ detail, expected }) => {
        assert.deepStrictEqual(check(detail), expected);
      }),
      { numRuns: 7_000 },
    );
  });

  it('mutated valid details (8,000)', () => {
    const fieldMutation = fieldMutationArb(NET_STATUS_FIELDS).map(inInfo);
    const arb = fc
      .tuple(
        netStatusCaseArb,
        mutations(fc.oneof({ weight: 4, arbitrary: fieldMutation }, fieldMutationArb(['info']))),
      )
      .map(([{ detail }, ms]) => applyAll(detail, ms));
    fc.assert(
      fc.property(arb, (detail) => void check(detail)),
      { numRuns: 8_000 },
    );
  });
});

describe('binderror, audiovolumenotify and fullscreenchange properties (20,000 inputs)', () => {
  it('binderror: arbitrary, valid and mutated details (8,000)', () => {
    const arb = fc.oneof(
      anythingArb.map((detail) => ({ detail, expected: undefined })),
      pusherErrorCaseArb,
      fc
        .tuple(pusherErrorCaseArb, mutations(codedMutationArb('errCode', 'errMsg')))
        .map(([{ detail }, ms]) => ({ detail: applyAll(detail, ms), expected: undefined })),
    );
    fc.assert(
      fc.property(arb, ({ detail, expected }) => {
        const event = decodeChecked(decodePusherError, detail);
        checkCoded(detail, event, pusherErrorName, 'errCode', 'errMsg');
        if (expected) assert.deepStrictEqual(event, expected);
      }),
      { numRuns: 8_000 },
    );
  });

  it('audiovolumenotify: arbitrary, valid and mutated details (6,000)', () => {
    const valid = fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map(audioVolume);
    const arb = fc.oneof(
      anythingArb,
      valid,
      fc.tuple(valid, mutations(fieldMutationArb(['volume']))).map(([d, ms]) => applyAll(d, ms)),
    );
    fc.assert(
      fc.property(arb, (detail) => {
        const event = decodeChecked(decodeAudioVolume, detail);
        const volume = own(detail, 'volume');
        if (typeof volume === 'number' && Number.isFinite(volume) && volume >= 0) {
          assert.deepStrictEqual(event, { type: 'audio-volume', volume });
        } else {
          assert.equal(event.type, 'malformed');
        }
      }),
      { numRuns: 6_000 },
    );
  });

  it('fullscreenchange: arbitrary, valid and mutated details (6,000)', () => {
    const valid = fc
      .tuple(fc.boolean(), fc.oneof(fc.constantFrom(0, 90, -90), fc.string(), fc.integer()))
      .map(([fullScreen, direction]) => fullscreenChange(fullScreen, direction));
    const arb = fc.oneof(
      anythingArb,
      valid,
      fc
        .tuple(valid, mutations(fieldMutationArb(['fullScreen', 'direction'])))
        .map(([d, ms]) => applyAll(d, ms)),
    );
    fc.assert(
      fc.property(arb, (detail) => {
        const event = decodeChecked(decodeFullscreenChange, detail);
        const fullScreen = own(detail, 'fullScreen');
        const direction = own(detail, 'direction');
        const directionOk =
          typeof direction === 'string' ||
          (typeof direction === 'number' && Number.isFinite(direction));
        if (typeof fullScreen === 'boolean' && directionOk) {
          assert.deepStrictEqual(event, { type: 'fullscreen-change', fullScreen, direction });
        } else {
          assert.equal(event.type, 'malformed');
        }
      }),
      { numRuns: 6_000 },
    );
  });
});

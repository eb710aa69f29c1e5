/**
 * RoomClient against Tencent's trtc-wx-sdk on 10,000 random traces: 1018, then 1-40 details
 * mixing 1031/1032/1033 (main/aux, on/off)/1034/1020 over five user ids, malformed messages,
 * inert codes and re-enter codes, then exitRoom(). After every detail the harness
 * (test/fakes/conformance.ts, normalization rules N1-N7) compares users, streams, events and our
 * src; a failure prints the shrunk trace with both sides' events and state.
 *
 * Cost: trtc-wx copies every player on each event it emits (~60 µs a detail), so the run takes
 * about 10-20 s on 2 cores.
 */
import fc from 'fast-check';
import { RoomClient, setLogLevel } from '../src';
import type { ClientStream, ClientUnderTest } from './fakes/conformance';
import { runTrace } from './fakes/conformance';
import { traceArb } from './fakes/conformance-traces';

/** Time stands still: no enter timeout, re-enter attempt or reconcile window ever fires. */
const frozenScheduler = {
  setTimeout: (): number => 0,
  clearTimeout: (): void => {},
  now: (): number => 1700000000000,
};
const newClient = (): RoomClient => new RoomClient({ scheduler: frozenScheduler });

const conformsOn = (createClient: () => ClientUnderTest) =>
  fc.property(traceArb, (trace) => {
    const run = runTrace(trace, createClient, { exit: true });
    if (run.mismatch !== null) throw new Error(run.mismatch);
  });

// Malformed messages make our decoder warn, thousands of times.
beforeEach(() => setLogLevel('silent'));

describe('RoomClient conforms to trtc-wx-sdk on random traces', () => {
  it('agrees after every detail of 10,000 traces', () => {
    fc.assert(conformsOn(newClient), { numRuns: 10000 });
  }, 120000);
});

// ---- the harness has teeth: clients that break one rule fail -----------------------------------

type EventName = 'user-joined' | 'user-left' | 'video-available' | 'audio-available';

interface Payload {
  readonly userId: string;
  readonly streamType?: string;
  readonly available?: boolean;
}

interface Tweak {
  /** Delivers a RoomClient event to the harness's listener: any number of times, changed. */
  readonly event?: (name: EventName, payload: Payload, deliver: (p: Payload) => void) => void;
  readonly streams?: (streams: readonly ClientStream[]) => readonly ClientStream[];
}

/** RoomClient with one rule broken. */
const mutant = (tweak: () => Tweak) => (): ClientUnderTest => {
  const inner = newClient();
  const { event = (_, payload, deliver) => deliver(payload), streams = (s) => s } = tweak();
  const on = inner.on.bind(inner) as (name: EventName, listener: (p: Payload) => void) => unknown;
  return {
    enterRoom: (params) => inner.enterRoom(params),
    handlePusherStateChange: (detail) => inner.handlePusherStateChange(detail),
    getRemoteUsers: () => inner.getRemoteUsers(),
    getRemoteStreams: () => streams(inner.getRemoteStreams()),
    exitRoom: () => inner.exitRoom(),
    on: (name: EventName, listener: (payload: never) => void) =>
      on(name, (payload) => event(name, payload, listener as (p: Payload) => void)),
  };
};

const MUTANTS: [string, () => Tweak, RegExp][] = [
  [
    're-emits video-available true, as trtc-wx does (N1)',
    () => ({
      event: (name, payload, deliver) => {
        deliver(payload);
        if (name === 'video-available' && payload.available) deliver(payload);
      },
    }),
    /events differ/,
  ],
  [
    'drops user-left',
    () => ({ event: (name, payload, deliver) => name !== 'user-left' && deliver(payload) }),
    /events differ|exitRoom\(\) reported/,
  ],
  [
    'reports every video stream as main',
    () => ({
      event: (name, payload, deliver) =>
        deliver(name === 'video-available' ? { ...payload, streamType: 'main' } : payload),
    }),
    /events differ/,
  ],
  [
    'keeps the first src, as trtc-wx does (N4)',
    () => {
      const first = new Map<string, string>();
      return {
        streams: (list) =>
          list.map((s) => {
            if (!first.has(s.key)) first.set(s.key, s.src);
            return { ...s, src: first.get(s.key)! };
          }),
      };
    },
    /src .*latest announced/,
  ],
  [
    'keeps removed streams as ghosts, as trtc-wx does (N3)',
    () => {
      const ever = new Map<string, ClientStream>();
      return {
        streams: (list) => {
          list.forEach((s) => ever.set(s.key, s));
          const live = new Set(list.map((s) => s.key));
          const ghosts = Array.from(ever.values())
            .filter((s) => !live.has(s.key))
            .map((s) => ({ ...s, hasVideo: false, hasAudio: false }));
          return [...list, ...ghosts];
        },
      };
    },
    /ghost stream/,
  ],
];

describe('the conformance harness', () => {
  it.each(MUTANTS)('catches a client that %s', (_, tweak, problem) => {
    const result = fc.check(conformsOn(mutant(tweak)), { numRuns: 2000, seed: 20240531 });
    expect(result.failed).toBe(true);
    expect(String(result.errorInstance)).toMatch(problem);
  });
});

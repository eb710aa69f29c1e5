// Native callbacks must never throw: not on malformed details, not when a listener throws, in no
// state. Random event sequences keep the client's invariants. Listeners may call back into the
// client (re-entrancy).
import fc from 'fast-check';
import type { ConnectionState } from '../src/core/room';
import { flushMicrotasks } from './fakes/manual-scheduler';
import { audioChanged, roomExited, usersJoined, videoChanged } from './fakes/native-events';
import {
  playerStateCaseArb,
  pusherErrorCaseArb,
  pusherStateCaseArb,
} from './fakes/native-event-arbitraries';
import { anythingArb } from './fakes/native-event-mutations';
import type { Harness } from './fakes/room-harness';
import { ALL_EVENTS, createHarness } from './fakes/room-harness';

type Setup = (h: Harness) => void;

const STATES: readonly [string, Setup][] = [
  ['idle', () => undefined],
  ['entering', (h) => h.enter()],
  [
    'joined with a remote user',
    (h) => {
      h.join();
      h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true));
    },
  ],
  [
    'reconnecting',
    (h) => {
      h.join();
      h.pusher(-1307);
    },
  ],
  [
    'leaving',
    (h) => {
      h.join();
      h.adapter.hangNext('stop');
      void h.client.exitRoom();
    },
  ],
  [
    'joined, hidden',
    (h) => {
      h.join();
      h.client.handlePageHide();
    },
  ],
];

/** Every native entry point, fed one detail. */
const HANDLERS: readonly [string, (h: Harness, playerId: string, detail: unknown) => void][] = [
  ['handlePusherStateChange', (h, _, d) => h.client.handlePusherStateChange(d)],
  ['handlePusherError', (h, _, d) => h.client.handlePusherError(d)],
  ['handlePusherNetStatus', (h, _, d) => h.client.handlePusherNetStatus(d)],
  ['handlePusherAudioVolume', (h, _, d) => h.client.handlePusherAudioVolume(d)],
  ['handlePusherBGMProgress', (h, _, d) => h.client.handlePusherBGMProgress(d)],
  ['handlePlayerStateChange', (h, id, d) => h.client.handlePlayerStateChange(id, d)],
  ['handlePlayerNetStatus', (h, id, d) => h.client.handlePlayerNetStatus(id, d)],
  ['handlePlayerAudioVolume', (h, id, d) => h.client.handlePlayerAudioVolume(id, d)],
  ['handlePlayerFullscreenChange', (h, id, d) => h.client.handlePlayerFullscreenChange(id, d)],
];

const playerIdArb = fc.oneof(
  fc.constantFrom('alice_main', 'alice_aux', 'bob_main', '', '__proto__', 'constructor'),
  fc.string(),
);

/** A detail that is anything at all, or a valid detail of the handler's kind. */
const detailArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything(),
  anythingArb,
  pusherStateCaseArb.map((c) => c.detail),
  playerStateCaseArb.map((c) => c.detail),
  pusherErrorCaseArb.map((c) => c.detail),
);

/** Adds a listener that throws to every event. */
function throwEverywhere(h: Harness): void {
  for (const name of ALL_EVENTS) {
    h.client.on(name, () => {
      throw new Error(`listener for ${name} throws`);
    });
  }
}

describe('no handle* method ever throws', () => {
  it.each(STATES)('in state %s, on arbitrary details, with throwing listeners', (_, setup) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(HANDLERS.length - 1), playerIdArb, detailArb), {
          minLength: 1,
          maxLength: 12,
        }),
        (calls) => {
          const h = createHarness();
          setup(h);
          throwEverywhere(h);
          for (const [index, playerId, detail] of calls) {
            const [, handle] = HANDLERS[index]!;
            expect(() => handle(h, playerId, detail)).not.toThrow();
          }
          expect(() => h.scheduler.runAll()).not.toThrow();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the event-less handlers do not throw either', () => {
    const h = createHarness();
    throwEverywhere(h);
    expect(() => {
      h.client.handlePusherBGMStart();
      h.client.handlePusherBGMComplete();
    }).not.toThrow();
  });
});

describe('throwing listeners', () => {
  it('do not break the room: the flow and the other listeners go on', async () => {
    const h = createHarness();
    throwEverywhere(h);
    h.join();
    h.pushers(
      usersJoined('alice'),
      videoChanged('alice', 'main', true),
      audioChanged('alice', true),
    );
    h.pusher(-1307);
    await h.scheduler.advanceAsync(1000);
    h.pusher(1018);
    await h.client.exitRoom();
    // The harness's own (earlier) listeners saw everything, in order.
    expect(h.lines()).toEqual([
      'user-joined alice',
      'stream-added alice_main',
      'video alice_main true',
      'players [alice_main]',
      'stream-updated alice_main',
      'audio alice true',
      'players [alice_main]',
      'native-error pusher -1307 push-disconnected',
      'state reconnecting(disconnected)',
      'state joined',
      'state leaving',
      'video alice_main false',
      'audio alice false',
      'stream-removed alice_main',
      'user-left alice',
      'players []',
      'state left',
    ]);
    expect(h.logs.some((r) => r.level === 'error' && /listener/.test(r.message))).toBe(true);
  });
});

describe('re-entrancy: listeners that call back into the client', () => {
  it('exitRoom from a user-joined listener leaves cleanly', async () => {
    const h = createHarness();
    h.join();
    let exit: Promise<void> | undefined;
    h.client.on('user-joined', () => {
      exit = h.client.exitRoom();
    });
    h.pushers(usersJoined('alice', 'bob'), videoChanged('alice', 'main', true));
    await exit;
    expect(h.client.getState()).toBe('left');
    expect(h.client.getRemoteUsers()).toEqual([]);
    expect(h.client.getPlayers()).toEqual([]);
  });

  it('exitRoom from the kicked listener moves to left', async () => {
    const h = createHarness();
    h.join();
    h.client.on('connection-state-changed', (change) => {
      if (change.to === 'kicked') void h.client.exitRoom();
    });
    h.pusher(roomExited(1));
    await flushMicrotasks();
    expect(h.client.getState()).toBe('left');
  });

  // The room is torn down before the state change, so a listener may retry at once.
  it.each([
    ['failed', (h: Harness) => h.pusher(-3301)],
    ['kicked', (h: Harness) => h.pusher(roomExited(1))],
  ] as const)('enterRoom from the %s listener enters for real', async (to, trigger) => {
    const h = createHarness({ enterTimeoutMs: 1000 });
    let retried = false;
    h.client.on('connection-state-changed', (change) => {
      if (change.to === to && !retried) {
        retried = true;
        h.enter({ roomId: 5 });
      }
    });
    if (to === 'kicked') h.join();
    else h.enter();
    trigger(h);
    expect(h.client.getState()).toBe('entering');
    expect(h.client.getPusherAttributes()).toMatchObject({ autopush: true });
    expect(h.client.getPusherAttributes().url).toContain('&roomid=5&');
    // The retry has its own enter timeout.
    await h.scheduler.advanceAsync(1000);
    expect(h.client.getState()).toBe('failed');
  });
});

describe('random event sequences keep the invariants', () => {
  type Step =
    | { readonly kind: 'pusher'; readonly detail: unknown }
    | { readonly kind: 'pusher-error'; readonly detail: unknown }
    | { readonly kind: 'player'; readonly id: string; readonly detail: unknown }
    | { readonly kind: 'volume'; readonly id: string; readonly volume: number }
    | { readonly kind: 'advance'; readonly ms: number }
    | { readonly kind: 'hide' | 'show' | 'enter' | 'exit' | 'command' };

  const ids = fc.constantFrom('alice_main', 'alice_aux', 'bob_main', 'carol_main');
  const users = fc.constantFrom('alice', 'bob', 'carol');
  const roomEventArb = fc.oneof(
    users.map((u) => usersJoined(u)),
    users.map((u) => ({ code: 1032, message: JSON.stringify({ userlist: [{ userid: u }] }) })),
    fc
      .tuple(users, fc.constantFrom('main', 'aux' as const), fc.boolean())
      .map(([u, t, on]) => videoChanged(u, t, on)),
    fc.tuple(users, fc.boolean()).map(([u, on]) => audioChanged(u, on)),
    fc
      .constantFrom(1018, 1021, 1022, -3301, -1307, 5000, 5001, -100018, 1003, -1314)
      .map((code) => ({
        code,
      })),
    fc.constantFrom(0, 1, 2).map((reason) => roomExited(reason)),
  );
  const stepArb: fc.Arbitrary<Step> = fc.oneof(
    { weight: 8, arbitrary: roomEventArb.map((detail) => ({ kind: 'pusher' as const, detail })) },
    {
      weight: 2,
      arbitrary: pusherStateCaseArb.map((c) => ({ kind: 'pusher' as const, detail: c.detail })),
    },
    pusherErrorCaseArb.map((c) => ({ kind: 'pusher-error' as const, detail: c.detail })),
    fc
      .tuple(ids, playerStateCaseArb)
      .map(([id, c]) => ({ kind: 'player' as const, id, detail: c.detail })),
    fc
      .tuple(ids, fc.integer({ min: 0, max: 100 }))
      .map(([id, volume]) => ({ kind: 'volume' as const, id, volume })),
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(0, 1, 500, 1000, 3000, 10_000, 60_000)
        .map((ms) => ({ kind: 'advance' as const, ms })),
    },
    fc.constantFrom('hide', 'show', 'enter', 'exit', 'command').map((kind) => ({ kind })),
  );

  const OUT_OF_ROOM: readonly ConnectionState[] = ['idle', 'leaving', 'left', 'kicked', 'failed'];

  function checkInvariants(h: Harness, maxPlayers: number): void {
    const { client } = h;
    const userIds = new Set(client.getRemoteUsers().map((u) => u.userId));
    const streams = client.getRemoteStreams();
    const keys = new Set(streams.map((s) => s.key));
    for (const stream of streams) {
      expect(userIds.has(stream.userId)).toBe(true);
      expect(stream.key).toBe(`${stream.userId}_${stream.streamType}`);
      expect(stream.hasVideo || stream.hasAudio).toBe(true);
    }
    const players = client.getPlayers();
    expect(players.length).toBeLessThanOrEqual(maxPlayers);
    for (const player of players) expect(keys.has(player.id)).toBe(true);
    if (OUT_OF_ROOM.indexOf(client.getState()) >= 0) {
      expect(userIds.size).toBe(0);
      expect(players).toEqual([]);
      expect(client.getPusherAttributes()).toMatchObject({ url: '', autopush: false });
    } else {
      expect(client.getPusherAttributes()).toMatchObject({ autopush: true });
      expect(client.getPusherAttributes().url).not.toBe('');
    }
  }

  it('never throws; model, players, URL and state agree; the hidden pusher is untouched', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 40 }), async (steps) => {
        const maxPlayers = 2;
        const h = createHarness({ maxPlayers, enterTimeoutMs: 5000 });
        h.enter();
        let hidden = false;
        let callsWhenHidden = 0;
        for (const step of steps) {
          const run = (): void => {
            switch (step.kind) {
              case 'pusher':
                return h.client.handlePusherStateChange(step.detail);
              case 'pusher-error':
                return h.client.handlePusherError(step.detail);
              case 'player':
                return h.client.handlePlayerStateChange(step.id, step.detail);
              case 'volume':
                return h.client.handlePlayerAudioVolume(step.id, { volume: step.volume });
              case 'advance':
                return h.scheduler.advance(step.ms);
              case 'hide':
                if (!hidden)
                  callsWhenHidden = h.adapter.calls.filter((c) => c.target === 'pusher').length;
                hidden = true;
                return h.client.handlePageHide();
              case 'show':
                hidden = false;
                return h.client.handlePageShow();
              case 'enter':
                if (
                  OUT_OF_ROOM.indexOf(h.client.getState()) >= 0 &&
                  h.client.getState() !== 'leaving'
                ) {
                  h.enter();
                }
                return;
              case 'exit':
                void h.client.exitRoom();
                return;
              case 'command':
                h.client.toggleTorch().then(undefined, () => undefined);
                return;
            }
          };
          expect(run).not.toThrow();
          await flushMicrotasks();
          checkInvariants(h, maxPlayers);
          if (hidden) {
            expect(h.adapter.calls.filter((c) => c.target === 'pusher')).toHaveLength(
              callsWhenHidden,
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});

// After any re-enter, the remote users and streams are reconciled with what the engine
// re-announces: the departed are removed (with their REMOVE events) after reconcileWindowMs,
// the present produce no duplicate events, newcomers join, and no ghost is left.
import {
  audioChanged,
  pusherState,
  roomExited,
  userList,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';
import type { Detail } from './fakes/native-events';
import type { Harness, HarnessOptions } from './fakes/room-harness';
import { createHarness } from './fakes/room-harness';

/** alice: video + audio; bob: video; carol: audio. */
const ROOM: readonly Detail[] = [
  usersJoined('alice', 'bob', 'carol'),
  videoChanged('alice', 'main', true),
  audioChanged('alice', true),
  videoChanged('bob', 'main', true),
  audioChanged('carol', true),
];

function populated(options: HarnessOptions = {}): Harness {
  const h = createHarness(options);
  h.join();
  h.pushers(...ROOM);
  expect(h.client.getPlayers().map((p) => p.id)).toEqual(['alice_main', 'bob_main', 'carol_main']);
  h.clearEvents();
  return h;
}

const ids = (h: Harness) => ({
  users: h.client.getRemoteUsers().map((u) => u.userId),
  streams: h.client.getRemoteStreams().map((s) => s.key),
  players: h.client.getPlayers().map((p) => p.id),
});

/** The ways a room gets re-entered, each ending in a 1018. */
const REENTERS: readonly [string, (h: Harness) => Promise<void>][] = [
  [
    '-1307',
    async (h) => {
      h.pusher(-1307);
      await h.scheduler.advanceAsync(1000);
      h.pusher(1018);
    },
  ],
  [
    '1021',
    async (h) => {
      h.pusher(1021);
      await h.scheduler.advanceAsync(0);
      h.pusher(1018);
    },
  ],
  [
    'an unrequested 1019',
    async (h) => {
      h.pusher(roomExited(0));
      await h.scheduler.advanceAsync(0);
      h.pusher(1018);
    },
  ],
  [
    '5001 then page show',
    async (h) => {
      h.client.handlePageHide();
      h.pusher(5001);
      h.client.handlePageShow();
      h.pusher(1018);
    },
  ],
];

describe.each(REENTERS)('reconcile after a re-enter caused by %s', (_, reenter) => {
  it('removes the departed after the window, keeps the present silently, adds newcomers', async () => {
    const h = populated({ reconcileWindowMs: 2000 });
    await reenter(h);
    expect(h.client.getState()).toBe('joined');
    // The engine re-announces alice and bob (bob without his video) and a newcomer, dave.
    h.pushers(
      usersJoined('alice', 'bob', 'dave'),
      videoChanged('alice', 'main', true),
      audioChanged('alice', true),
      videoChanged('dave', 'main', true),
    );
    expect(
      h.lines().filter((l) => !l.startsWith('state') && !l.startsWith('native-error')),
    ).toEqual([
      'user-joined dave',
      'stream-added dave_main',
      'video dave_main true',
      'players [alice_main,bob_main,carol_main,dave_main]',
    ]);
    // Not yet: the window is still open.
    await h.scheduler.advanceAsync(1999);
    expect(ids(h).users).toEqual(['alice', 'bob', 'carol', 'dave']);
    h.clearEvents();
    await h.scheduler.advanceAsync(1);
    expect(h.lines()).toEqual([
      'video bob_main false',
      'stream-removed bob_main',
      'audio carol false',
      'stream-removed carol_main',
      'user-left carol',
      'players [alice_main,dave_main]',
    ]);
    expect(ids(h)).toEqual({
      users: ['alice', 'bob', 'dave'],
      streams: ['alice_main', 'dave_main'],
      players: ['alice_main', 'dave_main'],
    });
    // No ghost comes back later.
    h.clearEvents();
    await h.scheduler.advanceAsync(60_000);
    expect(h.lines()).toEqual([]);
  });
});

describe('reconcile details', () => {
  async function reconnect(h: Harness): Promise<void> {
    h.pusher(-1307);
    await h.scheduler.advanceAsync(1000);
  }

  it('announcements that arrive before the 1018 count too', async () => {
    const h = populated();
    await reconnect(h);
    h.pushers(
      usersJoined('alice'),
      videoChanged('alice', 'main', true),
      audioChanged('alice', true),
    );
    h.pusher(1018);
    await h.scheduler.advanceAsync(3000);
    expect(ids(h).users).toEqual(['alice']);
  });

  it('the default window is 3000 ms', async () => {
    const h = populated();
    await reconnect(h);
    h.pusher(1018);
    await h.scheduler.advanceAsync(2999);
    expect(ids(h).users).toHaveLength(3);
    await h.scheduler.advanceAsync(1);
    expect(ids(h).users).toEqual([]);
    expect(ids(h).players).toEqual([]);
  });

  it('a 1020 user list confirms users (not their streams)', async () => {
    const h = populated();
    await reconnect(h);
    h.pusher(1018);
    h.pusher(userList('alice', 'carol'));
    await h.scheduler.advanceAsync(3000);
    expect(ids(h)).toEqual({ users: ['alice', 'carol'], streams: [], players: [] });
  });

  it('a 1032 during the window removes at once, and only once', async () => {
    const h = populated();
    await reconnect(h);
    h.pusher(1018);
    h.pusher(usersLeft('carol'));
    expect(h.lines()).toContain('user-left carol');
    h.clearEvents();
    h.pushers(usersJoined('alice', 'bob'), videoChanged('alice', 'main', true));
    await h.scheduler.advanceAsync(3000);
    expect(h.lines().filter((l) => l.includes('carol'))).toEqual([]);
  });

  it('a user who leaves and comes back during the disconnect keeps their place', async () => {
    const h = populated();
    const before = h.client.getRemoteUsers().find((u) => u.userId === 'bob');
    await reconnect(h);
    h.pusher(1018);
    h.pushers(usersJoined('bob'), videoChanged('bob', 'main', true));
    await h.scheduler.advanceAsync(3000);
    expect(h.client.getRemoteUsers()).toEqual([before]);
    expect(h.lines().filter((l) => / bob/.test(l))).toEqual([]);
  });

  it('a disconnect during the window restarts it; nothing is removed early', async () => {
    const h = populated();
    await reconnect(h);
    h.pusher(1018);
    await h.scheduler.advanceAsync(2000);
    await reconnect(h);
    await h.scheduler.advanceAsync(1500);
    expect(ids(h).users).toHaveLength(3);
    h.pusher(1018);
    h.pushers(usersJoined('alice'));
    await h.scheduler.advanceAsync(2999);
    expect(ids(h).users).toHaveLength(3);
    await h.scheduler.advanceAsync(1);
    expect(ids(h).users).toEqual(['alice']);
  });

  it('leaving during the window forgets the room without REMOVE events later', async () => {
    const h = populated();
    await reconnect(h);
    h.pusher(1018);
    await h.client.exitRoom();
    h.clearEvents();
    await h.scheduler.advanceAsync(10_000);
    expect(h.lines()).toEqual([]);
    h.enter();
    h.pusher(1018);
    await h.scheduler.advanceAsync(10_000);
    expect(h.lines()).toEqual(['state entering', 'state joined']);
  });

  it('a fresh entry (not a re-enter) does not reconcile', async () => {
    const h = createHarness();
    h.enter();
    h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true));
    h.pusher(pusherState(1018));
    await h.scheduler.advanceAsync(60_000);
    expect(ids(h).users).toEqual(['alice']);
  });
});

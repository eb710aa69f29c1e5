// exitRoom (with and without the engine's 1019), and 1019s the app did not ask for.
import { flushMicrotasks } from './fakes/manual-scheduler';
import { pusherState, roomExited, usersJoined, videoChanged } from './fakes/native-events';
import type { Harness } from './fakes/room-harness';
import { createHarness } from './fakes/room-harness';

/** Whether `promise` settled after letting promise callbacks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await flushMicrotasks();
  return done;
}

function populate(h: Harness): void {
  h.pushers(usersJoined('alice', 'bob'), videoChanged('alice', 'main', true));
  h.client.handlePusherNetStatus({ info: { netQualityLevel: 4 } });
  h.client.handlePlayerNetStatus('alice_main', { info: { netQualityLevel: 2 } });
  expect(h.client.getPlayers().map((p) => p.id)).toEqual(['alice_main']);
}

/** What `populate` put in the room, reported gone when the room is left. */
const REMOVALS = [
  'video alice_main false',
  'stream-removed alice_main',
  'user-left alice',
  'user-left bob',
];

/** Everything the room owned is gone; app settings and permissions are not room state. */
function expectForgotten(h: Harness): void {
  expect(h.client.getRemoteUsers()).toEqual([]);
  expect(h.client.getRemoteStreams()).toEqual([]);
  expect(h.client.getPlayers()).toEqual([]);
  expect(h.client.getPusherAttributes()).toMatchObject({
    url: '',
    autopush: false,
    enableCamera: false,
    enableMic: false,
  });
  expect(h.client.getLocal()).toMatchObject({ camera: false, microphone: false });
  expect(h.client.getNetworkQuality()).toEqual({ local: 'unknown', remote: [] });
}

describe('exitRoom', () => {
  it('leaves on the pusher stop even without a 1019 (iOS)', async () => {
    const h = createHarness();
    h.join();
    populate(h);
    h.clearEvents();
    const exit = h.client.exitRoom();
    expect(h.client.getState()).toBe('leaving');
    expect(h.calls()).toEqual(['pusher.stop']);
    await exit;
    expect(h.client.getState()).toBe('left');
    // Everyone still in the room is reported gone, so no app tile is left behind.
    expect(h.lines()).toEqual(['state leaving', ...REMOVALS, 'players []', 'state left']);
    expectForgotten(h);
    await flushMicrotasks();
    expect(h.scheduler.pending()).toBe(0);
  });

  it('leaves on 1019 reason[0] while the stop is still pending', async () => {
    const h = createHarness();
    h.join();
    h.adapter.hangNext('stop');
    const exit = h.client.exitRoom();
    expect(await settled(exit)).toBe(false);
    h.pusher(roomExited(0));
    expect(h.client.getState()).toBe('left');
    expect(await settled(exit)).toBe(true);
  });

  it.each([
    ['no message', pusherState(1019)],
    ['an unreadable message', pusherState(1019, 42)],
  ])('leaves on a 1019 with %s while leaving', async (_, detail) => {
    const h = createHarness();
    h.join();
    h.adapter.hangNext('stop');
    const exit = h.client.exitRoom();
    expect(() => h.pusher(detail)).not.toThrow();
    expect(h.client.getState()).toBe('left');
    await exit;
  });

  it('with a hanging stop and no 1019, resolves after exitTimeoutMs', async () => {
    const h = createHarness({ exitTimeoutMs: 800, callTimeoutMs: 60_000 });
    h.join();
    populate(h);
    h.adapter.hangNext('stop');
    const exit = h.client.exitRoom();
    await h.scheduler.advanceAsync(799);
    expect(await settled(exit)).toBe(false);
    expect(h.client.getState()).toBe('leaving');
    await h.scheduler.advanceAsync(1);
    expect(await settled(exit)).toBe(true);
    expect(h.client.getState()).toBe('left');
    expectForgotten(h);
  });

  it('the default exit timeout is 1500 ms', async () => {
    const h = createHarness({ callTimeoutMs: 60_000 });
    h.join();
    h.adapter.hangNext('stop');
    const exit = h.client.exitRoom();
    await h.scheduler.advanceAsync(1499);
    expect(await settled(exit)).toBe(false);
    await h.scheduler.advanceAsync(1);
    expect(await settled(exit)).toBe(true);
  });

  it('a failing stop still leaves', async () => {
    const h = createHarness();
    h.join();
    h.adapter.failNext('stop');
    await h.client.exitRoom();
    expect(h.client.getState()).toBe('left');
  });

  it('a late 1019 after the exit changes nothing', async () => {
    const h = createHarness();
    h.join();
    await h.client.exitRoom();
    h.clearEvents();
    h.pusher(roomExited(0));
    h.pusher(roomExited(1));
    expect(h.client.getState()).toBe('left');
    expect(h.lines()).toEqual([]);
  });

  it('returns the same promise while leaving, and resolves at once when idle or left', async () => {
    const h = createHarness();
    await expect(h.client.exitRoom()).resolves.toBeUndefined();
    expect(h.client.getState()).toBe('idle');
    h.join();
    h.adapter.hangNext('stop');
    const first = h.client.exitRoom();
    expect(h.client.exitRoom()).toBe(first);
    h.pusher(roomExited(0));
    await first;
    h.clearEvents();
    await h.client.exitRoom();
    expect(h.events).toEqual([]);
  });

  it('from entering: leaves, and a late 1018 does not rejoin', async () => {
    const h = createHarness();
    h.enter();
    await h.client.exitRoom();
    h.pusher(1018);
    expect(h.client.getState()).toBe('left');
    h.scheduler.advance(60_000);
    expect(h.client.getState()).toBe('left');
  });

  it.each(['kicked', 'failed'] as const)(
    'from %s moves to left without a native call',
    async (to) => {
      const h = createHarness();
      h.join();
      h.pusher(to === 'kicked' ? roomExited(2) : pusherState(-100018));
      expect(h.client.getState()).toBe(to);
      await flushMicrotasks();
      h.clearCalls();
      h.clearEvents();
      await h.client.exitRoom();
      expect(h.lines()).toEqual(['state leaving', 'state left']);
      expect(h.calls()).toEqual([]);
    },
  );

  it('after an exit, enterRoom works again with a clean slate', async () => {
    const h = createHarness({ exitTimeoutMs: 500, callTimeoutMs: 60_000 });
    h.join();
    populate(h);
    h.adapter.hangNext('stop');
    const exit = h.client.exitRoom();
    await h.scheduler.advanceAsync(500);
    await exit;
    h.clearEvents();
    h.enter({ roomId: 77 });
    expect(h.client.getState()).toBe('entering');
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
    expect(h.client.getRemoteUsers()).toEqual([]);
    h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true));
    // alice is new to this room: joined again, no leftovers from the old one.
    expect(h.lines()).toEqual([
      'state entering',
      'state joined',
      'user-joined alice',
      'stream-added alice_main',
      'video alice_main true',
      'players [alice_main]',
    ]);
  });

  it('destroy() leaves the room and stops every timer', async () => {
    const h = createHarness({ enterTimeoutMs: 1000 });
    h.enter();
    h.client.destroy();
    expect(h.client.getState()).toBe('leaving');
    await h.scheduler.advanceAsync(10_000);
    expect(h.client.getState()).toBe('left');
    expect(h.scheduler.pending()).toBe(0);
  });
});

describe('1019 the app did not ask for', () => {
  it.each([
    [1, 'kicked'],
    [2, 'dismissed'],
    [7, 'unspecified'],
  ] as const)('reason[%i] → kicked(%s), and everything is cleared', async (code, reason) => {
    const h = createHarness();
    h.join();
    populate(h);
    h.clearEvents();
    h.pusher(roomExited(code));
    expect(h.client.getState()).toBe('kicked');
    const change = h.argsOf('connection-state-changed')[0]?.[0];
    expect(change).toEqual({ from: 'joined', to: 'kicked', reason });
    expect(h.lines()).toEqual([...REMOVALS, 'players []', `state kicked(${reason})`]);
    expectForgotten(h);
    expect(h.calls()).toEqual(['pusher.stop']);
    await flushMicrotasks();
    expect(h.scheduler.pending()).toBe(0);
  });

  it.each([
    ['no message', pusherState(1019)],
    ['a null message', pusherState(1019, null)],
    ['a message without a reason', pusherState(1019, 'exit room')],
  ])('with %s: no throw, kicked(unspecified)', (_, detail) => {
    const h = createHarness();
    h.join();
    expect(() => h.pusher(detail)).not.toThrow();
    expect(h.client.getState()).toBe('kicked');
    expect(h.argsOf('connection-state-changed')[0]?.[0]).toMatchObject({ reason: 'unspecified' });
  });

  it('kicked while entering', () => {
    const h = createHarness();
    h.enter();
    h.pusher(roomExited(1));
    expect(h.client.getState()).toBe('kicked');
    h.scheduler.advance(60_000);
    expect(h.client.getState()).toBe('kicked');
  });

  it('reason[0] while joined → re-enter (reconnecting, disconnected)', async () => {
    const h = createHarness();
    h.join();
    h.pusher(roomExited(0));
    expect(h.client.getState()).toBe('reconnecting');
    expect(h.lines()).toEqual(['state reconnecting(disconnected)']);
    await h.scheduler.advanceAsync(0);
    expect(h.calls()).toEqual(['pusher.stop', 'pusher.start']);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
  });

  it('reason[0] while reconnecting (our own restart) is not a new disconnect', async () => {
    const h = createHarness();
    h.join();
    h.pusher(-1307);
    await h.scheduler.advanceAsync(1000);
    expect(h.calls()).toEqual(['pusher.stop', 'pusher.start']);
    h.clearEvents();
    h.pusher(roomExited(0));
    expect(h.lines()).toEqual([]);
    await h.scheduler.advanceAsync(0);
    expect(h.calls()).toEqual(['pusher.stop', 'pusher.start']);
  });

  it('kicked while reconnecting ends the reconnect', async () => {
    const h = createHarness();
    h.join();
    h.pusher(-1307);
    h.pusher(roomExited(1));
    expect(h.client.getState()).toBe('kicked');
    await h.scheduler.advanceAsync(120_000);
    expect(h.client.getState()).toBe('kicked');
    expect(h.calls()).toEqual(['pusher.stop']);
  });
});

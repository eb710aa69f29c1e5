// Re-entering after disconnects: -1307 with bounded backoff, 1021, failed attempts, exhaustion.
import type { FailureReason } from '../src/core/room';
import { pusherState, roomExited } from './fakes/native-events';
import type { Harness, HarnessOptions } from './fakes/room-harness';
import { createHarness } from './fakes/room-harness';

const RESTART = ['pusher.stop', 'pusher.start'];

async function joined(options: HarnessOptions = {}): Promise<Harness> {
  const h = createHarness(options);
  h.join();
  return h;
}

/** Asserts the next re-enter attempt (a pusher stop + start) happens exactly `delay` ms from now. */
async function expectAttemptAfter(h: Harness, delay: number): Promise<void> {
  h.clearCalls();
  if (delay > 0) {
    await h.scheduler.advanceAsync(delay - 1);
    expect(h.calls()).toEqual([]);
  }
  await h.scheduler.advanceAsync(delay > 0 ? 1 : 0);
  expect(h.calls()).toEqual(RESTART);
  h.clearCalls();
}

function lastFailure(h: Harness): FailureReason | undefined {
  const change = h.argsOf('connection-state-changed').pop()?.[0];
  return change?.to === 'failed' ? change.reason : undefined;
}

describe('-1307: disconnected, retries exhausted', () => {
  it('→ reconnecting(disconnected); re-enters after the base delay; 1018 → joined', async () => {
    const h = await joined();
    h.pusher(pusherState(-1307, 'push disconnected'));
    expect(h.client.getState()).toBe('reconnecting');
    expect(h.argsOf('connection-state-changed')[0]?.[0]).toEqual({
      from: 'joined',
      to: 'reconnecting',
      reason: 'disconnected',
    });
    expect(h.argsOf('native-error')[0]?.[0]).toMatchObject({ code: -1307, source: 'pusher' });
    await expectAttemptAfter(h, 1000);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
    expect(h.lines()).toEqual([
      'native-error pusher -1307 push-disconnected',
      'state reconnecting(disconnected)',
      'state joined',
    ]);
    // Nothing more is scheduled once the room is back, except the reconcile window.
    await h.scheduler.advanceAsync(60_000);
    expect(h.calls()).toEqual([]);
    expect(h.client.getState()).toBe('joined');
  });

  it('backs off 1 s, 2 s, 4 s, 8 s, 8 s, then fails {reconnect-exhausted, attempts: 5}', async () => {
    const h = await joined();
    h.pusher(-1307);
    for (const delay of [1000, 2000, 4000, 8000, 8000]) {
      expect(h.client.getState()).toBe('reconnecting');
      await expectAttemptAfter(h, delay);
      h.pusher(-1307);
    }
    expect(h.client.getState()).toBe('failed');
    expect(lastFailure(h)).toEqual({ kind: 'reconnect-exhausted', attempts: 5 });
    expect(h.client.getPusherAttributes().url).toBe('');
    await h.scheduler.advanceAsync(120_000);
    expect(h.calls()).toEqual(['pusher.stop']);
  });

  it('a 1018 during the backoff (the engine recovered) cancels the restart', async () => {
    const h = await joined();
    h.pusher(-1307);
    await h.scheduler.advanceAsync(500);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
    await h.scheduler.advanceAsync(60_000);
    expect(h.calls()).toEqual([]);
    expect(h.client.getState()).toBe('joined');
  });

  it('honours maxAttempts, baseDelayMs and maxDelayMs', async () => {
    const h = await joined({ reconnect: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 500 } });
    h.pusher(-1307);
    for (const delay of [200, 400, 500]) {
      await expectAttemptAfter(h, delay);
      h.pusher(-1307);
    }
    expect(lastFailure(h)).toEqual({ kind: 'reconnect-exhausted', attempts: 3 });
  });

  it('maxAttempts: 0 never restarts the pusher and fails {attempts: 0}', async () => {
    const h = await joined({ reconnect: { maxAttempts: 0 } });
    h.pusher(-1307);
    await h.scheduler.advanceAsync(60_000);
    expect(h.calls()).not.toContain('pusher.start');
    expect(lastFailure(h)).toEqual({ kind: 'reconnect-exhausted', attempts: 0 });
  });

  it('an attempt with no 1018 within enterTimeoutMs counts as failed', async () => {
    const h = await joined({ enterTimeoutMs: 3000, reconnect: { maxAttempts: 2 } });
    h.pusher(-1307);
    await expectAttemptAfter(h, 1000);
    // Attempt 1 times out at +3000, attempt 2 starts 2000 later.
    await expectAttemptAfter(h, 3000 + 2000);
    await h.scheduler.advanceAsync(2999);
    expect(h.client.getState()).toBe('reconnecting');
    await h.scheduler.advanceAsync(1);
    expect(lastFailure(h)).toEqual({ kind: 'reconnect-exhausted', attempts: 2 });
  });

  it.each([1022, -3301])('%i during an attempt counts as a failed attempt', async (code) => {
    const h = await joined({ reconnect: { maxAttempts: 2 } });
    h.pusher(-1307);
    await expectAttemptAfter(h, 1000);
    h.pusher(pusherState(code, 'enter room failed'));
    expect(h.client.getState()).toBe('reconnecting');
    await expectAttemptAfter(h, 2000);
    h.pusher(code);
    expect(lastFailure(h)).toEqual({ kind: 'reconnect-exhausted', attempts: 2 });
  });

  it('a success resets the backoff: the next disconnect starts at the base delay', async () => {
    const h = await joined();
    h.pusher(-1307);
    await expectAttemptAfter(h, 1000);
    h.pusher(-1307);
    await expectAttemptAfter(h, 2000);
    h.pusher(1018);
    await h.scheduler.advanceAsync(5000);
    h.pusher(-1307);
    await expectAttemptAfter(h, 1000);
    h.pusher(-1307);
    await expectAttemptAfter(h, 2000);
  });

  it('while entering → reconnecting, then re-enters', async () => {
    const h = createHarness();
    h.enter();
    h.pusher(-1307);
    expect(h.client.getState()).toBe('reconnecting');
    await expectAttemptAfter(h, 1000);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
  });

  it('outside a room changes nothing', async () => {
    const h = createHarness();
    h.pusher(-1307);
    await h.scheduler.advanceAsync(60_000);
    expect(h.client.getState()).toBe('idle');
    expect(h.calls()).toEqual([]);
  });

  it('exitRoom during the backoff cancels the re-enter', async () => {
    const h = await joined();
    h.pusher(-1307);
    await h.client.exitRoom();
    h.clearCalls();
    await h.scheduler.advanceAsync(60_000);
    expect(h.calls()).toEqual([]);
    expect(h.client.getState()).toBe('left');
  });

  it('exitRoom during an attempt stops it; no timeout fails the left room', async () => {
    const h = await joined({ enterTimeoutMs: 2000 });
    h.pusher(-1307);
    await expectAttemptAfter(h, 1000);
    await h.client.exitRoom();
    h.clearEvents();
    await h.scheduler.advanceAsync(60_000);
    expect(h.client.getState()).toBe('left');
    expect(h.lines()).toEqual([]);
  });
});

describe('1021: network changed, the room must be re-entered', () => {
  it('re-enters at once (reconnecting, network-changed)', async () => {
    const h = await joined();
    h.pusher(pusherState(1021, 'network type changed'));
    expect(h.client.getState()).toBe('reconnecting');
    expect(h.argsOf('connection-state-changed')[0]?.[0]).toMatchObject({
      reason: 'network-changed',
    });
    await expectAttemptAfter(h, 0);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
  });

  it('a failing network-changed re-enter backs off like a disconnect', async () => {
    const h = await joined();
    h.pusher(1021);
    await expectAttemptAfter(h, 0);
    h.pusher(-1307);
    expect(h.client.getState()).toBe('reconnecting');
    await expectAttemptAfter(h, 2000);
  });
});

describe('1019 reason[0] that nobody asked for', () => {
  it('re-enters at once, and its attempts back off on failure', async () => {
    const h = await joined();
    h.pusher(roomExited(0));
    await expectAttemptAfter(h, 0);
    h.pusher(-1307);
    await expectAttemptAfter(h, 2000);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
  });
});

// 5000 / 5001 and page hide/show: the pusher is never touched while the page is hidden, owed
// re-enters run when it shows again, and no timer fails the room in the background.
import { flushMicrotasks } from './fakes/manual-scheduler';
import { pusherState, roomExited } from './fakes/native-events';
import type { Harness } from './fakes/room-harness';
import { createHarness } from './fakes/room-harness';

const RESTART = ['pusher.stop', 'pusher.start'];
const TEN_MINUTES = 600_000;

function joined(options: Parameters<typeof createHarness>[0] = {}): Harness {
  const h = createHarness(options);
  h.join();
  return h;
}

describe.each([
  [5000, 'suspended'],
  [5001, 'interrupted'],
] as const)('%i (%s)', (code, reason) => {
  it('hidden first: nothing touches the pusher until the page shows, then it re-enters', async () => {
    const h = joined();
    h.client.handlePageHide();
    h.pusher(pusherState(code, 'mini-program suspended'));
    expect(h.client.getState()).toBe('reconnecting');
    expect(h.argsOf('connection-state-changed')[0]?.[0]).toMatchObject({ reason });
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.calls()).toEqual([]);
    expect(h.client.getState()).toBe('reconnecting');
    h.client.handlePageShow();
    await flushMicrotasks();
    expect(h.calls()).toEqual(RESTART);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
  });

  it('event first, then hidden: the pending re-enter waits for the page', async () => {
    const h = joined();
    h.pusher(code);
    h.client.handlePageHide();
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.calls()).toEqual([]);
    h.client.handlePageShow();
    await flushMicrotasks();
    expect(h.calls()).toEqual(RESTART);
  });

  it('on a page that stays visible, re-enters after the first backoff step', async () => {
    const h = joined();
    h.pusher(code);
    await h.scheduler.advanceAsync(999);
    expect(h.calls()).toEqual([]);
    await h.scheduler.advanceAsync(1);
    expect(h.calls()).toEqual(RESTART);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
  });

  it('once its re-enter ran on a visible page, a hide/show does not restart again', async () => {
    const h = joined();
    h.pusher(code);
    await h.scheduler.advanceAsync(1000);
    expect(h.calls()).toEqual(RESTART);
    h.client.handlePageHide();
    h.client.handlePageShow();
    await flushMicrotasks();
    expect(h.calls()).toEqual(RESTART);
  });

  it('is ignored outside a room', async () => {
    const h = createHarness();
    h.pusher(code);
    h.client.handlePageHide();
    h.client.handlePageShow();
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.client.getState()).toBe('idle');
    expect(h.calls()).toEqual([]);
  });
});

describe('while the page is hidden', () => {
  it('a -1307 does not touch the pusher; the re-enter runs on show', async () => {
    const h = joined();
    h.client.handlePageHide();
    h.pusher(-1307);
    expect(h.client.getState()).toBe('reconnecting');
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.calls()).toEqual([]);
    expect(h.client.getState()).toBe('reconnecting');
    h.client.handlePageShow();
    await flushMicrotasks();
    expect(h.calls()).toEqual(RESTART);
  });

  it('a -1307 attempt in progress is not restarted by a hide/show', async () => {
    const h = joined();
    h.pusher(-1307);
    await h.scheduler.advanceAsync(1000);
    expect(h.calls()).toEqual(RESTART);
    h.client.handlePageHide();
    h.client.handlePageShow();
    await flushMicrotasks();
    expect(h.calls()).toEqual(RESTART);
  });

  it('several failures cannot exhaust the attempts in the background', async () => {
    const h = joined({ reconnect: { maxAttempts: 1 } });
    h.client.handlePageHide();
    for (let i = 0; i < 5; i++) {
      h.pusher(-1307);
      h.pusher(1022);
      await h.scheduler.advanceAsync(TEN_MINUTES);
    }
    expect(h.client.getState()).toBe('reconnecting');
    expect(h.calls()).toEqual([]);
  });

  it('a backoff that was pending when the page hid is owed, and runs on show', async () => {
    const h = joined();
    h.pusher(-1307);
    await h.scheduler.advanceAsync(500);
    h.client.handlePageHide();
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.calls()).toEqual([]);
    h.client.handlePageShow();
    await flushMicrotasks();
    expect(h.calls()).toEqual(RESTART);
  });

  it('the enter timeout does not fail an entry; a full timeout restarts on show', async () => {
    const h = createHarness({ enterTimeoutMs: 2000 });
    h.enter();
    await h.scheduler.advanceAsync(1500);
    h.client.handlePageHide();
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.client.getState()).toBe('entering');
    h.client.handlePageShow();
    await h.scheduler.advanceAsync(1999);
    expect(h.client.getState()).toBe('entering');
    await h.scheduler.advanceAsync(1);
    expect(h.client.getState()).toBe('failed');
  });

  it('entering while hidden arms the enter timer only once shown', async () => {
    const h = createHarness({ enterTimeoutMs: 2000 });
    h.client.handlePageHide();
    h.enter();
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.client.getState()).toBe('entering');
    h.client.handlePageShow();
    h.pusher(1018);
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.client.getState()).toBe('joined');
  });

  it('an attempt in progress does not time out; on show it gets a full timeout', async () => {
    const h = joined({ enterTimeoutMs: 2000, reconnect: { maxAttempts: 1 } });
    h.pusher(-1307);
    await h.scheduler.advanceAsync(1000);
    expect(h.calls()).toEqual(RESTART);
    h.clearCalls();
    h.client.handlePageHide();
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.client.getState()).toBe('reconnecting');
    h.client.handlePageShow();
    await h.scheduler.advanceAsync(1999);
    expect(h.client.getState()).toBe('reconnecting');
    await h.scheduler.advanceAsync(1);
    expect(h.client.getState()).toBe('failed');
    // The pusher was never restarted while hidden; after the failure it is stopped.
    expect(h.calls()).toEqual(['pusher.stop']);
  });

  it('a kick is applied at once; its pusher stop waits for the page', async () => {
    const h = joined();
    h.client.handlePageHide();
    h.pusher(roomExited(1));
    expect(h.client.getState()).toBe('kicked');
    expect(h.client.getPusherAttributes().url).toBe('');
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.calls()).toEqual([]);
    h.client.handlePageShow();
    await flushMicrotasks();
    expect(h.calls()).toEqual(['pusher.stop']);
  });

  it('exitRoom resolves after exitTimeoutMs without touching the pusher', async () => {
    const h = joined({ exitTimeoutMs: 700 });
    h.client.handlePageHide();
    const exit = h.client.exitRoom();
    await h.scheduler.advanceAsync(700);
    await exit;
    expect(h.client.getState()).toBe('left');
    expect(h.calls()).toEqual([]);
  });

  it("the app's pusher commands wait for the page, in order", async () => {
    const h = joined();
    h.client.handlePageHide();
    const camera = h.client.switchCamera();
    const sei = h.client.sendSEIMessage('hello');
    await flushMicrotasks();
    expect(h.calls()).toEqual([]);
    h.client.handlePageShow();
    await expect(camera).resolves.toBe('back');
    await sei;
    expect(h.calls()).toEqual(['pusher.switchCamera', 'pusher.sendMessage']);
  });

  it('a pusher node that becomes ready while hidden stays gated until show', async () => {
    const h = createHarness({ gatedByDom: true });
    h.join();
    h.client.handlePageHide();
    h.client.setPusherReady(true);
    const torch = h.client.toggleTorch();
    await flushMicrotasks();
    expect(h.calls()).toEqual([]);
    h.client.handlePageShow();
    await torch;
    expect(h.calls()).toEqual(['pusher.toggleTorch']);
  });

  it('showing a page whose pusher node is not ready does not open the gate', async () => {
    const h = createHarness({ gatedByDom: true });
    h.join();
    h.client.handlePageHide();
    h.client.handlePageShow();
    const torch = h.client.toggleTorch();
    await flushMicrotasks();
    expect(h.calls()).toEqual([]);
    h.client.setPusherReady(true);
    await torch;
    expect(h.calls()).toEqual(['pusher.toggleTorch']);
  });

  it('hide/show while joined and healthy changes nothing', async () => {
    const h = joined();
    h.client.handlePageHide();
    await h.scheduler.advanceAsync(TEN_MINUTES);
    h.client.handlePageShow();
    await h.scheduler.advanceAsync(TEN_MINUTES);
    expect(h.client.getState()).toBe('joined');
    expect(h.calls()).toEqual([]);
    expect(h.lines()).toEqual([]);
  });
});

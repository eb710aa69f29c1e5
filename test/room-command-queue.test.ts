import { TrtcError, TrtcErrorCode, isTrtcError } from '../src/core/errors';
import { CommandQueue, PUSHER_TARGET } from '../src/core/room/command-queue';
import { captureLogs } from './fakes/log-capture';
import { ManualScheduler, flushMicrotasks } from './fakes/manual-scheduler';

interface Deferred {
  readonly promise: Promise<string>;
  resolve(value: string): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: (value: string) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<string>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A queue plus a journal of command starts and a per-label deferred to settle them by hand. */
function setup(options: { initiallyOpen?: boolean; callTimeoutMs?: number } = {}) {
  const scheduler = new ManualScheduler();
  const queue = new CommandQueue({
    scheduler,
    initiallyOpen: options.initiallyOpen ?? true,
    callTimeoutMs: options.callTimeoutMs,
  });
  const started: string[] = [];
  const pending = new Map<string, Deferred>();
  const manual = (label: string) => () => {
    started.push(label);
    const d = deferred();
    pending.set(label, d);
    return d.promise;
  };
  const instant = (label: string) => () => {
    started.push(label);
    return Promise.resolve(label);
  };
  const settle = (label: string, value = label) => pending.get(label)!.resolve(value);
  return { scheduler, queue, started, manual, instant, settle, pending };
}

/** The TrtcError `promise` rejects with; fails the test if it resolves or rejects otherwise. */
function rejection(promise: Promise<unknown>): Promise<TrtcError> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => {
      if (isTrtcError(error)) return error;
      throw new Error(`not a TrtcError: ${String(error)}`);
    },
  );
}

// Every rejection the queue creates must be handled by it or by the test: any that escapes fails.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeAll(() => process.on('unhandledRejection', onUnhandled));
afterAll(() => process.off('unhandledRejection', onUnhandled));
afterEach(async () => {
  await flushMicrotasks();
  expect(unhandled).toEqual([]);
});

describe('CommandQueue ordering', () => {
  it('runs one target serially: the next starts only after the previous settles', async () => {
    const { queue, started, manual, settle } = setup();
    const a = queue.enqueue('pusher', 'a', manual('a'));
    const b = queue.enqueue('pusher', 'b', manual('b'));
    const c = queue.enqueue('pusher', 'c', manual('c'));
    expect(started).toEqual(['a']);
    expect(queue.pendingCount('pusher')).toBe(3);
    settle('a');
    await expect(a).resolves.toBe('a');
    expect(started).toEqual(['a', 'b']);
    settle('b', 'B!');
    await expect(b).resolves.toBe('B!');
    expect(started).toEqual(['a', 'b', 'c']);
    settle('c');
    await expect(c).resolves.toBe('c');
    expect(queue.pendingCount()).toBe(0);
  });

  it('starts a command synchronously when the lane is idle and open', () => {
    const { queue, started, instant } = setup();
    void queue.enqueue('pusher', 'now', instant('now'));
    expect(started).toEqual(['now']);
  });

  it('keeps targets independent: a busy or closed lane does not block another', async () => {
    const { queue, started, manual, instant } = setup();
    queue.setGate('p1', false);
    void queue.enqueue('pusher', 'push-hang', manual('push-hang'));
    const queued = queue.enqueue('p1', 'p1-play', instant('p1-play'));
    const other = queue.enqueue('p2', 'p2-play', instant('p2-play'));
    await expect(other).resolves.toBe('p2-play');
    expect(started).toEqual(['push-hang', 'p2-play']);
    expect(queue.pendingCount('p1')).toBe(1);
    expect(queue.pendingCount()).toBe(2);
    queue.setGate('p1', true);
    await expect(queued).resolves.toBe('p1-play');
  });

  it('chains commands enqueued from inside a running command after it', async () => {
    const { queue, started, instant } = setup();
    let inner: Promise<string> | undefined;
    const outer = queue.enqueue('pusher', 'outer', () => {
      started.push('outer');
      inner = queue.enqueue('pusher', 'inner', instant('inner'));
      expect(started).toEqual(['outer']);
      return Promise.resolve('outer');
    });
    await expect(outer).resolves.toBe('outer');
    await expect(inner).resolves.toBe('inner');
    expect(started).toEqual(['outer', 'inner']);
  });
});

describe('CommandQueue gates', () => {
  it('queues while closed and runs in order once opened', async () => {
    const { queue, started, instant } = setup({ initiallyOpen: false });
    expect(queue.isGateOpen(PUSHER_TARGET)).toBe(false);
    const results = ['a', 'b', 'c'].map((label) =>
      queue.enqueue(PUSHER_TARGET, label, instant(label)),
    );
    await flushMicrotasks();
    expect(started).toEqual([]);
    expect(queue.pendingCount(PUSHER_TARGET)).toBe(3);
    queue.setGate(PUSHER_TARGET, true);
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c']);
    expect(started).toEqual(['a', 'b', 'c']);
  });

  it('lets a started command finish when the gate closes, then holds the rest', async () => {
    const { queue, started, manual, instant, settle } = setup();
    const first = queue.enqueue('pusher', 'first', manual('first'));
    const second = queue.enqueue('pusher', 'second', instant('second'));
    queue.setGate('pusher', false);
    settle('first');
    await expect(first).resolves.toBe('first');
    await flushMicrotasks();
    expect(started).toEqual(['first']);
    queue.setGate('pusher', true);
    await expect(second).resolves.toBe('second');
  });

  it('forget resets a target to the default gate and cancels its waiting commands', async () => {
    const { queue, instant } = setup({ initiallyOpen: false });
    queue.setGate('p1', true);
    queue.setGate('p1', false);
    const waiting = queue.enqueue('p1', 'play', instant('play'));
    queue.forget('p1', 'player removed');
    expect((await rejection(waiting)).code).toBe(TrtcErrorCode.CommandCancelled);
    queue.setGate('p2', true);
    queue.forget('p2', 'player removed');
    expect(queue.isGateOpen('p2')).toBe(false);
    expect(queue.pendingCount()).toBe(0);
  });
});

describe('CommandQueue failures', () => {
  it('times out a command that never settles and moves on', async () => {
    const { scheduler, queue, started, manual, instant } = setup({ callTimeoutMs: 100 });
    const hung = queue.enqueue('pusher', 'pusher.start', manual('hang'));
    const next = queue.enqueue('pusher', 'pusher.stop', instant('next'));
    scheduler.advance(99);
    await flushMicrotasks();
    expect(started).toEqual(['hang']);
    scheduler.advance(1);
    const error = await rejection(hung);
    expect(error.code).toBe(TrtcErrorCode.NativeCallTimeout);
    expect(error.message).toContain('pusher.start');
    await expect(next).resolves.toBe('next');
    expect(scheduler.pending()).toBe(0); // the settled command's timer was cleared
  });

  it('ignores a late settlement after the timeout, without unhandled rejections', async () => {
    const { scheduler, queue, manual, pending } = setup({ callTimeoutMs: 10 });
    const late = queue.enqueue('pusher', 'late', manual('late'));
    scheduler.advance(10);
    expect((await rejection(late)).code).toBe(TrtcErrorCode.NativeCallTimeout);
    pending.get('late')!.reject(new Error('too late'));
    await flushMicrotasks();
    expect(queue.pendingCount()).toBe(0);
  });

  it('uses 5000 ms by default, and Infinity disables the timeout', async () => {
    const { scheduler, queue, manual } = setup();
    const timed = queue.enqueue('pusher', 'x', manual('x'));
    scheduler.advance(4999);
    expect(queue.pendingCount()).toBe(1);
    scheduler.advance(1);
    expect((await rejection(timed)).code).toBe(TrtcErrorCode.NativeCallTimeout);

    const forever = setup({ callTimeoutMs: Infinity });
    void forever.queue.enqueue('pusher', 'y', forever.manual('y'));
    expect(forever.scheduler.pending()).toBe(0);
  });

  it('refuses a negative or NaN timeout', () => {
    for (const callTimeoutMs of [-1, NaN]) {
      expect(() => setup({ callTimeoutMs })).toThrow(
        expect.objectContaining({ code: TrtcErrorCode.InvalidParameter, field: 'callTimeoutMs' }),
      );
    }
  });

  it('maps a synchronous throw to NATIVE_CALL_FAILED with the cause, and moves on', async () => {
    const { queue, instant } = setup();
    const boom = new Error('no such node');
    const failed = queue.enqueue('pusher', 'pusher.pause', () => {
      throw boom;
    });
    const next = queue.enqueue('pusher', 'next', instant('next'));
    const error = await rejection(failed);
    expect(error).toMatchObject({ code: TrtcErrorCode.NativeCallFailed, cause: boom });
    expect(error.message).toContain('pusher.pause');
    expect(error.message).toContain('no such node');
    await expect(next).resolves.toBe('next');
  });

  it('maps a non-TrtcError rejection (e.g. a wx { errMsg }) to NATIVE_CALL_FAILED', async () => {
    const { queue } = setup();
    const cause = { errMsg: 'operateLivePusher:fail' };
    const error = await rejection(queue.enqueue('pusher', 'start', () => Promise.reject(cause)));
    expect(error).toMatchObject({ code: TrtcErrorCode.NativeCallFailed, cause });
    expect(error.message).toContain('operateLivePusher:fail');
  });

  it('passes a TrtcError rejection through unchanged', async () => {
    const { queue } = setup();
    const typed = new TrtcError(TrtcErrorCode.Unsupported, 'nope');
    await expect(queue.enqueue('p1', 'snapshot', () => Promise.reject(typed))).rejects.toBe(typed);
  });
});

describe('CommandQueue cancellation', () => {
  it('cancel rejects waiting commands in order but leaves the started one running', async () => {
    const { queue, started, manual, instant, settle } = setup();
    const running = queue.enqueue('pusher', 'running', manual('running'));
    const order: string[] = [];
    const waiting = ['w1', 'w2'].map((label) =>
      queue.enqueue('pusher', label, instant(label)).catch((error: unknown) => {
        order.push(label);
        throw error;
      }),
    );
    const otherTarget = queue.enqueue('p1', 'p1', manual('p1'));
    queue.cancel('pusher', 'left the room');
    for (const promise of waiting) {
      const error = await rejection(promise);
      expect(error.code).toBe(TrtcErrorCode.CommandCancelled);
      expect(error.message).toContain('left the room');
    }
    expect(order).toEqual(['w1', 'w2']);
    expect(queue.pendingCount('pusher')).toBe(1);
    settle('running');
    await expect(running).resolves.toBe('running');
    settle('p1');
    await expect(otherTarget).resolves.toBe('p1');
    expect(started).toEqual(['running', 'p1']);
  });

  it('cancelAll empties every target; cancelling an unknown target is a no-op', async () => {
    const { queue, started, instant } = setup({ initiallyOpen: false });
    const all = [
      queue.enqueue('pusher', 'a', instant('a')),
      queue.enqueue('p1', 'b', instant('b')),
      queue.enqueue('p2', 'c', instant('c')),
    ];
    queue.cancel('nobody', 'x');
    queue.cancelAll('destroyed');
    for (const promise of all) {
      expect((await rejection(promise)).code).toBe(TrtcErrorCode.CommandCancelled);
    }
    queue.setGate('pusher', true);
    expect(started).toEqual([]);
    expect(queue.pendingCount()).toBe(0);
  });
});

describe('CommandQueue.enqueueDetached', () => {
  it('logs failures as warnings and cancellations at debug, returning nothing', async () => {
    const logs = captureLogs('debug');
    const { queue, scheduler, manual } = setup({ initiallyOpen: true, callTimeoutMs: 50 });
    expect(queue.enqueueDetached('p1', 'player.play', () => Promise.reject(new Error('x')))).toBe(
      undefined,
    );
    await flushMicrotasks();
    queue.enqueueDetached('p1', 'player.stop', manual('stop'));
    queue.enqueueDetached('p1', 'player.mute', manual('mute'));
    queue.cancel('p1', 'gone');
    scheduler.advance(50);
    await flushMicrotasks();
    expect(logs.map(({ level, scope, message }) => [level, scope, message])).toEqual([
      ['warn', 'command-queue', 'p1: player.play failed'],
      ['debug', 'command-queue', 'p1: player.mute cancelled'],
      ['warn', 'command-queue', 'p1: player.stop failed'],
    ]);
    expect(logs[2]!.data[0]).toMatchObject({ code: TrtcErrorCode.NativeCallTimeout });
  });

  it('logs nothing on success', async () => {
    const logs = captureLogs('debug');
    const { queue, instant } = setup();
    queue.enqueueDetached('pusher', 'ok', instant('ok'));
    await flushMicrotasks();
    expect(logs).toEqual([]);
  });
});

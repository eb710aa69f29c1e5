import { TrtcErrorCode } from '../src/core/errors';
import { createNullAdapter } from '../src/core/room/null-adapter';
import { systemScheduler } from '../src/core/room/scheduler';
import { ManualScheduler } from './fakes/manual-scheduler';
import { RecordingAdapter } from './fakes/recording-adapter';

describe('createNullAdapter', () => {
  it('is not gated and resolves every pusher and player call at once', async () => {
    const adapter = createNullAdapter();
    expect(adapter.gatedByDom).toBe(false);
    const pusher = adapter.createPusherContext();
    const player = adapter.createPlayerContext('alice_main');
    await expect(
      Promise.all([
        pusher.start(),
        pusher.stop(),
        pusher.pause(),
        pusher.resume(),
        pusher.switchCamera(),
        pusher.toggleTorch(),
        pusher.playBGM({ url: 'https://example.com/a.mp3' }),
        pusher.pauseBGM(),
        pusher.resumeBGM(),
        pusher.stopBGM(),
        pusher.setBGMVolume(0.5),
        pusher.setMICVolume(1),
        pusher.sendMessage('sei'),
        player.play(),
        player.stop(),
        player.mute(),
        player.pause(),
        player.resume(),
        player.requestFullScreen(90),
        player.exitFullScreen(),
      ]),
    ).resolves.toHaveLength(20);
  });

  it('rejects snapshots with UNSUPPORTED', async () => {
    const adapter = createNullAdapter();
    const expected = {
      code: TrtcErrorCode.Unsupported,
      message: expect.stringContaining('snapshot needs a real live-pusher/live-player'),
    };
    await expect(adapter.createPusherContext().snapshot({})).rejects.toMatchObject(expected);
    await expect(adapter.createPlayerContext('p').snapshot({})).rejects.toMatchObject(expected);
  });
});

describe('systemScheduler', () => {
  it('runs and clears host timers and reads the host clock', async () => {
    const before = Date.now();
    expect(systemScheduler.now()).toBeGreaterThanOrEqual(before);
    const ran: string[] = [];
    const cleared = systemScheduler.setTimeout(() => ran.push('cleared'), 0);
    systemScheduler.clearTimeout(cleared);
    await new Promise<void>((resolve) => systemScheduler.setTimeout(resolve, 1));
    expect(ran).toEqual([]);
  });
});

describe('ManualScheduler', () => {
  it('runs due timers in time order, ties in creation order, and clears', () => {
    const scheduler = new ManualScheduler(1000);
    const ran: string[] = [];
    scheduler.setTimeout(() => ran.push(`c@${scheduler.now()}`), 30);
    scheduler.setTimeout(() => ran.push(`a@${scheduler.now()}`), 10);
    scheduler.setTimeout(() => ran.push(`b@${scheduler.now()}`), 10);
    const gone = scheduler.setTimeout(() => ran.push('gone'), 5);
    scheduler.clearTimeout(gone);
    scheduler.clearTimeout('not a handle');
    expect(scheduler.pending()).toBe(3);
    scheduler.advance(9);
    expect(ran).toEqual([]);
    expect(scheduler.now()).toBe(1009);
    scheduler.advance(21);
    expect(ran).toEqual(['a@1010', 'b@1010', 'c@1030']);
    expect(scheduler.pending()).toBe(0);
  });

  it('runs timers scheduled during advance when they fall inside the window', () => {
    const scheduler = new ManualScheduler();
    const ran: string[] = [];
    scheduler.setTimeout(() => {
      ran.push(`outer@${scheduler.now()}`);
      scheduler.setTimeout(() => ran.push(`inner@${scheduler.now()}`), 5);
      scheduler.setTimeout(() => ran.push(`late@${scheduler.now()}`), 50);
    }, 10);
    scheduler.setTimeout(() => ran.push(`mid@${scheduler.now()}`), 12);
    scheduler.advance(20);
    expect(ran).toEqual(['outer@10', 'mid@12', 'inner@15']);
    expect(scheduler.now()).toBe(20);
    expect(scheduler.pending()).toBe(1);
    scheduler.runAll();
    expect(ran).toEqual(['outer@10', 'mid@12', 'inner@15', 'late@60']);
  });

  it('treats negative or NaN delays as 0 and stops runaway loops in runAll', () => {
    const scheduler = new ManualScheduler();
    const ran: number[] = [];
    scheduler.setTimeout(() => ran.push(1), -5);
    scheduler.setTimeout(() => ran.push(2), NaN);
    scheduler.advance(0);
    expect(ran).toEqual([1, 2]);
    const loop = (): void => {
      scheduler.setTimeout(loop, 1);
    };
    loop();
    expect(() => scheduler.runAll(100)).toThrow(/timer loop/);
    expect(() => scheduler.advance(-1)).toThrow(RangeError);
  });

  it('advanceAsync lets promise callbacks schedule timers inside the window', async () => {
    const scheduler = new ManualScheduler();
    const ran: number[] = [];
    scheduler.setTimeout(() => {
      void Promise.resolve().then(() => scheduler.setTimeout(() => ran.push(scheduler.now()), 1));
    }, 1);
    await scheduler.advanceAsync(5);
    expect(ran).toEqual([2]);
  });
});

describe('RecordingAdapter', () => {
  it('records calls with their target and arguments and counts contexts', async () => {
    const adapter = new RecordingAdapter({ gatedByDom: true });
    expect(adapter.gatedByDom).toBe(true);
    const pusher = adapter.createPusherContext();
    const player = adapter.createPlayerContext('bob_main');
    adapter.createPlayerContext('bob_main');
    await pusher.start();
    await pusher.setMICVolume(0.3);
    await player.requestFullScreen(-90);
    await expect(player.snapshot({ quality: 'raw' })).resolves.toEqual(adapter.snapshotResult);
    expect(adapter.calls).toEqual([
      { target: 'pusher', method: 'start', args: [] },
      { target: 'pusher', method: 'setMICVolume', args: [0.3] },
      { target: 'bob_main', method: 'requestFullScreen', args: [-90] },
      { target: 'bob_main', method: 'snapshot', args: [{ quality: 'raw' }] },
    ]);
    expect(adapter.log('bob_main')).toEqual(['bob_main.requestFullScreen', 'bob_main.snapshot']);
    expect(adapter.callsOf('start')).toHaveLength(1);
    expect(adapter.created.pusher).toBe(1);
    expect(adapter.created.player).toBe(2);
    expect(adapter.created.players.get('bob_main')).toBe(2);
    expect(new RecordingAdapter().gatedByDom).toBe(false);
  });

  it('fails the next N calls of a method, optionally on one target', async () => {
    const adapter = new RecordingAdapter();
    const boom = { errMsg: 'operateLivePlayer:fail' };
    adapter.failNext('play', { times: 2, target: 'p1', error: boom });
    const p1 = adapter.createPlayerContext('p1');
    const p2 = adapter.createPlayerContext('p2');
    await expect(p2.play()).resolves.toBeUndefined();
    await expect(p1.play()).rejects.toBe(boom);
    await expect(p1.play()).rejects.toBe(boom);
    await expect(p1.play()).resolves.toBeUndefined();
    adapter.failNext('start');
    await expect(adapter.createPusherContext().start()).rejects.toThrow('start:fail');
  });

  it('hangs the next call until the test settles it', async () => {
    const adapter = new RecordingAdapter();
    adapter.hangNext('stop');
    const pusher = adapter.createPusherContext();
    let settled = false;
    const hung = pusher.stop().then(() => (settled = true));
    await pusher.stop(); // only the next call hangs
    await Promise.resolve();
    expect(settled).toBe(false);
    expect(adapter.hung.map(({ call }) => call.method)).toEqual(['stop']);
    adapter.hung[0]!.resolve();
    await hung;
    expect(settled).toBe(true);
  });
});

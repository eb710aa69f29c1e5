import { TrtcErrorCode, isTrtcError } from '../src/core/errors';
import type { PlayerContextLike, PusherContextLike } from '../src/core/room/adapters';
import { CommandQueue } from '../src/core/room/command-queue';
import type { HostApi, HostLivePusherContext } from '../src/host/host-api';
import { createHostAdapter } from '../src/host/native-adapter';
import type { FakeHostOptions } from './fakes/fake-host';
import { createFakeHost } from './fakes/fake-host';
import { ManualScheduler, promiseTurns } from './fakes/manual-scheduler';

const ownerA = { is: 'components/trtc-room/index', n: 1 };
const ownerB = { is: 'components/trtc-room/index', n: 2 };

function setup(options: FakeHostOptions = {}) {
  const host = createFakeHost(options);
  let owner: object | undefined = ownerA;
  const adapter = createHostAdapter(host.api, { playerOwner: () => owner });
  const setOwner = (next: object | undefined) => (owner = next);
  return { host, adapter, setOwner };
}

/** What a promise settled with, for matching: { value } or { error }. */
async function outcome(promise: Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

type Run<C> = (context: C) => Promise<unknown>;
type Table<C> = { readonly [K in keyof C]: readonly [Run<C>, object] };

// Keyed by method, so the type checker insists that every method is covered.
const PUSHER: Table<PusherContextLike> = {
  start: [(c) => c.start(), {}],
  stop: [(c) => c.stop(), {}],
  pause: [(c) => c.pause(), {}],
  resume: [(c) => c.resume(), {}],
  switchCamera: [(c) => c.switchCamera(), {}],
  toggleTorch: [(c) => c.toggleTorch(), {}],
  playBGM: [(c) => c.playBGM({ url: 'https://x/bgm.mp3' }), { url: 'https://x/bgm.mp3' }],
  pauseBGM: [(c) => c.pauseBGM(), {}],
  resumeBGM: [(c) => c.resumeBGM(), {}],
  stopBGM: [(c) => c.stopBGM(), {}],
  setBGMVolume: [(c) => c.setBGMVolume(0.5), { volume: '0.5' }],
  setMICVolume: [(c) => c.setMICVolume(0.25), { volume: 0.25 }],
  sendMessage: [(c) => c.sendMessage('hello'), { msg: 'hello' }],
  snapshot: [(c) => c.snapshot({ quality: 'compressed' }), { quality: 'compressed' }],
  setZoom: [(c) => c.setZoom(2.5), { zoom: 2.5 }],
  getMaxZoom: [(c) => c.getMaxZoom(), {}],
  exitPictureInPicture: [(c) => c.exitPictureInPicture(), {}],
};

const PLAYER: Table<PlayerContextLike> = {
  play: [(c) => c.play(), {}],
  stop: [(c) => c.stop(), {}],
  mute: [(c) => c.mute(), {}],
  pause: [(c) => c.pause(), {}],
  resume: [(c) => c.resume(), {}],
  requestFullScreen: [(c) => c.requestFullScreen(90), { direction: 90 }],
  exitFullScreen: [(c) => c.exitFullScreen(), {}],
  snapshot: [(c) => c.snapshot({ sourceType: 'view' }), { sourceType: 'view' }],
  exitPictureInPicture: [(c) => c.exitPictureInPicture(), {}],
  requestBackgroundPlayback: [(c) => c.requestBackgroundPlayback(), {}],
  exitBackgroundPlayback: [(c) => c.exitBackgroundPlayback(), {}],
  startCasting: [(c) => c.startCasting(), {}],
  switchCasting: [(c) => c.switchCasting(), {}],
  reconnectCasting: [(c) => c.reconnectCasting(), {}],
  exitCasting: [(c) => c.exitCasting(), {}],
};

const rows = <C>(table: Table<C>) =>
  Object.entries<readonly [Run<C>, object]>(table).map(([method, [run, payload]]) => ({
    method,
    run,
    payload,
  }));
const pusherCalls = rows(PUSHER);
const playerCalls = rows(PLAYER);

describe('createHostAdapter', () => {
  it('is gated by the DOM', () => {
    expect(setup().adapter.gatedByDom).toBe(true);
  });

  it.each(pusherCalls)(
    'pusher $method calls the host with $payload',
    async ({ method, run, payload }) => {
      const { host, adapter } = setup();
      await run(adapter.createPusherContext());
      expect(host.contextCalls).toMatchObject([{ target: 'pusher', method, payload }]);
      expect(host.contextCalls[0]?.payload).toStrictEqual(payload);
    },
  );

  it.each(playerCalls)(
    'player $method calls the host with $payload',
    async ({ method, run, payload }) => {
      const { host, adapter } = setup();
      await run(adapter.createPlayerContext('alice_main'));
      expect(host.contextCalls).toMatchObject([{ target: 'alice_main', method, owner: ownerA }]);
      expect(host.contextCalls[0]?.payload).toStrictEqual(payload);
    },
  );

  it('settles only when the host calls back', async () => {
    const { host, adapter } = setup();
    host.hangNext('start');
    let settled = false;
    const started = adapter
      .createPusherContext()
      .start()
      .then(() => (settled = true));
    await promiseTurns();
    expect(settled).toBe(false);
    host.contextCalls[0]?.settle({ success: { errMsg: 'start:ok' } });
    await started;
    expect(settled).toBe(true);
  });

  it("rejects with the host's { errMsg } when it fails", async () => {
    const { host, adapter } = setup();
    host.failNext('play', { errMsg: 'operateLivePlayer:fail no node' });
    const result = await outcome(adapter.createPlayerContext('alice_main').play());
    expect(result.error).toEqual({ errMsg: 'operateLivePlayer:fail no node' });
  });

  it('surfaces the errMsg through the command queue as NATIVE_CALL_FAILED', async () => {
    const { host, adapter } = setup();
    host.failNext('start', { errMsg: 'start:fail camera busy' });
    const queue = new CommandQueue({ scheduler: new ManualScheduler(), initiallyOpen: true });
    const pusher = adapter.createPusherContext();
    const result = await outcome(queue.enqueue('pusher', 'start', () => pusher.start()));
    expect(isTrtcError(result.error, TrtcErrorCode.NativeCallFailed)).toBe(true);
    expect(String((result.error as Error).message)).toContain('start:fail camera busy');
  });

  it('gives a failure without an errMsg one', async () => {
    const { host, adapter } = setup();
    const context = { stop: (o: { fail(e?: unknown): void }) => o.fail() };
    host.api.createLivePusherContext = () => context as unknown as HostLivePusherContext;
    const result = await outcome(adapter.createPusherContext().stop());
    expect(result.error).toEqual({ errMsg: 'stop:fail' });
  });

  it('maps a snapshot to its image, leaving out errMsg and unset options', async () => {
    const { host, adapter } = setup();
    const image = await adapter.createPlayerContext('bob_main').snapshot({});
    expect(image).toEqual({
      tempImagePath: 'wxfile://tmp/fake-snapshot.jpg',
      width: 720,
      height: 1280,
    });
    expect(host.contextCalls[0]?.payload).toStrictEqual({});
  });

  it('rejects a snapshot that succeeded without an image', async () => {
    const { host, adapter } = setup();
    host.snapshotResult = {} as typeof host.snapshotResult;
    await expect(adapter.createPusherContext().snapshot({})).rejects.toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
    });
  });

  it("parses getMaxZoom's maxZoom, a string in WeChat's typings, to a number", async () => {
    const { host, adapter } = setup();
    await expect(adapter.createPusherContext().getMaxZoom()).resolves.toBe(5);
    host.maxZoom = 3.5;
    await expect(adapter.createPusherContext().getMaxZoom()).resolves.toBe(3.5);
    host.maxZoom = ' 8 ';
    await expect(adapter.createPusherContext().getMaxZoom()).resolves.toBe(8);
  });

  it.each(['', 'wide', '0.5', Number.NaN])(
    'rejects a getMaxZoom that succeeded without a usable maxZoom (%p)',
    async (maxZoom) => {
      const { host, adapter } = setup();
      host.maxZoom = maxZoom;
      await expect(adapter.createPusherContext().getMaxZoom()).rejects.toMatchObject({
        code: TrtcErrorCode.NativeCallFailed,
      });
    },
  );

  it('rejects setZoom and getMaxZoom with UNSUPPORTED where the base library lacks them', async () => {
    const { adapter } = setup({ missingMethods: { pusher: ['setZoom', 'getMaxZoom'] } });
    const pusher = adapter.createPusherContext();
    await expect(pusher.setZoom(2)).rejects.toMatchObject({ code: TrtcErrorCode.Unsupported });
    await expect(pusher.getMaxZoom()).rejects.toMatchObject({ code: TrtcErrorCode.Unsupported });
  });

  it('passes setBGMVolume a string, as WeChat expects', async () => {
    const { host, adapter } = setup();
    await adapter.createPusherContext().setBGMVolume(1);
    expect(host.contextCalls[0]?.payload).toStrictEqual({ volume: '1' });
  });
});

describe('createHostAdapter: resolving contexts', () => {
  it('creates the player context on every call, with the current owner', async () => {
    const { host, adapter, setOwner } = setup();
    const player = adapter.createPlayerContext('alice_main');
    expect(host.calls).toEqual([]);
    await player.play();
    setOwner(ownerB); // remounted under another component
    await player.mute();
    const creations = host.calls.filter((call) => call.api === 'createLivePlayerContext');
    expect(creations.map((call) => call.args)).toEqual([
      ['alice_main', ownerA],
      ['alice_main', ownerB],
    ]);
    expect(host.contextCalls.map((call) => call.owner)).toEqual([ownerA, ownerB]);
  });

  it('leaves the owner out when there is none (the page)', async () => {
    const { host, adapter, setOwner } = setup();
    setOwner(undefined);
    await adapter.createPlayerContext('alice_main').play();
    expect(host.calls).toEqual([{ api: 'createLivePlayerContext', args: ['alice_main'] }]);
  });

  it('creates the pusher context on every call', async () => {
    const { host, adapter } = setup();
    const pusher = adapter.createPusherContext();
    await pusher.start();
    await pusher.stop();
    expect(host.calls.map((call) => call.api)).toEqual([
      'createLivePusherContext',
      'createLivePusherContext',
    ]);
  });

  it('rejects with NATIVE_CALL_FAILED while there is no context, and recovers', async () => {
    const { host, adapter } = setup();
    const player = adapter.createPlayerContext('alice_main');
    host.nullContexts.add('alice_main');
    const missing = await outcome(player.play());
    expect(isTrtcError(missing.error, TrtcErrorCode.NativeCallFailed)).toBe(true);
    expect(String((missing.error as Error).message)).toContain('alice_main');
    host.nullContexts.delete('alice_main');
    await expect(player.play()).resolves.toBeUndefined();
  });
});

describe('createHostAdapter: older base libraries', () => {
  it.each([
    ['pusher', 'toggleTorch', '2.1.0'],
    ['pusher', 'snapshot', '1.9.90'],
    ['pusher', 'playBGM', '2.4.0'],
    ['pusher', 'setBGMVolume', '2.4.0'],
    ['pusher', 'setMICVolume', '2.10.0'],
    ['pusher', 'sendMessage', '2.10.0'],
    ['pusher', 'setZoom', '2.31.0'],
    ['pusher', 'getMaxZoom', '2.31.0'],
    ['player', 'pause', '1.9.90'],
    ['player', 'snapshot', '2.7.1'],
  ] as const)('%s %s, missing, rejects UNSUPPORTED naming %s', async (kind, method, since) => {
    const { host, adapter } = setup({ sdkVersion: '1.9.0', missingMethods: { [kind]: [method] } });
    const result = await outcome(
      kind === 'pusher'
        ? PUSHER[method][0](adapter.createPusherContext())
        : PLAYER[method][0](adapter.createPlayerContext('u_main')),
    );
    expect(isTrtcError(result.error, TrtcErrorCode.Unsupported)).toBe(true);
    const message = String((result.error as Error).message);
    expect(message).toContain(method);
    expect(message).toContain(since);
    expect(message).toContain('1.9.0');
    expect(host.contextCalls).toEqual([]);
  });

  it('rejects UNSUPPORTED when the host has no createLivePusherContext', async () => {
    const { host, adapter } = setup();
    Reflect.deleteProperty(host.api, 'createLivePusherContext');
    const result = await outcome(adapter.createPusherContext().start());
    expect(isTrtcError(result.error, TrtcErrorCode.Unsupported)).toBe(true);
  });
});

describe('createHostAdapter: never throws synchronously', () => {
  const throwingApi = (): HostApi => {
    const { api } = createFakeHost();
    const boom = () => {
      throw new Error('boom');
    };
    const context = new Proxy({}, { get: () => boom });
    api.createLivePusherContext = () => context as HostLivePusherContext;
    api.createLivePlayerContext = boom;
    return api;
  };

  it.each(pusherCalls)('pusher $method rejects instead', async ({ run }) => {
    const adapter = createHostAdapter(throwingApi(), { playerOwner: () => undefined });
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = run(adapter.createPusherContext()))).not.toThrow();
    await expect(promise).rejects.toThrow('boom');
  });

  it.each(playerCalls)('player $method rejects instead', async ({ run }) => {
    const adapter = createHostAdapter(throwingApi(), { playerOwner: () => undefined });
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = run(adapter.createPlayerContext('p')))).not.toThrow();
    const result = await outcome(promise ?? Promise.resolve());
    expect(isTrtcError(result.error, TrtcErrorCode.NativeCallFailed)).toBe(true);
  });

  it('rejects when playerOwner throws, or when given bad arguments', async () => {
    const { api } = createFakeHost();
    const adapter = createHostAdapter(api, {
      playerOwner: () => {
        throw new Error('owner gone');
      },
    });
    await expect(adapter.createPlayerContext('p').play()).rejects.toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
    });
    const badUrl = undefined as unknown as { url: string };
    let promise: Promise<unknown> | undefined;
    expect(() => (promise = adapter.createPusherContext().playBGM(badUrl))).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(TypeError);
  });
});

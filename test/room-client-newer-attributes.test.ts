// The newer live-pusher / live-player capabilities through the client (issue 21): the voice
// changer and custom-effect beauty attributes, fps's documented range, camera zoom
// (setZoom / getMaxZoom, on the same command lane as switchCamera and snapshot, recorded in
// traces) and enable-auto-rotation on the players.
import { EmulatorLink } from '../src/core/emulator/link';
import { TrtcErrorCode } from '../src/core/errors';
import { RoomClient } from '../src/core/room';
import { DEFAULT_PUSHER_ATTRIBUTES } from '../src/core/room/pusher-attributes';
import type { PusherSettings } from '../src/core/room/pusher-attributes';
import { createHostAdapter } from '../src/host/native-adapter';
import { createFakeHost } from './fakes/fake-host';
import type { FakeHostOptions } from './fakes/fake-host';
import { FakeSocketNet } from './fakes/fake-socket';
import { flushMicrotasks, ManualScheduler } from './fakes/manual-scheduler';
import { audioChanged, usersJoined, videoChanged } from './fakes/native-events';
import type { Harness, HarnessOptions } from './fakes/room-harness';
import { createHarness, failureCode, ROOM_PARAMS } from './fakes/room-harness';
import { thrownCode } from './fakes/trtc-error';

function joined(options: HarnessOptions = {}): Harness {
  const h = createHarness(options);
  h.join();
  return h;
}

function publish(h: Harness, userId: string): void {
  h.pushers(usersJoined(userId), videoChanged(userId, 'main', true), audioChanged(userId, true));
}

describe('live-pusher attributes of base library 2.29.1-2.31.0', () => {
  it("default to WeChat's defaults: a room that sets none renders what it did", () => {
    expect(DEFAULT_PUSHER_ATTRIBUTES).toMatchObject({
      voiceChangerType: 0,
      customEffect: false,
      skinWhiteness: 0,
      skinSmoothness: 0,
      faceThinness: 0,
      eyeBigness: 0,
      fps: 15,
    });
    expect(createHarness().enter()).toMatchObject({ voiceChangerType: 0, customEffect: false });
  });

  it('are set on entering and with setPusherAttributes', () => {
    const h = createHarness();
    const entered = h.enter({ pusher: { customEffect: true, skinSmoothness: 0.6 } });
    expect(entered).toMatchObject({ customEffect: true, skinSmoothness: 0.6 });
    const patch: Partial<PusherSettings> = {
      voiceChangerType: 11,
      skinWhiteness: 1,
      faceThinness: 0.25,
      eyeBigness: 0,
      fps: 30,
    };
    expect(h.client.setPusherAttributes(patch)).toMatchObject(patch);
    expect(h.client.setPusherAttributes({ voiceChangerType: 0 }).voiceChangerType).toBe(0);
  });

  it.each<[keyof PusherSettings, unknown]>([
    ['voiceChangerType', 5],
    ['voiceChangerType', 12],
    ['voiceChangerType', -1],
    ['voiceChangerType', 1.5],
    ['voiceChangerType', '3'],
    ['customEffect', 'true'],
    ['customEffect', 1],
    ['skinWhiteness', 1.01],
    ['skinSmoothness', -0.1],
    ['faceThinness', Number.NaN],
    ['eyeBigness', '0.5'],
    ['fps', 31],
    ['fps', 60],
    ['fps', 0],
  ])('reject %s = %p with INVALID_PARAMETER, changing nothing', (key, value) => {
    const h = joined();
    const before = h.client.getPusherAttributes();
    const run = () => h.client.setPusherAttributes({ [key]: value });
    expect(thrownCode(run)).toBe(TrtcErrorCode.InvalidParameter);
    expect(() => run()).toThrow(`attributes.${key}`);
    expect(h.client.getPusherAttributes()).toBe(before);
  });

  it('name the valid values in the error', () => {
    const h = joined();
    expect(() => h.client.setPusherAttributes({ voiceChangerType: 5 })).toThrow(
      'an integer from 0 to 11 except 5',
    );
    expect(() => h.client.setPusherAttributes({ fps: 60 })).toThrow('an integer from 1 to 30');
    expect(() => h.client.setPusherAttributes({ eyeBigness: 2 })).toThrow('a number from 0 to 1');
  });
});

describe('setZoom / getMaxZoom', () => {
  it('run on the pusher lane, after the node is ready, in order', async () => {
    const h = createHarness({ gatedByDom: true });
    h.enter();
    const results = [h.client.getMaxZoom(), h.client.setZoom(2.5), h.client.switchCamera()];
    await flushMicrotasks();
    expect(h.calls()).toEqual([]);
    h.client.setPusherReady(true);
    const [maxZoom, zoomed] = await Promise.all(results);
    expect(maxZoom).toBe(5);
    expect(zoomed).toBeUndefined();
    expect(h.calls()).toEqual(['pusher.getMaxZoom', 'pusher.setZoom', 'pusher.switchCamera']);
    expect(h.adapter.callsOf('setZoom')[0]?.args).toEqual([2.5]);
  });

  it('accept 1 and tenths above it; the top is the camera’s (the host checks it)', async () => {
    const h = joined();
    for (const zoom of [1, 1.1, 2.3, 10]) await h.client.setZoom(zoom);
    expect(h.adapter.callsOf('setZoom').map((call) => call.args[0])).toEqual([1, 1.1, 2.3, 10]);
  });

  it.each([0, 0.9, 1.25, -2, Number.NaN, Number.POSITIVE_INFINITY, '2', null])(
    'setZoom(%p) rejects with INVALID_PARAMETER and calls nothing',
    async (zoom) => {
      const h = joined();
      expect(await failureCode(() => h.client.setZoom(zoom as number))).toBe(
        TrtcErrorCode.InvalidParameter,
      );
      expect(h.calls()).toEqual([]);
    },
  );

  it('a failing getMaxZoom rejects with NATIVE_CALL_FAILED', async () => {
    const h = joined();
    h.adapter.failNext('getMaxZoom');
    expect(await failureCode(() => h.client.getMaxZoom())).toBe(TrtcErrorCode.NativeCallFailed);
  });

  it('the null adapter (Node) zooms nothing and has no camera to ask', async () => {
    const client = new RoomClient({ scheduler: new ManualScheduler() });
    client.enterRoom(ROOM_PARAMS);
    await expect(client.setZoom(2)).resolves.toBeUndefined();
    await expect(client.getMaxZoom()).rejects.toMatchObject({ code: TrtcErrorCode.Unsupported });
    client.destroy();
  });

  it('the room emulator zooms nothing and has no camera either', async () => {
    const link = new EmulatorLink({
      url: 'ws://127.0.0.1:1/room',
      connect: new FakeSocketNet().connect,
    });
    const pusher = link.adapter.createPusherContext();
    await expect(pusher.setZoom(2)).resolves.toBeUndefined();
    await expect(pusher.getMaxZoom()).rejects.toMatchObject({ code: TrtcErrorCode.Unsupported });
    link.destroy();
  });

  it('are recorded in a trace as pusher.getMaxZoom and pusher.setZoom', async () => {
    const h = joined({ recordTrace: true });
    await h.client.getMaxZoom();
    await h.client.setZoom(1.5);
    const trace = h.client.getTrace({ platform: { host: 'node', system: {} } })!;
    const commands = trace.entries.filter((entry) => entry.kind === 'command');
    expect(commands).toMatchObject([
      { name: 'pusher.getMaxZoom', outcome: 'ok', playerId: null },
      { name: 'pusher.setZoom', outcome: 'ok', playerId: null },
    ]);
  });
});

describe('setZoom / getMaxZoom on a mini-program host', () => {
  function hostClient(options: FakeHostOptions = {}) {
    const host = createFakeHost(options);
    const adapter = createHostAdapter(host.api, { playerOwner: () => undefined });
    const client = new RoomClient({ adapter, scheduler: new ManualScheduler() });
    client.enterRoom(ROOM_PARAMS);
    client.setPusherReady(true);
    return { host, client };
  }

  it('calls LivePusherContext.setZoom({ zoom }) and parses getMaxZoom’s string', async () => {
    const { host, client } = hostClient();
    host.maxZoom = '6.5';
    await client.setZoom(3.2);
    await expect(client.getMaxZoom()).resolves.toBe(6.5);
    const zoomCalls = host.contextCalls.filter((call) => call.method !== 'start');
    expect(zoomCalls.map((call) => [call.method, call.payload])).toEqual([
      ['setZoom', { zoom: 3.2 }],
      ['getMaxZoom', {}],
    ]);
    client.destroy();
  });

  it('rejects with UNSUPPORTED where the base library lacks them (before 2.31.0)', async () => {
    const { client } = hostClient({ missingMethods: { pusher: ['setZoom', 'getMaxZoom'] } });
    await expect(client.setZoom(2)).rejects.toMatchObject({ code: TrtcErrorCode.Unsupported });
    await expect(client.getMaxZoom()).rejects.toMatchObject({ code: TrtcErrorCode.Unsupported });
    client.destroy();
  });
});

describe('enable-auto-rotation on the players', () => {
  it('is off by default (WeChat’s default)', () => {
    const h = joined();
    publish(h, 'alice');
    expect(h.client.getPlayers()[0]?.enableAutoRotation).toBe(false);
  });

  it("the room's option turns it on for every player", () => {
    const h = joined({ enableAutoRotation: true });
    publish(h, 'alice');
    publish(h, 'bob');
    expect(h.client.getPlayers().map((p) => p.enableAutoRotation)).toEqual([true, true]);
  });

  it('setRemoteViewOptions sets it per stream, over the room’s', () => {
    const h = joined({ enableAutoRotation: true });
    publish(h, 'alice');
    publish(h, 'bob');
    h.client.setRemoteViewOptions('bob', 'main', { enableAutoRotation: false });
    expect(h.client.getPlayers().map((p) => [p.id, p.enableAutoRotation])).toEqual([
      ['alice_main', true],
      ['bob_main', false],
    ]);
  });

  it('a value that is not a boolean is INVALID_PARAMETER', () => {
    expect(thrownCode(() => createHarness({ enableAutoRotation: 'yes' as never }))).toBe(
      TrtcErrorCode.InvalidParameter,
    );
    const h = joined();
    publish(h, 'alice');
    const before = h.client.getPlayers();
    expect(
      thrownCode(() =>
        h.client.setRemoteViewOptions('alice', 'main', { enableAutoRotation: 1 as never }),
      ),
    ).toBe(TrtcErrorCode.InvalidParameter);
    expect(h.client.getPlayers()).toBe(before);
  });
});

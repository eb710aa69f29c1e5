// trtc-room/taro: the newer live-pusher / live-player capabilities (issue 21): the voice changer
// and custom-effect beauty as options, enable-auto-rotation on the room and on <TrtcPlayer>, and
// the handle's setZoom() / getMaxZoom(). Rendered on the fake Taro of test/fakes/taro.
import { TrtcErrorCode } from '../src/core/errors';
import { TrtcPlayer, TrtcPusher } from '../src/taro';
import type { TrtcRoomOptions } from '../src/taro';
import { installHost, mountRoom, settle, useTaroRoomHarness } from './fakes/taro/room-harness';

useTaroRoomHarness();

const EFFECTS = {
  voiceChangerType: 4,
  customEffect: true,
  skinWhiteness: 0.2,
  skinSmoothness: 0.9,
  faceThinness: 0.5,
  eyeBigness: 1,
};

describe('live-pusher options', () => {
  test("a room that sets none passes WeChat's defaults to <LivePusher>", async () => {
    const room = await mountRoom();
    await room.enter();
    expect(room.pusher().props).toMatchObject({
      voiceChangerType: 0,
      customEffect: false,
      skinWhiteness: 0,
      skinSmoothness: 0,
      faceThinness: 0,
      eyeBigness: 0,
      fps: 15,
    });
    expect(room.named('error')).toEqual([]);
  });

  test('the options reach <LivePusher> on entering', async () => {
    const room = await mountRoom(EFFECTS);
    await room.enter();
    expect(room.pusher().props).toMatchObject(EFFECTS);
    expect(room.named('error')).toEqual([]);
  });

  test.each<[keyof TrtcRoomOptions, unknown]>([
    ['voiceChangerType', 5],
    ['customEffect', 'yes'],
    ['skinWhiteness', 1.2],
    ['eyeBigness', 'big'],
  ])('%s: %j reaches onError as INVALID_PARAMETER', async (name, value) => {
    const room = await mountRoom({ [name]: value } as TrtcRoomOptions);
    await settle();
    expect(room.named('error')).toEqual([
      expect.objectContaining({
        code: TrtcErrorCode.InvalidParameter,
        message: expect.stringContaining(name),
      }),
    ]);
  });

  test('an option that turns bad later reaches onError when it changes', async () => {
    const room = await mountRoom();
    await settle();
    await room.update({ faceThinness: 3 });
    expect(room.named('error')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('faceThinness') }),
    ]);
  });

  test('<TrtcPusher> passes them in a custom layout', async () => {
    const room = await mountRoom(
      { ...EFFECTS, template: 'custom', roomKey: 'effects' },
      { children: <TrtcPusher /> },
    );
    const entered = room.room.enter();
    entered.catch(() => undefined);
    await settle();
    expect(room.pusher().props).toMatchObject(EFFECTS);
  });
});

describe('setZoom() / getMaxZoom()', () => {
  test('go to the page-scoped LivePusherContext; maxZoom as a number', async () => {
    const room = await mountRoom();
    await room.enter();
    room.host.maxZoom = '3';
    await room.run(() => room.room.setZoom(2.1));
    await expect(room.run(() => room.room.getMaxZoom())).resolves.toBe(3);
    const calls = room.host.contextCalls.filter((c) => /Zoom$/.test(c.method));
    expect(calls.map((c) => [c.target, c.method, c.payload])).toEqual([
      ['pusher', 'setZoom', { zoom: 2.1 }],
      ['pusher', 'getMaxZoom', {}],
    ]);
  });

  test('a bad zoom is INVALID_PARAMETER; a host without them UNSUPPORTED', async () => {
    const host = installHost({ missingMethods: { pusher: ['setZoom', 'getMaxZoom'] } });
    const room = await mountRoom({}, { host });
    await room.enter();
    await expect(room.run(() => room.room.setZoom(0))).rejects.toMatchObject({
      code: TrtcErrorCode.InvalidParameter,
    });
    await expect(room.run(() => room.room.setZoom(2))).rejects.toMatchObject({
      code: TrtcErrorCode.Unsupported,
    });
    await expect(room.run(() => room.room.getMaxZoom())).rejects.toMatchObject({
      code: TrtcErrorCode.Unsupported,
    });
  });
});

describe('enableAutoRotation', () => {
  test("off by default: <LivePlayer enableAutoRotation={false}>, WeChat's default", async () => {
    const room = await mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    expect(room.player('bob_main').props['enableAutoRotation']).toBe(false);
  });

  test('the room option reaches the client, read once', async () => {
    const room = await mountRoom({ template: 'grid', enableAutoRotation: true });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    expect(room.room.players.map((p) => p.enableAutoRotation)).toEqual([true]);
  });

  test('the room option reaches every <LivePlayer>', async () => {
    const room = await mountRoom({ template: 'grid', enableAutoRotation: true });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    expect(room.player('bob_main').props['enableAutoRotation']).toBe(true);
  });

  test('<TrtcPlayer enableAutoRotation> for one player; the room option for all', async () => {
    const children = (
      <>
        <TrtcPusher />
        <TrtcPlayer playerId="bob_main" enableAutoRotation />
        <TrtcPlayer playerId="carol_main" />
      </>
    );
    const rotation = async (options: TrtcRoomOptions) => {
      const room = await mountRoom({ template: 'custom', ...options }, { children });
      await room.enter();
      await room.join('bob', { camera: true, mic: true });
      await room.join('carol', { camera: true, mic: true });
      const result = ['bob_main', 'carol_main'].map(
        (id) => room.player(id).props['enableAutoRotation'],
      );
      room.renderer.unmount();
      return result;
    };
    expect(await rotation({ roomKey: 'rot-1' })).toEqual([true, false]);
    expect(await rotation({ roomKey: 'rot-2', enableAutoRotation: true })).toEqual([true, true]);
  });
});

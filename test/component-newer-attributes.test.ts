/**
 * @jest-environment jsdom
 */
// The newer live-pusher / live-player capabilities in the native components (issue 21): the
// voice changer and custom-effect beauty on <live-pusher>, enable-auto-rotation on <live-player>,
// and <trtc-room>'s setZoom() / getMaxZoom(), rendered and checked in miniprogram-simulate.
import { TrtcErrorCode } from '../src/core/errors';
import {
  attrsOf,
  cleanupComponents,
  defineParent,
  mountParent,
  mountRoom,
  settle,
  useComponentClock,
} from './fakes/component-harness';
import type { RoomHarness } from './fakes/component-harness';
import type { RoomClient } from '../src/core/room/room-client';
import { pusherState, usersJoined, videoChanged } from './fakes/native-events';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

const NEW_PUSHER_DEFAULTS = {
  voiceChangerType: 0,
  customEffect: false,
  skinWhiteness: 0,
  skinSmoothness: 0,
  faceThinness: 0,
  eyeBigness: 0,
};

type ErrorDetail = { readonly code: string; readonly message: string };
const errors = (room: RoomHarness) =>
  (room.eventsNamed('error') as ErrorDetail[]).map(({ code, message }) => ({ code, message }));

interface ZoomMethods {
  setZoom(zoom: unknown): Promise<void>;
  getMaxZoom(): Promise<number>;
}
const zoomOf = (room: RoomHarness) => room.comp.instance as unknown as ZoomMethods;

describe('<trtc-room>: live-pusher attributes', () => {
  it("renders WeChat's defaults when the page sets none", async () => {
    const room = mountRoom();
    await room.enter();
    expect(room.pusher()).toMatchObject({ ...NEW_PUSHER_DEFAULTS, fps: 15 });
    expect(errors(room)).toEqual([]);
  });

  it('renders the properties (decimal strings as their number) on entering', async () => {
    const room = mountRoom({
      voiceChangerType: '3',
      customEffect: true,
      skinWhiteness: '0.4',
      skinSmoothness: 0.8,
      faceThinness: '1',
      eyeBigness: 0.25,
    });
    await room.enter();
    expect(room.pusher()).toMatchObject({
      voiceChangerType: 3,
      customEffect: true,
      skinWhiteness: 0.4,
      skinSmoothness: 0.8,
      faceThinness: 1,
      eyeBigness: 0.25,
    });
    expect(errors(room)).toEqual([]);
  });

  it('takes them as enter() overrides, and from setPusherAttributes while in the room', async () => {
    const room = mountRoom();
    await room.enter({ voiceChangerType: 7, customEffect: true });
    expect(room.pusher()).toMatchObject({ voiceChangerType: 7, customEffect: true });
    room.client.setPusherAttributes({ eyeBigness: 0.5, voiceChangerType: 11, fps: 30 });
    await settle();
    expect(room.pusher()).toMatchObject({ eyeBigness: 0.5, voiceChangerType: 11, fps: 30 });
  });

  it.each([
    ['voiceChangerType', 5],
    ['voiceChangerType', '12'],
    ['skinWhiteness', '1.5'],
    ['skinSmoothness', -1],
    ['faceThinness', 'thin'],
    ['eyeBigness', 2],
    // custom-effect is a Boolean property: WeChat coerces what the page writes (Taro can pass
    // anything: test/taro-room-newer-attributes.test.tsx).
  ])(
    '%s=%j is reported once at attach as INVALID_PARAMETER, naming the value',
    async (name, value) => {
      const room = mountRoom({ [name]: value });
      await settle();
      expect(errors(room)).toEqual([
        { code: TrtcErrorCode.InvalidParameter, message: expect.stringContaining(name) },
      ]);
      expect(errors(room)[0]!.message).toContain(JSON.stringify(value));
    },
  );

  it('a value that turns bad later is reported when it changes, and enter() refuses it', async () => {
    const room = mountRoom();
    await settle();
    room.comp.setData({ voiceChangerType: 5 });
    await settle();
    room.comp.setData({ beauty: 3 });
    await settle();
    expect(errors(room)).toEqual([
      { code: TrtcErrorCode.InvalidParameter, message: expect.stringContaining('except 5') },
    ]);
    await expect(room.methods.enter()).rejects.toMatchObject({
      code: TrtcErrorCode.InvalidParameter,
    });
    expect(room.client.getState()).toBe('idle');
  });
});

describe('<trtc-room>: setZoom() and getMaxZoom()', () => {
  it('call LivePusherContext.setZoom and getMaxZoom, maxZoom as a number', async () => {
    const room = mountRoom();
    await room.enter();
    room.host.maxZoom = '4';
    await Promise.all([zoomOf(room).setZoom(1.5), settle()]);
    const [maxZoom] = await Promise.all([zoomOf(room).getMaxZoom(), settle()]);
    expect(maxZoom).toBe(4);
    const calls = room.host.contextCalls.filter((c) => /Zoom$/.test(c.method));
    expect(calls.map((c) => [c.method, c.payload])).toEqual([
      ['setZoom', { zoom: 1.5 }],
      ['getMaxZoom', {}],
    ]);
  });

  it('reject a bad zoom with INVALID_PARAMETER and call nothing', async () => {
    const room = mountRoom();
    await room.enter();
    for (const zoom of [0.5, 1.05, 'x']) {
      await expect(zoomOf(room).setZoom(zoom)).rejects.toMatchObject({
        code: TrtcErrorCode.InvalidParameter,
      });
    }
    expect(room.host.contextCalls.filter((c) => c.method === 'setZoom')).toEqual([]);
  });

  it('reject with UNSUPPORTED on a base library without them', async () => {
    const room = mountRoom(
      {},
      {
        hostOptions: {
          authSetting: { 'scope.camera': true, 'scope.record': true },
          missingMethods: { pusher: ['setZoom', 'getMaxZoom'] },
        },
      },
    );
    await room.enter();
    const [zoom, max] = await Promise.all([
      zoomOf(room)
        .setZoom(2)
        .catch((error: unknown) => error),
      zoomOf(room)
        .getMaxZoom()
        .catch((error: unknown) => error),
      settle(),
    ]);
    expect(zoom).toMatchObject({ code: TrtcErrorCode.Unsupported });
    expect(max).toMatchObject({ code: TrtcErrorCode.Unsupported });
  });
});

describe('<trtc-room>: enable-auto-rotation', () => {
  it("renders WeChat's default (false) on the players", async () => {
    const room = mountRoom({ template: 'grid' });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    expect(room.player('bob_main')['enableAutoRotation']).toBe(false);
  });

  it('is read at attach into the client, which gives it to every player', async () => {
    const room = mountRoom({ template: 'grid', enableAutoRotation: true });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    expect(room.client.getPlayers()[0]?.enableAutoRotation).toBe(true);
  });

  it('renders it on every <live-player>', async () => {
    const room = mountRoom({ template: 'grid', enableAutoRotation: true });
    await room.enter();
    await room.join('bob', { camera: true, mic: true });
    await room.join('carol', { camera: true, mic: true });
    expect(room.players().map((p) => p['enableAutoRotation'])).toEqual([true, true]);
  });
});

describe('custom layout: <trtc-pusher> and <trtc-player>', () => {
  const room = (extra: string) =>
    '<trtc-room id="room" room-key="n1" template="custom" sdk-app-id="{{1400000001}}" ' +
    `user-id="me" user-sig="sig" room-id="{{7}}" ${extra} />`;

  async function mount(template: string) {
    const { comp, host } = mountParent(defineParent(template));
    const roomNode = comp.querySelector('#room')!;
    const entered = (roomNode.instance as unknown as { enter(): Promise<void> }).enter();
    await settle();
    const pusher = comp.querySelector('#p')!.querySelector('#trtc-pusher')!;
    pusher.dispatchEvent('statechange', { detail: pusherState(1018, 'ok') });
    await settle();
    await entered;
    for (const user of ['bob', 'carol']) {
      pusher.dispatchEvent('statechange', { detail: usersJoined(user) });
      pusher.dispatchEvent('statechange', { detail: videoChanged(user, 'main', true) });
    }
    await settle();
    const attribute = (id: string, name: string) =>
      attrsOf(comp.querySelector(`#${id}`)!.querySelector(`#${id}_main`)!.toJSON())[name];
    const rotation = (id: string) => attribute(id, 'enableAutoRotation');
    const client = (roomNode.instance as unknown as { getClient(): RoomClient }).getClient();
    return { comp, host, pusher, rotation, attribute, client };
  }

  it('<trtc-pusher> renders the pusher attributes the room sets', async () => {
    const { pusher } = await mount(
      room('voice-changer-type="{{9}}" custom-effect skin-smoothness="{{0.3}}"') +
        '<trtc-pusher id="p" room-key="n1" />',
    );
    expect(attrsOf(pusher.toJSON())).toMatchObject({
      ...NEW_PUSHER_DEFAULTS,
      voiceChangerType: 9,
      customEffect: true,
      skinSmoothness: 0.3,
    });
  });

  it('<trtc-player enable-auto-rotation> turns it on for that player only', async () => {
    const { rotation } = await mount(
      room('') +
        '<trtc-pusher id="p" room-key="n1" />' +
        '<trtc-player id="bob" room-key="n1" player-id="bob_main" enable-auto-rotation />' +
        '<trtc-player id="carol" room-key="n1" player-id="carol_main" />',
    );
    expect([rotation('bob'), rotation('carol')]).toEqual([true, false]);
  });

  it('<trtc-player enable-casting> offers casting for that player, and routes its events', async () => {
    const { comp, host, attribute, client } = await mount(
      room('') +
        '<trtc-pusher id="p" room-key="n1" />' +
        '<trtc-player id="bob" room-key="n1" player-id="bob_main" enable-casting />' +
        '<trtc-player id="carol" room-key="n1" player-id="carol_main" />',
    );
    expect([attribute('bob', 'enableCasting'), attribute('carol', 'enableCasting')]).toEqual([
      true,
      false,
    ]);
    const events: unknown[] = [];
    client.on('casting', (event) => events.push(event));
    const node = comp.querySelector('#bob')!.querySelector('#bob_main')!;
    node.dispatchEvent('castingstatechange', { detail: { state: 'success' } });
    await settle();
    expect(events).toEqual([{ playerId: 'bob_main', kind: 'state-changed', ok: true, type: null }]);
    // The room does not offer casting, the node does: the command reaches its context.
    await client.startCasting('bob_main');
    expect(host.contextCalls.filter((c) => c.method === 'startCasting')).toEqual([
      expect.objectContaining({ target: 'bob_main' }),
    ]);
  });

  it("<trtc-pusher> renders the room's pusher-picture-in-picture", async () => {
    const { pusher } = await mount(
      room('pusher-picture-in-picture="pop"') + '<trtc-pusher id="p" room-key="n1" />',
    );
    expect(attrsOf(pusher.toJSON())['pictureInPictureMode']).toBe('pop');
  });

  it("the room's enable-auto-rotation turns it on for every <trtc-player>", async () => {
    const { rotation } = await mount(
      room('enable-auto-rotation') +
        '<trtc-pusher id="p" room-key="n1" />' +
        '<trtc-player id="bob" room-key="n1" player-id="bob_main" />' +
        '<trtc-player id="carol" room-key="n1" player-id="carol_main" />',
    );
    expect([rotation('bob'), rotation('carol')]).toEqual([true, true]);
  });
});

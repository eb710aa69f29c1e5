/**
 * @jest-environment jsdom
 */
// <trtc-room emulator="..."> in miniprogram-simulate, on a fake host whose wx.connectSocket
// reaches an in-memory fake emulator: which transport is chosen (DevTools auto-probe, an
// explicit address, 'off'), the placeholders drawn instead of <live-pusher>/<live-player>, and
// the outward events, which must be those of the native engine.
import { TrtcErrorCode } from '../src/core/errors';
import { LOCAL_EMULATOR_URL } from '../src/host/emulator-mode';
import type { MountOptions, RoomHarness } from './fakes/component-harness';
import {
  advance,
  cleanupComponents,
  componentWarnings,
  defineParent,
  findAll,
  mountParent,
  mountRoom,
  settle,
  standInsOf,
  useComponentClock,
  FULL_STYLE,
  PARKED_STYLE,
  PIP_STYLE,
} from './fakes/component-harness';
import type { FakeHostOptions } from './fakes/fake-host';
import { createFakeHost } from './fakes/fake-host';
import type { NetMode } from './fakes/fake-socket';
import { FakeSocketNet } from './fakes/fake-socket';
import {
  audioChanged,
  audioVolume,
  netStatus,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';

beforeEach(() => useComponentClock());
afterEach(() => cleanupComponents());

const FULL = FULL_STYLE;
const PIP = PIP_STYLE;
const PARKED = PARKED_STYLE;

function on(net: FakeSocketNet, platform = 'devtools', extra: FakeHostOptions = {}): MountOptions {
  return {
    hostOptions: { platform, connectSocket: net.connectSocket, ...extra },
  };
}

/** The link's socket (the last one: the probe's came first). */
const linkFrames = (net: FakeSocketNet) => net.last().frames;

/** Bob joins with camera and mic, as the emulator announces him to the pusher. */
async function bobJoins(net: FakeSocketNet): Promise<void> {
  net.pusher('statechange', usersJoined('bob'));
  net.pusher('statechange', videoChanged('bob', 'main', true));
  net.pusher('statechange', audioChanged('bob', true));
  await settle();
}

const warnings = componentWarnings;

describe('choosing the transport', () => {
  test('DevTools with a local emulator: the room talks to it and draws placeholders', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({ template: '1v1' }, on(net));
    await room.enterEmulated();

    expect(room.client.getState()).toBe('joined');
    expect(room.eventsNamed('enter')).toEqual([{ userId: 'me' }]);
    // The probe's socket (closed once it said hello), then the room's.
    expect(net.sockets.map((socket) => socket.url)).toEqual([
      LOCAL_EMULATOR_URL,
      LOCAL_EMULATOR_URL,
    ]);
    expect(net.sockets[0]!.closedByClient).toBe(true);
    expect(linkFrames(net)).toEqual([
      {
        type: 'enter',
        url: room.client.getPusherAttributes().url,
        publish: { camera: true, microphone: true, muted: false },
      },
    ]);
    expect(room.pusher()).toBeNull();
    expect(room.standIns()).toEqual([
      expect.objectContaining({ id: 'trtc-room-pusher', style: FULL }),
    ]);
    expect(room.overlay('local')).toMatchObject({ text: 'me (me)', mic: 'on', camera: 'on' });
    // Nothing native was touched.
    await room.methods.switchCamera();
    expect(room.host.calls.map((call) => call.api)).not.toContain('createLivePusherContext');
    expect(room.host.contextCalls).toEqual([]);
  });

  test('DevTools without an emulator: native, with one warning on how to start one', async () => {
    const net = new FakeSocketNet('refuse');
    const room = mountRoom({}, on(net));
    await room.enter();
    expect(room.pusher()).toMatchObject({ url: expect.stringMatching(/^room:\/\//) });
    expect(room.standIns()).toEqual([]);
    const [warning, ...more] = warnings();
    expect(more).toEqual([]);
    expect(warning).toContain('DevTools cannot run <live-pusher>/<live-player>');
    expect(warning).toContain('`npm start`');
    expect(warning).toContain('`npx trtc-room-emulator`');
    expect(warning).toContain(LOCAL_EMULATOR_URL);

    await room.methods.exit();
    await room.enter();
    expect(warnings()).toHaveLength(1);
    expect(net.sockets).toHaveLength(2); // probed on each enter
  });

  test('outside DevTools the default never probes', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({}, on(net, 'ios'));
    await room.enter();
    expect(net.sockets).toEqual([]);
    expect(room.host.calls.map((call) => call.api)).not.toContain('connectSocket');
    expect(room.pusher()).not.toBeNull();
    expect(warnings()).toEqual([]);
  });

  test("'off' never probes, even in DevTools", async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({ emulator: 'off' }, on(net));
    await room.enter();
    expect(net.sockets).toEqual([]);
    expect(room.pusher()).not.toBeNull();
    expect(warnings()).toEqual([]);
  });

  test.each([
    ['ws://192.168.1.5:9000', 'ws://192.168.1.5:9000/room'],
    ['ws://192.168.1.5:9000/', 'ws://192.168.1.5:9000/room'],
    ['wss://emu.example.com/rooms/a', 'wss://emu.example.com/rooms/a'],
  ])('an explicit address (%s) is used on any platform, at %s', async (emulator, url) => {
    const net = new FakeSocketNet();
    const room = mountRoom({ emulator }, on(net, 'android'));
    await room.enterEmulated();
    expect(room.client.getState()).toBe('joined');
    expect(net.sockets.map((socket) => socket.url)).toEqual([url, url]);
    expect(room.pusher()).toBeNull();
  });

  test.each<NetMode>(['refuse', 'silent'])(
    'an explicit address that does not answer (%s): enter() fails before asking for devices',
    async (mode) => {
      const net = new FakeSocketNet(mode);
      const room = mountRoom(
        { emulator: 'ws://10.0.0.9:8787' },
        on(net, 'ios', { authSetting: {} }),
      );
      const entered = room.methods.enter();
      entered.catch(() => undefined);
      await advance(5000);
      // What happened, as it happened: refused at once, or no answer in time.
      const what = mode === 'refuse' ? 'refused the connection' : 'did not answer within 5000 ms';
      const message = expect.stringContaining(
        `the room emulator at ws://10.0.0.9:8787/room ${what}`,
      );
      await expect(entered).rejects.toMatchObject({ code: TrtcErrorCode.EnterFailed, message });
      const apis = room.host.calls.map((call) => call.api);
      expect(apis).toContain('connectSocket');
      expect(apis).not.toContain('getSetting');
      expect(apis).not.toContain('authorize');
      expect(room.client.getState()).toBe('idle');
      // The page hears it too, as an `error` event.
      expect(room.events).toEqual([
        {
          name: 'error',
          detail: { code: TrtcErrorCode.EnterFailed, message, nativeCode: null, playerId: null },
        },
      ]);
      room.events.length = 0;
      expect(net.live()).toEqual([]);
      // The page may enter again once the emulator runs.
      net.mode = 'answer';
      await room.enterEmulated();
      expect(room.client.getState()).toBe('joined');
    },
  );

  test('while the probe runs, a second enter() is refused; exit() stops the first', async () => {
    const net = new FakeSocketNet('silent');
    const room = mountRoom({}, on(net, 'devtools', { authSetting: {} }));
    const entered = room.methods.enter();
    entered.catch(() => undefined);
    await settle();
    await expect(room.methods.enter()).rejects.toMatchObject({
      code: TrtcErrorCode.InvalidState,
    });
    await room.methods.exit();
    await advance(1500);
    await expect(entered).rejects.toMatchObject({ code: TrtcErrorCode.InvalidState });
    expect(room.host.calls.map((call) => call.api)).not.toContain('getSetting');
    expect(room.client.getState()).toBe('idle');
  });

  test('exit() during the probe closes its socket at once; enter() may follow right away', async () => {
    const net = new FakeSocketNet('silent');
    const room = mountRoom({}, on(net));
    const first = room.methods.enter();
    first.catch(() => undefined);
    await settle();
    const probe = net.last();
    const exited = room.methods.exit();
    expect(probe.closedByClient).toBe(true);
    net.mode = 'answer';
    const second = room.methods.enter();
    second.catch(() => undefined);
    await exited;
    await settle();
    await second;
    await expect(first).rejects.toMatchObject({ code: TrtcErrorCode.InvalidState });
    expect(room.client.getState()).toBe('joined');
    expect(room.pusher()).toBeNull();
    expect(warnings()).toEqual([]);
  });

  test('detaching during the probe closes its socket at once and logs nothing later', async () => {
    const net = new FakeSocketNet('silent');
    const room = mountRoom({}, on(net));
    const entered = room.methods.enter();
    entered.catch(() => undefined);
    await settle();
    expect(net.live()).toHaveLength(1);
    room.detach();
    expect(net.live()).toEqual([]);
    await advance(5000);
    expect(warnings()).toEqual([]);
    await expect(entered).rejects.toMatchObject({ code: TrtcErrorCode.InvalidState });
  });

  test('every socket asks the host to give up when it has not opened after 5 s', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({}, on(net));
    await room.enterEmulated();
    const opened = room.host.calls.filter((call) => call.api === 'connectSocket');
    expect(opened.map((call) => call.args[0])).toEqual([
      { url: LOCAL_EMULATOR_URL, timeout: 5000 },
      { url: LOCAL_EMULATOR_URL, timeout: 5000 },
    ]);
  });

  test('an explicit address on a host without connectSocket rejects UNSUPPORTED', async () => {
    const room = mountRoom({ emulator: 'ws://127.0.0.1:8787' }, { host: createFakeHost() });
    await expect(room.methods.enter()).rejects.toMatchObject({ code: TrtcErrorCode.Unsupported });
  });

  test('a value that is not an address rejects INVALID_PARAMETER', async () => {
    const room = mountRoom({ emulator: 'http://127.0.0.1:8787' }, on(new FakeSocketNet()));
    await expect(room.methods.enter()).rejects.toMatchObject({
      code: TrtcErrorCode.InvalidParameter,
      field: 'emulator',
    });
  });

  test('decided on every enter: after exit, emulator="off" brings the native nodes back', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({}, on(net));
    await room.enterEmulated();
    await room.methods.exit();
    await settle();
    expect(linkFrames(net).map((frame) => frame.type)).toEqual(['enter', 'exit']);

    room.comp.setData({ emulator: 'off' });
    await room.enter();
    expect(room.pusher()).not.toBeNull();
    expect(room.standIns()).toEqual([]);
    expect(net.live()).toEqual([]);
    // The client's pusher context now reaches the host's LivePusherContext.
    await room.methods.switchCamera();
    expect(room.host.methodsCalled('pusher')).toEqual(['switchCamera']);
  });

  test('DevTools detected from getSystemInfoSync alone (older base libraries)', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({}, on(net, 'devtools', { legacySystemInfo: true }));
    await room.enterEmulated();
    expect(room.client.getState()).toBe('joined');
    expect(room.pusher()).toBeNull();
  });

  test.each([
    ['fails at once (a domain DevTools does not allow)', 'fail'],
    ['throws', 'throw'],
  ])('DevTools, connectSocket %s: native without waiting for the probe timeout', async (_, how) => {
    const connectSocket: FakeHostOptions['connectSocket'] = (options) => {
      if (how === 'throw') throw new Error('not allowed');
      void Promise.resolve().then(() =>
        options.fail?.({ errMsg: 'connectSocket:fail url not in domain list' }),
      );
      return new FakeSocketNet('hold').connectSocket(options);
    };
    const room = mountRoom({}, { hostOptions: { platform: 'devtools', connectSocket } });
    await room.enter(); // no timer advanced: the probe answered false at once
    expect(room.pusher()).not.toBeNull();
    expect(warnings()).toEqual([expect.stringContaining('No room emulator answered')]);
  });
});

describe('placeholders', () => {
  test('remote streams from emulator frames: placeholders in the native geometry', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({ template: '1v1' }, on(net));
    await room.enterEmulated();
    await bobJoins(net);

    expect(room.players()).toEqual([]);
    // In <trtc-room> the placeholders paint video; the overlays show who it is.
    expect(room.standIns().map((s) => [s.id, s.style, s.initial, s.classes])).toEqual([
      ['trtc-room-pusher', PIP, '', ['tile', 'stand-in', 'stand-in--camera']],
      ['bob_main', FULL, '', ['tile', 'stand-in', 'stand-in--camera']],
    ]);
    expect(room.overlay('bob_main')).toMatchObject({ text: 'bob', mic: 'on', camera: 'on' });
    // The emulator was told what to play, and started it like a live-player.
    expect(linkFrames(net).at(-1)).toMatchObject({
      type: 'play',
      players: [{ id: 'bob_main', muteVideo: false, muteAudio: false }],
    });

    // Without video bob's player is parked (his audio plays); bob stays the main tile, drawn by
    // his overlay (avatar), and the local preview stays the pip.
    net.pusher('statechange', videoChanged('bob', 'main', false));
    await settle();
    expect(room.standIns().map((s) => [s.id, s.style, s.classes])).toEqual([
      ['trtc-room-pusher', PIP, ['tile', 'stand-in', 'stand-in--camera']],
      ['bob_main', PARKED, ['tile', 'stand-in']],
    ]);
    expect(room.overlay('bob_main')).toMatchObject({
      style: FULL,
      placeholder: true,
      camera: 'off',
      text: 'B bob',
    });

    net.pusher('statechange', usersLeft('bob'));
    await settle();
    expect(room.standIns().map((s) => s.id)).toEqual(['trtc-room-pusher']);
  });

  test('the ring lights while a user speaks; volume ticks send setData only when that flips', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({ template: 'grid' }, on(net));
    await room.enterEmulated();
    await bobJoins(net);
    net.player('bob_main', 'netstatus', netStatus({ netQualityLevel: 2 }));
    net.pusher('netstatus', netStatus({ netQualityLevel: 2 }));
    await settle();

    const perTick: number[] = [];
    for (const volume of [0, 5, 40, 60, 0, 0]) {
      const before = room.setDataCalls;
      net.player('bob_main', 'audiovolumenotify', audioVolume(volume));
      net.pusher('audiovolumenotify', audioVolume(0));
      await advance(500);
      perTick.push(room.setDataCalls - before);
      if (volume === 60) expect(room.overlay('bob_main').speaking).toBe(true);
    }
    // Speaking starts at 40 and ends on the second quiet report in a row.
    expect(perTick).toEqual([0, 0, 1, 0, 0, 1]);
    expect(room.overlay('bob_main').speaking).toBe(false);

    net.pusher('audiovolumenotify', audioVolume(35));
    await settle();
    expect(room.overlay('local').speaking).toBe(true);
    room.methods.muteMicrophone(true);
    await settle();
    expect(room.overlay('local').speaking).toBe(false);
  });

  test('custom template: <trtc-pusher> and <trtc-player> draw placeholders with a badge', async () => {
    const net = new FakeSocketNet();
    const parent = defineParent(
      `<trtc-room id="room" template="custom" room-key="c" sdk-app-id="1400000001" user-id="me"
                  user-sig="sig" room-id="4321" />
       <trtc-pusher room-key="c" />
       <trtc-player room-key="c" player-id="bob_main" />`,
    );
    const { comp } = mountParent(parent, on(net));
    const room = comp.querySelector('#room')!.instance as RoomHarness['methods'];
    const entered = room.enter();
    await settle();
    await entered;
    await bobJoins(net);
    net.player('bob_main', 'netstatus', netStatus({ netQualityLevel: 5 }));
    net.player('bob_main', 'audiovolumenotify', audioVolume(70));
    await settle();

    const tree = comp.toJSON();
    expect(findAll(tree, (n) => /live-(pusher|player)/.test(n.tagName))).toEqual([]);
    const [me, bob] = standInsOf(tree);
    // Camera on: painted as video, with the badge; no avatar.
    expect(me).toMatchObject({ id: 'trtc-pusher', initial: '', mic: 'on', camera: 'on' });
    expect(me!.text).toBe('emulator me (me)');
    expect(bob).toMatchObject({ id: 'bob_main', quality: 'bad', speaking: true });
    expect(bob!.classes).toContain('is-speaking');

    net.pusher('statechange', videoChanged('bob', 'main', false));
    await settle();
    // Camera off: the avatar, the initial on bob's colour, and the camera-off glyph.
    const [, bobNoCamera] = standInsOf(comp.toJSON());
    expect(bobNoCamera).toMatchObject({ initial: 'B', camera: 'off', speaking: true });
  });
});

describe('the same room as native', () => {
  /** One scenario, as the native engine or the emulator would report it. */
  async function scenario(room: RoomHarness, net: FakeSocketNet | null): Promise<void> {
    const pusher = (detail: Record<string, unknown>) =>
      net ? net.pusher('statechange', detail) : room.dispatchPusher('statechange', detail);
    pusher(usersJoined('bob', 'carol'));
    pusher(videoChanged('bob', 'main', true));
    pusher(audioChanged('bob', true));
    pusher(videoChanged('carol', 'aux', true));
    await settle();
    pusher(videoChanged('bob', 'main', false));
    pusher(usersLeft('carol'));
    await settle();
  }

  test('the outward events match event for event', async () => {
    const native = mountRoom({ roomKey: 'native' });
    await native.enter();
    await scenario(native, null);

    const net = new FakeSocketNet();
    const emulated = mountRoom({ roomKey: 'emulated' }, on(net));
    await emulated.enterEmulated();
    await scenario(emulated, net);

    expect(emulated.events.length).toBeGreaterThan(8);
    expect(emulated.events).toEqual(native.events);
    const store = (r: RoomHarness) => {
      const { players, users, streams, layout } = r.methods.getStore();
      return { players, users, streams, layout };
    };
    expect(store(emulated)).toEqual(store(native));
  });

  test('a lost emulator connection: -1307 as from the engine, then a re-enter on a new socket', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({}, on(net));
    await room.enterEmulated();
    room.clearRecords();
    net.last().drop();
    await settle();
    expect(room.eventsNamed('error')).toEqual([
      expect.objectContaining({ code: 'NATIVE_ERROR', nativeCode: -1307 }),
    ]);
    await advance(1000);
    expect(room.eventsNamed('roomstatechange').map((d) => (d as { state: string }).state)).toEqual([
      'reconnecting',
      'joined',
    ]);
    expect(net.sockets).toHaveLength(3);
    expect(warnings()).toEqual([expect.stringContaining('lost the room emulator')]);
  });

  test('detaching the room closes its socket', async () => {
    const net = new FakeSocketNet();
    const room = mountRoom({}, on(net));
    await room.enterEmulated();
    expect(net.live()).toHaveLength(1);
    room.detach();
    await settle();
    expect(net.live()).toEqual([]);
    expect(linkFrames(net).at(-1)).toEqual({ type: 'exit' });
  });
});

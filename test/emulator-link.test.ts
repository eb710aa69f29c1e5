// EmulatorLink: a RoomClient talking to a (fake) room emulator over an in-memory socket. The
// frames the client's pusher and players turn into, the emulator frames routed to the client's
// handlers, bad frames, a lost socket and the reconnection it starts, and the probe.
import { TrtcErrorCode } from '../src/core/errors';
import { EmulatorLink } from '../src/core/emulator/link';
import { probeEmulator } from '../src/core/emulator/probe';
import type { ClientFrame } from '../src/core/emulator/wire';
import { RoomClient } from '../src/core/room/room-client';
import type { RoomClientOptions } from '../src/core/room/room-options';
import type { ConnectionState } from '../src/core/room/room-types';
import type { NetMode } from './fakes/fake-socket';
import { FakeSocketNet, playerFrame, pusherFrame } from './fakes/fake-socket';
import { captureLogs } from './fakes/log-capture';
import { ManualScheduler, flushMicrotasks } from './fakes/manual-scheduler';
import {
  audioChanged,
  audioVolume,
  netStatus,
  pusherError,
  pusherState,
  usersJoined,
  videoChanged,
} from './fakes/native-events';

const URL = 'ws://127.0.0.1:8787/room';
const PARAMS = { sdkAppId: 1400000001, userId: 'me', userSig: 'sig', roomId: 4321 };

interface Setup {
  readonly net: FakeSocketNet;
  readonly scheduler: ManualScheduler;
  readonly link: EmulatorLink;
  readonly client: RoomClient;
  readonly states: ConnectionState[];
}

function setup(mode: NetMode = 'answer', options: RoomClientOptions = {}): Setup {
  const net = new FakeSocketNet(mode);
  const scheduler = new ManualScheduler();
  const link = new EmulatorLink({ url: URL, connect: net.connect });
  const client = new RoomClient({ adapter: link.adapter, scheduler, ...options });
  link.attach(client);
  const states: ConnectionState[] = [];
  client.on('connection-state-changed', (change) => states.push(change.to));
  return { net, scheduler, link, client, states };
}

async function joined(mode: NetMode = 'answer', options: RoomClientOptions = {}): Promise<Setup> {
  const s = setup(mode, options);
  s.client.enterRoom(PARAMS);
  await flushMicrotasks();
  expect(s.client.getState()).toBe('joined');
  return s;
}

/** Bob joins with camera and mic (1031, 1033, 1034), as the emulator announces him. */
async function bobJoins(net: FakeSocketNet): Promise<void> {
  net.pusher('statechange', usersJoined('bob'));
  net.pusher('statechange', videoChanged('bob', 'main', true));
  net.pusher('statechange', audioChanged('bob', true));
  await flushMicrotasks();
}

const types = (frames: readonly ClientFrame[]) => frames.map((frame) => frame.type);
const ON = { camera: true, microphone: true, muted: false };

describe('frames from the pusher and the players', () => {
  test('nothing connects before a room is entered; enterRoom sends one enter frame', async () => {
    const { net, client, states } = setup();
    client.setPusherAttributes({ beauty: 3 });
    await flushMicrotasks();
    expect(net.sockets).toEqual([]);

    client.enterRoom(PARAMS);
    await flushMicrotasks();
    expect(net.sockets.map((socket) => socket.url)).toEqual([URL]);
    // The URL and the publish flags change in one enterRoom: one frame carries both.
    expect(net.sent()).toEqual([
      { type: 'enter', url: client.getPusherAttributes().url, publish: ON },
    ]);
    expect(client.getPusherAttributes().url).toMatch(/^room:\/\//);
    expect(states).toEqual(['entering', 'joined']);
  });

  test('frames wait, in order, until the socket opens', async () => {
    const { net, client } = setup('hold');
    client.enterRoom({ ...PARAMS, camera: false });
    await flushMicrotasks();
    client.publishCamera();
    await flushMicrotasks();
    expect(net.last().frames).toEqual([]);

    net.last().open();
    await flushMicrotasks();
    expect(net.sent()).toEqual([
      { type: 'enter', url: expect.any(String), publish: { ...ON, camera: false } },
      { type: 'publish', publish: ON },
    ]);
    expect(client.getState()).toBe('joined');
  });

  test('publish frames follow camera, microphone and mute; changes in one tick make one frame', async () => {
    const { net, client } = await joined();
    client.unpublishCamera();
    await flushMicrotasks();
    client.muteMicrophone(true);
    client.muteMicrophone(false);
    client.muteMicrophone(true);
    await flushMicrotasks();
    client.unpublishMicrophone();
    client.publishCamera();
    await flushMicrotasks();
    expect(net.sent().slice(1)).toEqual([
      { type: 'publish', publish: { camera: false, microphone: true, muted: false } },
      { type: 'publish', publish: { camera: false, microphone: true, muted: true } },
      { type: 'publish', publish: { camera: true, microphone: false, muted: true } },
    ]);
  });

  test('exitRoom sends exit; entering again reuses the socket', async () => {
    const { net, client } = await joined();
    await client.exitRoom();
    await flushMicrotasks();
    expect(types(net.sent())).toEqual(['enter', 'exit']);
    expect(client.getState()).toBe('left');

    client.enterRoom({ ...PARAMS, roomId: 99 });
    await flushMicrotasks();
    expect(net.sockets).toHaveLength(1);
    expect(types(net.sent())).toEqual(['enter', 'exit', 'enter']);
    expect((net.sent()[2] as { url: string }).url).toContain('roomid=99');
    expect(client.getState()).toBe('joined');
  });

  test('entering right after exitRoom: the late answer to our exit does not restart the enter', async () => {
    const { net, client, scheduler, states } = await joined();
    net.peer.lateExit = true; // 1019 reason[0] arrives just before the next enter's 1018
    await client.exitRoom();
    client.enterRoom(PARAMS);
    await flushMicrotasks();
    await scheduler.advanceAsync(5000);
    expect(states).toEqual(['entering', 'joined', 'leaving', 'left', 'entering', 'joined']);
    expect(types(net.sent())).toEqual(['enter', 'exit', 'enter']);
  });

  test('a socket that never opened is dropped on exit; the next enter opens a new one', async () => {
    const { net, client } = setup('hold');
    client.enterRoom(PARAMS);
    await flushMicrotasks();
    await client.exitRoom();
    await flushMicrotasks();
    expect(net.last().closedByClient).toBe(true);
    expect(net.live()).toEqual([]);

    net.mode = 'answer';
    client.enterRoom(PARAMS);
    await flushMicrotasks();
    expect(net.sockets).toHaveLength(2);
    expect(types(net.sockets[1]!.frames)).toEqual(['enter']);
    expect(client.getState()).toBe('joined');
  });

  test("a re-enter (1021) is exit + enter; the answer to our exit does not end the link's session", async () => {
    const { net, client, scheduler, states } = await joined();
    net.pusher('statechange', pusherState(1021, 'network changed'));
    await flushMicrotasks();
    await scheduler.advanceAsync(0);
    expect(types(net.sent())).toEqual(['enter', 'exit', 'enter']);
    expect(states).toEqual(['entering', 'joined', 'reconnecting', 'joined']);

    // The emulator answered the exit with 1019 reason[0], then the enter with 1018: still in.
    client.unpublishCamera();
    await flushMicrotasks();
    expect(types(net.sent())).toEqual(['enter', 'exit', 'enter', 'publish']);
  });

  test('a URL change while pushing is exit + enter with the new URL', async () => {
    // No 1018 ever: the enter times out; the app enters another room from the failed listener.
    const { net, client, scheduler } = setup('silent');
    client.on('connection-state-changed', (change) => {
      if (change.to === 'failed') client.enterRoom({ ...PARAMS, roomId: 7 });
    });
    client.enterRoom(PARAMS);
    await flushMicrotasks();
    await scheduler.advanceAsync(10000);
    const frames = net.sent();
    expect(types(frames)).toEqual(['enter', 'exit', 'enter']);
    expect((frames[0] as { url: string }).url).toContain('roomid=4321');
    expect((frames[2] as { url: string }).url).toContain('roomid=7');
    expect(client.getState()).toBe('entering');
  });

  test('play frames list the players; the emulator starts them like live-player', async () => {
    const { net, client } = await joined();
    const firstFrames: string[] = [];
    client.on('first-video-frame', ({ userId }) => firstFrames.push(userId));
    await bobJoins(net);
    const play = net.sent().filter((frame) => frame.type === 'play');
    expect(play.at(-1)).toEqual({
      type: 'play',
      players: [
        {
          id: 'bob_main',
          src: 'room://cloud.tencent.com/rtc?userid=bob&streamtype=main',
          muteVideo: false,
          muteAudio: false,
        },
      ],
    });
    expect(firstFrames).toEqual(['bob']);

    client.unsubscribeRemoteVideo('bob');
    await flushMicrotasks();
    expect(net.sent().at(-1)).toEqual({
      type: 'play',
      players: [expect.objectContaining({ id: 'bob_main', muteVideo: true, muteAudio: false })],
    });
  });
});

describe('emulator frames reach the client', () => {
  test('every pusher and player event goes to its handler with the detail as sent', async () => {
    const { net, client } = await joined();
    await bobJoins(net);
    const spies = {
      pusherState: jest.spyOn(client, 'handlePusherStateChange'),
      pusherError: jest.spyOn(client, 'handlePusherError'),
      pusherNet: jest.spyOn(client, 'handlePusherNetStatus'),
      pusherVolume: jest.spyOn(client, 'handlePusherAudioVolume'),
      playerState: jest.spyOn(client, 'handlePlayerStateChange'),
      playerNet: jest.spyOn(client, 'handlePlayerNetStatus'),
      playerVolume: jest.spyOn(client, 'handlePlayerAudioVolume'),
    };
    const net1 = netStatus({ netQualityLevel: 2, videoBitrate: 800 });
    net.pusher('statechange', pusherState(1102, 'reconnecting'));
    net.pusher('error', pusherError(10001, 'camera denied'));
    net.pusher('netstatus', net1);
    net.pusher('audiovolumenotify', audioVolume(42));
    net.player('bob_main', 'statechange', pusherState(2012, 'hi'));
    net.player('bob_main', 'netstatus', net1);
    net.player('bob_main', 'audiovolumenotify', audioVolume(55));
    await flushMicrotasks();

    expect(spies.pusherState.mock.calls).toEqual([[pusherState(1102, 'reconnecting')]]);
    expect(spies.pusherError.mock.calls).toEqual([[pusherError(10001, 'camera denied')]]);
    expect(spies.pusherNet.mock.calls).toEqual([[net1]]);
    expect(spies.pusherVolume.mock.calls).toEqual([[audioVolume(42)]]);
    expect(spies.playerState.mock.calls).toEqual([['bob_main', pusherState(2012, 'hi')]]);
    expect(spies.playerNet.mock.calls).toEqual([['bob_main', net1]]);
    expect(spies.playerVolume.mock.calls).toEqual([['bob_main', audioVolume(55)]]);
    expect(client.getNetworkQuality()).toEqual({
      local: 'good',
      remote: [{ userId: 'bob', quality: 'good' }],
    });
    expect(client.getPermissions().camera).toBe('denied');
  });

  test('hello is logged; an error frame is a warning', async () => {
    const logs = captureLogs('info');
    const { net } = await joined();
    net.last().deliver({ type: 'error', code: 'NOT_IN_ROOM', message: 'sei before enter' });
    await flushMicrotasks();
    expect(logs.map((r) => [r.level, r.message])).toEqual(
      expect.arrayContaining([
        ['info', `connected to fake-emulator 0.0.0 at ${URL}`],
        ['warn', 'the room emulator refused a frame: NOT_IN_ROOM: sei before enter'],
      ]),
    );
  });

  test('bad frames are logged and skipped, never thrown; the link keeps working', async () => {
    const logs = captureLogs('warn');
    const { net, client } = await joined();
    const socket = net.last();
    for (const bad of ['not json', '[1]', '{"type":"nope"}', '{"type":"pusher","event":"x"}']) {
      socket.deliver(bad);
    }
    socket.deliver({ byteLength: 8 }); // binary data, as an ArrayBuffer arrives
    await flushMicrotasks();
    expect(logs.filter((r) => r.message.startsWith('ignored a bad frame'))).toHaveLength(5);
    expect(client.getState()).toBe('joined');

    await bobJoins(net);
    expect(client.getRemoteUsers().map((user) => user.userId)).toEqual(['bob']);
  });
});

describe('a lost connection', () => {
  test('in the room: -1307 to the client, which re-enters over a new socket', async () => {
    const logs = captureLogs('warn');
    const { net, client, scheduler, states } = await joined();
    await bobJoins(net);
    const errors: number[] = [];
    client.on('native-error', (error) => errors.push(error.code));

    net.last().drop();
    await flushMicrotasks();
    expect(errors).toEqual([-1307]);
    expect(client.getState()).toBe('reconnecting');
    expect(logs.map((r) => r.message)).toEqual([
      `lost the room emulator at ${URL} (closed: emulator stopped); the room reconnects`,
    ]);

    await scheduler.advanceAsync(1000);
    expect(net.sockets).toHaveLength(2);
    // The new session enters, then is told what the (kept) players play.
    expect(types(net.sockets[1]!.frames)).toEqual(['enter', 'play']);
    expect(states.slice(-2)).toEqual(['reconnecting', 'joined']);
    expect(client.getRemoteUsers().map((user) => user.userId)).toEqual(['bob']);
  });

  test('out of the room: nothing happens until the next enter opens a new socket', async () => {
    const { net, client } = await joined();
    await client.exitRoom();
    const errors: number[] = [];
    client.on('native-error', (error) => errors.push(error.code));
    net.last().drop();
    await flushMicrotasks();
    expect(errors).toEqual([]);

    client.enterRoom(PARAMS);
    await flushMicrotasks();
    expect(net.sockets).toHaveLength(2);
    expect(client.getState()).toBe('joined');
  });

  test.each<NetMode>(['refuse', 'throw'])(
    'a connection that cannot be made (%s) runs the reconnect playbook to failed',
    async (mode) => {
      captureLogs('error');
      const { client, scheduler, states } = setup(mode, {
        reconnect: { maxAttempts: 2, baseDelayMs: 100 },
      });
      expect(() => client.enterRoom(PARAMS)).not.toThrow();
      await flushMicrotasks();
      expect(client.getState()).toBe('reconnecting');
      await scheduler.advanceAsync(1000);
      expect(states).toEqual(['entering', 'reconnecting', 'failed']);
    },
  );

  test("the emulator's -1307 (a disconnect fault): re-entered without a stray exit", async () => {
    const { net, client, scheduler } = await joined();
    net.pusher('statechange', pusherState(1102, 'reconnecting'));
    net.pusher('statechange', pusherState(-1307, 'disconnected'));
    await flushMicrotasks();
    await scheduler.advanceAsync(1000);
    expect(types(net.sent())).toEqual(['enter', 'enter']);
    expect(client.getState()).toBe('joined');
  });

  test('a kick (1019 reason[1]) ends the session: no exit frame follows', async () => {
    const { net, client } = await joined();
    net.pusher('statechange', pusherState(1019, 'exit room: reason[1] kicked'));
    await flushMicrotasks();
    expect(client.getState()).toBe('kicked');
    await client.exitRoom();
    await flushMicrotasks();
    expect(types(net.sent())).toEqual(['enter']);
  });
});

describe('native calls', () => {
  test('SEI goes out as a frame; device calls resolve; snapshots reject UNSUPPORTED', async () => {
    const { net, client } = await joined();
    await bobJoins(net);
    await client.sendSEIMessage('hello');
    expect(net.sent().at(-1)).toEqual({ type: 'sei', message: 'hello' });
    await expect(client.switchCamera()).resolves.toBe('back');
    await expect(client.toggleTorch()).resolves.toBeUndefined();
    await expect(client.playBGM('https://x/bgm.mp3')).resolves.toBeUndefined();
    await expect(client.setBGMVolume(0.5)).resolves.toBeUndefined();
    await expect(client.setMicVolume(0.5)).resolves.toBeUndefined();
    await expect(client.enterFullscreen('bob_main')).resolves.toBeUndefined();
    await expect(client.snapshot()).rejects.toMatchObject({ code: TrtcErrorCode.Unsupported });
    await expect(client.snapshotRemote('bob_main')).rejects.toMatchObject({
      code: TrtcErrorCode.Unsupported,
    });
    expect(client.getState()).toBe('joined');
  });

  test('SEI while the session is out of the room fails instead of opening a socket', async () => {
    captureLogs('error');
    const { net, client } = await joined();
    net.last().drop();
    await flushMicrotasks();
    await expect(client.sendSEIMessage('x')).rejects.toMatchObject({
      code: TrtcErrorCode.NativeCallFailed,
    });
    expect(net.sockets).toHaveLength(1);
  });

  test.each([5000, 5001])(
    'SEI after %i (the emulator took the session out) fails until re-entered',
    async (code) => {
      const { net, client, scheduler } = await joined();
      net.pusher('statechange', pusherState(code, 'app in the background'));
      await flushMicrotasks();
      await expect(client.sendSEIMessage('x')).rejects.toMatchObject({
        code: TrtcErrorCode.NativeCallFailed,
      });
      expect(types(net.sent())).toEqual(['enter']);

      await scheduler.advanceAsync(1000);
      expect(client.getState()).toBe('joined');
      await client.sendSEIMessage('back');
      expect(net.sent().at(-1)).toEqual({ type: 'sei', message: 'back' });
    },
  );

  test('the adapter is never gated by the DOM', () => {
    expect(setup().link.adapter.gatedByDom).toBe(false);
  });
});

describe('destroy', () => {
  test('leaves the room, closes the socket and leaves no timer or listener behind', async () => {
    const { net, client, link, scheduler } = await joined();
    await bobJoins(net);
    const socket = net.last();
    client.destroy();
    link.destroy();
    await flushMicrotasks();
    expect(types(socket.frames).at(-1)).toBe('exit');
    expect(socket.closedByClient).toBe(true);
    expect(net.live()).toEqual([]);

    // Frames still in flight are ignored.
    const spy = jest.spyOn(client, 'handlePusherStateChange');
    socket.state = 'open';
    socket.deliver(pusherFrame('statechange', pusherState(1018)));
    socket.deliver(playerFrame('bob_main', 'netstatus', netStatus({})));
    await flushMicrotasks();
    expect(spy).not.toHaveBeenCalled();
    scheduler.runAll();
    expect(scheduler.pending()).toBe(0);
  });
});

describe('probeEmulator', () => {
  test.each<[NetMode, boolean]>([
    ['answer', true],
    ['refuse', false],
    ['throw', false],
  ])('%s → %s, at once, with its socket closed and no timer left', async (mode, expected) => {
    const net = new FakeSocketNet(mode);
    const scheduler = new ManualScheduler();
    await expect(probeEmulator(net.connect, URL, 1500, scheduler)).resolves.toBe(expected);
    expect(scheduler.pending()).toBe(0);
    expect(net.live()).toEqual([]);
    expect(net.sockets.map((socket) => socket.url)).toEqual(mode === 'throw' ? [] : [URL]);
  });

  test('a silent server: false once the timeout passes', async () => {
    const net = new FakeSocketNet('silent');
    const scheduler = new ManualScheduler();
    let answer: boolean | undefined;
    void probeEmulator(net.connect, URL, 1500, scheduler).then((value) => (answer = value));
    await scheduler.advanceAsync(1499);
    expect(answer).toBeUndefined();
    await scheduler.advanceAsync(1);
    expect(answer).toBe(false);
    expect(scheduler.pending()).toBe(0);
    expect(net.live()).toEqual([]);
  });

  test('cancelled: false at once, its socket closed and its timer cleared', async () => {
    const net = new FakeSocketNet('silent');
    const scheduler = new ManualScheduler();
    let cancel = (): void => undefined;
    const probe = probeEmulator(net.connect, URL, 1500, scheduler, (stop) => (cancel = stop));
    cancel();
    await expect(probe).resolves.toBe(false);
    expect(scheduler.pending()).toBe(0);
    expect(net.live()).toEqual([]);
  });

  test('a server that sends something else than hello does not count', async () => {
    const net = new FakeSocketNet('silent');
    const scheduler = new ManualScheduler();
    const probe = probeEmulator(net.connect, URL, 1500, scheduler);
    net.last().deliver(pusherFrame('statechange', pusherState(1018)));
    net.last().deliver('{"type":"hello"}');
    await flushMicrotasks();
    await scheduler.advanceAsync(1500);
    await expect(probe).resolves.toBe(false);
  });
});

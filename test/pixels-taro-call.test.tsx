/**
 * @jest-environment ./test/fakes/pixels/environment.ts
 */
// Taro's <TrtcCall> as a person sees it, next to the native <trtc-call>: each screen (incoming,
// dialing, in call with video and audio, light, ended) built both ways — the native component in
// miniprogram-simulate, the Taro one with react-test-renderer on the fake Taro, frozen by
// test/fakes/taro/pixels.ts — and drawn in Chromium at phone and tablet sizes. The Taro screen
// passes the checks test/pixels-call.test.ts makes of the native one (both people on screen,
// buttons are 44 pt touch targets, text fits) and differs from the native screen in at most
// 0.2 % of its pixels (today: nothing but the room's name badges, where antialiasing differs).
import fs from 'node:fs';
import path from 'node:path';
import type { CallHarness } from './fakes/call-harness';
import { mountCall } from './fakes/call-harness';
import { cleanupComponents } from './fakes/component-harness';
import { settleSystemTimers, useFakeSystemTimers } from './fakes/system-timers';
import type { TaroCallHarness } from './fakes/taro/call-harness';
import { destroyCallManager, mountTaroCall } from './fakes/taro/call-harness';
import { taroSnapshot } from './fakes/taro/pixels';
import { useTaroRoomHarness } from './fakes/taro/room-harness';
import { audioChanged, videoChanged } from './fakes/native-events';
import type { GeometryOptions, Snapshot } from './fakes/pixels';
import {
  DEVICES,
  PixelBrowser,
  checkGeometry,
  compareWithReference,
  formatViolations,
  snapshot,
} from './fakes/pixels';
import type { CallClient } from '../src/core/call/call-client';
import { getCallManager } from '../src/host/call';
import type { CallManager } from '../src/host/call';
import type { RoomTheme } from '../src/taro';

jest.setTimeout(60_000);

afterEach(() => destroyCallManager());
useTaroRoomHarness();

let pixels: PixelBrowser;

beforeAll(async () => {
  pixels = await PixelBrowser.launch('taro-call');
});

afterAll(async () => {
  await pixels?.close();
  if (pixels !== undefined) process.stdout.write(`\nTaro call screenshots: ${pixels.dir}\n`);
});

const PROFILES = { alice: { name: 'Alice Zhang' }, carol: { name: '王芳' } };
type Media = 'audio' | 'video';

/** The calls of one scene, driven the same way on the native and the Taro screen. */
interface Screen {
  remote(userId: string): CallClient;
  readonly manager: CallManager;
  run(command: () => Promise<unknown>): Promise<void>;
  start(command: () => Promise<unknown>): Promise<void>;
  tap(label: string): Promise<void>;
  entered(): Promise<void>;
  remoteJoins(userId: string): Promise<void>;
  pusherEvent(detail: Record<string, unknown>): Promise<void>;
}

const nativeScreen = (call: CallHarness): Screen => ({
  remote: (userId) => call.remote(userId),
  run: async (command) => {
    await command();
    await settleSystemTimers();
  },
  start: async (command) => {
    void command();
    await settleSystemTimers();
  },
  tap: (label) => call.tap(label),
  entered: () => call.entered(),
  remoteJoins: (userId) => call.remoteJoins(userId),
  pusherEvent: (detail) => call.pusherEvent(detail),
  manager: call.manager,
});

const taroScreen = (call: TaroCallHarness): Screen => ({
  remote: (userId) => call.remote(userId),
  run: async (command) => void (await call.run(command)),
  start: async (command) => void (await call.start(command)),
  tap: (label) => call.tap(label),
  entered: () => call.entered(),
  remoteJoins: (userId) => call.remoteJoins(userId),
  pusherEvent: (detail) => call.pusherEvent(detail),
  manager: call.manager,
});

const incoming = (media: Media) => async (screen: Screen) => {
  const alice = screen.remote('alice');
  await screen.run(() => alice.call(['bob'], { media }));
};

const connected = (media: Media) => async (screen: Screen) => {
  await incoming(media)(screen);
  await screen.tap('Accept');
  await screen.entered();
  await screen.remoteJoins('alice');
  if (media === 'video') await screen.pusherEvent(videoChanged('alice', 'main', true));
  await screen.pusherEvent(audioChanged('alice', true));
};

const dialing = async (screen: Screen) => {
  screen.remote('carol');
  await screen.start(() => screen.manager.call(['carol']));
  await screen.entered();
};

interface Scene {
  readonly name: string;
  readonly theme?: RoomTheme;
  build(screen: Screen): Promise<void>;
  readonly geometry: GeometryOptions;
  /** The title, the status and the buttons the screen must show. */
  readonly shows: readonly string[];
}

const SCENES: readonly Scene[] = [
  {
    name: 'incoming-video',
    build: incoming('video'),
    geometry: {},
    shows: ['Alice Zhang', 'Incoming video call', 'Decline', 'Accept'],
  },
  {
    name: 'incoming-light',
    theme: 'light',
    build: incoming('audio'),
    geometry: {},
    shows: ['Alice Zhang', 'Incoming audio call', 'Decline', 'Accept'],
  },
  {
    name: 'dialing',
    build: dialing,
    geometry: { expectUsers: ['bob'] },
    shows: ['王芳', 'Calling…', 'Cancel'],
  },
  {
    name: 'in-call-video',
    build: connected('video'),
    geometry: { expectUsers: ['bob', 'alice'] },
    shows: ['Alice Zhang', '00:00', 'Mute', 'Camera', 'Flip', 'Speaker', 'Audio', 'Hang up'],
  },
  {
    name: 'in-call-audio-off',
    build: async (screen) => {
      await connected('audio')(screen);
      await screen.tap('Mute');
      await screen.tap('Speaker');
    },
    geometry: { expectUsers: ['bob', 'alice'] },
    shows: ['Alice Zhang', '00:00', 'Unmute', 'Earpiece', 'Hang up'],
  },
  {
    name: 'in-call-light-off',
    theme: 'light',
    build: async (screen) => {
      await connected('video')(screen);
      await screen.tap('Mute');
      await screen.tap('Camera');
    },
    geometry: { expectUsers: ['bob', 'alice'] },
    shows: ['Alice Zhang', '00:00', 'Unmute', 'Camera', 'Flip', 'Speaker', 'Audio', 'Hang up'],
  },
  {
    name: 'ended-declined',
    build: async (screen) => {
      const carol = screen.remote('carol');
      await screen.start(() => screen.manager.call(['carol']));
      await screen.entered();
      await screen.run(() => carol.decline());
    },
    geometry: {},
    shows: ['王芳', '王芳 declined'],
  },
];

/** The native <trtc-call> in the scene, frozen; its harness torn down again. */
async function nativeSnapshot(scene: Scene): Promise<Snapshot> {
  const props = scene.theme ? { profiles: PROFILES, theme: scene.theme } : { profiles: PROFILES };
  const call = mountCall('bob', props);
  await scene.build(nativeScreen(call));
  const snap = snapshot(call.comp);
  await getCallManager()?.destroy();
  // Tears down the native harness and stops the fake clock: the Taro half starts it again.
  await cleanupComponents();
  useFakeSystemTimers();
  return snap;
}

describe.each(SCENES)('$name', (scene) => {
  test('everyone is on screen, buttons are touch targets, text fits; it looks like <trtc-call>', async () => {
    const native = await nativeSnapshot(scene);
    const props = scene.theme ? { profiles: PROFILES, theme: scene.theme } : { profiles: PROFILES };
    const call = await mountTaroCall('bob', props);
    await scene.build(taroScreen(call));
    expect([call.title(), call.status(), ...call.labels()]).toEqual(scene.shows);
    const snap = taroSnapshot(call.renderer);
    await destroyCallManager();
    await call.unmount();

    const references = path.join(pixels.dir, 'native');
    for (const device of DEVICES) {
      const reference = await pixels.shoot(native, device, { name: `native-${scene.name}` });
      await reference.close();
      fs.mkdirSync(references, { recursive: true });
      fs.writeFileSync(path.join(references, `${scene.name}-${device.name}.png`), reference.png);
      const shot = await pixels.shoot(snap, device, { name: `taro-${scene.name}` });
      expect(formatViolations(await checkGeometry(shot, scene.geometry))).toBe('');
      compareWithReference(shot.png, `${scene.name}-${device.name}`, {
        dir: references,
        update: false,
        maxDiffRatio: 0.002,
      });
      await shot.close();
    }
  });
});

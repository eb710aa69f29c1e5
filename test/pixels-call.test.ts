/**
 * @jest-environment ./test/fakes/pixels/environment.ts
 */
// <trtc-call> as a person sees it: the incoming, dialing, in-call (video and audio) and ended
// screens rendered in miniprogram-simulate, drawn in Chromium at phone and tablet sizes
// (test/fakes/pixels) and checked from the laid-out boxes: both people of a call are on screen,
// every button is a touch target of at least 44 pt inside the screen, and text fits.
import { getCallManager } from '../src/host/call';
import type { CallHarness } from './fakes/call-harness';
import { mountCall } from './fakes/call-harness';
import { cleanupComponents, settle, useComponentClock } from './fakes/component-harness';
import { audioChanged, videoChanged } from './fakes/native-events';
import type { GeometryOptions } from './fakes/pixels';
import { DEVICES, PixelBrowser, checkGeometry, formatViolations, snapshot } from './fakes/pixels';

jest.setTimeout(60_000);

let pixels: PixelBrowser;

beforeAll(async () => {
  pixels = await PixelBrowser.launch('call');
});

afterAll(async () => {
  await pixels?.close();
  if (pixels !== undefined) process.stdout.write(`\ncall screenshots: ${pixels.dir}\n`);
});

const PROFILES = { alice: { name: 'Alice Zhang' }, carol: { name: '王芳' } };

async function incoming(media: 'audio' | 'video'): Promise<CallHarness> {
  const call = mountCall('bob', { profiles: PROFILES });
  await call.remote('alice').call(['bob'], { media });
  await settle();
  return call;
}

async function connected(media: 'audio' | 'video'): Promise<CallHarness> {
  const call = await incoming(media);
  await call.tap('Accept');
  await call.entered();
  await call.remoteJoins('alice');
  if (media === 'video') await call.pusherEvent(videoChanged('alice', 'main', true));
  await call.pusherEvent(audioChanged('alice', true));
  return call;
}

interface Scene {
  readonly name: string;
  build(): Promise<CallHarness>;
  readonly geometry: GeometryOptions;
  /** Texts the screen must show. */
  readonly shows: readonly string[];
}

const SCENES: readonly Scene[] = [
  {
    name: 'incoming-video',
    build: () => incoming('video'),
    geometry: {},
    shows: ['Alice Zhang', 'Incoming video call', 'Decline', 'Accept'],
  },
  {
    name: 'dialing',
    build: async () => {
      const call = mountCall('bob', { profiles: PROFILES });
      call.remote('carol');
      void call.manager.call(['carol']);
      await settle();
      await call.entered();
      return call;
    },
    geometry: { expectUsers: ['bob'] },
    shows: ['王芳', 'Calling…', 'Cancel'],
  },
  {
    name: 'in-call-video',
    build: () => connected('video'),
    geometry: { expectUsers: ['bob', 'alice'] },
    shows: ['Alice Zhang', '00:00', 'Mute', 'Camera', 'Flip', 'Speaker', 'Audio', 'Hang up'],
  },
  {
    name: 'in-call-audio',
    build: () => connected('audio'),
    geometry: { expectUsers: ['bob', 'alice'] },
    shows: ['Alice Zhang', '00:00', 'Mute', 'Speaker', 'Hang up'],
  },
  {
    name: 'ended-declined',
    build: async () => {
      const call = mountCall('bob', { profiles: PROFILES });
      const carol = call.remote('carol');
      void call.manager.call(['carol']);
      await settle();
      await call.entered();
      await carol.decline();
      await settle();
      return call;
    },
    geometry: {},
    shows: ['王芳', '王芳 declined'],
  },
];

describe.each(SCENES)('$name', (scene) => {
  test('everyone is on screen, buttons are touch targets, text fits', async () => {
    useComponentClock();
    const call = await scene.build();
    const texts = [
      ...call.texts('call__title'),
      ...call.texts('call__status'),
      ...call.texts('call__bar-title'),
      ...call.texts('call__bar-status'),
      ...call.texts('call__label'),
    ];
    for (const text of scene.shows) expect(texts).toContain(text);
    const snap = snapshot(call.comp);
    await getCallManager()?.destroy();
    await cleanupComponents();
    for (const device of DEVICES) {
      const shot = await pixels.shoot(snap, device, { name: scene.name });
      const violations = await checkGeometry(shot, { ...scene.geometry });
      expect(formatViolations(violations)).toBe('');
      await shot.close();
    }
  });
});

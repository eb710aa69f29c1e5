/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// End to end: two mini-programs, each with its own copy of trtc-room (its call manager, its
// <trtc-call> and the <trtc-room> inside), call each other through a real emulator on a free
// loopback port: the invitation over its Chat relay, the call in one of its rooms. Each
// mini-program's wx.connectSocket is a real WebSocket; the emulator runs in this process on
// jest's fake clock, as the components do; `waitFor` lets real socket I/O happen in between.
import path from 'node:path';
import type { RunningEmulator } from '../emulator';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, startEmulator } from '../emulator';
import type * as CallEntry from '../src/host/call';
import type * as LazyModules from '../src/core/lazy-modules';
import { genTestUserSig } from '../src/usersig';
import type { Rendered } from './fakes/component-harness';
import {
  COMPONENTS_DIR,
  cleanupComponents,
  findAll,
  hasClass,
  installHost,
  settle,
  textOf,
  useComponentClock,
} from './fakes/component-harness';
import { createFakeHost } from './fakes/fake-host';
import type { SocketTaskRegistry } from './fakes/ws-socket-task';
import { createWsSocketTasks } from './fakes/ws-socket-task';
import { waitForRealIo } from './fakes/real-io';

jest.setTimeout(30_000);

const simulate = jest.requireActual<{
  load(componentPath: string, tagName: string, options: { rootPath: string }): string;
  render(id: string, properties?: Record<string, unknown>): Rendered;
}>('miniprogram-simulate');

let emulator: RunningEmulator;
let sockets: SocketTaskRegistry;
const apps: MiniProgram[] = [];

beforeEach(async () => {
  useComponentClock();
  emulator = await startEmulator({ port: 0 });
  sockets = createWsSocketTasks();
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.calls.destroy();
  await cleanupComponents();
  sockets.closeAll();
  await emulator.stop();
});

const waitFor = waitForRealIo;

let appSeq = 0;

/**
 * One mini-program: its own host (wx), its own modules, its call manager for `userId`, its
 * <trtc-call> on screen.
 */
class MiniProgram {
  readonly calls: CallEntry.CallManager;
  readonly screen: Rendered;
  readonly events: { name: string; detail: unknown }[] = [];

  constructor(readonly userId: string) {
    appSeq += 1;
    const host = installHost({
      host: createFakeHost({
        platform: 'devtools',
        authSetting: { 'scope.camera': true, 'scope.record': true },
        connectSocket: sockets.connectSocket,
      }),
    });
    let entry!: typeof CallEntry;
    let id = '';
    // A mini-program's own copy of every module: required inside jest.isolateModules.
    /* eslint-disable @typescript-eslint/no-require-imports */
    jest.isolateModules(() => {
      entry = require('../src/host/call') as typeof CallEntry;
      // The app's registry, bound now to this mini-program's copy of the modules.
      (require('../src/core/lazy-modules') as typeof LazyModules).loadCallRegistry();
      id = simulate.load(path.join(COMPONENTS_DIR, 'trtc-call', 'index'), `call-${appSeq}`, {
        rootPath: COMPONENTS_DIR,
      });
    });
    /* eslint-enable @typescript-eslint/no-require-imports */
    const userSig = genTestUserSig({ sdkAppId: DEV_SDK_APP_ID, secretKey: DEV_SECRET_KEY, userId });
    this.calls = entry.createCallManager(
      { sdkAppId: DEV_SDK_APP_ID, userId, userSig, emulator: emulator.wsUrl },
      { name: 'wx', api: host.api },
    );
    this.screen = simulate.render(id, {});
    for (const name of ['callincoming', 'callconnected', 'callended', 'callerror']) {
      this.screen.addEventListener(name, (event) =>
        this.events.push({ name, detail: event.detail }),
      );
    }
    this.screen.attach(
      (
        globalThis as unknown as { document: { createElement(tag: string): unknown } }
      ).document.createElement('div'),
    );
    apps.push(this);
  }

  texts(className: string): string[] {
    return findAll(this.screen.toJSON(), hasClass(className)).map(textOf);
  }

  async tap(label: string): Promise<void> {
    const action = this.screen
      .querySelectorAll('.call__action')
      .find((node) => textOf(node.toJSON()).trim() === label);
    if (action === undefined) throw new Error(`${this.userId}: no "${label}" button`);
    action.dispatchEvent('tap');
    await settle();
  }

  eventsNamed(name: string): unknown[] {
    return this.events.filter((e) => e.name === name).map((e) => e.detail);
  }

  state(): string {
    return this.calls.client.getState();
  }
}

const participants = () =>
  emulator.hub
    .rooms()
    .flatMap((room) => room.participants.map((p) => p.userId))
    .sort();

test('alice rings bob through the relay, bob accepts on his screen, both meet in one room', async () => {
  const alice = new MiniProgram('alice');
  const bob = new MiniProgram('bob');
  const dialing = alice.calls.call(['bob'], { media: 'video' });
  dialing.catch(() => undefined);
  await waitFor('bob rings', () => bob.state() === 'ringing');
  await dialing;
  expect(alice.texts('call__status')).toEqual(['Calling…']);
  expect(bob.texts('call__status')).toEqual(['Incoming video call']);
  expect(bob.texts('call__title')).toEqual(['alice']);
  const room = alice.calls.client.getCall()!.room;
  expect(bob.calls.client.getCall()!.room).toEqual(room);

  await bob.tap('Accept');
  await waitFor(
    'both are connected and see each other',
    () =>
      alice.state() === 'connected' &&
      bob.state() === 'connected' &&
      JSON.stringify(participants()) === '["alice","bob"]' &&
      alice.eventsNamed('callconnected').length === 1 &&
      bob.eventsNamed('callconnected').length === 1,
  );
  expect(alice.texts('call__label')).toContain('Hang up');

  await alice.tap('Hang up');
  await waitFor(
    'both calls ended',
    () => alice.eventsNamed('callended').length === 1 && bob.eventsNamed('callended').length === 1,
  );
  expect(alice.eventsNamed('callended')).toMatchObject([{ reason: 'hung-up' }]);
  expect(bob.eventsNamed('callended')).toMatchObject([
    { reason: 'remote-left', text: 'Call ended' },
  ]);
  await waitFor('the room is empty', () => participants().length === 0);
});

test('bob declines: alice’s screen says so; neither stays in a room', async () => {
  const alice = new MiniProgram('alice');
  const bob = new MiniProgram('bob');
  void alice.calls.call(['bob'], { media: 'audio' }).catch(() => undefined);
  await waitFor('bob rings', () => bob.state() === 'ringing');
  expect(bob.texts('call__status')).toEqual(['Incoming audio call']);
  await bob.tap('Decline');
  await waitFor('alice hears it', () => alice.eventsNamed('callended').length === 1);
  expect(alice.eventsNamed('callended')).toMatchObject([
    { reason: 'declined', text: 'bob declined' },
  ]);
  expect(alice.texts('call__status')).toEqual(['bob declined']);
  await waitFor('the room is empty', () => participants().length === 0);
});

/**
 * @jest-environment jsdom
 */
// The demo's call page goes to a floating window and back (issue 21): bob's player offers
// picture-in-picture 'push'; the page hides and the player enters the window: the room stays in,
// the page hears it, a disconnect meanwhile re-enters without waiting for the page to show; the
// window closes and the page shows: back to normal, nothing said twice.
import type path from 'node:path';
import type { RoomClient } from '../src/core/room/room-client';
import type { Rendered, SimNode } from './fakes/component-harness';
import { attrsOf, findAll } from './fakes/component-harness';
import type { DemoConfig } from './fakes/demo-app';
import {
  engineEntered,
  installGlobal,
  installPageShim,
  openDemoPage,
  pusherOf,
  roomOf,
  settlePage,
  settleUntil,
  statusOf,
} from './fakes/demo-simulate';
import { DemoWx } from './fakes/demo-wx';
import type { FakeHost } from './fakes/fake-host';
import { createFakeHost, installFakeHost } from './fakes/fake-host';
import { audioChanged, pusherState, usersJoined, videoChanged } from './fakes/native-events';

jest.mock(
  'trtc-room/usersig',
  () => jest.requireActual(`${mockDemoDir()}/miniprogram_npm/trtc-room/usersig/index.js`),
  { virtual: true },
);
jest.mock(
  'trtc-room/call',
  () => jest.requireActual(`${mockDemoDir()}/miniprogram_npm/trtc-room/call/index.js`),
  { virtual: true },
);
jest.mock(`${mockDemoDir()}/config/local.js`, () => mockConfig, { virtual: true });

function mockDemoDir(): string {
  return jest.requireActual<typeof path>('node:path').resolve(__dirname, '../miniprogram');
}

const mockConfig: DemoConfig = {
  source: 'trtc',
  sdkAppId: 1400000002,
  secretKey: 'simulate-secret',
  emulator: 'off',
};

describe('the call page in a floating window', () => {
  let host: FakeHost;
  let page: Rendered | undefined;
  let undo: (() => void)[] = [];
  let consoleErrors: jest.SpyInstance;
  let consoleWarnings: jest.SpyInstance;

  beforeEach(() => {
    const wx = new DemoWx();
    host = createFakeHost({
      authSetting: { 'scope.camera': true, 'scope.record': true },
      nextTick: true,
    });
    const query = { roomId: '2024', userId: 'dave', scene: 'rtc', role: 'anchor', template: '1v1' };
    undo = [
      installPageShim(() => query),
      installGlobal('getApp', () => ({ startCalls: () => Promise.resolve() })),
      installFakeHost('wx', wx.api(host.api)),
    ];
    consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    consoleWarnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    page?.detach();
    page = undefined;
    await settlePage();
    for (const run of undo.splice(0).reverse()) run();
    const errors = consoleErrors.mock.calls.map((args) => args.map(String).join(' '));
    consoleErrors.mockRestore();
    consoleWarnings.mockRestore();
    expect(errors).toEqual([]);
  });

  const playerNode = (call: Rendered, id: string): SimNode => {
    const node = roomOf(call).querySelector(`#${id}`);
    if (node === undefined) throw new Error(`no <live-player id="${id}">`);
    return node;
  };
  const playerAttributes = (call: Rendered, id: string) => {
    const [node] = findAll(
      roomOf(call).toJSON(),
      (n) => n.tagName === 'wx-live-player' && attrsOf(n).id === id,
    );
    return node === undefined ? {} : attrsOf(node);
  };
  const clientOf = (call: Rendered): RoomClient =>
    (roomOf(call).instance as { getClient(): RoomClient }).getClient();
  const restarts = () =>
    host.contextCalls.filter((c) => c.target === 'pusher').map((c) => c.method);

  it('goes to a floating window and back', async () => {
    const call = await openDemoPage('pages/call/call');
    page = call;
    await engineEntered(call);
    expect(statusOf(call)).toBe('In the room');
    const changes: unknown[] = [];
    const states: string[] = [];
    const client = clientOf(call);
    client.on('picture-in-picture-changed', (change) => changes.push(change));
    client.on('connection-state-changed', (change) => states.push(change.to));

    // bob joins with video: his player offers the floating window on navigating away.
    const pusher = pusherOf(call);
    for (const detail of [usersJoined('bob'), videoChanged('bob', 'main', true)]) {
      pusher.dispatchEvent('statechange', { detail });
    }
    pusher.dispatchEvent('statechange', { detail: audioChanged('bob', true) });
    await settleUntil(() => roomOf(call).querySelector('#bob_main') !== undefined);
    expect(playerAttributes(call, 'bob_main')).toMatchObject({ pictureInPictureMode: 'push' });

    // The user opens another page: this one hides, bob's player goes to the floating window.
    call.triggerPageLifeTime('hide');
    playerNode(call, 'bob_main').dispatchEvent('enterpictureinpicture', { detail: {} });
    await settlePage();
    expect(client.getState()).toBe('joined');
    expect(client.getPictureInPicture()).toBe('bob_main');
    expect(call.data.floating).toBe(true);
    expect(findAll(call.toJSON(), (n) => attrsOf(n).class === 'status__floating')).toHaveLength(1);

    // The network drops meanwhile: the re-enter runs after the first backoff step (1 s), as it
    // would on screen, not when the page shows again.
    host.contextCalls.length = 0;
    pusher.dispatchEvent('statechange', { detail: pusherState(-1307, 'disconnected') });
    await settlePage();
    expect(client.getState()).toBe('reconnecting');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await settleUntil(() => restarts().length >= 2);
    expect(restarts()).toEqual(['stop', 'start']);
    await engineEntered(call);
    expect(client.getState()).toBe('joined');

    // The user taps the floating window: it closes and the page shows again.
    playerNode(call, 'bob_main').dispatchEvent('leavepictureinpicture', { detail: {} });
    call.triggerPageLifeTime('show');
    await settlePage();
    expect(client.getPictureInPicture()).toBeNull();
    expect(call.data.floating).toBe(false);
    expect(statusOf(call)).toBe('In the room');
    expect(restarts()).toEqual(['stop', 'start']);
    expect(changes).toEqual([
      { active: true, source: 'player', playerId: 'bob_main' },
      { active: false, source: 'player', playerId: 'bob_main' },
    ]);
    expect(states).toEqual(['reconnecting', 'joined']);
  });

  it('without the window, a hidden page owes the re-enter until it shows', async () => {
    const call = await openDemoPage('pages/call/call');
    page = call;
    await engineEntered(call);
    call.triggerPageLifeTime('hide');
    await settlePage();
    host.contextCalls.length = 0;
    pusherOf(call).dispatchEvent('statechange', { detail: pusherState(-1307, 'disconnected') });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await settlePage();
    expect(restarts()).toEqual([]);
    expect(clientOf(call).getState()).toBe('reconnecting');
    call.triggerPageLifeTime('show');
    await settleUntil(() => restarts().length >= 2);
    expect(restarts()).toEqual(['stop', 'start']);
  });
});

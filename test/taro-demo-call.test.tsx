// The Taro demo's calls (demo/taro/src): app.ts, the entry page's "Open the phone" and the call
// page (room/call.tsx), run as the demo's sources (transpiled, their imports mapped onto src/ and
// the fake Taro), as in DevTools: the emulator config, the app's call manager on the emulator's
// Chat relay, the calls in its rooms, call bots on the other side. The hub runs in this process on
// real timers; wx.connectSocket reaches it without a network (hubConnectSocket), and the call's
// <TrtcRoom> meets the bot in an emulator room. The demo's sources are loaded, not imported, so
// `tsc -p test` does not type-check them against package names it cannot resolve (the demo's own
// build does: `npm run build:taro`).
import fs from 'node:fs';
import path from 'node:path';
import * as react from 'react';
import type { ComponentType, ReactNode } from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import { create } from 'react-test-renderer';
import type { ReactTestInstance, ReactTestRenderer } from 'react-test-renderer';
import ts from 'typescript';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, RoomHub } from '../emulator/hub';
import * as callEntry from '../src/host/call';
import * as taroEntry from '../src/taro';
import * as usersigEntry from '../src/usersig';
import { hubConnectSocket } from './fakes/demo-hub-socket';
import type { HostSocketTask } from '../src/host/host-api';
import { createFakeHost, installFakeHost } from './fakes/fake-host';
import { promiseTurns } from './fakes/manual-scheduler';
import * as components from './fakes/taro/components';
import fakeTaro, * as fakeTaroModule from './fakes/taro/taro';
import { taroControl } from './fakes/taro/taro';

jest.setTimeout(30_000);

// Real timers and sockets: React renders what arrives between act() scopes (a legacy root).
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const ROOT = path.resolve(__dirname, '..');
const DEMO_SRC = path.join(ROOT, 'demo/taro/src');
const USER_ID_KEY = 'trtc-room-taro-demo:user-id';
const EMULATOR = 'ws://127.0.0.1:8787/room';

/** TRTC_DEMO_CONFIG as config/demo-config.ts makes it without TRTC_* variables. */
const EMULATOR_CONFIG = {
  source: 'emulator',
  sdkAppId: DEV_SDK_APP_ID,
  secretKey: DEV_SECRET_KEY,
  emulator: EMULATOR,
};

// ---- the demo's world: Taro's API as the demo uses it -------------------------------------------

const storage = new Map<string, unknown>();
let toasts: string[] = [];
let navigations: string[] = [];
/** What Taro.getCurrentPages() reports. */
let pages: { route: string }[] = [];

/** A lifecycle hook that runs `callback` when the component mounts (onLaunch, onLoad). */
function onMount(callback: () => void): void {
  const ref = react.useRef(callback);
  ref.current = callback;
  react.useEffect(() => ref.current(), []);
}

/** onUnload: the page's component unmounts. */
function onUnmount(callback: () => void): void {
  const ref = react.useRef(callback);
  ref.current = callback;
  react.useEffect(() => () => ref.current(), []);
}

const demoTaroApi = {
  showToast: ({ title }: { title: string }) => {
    toasts.push(title);
    return Promise.resolve();
  },
  navigateTo: ({ url }: { url: string }) => {
    navigations.push(url);
    return Promise.resolve();
  },
  getCurrentPages: () => pages,
  getStorageSync: (key: string) => storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
};

const demoTaro = {
  ...fakeTaroModule,
  ...demoTaroApi,
  useLaunch: onMount,
  useLoad: onMount,
  useUnload: onUnmount,
  default: { ...fakeTaro, ...demoTaroApi },
};

// ---- loading the demo's sources -----------------------------------------------------------------

/** The package names the demo imports, and what they are here. */
const PACKAGES: Readonly<Record<string, unknown>> = {
  react,
  'react/jsx-runtime': jsxRuntime,
  '@tarojs/taro': demoTaro,
  '@tarojs/components': { ...components, Input: 'input' },
  'trtc-room/call': callEntry,
  'trtc-room/taro': taroEntry,
  'trtc-room/usersig': usersigEntry,
};

/** TRTC_DEMO_CONFIG (webpack's defineConstants in the build): the test changes it. */
const demoConfig: Record<string, unknown> = { ...EMULATOR_CONFIG };

/** The demo's modules, loaded afresh for each test (a new launch of the app). */
let loaded = new Map<string, { exports: Record<string, unknown> }>();

function resolveDemo(from: string, id: string): string {
  const base = path.resolve(path.dirname(from), id);
  for (const file of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${path.relative(ROOT, from)} imports ${id}, which does not exist`);
}

function loadDemo(file: string): Record<string, unknown> {
  const cached = loaded.get(file);
  if (cached !== undefined) return cached.exports;
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    fileName: file,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2017,
      jsx: ts.JsxEmit.ReactJSX,
      esModuleInterop: true,
    },
  });
  const module = { exports: {} as Record<string, unknown> };
  loaded.set(file, module);
  const load = (id: string): unknown => {
    if (id.startsWith('.')) return loadDemo(resolveDemo(file, id));
    if (!(id in PACKAGES)) throw new Error(`the demo imports ${id}, which this test lacks`);
    return PACKAGES[id];
  };
  new Function('require', 'module', 'exports', 'TRTC_DEMO_CONFIG', outputText)(
    load,
    module,
    module.exports,
    demoConfig,
  );
  return module.exports;
}

const demoComponent = (file: string) =>
  loadDemo(path.join(DEMO_SRC, file)).default as ComponentType<{ children?: ReactNode }>;

// ---- the harness --------------------------------------------------------------------------------

let hub: RoomHub;
let undo: (() => void)[] = [];
const rendered: ReactTestRenderer[] = [];
let consoleErrors: jest.SpyInstance;

beforeEach(() => {
  hub = new RoomHub();
  storage.clear();
  storage.set(USER_ID_KEY, 'dave');
  toasts = [];
  navigations = [];
  pages = [{ route: 'pages/index/index' }];
  loaded = new Map();
  Object.assign(demoConfig, EMULATOR_CONFIG);
  const host = createFakeHost({
    authSetting: { 'scope.camera': true, 'scope.record': true },
    nextTick: true,
    connectSocket: hubConnectSocket(hub).connectSocket,
  });
  undo = [installFakeHost('wx', host)];
  // Taro.nextTick as in a mini-program: after the commit reached the page (a timer at least), so
  // after React's effects; settle() runs the waiting callbacks after a macrotask.
  taroControl.holdNextTick();
  consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const warnings = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  undo.push(
    () => consoleErrors.mockRestore(),
    () => warnings.mockRestore(),
  );
});

afterEach(async () => {
  for (const renderer of rendered.splice(0)) renderer.unmount();
  await settle();
  await callEntry.getCallManager()?.destroy();
  await settle();
  hub.dispose();
  taroControl.reset();
  const errors = consoleErrors.mock.calls.map((args: unknown[]) => args.map(String).join(' '));
  for (const step of undo.splice(0).reverse()) step();
  expect(errors).toEqual([]);
});

async function settle(): Promise<void> {
  for (let round = 0; round < 6; round += 1) {
    await promiseTurns(20);
    await new Promise((resolve) => setTimeout(resolve, 0));
    taroControl.flushNextTick();
  }
}

/** Real time passes (the ended screen stays 2 s) while things settle, until `done()`. */
async function waitFor(done: () => boolean, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!done()) {
    if (Date.now() > until) throw new Error(`still waiting after ${ms} ms: ${done.toString()}`);
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function render(element: ReactNode): Promise<ReactTestRenderer> {
  const renderer = create(<>{element}</>);
  rendered.push(renderer);
  await settle();
  return renderer;
}

/** app.ts: the App component mounts (onLaunch); resolves once its manager is on the relay. */
async function launch(): Promise<void> {
  const App = demoComponent('app.ts');
  await render(<App />);
  await waitFor(() => hub.chat.isOnline(DEV_SDK_APP_ID, callsUserId()));
}

const callsUserId = () => callEntry.getCallManager()?.options.userId ?? '';

/** The call page, opened (WeChat puts it on top of the page stack). */
async function openCallPage(): Promise<ReactTestRenderer> {
  pages = [...pages, { route: 'room/call' }];
  const CallPage = demoComponent('room/call.tsx');
  return render(<CallPage />);
}

function textOf(node: ReactTestInstance | string): string {
  if (typeof node === 'string') return node;
  return node.children.map(textOf).join('');
}

const isType = (type: string) => (node: ReactTestInstance) => (node.type as unknown) === type;
const inputs = (page: ReactTestRenderer) => page.root.findAll(isType('input'));
const layer = (page: ReactTestRenderer) =>
  page.root.find((node) => node.props['id'] === 'call-layer');
const layerOpen = (page: ReactTestRenderer) =>
  !String(layer(page).props['style']).includes('display:none');
/** The entry form is shown (between calls). */
const formShown = (page: ReactTestRenderer) => inputs(page).length > 0;
const pageText = (page: ReactTestRenderer) => textOf(page.root);

async function type(page: ReactTestRenderer, index: number, value: string): Promise<void> {
  (inputs(page)[index]!.props['onInput'] as (event: unknown) => void)({ detail: { value } });
  await settle();
}

async function tapButton(page: ReactTestRenderer, label: string): Promise<void> {
  const button = page.root.findAll(isType('button')).find((node) => textOf(node).trim() === label);
  if (button === undefined) throw new Error(`no button "${label}"`);
  (button.props['onClick'] as () => void)();
  await settle();
}

/** What <TrtcCall> shows: its phase, its texts and its buttons. */
function screenOf(page: ReactTestRenderer) {
  const root = page.root.findAll((node) => node.props['data-phase'] !== undefined)[0];
  if (root === undefined) return { phase: 'idle', text: '', buttons: [] as string[] };
  const buttons = root
    .findAll((node) => node.props['data-touch'] === 'call')
    .map((node) => String(node.props['aria-label']));
  return { phase: String(root.props['data-phase']), text: textOf(root), buttons };
}

async function tapCallButton(page: ReactTestRenderer, label: string): Promise<void> {
  const button = page.root.find(
    (node) => node.props['data-touch'] === 'call' && node.props['aria-label'] === label,
  );
  (button.props['onClick'] as () => void)();
  await settle();
}

const roomMembers = (key: string) =>
  (hub.room(key)?.participants ?? []).map((p) => `${p.userId}:${p.kind}`).sort();

// ---- the tests ----------------------------------------------------------------------------------

it('app.ts creates the call manager at launch, for the remembered user id', async () => {
  await launch();
  expect(callsUserId()).toBe('dave');
  const page = await openCallPage();
  expect(pageText(page)).toContain('Others can call you as dave.');
  expect(inputs(page)[0]!.props['value']).toBe('dave');
  expect(layerOpen(page)).toBe(false);
});

it('a first launch makes up a user id and remembers it', async () => {
  storage.clear();
  await launch();
  expect(callsUserId()).toMatch(/^taro_[a-z0-9]{5}$/);
  expect(storage.get(USER_ID_KEY)).toBe(callsUserId());
});

it('checks the user id to call before calling', async () => {
  await launch();
  const page = await openCallPage();
  const call = jest.spyOn(callEntry.getCallManager()!, 'call');
  const cases: [string, string][] = [
    ['', 'Enter the user id to call, e.g. bob.'],
    ['bob smith', 'A user id takes letters, digits, _ and - only.'],
    ['a'.repeat(33), 'A user id has at most 32 characters.'],
    ['dave', 'That is your own user id: call someone else.'],
  ];
  for (const [value, message] of cases) {
    await type(page, 1, value);
    await tapButton(page, 'Video call');
    expect(pageText(page)).toContain(message);
    expect(toasts.pop()).toBe(message);
  }
  expect(call).not.toHaveBeenCalled();
  expect(layerOpen(page)).toBe(false);
});

it('calls by video: <TrtcCall> covers the page, dialing, in the call, ended', async () => {
  await launch();
  await hub.callBots.add({ userId: 'bob', answer: 'accept', afterMs: 300 });
  const page = await openCallPage();
  const call = jest.spyOn(callEntry.getCallManager()!, 'call');
  await type(page, 1, ' bob ');
  await tapButton(page, 'Video call');
  expect(call).toHaveBeenCalledWith(['bob'], { media: 'video' });
  expect(layerOpen(page)).toBe(true);
  expect(formShown(page)).toBe(false);
  expect(screenOf(page)).toMatchObject({ phase: 'dialing', buttons: ['Cancel'] });
  expect(screenOf(page).text).toContain('Calling…');

  await waitFor(() => screenOf(page).phase === 'connected');
  expect(screenOf(page).text).toContain('bob');
  expect(screenOf(page).buttons).toContain('Hang up');
  const room = hub.callBots.get('bob').call!.room;
  await waitFor(() => roomMembers(room).length === 2);
  expect(roomMembers(room)).toEqual(['bob:bot', 'dave:client']);

  await tapCallButton(page, 'Hang up');
  await waitFor(() => screenOf(page).phase === 'ended');
  expect(screenOf(page).text).toContain('Call ended');
  await waitFor(() => !layerOpen(page)); // the ended screen stays 2 s
  expect(formShown(page)).toBe(true);
  expect(hub.callBots.get('bob').calls[0]).toMatchObject({ media: 'video', reason: 'remote-left' });
  expect(toasts).toEqual([]);
});

it('calls by audio, and shows the answer', async () => {
  await launch();
  await hub.callBots.add({ userId: 'carol', answer: 'decline', afterMs: 0 });
  const page = await openCallPage();
  await type(page, 1, 'carol');
  await tapButton(page, 'Audio call');
  await waitFor(() => screenOf(page).phase === 'ended');
  expect(screenOf(page).text).toContain('carol declined');
  expect(hub.callBots.get('carol').calls[0]).toMatchObject({ media: 'audio', reason: 'declined' });
});

it("shows a rejected call() and <TrtcCall>'s onCallError to the user", async () => {
  await launch();
  const page = await openCallPage();
  jest
    .spyOn(callEntry.getCallManager()!, 'call')
    .mockRejectedValue(new Error('[trtc-room] call: already dialing; hang up first'));
  await type(page, 1, 'bob');
  await tapButton(page, 'Video call');
  expect(toasts).toEqual(['[trtc-room] call: already dialing; hang up first']);
  expect(pageText(page)).toContain('The call failed');
  expect(pageText(page)).toContain('[trtc-room] call: already dialing; hang up first');

  const screen = page.root.findByType(taroEntry.TrtcCall);
  (screen.props['onCallError'] as (event: unknown) => void)({
    type: 'callerror',
    detail: { code: 'PERMISSION_DENIED', message: 'accept: the camera was refused' },
  });
  await settle();
  expect(toasts).toEqual([
    '[trtc-room] call: already dialing; hang up first',
    'accept: the camera was refused',
  ]);
  expect(pageText(page)).toContain('accept: the camera was refused');
});

it('opens the call page when a call rings on another page, and not when it is open', async () => {
  await launch();
  await hub.callBots.add({ userId: 'erin', answer: 'none' });
  await hub.callBots.call('erin', { to: ['dave'], media: 'video' });
  await waitFor(() => navigations.length > 0);
  expect(navigations).toEqual(['/room/call']);

  // WeChat opens it: <TrtcCall> shows the ringing call.
  const page = await openCallPage();
  expect(layerOpen(page)).toBe(true);
  expect(screenOf(page)).toMatchObject({ phase: 'ringing', buttons: ['Decline', 'Accept'] });
  expect(screenOf(page).text).toContain('erin');
  expect(screenOf(page).text).toContain('Incoming video call');
  await tapCallButton(page, 'Decline');
  await waitFor(() => !layerOpen(page));

  // Rung again while the call page is open: no second page; accepted on screen.
  await hub.callBots.call('erin', { to: ['dave'], media: 'audio' });
  await waitFor(() => screenOf(page).phase === 'ringing');
  expect(screenOf(page).text).toContain('Incoming audio call');
  expect(navigations).toHaveLength(1);
  await tapCallButton(page, 'Accept');
  await waitFor(() => screenOf(page).phase === 'connected');
  const room = hub.callBots.get('erin').call!.room;
  await waitFor(() => roomMembers(room).length === 2);
  expect(roomMembers(room)).toEqual(['dave:client', 'erin:bot']);
});

it('declines a ringing call when the user leaves the call page', async () => {
  await launch();
  await hub.callBots.add({ userId: 'erin', answer: 'none' });
  await hub.callBots.call('erin', { to: ['dave'], media: 'video' });
  const page = await openCallPage();
  await waitFor(() => screenOf(page).phase === 'ringing');
  page.unmount();
  await waitFor(() => hub.callBots.get('erin').state === 'idle');
  expect(hub.callBots.get('erin').calls[0]).toMatchObject({ reason: 'declined' });
});

it('takes calls as a new user id: the old manager is destroyed, a new one created', async () => {
  await launch();
  const first = callEntry.getCallManager();
  const page = await openCallPage();
  await type(page, 0, 'no way');
  await tapButton(page, 'Use');
  expect(toasts).toEqual(['A user id takes letters, digits, _ and - only.']);
  expect(callEntry.getCallManager()).toBe(first);

  await type(page, 0, 'frank');
  await tapButton(page, 'Use');
  await waitFor(() => hub.chat.isOnline(DEV_SDK_APP_ID, 'frank'));
  expect(callEntry.getCallManager()).not.toBe(first);
  expect(callsUserId()).toBe('frank');
  expect(hub.chat.isOnline(DEV_SDK_APP_ID, 'dave')).toBe(false);
  expect(pageText(page)).toContain('Others can call you as frank.');
  expect(toasts).toContain('Calls now come to frank.');
  expect(storage.get(USER_ID_KEY)).toBe('frank');

  // Calls to the new id ring here.
  await hub.callBots.add({ userId: 'gina', answer: 'none' });
  await hub.callBots.call('gina', { to: ['frank'], media: 'video' });
  await waitFor(() => screenOf(page).phase === 'ringing');
  expect(screenOf(page).text).toContain('gina');
});

it("the entry page's Open the phone: remembers the id, takes calls as it, opens the page", async () => {
  await launch();
  const Index = demoComponent('pages/index/index.tsx');
  const entry = await render(<Index />);
  expect(inputs(entry)[1]!.props['value']).toBe('dave');
  await type(entry, 1, 'hana');
  await tapButton(entry, 'Open the phone');
  expect(navigations).toEqual(['/room/call']);
  expect(storage.get(USER_ID_KEY)).toBe('hana');
  await waitFor(() => hub.chat.isOnline(DEV_SDK_APP_ID, 'hana'));
  expect(callsUserId()).toBe('hana');

  // The call page takes calls as another id; back on the entry page, it shows that one.
  const page = await openCallPage();
  await type(page, 0, 'iris');
  await tapButton(page, 'Use');
  taroControl.showPage();
  await settle();
  expect(inputs(entry)[1]!.props['value']).toBe('iris');
});

it('says why a call failed when the emulator is not running', async () => {
  // Nothing listens at the emulator's address: every socket closes before it opens.
  const refused = (): HostSocketTask => {
    const closes: ((result: { code?: number; reason?: string }) => void)[] = [];
    void Promise.resolve().then(() => closes.forEach((close) => close({ code: 1006 })));
    return {
      send: ({ fail }) => fail?.({ errMsg: 'sendSocketMessage:fail WebSocket is not connected' }),
      close: () => undefined,
      onOpen: () => undefined,
      onMessage: () => undefined,
      onClose: (listener) => void closes.push(listener),
      onError: () => undefined,
    };
  };
  const host = createFakeHost({
    authSetting: { 'scope.camera': true, 'scope.record': true },
    nextTick: true,
    connectSocket: refused,
  });
  undo.push(installFakeHost('wx', host));
  const App = demoComponent('app.ts');
  await render(<App />);
  const page = await openCallPage();
  await type(page, 1, 'bob');
  await tapButton(page, 'Video call');
  await waitFor(() => toasts.length > 0);
  expect(toasts).toEqual([
    expect.stringContaining('the room emulator at ws://127.0.0.1:8787/room refused the connection'),
  ]);
  // <TrtcCall> says so for 2 s, then the page under it does.
  expect(screenOf(page)).toMatchObject({ phase: 'ended', buttons: [] });
  expect(screenOf(page).text).toContain(`The call failed: ${toasts[0]}`);
  await waitFor(() => !layerOpen(page));
  expect(pageText(page)).toContain('The call failed');
  expect(pageText(page)).toContain(toasts[0]);
});

it('on a phone without a Chat SDK: says so on screen, with the error and what to pass', async () => {
  // The `trtc` config on a phone: no emulator relay for the calls, and the demo has no Chat SDK.
  Object.assign(demoConfig, { source: 'trtc', sdkAppId: 1400123456, emulator: '' });
  const App = demoComponent('app.ts');
  await render(<App />);
  expect(callEntry.getCallManager()).toBeNull();
  const page = await openCallPage();
  const text = pageText(page);
  expect(text).toContain('Calls on a phone need Tencent Chat');
  expect(text).toContain('pass your logged-in Chat instance as `chat`');
  expect(text).toContain('createCallManager({ sdkAppId, userId, userSig, chat })');
  await type(page, 1, 'bob');
  await tapButton(page, 'Audio call');
  expect(toasts).toEqual([expect.stringContaining('pass your logged-in Chat instance as `chat`')]);
  expect(layerOpen(page)).toBe(false);
});

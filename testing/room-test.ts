// startRoomTest: a room emulator, the `wx` of WeChat DevTools wired to it, and pages and
// components of the app rendered by miniprogram-simulate, each with fresh modules.
import path from 'node:path';
import type { BotOptions, EmulatorOptions, RunningEmulator } from '../emulator';
import {
  DEFAULT_EMULATOR_PORT,
  DEV_SDK_APP_ID,
  DEV_SECRET_KEY,
  EMULATOR_ROOM_PATH,
  startEmulator,
} from '../emulator';
import { appFile, findAppRoot, usingComponentsOverride } from './app-files';
import type { RoomSpec, TestBot } from './bots';
import { addBot } from './bots';
import { installGlobals, newParentElement, signOutsideMiniProgram } from './globals';
import { RECORDER_BEHAVIOR } from './events';
import { withLoadGlobals } from './page-shim';
import type { Simulate } from './simulate';
import { checkJsdom, isolated, loadSimulate } from './simulate';
import type { ConnectSocket } from './socket-task';
import { createConnectSocket } from './socket-task';
import type { SimulatedNode, SimulatedRoot } from './kit-types';
import { settle, waitFor } from './wait';
import type { PermissionAnswers, TestWx } from './wx';
import { createTestWx } from './wx';

/** The address <trtc-room emulator=""> probes in WeChat DevTools. */
export const DEVTOOLS_EMULATOR_URL = `ws://127.0.0.1:${DEFAULT_EMULATOR_PORT}${EMULATOR_ROOM_PATH}`;

export interface RoomTestOptions {
  /**
   * The mini-program's root folder (with app.json and, after "Build npm", miniprogram_npm).
   * Default: the current folder, or the folder its project.config.json names miniprogramRoot.
   */
  readonly appRoot?: string;
  /**
   * startEmulator's options (default `{ port: 0 }`: a free port), or an emulator already running,
   * which stop() then leaves running.
   */
  readonly emulator?: EmulatorOptions | RunningEmulator;
  /** What the user answers when asked for the camera and microphone; default: allows both. */
  readonly permissions?: PermissionAnswers;
  /** More `wx` APIs, or replacements for the kit's (e.g. `{ showModal: jest.fn() }`). */
  readonly wx?: Readonly<Record<string, unknown>>;
  /** What getApp() returns; default `{ globalData: {} }`. */
  readonly app?: object;
}

export interface OpenPageOptions {
  /** What onLoad receives, e.g. `{ roomId: '2024' }`. */
  readonly query?: Readonly<Record<string, string>>;
}

export interface OpenComponentOptions {
  readonly properties?: Readonly<Record<string, unknown>>;
}

/** A page or component rendered and attached. */
export interface TestView {
  /** The page (or component) itself: `root.instance` is its `this`, `root.data` its data. */
  readonly root: SimulatedRoot;
  /** The first node matching `selector` (e.g. '#room'); throws when there is none. */
  select<I = unknown>(selector: string): SimulatedNode<I>;
  selectAll(selector: string): SimulatedNode[];
  /** Detaches it (onUnload, and each <trtc-room>'s detached: it leaves its room). */
  close(): Promise<void>;
}

export interface RoomTest {
  readonly emulator: RunningEmulator;
  readonly appRoot: string;
  /** The sdkAppId the emulator's development key signs for (DEV_SDK_APP_ID). */
  readonly sdkAppId: number;
  /** The installed global `wx`. */
  readonly wx: TestWx;
  readonly connectSocket: ConnectSocket;
  /** A UserSig the emulator accepts, signed with its secret key (tests only). */
  userSig(userId: string, sdkAppId?: number): string;
  /** Renders a page ('pages/call/call') and attaches it: onLoad(query), onShow, onReady. */
  openPage(page: string, options?: OpenPageOptions): Promise<TestView>;
  /** Renders a component: the app's ('components/panel/panel') or an npm one ('trtc-room/trtc-room'). */
  openComponent(component: string, options?: OpenComponentOptions): Promise<TestView>;
  /** A bot in `room` (camera and microphone on unless `options` says otherwise). */
  addBot(room: RoomSpec, options?: BotOptions): TestBot;
  /** Closes the views, then every socket, stops the emulator (if it started it), puts `wx` back. */
  stop(): Promise<void>;
}

let running: string | null = null;

export async function startRoomTest(options: RoomTestOptions = {}): Promise<RoomTest> {
  if (running !== null) {
    throw new Error(
      `startRoomTest: a room test is already running (started for ${running}): await its stop() ` +
        'first, e.g. in afterEach',
    );
  }
  checkJsdom();
  const appRoot = findAppRoot(options.appRoot);
  const simulate: Simulate = loadSimulate(appRoot);
  running = appRoot;
  const given = options.emulator;
  const owned = !(given !== undefined && 'hub' in given);
  let emulator: RunningEmulator;
  try {
    emulator = owned
      ? await startEmulator({ port: 0, ...(given as EmulatorOptions | undefined) })
      : (given as RunningEmulator);
  } catch (error) {
    running = null;
    throw error;
  }
  const secretKey =
    (owned ? (given as EmulatorOptions | undefined)?.secretKey : undefined) ?? DEV_SECRET_KEY;
  const connectSocket = createConnectSocket({
    redirect: { [DEVTOOLS_EMULATOR_URL]: emulator.wsUrl },
  });
  const scope = globalThis as Record<string, unknown>;
  const base =
    typeof scope['wx'] === 'object' && scope['wx'] !== null
      ? (scope['wx'] as Record<string, unknown>)
      : {};
  const wx = createTestWx(base, connectSocket, options.permissions ?? {}, options.wx ?? {});
  const app = options.app ?? { globalData: {} };
  const globals = installGlobals({ wx, getApp: () => app });
  const behavior = simulate.behavior({ lifetimes: { ...RECORDER_BEHAVIOR.lifetimes } });
  const views = new Set<TestView>();
  let loads = 0;
  let stopped: Promise<void> | null = null;

  const alive = (what: string): void => {
    if (stopped !== null) throw new Error(`${what}: this room test was stopped`);
  };

  async function show(id: string, label: string, properties?: Readonly<Record<string, unknown>>) {
    const root = simulate.render(id, properties ? { ...properties } : undefined);
    root.attach(newParentElement());
    let open = true;
    const view: TestView = {
      root,
      select<I>(selector: string) {
        const node = root.querySelector(selector);
        if (node === undefined) throw new Error(`${label}: nothing matches ${selector}`);
        return node as SimulatedNode<I>;
      },
      selectAll: (selector) => root.querySelectorAll(selector),
      async close() {
        if (!open) return;
        open = false;
        views.delete(view);
        root.detach();
        await settle();
      },
    };
    views.add(view);
    await settle();
    return view;
  }

  function load(
    entry: string,
    page: { route: string; query: Readonly<Record<string, string>> } | null,
  ) {
    loads += 1;
    const usingComponents = usingComponentsOverride(appRoot, entry);
    return isolated(() =>
      withLoadGlobals(behavior, page, () =>
        simulate.load(entry, `trtc-room-testing-${loads}`, { rootPath: appRoot, usingComponents }),
      ),
    );
  }

  return {
    emulator,
    appRoot,
    sdkAppId: DEV_SDK_APP_ID,
    wx,
    connectSocket,
    userSig: (userId, sdkAppId = DEV_SDK_APP_ID) =>
      signOutsideMiniProgram({ secretKey, sdkAppId, userId }),
    async openPage(page, pageOptions = {}) {
      alive('openPage');
      const entry = appFile(appRoot, page, 'page');
      const route = path.relative(appRoot, entry).split(path.sep).join('/');
      return show(load(entry, { route, query: pageOptions.query ?? {} }), route);
    },
    async openComponent(component, componentOptions = {}) {
      alive('openComponent');
      const entry = appFile(appRoot, component, 'component');
      return show(load(entry, null), component, componentOptions.properties);
    },
    addBot(room, botOptions) {
      alive('addBot');
      return addBot(emulator, room, botOptions);
    },
    stop() {
      stopped ??= (async () => {
        try {
          for (const view of [...views]) await view.close();
          // Rooms that left close their sockets; what is still open is cut.
          await waitFor(() => connectSocket.openCount === 0, { timeoutMs: 1000 }).catch(() => {
            connectSocket.closeAll();
          });
          if (owned) await emulator.stop();
        } finally {
          globals.restore();
          running = null;
        }
      })();
      return stopped;
    },
  };
}

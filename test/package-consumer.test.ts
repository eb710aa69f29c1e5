/**
 * @jest-environment node
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { createMiniProgramSandbox } from './fakes/mini-program-sandbox';
import { resolveComponent, usingComponentsOf } from './fakes/demo-app';
import { pusherState, usersJoined, videoChanged } from './fakes/native-events';
import { installPacked, packPackage } from './fakes/npm-cli';
import type { PackResult } from './fakes/npm-cli';

// A native mini-program installs the packed package from npm and packs it with WeChat's own
// "Build npm" (miniprogram-ci packNpmManually, offline), as an app would: the components must land
// where usingComponents finds them and run in a mini-program's JS runtime. npm test runs
// `npm run build` first; everything else happens in a temporary folder.
const root = path.resolve(__dirname, '..');
const at = (...parts: string[]) => path.join(root, ...parts);
const FIXTURE = at('test/fixtures/consumer/miniprogram');

const COMPONENTS = ['trtc-room', 'trtc-pusher', 'trtc-player'] as const;
/** Every component the package ships (the consumer's page uses COMPONENTS). */
const SHIPPED_COMPONENTS = [...COMPONENTS, 'trtc-call'] as const;
const COMPONENT_FILES = ['index.js', 'index.json', 'index.wxml', 'index.wxss'];

interface CiResult {
  packed: { miniProgramPackNum: number; otherNpmPackNum: number; warnList: unknown[] };
  /** getPageJSON per page or component path (no extension), or its error. */
  pageJson: Record<string, { json?: { usingComponents?: Record<string, string> }; error?: string }>;
}

// miniprogram-ci in its own Node process: loading it takes about a second and a half, and some of
// its functions leave watchers running; the process exits when done.
const CI_SCRIPT = `
  const fs = require('node:fs');
  const path = require('node:path');
  const ci = require('miniprogram-ci');
  const app = process.argv[1];
  function componentsUnder(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return componentsUnder(full);
      if (!entry.name.endsWith('.json')) return [];
      const json = JSON.parse(fs.readFileSync(full, 'utf8'));
      return json.component === true ? [path.relative(app, full).replace(/\\.json$/, '')] : [];
    });
  }
  (async () => {
    const packed = await ci.packNpmManually({
      packageJsonPath: path.join(app, 'package.json'),
      miniprogramNpmDistDir: app,
    });
    // A Project needs a key even for local work; nothing here reaches WeChat's servers.
    const project = new ci.Project({
      appid: 'touristappid',
      type: 'miniProgram',
      projectPath: app,
      privateKey: 'not-used-offline',
      ignores: ['node_modules/**/*'],
    });
    const pageJson = {};
    const pages = ['pages/index/index', ...componentsUnder(path.join(app, 'miniprogram_npm'))];
    for (const pagePath of pages) {
      try {
        pageJson[pagePath] = { json: await ci.getPageJSON(project, { miniprogramRoot: '', pagePath }) };
      } catch (error) {
        pageJson[pagePath] = { error: String((error && error.message) || error) };
      }
    }
    process.stdout.write('\\n' + JSON.stringify({ packed, pageJson }) + '\\n');
    process.exit(0);
  })().catch((error) => {
    console.error(error);
    process.exit(1);
  });
`;

const isWithin = (file: string, dir: string) => file === dir || file.startsWith(dir + path.sep);
const isFile = (file: string) => fs.existsSync(file) && fs.statSync(file).isFile();

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

let work: string;
let app: string;
let npmDir: string;
let pack: PackResult;
let ci: CiResult;

/** Every component the page uses, transitively: { path without extension: used as }. */
function componentsOfPage(page: string): Map<string, string> {
  const found = new Map<string, string>();
  const pending = [`${page}.json`];
  while (pending.length > 0) {
    const jsonFile = pending.pop()!;
    for (const [tag, ref] of Object.entries(usingComponentsOf(jsonFile))) {
      const component = resolveComponent(app, jsonFile, ref);
      if (component === undefined) throw new Error(`${jsonFile}: ${tag} → ${ref} not found`);
      if (found.has(component)) continue;
      found.set(component, tag);
      pending.push(`${component}.json`);
    }
  }
  return found;
}

/**
 * WeChat's module rules in a V8 context with no Node built-ins (createMiniProgramSandbox's, ES2017
 * built-ins only): relative requires, which must stay inside the app (and, from a package, inside
 * miniprogram_npm), and bare names from the miniprogram_npm folders of the file's folder and its
 * parents. Records every require.
 */
function createLoader(globals: Record<string, unknown>) {
  const { context } = createMiniProgramSandbox(globals, { npmFolders: [] });
  const modules = new Map<string, { exports: unknown }>();
  const requires: { from: string; id: string; file: string }[] = [];
  const loading: string[] = [];
  const npmRoot = path.join(app, 'miniprogram_npm');
  const resolveFile = (candidate: string) =>
    [candidate, `${candidate}.js`, path.join(candidate, 'index.js')].find(isFile);

  function resolve(from: string, id: string): string {
    let file: string | undefined;
    if (id.startsWith('./') || id.startsWith('../')) {
      file = resolveFile(path.resolve(path.dirname(from), id));
      const fence = isWithin(from, npmRoot) ? npmRoot : app;
      if (file !== undefined && !isWithin(file, fence)) file = undefined;
    } else if (!id.startsWith('/') && !id.startsWith('.')) {
      for (let dir = path.dirname(from); isWithin(dir, app) && !file; dir = path.dirname(dir)) {
        file = resolveFile(path.join(dir, 'miniprogram_npm', id));
      }
    }
    if (file === undefined) {
      throw new Error(`module "${id}" is not defined (required from ${path.relative(app, from)})`);
    }
    return file;
  }

  function load(file: string): unknown {
    const cached = modules.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} };
    modules.set(file, module);
    const wrapper = vm.runInContext(
      `(function (exports, require, module) {${fs.readFileSync(file, 'utf8')}\n})`,
      context,
      { filename: file },
    ) as (exports: unknown, require: (id: string) => unknown, module: object) => void;
    loading.push(file);
    try {
      wrapper(
        module.exports,
        (id) => {
          const target = resolve(file, id);
          requires.push({ from: file, id, file: target });
          return load(target);
        },
        module,
      );
    } finally {
      loading.pop();
    }
    return module.exports;
  }

  return {
    load,
    requires,
    loaded: () => [...modules.keys()],
    current: () => loading[loading.length - 1],
  };
}

/** A <trtc-room> of the packed files, attached to a page instance, in a fresh loader. */
function mountRoom(wx: Record<string, unknown>, data: Record<string, unknown>) {
  const lazyDir = path.join(npmDir, 'trtc-room/lazy');
  const definitions = new Map<string, Record<string, unknown>>();
  let loader: ReturnType<typeof createLoader> | undefined = undefined;
  loader = createLoader({
    Component: (definition: Record<string, unknown>) => {
      definitions.set(path.basename(path.dirname(loader!.current()!)), definition);
    },
    setTimeout,
    clearTimeout,
    wx: {
      canIUse: () => true,
      createLivePusherContext: () => ({}),
      createLivePlayerContext: () => ({}),
      ...wx,
    },
  });
  loader.load(path.join(npmDir, 'trtc-room/trtc-room/index.js'));
  const room = definitions.get('trtc-room') as {
    properties: Record<string, { value?: unknown } | unknown>;
    data: Record<string, unknown>;
    lifetimes: { attached(): void; detached(): void };
    methods: Record<string, (...args: unknown[]) => unknown>;
  };
  const defaults = Object.fromEntries(
    Object.entries(room.properties).map(([name, spec]) => [
      name,
      typeof spec === 'object' && spec !== null ? (spec as { value?: unknown }).value : undefined,
    ]),
  );
  const instance = {
    id: 'room',
    is: 'trtc-room',
    data: {
      ...room.data,
      ...defaults,
      sdkAppId: 1400000000,
      userId: 'mini_user',
      userSig: 'sig',
      roomId: 7,
      ...data,
    } as Record<string, unknown>,
    setData(patch: Record<string, unknown>, callback?: () => void) {
      Object.assign(this.data, patch);
      callback?.();
    },
    triggerEvent: () => undefined,
    selectComponent: () => null,
    createSelectorQuery: () => ({
      in: () => instance.createSelectorQuery(),
      selectAll: () => instance.createSelectorQuery(),
      select: () => instance.createSelectorQuery(),
      fields: () => instance.createSelectorQuery(),
      boundingClientRect: () => instance.createSelectorQuery(),
      exec: (callback?: (result: unknown[]) => void) => callback?.([]),
    }),
    ...room.methods,
  };
  const lazyLoaded = () =>
    loader!.requires
      .filter(({ file }) => isWithin(file, lazyDir))
      .map(({ from, file }) => `${path.relative(npmDir, from)} → ${path.relative(npmDir, file)}`);
  return { room, instance, loader, lazyLoaded };
}

/** A current WeChat's live-pusher or live-player context: every method there, and succeeding. */
const currentContext = (): object =>
  new Proxy({}, { get: () => (options?: { success?: () => void }) => options?.success?.() });

/**
 * A phone's wx: a current WeChat on Android whose user has granted (or refused) the camera and the
 * microphone.
 */
function phone(granted: boolean): Record<string, unknown> {
  type Callbacks = { success?: (result: unknown) => void; fail?: (error: unknown) => void };
  return {
    getSystemInfoSync: () => ({ SDKVersion: '3.4.0', platform: 'android' }),
    createLivePusherContext: currentContext,
    createLivePlayerContext: currentContext,
    getSetting: ({ success }: Callbacks) =>
      success?.({ authSetting: granted ? { 'scope.camera': true, 'scope.record': true } : {} }),
    authorize: ({ fail }: Callbacks) => fail?.({ errMsg: 'authorize:fail auth deny' }),
  };
}

beforeAll(() => {
  if (!fs.existsSync(at('miniprogram_dist/index.js'))) {
    throw new Error('run `npm run build` before these tests (npm test does it)');
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-room-consumer-'));
  pack = packPackage(work);

  // What `npm install trtc-room mobx-miniprogram` leaves, without the network: the tarball
  // unpacked, and the peer dependency copied from our node_modules.
  app = path.join(work, 'app');
  fs.cpSync(FIXTURE, app, { recursive: true });
  installPacked(work, pack, app);
  fs.cpSync(
    path.dirname(createRequire(__filename).resolve('mobx-miniprogram/package.json')),
    path.join(app, 'node_modules/mobx-miniprogram'),
    { recursive: true },
  );

  const output = execFileSync(process.execPath, ['-e', CI_SCRIPT, app], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
  });
  const lines = output.trim().split('\n');
  ci = JSON.parse(lines[lines.length - 1]!) as CiResult;
  npmDir = path.join(app, 'miniprogram_npm');
}, 90_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('a native mini-program that installs trtc-room from npm', () => {
  it('gets the components, the runtime, the lazy files and the public entries in the tarball', () => {
    const packed = pack.files.map((file) => file.path);
    for (const file of [
      'miniprogram_dist/index.js',
      'miniprogram_dist/runtime.js',
      'miniprogram_dist/lazy/store-room-store.js',
      'miniprogram_dist/lazy/emulator-client.js',
      'miniprogram_dist/lazy/usersig-room-diagnosis.js',
      'miniprogram_dist/usersig/index.js',
      'miniprogram_dist/host/index.js',
      'miniprogram_dist/call/index.js',
      'miniprogram_dist/lazy/call-call-registry.js',
      ...SHIPPED_COMPONENTS.flatMap((name) =>
        COMPONENT_FILES.map((f) => `miniprogram_dist/${name}/${f}`),
      ),
    ]) {
      expect(packed).toContain(file);
    }
  });

  it('is packed by "Build npm" as a mini-program package, mobx-miniprogram from its main', () => {
    expect(ci.packed).toEqual({ miniProgramPackNum: 1, otherNpmPackNum: 1, warnList: [] });
    expect(isFile(path.join(npmDir, 'mobx-miniprogram/index.js'))).toBe(true);
  });

  it('has miniprogram_dist copied verbatim to miniprogram_npm/trtc-room', () => {
    const dist = path.join(app, 'node_modules/trtc-room/miniprogram_dist');
    const shipped = filesUnder(dist).map((file) => path.relative(dist, file));
    const packed = path.join(npmDir, 'trtc-room');
    expect(filesUnder(packed).map((file) => path.relative(packed, file))).toEqual(
      expect.arrayContaining(shipped),
    );
    for (const file of shipped) {
      expect(
        fs.readFileSync(path.join(packed, file)).equals(fs.readFileSync(path.join(dist, file))),
      ).toBe(true);
    }
    for (const name of COMPONENTS) {
      for (const file of COMPONENT_FILES) {
        expect(isFile(path.join(packed, name, file))).toBe(true);
      }
    }
  });

  it("resolves every usingComponents path, the page's and the packed components'", () => {
    const page = path.join(app, 'pages/index/index');
    const used = componentsOfPage(page);
    const expected = COMPONENTS.map((name) => path.join(npmDir, 'trtc-room', name, 'index'));
    expect([...used.keys()].sort()).toEqual([...expected].sort());
    for (const component of used.keys()) {
      for (const extension of ['.js', '.json', '.wxml', '.wxss']) {
        expect(isFile(`${component}${extension}`)).toBe(true);
      }
    }
  });

  it("passes miniprogram-ci's own checks of the page and component JSON (getPageJSON)", () => {
    const componentPaths = SHIPPED_COMPONENTS.map(
      (name) => `miniprogram_npm/trtc-room/${name}/index`,
    );
    expect(Object.keys(ci.pageJson).sort()).toEqual(
      ['pages/index/index', ...componentPaths].sort(),
    );
    for (const [page, result] of Object.entries(ci.pageJson)) {
      expect({ page, error: result.error }).toEqual({ page, error: undefined });
    }
    expect(ci.pageJson['pages/index/index']!.json!.usingComponents).toEqual(
      Object.fromEntries(
        COMPONENTS.map((name) => [name, `../../miniprogram_npm/trtc-room/${name}/index`]),
      ),
    );
  });

  it('loads the page and registers every component on one runtime', () => {
    const definitions: { file: string; definition: Record<string, unknown> }[] = [];
    const pages: object[] = [];
    let loader: ReturnType<typeof createLoader> | undefined = undefined;
    loader = createLoader({
      Component: (definition: Record<string, unknown>) => {
        definitions.push({ file: loader!.current()!, definition });
      },
      Page: (definition: object) => pages.push(definition),
      wx: {
        getSystemInfoSync: () => ({ SDKVersion: '3.4.0', platform: 'devtools' }),
        canIUse: () => true,
      },
    });

    loader.load(path.join(app, 'pages/index/index.js'));
    expect(pages).toEqual([{ data: { ready: true } }]);
    const components = [...componentsOfPage(path.join(app, 'pages/index/index')).keys()];
    for (const component of components) loader.load(`${component}.js`);

    expect(definitions.map(({ file }) => path.relative(npmDir, file)).sort()).toEqual(
      COMPONENTS.map((name) => `trtc-room/${name}/index.js`).sort(),
    );
    for (const { file, definition } of definitions) {
      expect({ file, properties: typeof definition.properties }).toEqual({
        file,
        properties: 'object',
      });
      expect({ file, methods: typeof definition.methods }).toEqual({ file, methods: 'object' });
    }

    // Each file ran once, whoever required it: one runtime (its room registry, client and
    // controller) for all three components and the page's require('trtc-room'). The page reads
    // isTrtcError only, so none of the lazy files (nor mobx-miniprogram) loads (next tests).
    const loaded = loader.loaded().map((file) => path.relative(app, file));
    expect(loaded.sort()).toEqual(
      [
        'pages/index/index.js',
        'miniprogram_npm/trtc-room/index.js',
        'miniprogram_npm/trtc-room/runtime.js',
        ...COMPONENTS.map((name) => `miniprogram_npm/trtc-room/${name}/index.js`),
      ].sort(),
    );
    const runtimeUsers = loader.requires
      .filter(({ file }) => file === path.join(npmDir, 'trtc-room/runtime.js'))
      .map(({ from }) => path.relative(npmDir, path.dirname(from)));
    expect(runtimeUsers).toEqual(
      expect.arrayContaining(COMPONENTS.map((name) => `trtc-room/${name}`)),
    );
  });

  it('packs the lazy files, and a room loads each on first use from the runtime', async () => {
    const lazyDir = path.join(npmDir, 'trtc-room/lazy');
    expect(
      filesUnder(lazyDir)
        .map((file) => path.relative(lazyDir, file))
        .sort(),
    ).toEqual([
      'call-call-registry.js',
      'emulator-client.js',
      'host-capability-gate.js',
      'host-context-results.js',
      'host-emulator-support.js',
      'host-failure-message.js',
      'host-permission-settings.js',
      'host-trace-export.js',
      'store-room-store.js',
      'trace-trace-recording.js',
      'usersig-room-diagnosis.js',
    ]);
    const sockets: string[] = [];
    const { room, instance, loader, lazyLoaded } = mountRoom(
      {
        getSystemInfoSync: () => ({ SDKVersion: '3.4.0', platform: 'devtools' }),
        // The emulator's address refuses the connection.
        connectSocket: ({ url }: { url: string }) => {
          sockets.push(url);
          const task = {
            onOpen: () => undefined,
            onMessage: () => undefined,
            onClose: () => undefined,
            onError: (listener: (error: unknown) => void) =>
              setTimeout(() => listener({ errMsg: 'connectSocket:fail refused' }), 0),
            send: () => undefined,
            close: () => undefined,
          };
          return task;
        },
      },
      { emulator: 'ws://127.0.0.1:9/room' },
    );
    room.lifetimes.attached.call(instance);
    // A WeChat base library with every capability loads no capability table either.
    expect(lazyLoaded()).toEqual([]);
    const startup = loader.loaded().map((file) => path.relative(npmDir, file));
    expect(startup.sort()).toEqual(['trtc-room/runtime.js', 'trtc-room/trtc-room/index.js']);

    // An emulator address: the probe (the host's emulator support) and the emulator client.
    await expect(room.methods.enter!.call(instance)).rejects.toMatchObject({
      code: 'ENTER_FAILED',
    });
    expect(sockets).toEqual(['ws://127.0.0.1:9/room']);
    const emulatorFiles = [
      'trtc-room/runtime.js → trtc-room/lazy/host-emulator-support.js',
      'trtc-room/runtime.js → trtc-room/lazy/emulator-client.js',
    ];
    expect(lazyLoaded()).toEqual(emulatorFiles);

    // getStore(): the store's lazy file, and mobx-miniprogram with it.
    const store = room.methods.getStore!.call(instance) as { connection?: unknown };
    expect(store).toBeDefined();
    expect(lazyLoaded()).toEqual([
      ...emulatorFiles,
      'trtc-room/runtime.js → trtc-room/lazy/store-room-store.js',
    ]);
    expect(loader.loaded().map((file) => path.relative(npmDir, file))).toContain(
      'mobx-miniprogram/index.js',
    );
    room.lifetimes.detached.call(instance);
  });

  it('enters a room on a phone, plays a remote user and leaves, with none of the lazy files', async () => {
    const { room, instance, loader, lazyLoaded } = mountRoom(phone(true), {});
    room.lifetimes.attached.call(instance);
    const entering = room.methods.enter!.call(instance) as Promise<unknown>;
    entering.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(instance.data['inRoom']).toBe(true);
    expect(instance.data['pusher']).toMatchObject({ enableCamera: true, enableMic: true });
    // Entered, with a remote user who publishes video: a player on the page; then it leaves.
    const pusherEvent = (detail: object) =>
      room.methods.onPusherStateChange!.call(instance, { detail });
    pusherEvent(pusherState(1018, 'entered'));
    pusherEvent(usersJoined('bob'));
    pusherEvent(videoChanged('bob', 'main', true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect((instance.data['players'] as unknown[]).length).toBe(1);
    await room.methods.exit!.call(instance);
    room.lifetimes.detached.call(instance);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lazyLoaded()).toEqual([]);
    const loaded = loader.loaded().map((file) => path.relative(npmDir, file));
    expect(loaded.sort()).toEqual(['trtc-room/runtime.js', 'trtc-room/trtc-room/index.js']);
  });

  it('loads the settings prompt only when the user refuses the camera and the microphone', async () => {
    const modals: unknown[] = [];
    const { room, instance, lazyLoaded } = mountRoom(
      { ...phone(false), showModal: (options: unknown) => modals.push(options) },
      {},
    );
    room.lifetimes.attached.call(instance);
    (room.methods.enter!.call(instance) as Promise<unknown>).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(modals).toHaveLength(1);
    expect(lazyLoaded()).toEqual([
      'trtc-room/runtime.js → trtc-room/lazy/host-permission-settings.js',
    ]);
    room.lifetimes.detached.call(instance);
  });

  it("loads the failure's sentence only when a room fails", async () => {
    const { room, instance, lazyLoaded } = mountRoom(phone(true), {});
    const failed: unknown[] = [];
    Object.assign(instance, {
      triggerEvent: (name: string, detail: unknown) => name === 'failed' && failed.push(detail),
    });
    room.lifetimes.attached.call(instance);
    (room.methods.enter!.call(instance) as Promise<unknown>).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(lazyLoaded()).toEqual([]);
    room.methods.onPusherStateChange!.call(instance, { detail: pusherState(-3301, 'refused') });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(failed).toEqual([
      expect.objectContaining({ message: expect.stringContaining('-3301') }),
    ]);
    expect(lazyLoaded()).toEqual(['trtc-room/runtime.js → trtc-room/lazy/host-failure-message.js']);
    room.lifetimes.detached.call(instance);
  });

  it("loads a lazy file through require('trtc-room') when one of its names is first read", () => {
    const loader = createLoader({});
    const core = loader.load(path.join(npmDir, 'trtc-room/index.js')) as Record<string, unknown>;
    const lazyLoaded = () =>
      loader
        .loaded()
        .map((file) => path.relative(npmDir, file))
        .filter((file) => file.includes('/lazy/') || file.startsWith('mobx-miniprogram'));
    expect(typeof core['RoomClient']).toBe('function');
    expect(lazyLoaded()).toEqual([]);
    // Reading the store's names loads the store's file and mobx-miniprogram, once.
    const { createRoomStore, RoomStore, bindRoomView } = core as {
      createRoomStore(): object;
      RoomStore: new (...args: never[]) => object;
      bindRoomView: unknown;
    };
    expect(typeof bindRoomView).toBe('function');
    expect(createRoomStore()).toBeInstanceOf(RoomStore);
    expect(lazyLoaded().sort()).toEqual(
      ['mobx-miniprogram/index.js', 'trtc-room/lazy/store-room-store.js'].sort(),
    );
    expect(typeof core['EmulatorLink']).toBe('function');
    expect(lazyLoaded()).toContain('trtc-room/lazy/emulator-client.js');
  });

  it('loads the UserSig diagnosis lazily for the public entries too: one decoder for both', () => {
    const loader = createLoader({});
    const core = loader.load(path.join(npmDir, 'trtc-room/index.js')) as {
      diagnoseUserSig: unknown;
      isTrtcError(error: unknown): boolean;
    };
    const usersig = loader.load(path.join(npmDir, 'trtc-room/usersig/index.js')) as {
      diagnoseUserSig: unknown;
      decodeUserSig(sig: string): unknown;
    };
    expect(usersig.diagnoseUserSig).toBe(core.diagnoseUserSig);
    expect(() => usersig.decodeUserSig('not-a-sig')).toThrow();
    let thrown: unknown;
    try {
      usersig.decodeUserSig('not-a-sig');
    } catch (error) {
      thrown = error;
    }
    expect(core.isTrtcError(thrown)).toBe(true);
    const loaded = loader.loaded().map((file) => path.relative(npmDir, file));
    expect(loaded).toContain('trtc-room/lazy/usersig-room-diagnosis.js');
    expect(loaded.filter((file) => file.endsWith('runtime.js'))).toEqual(['trtc-room/runtime.js']);
  });

  it('finds no Node built-in in the sandbox', () => {
    const loader = createLoader({});
    const probe = path.join(app, 'probe.js');
    fs.writeFileSync(
      probe,
      'module.exports = [typeof Buffer, typeof process, typeof setImmediate, typeof TextEncoder];',
    );
    expect(loader.load(probe)).toEqual(Array(4).fill('undefined'));
    fs.writeFileSync(probe, 'require("crypto");');
    expect(() => createLoader({}).load(probe)).toThrow('module "crypto" is not defined');
    fs.rmSync(probe);
  });
});

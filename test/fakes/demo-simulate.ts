// Renders a demo page in miniprogram-simulate (needs the jsdom test environment). The page runs
// from miniprogram/, its components from the built miniprogram/miniprogram_npm, found with the
// same usingComponents lookup WeChat does (resolveComponent). miniprogram-simulate only knows
// components, so a global Page() turns the page definition into one: data stays data, functions
// become methods, onLoad(query) runs on attached, onReady on ready, onUnload on detached, and
// onShow / onHide on the page lifetimes (page.triggerPageLifeTime('hide') reaches its components).
//
//   installPageShim(() => ({ roomId: '2024', ... }));
//   const page = renderDemoPage('pages/call/call');
import path from 'node:path';
import type { Rendered, SimNode } from './component-harness';
import { attrsOf, classesOf, findAll, hasClass, textOf } from './component-harness';
import { DEMO_DIR, resolveComponent, usingComponentsOf } from './demo-app';
import { promiseTurns } from './manual-scheduler';
import { pusherState } from './native-events';

interface Simulate {
  load(componentPath: string, tagName: string, options: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): Rendered;
}

type Definition = Record<string, unknown> & { data?: Record<string, unknown> };
type PageThis = Record<string, ((...args: unknown[]) => unknown) | undefined>;

const simulate = jest.requireActual<Simulate>('miniprogram-simulate');
const scope = globalThis as unknown as Record<string, unknown>;

/** Makes Page() register the page as a component; `query()` is what its onLoad gets. */
export function installPageShim(query: () => Record<string, string>): () => void {
  const previous = scope.Page;
  scope.Page = (definition: Definition) => {
    const methods: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(definition)) {
      if (key === 'data') continue;
      if (typeof value === 'function') methods[key] = value;
      else fields[key] = value;
    }
    const component = scope.Component as (options: object) => void;
    component({
      data: definition.data ?? {},
      methods,
      lifetimes: {
        attached(this: PageThis) {
          Object.assign(this, fields);
          this.onLoad?.(query());
        },
        ready(this: PageThis) {
          this.onReady?.();
        },
        detached(this: PageThis) {
          this.onUnload?.();
        },
      },
      pageLifetimes: {
        show(this: PageThis) {
          this.onShow?.();
        },
        hide(this: PageThis) {
          this.onHide?.();
        },
      },
    });
  };
  return () => {
    scope.Page = previous;
  };
}

/** Sets the global `name` (getApp, getCurrentPages...); returns the undo. */
export function installGlobal(name: string, value: unknown): () => void {
  const previous = Object.getOwnPropertyDescriptor(scope, name);
  Object.defineProperty(scope, name, { value, configurable: true, writable: true });
  return () => {
    if (previous === undefined) Reflect.deleteProperty(scope, name);
    else Object.defineProperty(scope, name, previous);
  };
}

/** The demo's App() instance (miniprogram/app.js): its fields and methods. */
export type DemoAppInstance = Record<string, unknown> & {
  onLaunch(options?: object): void;
  startCalls(userId: string): Promise<DemoCallStatus>;
  /** The app's call manager (trtc-room/call), or null. */
  calls: { options: { userId: string }; call(...args: unknown[]): Promise<void> } | null;
  callStatus: DemoCallStatus;
  callQueue: Promise<unknown>;
};

export interface DemoCallStatus {
  readonly userId: string;
  readonly ready: boolean;
  readonly problem: string;
  readonly needsChat: boolean;
}

export interface LaunchedApp {
  readonly app: DemoAppInstance;
  /** What getCurrentPages() returns, bottom first: the test keeps it as WeChat would. */
  readonly pages: { route: string }[];
  /** Destroys the app's call manager and removes the globals. */
  close(): Promise<void>;
}

let appDefinition: Definition | undefined;

/**
 * Launches miniprogram/app.js as WeChat does: App() takes its definition, the app instance gets
 * its fields and methods, getApp() returns it, getCurrentPages() returns `pages` (the entry page
 * first), then onLaunch runs. app.js is loaded once per test file (Jest caches it); every launch
 * makes a new instance of its definition.
 */
export function launchDemoApp(pages = [{ route: 'pages/index/index' }]): LaunchedApp {
  if (appDefinition === undefined) {
    const undo = installGlobal('App', (definition: Definition) => {
      appDefinition = definition;
    });
    try {
      jest.requireActual(path.join(DEMO_DIR, 'app.js'));
    } finally {
      undo();
    }
    if (appDefinition === undefined) throw new Error('app.js did not call App()');
  }
  const app = { ...appDefinition } as unknown as DemoAppInstance;
  const undo = [installGlobal('getApp', () => app), installGlobal('getCurrentPages', () => pages)];
  app.onLaunch({});
  return {
    app,
    pages,
    close: async () => {
      await app.callQueue;
      const calls = app.calls as { destroy(): Promise<void> } | null;
      await calls?.destroy();
      for (const step of undo.reverse()) step();
    },
  };
}

// Loaded once per page and test file: Jest caches the page's module, so a second load would not
// run its Page() call again. Each page loads in its own module registry, so its components'
// Component() calls run again too (miniprogram-simulate registers them under new ids).
const loaded = new Map<string, string>();

function loadDemoPage(page: string): string {
  const known = loaded.get(page);
  if (known !== undefined) return known;
  const base = path.join(DEMO_DIR, page);
  const jsonFile = `${base}.json`;
  const usingComponents: Record<string, string> = {};
  for (const [tag, ref] of Object.entries(usingComponentsOf(jsonFile))) {
    const found = resolveComponent(DEMO_DIR, jsonFile, ref);
    if (found === undefined) throw new Error(`${page}.json: ${tag} → ${ref} not found`);
    usingComponents[tag] = `/${path.relative(DEMO_DIR, found).split(path.sep).join('/')}`;
  }
  let id = '';
  jest.isolateModules(() => {
    id = simulate.load(base, `demo-page-${loaded.size + 1}`, {
      rootPath: DEMO_DIR,
      usingComponents,
    });
  });
  loaded.set(page, id);
  return id;
}

/** Runs the pending callbacks, microtasks and 0 ms timers (real time) until things are still. */
export async function settlePage(): Promise<void> {
  for (let round = 0; round < 6; round += 1) {
    await promiseTurns(20);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** Settles until `done()` holds; throws after `rounds` settles (the thing never happened). */
export async function settleUntil(done: () => boolean, rounds = 40): Promise<void> {
  for (let round = 0; round < rounds && !done(); round += 1) await settlePage();
  if (!done()) throw new Error(`still waiting after ${rounds} settles: ${done.toString()}`);
}

// The test tsconfig has no DOM lib.
const jsdom = globalThis as unknown as { document: { createElement(tag: string): unknown } };

/** Renders and attaches `page` (e.g. 'pages/call/call'), which runs onLoad and onReady. */
export async function openDemoPage(page: string): Promise<Rendered> {
  const rendered = simulate.render(loadDemoPage(page));
  rendered.attach(jsdom.document.createElement('parent-wrapper'));
  await settlePage();
  return rendered;
}

// ---- inside a rendered room page ---------------------------------------------------------------

export function roomOf(page: Rendered): SimNode {
  const room = page.querySelector('#room');
  if (room === undefined) throw new Error('no <trtc-room id="room"> rendered');
  return room;
}

export function pusherOf(page: Rendered): SimNode {
  const pusher = roomOf(page).querySelector('#trtc-room-pusher');
  if (pusher === undefined) throw new Error('no <live-pusher> rendered');
  return pusher;
}

/** The rendered <live-pusher>'s attributes (camelCased). */
export function pusherAttributes(page: Rendered): Record<string, unknown> {
  const [node] = findAll(roomOf(page).toJSON(), (n) => n.tagName === 'wx-live-pusher');
  if (node === undefined) throw new Error('no <live-pusher> rendered');
  return attrsOf(node);
}

/** The status line's state label. */
export function statusOf(page: Rendered): string {
  const [label] = findAll(page.toJSON(), (n) => attrsOf(n).class === 'status__label');
  return label === undefined ? '' : textOf(label);
}

/** A control of the room page's control bar (shared/controls.wxml), as rendered. */
export interface RenderedControl {
  /** Its data-control, e.g. 'mic'. */
  readonly id: string;
  /** The text under the button: the state, e.g. 'Mic off'. */
  readonly label: string;
  /** The src of each <image> in it, e.g. ['/images/mic-off.svg']. */
  readonly icons: string[];
  /** What a tap does, for screen readers. */
  readonly ariaLabel: string;
  readonly disabled: boolean;
  readonly classes: string[];
  /** All its text: the label and nothing else (an emoji "icon" would show up here). */
  readonly text: string;
}

/** The controls of the page's control bar, in order. */
export function controlsOf(page: Rendered): RenderedControl[] {
  return findAll(page.toJSON(), hasClass('control')).map((node) => {
    const attrs = attrsOf(node);
    const labels = findAll(node, hasClass('control__label'));
    return {
      id: String(attrs['data-control']),
      label: labels.length === 1 ? textOf(labels[0]!).trim() : `${labels.length} labels`,
      icons: findAll(node, (n) => n.tagName === 'wx-image').map((n) => String(attrsOf(n).src)),
      ariaLabel: String(attrs.ariaLabel ?? ''),
      disabled: attrs.ariaDisabled === true,
      classes: classesOf(node),
      text: textOf(node).trim(),
    };
  });
}

/** Taps the control `id` (its data-control, e.g. 'mic'). */
export async function tapControl(page: Rendered, id: string): Promise<void> {
  const control = page.querySelector(`.control--${id}`);
  if (control === undefined) throw new Error(`no control ${id}`);
  control.dispatchEvent('tap');
  await settlePage();
}

/** The engine's 1018: the room was entered. */
export async function engineEntered(page: Rendered): Promise<void> {
  pusherOf(page).dispatchEvent('statechange', { detail: pusherState(1018, 'enter room ok') });
  await settlePage();
}

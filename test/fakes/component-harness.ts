// Renders the native components (components/trtc-room, trtc-pusher, trtc-player) in
// miniprogram-simulate with a fake `wx`/`qq` host, dispatches native events on their
// <live-pusher>/<live-player> nodes, and records the outward events and every setData.
//
//   beforeEach(() => useComponentClock());
//   afterEach(() => cleanupComponents());
//   const room = mountRoom({ template: 'grid' });
//   await room.enter();                              // permissions granted, 1018
//   await room.join('bob', { camera: true, mic: true });
//   room.players()                                   // the rendered <live-player>s and attributes
//   room.eventsNamed('remotestreamadd')
//
// With a room emulator (fake-socket.ts), the engine's events arrive over the socket instead:
//   const net = new FakeSocketNet();
//   const hostOptions = { platform: 'devtools', connectSocket: net.connectSocket };
//   const room = mountRoom({}, { hostOptions });
//   await room.enterEmulated();                      // probe, then 1018 from the fake emulator
//   room.standIns()                                  // the placeholders drawn instead of nodes
//
// Time is jest's fake clock (the room's enter/exit/reconnect and call timers); the views flush on
// the host's nextTick, a microtask here. `settle()` runs everything that is due now, `advance(ms)`
// moves the clock.
import path from 'node:path';
import type { LogRecord } from '../../src/core/logger';
import type { RoomClient, RoomStore } from '../../src/host';
import type { ProfileResolver } from '../../src/host/profile-source';
import type { TrtcRoomEventName } from '../../src/host/room-component-events';
import type { FakeHost, FakeHostOptions } from './fake-host';
import { createFakeHost, installFakeHost, microtaskNextTick } from './fake-host';
import { captureLogs } from './log-capture';
import type { Detail } from './native-events';
import {
  audioChanged,
  audioVolume,
  netStatus,
  pusherState,
  usersJoined,
  usersLeft,
  videoChanged,
} from './native-events';
import {
  advanceSystemTimers as advance,
  settleSystemTimers as settle,
  useFakeSystemTimers,
  useRealSystemTimers,
} from './system-timers';

export const COMPONENTS_DIR = path.resolve(__dirname, '../../components');

// ---- simulate plumbing ------------------------------------------------------------------------

// The part of miniprogram-simulate (j-component) the tests use, typed here: its own index.d.ts
// pulls in miniprogram-api-typings, whose globals (`require`, ...) clash with @types/node in the
// test program, and it lacks addEventListener and triggerPageLifeTime, which exist at runtime.

/** `comp.toJSON()`: an element with its attributes (camelCased) and children (text as strings). */
export interface NodeJson {
  readonly tagName: string;
  readonly attrs: readonly { readonly name: string; readonly value: unknown }[];
  readonly event: Readonly<Record<string, unknown>>;
  readonly children: readonly (NodeJson | string)[];
}

export interface SimEvent {
  readonly type: string;
  readonly detail: unknown;
}

interface Touch {
  readonly x: number;
  readonly y: number;
}

/** Any node of a rendered tree (querySelector's result). */
export interface SimNode {
  /** The component instance (`this` in its methods and lifetimes). */
  readonly instance: unknown;
  readonly data: Readonly<Record<string, unknown>>;
  /** Asynchronous, as on a device: runs the bind* handler on a later microtask. */
  dispatchEvent(
    name: string,
    options?: { detail?: unknown; touches?: readonly Touch[]; changedTouches?: readonly Touch[] },
  ): void;
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
  setData(data: Record<string, unknown>): void;
  toJSON(): NodeJson;
  addEventListener(name: string, handler: (event: SimEvent) => void): void;
  triggerPageLifeTime(name: 'show' | 'hide'): void;
}

export interface Rendered extends SimNode {
  attach(parent: unknown): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, tagName: string, options: { rootPath: string }): string;
  load(definition: object): string;
  render(id: string, properties?: Record<string, unknown>): Rendered;
}

const simulate = jest.requireActual<Simulate>('miniprogram-simulate');

function renderId(id: string, props?: Record<string, unknown>): Rendered {
  return simulate.render(id, props);
}

const loaded = new Map<string, string>();

/**
 * The simulate id of a component under components/. Loaded once per test file: jest caches the
 * component's module, so a second load would not run its Component() call again.
 */
export function componentId(
  name: 'trtc-room' | 'trtc-pusher' | 'trtc-player' | 'trtc-call',
): string {
  let id = loaded.get(name);
  if (id === undefined) {
    id = simulate.load(path.join(COMPONENTS_DIR, name, 'index'), name, {
      rootPath: COMPONENTS_DIR,
    });
    loaded.set(name, id);
  }
  return id;
}

let parentSeq = 0;

/** Registers a page-like component whose template uses the three components. */
export function defineParent(template: string, data: Record<string, unknown> = {}): string {
  parentSeq += 1;
  return simulate.load({
    id: `test-parent-${parentSeq}`,
    tagName: `test-parent-${parentSeq}`,
    template,
    data,
    usingComponents: {
      'trtc-room': componentId('trtc-room'),
      'trtc-pusher': componentId('trtc-pusher'),
      'trtc-player': componentId('trtc-player'),
    },
  });
}

interface DocumentLike {
  createElement(tag: string): unknown;
}

/** A jsdom element to attach to (the test tsconfig has no DOM lib). */
function newParentElement(): unknown {
  const doc = (globalThis as unknown as { document: DocumentLike }).document;
  return doc.createElement('parent-wrapper');
}

// ---- time ------------------------------------------------------------------------------------

let logs: LogRecord[] = [];
let consoleErrors: jest.SpyInstance | undefined;

/**
 * Per test: jest's fake clock (system-timers.ts: the components run on real timers), leaving
 * microtasks real (j-component dispatches through promises); the library's warn/error logs
 * captured (`componentLogs()`); console.error spied, because j-component catches what a handler
 * throws and only logs it there: cleanupComponents() fails the test when anything was.
 */
export function useComponentClock(): void {
  useFakeSystemTimers();
  logs = captureLogs('warn');
  consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
}

/** The library's log records (warn and above) since useComponentClock(). */
export function componentLogs(): LogRecord[] {
  return logs;
}

/** The messages of the library's warnings logged in this test. */
export function componentWarnings(): string[] {
  return componentLogs()
    .filter((record) => record.level === 'warn')
    .map((record) => record.message);
}

/** settle(): the microtasks and the timers due now; advance(ms): the fake clock, then settle. */
export { advance, settle };

// ---- JSON tree helpers ------------------------------------------------------------------------

export function attrsOf(node: NodeJson): Record<string, unknown> {
  const attrs: Record<string, unknown> = {};
  for (const { name, value } of node.attrs) attrs[name] = value;
  return attrs;
}

/** Every element of the tree (depth first) that `match` accepts. */
export function findAll(root: NodeJson, match: (node: NodeJson) => boolean): NodeJson[] {
  const found: NodeJson[] = [];
  const walk = (node: NodeJson | string): void => {
    if (typeof node === 'string') return;
    if (match(node)) found.push(node);
    for (const child of node.children) walk(child);
  };
  walk(root);
  return found;
}

export function classesOf(node: NodeJson): string[] {
  const value = attrsOf(node)['class'];
  return typeof value === 'string' ? value.split(/\s+/).filter((c) => c !== '') : [];
}

export const hasClass =
  (name: string) =>
  (node: NodeJson): boolean =>
    classesOf(node).indexOf(name) >= 0;

/** The text inside a node, concatenated. */
export function textOf(node: NodeJson): string {
  return node.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('');
}

/** The inline styles of the 1v1 places, parsed (parseStyle): the main tile, the pip, parked. */
export const FULL_STYLE = { left: '0%', top: '0%', width: '100%', height: '100%', 'z-index': '1' };
export const PIP_STYLE = {
  left: '66%',
  top: '4%',
  width: '30%',
  height: '27%',
  'z-index': '3',
  'border-radius': '16rpx',
  overflow: 'hidden',
};
export const PARKED_STYLE = { left: '0', top: '0', width: '1px', height: '1px', 'z-index': '0' };

/** `left:66%;top:4%;...` → { left: '66%', top: '4%', ... }. */
export function parseStyle(style: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof style !== 'string') return out;
  for (const part of style.split(';')) {
    const at = part.indexOf(':');
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

/** A tile is parked when it is the 1 px box the templates use for nodes not shown. */
export function isParked(style: unknown): boolean {
  const s = parseStyle(style);
  return s['width'] === '1px' && s['height'] === '1px';
}

// ---- the room harness ---------------------------------------------------------------------------

/** Every outward event name of <trtc-room>: the Record makes a new name fail the type check. */
const ROOM_EVENT_NAMES: Record<TrtcRoomEventName, true> = {
  roomstatechange: true,
  enter: true,
  exit: true,
  kicked: true,
  failed: true,
  remoteuserjoin: true,
  playercasting: true,
  remoteuserleave: true,
  remotestreamadd: true,
  remotestreamupdate: true,
  remotestreamremove: true,
  networkquality: true,
  seireceived: true,
  playerfullscreenchange: true,
  pictureinpicturechange: true,
  bgmstart: true,
  bgmprogress: true,
  bgmcomplete: true,
  permissiondenied: true,
  tiletap: true,
  error: true,
};
export const ROOM_EVENTS = Object.keys(ROOM_EVENT_NAMES) as TrtcRoomEventName[];

export interface RecordedEvent {
  readonly name: TrtcRoomEventName;
  readonly detail: unknown;
}

/** True for an event j-component dispatched from a node (dispatchEvent), not a triggerEvent. */
function isNativeDispatch(event: object): boolean {
  return (event as { __originalEvent?: unknown }).__originalEvent !== undefined;
}

export interface SetDataRecord {
  readonly patch: Record<string, unknown>;
  readonly bytes: number;
}

/** Wraps `instance.setData` (before attach) to count calls and their JSON bytes. */
export function countSetData(comp: Rendered | SimNode): SetDataRecord[] {
  const records: SetDataRecord[] = [];
  const instance = comp.instance as unknown as {
    setData(patch: Record<string, unknown>, callback?: () => void): void;
  };
  const original = instance.setData;
  instance.setData = function (patch, callback) {
    records.push({ patch, bytes: Buffer.byteLength(JSON.stringify(patch), 'utf8') });
    return original.call(this, patch, callback);
  };
  return records;
}

export interface UserMedia {
  readonly camera?: boolean;
  readonly mic?: boolean;
}

/** The page-called methods of <trtc-room> the tests use. */
export interface RoomMethods {
  enter(overrides?: Record<string, unknown>): Promise<void>;
  exit(): Promise<void>;
  publishCamera(): Promise<void>;
  unpublishCamera(): void;
  publishMicrophone(): Promise<void>;
  unpublishMicrophone(): void;
  muteMicrophone(muted: boolean): void;
  switchCamera(): Promise<'front' | 'back'>;
  setPage(page: number): void;
  setProfileResolver(resolver: ProfileResolver | null): void;
  enterFullscreen(playerId: string, direction?: number): Promise<void>;
  getClient(): RoomClient;
  getStore(): RoomStore;
}

export interface MountOptions {
  /** Default: a host on which camera and microphone are already granted. */
  readonly host?: FakeHost;
  readonly hostOptions?: FakeHostOptions;
  readonly hostName?: 'wx' | 'qq';
}

const cleanups: (() => void)[] = [];

/**
 * Detaches every component mounted in the test and restores the host globals; throws (failing
 * the test) when a handler threw into j-component, which only console.error's it.
 */
export async function cleanupComponents(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
  await settle();
  useRealSystemTimers();
  const errors = consoleErrors?.mock.calls ?? [];
  consoleErrors?.mockRestore();
  consoleErrors = undefined;
  if (errors.length > 0) {
    throw new Error(
      `console.error was called:\n${errors.map((args) => args.map(String).join(' ')).join('\n')}`,
    );
  }
}

export function installHost(options: MountOptions = {}): FakeHost {
  const host =
    options.host ??
    createFakeHost({
      authSetting: { 'scope.camera': true, 'scope.record': true },
      ...options.hostOptions,
    });
  // The views flush on the host's nextTick (without one: setTimeout 0). A microtask here: under
  // jest's fake clock a 0 ms timer created inside another timer's callback fires 1 ms later, which
  // would make a flush after a room timer (the reconcile window, a re-enter) wait for time to pass.
  host.api.nextTick ??= microtaskNextTick;
  cleanups.push(installFakeHost(options.hostName ?? 'wx', host));
  return host;
}

export const DEFAULT_PROPS = {
  sdkAppId: 1400000001,
  userId: 'me',
  userSig: 'test-sig',
  roomId: 4321,
} as const;

export class RoomHarness {
  /** What the room triggered (triggerEvent), in order. */
  readonly events: RecordedEvent[] = [];
  /** Native node events that bubbled out of the room under an outward event name. */
  readonly bubbled: RecordedEvent[] = [];
  readonly setData: SetDataRecord[];
  private attached = true;

  constructor(
    readonly comp: Rendered,
    readonly host: FakeHost,
  ) {
    for (const name of ROOM_EVENTS) {
      comp.addEventListener(name, (event) => {
        // j-component dispatches native events as bubbling and composed, so a <live-pusher>
        // `error` also reaches listeners of the room's own `error`: keep those apart.
        if (isNativeDispatch(event)) this.bubbled.push({ name, detail: event.detail });
        else this.events.push({ name, detail: event.detail });
      });
    }
    this.setData = countSetData(comp);
    comp.attach(newParentElement());
    cleanups.push(() => this.detach());
  }

  get methods(): RoomMethods {
    return this.comp.instance as unknown as RoomMethods;
  }

  get client() {
    return this.methods.getClient();
  }

  get data(): Record<string, unknown> {
    return this.comp.data as Record<string, unknown>;
  }

  detach(): void {
    if (!this.attached) return;
    this.attached = false;
    this.comp.detach();
  }

  // -- counters --

  get setDataCalls(): number {
    return this.setData.length;
  }

  get setDataBytes(): number {
    return this.setData.reduce((sum, record) => sum + record.bytes, 0);
  }

  /** Forgets the recorded events and setData calls. */
  clearRecords(): void {
    this.events.length = 0;
    this.setData.length = 0;
  }

  eventsNamed(name: TrtcRoomEventName): unknown[] {
    return this.events.filter((e) => e.name === name).map((e) => e.detail);
  }

  eventNames(): TrtcRoomEventName[] {
    return this.events.map((e) => e.name);
  }

  // -- entering --

  /** enter() with the host's answers, then the engine's 1018; resolves once joined. */
  async enter(overrides?: Record<string, unknown>): Promise<void> {
    const entered = this.methods.enter(overrides);
    entered.catch(() => undefined);
    await settle();
    this.dispatchPusher('statechange', pusherState(1018, 'enter room success'));
    await settle();
    await entered;
  }

  // -- nodes --

  pusherNode(): SimNode {
    const node = this.comp.querySelector('#trtc-room-pusher');
    if (node === undefined) throw new Error('no <live-pusher id="trtc-room-pusher"> rendered');
    return node;
  }

  playerNode(playerId: string): SimNode {
    const node = this.comp.querySelector(`#${playerId}`);
    if (node === undefined) throw new Error(`no <live-player id="${playerId}"> rendered`);
    return node;
  }

  json(): NodeJson {
    return this.comp.toJSON();
  }

  /** The rendered <live-pusher>'s attributes, or null when none is mounted. */
  pusher(): Record<string, unknown> | null {
    const [node] = findAll(this.json(), (n) => n.tagName === 'wx-live-pusher');
    return node === undefined ? null : attrsOf(node);
  }

  /** The rendered <live-player>s' attributes, in document order. */
  players(): Record<string, unknown>[] {
    return findAll(this.json(), (n) => n.tagName === 'wx-live-player').map(attrsOf);
  }

  player(playerId: string): Record<string, unknown> {
    const found = this.players().find((p) => p['id'] === playerId);
    if (found === undefined) throw new Error(`no <live-player id="${playerId}"> rendered`);
    return found;
  }

  /** The overlay views (`.overlay`), with their text and the classes inside. */
  overlays(): OverlayView[] {
    return findAll(this.json(), hasClass('overlay')).map(toOverlayView);
  }

  overlay(tileId: string): OverlayView {
    const found = this.overlays().find((o) => o.tile === tileId);
    if (found === undefined) throw new Error(`no overlay for tile ${tileId}`);
    return found;
  }

  /** The placeholders drawn instead of <live-pusher>/<live-player> with a room emulator. */
  standIns(): StandInView[] {
    return standInsOf(this.json());
  }

  standIn(id: string): StandInView {
    const found = this.standIns().find((s) => s.id === id);
    if (found === undefined) throw new Error(`no placeholder with id ${id}`);
    return found;
  }

  /** The audio template's tiles (`.audio-tile`). */
  audioTiles(): OverlayView[] {
    return findAll(this.json(), hasClass('audio-tile')).map(toOverlayView);
  }

  /**
   * enter() when a room emulator answers instead of the native engine (its 1018 arrives over the
   * socket); resolves once joined, rejects as enter() does.
   */
  async enterEmulated(overrides?: Record<string, unknown>): Promise<void> {
    const entered = this.methods.enter(overrides);
    entered.catch(() => undefined);
    await settle();
    await entered;
  }

  // -- native events --

  dispatchPusher(event: string, detail: Detail): void {
    this.pusherNode().dispatchEvent(event, { detail });
  }

  dispatchPlayer(playerId: string, event: string, detail: Detail): void {
    this.playerNode(playerId).dispatchEvent(event, { detail });
  }

  /** A live-pusher statechange, then settle. */
  async pusherState(code: number, message?: string): Promise<void> {
    this.dispatchPusher('statechange', pusherState(code, message));
    await settle();
  }

  async pusherStateDetail(detail: Detail): Promise<void> {
    this.dispatchPusher('statechange', detail);
    await settle();
  }

  /** 1031, then 1033 (main video) and 1034 (audio) as the media asks. */
  async join(userId: string, media: UserMedia = {}): Promise<void> {
    this.dispatchPusher('statechange', usersJoined(userId));
    if (media.camera) this.dispatchPusher('statechange', videoChanged(userId, 'main', true));
    if (media.mic) this.dispatchPusher('statechange', audioChanged(userId, true));
    await settle();
  }

  async video(userId: string, on: boolean, streamType: 'main' | 'aux' = 'main'): Promise<void> {
    this.dispatchPusher('statechange', videoChanged(userId, streamType, on));
    await settle();
  }

  async audio(userId: string, on: boolean): Promise<void> {
    this.dispatchPusher('statechange', audioChanged(userId, on));
    await settle();
  }

  async leave(userId: string): Promise<void> {
    this.dispatchPusher('statechange', usersLeft(userId));
    await settle();
  }

  /** A netstatus with this netQualityLevel on the pusher (null) or a player. */
  netQuality(playerId: string | null, level: number): void {
    const detail = netStatus({ netQualityLevel: level, videoBitrate: 800, audioBitrate: 48 });
    if (playerId === null) this.dispatchPusher('netstatus', detail);
    else this.dispatchPlayer(playerId, 'netstatus', detail);
  }

  volume(playerId: string | null, volume: number): void {
    if (playerId === null) this.dispatchPusher('audiovolumenotify', audioVolume(volume));
    else this.dispatchPlayer(playerId, 'audiovolumenotify', audioVolume(volume));
  }

  /** Taps the `index`th node (bindtap) matching a selector inside the room. */
  async tap(selector: string, index = 0): Promise<void> {
    const node = this.comp.querySelectorAll(selector)[index];
    if (node === undefined) throw new Error(`nothing matches ${selector} [${index}]`);
    node.dispatchEvent('tap', { detail: {} });
    await settle();
  }

  /** A horizontal swipe over the room, from x0 to x1 (px). */
  async swipe(x0: number, x1: number): Promise<void> {
    const box = this.comp.querySelector('.room');
    if (box === undefined) throw new Error('no .room rendered');
    box.dispatchEvent('touchstart', {
      touches: [{ x: x0, y: 10 }],
      changedTouches: [{ x: x0, y: 10 }],
    });
    box.dispatchEvent('touchend', { touches: [], changedTouches: [{ x: x1, y: 10 }] });
    await settle();
  }
}

export interface OverlayView {
  readonly tile: unknown;
  readonly user: unknown;
  readonly classes: string[];
  readonly style: Record<string, string>;
  readonly text: string;
  /** Every class used inside the overlay (glyph, quality--x, is-speaking, avatar--cN, ...). */
  readonly inner: string[];
  /** The `quality--x` class inside. */
  readonly quality: string | undefined;
  readonly mic: 'on' | 'off' | undefined;
  readonly camera: 'on' | 'off' | undefined;
  /** The status glyphs' labels: "screen share", "microphone off", "camera off". */
  readonly glyphs: string[];
  /** The avatar image's src, when the tile shows one. */
  readonly avatar: string | undefined;
  readonly speaking: boolean;
  readonly placeholder: boolean;
}

/** The text of each text leaf, space-separated: "M me (me)". */
function wordsOf(node: NodeJson): string {
  const words: string[] = [];
  const walk = (child: NodeJson | string): void => {
    if (typeof child === 'string') {
      if (child.trim() !== '') words.push(child.trim());
    } else {
      child.children.forEach(walk);
    }
  };
  walk(node);
  return words.join(' ');
}

function avatarImage(node: NodeJson): string | undefined {
  const [image] = findAll(node, hasClass('avatar__image'));
  return image === undefined ? undefined : String(attrsOf(image)['src']);
}

/** The aria-labels of the status glyphs drawn (what is off: "microphone off", ...). */
function glyphLabels(node: NodeJson): string[] {
  return findAll(node, hasClass('glyph')).map((glyph) => {
    const attrs = attrsOf(glyph);
    return String(attrs['aria-label'] ?? attrs['ariaLabel'] ?? '');
  });
}

/**
 * A glyph is drawn for what is off; a screen share and a "+N" tile draw none, and audio tiles no
 * camera: undefined there.
 */
function stateOf(node: NodeJson, media: 'microphone' | 'camera'): 'on' | 'off' | undefined {
  const labels = glyphLabels(node);
  const badge = findAll(node, hasClass('badge')).length > 0;
  const audioLabel = findAll(node, hasClass('audio-label')).length > 0;
  if (labels.includes('screen share')) return undefined;
  if (!badge && !(audioLabel && media === 'microphone')) return undefined;
  return labels.includes(`${media} off`) ? 'off' : 'on';
}

function toOverlayView(node: NodeJson): OverlayView {
  const attrs = attrsOf(node);
  const inner = findAll(node, () => true).flatMap(classesOf);
  const quality = inner.find((c) => c.indexOf('quality--') === 0);
  return {
    tile: attrs['data-tile'] ?? attrs['dataTile'],
    user: attrs['data-user'] ?? attrs['dataUser'],
    classes: classesOf(node),
    style: parseStyle(attrs['style']),
    text: wordsOf(node),
    inner,
    quality: quality?.slice('quality--'.length),
    glyphs: glyphLabels(node),
    avatar: avatarImage(node),
    mic: stateOf(node, 'microphone'),
    camera: stateOf(node, 'camera'),
    speaking: inner.indexOf('is-speaking') >= 0,
    placeholder: inner.indexOf('placeholder') >= 0,
  };
}

/** A placeholder (`.stand-in`): its node id, initial, and what its badge (if any) shows. */
export interface StandInView extends OverlayView {
  readonly id: unknown;
  readonly initial: string;
}

/** The placeholders in a rendered tree. */
export function standInsOf(root: NodeJson): StandInView[] {
  return findAll(root, hasClass('stand-in')).map((node) => {
    const [avatar] = findAll(node, hasClass('avatar'));
    return {
      ...toOverlayView(node),
      id: attrsOf(node)['id'],
      initial: avatar === undefined ? '' : textOf(avatar),
    };
  });
}

/** Renders <trtc-room> with these properties on a fake host and attaches it. */
export function mountRoom(
  props: Record<string, unknown> = {},
  options: MountOptions = {},
): RoomHarness {
  const host = installHost(options);
  const comp = renderId(componentId('trtc-room'), { ...DEFAULT_PROPS, ...props });
  return new RoomHarness(comp, host);
}

/** Renders component `id` with `props` and attaches it (the caller installs the host). */
export function mountComponent(id: string, props: Record<string, unknown> = {}): Rendered {
  const comp = renderId(id, props);
  comp.attach(newParentElement());
  let attached = true;
  cleanups.push(() => {
    if (attached) comp.detach();
    attached = false;
  });
  return comp;
}

/** Renders a parent (defineParent) on a fake host and attaches it. */
export function mountParent(
  parentId: string,
  options: MountOptions = {},
): { comp: Rendered; host: FakeHost } {
  const host = installHost(options);
  const comp = renderId(parentId);
  comp.attach(newParentElement());
  let attached = true;
  cleanups.push(() => {
    if (attached) comp.detach();
    attached = false;
  });
  return { comp, host };
}

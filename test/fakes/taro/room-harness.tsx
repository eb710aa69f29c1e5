// trtc-room/taro: useTrtcRoom, <TrtcRoom>, <TrtcPusher>, <TrtcPlayer> and the hooks, rendered with
// react-test-renderer on the fake Taro of test/fakes/taro (host elements <live-pusher>,
// <live-player>, <view>, <text>) and the fake `wx` of fake-host.ts, driven by the same native
// event traces as the native component tests. The harness: beforeEach/afterEach hooks (registered
// by useTaroRoomHarness), the fake host, render helpers and the Harness of a mounted page.
import { Component, Profiler } from 'react';
import type { ReactNode } from 'react';
import { act, create } from 'react-test-renderer';
import type {
  ReactTestInstance,
  ReactTestRenderer,
  TestRendererOptions,
} from 'react-test-renderer';
import type { TrtcRoomEventName } from '../../../src/host/room-component-events';
import {
  EVENT_PROPS,
  TrtcRoom,
  useLocalMedia,
  useRemoteStreams,
  useRoomState,
  useTrtcRoom,
} from '../../../src/taro';
import type { LocalMedia, TrtcRoomHandle, TrtcRoomOptions } from '../../../src/taro';
import { PAGER, PAGER_DOTS, PLACEHOLDER, badgeStyle, dotStyle } from '../../../src/taro/styles';
import type { FakeHost, FakeHostOptions } from '../fake-host';
import { createFakeHost, installFakeHost } from '../fake-host';
import { promiseTurns } from '../manual-scheduler';
import { useFakeSystemTimers, useRealSystemTimers } from '../system-timers';
import { captureLogs } from '../log-capture';
import type { Detail } from '../native-events';
import { audioChanged, pusherState, usersJoined, videoChanged } from '../native-events';
import { taroControl } from './taro';

// ---- harness ------------------------------------------------------------------------------------

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export const ROOM = {
  sdkAppId: 1400000001,
  userId: 'me',
  userSig: 'test-sig',
  roomId: 4321,
} as const;

export interface RecordedEvent {
  readonly type: string;
  readonly detail: unknown;
}

const cleanups: (() => void)[] = [];
let consoleErrors: jest.SpyInstance;

/**
 * Registers the per-test hooks of these tests: fake timers, captured logs, a console.error spy
 * that fails the test, and the cleanups of installHost and render. Call it once at the top of
 * each test file.
 */
export function useTaroRoomHarness(): void {
  beforeEach(() => {
    useFakeSystemTimers();
    captureLogs('warn');
    // React reports render errors and act() misuse on console.error: a test expecting one reads
    // and clears the spy, any other fails the test in afterEach.
    consoleErrors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) cleanup();
    await settle();
    taroControl.reset();
    useRealSystemTimers();
    const errors = consoleErrors.mock.calls.map((args: unknown[]) => args.map(String).join(' '));
    consoleErrors.mockRestore();
    delete process.env['TARO_ENV'];
    if (errors.length > 0) throw new Error(`console.error was called:\n${errors.join('\n')}`);
  });
}

/** A fake `wx` (camera and microphone granted unless told otherwise), installed for the test. */
export function installHost(options: FakeHostOptions = {}): FakeHost {
  const host = createFakeHost({
    authSetting: { 'scope.camera': true, 'scope.record': true },
    // The view flushes on the host's nextTick: a microtask, as in component-harness.ts.
    nextTick: true,
    ...options,
  });
  cleanups.push(installFakeHost('wx', host));
  return host;
}

/** Microtasks, timers due now, React's work (act), several rounds: everything that is due. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 6; round += 1) {
    await act(async () => {
      await promiseTurns(20);
      await jest.advanceTimersByTimeAsync(0);
    });
  }
}

export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
  await settle();
}

/** Every room event as an on* callback that records { type, detail }. */
export function recorder(events: RecordedEvent[]): TrtcRoomOptions {
  const callbacks: Record<string, (event: RecordedEvent) => void> = {};
  for (const prop of Object.values(EVENT_PROPS)) {
    callbacks[prop] = (event) => events.push(event);
  }
  return callbacks as TrtcRoomOptions;
}

export interface AppProps {
  readonly options: TrtcRoomOptions;
  readonly children?: ReactNode;
  readonly onHandle: (room: TrtcRoomHandle) => void;
  readonly onRender?: () => void;
}

/** A page: useTrtcRoom, drawn by <TrtcRoom room>. */
export function App({ options, children, onHandle, onRender }: AppProps) {
  const room = useTrtcRoom(options);
  onHandle(room);
  onRender?.();
  return <TrtcRoom room={room}>{children}</TrtcRoom>;
}

class Boundary extends Component<
  { readonly onError: (error: unknown) => void; readonly children?: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }
  override componentDidCatch(error: unknown): void {
    this.props.onError(error);
  }
  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

/** A concurrent root, as Taro 4 renders pages (@types/react-test-renderer lacks the option). */
const CONCURRENT = { unstable_isConcurrent: true } as unknown as TestRendererOptions;

/** Host elements of the fake @tarojs/components are strings React's types do not list. */
export function isA(type: 'live-pusher' | 'live-player' | 'view' | 'text' | 'image') {
  return (node: ReactTestInstance): boolean => (node.type as unknown) === type;
}

export async function render(element: ReactNode): Promise<ReactTestRenderer> {
  let renderer: ReactTestRenderer | undefined;
  await act(async () => {
    renderer = create(<>{element}</>, CONCURRENT);
  });
  const mounted = renderer!;
  let unmounted = false;
  const unmount = mounted.unmount.bind(mounted);
  mounted.unmount = () => {
    if (unmounted) return;
    unmounted = true;
    act(() => unmount());
  };
  cleanups.push(() => mounted.unmount());
  await settle();
  return mounted;
}

/** The error a render threw (caught by an error boundary); clears React's console.error. */
export async function renderError(element: ReactNode): Promise<unknown> {
  let caught: unknown;
  await render(<Boundary onError={(error) => (caught = error)}>{element}</Boundary>);
  consoleErrors.mockClear();
  return caught;
}

export class Harness {
  readonly events: RecordedEvent[] = [];
  room!: TrtcRoomHandle;
  renderer!: ReactTestRenderer;
  renders = 0;
  /** React commits anywhere in the page's tree (a Profiler around it). */
  commits = 0;
  private options: TrtcRoomOptions;
  private children: ReactNode;

  constructor(
    readonly host: FakeHost,
    options: TrtcRoomOptions,
    children?: ReactNode,
  ) {
    this.options = { ...ROOM, ...recorder(this.events), ...options };
    this.children = children;
  }

  element(): ReactNode {
    const app = (
      <App
        options={this.options}
        onHandle={(room) => (this.room = room)}
        onRender={() => (this.renders += 1)}
      >
        {this.children}
      </App>
    );
    return (
      <Profiler id="page" onRender={() => (this.commits += 1)}>
        {app}
      </Profiler>
    );
  }

  async mount(): Promise<this> {
    this.renderer = await render(this.element());
    return this;
  }

  /** Renders the page again with changed options. */
  async update(options: TrtcRoomOptions): Promise<void> {
    this.options = { ...this.options, ...options };
    await act(async () => this.renderer.update(<>{this.element()}</>));
    await settle();
  }

  get root(): ReactTestInstance {
    return this.renderer.root;
  }

  get client() {
    return this.room.client;
  }

  named(type: TrtcRoomEventName): unknown[] {
    return this.events.filter((e) => e.type === type).map((e) => e.detail);
  }

  types(): string[] {
    return this.events.map((e) => e.type);
  }

  clear(): void {
    this.events.length = 0;
  }

  pushers(): ReactTestInstance[] {
    return this.root.findAll(isA('live-pusher'));
  }

  pusher(): ReactTestInstance {
    const [node, more] = this.pushers();
    if (node === undefined) throw new Error('no <live-pusher> rendered');
    if (more !== undefined) throw new Error('more than one <live-pusher> rendered');
    return node;
  }

  players(): ReactTestInstance[] {
    return this.root.findAll(isA('live-player'));
  }

  /** The avatar placeholders the overlays draw over tiles without video: their initials. */
  placeholders(): string[] {
    return this.root
      .findAll((node) => node.type === 'view' && styleOf(node) === PLACEHOLDER)
      .map(textOf);
  }

  playerIds(): unknown[] {
    return this.players().map((node) => node.props['id']);
  }

  player(id: string): ReactTestInstance {
    const node = this.players().find((candidate) => candidate.props['id'] === id);
    if (node === undefined) throw new Error(`no <live-player id="${id}"> rendered`);
    return node;
  }

  /** Calls a native event prop of the pusher (onStateChange, onNetStatus...), then settles. */
  async firePusher(prop: string, detail: unknown): Promise<void> {
    const node = this.pusher();
    act(() => (node.props[prop] as (event: unknown) => void)({ detail }));
    await settle();
  }

  async firePlayer(id: string, prop: string, detail: unknown): Promise<void> {
    const node = this.player(id);
    act(() => (node.props[prop] as (event: unknown) => void)({ detail }));
    await settle();
  }

  async pusherState(detail: Detail): Promise<void> {
    await this.firePusher('onStateChange', detail);
  }

  /** enter(): permissions as the host answers, then 1018 on the pusher; resolves once joined. */
  async enter(): Promise<void> {
    const entered = this.room.enter();
    entered.catch(() => undefined);
    await settle();
    await this.pusherState(pusherState(1018, 'enter room success'));
    await entered;
  }

  /** 1031, then 1033 (main video) and 1034 (audio) as the media asks. */
  async join(userId: string, media: { camera?: boolean; mic?: boolean } = {}): Promise<void> {
    await this.pusherState(usersJoined(userId));
    if (media.camera) await this.pusherState(videoChanged(userId, 'main', true));
    if (media.mic) await this.pusherState(audioChanged(userId, true));
  }

  /** Runs `command` (a client or handle call) while settling; resolves with its result. */
  async run<T>(command: () => Promise<T>): Promise<T> {
    const pending = command();
    pending.catch(() => undefined);
    await settle();
    return pending;
  }
}

export async function mountRoom(
  options: TrtcRoomOptions = {},
  { host = installHost(), children }: MountOptions = {},
): Promise<Harness> {
  return new Harness(host, options, children).mount();
}

export interface MountOptions {
  readonly host?: FakeHost;
  readonly children?: ReactNode;
}

export function styleOf(node: ReactTestInstance): string {
  const style = node.props['style'];
  return typeof style === 'string' ? style : '';
}

export function textOf(node: ReactTestInstance | string): string {
  if (typeof node === 'string') return node;
  return node.children.map(textOf).join('');
}

/** The text of each text leaf, space-separated: "M me (me)". */
export function wordsOf(node: ReactTestInstance | string): string {
  if (typeof node === 'string') return node.trim();
  return node.children
    .map(wordsOf)
    .filter((word) => word !== '')
    .join(' ');
}

const BADGES = [badgeStyle(false), badgeStyle(true)];

/** What the overlay badges say (name, "(me)"), on the tiles on screen, in order. */
export function badgeNames(room: Harness): string[] {
  return room.root
    .findAll((node) => node.type === 'view' && BADGES.includes(styleOf(node)))
    .map(wordsOf);
}

/** The status glyphs of the badges (aria-labels: "microphone off", ...), in order. */
export function glyphsOf(node: ReactTestInstance): string[] {
  return node
    .findAll((child) => child.type === 'image')
    .map((image) => String(image.props['aria-label']));
}

export function pagerOf(room: Harness): { shown: boolean; dots: number; current: number } {
  const [dots] = room.root.findAll((node) => node.type === 'view' && styleOf(node) === PAGER_DOTS);
  if (dots === undefined) return { shown: false, dots: 0, current: -1 };
  const items = dots.children.filter(
    (child): child is ReactTestInstance => typeof child !== 'string',
  );
  return {
    shown: room.root.findAll((node) => node.type === 'view' && styleOf(node) === PAGER).length > 0,
    dots: items.length,
    current: items.findIndex((dot) => styleOf(dot) === dotStyle(true)),
  };
}

export interface ProbeRecord {
  readonly state: string;
  readonly streams: string[];
  readonly camera: boolean | undefined;
  readonly muted: boolean | undefined;
  readonly permissions: unknown;
}

/** Renders what the hooks return, and records it on every render. */
export function Probe({
  log,
  expose,
}: {
  log: ProbeRecord[];
  expose?: (media: LocalMedia) => void;
}) {
  const streams = useRemoteStreams();
  const state = useRoomState();
  const local = useLocalMedia();
  expose?.(local);
  log.push({
    state,
    streams: streams.map((stream) => stream.key),
    camera: local.state?.camera,
    muted: local.state?.microphoneMuted,
    permissions: local.permissions,
  });
  return <text>{`${state}:${streams.map((stream) => stream.key).join(',')}`}</text>;
}

// @tarojs/taro for trtc-room/taro in Jest (jest.config.js maps the package here): the part of
// Taro's API the library uses, on the fake host of fake-host.ts, plus controls for the test.
//
//   installFakeHost('wx', host);            // contexts are created on that host, and recorded
//   taroControl.holdNextTick();             // Taro.nextTick callbacks wait ...
//   taroControl.flushNextTick();            // ... until the test lets them run
//   taroControl.hidePage(); taroControl.showPage();   // fires useDidHide / useDidShow
//   afterEach(() => taroControl.reset());
//
// Taro.createLivePusherContext() and Taro.createLivePlayerContext(id, page) delegate to the
// installed `qq` or `wx` global (the same lookup as src/host/detect-host), so the fake host
// records the context calls; player contexts get the page as their owner.
import { useEffect, useRef } from 'react';
import type {
  HostApi,
  HostComponentRef,
  HostLivePlayerContext,
  HostLivePusherContext,
} from '../../../src/host/host-api';

type Callback = () => void;
type LifecycleCallback = (options?: unknown) => void;

/** The page instance getCurrentInstance() reports unless a test sets another. */
export const FAKE_PAGE: Readonly<Record<string, unknown>> = Object.freeze({
  route: 'pages/room/index',
  fakeTaroPage: true,
});

let page: object | undefined = FAKE_PAGE;
let held = false;
let ticks: Callback[] = [];
let tickCount = 0;
const showCallbacks = new Set<{ current: LifecycleCallback }>();
const hideCallbacks = new Set<{ current: LifecycleCallback }>();

function hostApi(): HostApi {
  const scope = globalThis as { qq?: HostApi; wx?: HostApi };
  const api = scope.qq ?? scope.wx;
  if (api === undefined) {
    throw new Error('fake @tarojs/taro: no host; installFakeHost() before rendering a room');
  }
  return api;
}

function runTicks(): void {
  const due = ticks;
  ticks = [];
  for (const callback of due) callback();
}

export function createLivePusherContext(): HostLivePusherContext | null {
  return hostApi().createLivePusherContext();
}

export function createLivePlayerContext(
  id: string,
  component?: unknown,
): HostLivePlayerContext | null {
  const api = hostApi();
  return component === undefined
    ? api.createLivePlayerContext(id)
    : api.createLivePlayerContext(id, component as HostComponentRef);
}

export function getCurrentInstance(): { page: object | undefined; router: { params: object } } {
  return { page, router: { params: {} } };
}

/** Runs `callback` on a later microtask, or when the test flushes while held. */
export function nextTick(callback: Callback): void {
  tickCount += 1;
  ticks.push(callback);
  if (!held) void Promise.resolve().then(runTicks);
}

function useLifecycle(set: Set<{ current: LifecycleCallback }>, callback: LifecycleCallback) {
  const ref = useRef(callback);
  ref.current = callback;
  useEffect(() => {
    set.add(ref);
    return () => {
      set.delete(ref);
    };
  }, [set]);
}

export function useDidShow(callback: LifecycleCallback): void {
  useLifecycle(showCallbacks, callback);
}

export function useDidHide(callback: LifecycleCallback): void {
  useLifecycle(hideCallbacks, callback);
}

export const taroControl = {
  /** Taro.nextTick callbacks wait from now on, until flushNextTick() or reset(). */
  holdNextTick(): void {
    held = true;
  },
  /** Runs the waiting Taro.nextTick callbacks; with `release`, later ones run on their own again. */
  flushNextTick(release = false): void {
    if (release) held = false;
    runTicks();
  },
  /** Taro.nextTick callbacks not run yet. */
  pendingNextTicks(): number {
    return ticks.length;
  },
  /** Taro.nextTick calls since the last reset(). */
  nextTickCalls(): number {
    return tickCount;
  },
  /** What getCurrentInstance().page returns (undefined: outside a page). */
  setPage(next: object | undefined): void {
    page = next;
  },
  /** The page's onShow: every mounted useDidShow callback. */
  showPage(): void {
    for (const ref of Array.from(showCallbacks)) ref.current();
  },
  /** The page's onHide: every mounted useDidHide callback. */
  hidePage(): void {
    for (const ref of Array.from(hideCallbacks)) ref.current();
  },
  /** Mounted useDidShow / useDidHide callbacks. */
  lifecycleHooks(): { show: number; hide: number } {
    return { show: showCallbacks.size, hide: hideCallbacks.size };
  },
  reset(): void {
    held = false;
    ticks = [];
    tickCount = 0;
    page = FAKE_PAGE;
  },
};

const Taro = {
  createLivePusherContext,
  createLivePlayerContext,
  getCurrentInstance,
  nextTick,
  useDidShow,
  useDidHide,
};

export default Taro;

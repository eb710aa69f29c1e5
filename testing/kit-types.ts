// The parts of miniprogram-simulate's rendered nodes (j-component) the kit and its users touch,
// typed here so the kit's public types need neither miniprogram-simulate's nor WeChat's typings.
import type {
  AudioRoute,
  EnterOverrides,
  Role,
  RoomClient,
  RoomStore,
  SnapshotOptions,
  SnapshotResult,
} from '../src/host';

/** `node.toJSON()`: an element, its attributes (camelCased) and children (text as strings). */
export interface NodeJson {
  readonly tagName: string;
  readonly attrs: readonly { readonly name: string; readonly value: unknown }[];
  readonly event: Readonly<Record<string, unknown>>;
  readonly children: readonly (NodeJson | string)[];
}

/** An event as miniprogram-simulate hands it to `addEventListener` handlers. */
export interface SimulatedEvent {
  readonly type: string;
  readonly detail: unknown;
}

/**
 * A rendered node (miniprogram-simulate's component wrapper). `I`: the type of its instance,
 * e.g. `page.select<TrtcRoomInstance>('#room').instance.enter()`.
 */
export interface SimulatedNode<I = unknown> {
  /** The component instance: `this` in its methods (undefined for built-in elements). */
  readonly instance: I;
  readonly data: Readonly<Record<string, unknown>>;
  /** Dispatches a DOM event (tap, input...) on the node; the handler runs on a later microtask. */
  dispatchEvent(name: string, options?: { readonly detail?: unknown }): void;
  querySelector(selector: string): SimulatedNode | undefined;
  querySelectorAll(selector: string): SimulatedNode[];
  setData(data: Record<string, unknown>): void;
  toJSON(): NodeJson;
  addEventListener(name: string, handler: (event: SimulatedEvent) => void): void;
  removeEventListener(name: string, handler: (event: SimulatedEvent) => void): void;
  triggerPageLifeTime(name: 'show' | 'hide'): void;
}

/** A page or component that `render` returned: attached to a parent, then detached. */
export interface SimulatedRoot<I = unknown> extends SimulatedNode<I> {
  attach(parent: unknown): void;
  detach(): void;
}

/** `<trtc-room>`'s page-called methods (the README's methods table), on `node.instance`. */
export interface TrtcRoomInstance {
  enter(overrides?: EnterOverrides): Promise<void>;
  exit(): Promise<void>;
  publishCamera(): Promise<void>;
  unpublishCamera(): void;
  publishMicrophone(): Promise<void>;
  unpublishMicrophone(): void;
  muteMicrophone(muted: boolean): void;
  switchCamera(): Promise<'front' | 'back'>;
  switchRole(role: Role): Promise<void>;
  setAudioRoute(route: AudioRoute): void;
  snapshot(options?: SnapshotOptions): Promise<SnapshotResult>;
  setZoom(zoom: number): Promise<void>;
  getMaxZoom(): Promise<number>;
  sendSEIMessage(message: string): Promise<void>;
  setPage(page: number): void;
  getClient(): RoomClient;
  getStore(): RoomStore;
}

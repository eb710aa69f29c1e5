// A typed front for the host's `Component()` constructor: the native option names (properties,
// data, methods, lifetimes, pageLifetimes, observers, options, externalClasses), with `this` typed
// from them. Not a framework: the options object is handed to `Component()` unchanged.

/** `null`: any type, kept as the page passed it (WeChat's "no type restriction"). */
type PropertyConstructor =
  | StringConstructor
  | NumberConstructor
  | BooleanConstructor
  | ObjectConstructor
  | ArrayConstructor
  | null;

type ValueOf<C> = C extends StringConstructor
  ? string
  : C extends NumberConstructor
    ? number
    : C extends BooleanConstructor
      ? boolean
      : C extends ArrayConstructor
        ? unknown[]
        : C extends ObjectConstructor
          ? Record<string, unknown> | null
          : never;

/** A property descriptor; `value` may be typed narrower (`'1v1' as RoomTemplate`). */
export interface PropertyDescriptor<C extends PropertyConstructor, V = ValueOf<C>> {
  readonly type: C;
  readonly value?: V;
  readonly optionalTypes?: readonly PropertyConstructor[];
}

export type PropertySpec = Readonly<
  Record<string, PropertyConstructor | PropertyDescriptor<PropertyConstructor, unknown>>
>;

/** The values the host puts in `this.data` for a property spec. */
export type PropertyValues<P extends PropertySpec> = {
  readonly [K in keyof P]: P[K] extends PropertyDescriptor<infer C, infer V>
    ? unknown extends V
      ? ValueOf<C>
      : V
    : ValueOf<P[K]>;
};

export interface TriggerEventOptions {
  readonly bubbles?: boolean;
  readonly composed?: boolean;
  readonly capturePhase?: boolean;
}

/** What the host gives every component instance (the parts trtc-room uses). */
export interface HostComponentInstance {
  readonly id: string;
  readonly is: string;
  setData(patch: Record<string, unknown>, callback?: () => void): void;
  triggerEvent(name: string, detail?: unknown, options?: TriggerEventOptions): void;
  selectComponent(selector: string): unknown;
}

/**
 * `this` inside the options: data and property values under `data`, and the methods. Non-data
 * state (a controller, contexts) lives outside the instance, in a WeakMap keyed by it.
 */
export type ComponentThis<
  D extends object,
  P extends PropertySpec,
  M extends object,
> = HostComponentInstance & {
  readonly data: Readonly<D> & PropertyValues<P>;
  setData(patch: Partial<D> | Record<string, unknown>, callback?: () => void): void;
} & M;

type Hook<T> = (this: T) => void;

export interface ComponentDefinition<D extends object, P extends PropertySpec, M extends object> {
  readonly properties?: P;
  readonly data?: D;
  readonly methods?: M & ThisType<ComponentThis<D, P, M>>;
  readonly lifetimes?: {
    readonly created?: Hook<ComponentThis<D, P, M>>;
    readonly attached?: Hook<ComponentThis<D, P, M>>;
    readonly ready?: Hook<ComponentThis<D, P, M>>;
    readonly detached?: Hook<ComponentThis<D, P, M>>;
  };
  readonly pageLifetimes?: {
    readonly show?: Hook<ComponentThis<D, P, M>>;
    readonly hide?: Hook<ComponentThis<D, P, M>>;
  };
  /** `'a, b': function (a, b) {}`: the arguments are the new values, in order. */
  readonly observers?: Readonly<
    Record<string, (this: ComponentThis<D, P, M>, ...values: never[]) => void>
  >;
  readonly options?: {
    readonly multipleSlots?: boolean;
    readonly styleIsolation?: 'isolated' | 'apply-shared' | 'shared';
    readonly pureDataPattern?: RegExp;
    readonly virtualHost?: boolean;
  };
  readonly externalClasses?: readonly string[];
}

type ComponentConstructor = (options: object) => unknown;

declare const Component: ComponentConstructor | undefined;

/**
 * Registers a component with the host (`Component(definition)`), with D inferred from `data`, P
 * from `properties` and M from `methods`.
 */
export function defineComponent<D extends object, P extends PropertySpec, M extends object>(
  definition: ComponentDefinition<D, P, M>,
): void {
  if (typeof Component !== 'function') {
    throw new Error('defineComponent must run inside a mini-program (no global Component)');
  }
  Component(definition);
}

/** The event object handed to a WXML `bind*` handler. */
export interface HostEvent<Detail = unknown> {
  readonly type: string;
  readonly detail: Detail;
  readonly currentTarget: {
    readonly id: string;
    readonly dataset: Readonly<Record<string, unknown>>;
  };
  readonly changedTouches?: readonly { readonly clientX: number; readonly clientY: number }[];
}

// What the components of a page loaded by the kit trigger (triggerEvent), recorded from their
// creation, so that waiting for an event cannot miss one that came before the wait began.
import type { TrtcRoomEventDetails, TrtcRoomEventName } from '../src/host';
import type { SimulatedNode } from './kit-types';

/** What the event functions read of a rendered node. */
type EventNode = Pick<SimulatedNode, 'instance' | 'toJSON'>;
import { DEFAULT_TIMEOUT_MS } from './wait';

export interface RecordedEvent {
  readonly name: string;
  readonly detail: unknown;
}

interface EventLog {
  readonly events: RecordedEvent[];
  /** Per event name: where the next waitForEvent starts looking (after the last one it took). */
  readonly next: Map<string, number>;
  readonly listeners: Set<() => void>;
}

const logs = new WeakMap<object, EventLog>();

type Trigger = (name: string, detail?: unknown, options?: object) => unknown;

/** Starts recording `instance`'s events; called by the kit's behavior when it is created. */
export function recordEvents(instance: { triggerEvent: Trigger }): void {
  const log: EventLog = { events: [], next: new Map(), listeners: new Set() };
  logs.set(instance, log);
  const trigger = instance.triggerEvent;
  instance.triggerEvent = function (this: unknown, name, detail, options) {
    log.events.push({ name, detail });
    for (const listener of [...log.listeners]) listener();
    return trigger.call(this, name, detail, options);
  };
}

/** The behavior every component loaded by the kit gets (it only records). */
export const RECORDER_BEHAVIOR = {
  lifetimes: {
    created(this: { triggerEvent: Trigger }) {
      recordEvents(this);
    },
  },
};

function describeNode(node: EventNode): string {
  const json = node.toJSON();
  const id = json.attrs.find((attr) => attr.name === 'id')?.value;
  return `<${json.tagName.replace(/^wx-/, '')}${typeof id === 'string' ? ` id="${id}"` : ''}>`;
}

function logOf(node: EventNode, caller: string): EventLog {
  const instance = node?.instance;
  const log = typeof instance === 'object' && instance !== null ? logs.get(instance) : undefined;
  if (log === undefined) {
    throw new Error(
      `${caller}: ${node ? describeNode(node) : String(node)} is not a custom component of a page ` +
        'or component opened by openPage/openComponent, so its events are not recorded',
    );
  }
  return log;
}

/** Every event `node` triggered since it was created, in order. */
export function eventsOf(node: EventNode): readonly RecordedEvent[] {
  return [...logOf(node, 'eventsOf').events];
}

export interface WaitForEventOptions<D> {
  /** Only an event whose detail passes. */
  readonly where?: (detail: D) => boolean;
  /** Default 10000. */
  readonly timeoutMs?: number;
}

/**
 * The detail of the next `name` event of `node` (a component of a page the kit opened). Events
 * are recorded from the component's creation: the first call takes the first such event, even
 * one triggered before the call; each later call for the same name takes the one after it.
 * Resolves once the view has caught up (a macrotask after the event); rejects after `timeoutMs`,
 * listing the events that did come.
 */
export function waitForEvent<K extends TrtcRoomEventName>(
  node: EventNode,
  name: K,
  options?: WaitForEventOptions<TrtcRoomEventDetails[K]>,
): Promise<TrtcRoomEventDetails[K]>;
export function waitForEvent(
  node: EventNode,
  name: string,
  options?: WaitForEventOptions<unknown>,
): Promise<unknown>;
export function waitForEvent(
  node: EventNode,
  name: string,
  options: WaitForEventOptions<unknown> = {},
): Promise<unknown> {
  const log = logOf(node, 'waitForEvent');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const take = (): { detail: unknown } | null => {
    for (let at = log.next.get(name) ?? 0; at < log.events.length; at += 1) {
      const event = log.events[at];
      if (
        event === undefined ||
        event.name !== name ||
        (options.where && !options.where(event.detail))
      )
        continue;
      log.next.set(name, at + 1);
      return { detail: event.detail };
    }
    return null;
  };
  // Resolved a macrotask later, so that what the event changed (setData on the next tick) shows.
  const deliver = (resolve: (detail: unknown) => void, detail: unknown): void =>
    void setTimeout(() => resolve(detail), 0);
  return new Promise((resolve, reject) => {
    const now = take();
    if (now !== null) {
      deliver(resolve, now.detail);
      return;
    }
    const check = (): void => {
      const found = take();
      if (found === null) return;
      log.listeners.delete(check);
      clearTimeout(timer);
      deliver(resolve, found.detail);
    };
    const timer = setTimeout(() => {
      log.listeners.delete(check);
      const seen = log.events.map((event) =>
        ['failed', 'error', 'kicked'].includes(event.name)
          ? `${event.name} ${JSON.stringify(event.detail)}`
          : event.name,
      );
      reject(
        new Error(
          `waitForEvent: ${describeNode(node)} triggered no ${JSON.stringify(name)}` +
            `${options.where ? ' event that passes `where`' : ' event'} within ${timeoutMs} ms ` +
            `(it triggered: ${seen.length > 0 ? seen.join(', ') : 'nothing'})`,
        ),
      );
    }, timeoutMs);
    log.listeners.add(check);
  });
}

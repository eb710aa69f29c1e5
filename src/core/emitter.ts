import { createLogger } from './logger';

/**
 * An event map: event name -> tuple of listener arguments. Declared as an interface so that one
 * declaration is the single source of truth for names and payloads.
 */
export type EventMap<E> = { [K in keyof E]: unknown[] };

export type Listener<Args extends unknown[]> = (...args: Args) => void;

export type ListenerErrorHandler = (error: unknown, event: string) => void;

// Listeners are stored untyped; `on` and `emit` keep each event's arguments paired with its own.
type StoredListener = (...args: unknown[]) => void;

const log = createLogger('emitter');

/**
 * A typed emitter whose `emit` never throws: a listener that throws is reported to
 * `onListenerError` (by default a logged error) and the remaining listeners still run.
 */
export class Emitter<E extends EventMap<E>> {
  private readonly listeners = new Map<keyof E, StoredListener[]>();
  private readonly onListenerError: ListenerErrorHandler;

  constructor(onListenerError?: ListenerErrorHandler) {
    this.onListenerError =
      onListenerError ??
      ((error, event) =>
        log.error(`listener for "${event}" threw; other listeners still ran`, error));
  }

  /** Adds a listener and returns the function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    const list = this.listeners.get(event) ?? [];
    list.push(listener as unknown as StoredListener);
    this.listeners.set(event, list);
    return () => this.off(event, listener);
  }

  once<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    const off = this.on(event, (...args: E[K]) => {
      off();
      listener(...args);
    });
    return off;
  }

  off<K extends keyof E>(event: K, listener: Listener<E[K]>): void {
    const list = this.listeners.get(event);
    if (!list) return;
    const index = list.indexOf(listener as unknown as StoredListener);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.listeners.delete(event);
  }

  /** Calls every listener registered when the emit starts, in order. Returns whether any ran. */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const list = this.listeners.get(event);
    if (!list || list.length === 0) return false;
    for (const listener of list.slice()) {
      try {
        listener(...args);
      } catch (error) {
        this.reportListenerError(error, String(event));
      }
    }
    return true;
  }

  listenerCount<K extends keyof E>(event: K): number {
    return this.listeners.get(event)?.length ?? 0;
  }

  removeAllListeners(event?: keyof E): void {
    if (event === undefined) this.listeners.clear();
    else this.listeners.delete(event);
  }

  private reportListenerError(error: unknown, event: string): void {
    try {
      this.onListenerError(error, event);
    } catch {
      // The error handler itself failed; there is nowhere left to report to.
    }
  }
}

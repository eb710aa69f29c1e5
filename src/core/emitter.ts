import { createLogger } from './logger';

/**
 * An event map: event name -> tuple of listener arguments. Declared as an interface so that one
 * declaration is the single source of truth for names and payloads.
 */
export type EventMap<E> = { [K in keyof E]: unknown[] };

export type Listener<Args extends unknown[]> = (...args: Args) => void;

export type ListenerErrorHandler = (error: unknown, event: string) => void;

// Listeners are stored untyped; `on` and `emit` keep each event's arguments paired with its own.
interface Registration {
  readonly listener: (...args: unknown[]) => void;
  readonly once: boolean;
}

const log = createLogger('emitter');

/**
 * A typed emitter whose `emit` never throws: a listener that throws is reported to
 * `onListenerError` (by default a logged error) and the remaining listeners still run.
 */
export class Emitter<E extends EventMap<E>> {
  private readonly registrations = new Map<keyof E, Registration[]>();
  private readonly onListenerError: ListenerErrorHandler;

  constructor(onListenerError?: ListenerErrorHandler) {
    this.onListenerError =
      onListenerError ??
      ((error, event) =>
        log.error(`listener for "${event}" threw; other listeners still ran`, error));
  }

  /** Adds a listener and returns the function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    return this.register(event, listener, false);
  }

  /** Like `on`, for the next emit only; `off` and the returned function remove it before then. */
  once<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    return this.register(event, listener, true);
  }

  off<K extends keyof E>(event: K, listener: Listener<E[K]>): void {
    const list = this.registrations.get(event);
    const index = list ? list.findIndex((r) => r.listener === listener) : -1;
    if (list && index >= 0) this.unregister(event, list[index] as Registration);
  }

  /** Calls every listener registered when the emit starts, in order. Returns whether any ran. */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const list = this.registrations.get(event);
    if (!list || list.length === 0) return false;
    for (const registration of list.slice()) {
      if (registration.once) this.unregister(event, registration);
      try {
        registration.listener(...args);
      } catch (error) {
        this.reportListenerError(error, String(event));
      }
    }
    return true;
  }

  listenerCount<K extends keyof E>(event: K): number {
    return this.registrations.get(event)?.length ?? 0;
  }

  removeAllListeners(event?: keyof E): void {
    if (event === undefined) this.registrations.clear();
    else this.registrations.delete(event);
  }

  private register(event: keyof E, listener: unknown, once: boolean): () => void {
    const registration: Registration = {
      listener: listener as Registration['listener'],
      once,
    };
    const list = this.registrations.get(event) ?? [];
    list.push(registration);
    this.registrations.set(event, list);
    return () => this.unregister(event, registration);
  }

  private unregister(event: keyof E, registration: Registration): void {
    const list = this.registrations.get(event);
    if (!list) return;
    const index = list.indexOf(registration);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.registrations.delete(event);
  }

  private reportListenerError(error: unknown, event: string): void {
    try {
      this.onListenerError(error, event);
    } catch {
      // The error handler itself failed; there is nowhere left to report to.
    }
  }
}

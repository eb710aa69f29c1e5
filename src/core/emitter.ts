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
  readonly listener_: (...args: unknown[]) => void;
  readonly once_: boolean;
}

const log = createLogger('emitter');

/**
 * A typed emitter whose `emit` never throws: a listener that throws is reported to
 * `onListenerError` (by default a logged error) and the remaining listeners still run.
 */
export class Emitter<E extends EventMap<E>> {
  private readonly registrations_ = new Map<keyof E, Registration[]>();
  private readonly onListenerError_: ListenerErrorHandler;

  constructor(onListenerError?: ListenerErrorHandler) {
    this.onListenerError_ =
      onListenerError ??
      ((error, event) =>
        log.error(`listener for "${event}" threw; other listeners still ran`, error));
  }

  /** Adds a listener and returns the function that removes it. */
  on<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    return this.register_(event, listener, false);
  }

  /** Like `on`, for the next emit only; `off` and the returned function remove it before then. */
  once<K extends keyof E>(event: K, listener: Listener<E[K]>): () => void {
    return this.register_(event, listener, true);
  }

  off<K extends keyof E>(event: K, listener: Listener<E[K]>): void {
    const list = this.registrations_.get(event);
    const index = list ? list.findIndex((r) => r.listener_ === listener) : -1;
    if (list && index >= 0) this.unregister_(event, list[index] as Registration);
  }

  /** Calls every listener registered when the emit starts, in order. Returns whether any ran. */
  emit<K extends keyof E>(event: K, ...args: E[K]): boolean {
    const list = this.registrations_.get(event);
    if (!list || list.length === 0) return false;
    for (const registration of list.slice()) {
      if (registration.once_) this.unregister_(event, registration);
      try {
        registration.listener_(...args);
      } catch (error) {
        this.reportListenerError_(error, String(event));
      }
    }
    return true;
  }

  listenerCount<K extends keyof E>(event: K): number {
    return this.registrations_.get(event)?.length ?? 0;
  }

  removeAllListeners(event?: keyof E): void {
    if (event === undefined) this.registrations_.clear();
    else this.registrations_.delete(event);
  }

  private register_(event: keyof E, listener: unknown, once: boolean): () => void {
    const registration: Registration = {
      listener_: listener as Registration['listener_'],
      once_: once,
    };
    const list = this.registrations_.get(event) ?? [];
    list.push(registration);
    this.registrations_.set(event, list);
    return () => this.unregister_(event, registration);
  }

  private unregister_(event: keyof E, registration: Registration): void {
    const list = this.registrations_.get(event);
    if (!list) return;
    const index = list.indexOf(registration);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.registrations_.delete(event);
  }

  private reportListenerError_(error: unknown, event: string): void {
    try {
      this.onListenerError_(error, event);
    } catch {
      // The error handler itself failed; there is nowhere left to report to.
    }
  }
}

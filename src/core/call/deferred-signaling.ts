// A signaling channel that is settled later (the room emulator is found by a probe, a Chat instance
// logs in after launch): listeners wait for it, and sends wait for it or fail with its reason.
import type { CallSignaling, SignalingMessage } from './call-ports';

export interface DeferredSignaling extends CallSignaling {
  /** Stops listening to the channel (now, or once it settles). */
  dispose(): void;
}

export function deferredSignaling(settle: Promise<CallSignaling>): DeferredSignaling {
  let settled: CallSignaling | null = null;
  let disposed = false;
  let unsubscribe = (): void => {};
  const listeners = new Set<(message: SignalingMessage) => void>();
  const ready = settle.then((signaling) => {
    settled = signaling;
    if (!disposed) {
      unsubscribe = signaling.subscribe((message) => {
        for (const listener of [...listeners]) listener(message);
      });
    }
    return signaling;
  });
  // A failure reaches every send; nothing else is left waiting on it.
  ready.catch(() => undefined);
  return {
    invite: async (request) => (await ready).invite(request),
    accept: async (inviteId, data) => (await ready).accept(inviteId, data),
    reject: async (inviteId, data) => (await ready).reject(inviteId, data),
    cancel: async (inviteId, data) => (await ready).cancel(inviteId, data),
    modify: async (inviteId, data) => (settled ?? (await ready)).modify(inviteId, data),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose: () => {
      disposed = true;
      unsubscribe();
      listeners.clear();
    },
  };
}

import type { Scheduler } from '../room/adapters';
import { systemScheduler } from '../room/scheduler';
import type { EmulatorSocket, EmulatorSocketFactory } from './socket';
import { attempt } from './socket';
import { decodeServerFrame } from './wire';

/** Called by a probe with its cancel function: false at once, socket closed, timer cleared. */
export type ProbeCancelHook = (cancel: () => void) => void;

/**
 * True when an emulator at `url` says hello within `timeoutMs`; false when the connection fails,
 * closes, stays silent or the probe is cancelled. Never rejects; the probe's socket is closed and
 * its timer cleared whatever the outcome.
 */
export function probeEmulator(
  connect: EmulatorSocketFactory,
  url: string,
  timeoutMs: number,
  scheduler: Scheduler = systemScheduler,
  onCancel?: ProbeCancelHook,
): Promise<boolean> {
  return new Promise((resolve) => {
    let socket: EmulatorSocket | undefined;
    let settled = false;
    const finish = (answer: boolean): void => {
      if (settled) return;
      settled = true;
      scheduler.clearTimeout(timer);
      if (socket) attempt(() => socket?.close());
      resolve(answer);
    };
    const timer = scheduler.setTimeout(() => finish(false), timeoutMs);
    onCancel?.(() => finish(false));
    try {
      socket = connect(url);
    } catch {
      finish(false);
      return;
    }
    socket.onMessage((data) => {
      const decoded = decodeServerFrame(data);
      if (decoded.ok && decoded.frame.type === 'hello') finish(true);
    });
    socket.onClose(() => finish(false));
    socket.onError(() => finish(false));
  });
}

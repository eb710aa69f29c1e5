import type { Scheduler } from '../room/adapters';
import { systemScheduler } from '../room/scheduler';
import type { EmulatorSocket, EmulatorSocketFactory } from './socket';
import { attempt } from './socket';
import { decodeServerFrame } from './wire';

/** Called by a probe with its cancel function: false at once, socket closed, timer cleared. */
export type ProbeCancelHook = (cancel: () => void) => void;

/**
 * How a probe ended: the emulator said hello; the connection failed or closed before it (nothing
 * listens there, or it is not an emulator); nothing arrived in time; the probe was cancelled.
 */
export type ProbeOutcome = 'hello' | 'refused' | 'silent' | 'cancelled';

/**
 * Connects to `url` and waits up to `timeoutMs` for the emulator's hello. Never rejects; the
 * probe's socket is closed and its timer cleared whatever the outcome.
 */
export function probeEmulatorOutcome(
  connect: EmulatorSocketFactory,
  url: string,
  timeoutMs: number,
  scheduler: Scheduler = systemScheduler,
  onCancel?: ProbeCancelHook,
): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    let socket: EmulatorSocket | undefined;
    let settled = false;
    const finish = (outcome: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      scheduler.clearTimeout(timer);
      if (socket) attempt(() => socket?.close());
      resolve(outcome);
    };
    const timer = scheduler.setTimeout(() => finish('silent'), timeoutMs);
    onCancel?.(() => finish('cancelled'));
    try {
      socket = connect(url);
    } catch {
      finish('refused');
      return;
    }
    socket.onMessage((data) => {
      const decoded = decodeServerFrame(data);
      if (decoded.ok && decoded.frame.type === 'hello') finish('hello');
    });
    socket.onClose(() => finish('refused'));
    socket.onError(() => finish('refused'));
  });
}

/** True when an emulator at `url` says hello within `timeoutMs` (probeEmulatorOutcome's 'hello'). */
export async function probeEmulator(
  connect: EmulatorSocketFactory,
  url: string,
  timeoutMs: number,
  scheduler: Scheduler = systemScheduler,
  onCancel?: ProbeCancelHook,
): Promise<boolean> {
  return (await probeEmulatorOutcome(connect, url, timeoutMs, scheduler, onCancel)) === 'hello';
}

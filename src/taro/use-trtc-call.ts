// useTrtcCall: the app's call manager (createCallManager of trtc-room/call) for React: its view,
// kept current, and its commands. A component re-renders on every view change (a new phase, the
// duration ticking, names) and when the manager is created or destroyed.
import { useSyncExternalStore } from 'react';
import { TrtcError, TrtcErrorCode } from '../core';
import { IDLE_CALL_VIEW, getCallManager, watchCallManager } from '../host/call';
import type { CallManager, CallOptions, CallView } from '../host/call';

export interface TrtcCallCommands {
  /** Rings `userIds` (CallManager.call); a <TrtcCall> on the page shows the call. */
  call(userIds: readonly string[], options?: CallOptions): Promise<void>;
  accept(): Promise<void>;
  decline(): Promise<void>;
  hangup(): Promise<void>;
  switchToAudio(): Promise<void>;
}

export interface TrtcCallHandle extends TrtcCallCommands {
  /** The app's call manager, or null before createCallManager() (and after its destroy()). */
  readonly manager: CallManager | null;
  /** What a call screen shows: IDLE_CALL_VIEW while there is no manager or no call. */
  readonly view: CallView;
}

const noManager = (command: string): TrtcError =>
  new TrtcError(
    TrtcErrorCode.InvalidState,
    `${command}: no call manager: call createCallManager({ userId, chat, ... }) from ` +
      'trtc-room/call first (e.g. in app.ts onLaunch, after the Chat login)',
  );

/** Runs `command` on the app's manager as it is now; rejects INVALID_STATE without one. */
function onManager(command: string, run: (manager: CallManager) => Promise<void>): Promise<void> {
  const manager = getCallManager();
  if (manager === null) return Promise.reject(noManager(command));
  try {
    return run(manager);
  } catch (error) {
    return Promise.reject(error);
  }
}

/** Stable functions: they act on whichever manager the app has when called. */
export const CALL_COMMANDS: TrtcCallCommands = {
  call: (userIds, options) => onManager('call', (manager) => manager.call(userIds, options)),
  accept: () => onManager('accept', (manager) => manager.accept()),
  decline: () => onManager('decline', (manager) => manager.decline()),
  hangup: () => onManager('hangup', (manager) => manager.hangup()),
  switchToAudio: () => onManager('switchToAudio', (manager) => manager.switchToAudio()),
};

let cached: TrtcCallHandle = { manager: null, view: IDLE_CALL_VIEW, ...CALL_COMMANDS };

/** The same object while neither the manager nor its view changed (useSyncExternalStore). */
function snapshot(): TrtcCallHandle {
  const manager = getCallManager();
  const view = manager === null ? IDLE_CALL_VIEW : manager.getView();
  if (cached.manager !== manager || cached.view !== view) {
    cached = { manager, view, ...CALL_COMMANDS };
  }
  return cached;
}

function subscribe(notify: () => void): () => void {
  let offView: (() => void) | null = null;
  const offWatch = watchCallManager((manager) => {
    offView?.();
    offView = manager === null ? null : manager.on('view-changed', () => notify());
    notify();
  });
  return () => {
    offWatch();
    offView?.();
    offView = null;
  };
}

/**
 * The app's call: `view` (phase, who, status, duration, how it ended), the `manager` (null until
 * createCallManager()), and the commands. To show the call, put <TrtcCall> on the page.
 */
export function useTrtcCall(): TrtcCallHandle {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

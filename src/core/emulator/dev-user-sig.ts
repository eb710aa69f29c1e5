// A development UserSig from a room emulator: a room that talks to an emulator and was given no
// UserSig asks the emulator to sign one with its own key (which it does for clients on its own
// machine only). Never used with the native engine.
import { TrtcError, TrtcErrorCode } from '../errors';
import type { Scheduler } from '../room/adapters';
import { systemScheduler } from '../room/scheduler';
import type { EmulatorSocket, EmulatorSocketFactory } from './socket';
import { attempt } from './socket';
import { decodeServerFrame, encodeFrame } from './wire';

export interface DevUserSig {
  readonly sdkAppId: number;
  readonly userSig: string;
}

/** How long the emulator may take to connect and sign. */
export const DEV_SIGN_TIMEOUT_MS = 5000;

function refused(url: string, why: string): TrtcError {
  return new TrtcError(
    TrtcErrorCode.UserSigMissing,
    `no user-sig was given, and the room emulator at ${url} did not sign one: ${why}. ` +
      'Give <trtc-room> a user-sig (signed on your server, or with trtc-room/usersig in development)',
    { field: 'userSig' },
  );
}

/**
 * Asks the emulator at `url` for a UserSig for `userId` (`sdkAppId` null: the emulator's
 * development SDKAppID). Rejects with a USER_SIG_MISSING TrtcError saying why it got none.
 */
export function requestDevUserSig(
  connect: EmulatorSocketFactory,
  url: string,
  request: { readonly userId: string; readonly sdkAppId: number | null },
  timeoutMs = DEV_SIGN_TIMEOUT_MS,
  scheduler: Scheduler = systemScheduler,
): Promise<DevUserSig> {
  return new Promise((resolve, reject) => {
    let socket: EmulatorSocket | undefined;
    let settled = false;
    const finish = (outcome: DevUserSig | TrtcError): void => {
      if (settled) return;
      settled = true;
      scheduler.clearTimeout(timer);
      if (socket) attempt(() => socket?.close());
      if (outcome instanceof TrtcError) reject(outcome);
      else resolve(outcome);
    };
    const timer = scheduler.setTimeout(
      () => finish(refused(url, `no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      socket = connect(url);
    } catch (error) {
      finish(refused(url, `it could not be reached (${String(error)})`));
      return;
    }
    const ask = encodeFrame({ type: 'sign', ...request });
    socket.onMessage((data) => {
      const decoded = decodeServerFrame(data);
      if (!decoded.ok) return;
      const frame = decoded.frame;
      if (frame.type === 'hello') attempt(() => socket?.send(ask));
      else if (frame.type === 'signed' && frame.userId === request.userId) {
        finish({ sdkAppId: frame.sdkAppId, userSig: frame.userSig });
      } else if (frame.type === 'error') finish(refused(url, frame.message));
    });
    socket.onClose(() => finish(refused(url, 'the connection closed')));
    socket.onError((message) => finish(refused(url, `the connection failed (${message})`)));
  });
}

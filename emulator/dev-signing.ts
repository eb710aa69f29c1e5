// `sign` frames: a development UserSig signed with the emulator's secret key, so a room in WeChat
// DevTools enters with no UserSig configured. Only for clients on the emulator's own machine (the
// key must never reach another device), and never a way around a real application's server: the
// key is the emulator's (the public DEV_SECRET_KEY unless --secret-key says otherwise).
import type { ServerFrame } from '../src/core/emulator/wire';
import { isTrtcError } from '../src/core/errors';
import { genTestUserSig } from '../src/usersig/generate';
import { DEV_SDK_APP_ID } from './dev-key';

/** What a signature request carries. */
export interface SignRequest {
  readonly userId: string;
  readonly sdkAppId: number | null;
}

/** Seconds a development UserSig is valid: one day, enough for a working session. */
export const DEV_USER_SIG_EXPIRE_S = 24 * 60 * 60;

/** The `signed` answer, or an `error` frame saying why not. */
export function signForClient(
  request: SignRequest,
  client: { readonly local: boolean; readonly secretKey: string; readonly now: number },
): ServerFrame {
  if (!client.local) {
    return {
      type: 'error',
      code: 'NOT_ALLOWED',
      message:
        'the emulator signs development UserSigs only for clients on its own machine; ' +
        'give the room a UserSig signed on your server (or with trtc-room/usersig in development)',
    };
  }
  const sdkAppId = request.sdkAppId ?? DEV_SDK_APP_ID;
  try {
    const userSig = genTestUserSig({
      sdkAppId,
      secretKey: client.secretKey,
      userId: request.userId,
      expire: DEV_USER_SIG_EXPIRE_S,
      now: client.now,
    });
    return { type: 'signed', userId: request.userId, sdkAppId, userSig };
  } catch (error) {
    if (!isTrtcError(error)) throw error;
    return { type: 'error', code: 'BAD_FRAME', message: `sign: ${error.message}` };
  }
}

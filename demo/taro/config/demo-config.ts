// The credentials the demo signs its test UserSig with, baked into the build (TRTC_DEMO_CONFIG).
//
//   TRTC_SDKAPPID + TRTC_SECRETKEY set: your TRTC application ('' emulator = DevTools uses the local
//     emulator when one answers on port 8787, a phone uses TRTC).
//   neither set: the room emulator's public development key, and always the emulator
//     (ws://127.0.0.1:$TRTC_EMULATOR_PORT/room, default port 8787; start it with `npm start` in
//     the trtc-room folder or `npx trtc-room-emulator`).
//
// For development only: a real app signs UserSigs on its server and never ships a secret key.
import { DEV_SDK_APP_ID, DEV_SECRET_KEY } from 'trtc-room/emulator';

export interface DemoConfig {
  readonly source: 'emulator' | 'trtc';
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly emulator: string;
}

export function demoConfig(env: NodeJS.ProcessEnv): DemoConfig {
  const sdkAppId = (env.TRTC_SDKAPPID ?? '').trim();
  const secretKey = (env.TRTC_SECRETKEY ?? '').trim();
  if (sdkAppId !== '' || secretKey !== '') {
    if (!/^[1-9]\d*$/.test(sdkAppId) || secretKey === '') {
      throw new Error(
        'Set both TRTC_SDKAPPID (the numeric SDKAppID) and TRTC_SECRETKEY, or neither.',
      );
    }
    return { source: 'trtc', sdkAppId: Number(sdkAppId), secretKey, emulator: '' };
  }
  const port = (env.TRTC_EMULATOR_PORT ?? '').trim() || '8787';
  return {
    source: 'emulator',
    sdkAppId: DEV_SDK_APP_ID,
    secretKey: DEV_SECRET_KEY,
    emulator: `ws://127.0.0.1:${port}/room`,
  };
}

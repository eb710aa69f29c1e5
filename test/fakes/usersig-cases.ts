import fc from 'fast-check';
import { genPrivateMapKey, genTestUserSig } from '../../src/usersig';
import {
  mapKeyClockArb,
  maskArb,
  roomIdArb,
  sdkAppIdArb,
  strRoomIdArb,
  userIdArb,
} from './usersig-arbitraries';

export interface SignedCase {
  readonly kind: 'user-sig' | 'numeric-room' | 'string-room';
  readonly sig: string;
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly userId: string;
  /** The signing time, in ms. */
  readonly nowMs: number;
  readonly expire: number;
}

/** A fresh UserSig or PrivateMapKey (either room kind) with the inputs that made it. */
export const signedCaseArb: fc.Arbitrary<SignedCase> = fc
  .record({
    kind: fc.constantFrom<SignedCase['kind']>('user-sig', 'numeric-room', 'string-room'),
    sdkAppId: sdkAppIdArb,
    secretKey: fc.stringMatching(/^[0-9a-f]{64}$/),
    userId: userIdArb,
    clock: mapKeyClockArb,
    roomId: roomIdArb,
    strRoomId: strRoomIdArb,
    privileges: maskArb,
  })
  .map(({ kind, sdkAppId, secretKey, userId, clock, roomId, strRoomId, privileges }) => {
    const common = { sdkAppId, secretKey, userId, expire: clock.expire, now: clock.nowMs };
    const sig =
      kind === 'user-sig'
        ? genTestUserSig(common)
        : kind === 'numeric-room'
          ? genPrivateMapKey({ ...common, roomId, privileges })
          : genPrivateMapKey({ ...common, strRoomId, privileges });
    return { kind, sig, sdkAppId, secretKey, userId, nowMs: clock.nowMs, expire: clock.expire };
  });

/** The options that make a case verify. */
export function verifyOptions(c: SignedCase): {
  sdkAppId: number;
  secretKey: string;
  userId: string;
  now: number;
} {
  return { sdkAppId: c.sdkAppId, secretKey: c.secretKey, userId: c.userId, now: c.nowMs };
}

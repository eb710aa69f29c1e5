import fc from 'fast-check';
import { decodeUserSig, genPrivateMapKey, genTestUserSig, verifyUserSig } from '../src/usersig';
import {
  mapKeyClockArb,
  maskArb,
  nowOption,
  nowStyleArb,
  roomIdArb,
  sdkAppIdArb,
  secretKeyArb,
  strRoomIdArb,
  userIdArb,
  userSigClockArb,
} from './fakes/usersig-arbitraries';
import type { OfficialSigner } from './fakes/usersig-oracle';
import { inflateWithNode, signOfficially } from './fakes/usersig-oracle';

interface Case {
  readonly sdkAppId: number;
  readonly secretKey: string;
  readonly userId: string;
  readonly nowMs: number;
}

/** Ours and the official string must carry the identical signed document, and verify both ways. */
function expectSameAsOfficial(
  input: Case,
  ours: string,
  sign: (api: OfficialSigner) => string,
): void {
  const official = signOfficially(input.sdkAppId, input.secretKey, input.nowMs, sign);

  const ourJson = inflateWithNode(ours);
  expect(ourJson).toBe(inflateWithNode(official));
  expect(JSON.parse(ourJson)).toEqual(JSON.parse(inflateWithNode(official)));
  expect(decodeUserSig(ours)).toEqual(decodeUserSig(official));

  const options = { sdkAppId: input.sdkAppId, secretKey: input.secretKey, userId: input.userId };
  expect(verifyUserSig(official, { ...options, now: input.nowMs })).toMatchObject({ ok: true });
  expect(verifyUserSig(ours, { ...options, now: input.nowMs })).toMatchObject({ ok: true });
}

afterEach(() => jest.restoreAllMocks());

describe('against tls-sig-api-v2 (the official Node signer)', () => {
  it('genTestUserSig signs the same document', () => {
    fc.assert(
      fc.property(
        sdkAppIdArb,
        secretKeyArb,
        userIdArb,
        userSigClockArb,
        nowStyleArb,
        (sdkAppId, secretKey, userId, { nowMs, expire }, nowStyle) => {
          jest.spyOn(Date, 'now').mockReturnValue(nowMs);
          const ours = genTestUserSig({
            sdkAppId,
            secretKey,
            userId,
            expire,
            ...nowOption(nowStyle, nowMs),
          });
          jest.restoreAllMocks();
          expectSameAsOfficial({ sdkAppId, secretKey, userId, nowMs }, ours, (api) =>
            api.genUserSig(userId, expire),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('genPrivateMapKey with a numeric room signs the same document and userbuf', () => {
    fc.assert(
      fc.property(
        sdkAppIdArb,
        secretKeyArb,
        userIdArb,
        roomIdArb,
        maskArb,
        mapKeyClockArb,
        nowStyleArb,
        (sdkAppId, secretKey, userId, roomId, privileges, { nowMs, expire }, nowStyle) => {
          jest.spyOn(Date, 'now').mockReturnValue(nowMs);
          const ours = genPrivateMapKey({
            sdkAppId,
            secretKey,
            userId,
            roomId,
            privileges,
            expire,
            ...nowOption(nowStyle, nowMs),
          });
          jest.restoreAllMocks();
          expectSameAsOfficial({ sdkAppId, secretKey, userId, nowMs }, ours, (api) =>
            api.genPrivateMapKey(userId, expire, roomId, privileges),
          );
          expect(decodeUserSig(ours).userbuf).toMatchObject({
            roomType: 'numeric',
            roomId,
            privilegeMask: privileges,
            expiresAt: Math.floor(nowMs / 1000) + expire,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('genPrivateMapKey with a string room signs the same document and userbuf', () => {
    fc.assert(
      fc.property(
        sdkAppIdArb,
        secretKeyArb,
        userIdArb,
        strRoomIdArb,
        maskArb,
        mapKeyClockArb,
        nowStyleArb,
        (sdkAppId, secretKey, userId, strRoomId, privileges, { nowMs, expire }, nowStyle) => {
          jest.spyOn(Date, 'now').mockReturnValue(nowMs);
          const ours = genPrivateMapKey({
            sdkAppId,
            secretKey,
            userId,
            strRoomId,
            privileges,
            expire,
            ...nowOption(nowStyle, nowMs),
          });
          jest.restoreAllMocks();
          expectSameAsOfficial({ sdkAppId, secretKey, userId, nowMs }, ours, (api) =>
            api.genPrivateMapKeyWithStringRoomID(userId, expire, strRoomId, privileges),
          );
          expect(decodeUserSig(ours).userbuf).toMatchObject({
            roomType: 'string',
            roomId: 0,
            strRoomId,
            account: userId,
            sdkAppId,
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

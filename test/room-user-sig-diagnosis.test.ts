import fc from 'fast-check';
import { diagnoseRoomUserSig } from '../src/core/room/user-sig-diagnosis';
import type { UserSigDiagnosis } from '../src/core/room/room-types';
import { genPrivateMapKey, genTestUserSig } from '../src/usersig';
import { codeUnitTextArb, sdkAppIdArb, userIdArb } from './fakes/usersig-arbitraries';

const NOW = 1_700_000_000_000; // a fixed clock: 2023-11-14T22:13:20Z
const SDK_APP_ID = 1400000000;
const USER_ID = 'alice';
const SECRET_KEY = 'a-secret-key';
const EXPIRE = 3600;
const EXPECTED = { sdkAppId: SDK_APP_ID, userId: USER_ID, now: NOW };

function sign(overrides: { sdkAppId?: number; userId?: string; now?: number } = {}): string {
  return genTestUserSig({
    sdkAppId: SDK_APP_ID,
    userId: USER_ID,
    secretKey: SECRET_KEY,
    expire: EXPIRE,
    now: NOW,
    ...overrides,
  });
}

const PROBLEMS: UserSigDiagnosis['problem'][] = [
  'malformed',
  'sdkappid-mismatch',
  'identifier-mismatch',
  'expired',
  'none',
];

describe('diagnoseRoomUserSig', () => {
  it('finds nothing wrong with a matching, unexpired UserSig, and says the key is the suspect', () => {
    const diagnosis = diagnoseRoomUserSig(sign(), EXPECTED);
    expect(diagnosis.problem).toBe('none');
    expect(diagnosis.message).toMatch(/valid until 2023-11-14T23:13:20\.000Z/);
    expect(diagnosis.message).toMatch(/only the secret key can check the signature/);
    expect(diagnosis.message).toMatch(/another secret key/);
    expect(diagnosis.message).toMatch(/not enabled/);
  });

  it('reports a UserSig for another SDKAppID', () => {
    const diagnosis = diagnoseRoomUserSig(sign({ sdkAppId: 1400000001 }), EXPECTED);
    expect(diagnosis.problem).toBe('sdkappid-mismatch');
    expect(diagnosis.message).toMatch(/another SDKAppID/);
    expect(diagnosis.message).toMatch(/1400000001.*1400000000/);
  });

  it('reports a UserSig for another user', () => {
    const diagnosis = diagnoseRoomUserSig(sign({ userId: 'bob' }), EXPECTED);
    expect(diagnosis.problem).toBe('identifier-mismatch');
    expect(diagnosis.message).toMatch(/another user/);
    expect(diagnosis.message).toMatch(/"bob".*"alice"/);
  });

  it('reports an expired UserSig, from the given clock', () => {
    const sig = sign();
    const expiresAtMs = NOW + EXPIRE * 1000;
    expect(diagnoseRoomUserSig(sig, { ...EXPECTED, now: expiresAtMs + 999 }).problem).toBe('none');
    const diagnosis = diagnoseRoomUserSig(sig, { ...EXPECTED, now: expiresAtMs + 1000 });
    expect(diagnosis.problem).toBe('expired');
    expect(diagnosis.message).toMatch(/has expired: expired at 2023-11-14T23:13:20\.000Z/);
  });

  it("reports TRTC's first failure when several hold: SDKAppID, then user, then expiry", () => {
    const late = { ...EXPECTED, now: NOW + 10 * EXPIRE * 1000 };
    const both = sign({ sdkAppId: 7, userId: 'bob' });
    expect(diagnoseRoomUserSig(both, late).problem).toBe('sdkappid-mismatch');
    expect(diagnoseRoomUserSig(sign({ userId: 'bob' }), late).problem).toBe('identifier-mismatch');
  });

  it('checks a PrivateMapKey passed as the UserSig like a UserSig', () => {
    const key = genPrivateMapKey({
      sdkAppId: SDK_APP_ID,
      userId: USER_ID,
      secretKey: SECRET_KEY,
      expire: EXPIRE,
      now: NOW,
      roomId: 1234,
      privileges: 255,
    });
    expect(diagnoseRoomUserSig(key, EXPECTED).problem).toBe('none');
    expect(diagnoseRoomUserSig(key, { ...EXPECTED, userId: 'bob' }).problem).toBe(
      'identifier-mismatch',
    );
  });

  it.each<[string, unknown, RegExp]>([
    ['an empty string', '', /empty/],
    ['text', 'not a user sig', /outside the UserSig alphabet/],
    ['a truncated UserSig', sign().slice(0, 41), /not base64|not zlib/],
    ['base64 of text', 'aGVsbG8gd29ybGQ_', /not zlib data/],
    ['a non-string', 42, /must be a string/],
  ])('reports %s as malformed', (_, sig, message) => {
    const diagnosis = diagnoseRoomUserSig(sig as string, EXPECTED);
    expect(diagnosis.problem).toBe('malformed');
    expect(diagnosis.message).toMatch(/^the UserSig cannot be decoded: /);
    expect(diagnosis.message).toMatch(message);
  });

  it('with a clock that is not epoch milliseconds, checks all but the expiry and says so', () => {
    // e.g. a manual test scheduler starting at 0
    const diagnosis = diagnoseRoomUserSig(sign(), { ...EXPECTED, now: 0 });
    expect(diagnosis.problem).toBe('none');
    expect(diagnosis.message).toMatch(/cannot check expiry/);
    expect(diagnosis.message).toMatch(/only the secret key/);
    expect(diagnoseRoomUserSig(sign({ userId: 'bob' }), { ...EXPECTED, now: 0 }).problem).toBe(
      'identifier-mismatch',
    );
  });

  it('maps every signed case to the first rule it breaks', () => {
    const clockArb = fc.integer({ min: 1e12, max: 4e12 });
    fc.assert(
      fc.property(
        fc.record({
          signed: fc.record({ sdkAppId: sdkAppIdArb, userId: userIdArb, now: clockArb }),
          expected: fc.record({ sdkAppId: sdkAppIdArb, userId: userIdArb, now: clockArb }),
          expire: fc.integer({ min: 1, max: 10 ** 8 }),
          sameApp: fc.boolean(),
          sameUser: fc.boolean(),
        }),
        ({ signed, expected: other, expire, sameApp, sameUser }) => {
          const expected = {
            sdkAppId: sameApp ? signed.sdkAppId : other.sdkAppId,
            userId: sameUser ? signed.userId : other.userId,
            now: other.now,
          };
          const sig = genTestUserSig({ ...signed, secretKey: SECRET_KEY, expire });
          const expiresAt = Math.floor(signed.now / 1000) + expire;
          const want =
            expected.sdkAppId !== signed.sdkAppId
              ? 'sdkappid-mismatch'
              : expected.userId !== signed.userId
                ? 'identifier-mismatch'
                : Math.floor(expected.now / 1000) > expiresAt
                  ? 'expired'
                  : 'none';
          expect(diagnoseRoomUserSig(sig, expected).problem).toBe(want);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws, whatever the string or the expectations', () => {
    const expectedArb = fc.oneof(
      fc.record({ sdkAppId: sdkAppIdArb, userId: userIdArb, now: fc.integer() }),
      fc.anything(),
    );
    const sigArb = fc.oneof(
      codeUnitTextArb,
      fc.string({ unit: fc.constantFrom(...'eJwAz09*-_') }),
      fc.constant(sign()),
      fc.anything(),
    );
    fc.assert(
      fc.property(sigArb, expectedArb, (sig, expected) => {
        const diagnosis = diagnoseRoomUserSig(
          sig as string,
          expected as Parameters<typeof diagnoseRoomUserSig>[1],
        );
        expect(PROBLEMS).toContain(diagnosis.problem);
        expect(typeof diagnosis.message).toBe('string');
        expect(diagnosis.message).not.toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('never throws for expectations whose getters throw', () => {
    const hostile = Object.defineProperty({}, 'sdkAppId', {
      get() {
        throw new Error('boom');
      },
    });
    const diagnosis = diagnoseRoomUserSig(sign(), hostile as typeof EXPECTED);
    expect(diagnosis).toEqual({ problem: 'none', message: expect.stringMatching(/boom/) });
  });
});

import fc from 'fast-check';
import { diagnoseUserSig, verifyUserSig } from '../src/usersig';
import { sdkAppIdArb, userIdArb } from './fakes/usersig-arbitraries';
import { signedCaseArb, verifyOptions } from './fakes/usersig-cases';
import { forge, parseWithNode } from './fakes/usersig-oracle';

const RUNS = { numRuns: 60 };

describe('tampering is rejected with the right reason', () => {
  it('accepts the untouched signature (control)', () => {
    fc.assert(
      fc.property(signedCaseArb, (c) => {
        expect(verifyUserSig(c.sig, verifyOptions(c))).toMatchObject({ ok: true });
        expect(diagnoseUserSig(c.sig, verifyOptions(c))).toMatchObject({ ok: true });
      }),
      RUNS,
    );
  });

  it('wrong secret key → bad-signature', () => {
    fc.assert(
      fc.property(signedCaseArb, fc.string({ minLength: 1 }), (c, otherKey) => {
        fc.pre(otherKey !== c.secretKey);
        const result = verifyUserSig(c.sig, { ...verifyOptions(c), secretKey: otherKey });
        expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
      }),
      RUNS,
    );
  });

  it('TLS.sig replaced → bad-signature (diagnose cannot tell)', () => {
    const otherSig = fc.oneof(
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64')),
      fc.string(),
    );
    fc.assert(
      fc.property(signedCaseArb, otherSig, (c, sig) => {
        const doc = parseWithNode(c.sig);
        fc.pre(sig !== doc['TLS.sig']);
        const forged = forge({ ...doc, 'TLS.sig': sig });
        expect(verifyUserSig(forged, verifyOptions(c))).toMatchObject({ reason: 'bad-signature' });
        expect(diagnoseUserSig(forged, verifyOptions(c))).toMatchObject({ ok: true });
      }),
      RUNS,
    );
  });

  it('TLS.time or TLS.expire changed → bad-signature', () => {
    fc.assert(
      fc.property(
        signedCaseArb,
        fc.constantFrom('TLS.time', 'TLS.expire'),
        fc.integer({ min: 1, max: 1e9 }),
        (c, field, delta) => {
          const doc = parseWithNode(c.sig);
          const forged = forge({ ...doc, [field]: Number(doc[field]) + delta });
          expect(verifyUserSig(forged, verifyOptions(c))).toMatchObject({
            ok: false,
            reason: 'bad-signature',
          });
        },
      ),
      RUNS,
    );
  });

  it('TLS.userbuf changed, added or removed → its own claim if that broke, else bad-signature', () => {
    fc.assert(
      fc.property(
        signedCaseArb,
        fc.nat(19),
        fc.integer({ min: 1, max: 255 }),
        (c, fieldByte, xor) => {
          const doc = parseWithNode(c.sig);
          const nowSeconds = Math.floor(c.nowMs / 1000);
          let forged: string;
          let expected = 'bad-signature';
          if (c.kind === 'user-sig') {
            // A grant consistent with the sig (same user and app, not expired): only the
            // signature can tell it was added.
            const account = Buffer.from(c.userId, 'ascii');
            const added = Buffer.alloc(3 + account.length + 20);
            added.writeUInt16BE(account.length, 1);
            account.copy(added, 3);
            added.writeUInt32BE(c.sdkAppId, 3 + account.length);
            added.writeUInt32BE(1, 7 + account.length);
            added.writeUInt32BE(Math.min(nowSeconds + c.expire, 0xffffffff), 11 + account.length);
            added.writeUInt32BE(255, 15 + account.length);
            forged = forge({ ...doc, 'TLS.userbuf': added.toString('base64') });
          } else {
            const userbuf = Buffer.from(String(doc['TLS.userbuf']), 'base64');
            // One byte of sdkappid | roomid | expireAbs | privilegeMap | accountType.
            const at = 3 + c.userId.length;
            userbuf[at + fieldByte]! ^= xor;
            if (fieldByte < 4) expected = 'sdkappid-mismatch';
            else if (
              fieldByte >= 8 &&
              fieldByte < 12 &&
              userbuf.readUInt32BE(at + 8) < nowSeconds
            ) {
              expected = 'expired';
            }
            forged = forge({ ...doc, 'TLS.userbuf': userbuf.toString('base64') });
            const removed = forge({ ...doc, 'TLS.userbuf': undefined });
            expect(verifyUserSig(removed, verifyOptions(c))).toMatchObject({
              reason: 'bad-signature',
            });
          }
          expect(verifyUserSig(forged, verifyOptions(c))).toMatchObject({ reason: expected });
        },
      ),
      RUNS,
    );
  });

  it('identifier changed, re-signed or not → identifier-mismatch', () => {
    fc.assert(
      fc.property(signedCaseArb, userIdArb, fc.boolean(), (c, otherId, resign) => {
        fc.pre(otherId !== c.userId);
        const doc = { ...parseWithNode(c.sig), 'TLS.identifier': otherId };
        const forged = forge(doc, resign ? c.secretKey : undefined);
        for (const check of [verifyUserSig, diagnoseUserSig]) {
          expect(check(forged, verifyOptions(c))).toMatchObject({
            ok: false,
            reason: 'identifier-mismatch',
            decoded: { identifier: otherId },
          });
        }
        // Re-signed for otherId: a UserSig then verifies for otherId, but a PrivateMapKey's room
        // grant (the userbuf) still names the original account.
        const asOther = verifyUserSig(forged, { ...verifyOptions(c), userId: otherId });
        if (c.kind === 'user-sig') expect(asOther).toMatchObject({ ok: resign });
        else expect(asOther).toMatchObject({ ok: false, reason: 'identifier-mismatch' });
      }),
      RUNS,
    );
  });

  it('another sdkAppId in the options → sdkappid-mismatch', () => {
    fc.assert(
      fc.property(signedCaseArb, sdkAppIdArb, (c, otherApp) => {
        fc.pre(otherApp !== c.sdkAppId);
        for (const check of [verifyUserSig, diagnoseUserSig]) {
          expect(check(c.sig, { ...verifyOptions(c), sdkAppId: otherApp })).toMatchObject({
            ok: false,
            reason: 'sdkappid-mismatch',
          });
        }
      }),
      RUNS,
    );
  });

  it('a clock past time + expire → expired; the last valid second still passes', () => {
    fc.assert(
      fc.property(signedCaseArb, fc.integer({ min: 0, max: 1e9 }), (c, lateMs) => {
        const expiresAt = Math.floor(c.nowMs / 1000) + c.expire;
        for (const check of [verifyUserSig, diagnoseUserSig]) {
          const late = check(c.sig, { ...verifyOptions(c), now: (expiresAt + 1) * 1000 + lateMs });
          expect(late).toMatchObject({ ok: false, reason: 'expired' });
          const last = check(c.sig, { ...verifyOptions(c), now: new Date(expiresAt * 1000 + 999) });
          expect(last).toMatchObject({ ok: true });
        }
      }),
      RUNS,
    );
  });

  it("checks in Tencent's order: sdkappid, identifier, expiry, then signature", () => {
    fc.assert(
      fc.property(signedCaseArb, (c) => {
        const doc = parseWithNode(c.sig);
        const shiftedTime = { 'TLS.time': Number(doc['TLS.time']) + 1 };
        const forged = forge({ ...doc, ...shiftedTime, 'TLS.identifier': `${c.userId}x` });
        const late = (Math.floor(c.nowMs / 1000) + c.expire + 2) * 1000;
        const all = { ...verifyOptions(c), now: late, sdkAppId: c.sdkAppId + 1 };
        expect(verifyUserSig(forged, all)).toMatchObject({ reason: 'sdkappid-mismatch' });
        const noApp = { ...all, sdkAppId: c.sdkAppId };
        expect(verifyUserSig(forged, noApp)).toMatchObject({ reason: 'identifier-mismatch' });
        const noId = forge({ ...doc, ...shiftedTime });
        expect(verifyUserSig(noId, noApp)).toMatchObject({ reason: 'expired' });
        expect(verifyUserSig(noId, verifyOptions(c))).toMatchObject({ reason: 'bad-signature' });
        expect(verifyUserSig(c.sig, noApp)).toMatchObject({ reason: 'expired' });
      }),
      RUNS,
    );
  });
});

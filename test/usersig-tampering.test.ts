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

  it('TLS.userbuf changed, added or removed → bad-signature', () => {
    fc.assert(
      fc.property(
        signedCaseArb,
        fc.nat(19),
        fc.integer({ min: 1, max: 255 }),
        (c, fieldByte, xor) => {
          const doc = parseWithNode(c.sig);
          let forged: string;
          if (c.kind === 'user-sig') {
            const added = Buffer.from('00000178000000010000000100000001000000ff00000000', 'hex');
            forged = forge({ ...doc, 'TLS.userbuf': added.toString('base64') });
          } else {
            const userbuf = Buffer.from(String(doc['TLS.userbuf']), 'base64');
            // One byte of sdkappid | roomid | expireAbs | privilegeMap | accountType.
            userbuf[3 + c.userId.length + fieldByte]! ^= xor;
            forged = forge({ ...doc, 'TLS.userbuf': userbuf.toString('base64') });
            const removed = forge({ ...doc, 'TLS.userbuf': undefined });
            expect(verifyUserSig(removed, verifyOptions(c))).toMatchObject({
              reason: 'bad-signature',
            });
          }
          expect(verifyUserSig(forged, verifyOptions(c))).toMatchObject({
            reason: 'bad-signature',
          });
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
        expect(verifyUserSig(forged, { ...verifyOptions(c), userId: otherId })).toMatchObject({
          ok: resign,
        });
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

  it('checks in order: sdkappid before identifier before signature before expiry', () => {
    fc.assert(
      fc.property(signedCaseArb, (c) => {
        const doc = parseWithNode(c.sig);
        const shiftedTime = { 'TLS.time': Number(doc['TLS.time']) + 1 };
        const forged = forge({ ...doc, ...shiftedTime, 'TLS.identifier': `${c.userId}x` });
        const late = (Math.floor(c.nowMs / 1000) + c.expire + 1) * 1000;
        const all = { ...verifyOptions(c), now: late, sdkAppId: c.sdkAppId + 1 };
        expect(verifyUserSig(forged, all)).toMatchObject({ reason: 'sdkappid-mismatch' });
        const noApp = { ...all, sdkAppId: c.sdkAppId };
        expect(verifyUserSig(forged, noApp)).toMatchObject({ reason: 'identifier-mismatch' });
        const noId = forge({ ...doc, ...shiftedTime });
        expect(verifyUserSig(noId, noApp)).toMatchObject({ reason: 'bad-signature' });
        expect(verifyUserSig(c.sig, noApp)).toMatchObject({ reason: 'expired' });
      }),
      RUNS,
    );
  });
});

import fc from 'fast-check';
import { decodeUserSig, diagnoseUserSig, verifyUserSig } from '../src/usersig';
import { codeUnitTextArb } from './fakes/usersig-arbitraries';
import { signedCaseArb, verifyOptions } from './fakes/usersig-cases';
import { packWithNode } from './fakes/usersig-oracle';

const RUNS = { numRuns: 100 };

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function withoutPadding(sig: string): string {
  return sig.replace(/_+$/, '');
}

describe('a malformed string → malformed, never a throw', () => {
  function expectMalformed(sig: unknown, message?: RegExp): void {
    const options = { sdkAppId: 1400000000, secretKey: 'k', userId: 'u' };
    for (const check of [verifyUserSig, diagnoseUserSig]) {
      const result = check(sig as string, options);
      expect(result).toMatchObject({ ok: false, reason: 'malformed' });
      if (message && !result.ok) expect(result.message).toMatch(message);
    }
  }

  it('random text', () => {
    fc.assert(
      fc.property(codeUnitTextArb, (text) => expectMalformed(text)),
      { numRuns: 200 },
    );
  });

  it('truncated strings', () => {
    fc.assert(
      fc.property(signedCaseArb, fc.nat(), (c, cut) => {
        const body = withoutPadding(c.sig);
        expectMalformed(body.slice(0, cut % body.length));
      }),
      RUNS,
    );
  });

  it('a character outside the alphabet anywhere', () => {
    fc.assert(
      fc.property(
        signedCaseArb,
        fc.nat(),
        fc.constantFrom(...'+/= .!%\n\té\u0000'),
        (c, at, ch) => {
          const i = at % (c.sig.length + 1);
          expectMalformed(c.sig.slice(0, i) + ch + c.sig.slice(i), /outside the UserSig alphabet/);
        },
      ),
      RUNS,
    );
  });

  it('one character changed within the alphabet: rejected, or the document is unchanged', () => {
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789*-_'];
    fc.assert(
      fc.property(signedCaseArb, fc.nat(), fc.constantFrom(...alphabet), (c, at, ch) => {
        const i = at % c.sig.length;
        fc.pre(c.sig[i] !== ch);
        const changed = c.sig.slice(0, i) + ch + c.sig.slice(i + 1);
        const result = verifyUserSig(changed, verifyOptions(c));
        if (result.ok) expect(result.decoded).toEqual(decodeUserSig(c.sig));
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an object', {}],
    ['an array', ['eJy']],
    ['a symbol', Symbol('sig')],
    ['a bigint', BigInt(1)],
    ['a function', () => 'sig'],
    ['an empty string', ''],
    ['a huge string', 'A'.repeat(100000)],
  ])('%s', (_, value) => expectMalformed(value));

  it('valid base64 of data that is not zlib', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        const sig = Buffer.from(bytes).toString('base64').replace(/\+/g, '*');
        expectMalformed(sig.replace(/\//g, '-').replace(/=/g, '_'));
      }),
      { numRuns: 200 },
    );
    expectMalformed('aGVsbG8gd29ybGQ_', /not zlib/);
  });

  it('zlib of text that is not JSON', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const notJson = `{${text}`;
        fc.pre(!isJson(notJson));
        expectMalformed(packWithNode(notJson, true), /not JSON/);
      }),
      { numRuns: 100 },
    );
  });
});

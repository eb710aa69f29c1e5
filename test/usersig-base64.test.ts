import fc from 'fast-check';
import { decodeBase64 } from '../src/core/usersig/base64';
import { encodeBase64 } from '../src/usersig/base64';

describe('base64 codec', () => {
  it('matches Node Buffer on random bytes, both ways', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const encoded = encodeBase64(bytes);
        expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
        expect(Array.from(decodeBase64(encoded))).toEqual(Array.from(bytes));
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a string only if it is the canonical encoding of what it decodes to', () => {
    const base64ish = fc.string({ unit: fc.constantFrom(...'AQgw+/=Zz9.'), maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(base64ish, fc.string()), (text) => {
        let decoded: Uint8Array | undefined;
        try {
          decoded = decodeBase64(text);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          return;
        }
        expect(Buffer.from(decoded).toString('base64')).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['a length that is not a multiple of 4', 'QUJ'],
    ['a single character', 'Q'],
    ['padding in the middle', 'QQ==QUJD'],
    ['only padding', '===='],
    ['three padding characters', 'Q==='],
    ['URL-safe characters', 'ab-_'],
    ['the UserSig mapping characters', 'ab*_'],
    ['whitespace', 'QUJD QUJD'],
    ['a newline', 'QUJD\n'],
    ['non-ASCII', 'QUJé'],
    ['non-zero bits before == padding', 'QR=='],
    ['non-zero bits before = padding', 'QUJ='],
  ])('rejects %s', (_, text) => {
    expect(() => decodeBase64(text)).toThrow(/base64/);
  });

  it('decodes the empty string to no bytes', () => {
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
    expect(encodeBase64(new Uint8Array(0))).toBe('');
  });
});

import { TrtcErrorCode, isTrtcError } from '../src/core/errors';
import { decodeUserSig, diagnoseUserSig, genPrivateMapKey, verifyUserSig } from '../src/usersig';
import { SECRET_KEY } from './fakes/usersig-arbitraries';
import type { SigDocument } from './fakes/usersig-oracle';
import { forge, packWithNode, parseWithNode } from './fakes/usersig-oracle';

const NOW = 1700000000000;
const OPTIONS = { sdkAppId: 1400000000, secretKey: SECRET_KEY, userId: 'xiaojun', now: NOW };
const ROOM_KEY = genPrivateMapKey({ ...OPTIONS, strRoomId: 'room 1', privileges: 42 });
const DOC = parseWithNode(ROOM_KEY);

function decodeError(sig: unknown): string {
  try {
    decodeUserSig(sig as string);
  } catch (error) {
    expect(isTrtcError(error, TrtcErrorCode.MalformedUserSig)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('decodeUserSig did not throw');
}

function withUserbuf(hex: string): string {
  return forge({ ...DOC, 'TLS.userbuf': Buffer.from(hex, 'hex').toString('base64') }, SECRET_KEY);
}

describe('decodeUserSig says which step failed', () => {
  it.each<[string, unknown, RegExp]>([
    ['not a string', 42, /must be a string, got number/],
    ['empty', '', /empty/],
    ['outside the alphabet', 'eJy+', /not base64: character "\+" at position 3/],
    ['an impossible length', 'eJyrV', /not base64: 5 characters/],
    ['non-canonical base64', 'QR__', /not base64: .*non-zero bits/],
    ['not zlib', 'aGVsbG8gd29ybGQ_', /not zlib data/],
    ['not JSON', packWithNode('TLS.ver=2.0', true), /not JSON/],
    ['JSON but not an object', packWithNode([1, 2]), /the JSON is an array, not an object/],
    ['JSON null', packWithNode(null), /the JSON is null/],
    ['an old TLS version', forge({ ...DOC, 'TLS.ver': '1.0' }), /unsupported TLS.ver "1.0"/],
  ])('%s', (_, sig, message) => {
    expect(decodeError(sig)).toMatch(message);
  });

  it('a corrupted zlib checksum', () => {
    const bytes = Buffer.from(
      ROOM_KEY.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='),
      'base64',
    );
    bytes[bytes.length - 1]! ^= 1;
    const sig = bytes.toString('base64').replace(/\+/g, '*').replace(/\//g, '-').replace(/=/g, '_');
    expect(decodeError(sig)).toMatch(/Adler-32/);
  });

  const FIELDS = ['TLS.ver', 'TLS.identifier', 'TLS.sdkappid', 'TLS.time', 'TLS.expire', 'TLS.sig'];
  it.each(FIELDS)('a missing %s', (field) => {
    const doc: SigDocument = Object.fromEntries(
      Object.entries(DOC).filter(([key]) => key !== field),
    );
    expect(decodeError(forge(doc))).toMatch(`the JSON has no ${field}`);
  });

  const STRING_FIELDS = ['TLS.ver', 'TLS.identifier', 'TLS.sig', 'TLS.userbuf'];
  const NUMBER_FIELDS = ['TLS.sdkappid', 'TLS.time', 'TLS.expire'];
  it.each([
    ...STRING_FIELDS.flatMap((field) => [1, null, true, ['x'], { a: 1 }].map((v) => [field, v])),
    ...NUMBER_FIELDS.flatMap((field) =>
      ['1400000000', null, -1, 1.5, 2 ** 53, [1], {}].map((v) => [field, v]),
    ),
  ])('an ill-typed %s: %j', (field, value) => {
    expect(decodeError(forge({ ...DOC, [String(field)]: value }))).toMatch(
      `${String(field)} must be`,
    );
  });

  it.each([
    ['not base64', undefined, /TLS.userbuf is not base64/],
    ['empty', '', /ends inside the version byte/],
    ['an unknown version byte', '02' + '0001' + '41' + '00'.repeat(20), /unknown version byte 2/],
    ['cut inside the account', '00' + '0007' + '7869', /ends inside the account/],
    [
      'cut inside the fixed fields',
      '00' + '0001' + '41' + '00'.repeat(19),
      /ends inside the account type/,
    ],
    ['missing the room string', '01' + '0001' + '41' + '00'.repeat(20), /room string length/],
    [
      'a short room string',
      '01' + '0001' + '41' + '00'.repeat(20) + '0005' + '4142',
      /room string/,
    ],
    ['trailing bytes', '00' + '0001' + '41' + '00'.repeat(20) + 'ff', /1 unexpected bytes/],
  ])('a userbuf that does not parse: %s', (_, hex, message) => {
    const sig =
      hex === undefined ? forge({ ...DOC, 'TLS.userbuf': 'A*B=' }, SECRET_KEY) : withUserbuf(hex);
    expect(decodeError(sig)).toMatch(message);
    expect(verifyUserSig(sig, OPTIONS)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('ignores unknown fields and accepts any key order or a missing padding', () => {
    const reordered = { 'TLS.sig': DOC['TLS.sig'], extra: [1], ...DOC };
    expect(decodeUserSig(forge(reordered))).toEqual(decodeUserSig(ROOM_KEY));
    expect(decodeUserSig(ROOM_KEY.replace(/_+$/, ''))).toEqual(decodeUserSig(ROOM_KEY));
  });

  it('decodes privileges by name', () => {
    expect(decodeUserSig(ROOM_KEY).userbuf).toMatchObject({
      roomType: 'string',
      strRoomId: 'room 1',
      privilegeMask: 42,
      privileges: ['enter-room', 'receive-audio', 'receive-video'],
    });
  });
});

describe('verifyUserSig and diagnoseUserSig with odd options never throw', () => {
  it.each<[string, unknown, string]>([
    ['no options', undefined, 'sdkappid-mismatch'],
    ['null options', null, 'sdkappid-mismatch'],
    ['sdkAppId as a string', { ...OPTIONS, sdkAppId: '1400000000' }, 'sdkappid-mismatch'],
    ['no userId', { ...OPTIONS, userId: undefined }, 'identifier-mismatch'],
    ['an invalid now', { ...OPTIONS, now: Number.NaN }, 'expired'],
    ['an invalid Date', { ...OPTIONS, now: new Date(Number.NaN) }, 'expired'],
  ])('%s', (_, options, reason) => {
    for (const check of [verifyUserSig, diagnoseUserSig]) {
      expect(check(ROOM_KEY, options as typeof OPTIONS)).toMatchObject({ ok: false, reason });
    }
  });

  it.each([undefined, '', 42, '\ud800'])('verify with secretKey %p → bad-signature', (key) => {
    const options = { ...OPTIONS, secretKey: key as string };
    expect(verifyUserSig(ROOM_KEY, options)).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('uses Date.now() when now is omitted', () => {
    const rest = { ...OPTIONS, now: undefined };
    const spy = jest.spyOn(Date, 'now').mockReturnValue(NOW + 10 ** 12);
    expect(verifyUserSig(ROOM_KEY, rest)).toMatchObject({ reason: 'expired' });
    spy.mockReturnValue(NOW);
    expect(verifyUserSig(ROOM_KEY, rest)).toMatchObject({ ok: true });
    spy.mockRestore();
  });

  it('explains an expired signature with dates', () => {
    const result = diagnoseUserSig(ROOM_KEY, { ...OPTIONS, now: NOW + 8 * 86400 * 1000 });
    expect(result).toMatchObject({ ok: false, reason: 'expired' });
    expect(!result.ok && result.message).toMatch(/expired at 2023-11-21T22:13:20.000Z/);
  });
});

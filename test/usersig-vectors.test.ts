import type { PrivilegeName } from '../src/usersig';
import { decodeUserSig, genPrivateMapKey, genTestUserSig, verifyUserSig } from '../src/usersig';
import { SECRET_KEY } from './fakes/usersig-arbitraries';
import { parseWithNode } from './fakes/usersig-oracle';

// docs/protocol.md §8: tls-sig-api-v2 1.0.2 with Date.now frozen at 1700000000 s.
const TIME = 1700000000;
const BASE = {
  sdkAppId: 1400000000,
  secretKey: SECRET_KEY,
  userId: 'xiaojun',
  expire: 15552000,
  now: TIME * 1000,
};
const OFFICIAL_USER_SIG =
  'eJyrVgrxCdYrSy1SslIy0jNQ0gHzM1NS80oy0zLBwhWZiflZpXlQqeKU7MSCgswUJStDEwMogMiUZOamKlkZmqOKplYUZBaBxE1NTY3gosWZ6UpWSj5ljuYp*p7l5unBxXnF2WVhVU4uAf7Ozi5JpX7O5SbuHuUhzgZJmQXaTia2SrUAohcx8g__';
const USER_SIG_SIG = 'LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=';
const ROOM_USERBUF = 'AAAHeGlhb2p1blNyTgAAACcQZkE/AAAAAP8AAAAA';
const ROOM_SIG = 'y9Avb5xwHgIgoABbGakLaE0xs+v/dLcIPegbWfcbRLI=';
const STR_ROOM_USERBUF = 'AQAHeGlhb2p1blNyTgAAAAAAZkE/AAAAAP8AAAAAAAoxMDAwMDAwMDQw';
const STR_ROOM_SIG = 'uupaOmIqiVUsVoCDvmakmGU86GEQBV0Ie6Q+9GFbowM=';

const header = {
  'TLS.ver': '2.0',
  'TLS.identifier': 'xiaojun',
  'TLS.sdkappid': 1400000000,
  'TLS.time': TIME,
  'TLS.expire': 15552000,
};
const ALL_PRIVILEGES: PrivilegeName[] = [
  'create-room',
  'enter-room',
  'send-audio',
  'receive-audio',
  'send-video',
  'receive-video',
  'send-sub-stream',
  'receive-sub-stream',
];

describe('fixed vectors (docs/protocol.md §8)', () => {
  it('genTestUserSig signs the listed document', () => {
    const sig = genTestUserSig(BASE);
    expect(parseWithNode(sig)).toEqual({ ...header, 'TLS.sig': USER_SIG_SIG });
    expect(decodeUserSig(sig)).toEqual({
      version: '2.0',
      identifier: 'xiaojun',
      sdkAppId: 1400000000,
      time: TIME,
      expire: 15552000,
      expiresAt: TIME + 15552000,
      signature: USER_SIG_SIG,
    });
  });

  it('the signed JSON keeps the official key order', () => {
    expect(Object.keys(parseWithNode(genTestUserSig(BASE)))).toEqual([
      'TLS.ver',
      'TLS.identifier',
      'TLS.sdkappid',
      'TLS.time',
      'TLS.expire',
      'TLS.sig',
    ]);
    expect(
      Object.keys(parseWithNode(genPrivateMapKey({ ...BASE, roomId: 1, privileges: 1 }))),
    ).toEqual([
      'TLS.ver',
      'TLS.identifier',
      'TLS.sdkappid',
      'TLS.time',
      'TLS.expire',
      'TLS.userbuf',
      'TLS.sig',
    ]);
  });

  it('decodes and verifies the official UserSig string', () => {
    const decoded = decodeUserSig(OFFICIAL_USER_SIG);
    expect(decoded).toMatchObject({ identifier: 'xiaojun', time: TIME, signature: USER_SIG_SIG });
    expect(decoded.userbuf).toBeUndefined();
    expect(verifyUserSig(OFFICIAL_USER_SIG, { ...BASE, now: TIME * 1000 })).toMatchObject({
      ok: true,
    });
  });

  it('genPrivateMapKey for room 10000 with 255 signs the listed userbuf', () => {
    const sig = genPrivateMapKey({ ...BASE, roomId: 10000, privileges: 255 });
    expect(parseWithNode(sig)).toEqual({
      ...header,
      'TLS.userbuf': ROOM_USERBUF,
      'TLS.sig': ROOM_SIG,
    });
    expect(Buffer.from(ROOM_USERBUF, 'base64').toString('hex')).toBe(
      '00' +
        '0007' +
        '7869616f6a756e' +
        '53724e00' +
        '00002710' +
        '66413f00' +
        '000000ff' +
        '00000000',
    );
    expect(decodeUserSig(sig).userbuf).toEqual({
      roomType: 'numeric',
      account: 'xiaojun',
      sdkAppId: 1400000000,
      roomId: 10000,
      expiresAt: TIME + 15552000,
      privilegeMask: 255,
      privileges: ALL_PRIVILEGES,
      accountType: 0,
    });
  });

  it('genPrivateMapKey for strRoomId "1000000040" with 255 signs the listed userbuf', () => {
    const sig = genPrivateMapKey({ ...BASE, strRoomId: '1000000040', privileges: ALL_PRIVILEGES });
    expect(parseWithNode(sig)).toEqual({
      ...header,
      'TLS.userbuf': STR_ROOM_USERBUF,
      'TLS.sig': STR_ROOM_SIG,
    });
    expect(decodeUserSig(sig)).toMatchObject({
      signature: STR_ROOM_SIG,
      userbufBase64: STR_ROOM_USERBUF,
      userbuf: {
        roomType: 'string',
        roomId: 0,
        strRoomId: '1000000040',
        privilegeMask: 255,
        privileges: ALL_PRIVILEGES,
      },
    });
  });

  it('a UserSig string uses only the TLS alphabet', () => {
    expect(genTestUserSig(BASE)).toMatch(/^[A-Za-z0-9*_-]+$/);
  });
});

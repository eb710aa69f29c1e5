import fc from 'fast-check';
import type { TrtcErrorCode as Code } from '../src/core/errors';
import { TrtcErrorCode } from '../src/core/errors';
import type { PrivilegeName } from '../src/usersig';
import {
  PRIVILEGES,
  decodeUserSig,
  genPrivateMapKey,
  genTestUserSig,
  maskToPrivileges,
  privilegesToMask,
} from '../src/usersig';
import { thrownCode } from './fakes/trtc-error';
import { MAX_UINT32, SECRET_KEY } from './fakes/usersig-arbitraries';

const NOW = 1700000000000;
const USER = { sdkAppId: 1400000000, secretKey: SECRET_KEY, userId: 'xiaojun', now: NOW };
const ROOM = { ...USER, roomId: 1234, privileges: 255 };

type Generator = (options: Record<string, unknown>) => string;
const genUser = genTestUserSig as unknown as Generator;
const genRoom = genPrivateMapKey as unknown as Generator;

describe('generators reject each bad parameter with its code', () => {
  const common: [string, unknown, Code][] = [
    ...[0, -1, 1.5, '1400000000', MAX_UINT32 + 1, Number.NaN, undefined, null].map(
      (v): [string, unknown, Code] => ['sdkAppId', v, TrtcErrorCode.InvalidSdkAppId],
    ),
    ...['', 123, undefined, null, '\ud800', 'ab\udc00'].map((v): [string, unknown, Code] => [
      'secretKey',
      v,
      TrtcErrorCode.InvalidSecretKey,
    ]),
    ...['', 'a b', 'x'.repeat(33), 'ü', 'a.b', 12, undefined].map((v): [string, unknown, Code] => [
      'userId',
      v,
      TrtcErrorCode.InvalidUserId,
    ]),
    ...[0, -1, 1.5, '100', Number.NaN, Infinity, 2 ** 53, null].map(
      (v): [string, unknown, Code] => ['expire', v, TrtcErrorCode.InvalidExpire],
    ),
    ...[-1, Number.NaN, Infinity, '1700000000000', new Date(Number.NaN), 9e15, null].map(
      (v): [string, unknown, Code] => ['now', v, TrtcErrorCode.InvalidParameter],
    ),
  ];

  it.each(common)('genTestUserSig %s = %p', (field, value, code) => {
    expect(thrownCode(() => genUser({ ...USER, [field]: value }))).toBe(code);
  });

  it.each(common)('genPrivateMapKey %s = %p', (field, value, code) => {
    expect(thrownCode(() => genRoom({ ...ROOM, [field]: value }))).toBe(code);
  });

  it.each<[string, Record<string, unknown>, Code]>([
    ['both rooms', { roomId: 1, strRoomId: '1' }, TrtcErrorCode.RoomIdConflict],
    ['no room', { roomId: undefined }, TrtcErrorCode.RoomIdMissing],
    ['roomId 0', { roomId: 0 }, TrtcErrorCode.InvalidRoomId],
    ['roomId 2^32', { roomId: MAX_UINT32 + 1 }, TrtcErrorCode.InvalidRoomId],
    ['roomId 1.5', { roomId: 1.5 }, TrtcErrorCode.InvalidRoomId],
    ['roomId "1"', { roomId: '1' }, TrtcErrorCode.InvalidRoomId],
    ['strRoomId with "/"', { roomId: undefined, strRoomId: 'a/b' }, TrtcErrorCode.InvalidStrRoomId],
    [
      'strRoomId of 65',
      { roomId: undefined, strRoomId: 'x'.repeat(65) },
      TrtcErrorCode.InvalidStrRoomId,
    ],
    ['strRoomId non-ASCII', { roomId: undefined, strRoomId: 'é' }, TrtcErrorCode.InvalidStrRoomId],
    ['privileges -1', { privileges: -1 }, TrtcErrorCode.InvalidPrivileges],
    ['privileges 256', { privileges: 256 }, TrtcErrorCode.InvalidPrivileges],
    ['privileges 1.5', { privileges: 1.5 }, TrtcErrorCode.InvalidPrivileges],
    ['privileges "all"', { privileges: 'all' }, TrtcErrorCode.InvalidPrivileges],
    ['privileges missing', { privileges: undefined }, TrtcErrorCode.InvalidPrivileges],
    [
      'an unknown privilege',
      { privileges: ['enter-room', 'fly'] },
      TrtcErrorCode.InvalidPrivileges,
    ],
    ['a non-string privilege', { privileges: [2] }, TrtcErrorCode.InvalidPrivileges],
    ['expiry past 2106', { now: NOW, expire: MAX_UINT32 }, TrtcErrorCode.InvalidExpire],
  ])('genPrivateMapKey with %s', (_, change, code) => {
    expect(thrownCode(() => genRoom({ ...ROOM, ...change }))).toBe(code);
  });

  it.each([undefined, null, 'options', 42])('options = %p', (options) => {
    expect(thrownCode(() => genUser(options as unknown as Record<string, unknown>))).toBe(
      TrtcErrorCode.InvalidParameter,
    );
  });

  it('messages name the field', () => {
    expect(() => genUser({ ...USER, expire: -5 })).toThrow(
      /expire must be a positive whole number/,
    );
    expect(() => genRoom({ ...ROOM, privileges: ['fly'] })).toThrow(/unknown privilege "fly"/);
  });
});

describe('generator options', () => {
  it('does not mutate its input (frozen objects work)', () => {
    const privileges = Object.freeze<PrivilegeName[]>(['enter-room', 'send-audio']);
    const options = Object.freeze({ ...USER, strRoomId: 'r', privileges, now: new Date(NOW) });
    const copy = structuredClone(options);
    genPrivateMapKey(options);
    genTestUserSig(options);
    expect(options).toEqual(copy);
    expect(options.now.getTime()).toBe(NOW);
  });

  it('defaults expire to 7 days and now to Date.now(); a Date and a number agree', () => {
    const spy = jest.spyOn(Date, 'now').mockReturnValue(NOW + 999);
    const byDefault = decodeUserSig(genTestUserSig({ ...USER, now: undefined }));
    spy.mockRestore();
    expect(byDefault).toMatchObject({ time: NOW / 1000, expire: 604800 });
    expect(decodeUserSig(genTestUserSig({ ...USER, now: new Date(NOW + 999) }))).toEqual(byDefault);
    expect(decodeUserSig(genTestUserSig({ ...USER, now: NOW + 999 }))).toEqual(byDefault);
  });

  it('accepts the last second a PrivateMapKey can express', () => {
    const key = genPrivateMapKey({ ...ROOM, now: 1e11, expire: MAX_UINT32 - 1e8 });
    expect(decodeUserSig(key).userbuf?.expiresAt).toBe(MAX_UINT32);
  });

  it('the privilege names and the mask agree', () => {
    expect(PRIVILEGES['receive-sub-stream']).toBe(128);
    const viaNames = genPrivateMapKey({ ...ROOM, privileges: ['enter-room', 'receive-audio'] });
    expect(decodeUserSig(viaNames).userbuf?.privilegeMask).toBe(10);
  });
});

describe('privilegesToMask and maskToPrivileges', () => {
  it('round-trip every mask 0..255', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (mask) => {
        expect(privilegesToMask(maskToPrivileges(mask))).toBe(mask);
      }),
      { numRuns: 256 },
    );
  });

  it('list names in bit order and ignore unknown high bits', () => {
    expect(maskToPrivileges(42)).toEqual(['enter-room', 'receive-audio', 'receive-video']);
    expect(maskToPrivileges(0x100 | 1)).toEqual(['create-room']);
    expect(maskToPrivileges(MAX_UINT32)).toHaveLength(8);
    expect(privilegesToMask([])).toBe(0);
    expect(privilegesToMask(['send-video', 'send-video'])).toBe(16);
  });

  it.each([-1, 1.5, Number.NaN, MAX_UINT32 + 1])('maskToPrivileges(%p) throws', (mask) => {
    expect(thrownCode(() => maskToPrivileges(mask))).toBe(TrtcErrorCode.InvalidPrivileges);
  });

  it('privilegesToMask rejects a non-array', () => {
    expect(thrownCode(() => privilegesToMask(255 as unknown as PrivilegeName[]))).toBe(
      TrtcErrorCode.InvalidPrivileges,
    );
  });
});

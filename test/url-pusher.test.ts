import fc from 'fast-check';
import { TrtcErrorCode } from '../src/core/errors';
import type { PusherUrlParams } from '../src/core/url';
import { buildPusherUrl, parsePusherUrl } from '../src/core/url';
import { thrownTrtcError } from './fakes/trtc-error';
import { officialPusherUrl } from './fakes/trtc-wx-driver';
import { URL_BREAKING_ROOM_CHARS, pusherParamsArb, toOfficialParams } from './fakes/room-params';

const base: PusherUrlParams = {
  sdkAppId: 1400000000,
  roomId: 1234,
  userId: 'alice',
  userSig: 'sig',
};

function expectTrtcError(run: () => unknown, code: TrtcErrorCode, field?: string): void {
  expect(thrownTrtcError(run)).toMatchObject(field === undefined ? { code } : { code, field });
}

/** What parsePusherUrl should give back for params: defaults filled, `rtc` named `videocall`. */
function normalized(p: PusherUrlParams): Record<string, unknown> {
  const omitEmpty = (key: string, value: unknown) => (value ? { [key]: value } : {});
  return {
    sdkAppId: p.sdkAppId,
    ...(p.roomId !== undefined ? { roomId: p.roomId } : { strRoomId: p.strRoomId }),
    userId: p.userId,
    userSig: p.userSig,
    scene: !p.scene || p.scene === 'rtc' ? 'videocall' : p.scene,
    encSmall: p.encSmall ?? false,
    cloudEnv: p.cloudEnv ?? 'PRO',
    enableBlackStream: p.enableBlackStream ?? false,
    ...omitEmpty('streamId', p.streamId),
    ...omitEmpty('userDefineRecordId', p.userDefineRecordId),
    ...omitEmpty('privateMapKey', p.privateMapKey),
    ...omitEmpty('pureAudioMode', p.pureAudioMode),
    recvMode: p.recvMode ?? 'auto',
    enableInfiniteAnchor: p.enableInfiniteAnchor ?? false,
    extra: {},
  };
}

describe('buildPusherUrl against trtc-wx-sdk', () => {
  it('is byte-identical to the official URL, less its `component` tag, for every valid input', () => {
    fc.assert(
      fc.property(pusherParamsArb(), (params) => {
        const official = officialPusherUrl(toOfficialParams(params));
        expect(official).toMatch(/&component=1$/);
        expect(buildPusherUrl(params)).toBe(official!.replace(/&component=1$/, ''));
      }),
      { numRuns: 400 },
    );
  });

  it('reads the official URL back, keeping `component` aside', () => {
    fc.assert(
      fc.property(pusherParamsArb(), (params) => {
        const parsed = parsePusherUrl(officialPusherUrl(toOfficialParams(params))!);
        expect({ ...parsed, extra: { ...parsed.extra } }).toEqual({
          ...normalized(params),
          extra: { component: '1' },
        });
      }),
      { numRuns: 200 },
    );
  });

  it.each(URL_BREAKING_ROOM_CHARS.split(''))(
    'rejects a strRoomId with %j, which trtc-wx lets break the URL',
    (char) => {
      const strRoomId = `a${char}b`;
      expectTrtcError(
        () => buildPusherUrl({ ...base, roomId: undefined, strRoomId }),
        TrtcErrorCode.InvalidStrRoomId,
        'strRoomId',
      );
      const official = officialPusherUrl({
        sdkAppID: 1400000000,
        strRoomID: strRoomId,
        userID: 'alice',
        userSig: 'sig',
      })!;
      expect(official).toContain(`strroomid=a${char}b&`);
    },
  );

  it('keeps the room ids a URL can carry exactly as trtc-wx sends them', () => {
    const strRoomId = 'a=b?c:d@e[f]{g}|h^i<j>k!l$m(n)o;p,q~r';
    expect(buildPusherUrl({ ...base, roomId: undefined, strRoomId })).toBe(
      officialPusherUrl({
        sdkAppID: 1400000000,
        strRoomID: strRoomId,
        userID: 'alice',
        userSig: 'sig',
      })!.replace(/&component=1$/, ''),
    );
  });
});

describe('buildPusherUrl', () => {
  it('round-trips every valid input through parsePusherUrl', () => {
    fc.assert(
      fc.property(pusherParamsArb(), (params) => {
        const parsed = parsePusherUrl(buildPusherUrl(params));
        expect({ ...parsed, extra: { ...parsed.extra } }).toEqual(normalized(params));
      }),
      { numRuns: 500 },
    );
  });

  it('uses the official defaults and order', () => {
    expect(buildPusherUrl(base)).toBe(
      'room://cloud.tencent.com/rtc?sdkappid=1400000000&roomid=1234&userid=alice&usersig=sig' +
        '&appscene=videocall&encsmall=0&cloudenv=PRO&enableBlackStream=&streamid=' +
        '&userdefinerecordid=&privatemapkey=&pureaudiomode=&recvmode=1&enableinfiniteanchor=0',
    );
  });

  it('percent-encodes what would break the URL in the other free-text values', () => {
    const url = buildPusherUrl({ ...base, userSig: 'a&b c#d%e+f', privateMapKey: 'k=1&x' });
    expect(url).toContain('&usersig=a%26b%20c%23d%25e%2Bf&');
    expect(url).toContain('&privatemapkey=k=1%26x&');
    expect(parsePusherUrl(url)).toMatchObject({ userSig: 'a&b c#d%e+f', privateMapKey: 'k=1&x' });
  });

  it('never modifies its input', () => {
    const params = Object.freeze({ ...base, scene: 'live' as const, encSmall: true });
    const copy = { ...params };
    buildPusherUrl(params);
    expect(params).toEqual(copy);
  });

  it.each([
    [{ sdkAppId: 0 }, TrtcErrorCode.InvalidSdkAppId, 'sdkAppId'],
    [{ sdkAppId: 1.5 }, TrtcErrorCode.InvalidSdkAppId, 'sdkAppId'],
    [{ sdkAppId: '1400000000' }, TrtcErrorCode.InvalidSdkAppId, 'sdkAppId'],
    [{ sdkAppId: 2 ** 32 }, TrtcErrorCode.InvalidSdkAppId, 'sdkAppId'],
    [{ roomId: 0 }, TrtcErrorCode.InvalidRoomId, 'roomId'],
    [{ roomId: 4294967296 }, TrtcErrorCode.InvalidRoomId, 'roomId'],
    [{ roomId: NaN }, TrtcErrorCode.InvalidRoomId, 'roomId'],
    [{ roomId: undefined }, TrtcErrorCode.RoomIdMissing, 'roomId'],
    [{ strRoomId: 'x' }, TrtcErrorCode.RoomIdConflict, 'roomId'],
    [{ roomId: undefined, strRoomId: 'x'.repeat(65) }, TrtcErrorCode.InvalidStrRoomId, 'strRoomId'],
    [{ roomId: undefined, strRoomId: '房间' }, TrtcErrorCode.InvalidStrRoomId, 'strRoomId'],
    [{ roomId: undefined, strRoomId: 'a/b' }, TrtcErrorCode.InvalidStrRoomId, 'strRoomId'],
    [{ userId: '' }, TrtcErrorCode.InvalidUserId, 'userId'],
    [{ userId: 'a'.repeat(33) }, TrtcErrorCode.InvalidUserId, 'userId'],
    [{ userId: 'a&b' }, TrtcErrorCode.InvalidUserId, 'userId'],
    [{ userId: 'bob smith' }, TrtcErrorCode.InvalidUserId, 'userId'],
    [{ userSig: '' }, TrtcErrorCode.UserSigMissing, 'userSig'],
    [{ userSig: undefined }, TrtcErrorCode.UserSigMissing, 'userSig'],
    [{ userSig: 'bad\uD800' }, TrtcErrorCode.InvalidParameter, 'usersig'],
    [{ scene: 'meeting' }, TrtcErrorCode.InvalidParameter, 'scene'],
    [{ recvMode: 1 }, TrtcErrorCode.InvalidParameter, 'recvMode'],
    [{ pureAudioMode: 1 }, TrtcErrorCode.InvalidParameter, 'pureAudioMode'],
    [{ cloudEnv: 'pro' }, TrtcErrorCode.InvalidParameter, 'cloudEnv'],
    [{ encSmall: 1 }, TrtcErrorCode.InvalidParameter, 'encSmall'],
    [{ streamId: 'a b' }, TrtcErrorCode.InvalidParameter, 'streamId'],
    [{ userDefineRecordId: 'x'.repeat(65) }, TrtcErrorCode.InvalidParameter, 'userDefineRecordId'],
    [{ privateMapKey: 42 }, TrtcErrorCode.InvalidParameter, 'privateMapKey'],
  ])('rejects %j with %s', (patch, code, field) => {
    expectTrtcError(
      () => buildPusherUrl({ ...base, ...patch } as unknown as PusherUrlParams),
      code,
      field,
    );
  });

  it('rejects a missing params object', () => {
    expectTrtcError(
      () => buildPusherUrl(null as unknown as PusherUrlParams),
      TrtcErrorCode.InvalidParameter,
    );
  });
});

describe('parsePusherUrl', () => {
  const good = buildPusherUrl(base);

  const cases: [string, string, TrtcErrorCode][] = [
    ['not a URL', 'not a URL', TrtcErrorCode.InvalidUrl],
    ['another scheme', 'rtmp://cloud.tencent.com/rtc?sdkappid=1', TrtcErrorCode.InvalidUrl],
    ['a duplicated parameter', good + '&userid=eve', TrtcErrorCode.InvalidUrl],
    [
      'bad percent-encoding',
      good.replace('usersig=sig', 'usersig=%E0%A4%A'),
      TrtcErrorCode.InvalidUrl,
    ],
    [
      'an exponent sdkappid',
      good.replace('sdkappid=1400000000', 'sdkappid=1e3'),
      TrtcErrorCode.InvalidSdkAppId,
    ],
    [
      'an empty sdkappid',
      good.replace('sdkappid=1400000000', 'sdkappid='),
      TrtcErrorCode.InvalidSdkAppId,
    ],
    ['a negative roomid', good.replace('roomid=1234', 'roomid=-4'), TrtcErrorCode.InvalidRoomId],
    [
      'both room kinds',
      good.replace('roomid=1234', 'roomid=1234&strroomid=x'),
      TrtcErrorCode.RoomIdConflict,
    ],
    ['no room', good.replace('roomid=1234&', ''), TrtcErrorCode.RoomIdMissing],
    [
      'a strroomid with an escaped space',
      good.replace('roomid=1234', 'strroomid=a%20b'),
      TrtcErrorCode.InvalidStrRoomId,
    ],
    [
      'a userid with a space',
      good.replace('userid=alice', 'userid=al%20ice'),
      TrtcErrorCode.InvalidUserId,
    ],
    ['an empty usersig', good.replace('usersig=sig', 'usersig='), TrtcErrorCode.UserSigMissing],
    [
      'an unknown recvmode',
      good.replace('recvmode=1', 'recvmode=9'),
      TrtcErrorCode.InvalidParameter,
    ],
    [
      'an unknown pureaudiomode',
      good.replace('pureaudiomode=', 'pureaudiomode=3'),
      TrtcErrorCode.InvalidParameter,
    ],
    [
      'appscene=rtc (never sent)',
      good.replace('appscene=videocall', 'appscene=rtc'),
      TrtcErrorCode.InvalidParameter,
    ],
    ['a non-0/1 flag', good.replace('encsmall=0', 'encsmall=yes'), TrtcErrorCode.InvalidUrl],
  ];
  it.each(cases)('rejects %s', (_label, url, code) => {
    expectTrtcError(() => parsePusherUrl(url), code);
  });

  it('rejects non-strings without throwing anything but a TrtcError', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expectTrtcError(() => parsePusherUrl(value as unknown as string), TrtcErrorCode.InvalidUrl);
    }
  });

  it('keeps unknown parameters in extra, safely', () => {
    const parsed = parsePusherUrl(good + '&__proto__=x&future=1');
    expect(parsed.extra.future).toBe('1');
    expect(Object.getPrototypeOf(parsed.extra)).toBeNull();
    expect(parsed.extra['__proto__']).toBe('x');
  });

  it('accepts the official empty defaults and missing optional parameters', () => {
    const minimal = 'room://cloud.tencent.com/rtc?sdkappid=1&strroomid=r&userid=u&usersig=s';
    expect(parsePusherUrl(minimal)).toMatchObject({
      strRoomId: 'r',
      scene: 'videocall',
      recvMode: 'auto',
    });
  });
});

import fc from 'fast-check';
import { TrtcErrorCode } from '../src/core/errors';
import type { StreamType } from '../src/core/url';
import {
  buildPlayUrl,
  parsePlayUrl,
  parseStreamId,
  toStreamId,
  withStreamType,
} from '../src/core/url';
import { thrownCode } from './fakes/trtc-error';
import { TrtcWxDriver } from './fakes/trtc-wx-driver';

const streamTypes: StreamType[] = ['main', 'aux', 'small'];

describe('play URLs', () => {
  it('match the form the engine announces', () => {
    expect(buildPlayUrl('alice', 'main')).toBe(
      'room://cloud.tencent.com/rtc?userid=alice&streamtype=main',
    );
  });

  it('round-trip any user id and stream type', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, unit: 'grapheme' }),
        fc.constantFrom(...streamTypes),
        (userId, type) => {
          const parsed = parsePlayUrl(buildPlayUrl(userId, type));
          expect([parsed.userId, parsed.streamType]).toEqual([userId, type]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('switch main and small by parsing, unlike trtc-wx which rewrites user "domain1"', () => {
    const official = new TrtcWxDriver();
    const playurl = buildPlayUrl('domain1', 'main');
    official.announce(1031, [{ userid: 'domain1' }]);
    official.announce(1033, [{ userid: 'domain1', playurl, streamtype: 'main', hasvideo: true }]);
    const officialSmall = official.trtc.switchStreamType('domain1_main')[0]!.src;
    expect(officialSmall).toBe('room://cloud.tencent.com/rtc?userid=dosmall1&streamtype=main');

    const small = withStreamType(playurl, 'small');
    expect(small).toBe('room://cloud.tencent.com/rtc?userid=domain1&streamtype=small');
    expect(withStreamType(small, 'main')).toBe(playurl);
  });

  it('rewrite only the streamtype segment: every other byte stays as the engine sent it', () => {
    const url =
      'room://cloud.tencent.com/rtc?userid=a+b%20c&note=50%off&streamtype=main&strroomid=x y#frag';
    expect(withStreamType(url, 'small')).toBe(
      'room://cloud.tencent.com/rtc?userid=a+b%20c&note=50%off&streamtype=small&strroomid=x y#frag',
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(
            fc.stringMatching(/^[a-z]{1,8}$/).filter((key) => key !== 'streamtype'),
            fc.string({ unit: fc.constantFrom(...'ab %&+=#?:/_-'.split('')), maxLength: 12 }),
          ),
          { maxLength: 4 },
        ),
        (extra) => {
          const query = extra
            .map(([key, value]) => `${key}=${value.replace(/[&#]/g, '')}`)
            .join('&');
          const url = `room://cloud.tencent.com/rtc?userid=u&streamtype=main${query ? `&${query}` : ''}`;
          expect(withStreamType(url, 'small')).toBe(
            url.replace('streamtype=main', 'streamtype=small'),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keep every other parameter and its order when switching', () => {
    const url = 'room://cloud.tencent.com/rtc?sdkappid=1&userid=mainly&streamtype=main&roomid=9';
    expect(withStreamType(url, 'small')).toBe(
      'room://cloud.tencent.com/rtc?sdkappid=1&userid=mainly&streamtype=small&roomid=9',
    );
    expect(parsePlayUrl('room://rtc.tencent.com?userid=u&streamtype=main').userId).toBe('u');
  });

  it.each([
    [
      'an aux stream has no small stream',
      () => withStreamType(buildPlayUrl('u', 'aux'), 'small'),
      TrtcErrorCode.InvalidParameter,
    ],
    [
      'another scheme',
      () => parsePlayUrl('rtmp://x/live?userid=u&streamtype=main'),
      TrtcErrorCode.InvalidUrl,
    ],
    [
      'no userid',
      () => parsePlayUrl('room://cloud.tencent.com/rtc?streamtype=main'),
      TrtcErrorCode.InvalidUrl,
    ],
    [
      'an unknown streamtype',
      () => parsePlayUrl('room://cloud.tencent.com/rtc?userid=u&streamtype=big'),
      TrtcErrorCode.InvalidUrl,
    ],
    ['an empty user id', () => buildPlayUrl('', 'main'), TrtcErrorCode.InvalidUserId],
    [
      'an unknown stream type',
      () => buildPlayUrl('u', 'sub' as StreamType),
      TrtcErrorCode.InvalidParameter,
    ],
    ['not a string', () => parsePlayUrl(7 as unknown as string), TrtcErrorCode.InvalidUrl],
  ])('reject %s', (_label, run, code) => {
    expect(thrownCode(run)).toBe(code);
  });
});

describe('stream ids', () => {
  it('split at the last underscore so user ids may contain one', () => {
    expect(toStreamId('a_b', 'main')).toBe('a_b_main');
    expect(parseStreamId('a_b_main')).toEqual({ userId: 'a_b', streamType: 'main' });
    expect(parseStreamId('x__aux')).toEqual({ userId: 'x_', streamType: 'aux' });
  });

  it('reject what is not a stream id', () => {
    for (const id of ['', 'main', '_main', 'alice', 'alice_big', 'alice_']) {
      expect(parseStreamId(id)).toBeNull();
    }
  });

  it('round-trip', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.constantFrom(...streamTypes), (userId, type) => {
        expect(parseStreamId(toStreamId(userId, type))).toEqual({ userId, streamType: type });
      }),
    );
  });
});

// enterRoom: URL, pusher attributes, validation, state; 1018; the ways an entry fails.
import { TrtcErrorCode } from '../src/core/errors';
import type { EnterRoomParams, FailureReason } from '../src/core/room';
import { DEFAULT_PUSHER_ATTRIBUTES } from '../src/core/room';
import { buildPusherUrl } from '../src/core/url';
import { genTestUserSig } from '../src/usersig';
import { flushMicrotasks } from './fakes/manual-scheduler';
import { pusherState } from './fakes/native-events';
import { ROOM_PARAMS, SDK_APP_ID, START_TIME, createHarness } from './fakes/room-harness';
import { thrownCode, thrownTrtcError } from './fakes/trtc-error';

const SECRET = 'e6b8ad0b1d4f5f9a0c3a7f2b9e1d8c4a6b2f0e9d7c5a3b1f8e6d4c2a0b9f7e5d';

function failure(h: ReturnType<typeof createHarness>): FailureReason | undefined {
  const last = h.argsOf('connection-state-changed').pop()?.[0];
  return last && last.to === 'failed' ? last.reason : undefined;
}

describe('enterRoom', () => {
  it('builds the room URL and the pusher attributes, and moves to entering', () => {
    const h = createHarness();
    const attrs = h.enter();
    expect(attrs.url).toBe(buildPusherUrl(ROOM_PARAMS));
    expect(attrs.url).toMatch(
      /^room:\/\/cloud\.tencent\.com\/rtc\?sdkappid=1400000001&roomid=4321&userid=me&usersig=test-sig&/,
    );
    expect(attrs).toMatchObject({ autopush: true, enableCamera: true, enableMic: true });
    expect(h.client.getPusherAttributes()).toEqual(attrs);
    expect(h.client.getState()).toBe('entering');
    expect(h.lines()).toEqual(['state entering']);
    expect(h.argsOf('pusher-changed').pop()?.[0]).toEqual(attrs);
    expect(h.client.getLocal()).toMatchObject({ userId: 'me', role: 'anchor', camera: true });
    // Entering is declarative: the pusher starts from `autopush`, no native call is made.
    expect(h.calls()).toEqual([]);
  });

  it.each([
    [{ camera: false }, { enableCamera: false, enableMic: true }],
    [{ microphone: false }, { enableCamera: true, enableMic: false }],
    [
      { camera: false, microphone: false },
      { enableCamera: false, enableMic: false },
    ],
    [
      { role: 'audience', scene: 'live' },
      { enableCamera: false, enableMic: false },
    ],
    [
      { role: 'anchor', scene: 'live' },
      { enableCamera: true, enableMic: true },
    ],
    [
      { role: 'audience', scene: 'voicechatroom', camera: true, microphone: true },
      { enableCamera: false, enableMic: false },
    ],
  ] as const)('%p publishes %p', (params, expected) => {
    const h = createHarness();
    expect(h.enter(params)).toMatchObject({ ...expected, autopush: true });
    expect(h.client.getLocal().role).toBe('role' in params ? params.role : 'anchor');
  });

  it('applies initial live-pusher settings and keeps the other defaults', () => {
    const h = createHarness();
    const attrs = h.enter({ pusher: { beauty: 5, devicePosition: 'back', maxBitrate: 1200 } });
    expect(attrs).toMatchObject({ beauty: 5, devicePosition: 'back', maxBitrate: 1200 });
    expect(attrs.minBitrate).toBe(DEFAULT_PUSHER_ATTRIBUTES.minBitrate);
    expect(h.client.getLocal().cameraPosition).toBe('back');
  });

  it('never modifies the params object', () => {
    const h = createHarness();
    const params = {
      ...ROOM_PARAMS,
      scene: 'live',
      role: 'anchor',
      pusher: Object.freeze({ beauty: 3 }),
    } as const;
    const copy = JSON.parse(JSON.stringify(params)) as unknown;
    h.client.enterRoom(Object.freeze(params));
    expect(params).toEqual(copy);
    expect(Object.keys(params).sort()).toEqual(Object.keys(copy as object).sort());
  });

  describe('invalid params throw a typed error and change nothing', () => {
    const cases: [string, unknown, string][] = [
      ['null', null, TrtcErrorCode.InvalidParameter],
      ['a string', 'room', TrtcErrorCode.InvalidParameter],
      ['no sdkAppId', { ...ROOM_PARAMS, sdkAppId: undefined }, TrtcErrorCode.InvalidSdkAppId],
      ['a bad sdkAppId', { ...ROOM_PARAMS, sdkAppId: -1 }, TrtcErrorCode.InvalidSdkAppId],
      ['no room', { ...ROOM_PARAMS, roomId: undefined }, TrtcErrorCode.RoomIdMissing],
      ['both room ids', { ...ROOM_PARAMS, strRoomId: 'abc' }, TrtcErrorCode.RoomIdConflict],
      [
        'a strRoomId a URL cannot carry',
        { ...ROOM_PARAMS, roomId: undefined, strRoomId: 'a&b' },
        TrtcErrorCode.InvalidStrRoomId,
      ],
      ['no userId', { ...ROOM_PARAMS, userId: '' }, TrtcErrorCode.InvalidUserId],
      ['no userSig', { ...ROOM_PARAMS, userSig: ' ' }, TrtcErrorCode.UserSigMissing],
      ['a bad scene', { ...ROOM_PARAMS, scene: 'party' }, TrtcErrorCode.InvalidParameter],
      ['a bad role', { ...ROOM_PARAMS, role: 'host' }, TrtcErrorCode.InvalidParameter],
      [
        'an audience outside live scenes',
        { ...ROOM_PARAMS, role: 'audience' },
        TrtcErrorCode.InvalidParameter,
      ],
      ['a non-boolean camera', { ...ROOM_PARAMS, camera: 'yes' }, TrtcErrorCode.InvalidParameter],
      [
        'a non-boolean microphone',
        { ...ROOM_PARAMS, microphone: 1 },
        TrtcErrorCode.InvalidParameter,
      ],
      [
        'a bad pusher setting',
        { ...ROOM_PARAMS, pusher: { beauty: 10 } },
        TrtcErrorCode.InvalidParameter,
      ],
      [
        'a managed pusher attribute',
        { ...ROOM_PARAMS, pusher: { url: 'room://x' } },
        TrtcErrorCode.InvalidParameter,
      ],
    ];

    it.each(cases)('%s → %s', (_, params, code) => {
      const h = createHarness();
      const before = h.client.getPusherAttributes();
      expect(thrownCode(() => h.client.enterRoom(params as EnterRoomParams))).toBe(code);
      expect(h.client.getState()).toBe('idle');
      expect(h.client.getPusherAttributes()).toBe(before);
      expect(h.client.getLocal().userId).toBeNull();
      expect(h.events).toEqual([]);
      expect(h.scheduler.pending()).toBe(0);
    });

    it('after a failure, a bad retry leaves the failed state and its reason alone', () => {
      const h = createHarness();
      h.enter();
      h.pusher(pusherState(-3301, 'enter failed'));
      expect(h.client.getState()).toBe('failed');
      h.clearEvents();
      expect(thrownCode(() => h.enter({ userSig: '' }))).toBe(TrtcErrorCode.UserSigMissing);
      expect(h.client.getState()).toBe('failed');
      expect(h.events).toEqual([]);
    });
  });

  it.each(['entering', 'joined', 'reconnecting', 'leaving'] as const)(
    'in state %s throws INVALID_STATE and changes nothing',
    (state) => {
      const h = createHarness();
      h.enter();
      if (state !== 'entering') h.pusher(1018);
      if (state === 'reconnecting') h.pusher(-1307);
      if (state === 'leaving') {
        h.adapter.hangNext('stop');
        void h.client.exitRoom();
      }
      expect(h.client.getState()).toBe(state);
      const attrs = h.client.getPusherAttributes();
      h.clearEvents();
      const error = thrownTrtcError(() => h.enter({ roomId: 99 }));
      expect(error).toMatchObject({ code: TrtcErrorCode.InvalidState });
      expect(String(error)).toContain(`while the room is ${state}`);
      expect(h.client.getState()).toBe(state);
      expect(h.client.getPusherAttributes()).toBe(attrs);
      expect(h.events).toEqual([]);
    },
  );

  it.each(['left', 'kicked', 'failed'] as const)('is allowed again from %s', async (state) => {
    const h = createHarness();
    h.join();
    if (state === 'left') await h.client.exitRoom();
    if (state === 'kicked') h.pusher(pusherState(1019, 'exit room success, reason[1]'));
    if (state === 'failed') h.pusher(-100018);
    expect(h.client.getState()).toBe(state);
    const attrs = h.enter({ roomId: 99 });
    expect(h.client.getState()).toBe('entering');
    expect(attrs.url).toContain('&roomid=99&');
    expect(attrs.autopush).toBe(true);
    h.pusher(1018);
    expect(h.client.getState()).toBe('joined');
  });
});

describe('1018', () => {
  it('moves entering to joined and cancels the enter timeout', () => {
    const h = createHarness({ enterTimeoutMs: 5000 });
    h.enter();
    h.pusher(pusherState(1018, 'enter room success'));
    expect(h.client.getState()).toBe('joined');
    expect(h.lines()).toEqual(['state entering', 'state joined']);
    h.scheduler.advance(60_000);
    expect(h.client.getState()).toBe('joined');
    expect(h.scheduler.pending()).toBe(0);
  });

  it('is ignored outside entering and reconnecting', () => {
    const h = createHarness();
    h.pusher(1018);
    expect(h.client.getState()).toBe('idle');
    h.join();
    h.pusher(1018);
    expect(h.events.filter((e) => e.name === 'connection-state-changed')).toEqual([]);
  });
});

describe('entry failures', () => {
  // -100006: a PrivateMapKey refused; -100015: an SDKAppID TRTC does not know.
  it.each([1022, -3301, -100006, -100015])(
    '%i while entering → failed {enter-failed, code}',
    async (code) => {
      const h = createHarness();
      h.enter();
      h.pusher(pusherState(code, 'enter room failed'));
      expect(h.client.getState()).toBe('failed');
      expect(failure(h)).toEqual({ kind: 'enter-failed', code, message: 'enter room failed' });
      expect(h.argsOf('native-error').map(([e]) => e.code)).toEqual([code]);
      // Failing forgets the room: no URL, no timers left to fire.
      expect(h.client.getPusherAttributes()).toMatchObject({ url: '', autopush: false });
      await flushMicrotasks(); // the pusher stop settles
      expect(h.scheduler.pending()).toBe(0);
      expect(h.calls()).toEqual(['pusher.stop']);
    },
  );

  it.each([1022, -3301, -100006])('%i while joined does not fail the room', (code) => {
    const h = createHarness();
    h.join();
    h.pusher(code);
    expect(h.client.getState()).toBe('joined');
  });

  it('names the refused PrivateMapKey in the native-error', () => {
    const h = createHarness();
    h.enter();
    h.pusher(pusherState(-100006, 'PrivateMapKey check failed'));
    expect(h.argsOf('native-error').map(([e]) => [e.code, e.name])).toEqual([
      [-100006, 'private-map-key-invalid'],
    ]);
  });

  it('no 1018 within enterTimeoutMs → failed {enter-timeout}', () => {
    const h = createHarness({ enterTimeoutMs: 4000 });
    h.enter();
    h.scheduler.advance(3999);
    expect(h.client.getState()).toBe('entering');
    h.scheduler.advance(1);
    expect(h.client.getState()).toBe('failed');
    expect(failure(h)).toEqual({ kind: 'enter-timeout', timeoutMs: 4000 });
    expect(h.client.getPusherAttributes().url).toBe('');
  });

  it('the default enter timeout is 10 s', () => {
    const h = createHarness();
    h.enter();
    h.scheduler.advance(9999);
    expect(h.client.getState()).toBe('entering');
    h.scheduler.advance(1);
    expect(failure(h)).toEqual({ kind: 'enter-timeout', timeoutMs: 10_000 });
  });

  it('a second entry gets a fresh enter timer', () => {
    const h = createHarness({ enterTimeoutMs: 4000 });
    h.enter();
    h.scheduler.advance(4000);
    expect(h.client.getState()).toBe('failed');
    h.scheduler.advance(3000);
    h.enter();
    h.scheduler.advance(3999);
    expect(h.client.getState()).toBe('entering');
    h.scheduler.advance(1);
    expect(h.client.getState()).toBe('failed');
  });
});

describe('-100018: the UserSig was rejected', () => {
  const sign = (options: { sdkAppId?: number; userId?: string; now?: number; expire?: number }) =>
    genTestUserSig({
      sdkAppId: options.sdkAppId ?? SDK_APP_ID,
      userId: options.userId ?? 'me',
      secretKey: SECRET,
      now: options.now ?? START_TIME - 1000,
      expire: options.expire ?? 86400,
    });

  function rejectedWith(userSig: string, startTime = START_TIME) {
    const h = createHarness({ startTime });
    h.enter({ userSig });
    h.pusher(pusherState(-100018, 'userSig check failed'));
    expect(h.client.getState()).toBe('failed');
    const reason = failure(h);
    if (reason?.kind !== 'user-sig-invalid') throw new Error(`failed with ${reason?.kind}`);
    expect(reason.code).toBe(-100018);
    return reason.diagnosis;
  }

  it('an expired UserSig (on the client clock) → expired', () => {
    const sig = sign({ now: START_TIME - 2 * 86400_000, expire: 86400 });
    expect(rejectedWith(sig)).toMatchObject({ problem: 'expired' });
  });

  it('the expiry is checked against scheduler.now(), not the host clock', () => {
    // Signed for one day from START_TIME: still valid at START_TIME + 1 h, expired a day later.
    const sig = sign({ now: START_TIME, expire: 86400 });
    expect(rejectedWith(sig, START_TIME + 3600_000)).toMatchObject({ problem: 'none' });
    expect(rejectedWith(sig, START_TIME + 2 * 86400_000)).toMatchObject({ problem: 'expired' });
  });

  it('a UserSig for another SDKAppID → sdkappid-mismatch', () => {
    expect(rejectedWith(sign({ sdkAppId: 1400000002 }))).toMatchObject({
      problem: 'sdkappid-mismatch',
    });
  });

  it('a UserSig for another user → identifier-mismatch', () => {
    expect(rejectedWith(sign({ userId: 'someone-else' }))).toMatchObject({
      problem: 'identifier-mismatch',
    });
  });

  it('a garbage UserSig → malformed', () => {
    expect(rejectedWith('not-a-user-sig')).toMatchObject({ problem: 'malformed' });
  });

  it('a well-formed, matching, unexpired UserSig → none (the signature or the service)', () => {
    const diagnosis = rejectedWith(sign({}));
    expect(diagnosis).toMatchObject({ problem: 'none' });
    expect(diagnosis?.message).toMatch(/secret key/);
  });

  it('also fails a joined room, and forgets it', () => {
    const h = createHarness();
    h.join({ userSig: 'garbage' });
    h.pusher(-100018);
    expect(h.client.getState()).toBe('failed');
    expect(failure(h)).toMatchObject({
      kind: 'user-sig-invalid',
      diagnosis: { problem: 'malformed' },
    });
    expect(h.client.getPusherAttributes().url).toBe('');
  });

  it('is ignored when no room is live', () => {
    const h = createHarness();
    h.pusher(-100018);
    expect(h.client.getState()).toBe('idle');
  });
});

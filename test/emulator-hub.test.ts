import { createRequire } from 'node:module';
import { DEV_SDK_APP_ID, DEV_SECRET_KEY, parseRoomKey, roomKeyOf } from '../emulator/hub';
import { decodePusherStateChange } from '../src/core/protocol';
import { genTestUserSig } from '../src/usersig';
import { AV, HubClient, MIC, NONE, ROOM, START, createHub, roomUrl } from './fakes/emulator-hub';
import { describe as show } from './fakes/emulator-sink';
import { signOfficially } from './fakes/usersig-oracle';

const codes = (client: HubClient): string[] => client.sink.pusherStates().map(show);

describe('RoomHub: connecting and entering', () => {
  it('greets each client with hello', () => {
    const { hub } = createHub();
    const client = new HubClient(hub);
    expect(client.sink.frames[0]).toEqual({
      type: 'hello',
      version: 1,
      emulator: expect.stringMatching(/^trtc-room-emulator \d/),
    });
  });

  it('tells a newcomer who is there and the others about the newcomer', () => {
    const { hub } = createHub();
    const alice = new HubClient(hub).enter('alice', AV);
    const bob = new HubClient(hub).enter('bob', MIC);
    expect(codes(alice)).toEqual(['1018', '1031 bob', '1034 bob audio on']);
    expect(codes(bob)).toEqual(['1018', '1031 alice', '1033 alice main on', '1034 alice audio on']);
    for (const detail of bob.sink.pusherStates()) {
      expect(decodePusherStateChange(detail).type).not.toBe('malformed');
    }
  });

  it('writes play URLs as the native engine does', () => {
    const { hub } = createHub();
    new HubClient(hub).enter('alice', AV);
    const bob = new HubClient(hub).enter('bob');
    const video = decodePusherStateChange(bob.sink.pusherStates()[2]);
    expect(video).toMatchObject({
      type: 'remote-video-changed',
      users: [
        {
          userId: 'alice',
          streamType: 'main',
          hasVideo: true,
          playUrl: 'room://cloud.tencent.com/rtc?userid=alice&streamtype=main',
        },
      ],
    });
  });

  it('snapshots rooms and participants', () => {
    const { hub } = createHub();
    new HubClient(hub).enter('alice', AV).play('bob_main');
    new HubClient(hub).enter('bob', MIC);
    expect(hub.rooms()).toHaveLength(1);
    expect(hub.room(ROOM)).toEqual({
      key: ROOM,
      sdkAppId: DEV_SDK_APP_ID,
      roomId: 2024,
      strRoomId: null,
      scene: 'videocall',
      participants: [
        {
          userId: 'alice',
          kind: 'client',
          role: 'anchor',
          platform: 'android',
          camera: true,
          microphone: true,
          muted: false,
          screen: false,
          volume: 0,
          playing: ['bob_main'],
          joinedAt: START,
        },
        {
          userId: 'bob',
          kind: 'client',
          role: 'anchor',
          platform: 'android',
          camera: false,
          microphone: true,
          muted: false,
          screen: false,
          volume: 0,
          playing: [],
          joinedAt: START,
        },
      ],
    });
    expect(hub.room('1:1')).toBeNull();
  });

  it('keeps room 123 and room "123" apart, and rooms of other SDKAppIDs', () => {
    const { hub } = createHub();
    const a = new HubClient(hub).enter('alice', NONE, { roomId: 123 });
    new HubClient(hub).enter('bob', NONE, { strRoomId: '123' });
    new HubClient(hub).enter('carol', NONE, { roomId: 123, sdkAppId: 1400000002 });
    expect(codes(a)).toEqual(['1018']);
    expect(
      hub
        .rooms()
        .map((r) => r.key)
        .sort(),
    ).toEqual(['1400000001:123', '1400000001:str:123', '1400000002:123']);
    expect(hub.room('1400000001:str:123')).toMatchObject({ roomId: null, strRoomId: '123' });
  });

  it('drops a room when its last participant leaves', () => {
    const { hub } = createHub();
    const alice = new HubClient(hub).enter('alice');
    alice.exit();
    expect(codes(alice)).toEqual(['1018', '1019']);
    expect(alice.sink.pusherStates()[1]!.message).toContain('reason[0]');
    expect(hub.rooms()).toEqual([]);
  });

  it('lets the same user entering again kick the older session (1019 reason[1])', () => {
    const { hub } = createHub();
    const watcher = new HubClient(hub).enter('watcher');
    const first = new HubClient(hub).enter('alice', AV);
    const second = new HubClient(hub).enter('alice', MIC);
    expect(decodePusherStateChange(first.sink.pusherStates().at(-1))).toMatchObject({
      type: 'room-exited',
      reason: 'kicked',
    });
    expect(codes(second)).toEqual(['1018', '1031 watcher']);
    expect(codes(watcher).slice(-3)).toEqual(['1032 alice', '1031 alice', '1034 alice audio on']);
    expect(hub.room(ROOM)?.participants.map((p) => p.userId)).toEqual(['watcher', 'alice']);
  });
});

describe('RoomHub: UserSig', () => {
  const lastState = (client: HubClient) => client.sink.pusherStates().at(-1);

  it('accepts a UserSig from genTestUserSig and from the official tls-sig-api-v2', () => {
    const { hub } = createHub();
    const official = signOfficially(DEV_SDK_APP_ID, DEV_SECRET_KEY, START, (api) =>
      api.genUserSig('bob', 86400),
    );
    const alice = new HubClient(hub).enter('alice');
    const bob = new HubClient(hub).enter('bob', NONE, { userSig: official });
    expect(codes(alice)).toEqual(['1018', '1031 bob']);
    expect(codes(bob)).toEqual(['1018', '1031 alice']);
  });

  it('verifies with the configured secret key', () => {
    const { hub } = createHub({ secretKey: 'my-own-key' });
    const good = new HubClient(hub).enter('alice', NONE, { secretKey: 'my-own-key' });
    const dev = new HubClient(hub).enter('bob');
    expect(codes(good)).toEqual(['1018']);
    expect(lastState(dev)).toEqual({
      code: -100018,
      message: expect.stringContaining('bad-signature'),
    });
    expect(hub.room(ROOM)?.participants).toHaveLength(1);
  });

  it('refuses a UserSig signed with another key', () => {
    const { hub } = createHub();
    const bad = signOfficially(DEV_SDK_APP_ID, 'another-key', START, (api) =>
      api.genUserSig('alice', 86400),
    );
    const client = new HubClient(hub).enter('alice', NONE, { userSig: bad });
    expect(decodePusherStateChange(lastState(client))).toMatchObject({
      type: 'user-sig-invalid',
      code: -100018,
    });
    expect(hub.rooms()).toEqual([]);
  });

  it('refuses an expired UserSig with "expired" in the message', () => {
    const { hub, scheduler } = createHub();
    const sig = genTestUserSig({
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: DEV_SECRET_KEY,
      userId: 'alice',
      expire: 60,
      now: START,
    });
    scheduler.advance(61_000);
    const client = new HubClient(hub).enter('alice', NONE, { userSig: sig });
    expect(lastState(client)).toEqual({
      code: -100018,
      message: expect.stringMatching(
        /^userSig 校验失败，请检查 userSig 是否正确 \(emulator: UserSig expired at .*\)$/,
      ),
    });
  });

  it('checks time on the hub scheduler, so a frozen clock keeps a sig valid', () => {
    const { hub, scheduler } = createHub();
    const sig = genTestUserSig({
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: DEV_SECRET_KEY,
      userId: 'alice',
      expire: 60,
      now: START,
    });
    scheduler.advance(59_000);
    expect(codes(new HubClient(hub).enter('alice', NONE, { userSig: sig }))).toEqual(['1018']);
  });

  it('refuses a UserSig for another user or SDKAppID, and a malformed one', () => {
    const { hub } = createHub();
    const forBob = genTestUserSig({
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: DEV_SECRET_KEY,
      userId: 'bob',
      now: START,
    });
    const otherApp = genTestUserSig({
      sdkAppId: 1400000009,
      secretKey: DEV_SECRET_KEY,
      userId: 'alice',
      now: START,
    });
    const cases: [string, string][] = [
      [forBob, 'identifier-mismatch'],
      [otherApp, 'sdkappid-mismatch'],
      ['not-a-usersig', 'malformed'],
    ];
    for (const [userSig, reason] of cases) {
      const client = new HubClient(hub).enter('alice', NONE, { userSig });
      expect(lastState(client)).toEqual({
        code: -100018,
        message: expect.stringContaining(reason),
      });
    }
    expect(hub.rooms()).toEqual([]);
  });

  it('refuses a bad URL with -3301 and the reason', () => {
    const { hub } = createHub();
    const client = new HubClient(hub);
    client.send({ type: 'enter', url: 'room://example.com/x?sdkappid=1', publish: NONE });
    client.send({
      type: 'enter',
      url: roomUrl('alice').replace('roomid=2024', 'roomid=0'),
      publish: NONE,
    });
    expect(client.sink.pusherStates()).toEqual([
      { code: -3301, message: expect.stringContaining('room://cloud.tencent.com/rtc') },
      { code: -3301, message: expect.stringContaining('roomId') },
    ]);
  });
});

describe('room keys', () => {
  it('round-trip through roomKeyOf and parseRoomKey', () => {
    for (const ref of [
      { sdkAppId: 1400000001, roomId: 1 },
      { sdkAppId: 1400000001, roomId: 4294967295 },
      { sdkAppId: 1, strRoomId: '123' },
      { sdkAppId: 1, strRoomId: 'a:str:b' },
    ]) {
      expect(parseRoomKey(roomKeyOf(ref))).toEqual(ref);
    }
  });

  it('refuse what is not a key', () => {
    for (const key of [
      '',
      '1',
      '1:',
      'x:1',
      '1:0',
      '1:4294967296',
      '0:5',
      '1:str:',
      '1:-3',
      '1:1.5',
    ]) {
      expect(parseRoomKey(key)).toBeNull();
    }
  });
});

// The official signer must be loadable here (it is the oracle of the UserSig tests above).
it('has tls-sig-api-v2 installed', () => {
  expect(() => createRequire(__filename).resolve('tls-sig-api-v2/TLSSigAPIv2.js')).not.toThrow();
});

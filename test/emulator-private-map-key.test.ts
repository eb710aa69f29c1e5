// PrivateMapKeys: a room that requires them refuses an enter without a valid key for this user,
// SDKAppID and room (-3301, with the reason), and withholds what the key does not let the client
// send (-100006); rooms without the requirement ignore the key.
import { DEV_SDK_APP_ID, DEV_SECRET_KEY } from '../emulator/dev-key';
import type { Privileges } from '../src/usersig';
import { genPrivateMapKey, genTestUserSig } from '../src/usersig';
import type { EnterOptions } from './fakes/emulator-hub';
import { AV, HubClient, MIC, NONE, ROOM, START, createHub } from './fakes/emulator-hub';
import { linkedClient } from './fakes/emulator-linked-client';
import { describe as describeState } from './fakes/emulator-sink';
import { flushMicrotasks } from './fakes/manual-scheduler';

interface KeyOptions {
  readonly userId?: string;
  readonly sdkAppId?: number;
  readonly secretKey?: string;
  readonly roomId?: number;
  readonly strRoomId?: string;
  readonly privileges?: Privileges;
  readonly expire?: number;
}

/** A PrivateMapKey for room 2024 and `userId`, granting everything unless told otherwise. */
function keyFor(userId: string, options: KeyOptions = {}): string {
  const room =
    options.strRoomId !== undefined
      ? { strRoomId: options.strRoomId }
      : { roomId: options.roomId ?? 2024 };
  return genPrivateMapKey({
    sdkAppId: options.sdkAppId ?? DEV_SDK_APP_ID,
    secretKey: options.secretKey ?? DEV_SECRET_KEY,
    userId: options.userId ?? userId,
    privileges: options.privileges ?? 255,
    expire: options.expire ?? 3600,
    now: START,
    ...room,
  });
}

function requiringHub(): ReturnType<typeof createHub> {
  const test = createHub();
  test.hub.configureRoom(ROOM, { requirePrivateMapKey: true });
  return test;
}

const statesOf = (client: HubClient) => client.sink.pusherStates();
const said = (client: HubClient): string[] => statesOf(client).map(describeState);

describe('a room that requires PrivateMapKeys', () => {
  it('refuses an enter without a key with -1307, as the mini-program error codes say', () => {
    const { hub } = requiringHub();
    const alice = new HubClient(hub).enter('alice', AV);
    expect(statesOf(alice)).toEqual([
      {
        code: -1307,
        message: expect.stringMatching(
          /\(emulator: missing: this room requires a PrivateMapKey and the URL has none\)$/,
        ),
      },
    ]);
    expect(hub.rooms()).toEqual([]);
  });

  const refusals: [string, () => EnterOptions, RegExp][] = [
    ['malformed', () => ({ privateMapKey: 'not-a-key' }), /^malformed: /],
    [
      'a UserSig',
      () => ({
        privateMapKey: genTestUserSig({
          sdkAppId: DEV_SDK_APP_ID,
          secretKey: DEV_SECRET_KEY,
          userId: 'alice',
          now: START,
        }),
      }),
      /^not-a-private-map-key: the privatemapkey is a UserSig: it grants no room$/,
    ],
    [
      'another SDKAppID',
      () => ({ privateMapKey: keyFor('alice', { sdkAppId: 1400000002 }) }),
      /^sdkappid-mismatch: /,
    ],
    [
      'another user',
      () => ({ privateMapKey: keyFor('alice', { userId: 'bob' }) }),
      /^identifier-mismatch: /,
    ],
    [
      'another room',
      () => ({ privateMapKey: keyFor('alice', { roomId: 2025 }) }),
      /^room-mismatch: granted for room 2025, not room 2024$/,
    ],
    [
      'the string room of the same name',
      () => ({ privateMapKey: keyFor('alice', { strRoomId: '2024' }) }),
      /^room-mismatch: granted for string room "2024", not room 2024$/,
    ],
    [
      'another secret key',
      () => ({ privateMapKey: keyFor('alice', { secretKey: 'someone-else' }) }),
      /^bad-signature: /,
    ],
    [
      'no enter-room privilege',
      () => ({ privateMapKey: keyFor('alice', { privileges: 255 - 2 }) }),
      /^no-enter-privilege: the privilege map 253 lacks enter-room \(2\)$/,
    ],
  ];

  it.each(refusals)(
    'refuses %s with -100006, and the client is not in the room',
    (_, options, why) => {
      const { hub } = requiringHub();
      hub.addBot(ROOM, { userId: 'bot', microphone: true });
      const alice = new HubClient(hub).enter('alice', AV, options());
      const [refusal, ...rest] = statesOf(alice);
      expect(refusal?.code).toBe(-100006);
      const prefix = 'PrivateMapKey check failed: ';
      expect(String(refusal?.message).startsWith(prefix)).toBe(true);
      expect(String(refusal?.message).slice(prefix.length)).toMatch(why);
      expect(rest).toEqual([]);
      expect(hub.room(ROOM)?.participants.map((p) => p.userId)).toEqual(['bot']);
    },
  );

  it('refuses an expired key with -100006', () => {
    const { hub, scheduler } = requiringHub();
    const privateMapKey = keyFor('alice', { expire: 60 });
    scheduler.advance(61_000);
    const alice = new HubClient(hub).enter('alice', NONE, { privateMapKey });
    expect(statesOf(alice)[0]?.message).toMatch(
      /^PrivateMapKey check failed: expired: the PrivateMapKey's room grant expired at /,
    );
  });

  it.each([
    ['a numeric room', {}, {}],
    ['a string room', { strRoomId: 'lobby' }, { strRoomId: 'lobby' }],
  ])('lets a valid key into %s', (_, room, keyRoom) => {
    const { hub } = createHub();
    const key = 'strRoomId' in room ? `${DEV_SDK_APP_ID}:str:lobby` : ROOM;
    hub.configureRoom(key, { requirePrivateMapKey: true });
    const alice = new HubClient(hub).enter('alice', AV, {
      ...room,
      privateMapKey: keyFor('alice', keyRoom),
    });
    expect(said(alice)).toEqual(['1018']);
  });

  it('withholds what the key does not grant, says so with -100006, and the others see the rest', () => {
    const { hub } = requiringHub();
    const bob = new HubClient(hub).enter('bob', NONE, { privateMapKey: keyFor('bob') });
    const privateMapKey = keyFor('alice', { privileges: ['enter-room', 'send-audio'] });
    const alice = new HubClient(hub).enter('alice', AV, { privateMapKey });
    expect(statesOf(alice)).toEqual([
      { code: 1018, message: expect.any(String) },
      { code: 1031, message: '{"userlist":[{"userid":"bob"}]}' },
      {
        code: -100006,
        message: 'PrivateMapKey check failed: the key lacks send-video (16): not published',
      },
    ]);
    expect(said(bob)).toEqual(['1018', '1031 alice', '1034 alice audio on']);
    expect(hub.room(ROOM)?.participants[1]).toMatchObject({ camera: false, microphone: true });
    alice.publish(MIC);
    alice.publish(AV);
    expect(statesOf(alice).map((d) => d.code)).toEqual([1018, 1031, -100006, -100006]);
    expect(said(bob)).toHaveLength(3);
  });

  it('a key without send privileges keeps a live-room client from publishing', () => {
    const { hub } = requiringHub();
    const host = new HubClient(hub).enter('host', MIC, {
      scene: 'live',
      privateMapKey: keyFor('host'),
    });
    const privateMapKey = keyFor('fan', { privileges: ['enter-room', 'receive-audio'] });
    const fan = new HubClient(hub).enter('fan', NONE, { scene: 'live', privateMapKey });
    fan.publish(MIC);
    expect(said(fan)).toEqual(['1018', '1031 host', '1034 host audio on', '-100006']);
    expect(statesOf(fan)[3]?.message).toBe(
      'PrivateMapKey check failed: the key lacks send-audio (4): not published',
    );
    expect(said(host)).toEqual(['1018', '1031 fan']);
  });
});

describe('rooms without the requirement', () => {
  it('ignore the privatemapkey, valid or not, and every other room is unaffected', () => {
    const { hub } = createHub();
    hub.configureRoom(`${DEV_SDK_APP_ID}:9999`, { requirePrivateMapKey: true });
    const plain = new HubClient(hub).enter('alice', AV);
    const garbage = new HubClient(hub).enter('bob', AV, { privateMapKey: 'garbage' });
    const stingy = new HubClient(hub).enter('carol', AV, {
      privateMapKey: keyFor('carol', { privileges: 2 }),
    });
    expect(said(plain)[0]).toBe('1018');
    expect(said(garbage)[0]).toBe('1018');
    expect(said(stingy).filter((s) => s === '-100006')).toEqual([]);
    expect(hub.room(ROOM)?.participants.every((p) => p.camera)).toBe(true);
  });

  it('the emulator-wide default applies to rooms without their own setting', () => {
    const { hub } = createHub({ requirePrivateMapKey: true });
    hub.configureRoom(`${DEV_SDK_APP_ID}:9999`, { requirePrivateMapKey: false });
    expect(said(new HubClient(hub).enter('alice'))[0]).toBe('-1307');
    expect(said(new HubClient(hub).enter('bob', NONE, { roomId: 9999 }))[0]).toBe('1018');
    expect(hub.roomSettings(ROOM)).toEqual({
      scene: null,
      platform: 'android',
      requirePrivateMapKey: true,
    });
  });
});

describe('RoomClient over EmulatorLink in a room that requires PrivateMapKeys', () => {
  const params = (userId: string, privateMapKey: string) => ({
    sdkAppId: DEV_SDK_APP_ID,
    roomId: 2024,
    userId,
    privateMapKey,
    userSig: genTestUserSig({
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: DEV_SECRET_KEY,
      userId,
      now: START,
    }),
  });

  it('a publish refused after 1018 keeps the link in the room: later changes still reach it', async () => {
    const { hub, scheduler } = requiringHub();
    const { client } = linkedClient(hub, scheduler);
    const privateMapKey = keyFor('alice', { privileges: ['enter-room', 'send-audio'] });
    void client.enterRoom(params('alice', privateMapKey));
    await flushMicrotasks();
    expect(client.getState()).toBe('joined');
    expect(hub.room(ROOM)?.participants[0]).toMatchObject({ camera: false, microphone: true });
    client.unpublishMicrophone();
    await flushMicrotasks();
    expect(hub.room(ROOM)?.participants[0]).toMatchObject({ microphone: false });
  });

  it('an enter refused with -100006 leaves the link out of the room; the next enter is fresh', async () => {
    const { hub, scheduler } = requiringHub();
    const { client, received } = linkedClient(hub, scheduler);
    const changes: unknown[] = [];
    client.on('connection-state-changed', (change) => changes.push(change));
    void client.enterRoom(params('alice', keyFor('alice', { roomId: 1 })));
    await flushMicrotasks();
    expect(hub.rooms()).toEqual([]);
    // A refused entry (docs/protocol.md §2.1): failed at once, with the code, no timeout needed.
    expect(client.getState()).toBe('failed');
    expect(changes[changes.length - 1]).toMatchObject({
      to: 'failed',
      reason: { kind: 'enter-failed', code: -100006 },
    });
    void client.enterRoom(params('alice', keyFor('alice')));
    await flushMicrotasks();
    expect(client.getState()).toBe('joined');
    const codes = received.flatMap((f) =>
      f.type === 'pusher' && f.event === 'statechange' ? [(f.detail as { code: number }).code] : [],
    );
    expect(codes).toEqual([-100006, 1018]);
  });
});

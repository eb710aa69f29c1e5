// Platforms: a client imitates iOS or Android (its enter frame, else its room's setting, else the
// emulator's default, android). iOS answers no exit with 1019 and ticks players without
// vDecCacheSize; Android answers exit with 1019 reason[0] and ticks vDecCacheSize.
import { DEV_SDK_APP_ID, DEV_SECRET_KEY } from '../emulator/dev-key';
import type { RunningEmulator } from '../emulator/index';
import { startEmulator } from '../emulator/index';
import type { EmulatorPlatform, ServerFrame } from '../src/core/emulator/wire';
import { genTestUserSig } from '../src/usersig';
import { enterFrame, isPusherCode, openClient } from './fakes/emulator-client';
import { AV, HubClient, MIC, ROOM, START, createHub, roomUrl } from './fakes/emulator-hub';
import { linkedClient } from './fakes/emulator-linked-client';
import { describe as describeState } from './fakes/emulator-sink';
import { flushMicrotasks } from './fakes/manual-scheduler';

const said = (client: HubClient): string[] => client.sink.pusherStates().map(describeState);
const pusherCodes = (frames: readonly ServerFrame[]): unknown[] =>
  frames.flatMap((f) =>
    f.type === 'pusher' && f.event === 'statechange' ? [(f.detail as { code: unknown }).code] : [],
  );

describe('exit', () => {
  it('Android (the default): the app stopping the pusher is answered with 1019 reason[0]', () => {
    const { hub } = createHub();
    const bob = new HubClient(hub).enter('bob', MIC);
    const alice = new HubClient(hub).enter('alice', AV).exit();
    expect(said(alice)).toEqual(['1018', '1031 bob', '1034 bob audio on', '1019']);
    expect(alice.sink.pusherStates()[3]?.message).toContain('reason[0]');
    expect(said(bob).at(-1)).toBe('1032 alice');
  });

  it('iOS: no 1019 after exit, though the others see the user leave', () => {
    const { hub } = createHub({ platform: 'ios' });
    const bob = new HubClient(hub).enter('bob', MIC);
    const alice = new HubClient(hub).enter('alice', AV).exit();
    expect(said(alice)).toEqual(['1018', '1031 bob', '1034 bob audio on']);
    expect(said(bob).at(-1)).toBe('1032 alice');
    expect(hub.room(ROOM)?.participants.map((p) => p.userId)).toEqual(['bob']);
  });

  it('iOS: kicks and dismissals still say 1019 reason[1] and reason[2]', () => {
    const { hub } = createHub({ platform: 'ios' });
    const alice = new HubClient(hub).enter('alice');
    hub.inject({ kind: 'kick', room: ROOM, userId: 'alice' });
    alice.enter('alice');
    hub.inject({ kind: 'dismiss', room: ROOM });
    const exits = alice.sink.pusherStates().filter((d) => d.code === 1019);
    expect(exits.map((d) => String(d.message).match(/reason\[\d\]/)?.[0])).toEqual([
      'reason[1]',
      'reason[2]',
    ]);
  });
});

describe('which platform a client gets', () => {
  const platformOf = (hubPlatform?: EmulatorPlatform, room?: EmulatorPlatform) => {
    const { hub } = createHub(hubPlatform === undefined ? {} : { platform: hubPlatform });
    if (room !== undefined) hub.configureRoom(ROOM, { platform: room });
    new HubClient(hub).enter('plain');
    new HubClient(hub).enter('named', MIC, { platform: 'ios' });
    return hub.room(ROOM)?.participants.map((p) => `${p.userId} ${p.platform}`);
  };

  it('its enter frame, else its room, else the emulator default', () => {
    expect(platformOf()).toEqual(['plain android', 'named ios']);
    expect(platformOf('ios')).toEqual(['plain ios', 'named ios']);
    expect(platformOf('ios', 'android')).toEqual(['plain android', 'named ios']);
  });

  it('an enter frame with another platform is refused as a bad frame', () => {
    const { hub } = createHub();
    const client = new HubClient(hub).send({
      type: 'enter',
      url: roomUrl('alice'),
      publish: MIC,
      platform: 'windows',
    } as unknown as Parameters<HubClient['send']>[0]);
    expect(client.sink.errors()).toEqual([
      { code: 'BAD_FRAME', message: 'enter "platform" must be "ios" or "android"' },
    ]);
    expect(hub.rooms()).toEqual([]);
  });

  it('a bad default platform is refused when the hub is made', () => {
    const platform = 'symbian' as EmulatorPlatform;
    expect(() => createHub({ platform })).toThrow(/platform must be "ios" or "android"/);
  });
});

describe('the socket URL names a platform (?platform=), for <trtc-room emulator="...">', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, tickMs: 60_000 });
  });
  afterEach(() => emulator.stop());

  it('applies it to the connection, below an enter frame, and refuses another with 400', async () => {
    const ios = await openClient(`${emulator.wsUrl}?platform=ios`);
    ios.send(enterFrame({ userId: 'alice', roomId: 1234 }));
    await ios.next(isPusherCode(1018));
    const named = await openClient(`${emulator.wsUrl}?platform=ios`);
    named.send(enterFrame({ userId: 'bob', roomId: 1234, platform: 'android' }));
    await named.next(isPusherCode(1018));
    const platforms = emulator.hub.room('1400000001:1234')?.participants.map((p) => p.platform);
    expect(platforms).toEqual(['ios', 'android']);
    await expect(openClient(`${emulator.wsUrl}?platform=tizen`)).rejects.toThrow(/400/);
    await Promise.all([ios.close(), named.close()]);
  });
});

describe('netstatus', () => {
  const ticks = (platform: EmulatorPlatform) => {
    const { hub, scheduler } = createHub();
    hub.addBot(ROOM, { userId: 'bob', camera: true, microphone: true });
    const alice = new HubClient(hub).enter('alice', AV, { platform }).play('bob_main');
    scheduler.advance(500);
    const keys = (details: Record<string, unknown>[]) =>
      Object.keys((details[0]?.info ?? {}) as object).sort();
    return {
      pusher: keys(alice.sink.pusherDetails('netstatus')),
      player: keys(alice.sink.playerDetails('netstatus', 'bob_main')),
    };
  };

  it('Android players tick vDecCacheSize, iOS players do not; pushers tick the same fields', () => {
    const android = ticks('android');
    const ios = ticks('ios');
    expect(android.pusher).toEqual(ios.pusher);
    expect(android.player.filter((key) => !ios.player.includes(key))).toEqual(['vDecCacheSize']);
    expect(ios.player.filter((key) => !android.player.includes(key))).toEqual([]);
    expect(ios.player).toHaveLength(15);
  });
});

describe('RoomClient over EmulatorLink', () => {
  const params = (userId: string) => ({
    sdkAppId: DEV_SDK_APP_ID,
    roomId: 2024,
    userId,
    userSig: genTestUserSig({
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: DEV_SECRET_KEY,
      userId,
      now: START,
    }),
  });

  it.each(['ios', 'android'] as const)(
    '%s: exitRoom leaves at once, entering again works, and the link sends the platform',
    async (platform) => {
      const { hub, scheduler } = createHub();
      const bob = new HubClient(hub).enter('bob', MIC);
      const { client, received } = linkedClient(hub, scheduler, platform);
      void client.enterRoom(params('alice'));
      await flushMicrotasks();
      expect(client.getState()).toBe('joined');
      expect(hub.room(ROOM)?.participants.find((p) => p.userId === 'alice')?.platform).toBe(
        platform,
      );
      const exited = client.exitRoom();
      await flushMicrotasks();
      await exited;
      expect(client.getState()).toBe('left');
      expect(scheduler.now()).toBe(START);
      expect(said(bob).at(-1)).toBe('1032 alice');
      expect(pusherCodes(received).includes(1019)).toBe(platform === 'android');
      void client.enterRoom(params('alice'));
      await flushMicrotasks();
      expect(client.getState()).toBe('joined');
      expect(client.getRemoteUsers().map((u) => u.userId)).toEqual(['bob']);
    },
  );
});

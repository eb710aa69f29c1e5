import { comparer } from 'mobx-miniprogram';
import { RoomClient, bindRoomView, createRoomStore, defaultRoomView } from '../src';
import type { SetDataPatch } from '../src';
import { RoomMirror } from '../src/core/store/room-mirror';
import { ManualScheduler } from './fakes/manual-scheduler';
import {
  audioChanged,
  audioVolume,
  pusherState,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';

const ENTER = { sdkAppId: 1400000001, userId: 'me', userSig: 'sig', roomId: 8 } as const;

function setup() {
  const store = createRoomStore({ clientOptions: { scheduler: new ManualScheduler() } });
  const sent: SetDataPatch[] = [];
  const ticks: (() => void)[] = [];
  const binding = bindRoomView(store, {
    setData: (patch) => sent.push(patch),
    defer: (flush) => ticks.push(flush),
  });
  const tick = (): void => {
    for (const flush of ticks.splice(0)) flush();
  };
  return { store, client: store.client, sent, tick, binding };
}

describe('createRoomStore', () => {
  it('makes a new client and store per call (no singleton)', () => {
    const a = createRoomStore();
    const b = createRoomStore();
    a.client.destroy();
    b.client.destroy();
    expect(a).not.toBe(b);
    expect(a.client).not.toBe(b.client);
    const client = new RoomClient();
    expect(createRoomStore({ client }).client).toBe(client);
    expect(createRoomStore(client).client).toBe(client);
  });

  it('mirrors connection, users, streams and players', () => {
    const { store, client } = setup();
    client.enterRoom(ENTER);
    expect(store.connection).toBe('entering');
    expect(store.pusher.url).toMatch(/^room:\/\//);
    client.handlePusherStateChange(pusherState(1018, ''));
    client.handlePusherStateChange(usersJoined('alice', 'bob'));
    client.handlePusherStateChange(videoChanged('alice', 'main', true));
    client.handlePusherStateChange(audioChanged('bob', true));
    expect(store.connection).toBe('joined');
    expect(store.users.map((u) => u.userId)).toEqual(['alice', 'bob']);
    expect(store.streams.map((s) => s.key)).toEqual(['alice_main', 'bob_main']);
    expect(store.players.map((p) => p.id)).toEqual(['alice_main', 'bob_main']);
    client.handlePusherStateChange(usersLeft('alice'));
    expect(store.users.map((u) => u.userId)).toEqual(['bob']);
    expect(store.players.map((p) => p.id)).toEqual(['bob_main']);
  });

  it('forgets the volume of a user who left: no speaker stays lit (store and mirror)', () => {
    const { store, client } = setup();
    const mirror = new RoomMirror(client);
    client.enterRoom(ENTER);
    client.handlePusherStateChange(pusherState(1018, ''));
    client.handlePusherStateChange(usersJoined('alice', 'bob'));
    client.handlePusherStateChange(audioChanged('alice', true));
    client.handlePusherStateChange(audioChanged('bob', true));
    client.handlePlayerAudioVolume('alice_main', audioVolume(60));
    client.handlePlayerAudioVolume('bob_main', audioVolume(40));
    expect(store.stats.speakers).toEqual(['alice', 'bob']);
    expect(mirror.stats.speakers).toEqual(['alice', 'bob']);
    client.handlePusherStateChange(usersLeft('alice'));
    expect(store.stats.volumes).toEqual({ bob: 40 });
    expect(store.stats.speakers).toEqual(['bob']);
    expect(mirror.stats.volumes).toEqual({ bob: 40 });
    expect(mirror.stats.speakers).toEqual(['bob']);
    // Back later, alice is quiet until she is heard again.
    client.handlePusherStateChange(usersJoined('alice'));
    expect(store.stats.speakers).toEqual(['bob']);
    mirror.dispose();
  });

  it('keeps volume ticks in the stats slice: lists keep their identity', () => {
    const { store, client } = setup();
    client.enterRoom(ENTER);
    client.handlePusherStateChange(pusherState(1018, ''));
    client.handlePusherStateChange(usersJoined('alice'));
    client.handlePusherStateChange(audioChanged('alice', true));
    const { users, streams, players } = store;
    for (let v = 0; v < 50; v++) client.handlePlayerAudioVolume('alice_main', audioVolume(v % 7));
    expect(store.stats.volumes).toEqual({ alice: 49 % 7 });
    expect(store.users).toBe(users);
    expect(store.streams).toBe(streams);
    expect(store.players).toBe(players);
  });

  it('records why the room failed or the user was kicked', () => {
    const { store, client } = setup();
    client.enterRoom(ENTER);
    client.handlePusherStateChange(pusherState(1022, 'no'));
    expect(store.connection).toBe('failed');
    expect(store.failure).toEqual({ kind: 'enter-failed', code: 1022, message: 'no' });
    client.enterRoom(ENTER);
    expect(store.failure).toBeNull();
    client.handlePusherStateChange(pusherState(1018, ''));
    client.handlePusherStateChange(pusherState(1019, 'reason[2]'));
    expect(store.connection).toBe('kicked');
    expect(store.kickReason).not.toBeNull();
  });

  it('computes the layout and changes it only when tiles move', () => {
    const { store, client } = setup();
    client.enterRoom(ENTER);
    client.handlePusherStateChange(pusherState(1018, ''));
    client.handlePusherStateChange(usersJoined('alice'));
    client.handlePusherStateChange(videoChanged('alice', 'main', true));
    expect(store.layout).toMatchObject({ kind: '1v1', main: 'alice_main', pip: 'local' });
    store.setLayout('grid', 2);
    expect(store.layout).toEqual({
      kind: 'grid',
      pageSize: 2,
      pages: [['local', 'alice_main']],
      overflow: 0,
    });
    expect(() => store.setLayout('mosaic' as never)).toThrow(/layout/);
  });

  it('rejects bad options with typed errors', () => {
    expect(() => createRoomStore({ pageSize: 12 })).toThrow(/pageSize/);
    expect(() => createRoomStore(7 as never)).toThrow(/options/);
  });
});

describe('bindRoomView: one minimal setData per tick', () => {
  it('sends the whole view once, then only changed paths', () => {
    const { client, sent, tick } = setup();
    tick();
    expect(sent).toHaveLength(1);
    expect(Object.keys(sent[0] ?? {}).sort()).toEqual(
      ['connection', 'layout', 'local', 'permissions', 'players', 'pusher'].sort(),
    );
    client.enterRoom(ENTER);
    client.handlePusherStateChange(pusherState(1018, ''));
    client.handlePusherStateChange(usersJoined('alice'));
    client.handlePusherStateChange(videoChanged('alice', 'main', true));
    client.handlePusherStateChange(audioChanged('alice', true));
    tick();
    expect(sent).toHaveLength(2);
    client.unsubscribeRemoteVideo('alice');
    tick();
    expect(sent).toHaveLength(3);
    // Alice stays the main tile (her avatar, now): only the player's attribute changes.
    expect(sent[2]).toEqual({ 'players[0].muteVideo': true });
  });

  it('a tick that changes nothing displayed sends nothing (volumes, quality, repeats)', () => {
    const { client, sent, tick, binding } = setup();
    client.enterRoom(ENTER);
    client.handlePusherStateChange(pusherState(1018, ''));
    client.handlePusherStateChange(usersJoined('alice'));
    client.handlePusherStateChange(audioChanged('alice', true));
    tick();
    const before = binding.patcher.stats;
    for (let i = 0; i < 20; i++) {
      client.handlePlayerAudioVolume('alice_main', audioVolume(i * 3));
      client.handlePusherAudioVolume(audioVolume(i));
      client.handlePusherStateChange(usersJoined('alice'));
      client.handlePusherStateChange(audioChanged('alice', true));
      tick();
    }
    expect(binding.patcher.stats).toEqual(before);
    expect(sent).toHaveLength(1);
  });

  it('is deterministic: a scripted call scenario has fixed setData counts and bytes', () => {
    const run = () => {
      const { client, tick: flush, binding } = setup();
      const log: number[] = [];
      const tick = (): void => {
        const calls = binding.patcher.stats.calls;
        flush();
        log.push(binding.patcher.stats.calls - calls);
      };
      tick();
      client.enterRoom(ENTER);
      tick();
      client.handlePusherStateChange(pusherState(1018, ''));
      tick();
      for (const user of ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']) {
        client.handlePusherStateChange(usersJoined(user));
        client.handlePusherStateChange(videoChanged(user, 'main', true));
        client.handlePusherStateChange(audioChanged(user, true));
        tick();
      }
      client.handlePusherStateChange(videoChanged('u2', 'main', false));
      tick();
      client.handlePusherStateChange(usersLeft('u3'));
      tick();
      return { ...binding.patcher.stats, log };
    };
    const first = run();
    expect(run()).toEqual(first);
    // initial view, enterRoom, 1018, u1..u6, u7 (over maxPlayers 6: no player, but counted in
    // the layout), u2's camera off, u3 leaves.
    expect(first.log).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(first.calls).toBe(12);
    // 6015 before the live-pusher attributes of base library 2.29.1-2.31.0 (voice changer,
    // custom effect) and live-player enable-auto-rotation joined the view; 6396 before
    // PlayerView.pictureInPictureMode ('' on every player here); 6656 before
    // PlayerView.enableCasting (false on every player here).
    expect(first.bytes).toBe(6902);
    expect(comparer.structural(first, run())).toBe(true);
  });

  it('selects the view once per tick, however many events the tick brought', () => {
    const store = createRoomStore({ clientOptions: { scheduler: new ManualScheduler() } });
    const ticks: (() => void)[] = [];
    let selections = 0;
    bindRoomView(store, {
      setData: () => undefined,
      defer: (flush) => ticks.push(flush),
      select: (s) => {
        selections += 1;
        return defaultRoomView(s);
      },
    });
    const tick = (): void => {
      for (const flush of ticks.splice(0)) flush();
    };
    store.client.enterRoom(ENTER);
    store.client.handlePusherStateChange(pusherState(1018, ''));
    tick();
    const before = selections;
    for (let i = 0; i < 50; i += 1) {
      store.client.handlePusherStateChange(usersJoined(`viewer${i}`));
      store.client.handlePusherStateChange(audioChanged(`viewer${i}`, true));
    }
    tick();
    expect(selections - before).toBe(1);
  });

  it('stops after dispose', () => {
    const { client, sent, tick, binding } = setup();
    tick();
    binding.dispose();
    client.enterRoom(ENTER);
    tick();
    expect(sent).toHaveLength(1);
  });
});

// Work the client and store skip on the events that come by the thousand (joins in a large live
// room, 2 Hz volume ticks), counted deterministically; npm run bench times the same paths.
import { reaction } from 'mobx-miniprogram';
import { createRoomStore } from '../src';
import * as layouts from '../src/core/room/layouts';
import * as playerPool from '../src/core/room/player-pool';
import type { LayoutKind } from '../src/core/room/layouts';
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

function enteredStore(layout: LayoutKind = 'grid', maxPlayers = 6) {
  const store = createRoomStore({
    layout,
    clientOptions: { scheduler: new ManualScheduler(), maxPlayers },
  });
  const client = store.client;
  client.enterRoom(ENTER);
  client.handlePusherStateChange(pusherState(1018, ''));
  return { store, client };
}

/** Users `a1`.. with camera and mic. */
function anchors(client: ReturnType<typeof enteredStore>['client'], count: number): string[] {
  const ids = Array.from({ length: count }, (_, i) => `a${i + 1}`);
  client.handlePusherStateChange(usersJoined(...ids));
  for (const id of ids) {
    client.handlePusherStateChange(videoChanged(id, 'main', true));
    client.handlePusherStateChange(audioChanged(id, true));
  }
  return ids;
}

afterEach(() => jest.restoreAllMocks());

describe('store users and streams', () => {
  it('are not read from the client per join while nothing reads them', () => {
    const { store, client } = enteredStore();
    const users = jest.spyOn(client, 'getRemoteUsers');
    const streams = jest.spyOn(client, 'getRemoteStreams');
    for (let i = 0; i < 1000; i += 20) {
      client.handlePusherStateChange(
        usersJoined(...Array.from({ length: 20 }, (_, k) => `viewer${i + k}`)),
      );
    }
    expect(users).not.toHaveBeenCalled();
    expect(streams).not.toHaveBeenCalled();
    expect(store.users).toHaveLength(1000);
    expect(users).toHaveBeenCalledTimes(1);
    expect(store.users).toBe(store.users);
    expect(users).toHaveBeenCalledTimes(1);
  });

  it('notify their observers on a change, keeping their identity when the content holds', () => {
    const { store, client } = enteredStore();
    const seen: string[][] = [];
    const stop = reaction(
      () => store.users,
      (users) => seen.push(users.map((u) => u.userId)),
    );
    client.handlePusherStateChange(usersJoined('alice', 'bob'));
    const before = store.users;
    client.handlePusherStateChange(usersJoined('alice')); // announced again: nothing new
    client.handlePusherStateChange(videoChanged('alice', 'main', true)); // a stream, not a user
    expect(store.users).toBe(before);
    client.handlePusherStateChange(usersLeft('bob'));
    stop();
    expect(seen).toEqual([['alice', 'bob'], ['alice']]);
    expect(store.streams.map((s) => s.key)).toEqual(['alice_main']);
    expect(Object.isFrozen(store.users)).toBe(true);
  });
});

describe('volume ticks', () => {
  it('do not recompute the players while every eligible stream has one', () => {
    const { client } = enteredStore('grid', 6);
    const ids = anchors(client, 3);
    const select = jest.spyOn(playerPool, 'selectPlayerStreams');
    for (let tick = 0; tick < 20; tick += 1) {
      ids.forEach((id, i) =>
        client.handlePlayerAudioVolume(`${id}_main`, audioVolume((tick * 7 + i * 31) % 100)),
      );
    }
    expect(select).not.toHaveBeenCalled();
  });

  it('recompute them when the player limit leaves an eligible stream out', () => {
    const { client } = enteredStore('grid', 2);
    anchors(client, 3);
    expect(client.getPlayers().map((p) => p.id)).toEqual(['a1_main', 'a2_main']);
    const select = jest.spyOn(playerPool, 'selectPlayerStreams');
    client.handlePlayerAudioVolume('a1_main', audioVolume(0));
    client.handlePlayerAudioVolume('a2_main', audioVolume(0));
    expect(select).toHaveBeenCalledTimes(2);
    // a3 has no player, so it reports no volume; a1 and a2 stay quiet: nobody is displaced.
    expect(client.getPlayers().map((p) => p.id)).toEqual(['a1_main', 'a2_main']);
    client.handlePlayerAudioVolume('a2_main', audioVolume(0)); // unchanged: no recompute
    expect(select).toHaveBeenCalledTimes(2);
  });
});

test('a late volume tick from a player on its way out ranks nobody later', () => {
  const { client } = enteredStore('grid', 2);
  anchors(client, 3);
  client.unsubscribeRemoteVideo('a2', 'main');
  client.unsubscribeRemoteAudio('a2');
  expect(client.getPlayers().map((p) => p.id)).toEqual(['a1_main', 'a3_main']);
  // The removed <live-player> still reports until the next render takes it away.
  client.handlePlayerAudioVolume('a2_main', audioVolume(80));
  client.subscribeRemoteAudio('a2');
  expect(client.getPlayers().map((p) => p.id)).toEqual(['a1_main', 'a3_main']);
});

describe('the layout', () => {
  it('is not recomputed on volume ticks in the layouts that ignore volume', () => {
    const { store, client } = enteredStore('grid');
    anchors(client, 3);
    const stop = reaction(
      () => store.layout,
      () => undefined,
    );
    const compute = jest.spyOn(layouts, 'computeLayout');
    for (let tick = 0; tick < 10; tick += 1) {
      client.handlePlayerAudioVolume('a1_main', audioVolume(tick * 10));
      client.handlePusherAudioVolume(audioVolume(tick * 5));
    }
    expect(compute).not.toHaveBeenCalled();
    stop();
  });

  it('follows the volumes in the speaker layout', () => {
    const { store, client } = enteredStore('speaker');
    anchors(client, 3);
    const stop = reaction(
      () => store.layout,
      () => undefined,
    );
    const compute = jest.spyOn(layouts, 'computeLayout');
    client.handlePlayerAudioVolume('a2_main', audioVolume(80));
    expect(compute).toHaveBeenCalled();
    stop();
  });
});

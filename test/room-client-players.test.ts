// The <live-player> list through the client: subscriptions, the cap and its priorities, ids,
// quality, audio route and view options.
import { TrtcErrorCode } from '../src/core/errors';
import { DEFAULT_MAX_PLAYERS } from '../src/core/room';
import { parsePlayUrl } from '../src/core/url';
import {
  audioChanged,
  audioVolume,
  playUrl,
  pusherState,
  userListMessage,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';
import type { Harness, HarnessOptions } from './fakes/room-harness';
import { createHarness } from './fakes/room-harness';
import { thrownCode } from './fakes/trtc-error';

function joined(options: HarnessOptions = {}): Harness {
  const h = createHarness(options);
  h.join();
  return h;
}

/** Users with camera and microphone, in order. */
function publish(h: Harness, ...userIds: string[]): void {
  h.pusher(usersJoined(...userIds));
  for (const userId of userIds) {
    h.pushers(videoChanged(userId, 'main', true), audioChanged(userId, true));
  }
}

const playerIds = (h: Harness) => h.client.getPlayers().map((p) => p.id);
const player = (h: Harness, id: string) => h.client.getPlayers().find((p) => p.id === id);

describe('subscriptions', () => {
  it('autoSubscribe (default): every stream gets a player, video and audio on', () => {
    const h = joined();
    publish(h, 'alice');
    expect(h.client.getPlayers()).toEqual([
      expect.objectContaining({
        id: 'alice_main',
        userId: 'alice',
        streamType: 'main',
        src: playUrl('alice'),
        muteVideo: false,
        muteAudio: false,
        hasVideo: true,
        hasAudio: true,
        autoplay: true,
        mode: 'RTC',
      }),
    ]);
  });

  it('autoSubscribe off: no player until the app subscribes', () => {
    const h = joined({ autoSubscribe: false });
    publish(h, 'alice');
    expect(h.client.getPlayers()).toEqual([]);
    h.client.subscribeRemoteVideo('alice');
    expect(player(h, 'alice_main')).toMatchObject({ muteVideo: false, muteAudio: true });
    h.client.subscribeRemoteAudio('alice');
    expect(player(h, 'alice_main')).toMatchObject({ muteVideo: false, muteAudio: false });
  });

  it('autoSubscribe off: a subscription made before the stream appears is honoured', () => {
    const h = joined({ autoSubscribe: false });
    h.client.subscribeRemoteVideo('alice', 'aux');
    h.pushers(usersJoined('alice'), videoChanged('alice', 'aux', true));
    expect(playerIds(h)).toEqual(['alice_aux']);
  });

  it('unsubscribing video mutes it; the player stays for the audio', () => {
    const h = joined();
    publish(h, 'alice');
    h.clearEvents();
    h.client.unsubscribeRemoteVideo('alice');
    expect(player(h, 'alice_main')).toMatchObject({ muteVideo: true, muteAudio: false });
    expect(h.lines()).toEqual(['players [alice_main]']);
    h.client.subscribeRemoteVideo('alice');
    expect(player(h, 'alice_main')?.muteVideo).toBe(false);
  });

  it('unsubscribing everything a stream has removes its player', () => {
    const h = joined();
    h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true));
    h.client.unsubscribeRemoteVideo('alice');
    expect(h.client.getPlayers()).toEqual([]);
    h.client.unsubscribeRemoteAudio('alice');
    h.pusher(audioChanged('alice', true));
    expect(h.client.getPlayers()).toEqual([]);
  });

  it("a republished stream keeps the app's choice; a new room forgets it", async () => {
    const h = joined();
    publish(h, 'alice');
    h.client.unsubscribeRemoteVideo('alice');
    h.pushers(videoChanged('alice', 'main', false), audioChanged('alice', false));
    h.pushers(videoChanged('alice', 'main', true), audioChanged('alice', true));
    expect(player(h, 'alice_main')?.muteVideo).toBe(true);
    await h.client.exitRoom();
    h.join();
    publish(h, 'alice');
    expect(player(h, 'alice_main')?.muteVideo).toBe(false);
  });

  it('players-changed is emitted only when the list really changes', () => {
    const h = joined();
    publish(h, 'alice');
    h.clearEvents();
    h.client.subscribeRemoteVideo('alice');
    h.client.handlePlayerAudioVolume('alice_main', audioVolume(0));
    expect(h.argsOf('players-changed')).toEqual([]);
  });

  it('bad arguments are typed errors', () => {
    const h = joined();
    expect(thrownCode(() => h.client.subscribeRemoteVideo(''))).toBe(TrtcErrorCode.InvalidUserId);
    expect(
      thrownCode(() => h.client.subscribeRemoteVideo('alice', 'small' as unknown as 'main')),
    ).toBe(TrtcErrorCode.InvalidParameter);
    expect(thrownCode(() => h.client.unsubscribeRemoteAudio(42 as unknown as string))).toBe(
      TrtcErrorCode.InvalidUserId,
    );
  });
});

describe('ids', () => {
  it('a player id is `${userId}_${streamType}`, stable across updates', () => {
    const h = joined();
    publish(h, 'a_b');
    h.pusher(videoChanged('a_b', 'aux', true));
    expect(playerIds(h)).toEqual(['a_b_main', 'a_b_aux']);
    const before = player(h, 'a_b_main');
    h.pusher(videoChanged('a_b', 'main', false));
    expect(playerIds(h)).toEqual(['a_b_main', 'a_b_aux']);
    expect(player(h, 'a_b_main')).not.toBe(before);
  });
});

describe('the player cap', () => {
  it(`defaults to ${DEFAULT_MAX_PLAYERS}`, () => {
    const h = joined();
    publish(h, ...Array.from({ length: DEFAULT_MAX_PLAYERS + 2 }, (_, i) => `u${i}`));
    expect(h.client.getPlayers()).toHaveLength(DEFAULT_MAX_PLAYERS);
  });

  it('maxPlayers caps the list; the earliest streams hold their places', () => {
    const h = joined({ maxPlayers: 2 });
    publish(h, 'alice', 'bob', 'carol');
    expect(playerIds(h)).toEqual(['alice_main', 'bob_main']);
    h.pusher(usersLeft('alice'));
    expect(playerIds(h)).toEqual(['bob_main', 'carol_main']);
  });

  it('screen shares (aux) come first', () => {
    const h = joined({ maxPlayers: 2 });
    publish(h, 'alice', 'bob');
    expect(playerIds(h)).toEqual(['alice_main', 'bob_main']);
    h.pushers(usersJoined('carol'), videoChanged('carol', 'aux', true));
    expect(playerIds(h)).toEqual(['alice_main', 'carol_aux']);
  });

  it('speakers (by volume) take the places of quiet users', () => {
    const h = joined({ maxPlayers: 2 });
    publish(h, 'alice', 'bob', 'carol', 'dave');
    expect(playerIds(h)).toEqual(['alice_main', 'bob_main']);
    h.client.handlePlayerAudioVolume('carol_main', audioVolume(50));
    expect(playerIds(h)).toEqual(['alice_main', 'carol_main']);
    // Two speakers: the louder newcomer takes the quiet holder's place, not the speaker's.
    h.client.handlePlayerAudioVolume('dave_main', audioVolume(80));
    expect(playerIds(h)).toEqual(['carol_main', 'dave_main']);
    // Silence alone does not evict a holder.
    h.client.handlePlayerAudioVolume('carol_main', audioVolume(0));
    h.client.handlePlayerAudioVolume('dave_main', audioVolume(0));
    expect(playerIds(h)).toEqual(['carol_main', 'dave_main']);
  });

  it('an invalid maxPlayers is a typed error', () => {
    expect(thrownCode(() => createHarness({ maxPlayers: 0 }))).toBe(TrtcErrorCode.InvalidParameter);
    expect(thrownCode(() => createHarness({ maxPlayers: 21 }))).toBe(
      TrtcErrorCode.InvalidParameter,
    );
  });
});

describe('player attributes', () => {
  it("setRemoteVideoQuality('small') rewrites the src to the small stream, and back", () => {
    const h = joined();
    publish(h, 'alice');
    h.clearEvents();
    h.client.setRemoteVideoQuality('alice', 'small');
    const small = player(h, 'alice_main');
    expect(small?.quality).toBe('small');
    expect(parsePlayUrl(small?.src ?? '').streamType).toBe('small');
    expect(h.argsOf('players-changed')[0]?.[0][0]?.src).toBe(small?.src);
    h.client.setRemoteVideoQuality('alice', 'big');
    expect(player(h, 'alice_main')).toMatchObject({ quality: 'big', src: playUrl('alice') });
  });

  it('the small quality survives a play URL refresh', () => {
    const h = joined();
    publish(h, 'alice');
    h.client.setRemoteVideoQuality('alice', 'small');
    const fresh = `${playUrl('alice')}&session=2`;
    h.pusher(
      pusherState(
        1033,
        userListMessage([{ userid: 'alice', playurl: fresh, streamtype: 'main', hasvideo: true }]),
      ),
    );
    const src = player(h, 'alice_main')?.src ?? '';
    expect(parsePlayUrl(src).streamType).toBe('small');
    expect(src).toContain('&session=2');
  });

  it("setAudioRoute('earpiece') → soundMode 'ear' on every player", () => {
    const h = joined();
    publish(h, 'alice', 'bob');
    expect(h.client.getAudioRoute()).toBe('speaker');
    h.client.setAudioRoute('earpiece');
    expect(h.client.getAudioRoute()).toBe('earpiece');
    expect(h.client.getPlayers().map((p) => p.soundMode)).toEqual(['ear', 'ear']);
    h.client.setAudioRoute('speaker');
    expect(h.client.getPlayers().map((p) => p.soundMode)).toEqual(['speaker', 'speaker']);
  });

  it('the audioRoute option sets the initial route', () => {
    const h = joined({ audioRoute: 'earpiece' });
    publish(h, 'alice');
    expect(player(h, 'alice_main')?.soundMode).toBe('ear');
  });

  it('view options per stream; aux defaults to contain', () => {
    const h = joined();
    publish(h, 'alice');
    h.pusher(videoChanged('alice', 'aux', true));
    expect(player(h, 'alice_main')?.objectFit).toBe('fillCrop');
    expect(player(h, 'alice_aux')?.objectFit).toBe('contain');
    h.client.setRemoteViewOptions('alice', 'main', {
      objectFit: 'contain',
      orientation: 'horizontal',
    });
    expect(player(h, 'alice_main')).toMatchObject({
      objectFit: 'contain',
      orientation: 'horizontal',
    });
  });

  it('bad arguments are typed errors and change nothing', () => {
    const h = joined();
    publish(h, 'alice');
    const before = h.client.getPlayers();
    const cases: (() => unknown)[] = [
      () => h.client.setRemoteVideoQuality('alice', 'medium' as unknown as 'big'),
      () => h.client.setAudioRoute('bluetooth' as unknown as 'speaker'),
      () => h.client.setRemoteViewOptions('alice', 'main', { objectFit: 'cover' as 'contain' }),
      () => h.client.setRemoteViewOptions('alice', 'main', { orientation: 'up' as 'vertical' }),
      () => h.client.setRemoteViewOptions('alice', 'small' as 'main', {}),
    ];
    for (const run of cases) expect(thrownCode(run)).toBe(TrtcErrorCode.InvalidParameter);
    expect(thrownCode(() => h.client.setRemoteVideoQuality('', 'small'))).toBe(
      TrtcErrorCode.InvalidUserId,
    );
    expect(h.client.getPlayers()).toBe(before);
  });
});

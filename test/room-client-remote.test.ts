// Remote users and streams through the client, and the player/pusher media events: volumes,
// network quality, first frames, SEI, fullscreen, BGM, native errors.
import { PLAYER_STATE_CODES } from '../src/core/protocol';
import { flushMicrotasks } from './fakes/manual-scheduler';
import {
  audioChanged,
  audioVolume,
  fullscreenChange,
  netStatus,
  playUrl,
  playerState,
  pusherError,
  pusherState,
  userListMessage,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';
import type { Harness } from './fakes/room-harness';
import { createHarness } from './fakes/room-harness';

function joined(options: Parameters<typeof createHarness>[0] = {}): Harness {
  const h = createHarness(options);
  h.join();
  return h;
}

/** alice publishes camera and microphone; the journal starts empty. */
function withAlice(options: Parameters<typeof createHarness>[0] = {}): Harness {
  const h = joined(options);
  h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true), audioChanged('alice', true));
  h.clearEvents();
  h.clearCalls();
  return h;
}

const videoWithUrl = (userId: string, streamType: 'main' | 'aux', url: string) =>
  pusherState(
    1033,
    userListMessage([{ userid: userId, playurl: url, streamtype: streamType, hasvideo: true }]),
  );

describe('remote users and streams', () => {
  it('1031 / 1033 / 1034 / 1032 produce the model events in order', () => {
    const h = joined();
    h.pusher(usersJoined('alice', 'bob'));
    h.pusher(videoChanged('alice', 'main', true));
    h.pusher(audioChanged('alice', true));
    h.pusher(videoChanged('alice', 'aux', true));
    h.pusher(videoChanged('alice', 'main', false));
    h.pusher(usersLeft('alice'));
    expect(h.lines()).toEqual([
      'user-joined alice',
      'user-joined bob',
      'stream-added alice_main',
      'video alice_main true',
      'players [alice_main]',
      'stream-updated alice_main',
      'audio alice true',
      'players [alice_main]',
      'stream-added alice_aux',
      'video alice_aux true',
      'players [alice_main,alice_aux]',
      'stream-updated alice_main',
      'video alice_main false',
      'players [alice_main,alice_aux]',
      'audio alice false',
      'stream-removed alice_main',
      'video alice_aux false',
      'stream-removed alice_aux',
      'user-left alice',
      'players []',
    ]);
    expect(h.client.getRemoteUsers().map((u) => u.userId)).toEqual(['bob']);
    expect(h.client.getRemoteStreams()).toEqual([]);
  });

  it('a stream left with neither video nor audio is removed', () => {
    const h = withAlice();
    h.pusher(videoChanged('alice', 'main', false));
    h.pusher(audioChanged('alice', false));
    expect(h.lines()).toEqual([
      'stream-updated alice_main',
      'video alice_main false',
      'players [alice_main]',
      'stream-updated alice_main',
      'audio alice false',
      'stream-removed alice_main',
      'players []',
    ]);
  });

  it('events carry the stream info; stream-updated carries the previous state', () => {
    const h = joined();
    h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true));
    const added = h.argsOf('stream-added')[0]?.[0];
    expect(added).toMatchObject({
      key: 'alice_main',
      userId: 'alice',
      streamType: 'main',
      hasVideo: true,
      hasAudio: false,
      src: playUrl('alice', 'main'),
    });
    h.pusher(audioChanged('alice', true));
    const [stream, previous] = h.argsOf('stream-updated')[0]!;
    expect(previous).toEqual(added);
    expect(stream).toMatchObject({ hasVideo: true, hasAudio: true });
  });

  it('a repeated announcement and a known user joining again change nothing', () => {
    const h = withAlice();
    h.pushers(
      usersJoined('alice'),
      videoChanged('alice', 'main', true),
      audioChanged('alice', true),
    );
    expect(h.lines()).toEqual([]);
  });

  it('announcements for unknown users are ignored', () => {
    const h = joined();
    h.pushers(videoChanged('ghost', 'main', true), audioChanged('ghost', true), usersLeft('ghost'));
    expect(h.lines()).toEqual([]);
    expect(h.client.getRemoteStreams()).toEqual([]);
  });

  it('is ignored outside a room', async () => {
    const h = createHarness();
    h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true));
    expect(h.client.getRemoteUsers()).toEqual([]);
    h.join();
    await h.client.exitRoom();
    h.clearEvents();
    h.pushers(usersJoined('alice'), videoChanged('alice', 'main', true));
    expect(h.lines()).toEqual([]);
    expect(h.client.getRemoteUsers()).toEqual([]);
  });

  it('is applied while entering and while reconnecting', () => {
    const h = createHarness();
    h.enter();
    h.pusher(usersJoined('alice'));
    h.pusher(1018);
    h.pusher(-1307);
    h.pusher(usersJoined('bob'));
    expect(h.client.getRemoteUsers().map((u) => u.userId)).toEqual(['alice', 'bob']);
  });

  it('a new play URL refreshes the stream and the player src', () => {
    const h = withAlice();
    const fresh = `${playUrl('alice', 'main')}&session=2`;
    h.pusher(videoWithUrl('alice', 'main', fresh));
    expect(h.lines()).toEqual(['stream-updated alice_main', 'players [alice_main]']);
    const [stream, previous] = h.argsOf('stream-updated')[0]!;
    expect(previous.src).toBe(playUrl('alice', 'main'));
    expect(stream.src).toBe(fresh);
    expect(h.argsOf('players-changed')[0]?.[0][0]?.src).toBe(fresh);
    expect(h.client.getPlayers()[0]?.src).toBe(fresh);
  });
});

describe('volumes', () => {
  it('remote volume → remote-volume with the user id', () => {
    const h = withAlice();
    h.client.handlePlayerAudioVolume('alice_main', audioVolume(42));
    expect(h.argsOf('remote-volume')).toEqual([[{ userId: 'alice', volume: 42 }]]);
  });

  it("a screen share's player reports no voice: its volumes are not the user's", () => {
    const h = withAlice();
    h.pushers(videoChanged('alice', 'aux', true));
    h.client.handlePlayerAudioVolume('alice_main', audioVolume(42));
    h.client.handlePlayerAudioVolume('alice_aux', audioVolume(0));
    expect(h.argsOf('remote-volume')).toEqual([[{ userId: 'alice', volume: 42 }]]);
  });

  it('remote volume for an unknown player, or malformed, is ignored', () => {
    const h = withAlice();
    h.client.handlePlayerAudioVolume('bob_main', audioVolume(42));
    h.client.handlePlayerAudioVolume('alice_main', audioVolume(-1));
    h.client.handlePlayerAudioVolume('alice_main', { volume: '42' });
    expect(h.argsOf('remote-volume')).toEqual([]);
  });

  it('local volume → local-volume', () => {
    const h = joined();
    h.client.handlePusherAudioVolume(audioVolume(17));
    h.client.handlePusherAudioVolume(audioVolume(Number.NaN));
    expect(h.argsOf('local-volume')).toEqual([[17]]);
  });
});

describe('network quality', () => {
  it('netQualityLevel → typed quality, emitted only when it changes', () => {
    const h = withAlice();
    h.client.handlePusherNetStatus(netStatus({ netQualityLevel: 2, videoBitrate: 800 }));
    h.client.handlePusherNetStatus(netStatus({ netQualityLevel: 2, videoBitrate: 700 }));
    h.client.handlePusherNetStatus(netStatus({ netQualityLevel: 4 }));
    h.client.handlePlayerNetStatus('alice_main', netStatus({ netQualityLevel: 1 }));
    h.client.handlePlayerNetStatus('alice_main', netStatus({ netQualityLevel: 1 }));
    h.client.handlePlayerNetStatus('alice_main', netStatus({ netQualityLevel: 6 }));
    expect(h.argsOf('network-quality').map(([r]) => r)).toEqual([
      { local: 'good', remote: [] },
      { local: 'poor', remote: [] },
      { local: 'poor', remote: [{ userId: 'alice', quality: 'excellent' }] },
      { local: 'poor', remote: [{ userId: 'alice', quality: 'down' }] },
    ]);
    expect(h.argsOf('local-net-status').map(([s]) => s.videoBitrate)).toEqual([
      800,
      700,
      undefined,
    ]);
    expect(h.argsOf('remote-net-status')).toHaveLength(3);
    expect(h.argsOf('remote-net-status')[0]?.[0]).toMatchObject({
      userId: 'alice',
      streamType: 'main',
      stats: { netQualityLevel: 1, quality: 'excellent' },
    });
    expect(h.client.getNetworkQuality()).toEqual({
      local: 'poor',
      remote: [{ userId: 'alice', quality: 'down' }],
    });
  });

  it('level 0 is unknown, which is also the initial quality: no event', () => {
    const h = joined();
    h.client.handlePusherNetStatus(netStatus({ netQualityLevel: 0 }));
    expect(h.argsOf('network-quality')).toEqual([]);
    expect(h.argsOf('local-net-status')).toHaveLength(1);
  });

  it('aux players report stats but not the user quality; unknown players nothing', () => {
    const h = withAlice();
    h.pusher(videoChanged('alice', 'aux', true));
    h.clearEvents();
    h.client.handlePlayerNetStatus('alice_aux', netStatus({ netQualityLevel: 3 }));
    h.client.handlePlayerNetStatus('bob_main', netStatus({ netQualityLevel: 3 }));
    expect(h.argsOf('network-quality')).toEqual([]);
    expect(h.argsOf('remote-net-status').map(([e]) => e.streamType)).toEqual(['aux']);
  });

  it('a user who leaves drops out of the report', () => {
    const h = withAlice();
    h.client.handlePlayerNetStatus('alice_main', netStatus({ netQualityLevel: 3 }));
    h.pusher(usersLeft('alice'));
    expect(h.client.getNetworkQuality().remote).toEqual([]);
  });
});

describe('first video frame', () => {
  it.each([2003, 2004, 2032])('code %i → first-video-frame, once per player', (code) => {
    const h = withAlice();
    h.client.handlePlayerStateChange('alice_main', playerState(code));
    h.client.handlePlayerStateChange('alice_main', playerState(2003));
    h.client.handlePlayerStateChange('alice_main', playerState(2004));
    h.client.handlePlayerStateChange('alice_main', playerState(2032));
    expect(h.argsOf('first-video-frame')).toEqual([[{ userId: 'alice', streamType: 'main' }]]);
  });

  it('each player has its own first frame', () => {
    const h = withAlice();
    h.pusher(videoChanged('alice', 'aux', true));
    h.client.handlePlayerStateChange('alice_main', playerState(2003));
    h.client.handlePlayerStateChange('alice_aux', playerState(2003));
    expect(h.lines().filter((l) => l.startsWith('first'))).toEqual([
      'first-video-frame alice_main',
      'first-video-frame alice_aux',
    ]);
  });

  it('a new play URL means a new first frame', () => {
    const h = withAlice();
    h.client.handlePlayerStateChange('alice_main', playerState(2003));
    h.pusher(videoWithUrl('alice', 'main', `${playUrl('alice')}&session=2`));
    h.client.handlePlayerStateChange('alice_main', playerState(2003));
    expect(h.argsOf('first-video-frame')).toHaveLength(2);
  });

  it('a stream that leaves and comes back has a new first frame', () => {
    const h = withAlice();
    h.client.handlePlayerStateChange('alice_main', playerState(2003));
    h.pushers(usersLeft('alice'), usersJoined('alice'), videoChanged('alice', 'main', true));
    h.client.handlePlayerStateChange('alice_main', playerState(2003));
    expect(h.argsOf('first-video-frame')).toHaveLength(2);
  });

  it('is not reported for an unknown player', () => {
    const h = withAlice();
    h.client.handlePlayerStateChange('bob_main', playerState(2003));
    expect(h.argsOf('first-video-frame')).toEqual([]);
    // ...but the decoded state still reaches the diagnostics channel.
    expect(h.argsOf('player-state')).toHaveLength(1);
  });
});

describe('SEI messages', () => {
  it('2012 decodes as a known code, not unknown', () => {
    expect(PLAYER_STATE_CODES[2012]?.[0]).toBeDefined();
  });

  it('player statechange 2012 with a message → sei-received, every time', () => {
    const h = withAlice({ enableRecvMessage: true });
    h.client.handlePlayerStateChange('alice_main', playerState(2012, 'hello'));
    h.client.handlePlayerStateChange('alice_main', playerState(2012, 'world'));
    expect(h.argsOf('sei-received')).toEqual([
      [{ userId: 'alice', streamType: 'main', message: 'hello' }],
      [{ userId: 'alice', streamType: 'main', message: 'world' }],
    ]);
    const [{ state }] = h.argsOf('player-state')[0]!;
    expect(state).toMatchObject({ code: 2012, message: 'hello' });
    expect(state.type).not.toBe('unknown');
  });

  it('2012 without a message, or from an unknown player, is not an SEI', () => {
    const h = withAlice({ enableRecvMessage: true });
    h.client.handlePlayerStateChange('alice_main', playerState(2012));
    h.client.handlePlayerStateChange('bob_main', playerState(2012, 'x'));
    expect(h.argsOf('sei-received')).toEqual([]);
  });

  it('enableRecvMessage reaches the players', () => {
    expect(withAlice({ enableRecvMessage: true }).client.getPlayers()[0]?.enableRecvMessage).toBe(
      true,
    );
    expect(withAlice().client.getPlayers()[0]?.enableRecvMessage).toBe(false);
  });
});

describe('player errors', () => {
  it('-2301 (pull retries exhausted) restarts the player and reports the error', async () => {
    const h = withAlice();
    h.client.handlePlayerStateChange('alice_main', playerState(2003));
    h.client.handlePlayerStateChange('alice_main', playerState(-2301, 'disconnected'));
    await flushMicrotasks();
    expect(h.calls()).toEqual(['alice_main.stop', 'alice_main.play']);
    expect(h.argsOf('native-error')).toEqual([
      [
        {
          source: 'player',
          playerId: 'alice_main',
          code: -2301,
          name: 'pull-disconnected',
          message: 'disconnected',
        },
      ],
    ]);
    // The restarted player reports its first frame again.
    h.client.handlePlayerStateChange('alice_main', playerState(2003));
    expect(h.argsOf('first-video-frame')).toHaveLength(2);
  });

  it('-2302 is reported; warnings are not', () => {
    const h = withAlice();
    h.client.handlePlayerStateChange('alice_main', playerState(2105, 'stutter'));
    h.client.handlePlayerStateChange('alice_main', playerState(-2302));
    expect(h.argsOf('native-error').map(([e]) => e.code)).toEqual([-2302]);
  });
});

describe('pusher events', () => {
  it('every statechange is journaled as pusher-state', () => {
    const h = joined();
    h.pusher(pusherState(1101, 'uplink poor'));
    h.pusher(pusherState(424242));
    expect(h.argsOf('pusher-state').map(([e]) => [e.type, e.code])).toEqual([
      ['uplink-poor', 1101],
      ['unknown', 424242],
    ]);
  });

  it('error-severity statechanges and binderrors become native-error', () => {
    const h = joined();
    h.pusher(pusherState(-1301, 'camera open failed'));
    h.pusher(pusherState(-1302));
    h.client.handlePusherError(pusherError(10003, 'bgm load failed'));
    h.client.handlePusherError(pusherError(99999, 'who knows'));
    expect(h.lines().filter((l) => l.startsWith('native-error'))).toEqual([
      'native-error pusher -1301 camera-open-failed',
      'native-error pusher -1302 mic-open-failed',
      'native-error pusher 10003 bgm-load-failed',
      'native-error pusher 99999 unknown',
    ]);
  });

  it('BGM start, progress and completion', () => {
    const h = joined();
    h.client.handlePusherBGMStart();
    h.client.handlePusherBGMProgress({ progress: 3, duration: 120 });
    h.client.handlePusherBGMProgress({ progress: '3' });
    h.client.handlePusherBGMComplete();
    expect(h.lines()).toEqual(['bgm-started', 'bgm-progress', 'bgm-completed']);
    expect(h.argsOf('bgm-progress')).toEqual([[{ progress: 3, duration: 120 }]]);
  });

  it('fullscreen changes are forwarded with the player id', () => {
    const h = withAlice();
    h.client.handlePlayerFullscreenChange('alice_main', fullscreenChange(true, 90));
    h.client.handlePlayerFullscreenChange('alice_main', { fullScreen: 'yes' });
    expect(h.argsOf('fullscreen-changed')).toEqual([
      [{ playerId: 'alice_main', fullScreen: true, direction: 90 }],
    ]);
  });
});

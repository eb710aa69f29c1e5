import {
  decodeAudioVolume,
  decodeNetStatus,
  decodePlayerStateChange,
  decodePusherStateChange,
} from '../src/core/protocol';
import { MAX_SEI_LENGTH } from '../emulator/bots';
import { AV, HubClient, MIC, NONE, ROOM, createHub, playerOf } from './fakes/emulator-hub';
import { describe as show } from './fakes/emulator-sink';

const states = (client: HubClient): string[] => client.sink.pusherStates().map(show);

describe('Session: publishing', () => {
  it('turns publish changes into 1033/1034 for the others, only when they change', () => {
    const { hub } = createHub();
    const alice = new HubClient(hub).enter('alice', NONE);
    const bob = new HubClient(hub).enter('bob');
    bob.sink.clear();
    alice.publish(AV);
    alice.publish(AV);
    alice.publish({ ...AV, muted: true });
    alice.publish({ camera: false, microphone: false, muted: true });
    expect(states(bob)).toEqual([
      '1033 alice main on',
      '1034 alice audio on',
      '1034 alice audio off',
      '1033 alice main off',
    ]);
    expect(states(alice)).toEqual(['1018', '1031 bob']);
    expect(hub.room(ROOM)?.participants[0]).toMatchObject({
      camera: false,
      microphone: false,
      muted: true,
    });
  });

  it('keeps publish and play sent before enter for the enter', () => {
    const { hub } = createHub();
    const bob = new HubClient(hub).enter('bob', MIC);
    const alice = new HubClient(hub).publish(AV).play('bob_main');
    expect(alice.sink.pusherStates()).toEqual([]);
    alice.enter('alice', AV);
    expect(states(alice)).toEqual(['1018', '1031 bob', '1034 bob audio on']);
    expect(alice.sink.playerDetails('statechange', 'bob_main').map((d) => d.code)).toEqual([
      2001, 2002, 2004,
    ]);
    expect(states(bob).slice(-3)).toEqual([
      '1031 alice',
      '1033 alice main on',
      '1034 alice audio on',
    ]);
  });

  it('answers sei before enter with NOT_IN_ROOM', () => {
    const { hub } = createHub();
    const alice = new HubClient(hub).sei('hello');
    expect(alice.sink.errors()).toEqual([{ code: 'NOT_IN_ROOM', message: 'sei before enter' }]);
  });

  it('exit: 1019 reason[0] to the client, 1032 to the others; enter again works', () => {
    const { hub } = createHub();
    const alice = new HubClient(hub).enter('alice', AV);
    const bob = new HubClient(hub).enter('bob');
    alice.exit();
    expect(decodePusherStateChange(alice.sink.pusherStates().at(-1))).toMatchObject({
      type: 'room-exited',
      reason: 'normal',
    });
    expect(states(bob).at(-1)).toBe('1032 alice');
    alice.exit(); // not in a room: nothing
    expect(alice.sink.pusherCodes().filter((c) => c === 1019)).toHaveLength(1);
    alice.enter('alice', MIC);
    expect(states(bob).slice(-2)).toEqual(['1031 alice', '1034 alice audio on']);
  });

  it('a closed connection leaves silently; the others get 1032', () => {
    const { hub } = createHub();
    const alice = new HubClient(hub).enter('alice', AV);
    const bob = new HubClient(hub).enter('bob');
    const before = alice.sink.frames.length;
    alice.connection.closed();
    alice.connection.closed();
    alice.connection.receive('{"type":"exit"}');
    expect(alice.sink.frames.length).toBe(before);
    expect(states(bob).at(-1)).toBe('1032 alice');
    expect(hub.room(ROOM)?.participants.map((p) => p.userId)).toEqual(['bob']);
  });

  it('entering another room while in one leaves the first', () => {
    const { hub } = createHub();
    const bob = new HubClient(hub).enter('bob');
    const alice = new HubClient(hub).enter('alice').enter('alice', NONE, { roomId: 5 });
    expect(states(bob).at(-1)).toBe('1032 alice');
    expect(states(alice)).toEqual(['1018', '1031 bob', '1018']);
  });
});

describe('Session: players', () => {
  it('sends 2001, 2002, 2004 once per started stream, again after the stream restarts', () => {
    const { hub } = createHub();
    const bob = new HubClient(hub).enter('bob', AV);
    const alice = new HubClient(hub).enter('alice').play('bob_main', 'bob_aux', 'nobody_main');
    alice.play('bob_main');
    const codes = () => alice.sink.playerDetails('statechange').map((d) => d.code);
    expect(codes()).toEqual([2001, 2002, 2004]);
    for (const d of alice.sink.playerDetails('statechange')) {
      expect(decodePlayerStateChange(d).type).not.toMatch(/unknown|malformed/);
    }
    bob.publish(NONE);
    bob.publish(MIC);
    expect(codes()).toEqual([2001, 2002, 2004, 2001, 2002, 2004]);
    expect(
      alice.sink.frames
        .filter((f) => f.type === 'player')
        .every((f) => f.type === 'player' && f.playerId === 'bob_main'),
    ).toBe(true);
  });

  it('starts a listed player when its stream appears', () => {
    const { hub } = createHub();
    const alice = new HubClient(hub).enter('alice').play('bob_main');
    expect(alice.sink.playerDetails('statechange')).toEqual([]);
    new HubClient(hub).enter('bob', MIC);
    expect(alice.sink.playerDetails('statechange', 'bob_main').map((d) => d.code)).toEqual([
      2001, 2002, 2004,
    ]);
  });

  it('ticks netstatus and volume to the pusher and to every started player', () => {
    const { hub, scheduler } = createHub({ tickMs: 500 });
    hub.addBot(ROOM, { userId: 'bob', camera: true, microphone: true, speaking: 60 });
    const alice = new HubClient(hub).enter('alice', MIC).play('bob_main');
    const muted = new HubClient(hub).enter('carol').send({
      type: 'play',
      players: [playerOf('bob_main', { muteAudio: true, muteVideo: true })],
    });
    scheduler.advance(1500);
    const net = alice.sink.playerDetails('netstatus', 'bob_main');
    const vol = alice.sink.playerDetails('audiovolumenotify', 'bob_main');
    expect(net).toHaveLength(3);
    expect(vol).toHaveLength(3);
    for (const detail of net) {
      const decoded = decodeNetStatus(detail);
      expect(decoded).toMatchObject({
        type: 'net-status',
        stats: { videoWidth: 360, videoHeight: 640 },
      });
      if (decoded.type === 'net-status')
        expect(decoded.stats.netQualityLevel).toBeGreaterThanOrEqual(1);
    }
    for (const detail of vol) {
      const decoded = decodeAudioVolume(detail);
      expect(decoded.type).toBe('audio-volume');
      if (decoded.type === 'audio-volume') expect(decoded.volume).toBeGreaterThan(40);
    }
    const pusherVolumes = alice.sink.pusherDetails('audiovolumenotify').map((d) => d.volume);
    expect(pusherVolumes).toHaveLength(3);
    expect(pusherVolumes.every((v) => typeof v === 'number' && v > 0)).toBe(true);
    expect(
      alice.sink.pusherDetails('netstatus').every((d) => decodeNetStatus(d).type === 'net-status'),
    ).toBe(true);
    expect(muted.sink.playerDetails('audiovolumenotify', 'bob_main').map((d) => d.volume)).toEqual([
      0, 0, 0,
    ]);
    expect(muted.sink.playerDetails('netstatus', 'bob_main')[0]).toMatchObject({
      info: { videoWidth: 0 },
    });
    expect(muted.sink.pusherDetails('audiovolumenotify').map((d) => d.volume)).toEqual([0, 0, 0]);
    expect(hub.room(ROOM)?.participants.find((p) => p.userId === 'bob')?.volume).toBeGreaterThan(
      40,
    );
  });

  it('sends SEI to the clients playing the sender main stream', () => {
    const { hub } = createHub();
    const bob = new HubClient(hub).enter('bob', AV);
    const alice = new HubClient(hub).enter('alice').play('bob_main');
    const carol = new HubClient(hub).enter('carol');
    bob.sei('hello');
    expect(alice.sink.playerDetails('statechange', 'bob_main').at(-1)).toEqual({
      code: 2012,
      message: 'hello',
    });
    expect(carol.sink.playerDetails('statechange')).toEqual([]);
    expect(bob.sink.playerDetails('statechange')).toEqual([]);
  });

  it('refuses SEI over 1024 characters with BAD_FRAME: not relayed, not logged in full', () => {
    const { hub } = createHub();
    const bob = new HubClient(hub).enter('bob', AV);
    const alice = new HubClient(hub).enter('alice').play('bob_main');
    const long = 'x'.repeat(MAX_SEI_LENGTH + 1);
    bob.sei(long);
    expect(bob.sink.errors()).toEqual([
      { code: 'BAD_FRAME', message: expect.stringMatching(/at most 1024 characters, got 1025/) },
    ]);
    expect(alice.sink.playerDetails('statechange', 'bob_main').map((d) => d.code)).not.toContain(
      2012,
    );
    expect(hub.log().some((entry) => entry.text.includes('x'.repeat(100)))).toBe(false);
    bob.sei('x'.repeat(MAX_SEI_LENGTH));
    expect(bob.sink.errors()).toHaveLength(1);
    expect(alice.sink.playerDetails('statechange', 'bob_main').at(-1)).toMatchObject({
      code: 2012,
    });
  });
});

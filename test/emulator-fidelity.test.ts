/**
 * Fidelity: the pusher statechange details the emulator sends one client, fed to Tencent's
 * trtc-wx-sdk and to our RoomClient through the conformance harness (test/fakes/conformance.ts),
 * give the same room view after every event; and the view our client ends with is the room the
 * hub holds.
 */
import type { RoomHub } from '../emulator/hub';
import { RoomClient } from '../src';
import type { ServerFrame } from '../src/core/emulator/wire';
import {
  decodeAudioVolume,
  decodeNetStatus,
  decodePlayerStateChange,
  decodePusherStateChange,
} from '../src/core/protocol';
import type { CreateClient, TraceRun } from './fakes/conformance';
import { CLIENT_OPTIONS, runTrace } from './fakes/conformance';
import type { RoomState } from './fakes/conformance-sides';
import { SELF } from './fakes/conformance-sides';
import type { Detail } from './fakes/conformance-traces';
import { enterRoom } from './fakes/conformance-traces';
import { AV, HubClient, MIC, NONE, ROOM, createHub } from './fakes/emulator-hub';
import type { ManualScheduler } from './fakes/manual-scheduler';

/** The client runs on the harness's clock, which only the trace moves (it never does here). */
const createClient: CreateClient = (clock) =>
  new RoomClient({ scheduler: clock, ...CLIENT_OPTIONS });

/** The client enters, then gets what the emulator sent it. */
const conformanceRun = (details: readonly Detail[], exit = false): TraceRun =>
  runTrace([enterRoom(), ...details], createClient, { exit });

/**
 * The room as `viewer` should see it: the others' users and streams (what the hub holds); in a
 * live room only the anchors.
 */
function hubView(hub: RoomHub, viewer: string): RoomState {
  const room = hub.room(ROOM);
  const announced = (role: string) => room?.scene !== 'live' || role === 'anchor';
  const others = room?.participants.filter((p) => p.userId !== viewer && announced(p.role)) ?? [];
  const streams = others.flatMap((p) => {
    const audio = p.microphone && !p.muted;
    return [
      ...(p.camera || audio
        ? [{ userId: p.userId, streamType: 'main', hasVideo: p.camera, hasAudio: audio }]
        : []),
      ...(p.screen
        ? [{ userId: p.userId, streamType: 'aux', hasVideo: true, hasAudio: false }]
        : []),
    ];
  });
  const by = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return {
    users: others.map((p) => p.userId).sort(by),
    streams: streams.sort((a, b) => by(a.userId, b.userId) || by(a.streamType, b.streamType)),
  };
}

function scriptedRoom(): { hub: RoomHub; scheduler: ManualScheduler; self: HubClient } {
  const { hub, scheduler } = createHub();
  hub.addBot(ROOM, { userId: 'alice', camera: true, microphone: true });
  hub.addBot(ROOM, { userId: 'bob', microphone: true });
  const self = new HubClient(hub).enter(SELF.userId, AV).play('alice_main', 'bob_main');
  const carol = new HubClient(hub).enter('carol', MIC);
  const dave = new HubClient(hub).enter('dave', AV);
  const bot = (userId: string, action: Parameters<RoomHub['botAction']>[2]) =>
    hub.botAction(ROOM, userId, action);

  carol.publish(AV);
  carol.publish({ ...AV, muted: true });
  bot('alice', { do: 'screen', on: true });
  bot('alice', { do: 'sei', message: 'slide 1' });
  bot('alice', { do: 'camera', on: false });
  bot('alice', { do: 'speak', volume: 60, ms: 1000 });
  scheduler.advance(1500);
  hub.inject({ kind: 'network-change', room: ROOM, userId: 'dave' });
  dave.exit().enter('dave', AV);

  hub.inject({ kind: 'duplicate', room: ROOM, userId: SELF.userId, count: 3 });
  bot('bob', { do: 'camera', on: true });
  bot('bob', { do: 'microphone', on: false });
  bot('bob', { do: 'camera', on: false });
  bot('bob', { do: 'microphone', on: true });

  hub.inject({ kind: 'delay', room: ROOM, userId: SELF.userId, ms: 200, count: 3 });
  carol.publish(NONE);
  carol.publish(MIC);
  bot('alice', { do: 'screen', on: false });
  scheduler.advance(300);

  hub.inject({ kind: 'kick', room: ROOM, userId: 'carol' });
  hub.inject({ kind: 'disconnect', room: ROOM, userId: 'dave' });
  carol.enter('carol', AV);
  hub.inject({ kind: 'background', room: ROOM, userId: 'carol', code: 5001 });
  dave.enter('dave', MIC);
  hub.addBot(ROOM, { userId: 'erin', screen: true });
  hub.removeBot(ROOM, 'alice');
  self.publish(MIC);
  dave.publish({ ...MIC, muted: true });
  scheduler.advance(1000);
  return { hub, scheduler, self };
}

/** What our own decoders make of a frame: never malformed, never an unknown code. */
function decodedType(frame: ServerFrame): string {
  if (frame.type !== 'pusher' && frame.type !== 'player') return frame.type;
  if (frame.event === 'netstatus') return decodeNetStatus(frame.detail).type;
  if (frame.event === 'audiovolumenotify') return decodeAudioVolume(frame.detail).type;
  return frame.type === 'pusher'
    ? decodePusherStateChange(frame.detail).type
    : decodePlayerStateChange(frame.detail).type;
}

describe('emulator fidelity', () => {
  it('every frame of a scripted room decodes with our decoders, with a known code', () => {
    const { hub, self } = scriptedRoom();
    const types = new Set(self.sink.frames.map(decodedType));
    expect(types).not.toContain('malformed');
    expect(types).not.toContain('unknown');
    expect([...types].sort()).toEqual(
      expect.arrayContaining([
        'audio-volume',
        'net-status',
        'remote-audio-changed',
        'remote-users-joined',
        'remote-users-left',
        'remote-video-changed',
        'room-entered',
        'message-received',
        'server-connected',
        'pull-started',
        'video-play-started',
      ]),
    );
    hub.dispose();
  });

  it('a scripted room: trtc-wx and RoomClient agree after every event, and end with the hub view', () => {
    const { hub, self } = scriptedRoom();
    const trace = self.sink.pusherStates();
    expect(trace.length).toBeGreaterThan(30);
    expect(trace.map((d) => d.code)).not.toContain(1019);
    const run = conformanceRun(trace, true);
    expect(run.mismatch).toBeNull();
    const beforeExit = run.steps[trace.length]!;
    const expected = hubView(hub, SELF.userId);
    expect(expected.users).toEqual(['bob', 'dave', 'erin']);
    expect(beforeExit.ourState).toEqual(expected);
    expect(beforeExit.officialState).toEqual(expected);
    expect(run.steps.at(-1)?.ourState).toEqual({ users: [], streams: [] });
    hub.dispose();
  });

  it('every client of the room ends with the hub view of it', () => {
    const { hub } = createHub();
    const clients = ['u1', 'u2', 'u3'].map((id) => ({
      id,
      client: new HubClient(hub).enter(id, AV),
    }));
    hub.addBot(ROOM, { userId: 'b1', screen: true, microphone: true });
    clients[1]!.client.publish(MIC);
    hub.botAction(ROOM, 'b1', { do: 'mute', on: true });
    clients[2]!.client.exit();
    for (const { id, client } of clients.slice(0, 2)) {
      const run = conformanceRun(client.sink.pusherStates());
      expect(run.mismatch).toBeNull();
      expect(run.steps.at(-1)?.ourState).toEqual(hubView(hub, id));
    }
    hub.dispose();
  });

  it('reordered and duplicated events still leave both sides agreeing', () => {
    const { hub, scheduler } = createHub();
    const self = new HubClient(hub).enter(SELF.userId);
    hub.inject({ kind: 'reorder', room: ROOM, userId: SELF.userId, count: 4 });
    hub.addBot(ROOM, { userId: 'x', camera: true, microphone: true });
    hub.addBot(ROOM, { userId: 'y', screen: true });
    hub.inject({ kind: 'duplicate', room: ROOM, userId: SELF.userId, count: 4 });
    hub.botAction(ROOM, 'x', { do: 'camera', on: false });
    hub.removeBot(ROOM, 'y');
    hub.inject({ kind: 'reorder', room: ROOM, userId: SELF.userId, count: 2 });
    hub.botAction(ROOM, 'x', { do: 'screen', on: true });
    hub.removeBot(ROOM, 'x');
    scheduler.advance(2000);
    const run = conformanceRun(self.sink.pusherStates(), true);
    expect(run.mismatch).toBeNull();
    hub.dispose();
  });

  it('the client itself disconnected and entering again: both sides agree', () => {
    const { hub } = createHub();
    hub.addBot(ROOM, { userId: 'x', camera: true });
    const self = new HubClient(hub).enter(SELF.userId);
    hub.inject({ kind: 'disconnect', room: ROOM, userId: SELF.userId });
    hub.botAction(ROOM, 'x', { do: 'microphone', on: true });
    self.enter(SELF.userId);
    hub.inject({ kind: 'network-change', room: ROOM, userId: SELF.userId });
    const trace = self.sink.pusherStates();
    expect(trace.map((d) => d.code)).toEqual([
      1018, 1031, 1033, 1102, -1307, 1018, 1031, 1033, 1034, 1021,
    ]);
    expect(conformanceRun(trace).mismatch).toBeNull();
    hub.dispose();
  });

  it('a live room: audience members come and go unseen, one goes on and off stage; both agree', () => {
    const { hub } = createHub();
    hub.configureRoom(ROOM, { scene: 'live' });
    hub.addBot(ROOM, { userId: 'host', camera: true, microphone: true });
    hub.addBot(ROOM, { userId: 'fan', role: 'audience' });
    const self = new HubClient(hub).enter(SELF.userId, NONE, { scene: 'live' });
    const guest = new HubClient(hub).enter('guest', NONE, { scene: 'live' });
    guest.publish(MIC);
    new HubClient(hub).enter('lurker', NONE, { scene: 'live' }).exit();
    guest.publish(AV).publish(NONE).publish(MIC);
    hub.botAction(ROOM, 'fan', { do: 'role', role: 'anchor' });
    hub.botAction(ROOM, 'host', { do: 'role', role: 'audience' });
    const run = conformanceRun(self.sink.pusherStates());
    expect(run.mismatch).toBeNull();
    const expected = hubView(hub, SELF.userId);
    expect(expected.users).toEqual(['fan', 'guest']);
    expect(run.steps.at(-1)?.ourState).toEqual(expected);
    expect(run.steps.at(-1)?.officialState).toEqual(expected);
    hub.dispose();
  });
});

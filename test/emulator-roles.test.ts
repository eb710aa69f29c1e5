// Roles: in the live and voicechatroom scenes only anchors are announced (1031/1032);
// videocall and audiocall rooms announce everyone. A client (a mini-program: its room:// URL has
// no role) is always an anchor, announced whether it publishes or not; bots have an explicit role
// and stand in for Web and native users, whose audience the live scenes do not announce.
import { EmulatorError } from '../emulator/errors';
import { AV, HubClient, MIC, NONE, ROOM, createHub } from './fakes/emulator-hub';
import { describe as describeState } from './fakes/emulator-sink';

const said = (client: HubClient): string[] => client.sink.pusherStates().map(describeState);
const LIVE = { scene: 'live' } as const;

describe.each(['live', 'voicechatroom'] as const)('the %s scene', (scene) => {
  it('announces a client that publishes nothing, entering and leaving', () => {
    const { hub } = createHub();
    const anchor = new HubClient(hub).enter('anchor', AV, { scene });
    const viewer = new HubClient(hub).enter('viewer', NONE, { scene });
    expect(said(viewer)).toEqual([
      '1018',
      '1031 anchor',
      '1033 anchor main on',
      '1034 anchor audio on',
    ]);
    viewer.exit();
    expect(said(anchor)).toEqual(['1018', '1031 viewer', '1032 viewer']);
    expect(hub.room(ROOM)?.scene).toBe(scene);
  });

  it("reports a client's publishing changes as 1033/1034, never 1031/1032 again", () => {
    const { hub } = createHub();
    const anchor = new HubClient(hub).enter('anchor', MIC, { scene });
    const viewer = new HubClient(hub).enter('viewer', NONE, { scene });
    anchor.sink.clear();
    viewer.publish(MIC);
    viewer.publish(NONE);
    expect(said(anchor)).toEqual(['1034 viewer audio on', '1034 viewer audio off']);
    expect(hub.room(ROOM)?.participants.map((p) => p.role)).toEqual(['anchor', 'anchor']);
  });

  it('does not announce an audience bot (a Web or native viewer) entering or leaving', () => {
    const { hub } = createHub();
    hub.configureRoom(ROOM, { scene });
    const viewer = new HubClient(hub).enter('viewer', NONE, { scene });
    hub.addBot(ROOM, { userId: 'fan', role: 'audience' });
    hub.removeBot(ROOM, 'fan');
    expect(said(viewer)).toEqual(['1018']);
    hub.addBot(ROOM, { userId: 'fan2', role: 'audience' });
    const late = new HubClient(hub).enter('late', NONE, { scene });
    expect(said(late)).toEqual(['1018', '1031 viewer']);
  });
});

describe.each(['videocall', 'audiocall'] as const)('the %s scene', (scene) => {
  it('announces everyone, publishing or not, audience bots too', () => {
    const { hub } = createHub();
    const a = new HubClient(hub).enter('a', NONE, { scene });
    new HubClient(hub).enter('b', NONE, { scene }).exit();
    hub.addBot(ROOM, { userId: 'fan', role: 'audience' });
    expect(said(a)).toEqual(['1018', '1031 b', '1032 b', '1031 fan']);
  });
});

describe('bots and roles', () => {
  it('an audience bot in a live room is not announced; switching to anchor announces it', () => {
    const { hub } = createHub();
    hub.configureRoom(ROOM, { scene: 'live' });
    hub.addBot(ROOM, { userId: 'fan', role: 'audience' });
    const viewer = new HubClient(hub).enter('viewer', NONE, LIVE);
    expect(said(viewer)).toEqual(['1018']);
    hub.botAction(ROOM, 'fan', { do: 'role', role: 'anchor' });
    hub.botAction(ROOM, 'fan', { do: 'microphone', on: true });
    hub.botAction(ROOM, 'fan', { do: 'role', role: 'audience' });
    expect(said(viewer)).toEqual([
      '1018',
      '1031 fan',
      '1034 fan audio on',
      '1034 fan audio off',
      '1032 fan',
    ]);
    expect(hub.room(ROOM)?.participants[0]).toMatchObject({ role: 'audience', microphone: false });
    hub.removeBot(ROOM, 'fan');
    expect(said(viewer)).toHaveLength(5);
  });

  it('anchor bots (the default) are announced in live rooms even without media', () => {
    const { hub } = createHub();
    hub.configureRoom(ROOM, { scene: 'live' });
    hub.addBot(ROOM, { userId: 'host' });
    const viewer = new HubClient(hub).enter('viewer', NONE, LIVE);
    expect(said(viewer)).toEqual(['1018', '1031 host']);
  });

  it('an audience bot publishes nothing: bad options and actions are refused', () => {
    const { hub } = createHub();
    expect(() => hub.addBot(ROOM, { role: 'audience', camera: true })).toThrow(
      /audience bot publishes nothing/,
    );
    hub.addBot(ROOM, { userId: 'fan', role: 'audience' });
    expect(() => hub.botAction(ROOM, 'fan', { do: 'camera', on: true })).toThrow(EmulatorError);
    expect(() => hub.botAction(ROOM, 'fan', { do: 'camera', on: true })).toThrow(
      /switch it to anchor first/,
    );
    const bad = { do: 'role', role: 'host' } as unknown as Parameters<typeof hub.botAction>[2];
    expect(() => hub.botAction(ROOM, 'fan', bad)).toThrow(/"role" must be "anchor" or "audience"/);
    hub.botAction(ROOM, 'fan', { do: 'mute', on: true });
  });
});

describe('room scene', () => {
  it('a room opened by a bot takes the configured scene, and an open room keeps its scene', () => {
    const { hub } = createHub();
    hub.configureRoom(ROOM, { scene: 'voicechatroom' });
    hub.addBot(ROOM, { userId: 'host', microphone: true });
    expect(hub.room(ROOM)?.scene).toBe('voicechatroom');
    expect(() => hub.configureRoom(ROOM, { scene: 'videocall' })).toThrow(/is open with scene/);
    hub.configureRoom(ROOM, { scene: 'voicechatroom', platform: 'ios' });
    hub.removeBot(ROOM, 'host');
    hub.configureRoom(ROOM, { scene: null });
    hub.addBot(ROOM, { userId: 'host' });
    expect(hub.room(ROOM)?.scene).toBe('videocall');
  });

  it('a client entering with another appscene gets the room scene, and the log says so', () => {
    const { hub } = createHub();
    hub.configureRoom(ROOM, { scene: 'live' });
    new HubClient(hub).enter('a', NONE);
    expect(hub.room(ROOM)?.scene).toBe('live');
    expect(hub.log().find((e) => e.kind === 'scene')?.text).toBe(
      "a enters with appscene videocall; the room's scene is live",
    );
  });
});

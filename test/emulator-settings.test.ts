// Room settings (scene, platform, requirePrivateMapKey) and bot roles from every place a developer
// sets them: the HTTP API, scenario files and the command line; bad input is refused clearly.
import type { RunningEmulator } from '../emulator/index';
import { parseCliArgs } from '../emulator/cli-args';
import { EmulatorError, parseScenario } from '../emulator/hub';
import { startEmulator } from '../emulator/index';
import type { TestClient } from './fakes/emulator-client';
import { enterFrame, isHello, isPusherCode, openClient } from './fakes/emulator-client';
import { HubClient, NONE, ROOM, createHub } from './fakes/emulator-hub';
import { describe as describeState } from './fakes/emulator-sink';

describe('HTTP API', () => {
  let emulator: RunningEmulator;
  const clients: TestClient[] = [];
  const KEY = '1400000001:1234';
  const settingsUrl = (key = KEY) => `api/rooms/${encodeURIComponent(key)}/settings`;

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, tickMs: 60_000 });
  });

  afterEach(async () => {
    for (const opened of clients.splice(0)) opened.socket.terminate();
    await emulator.stop();
  });

  async function call(method: string, route: string, body?: unknown) {
    const res = await fetch(`${emulator.httpUrl}${route}`, {
      method,
      headers: method === 'GET' ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  }

  it('reads the settings of a room (the defaults when never configured) and changes them', async () => {
    expect(await call('GET', settingsUrl())).toEqual({
      status: 200,
      json: { scene: null, platform: 'android', requirePrivateMapKey: false },
    });
    const changed = await call('POST', settingsUrl(), {
      scene: 'live',
      platform: 'ios',
      requirePrivateMapKey: true,
    });
    expect(changed).toEqual({
      status: 200,
      json: { scene: 'live', platform: 'ios', requirePrivateMapKey: true },
    });
    const reset = await call('POST', settingsUrl(), { platform: null });
    expect(reset.json).toEqual({ scene: 'live', platform: 'android', requirePrivateMapKey: true });
    expect((await call('GET', 'api/health')).json.defaults).toEqual({
      platform: 'android',
      requirePrivateMapKey: false,
    });
  });

  it('applies them to clients: a room requiring keys refuses an enter without one', async () => {
    await call('POST', settingsUrl(), { requirePrivateMapKey: true });
    const client = await openClient(emulator.wsUrl);
    clients.push(client);
    await client.next(isHello);
    client.send(enterFrame({ userId: 'dave', roomId: 1234 }));
    await client.next(isPusherCode(-1307));
  });

  it('refuses bad settings with 400 and says why', async () => {
    const cases: [unknown, RegExp][] = [
      [{ platform: 'windows' }, /settings\.platform must be "ios" or "android"/],
      [
        { scene: 'rtc' },
        /settings\.scene must be one of videocall, audiocall, live, voicechatroom/,
      ],
      [{ requirePrivateMapKey: 'yes' }, /settings\.requirePrivateMapKey must be true or false/],
      [{ color: 'red' }, /unknown field "color"/],
      [[1], /settings must be an object/],
    ];
    for (const [body, message] of cases) {
      const answer = await call('POST', settingsUrl(), body);
      expect(answer.status).toBe(400);
      expect(answer.json.error).toBe('BAD_REQUEST');
      expect(String(answer.json.message)).toMatch(message);
    }
    expect((await call('GET', settingsUrl('nonsense'))).status).toBe(400);
  });

  it('refuses another scene for an open room with 400', async () => {
    await call('POST', `api/rooms/${encodeURIComponent(KEY)}/bots`, { userId: 'alice' });
    const answer = await call('POST', settingsUrl(), { scene: 'live' });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toBe(
      'room 1400000001:1234 is open with scene videocall: its scene can change once it is empty',
    );
  });

  it('bot roles: 201 for an audience bot, 400 for an audience bot with a camera', async () => {
    const bots = `api/rooms/${encodeURIComponent(KEY)}/bots`;
    const added = await call('POST', bots, { userId: 'fan', role: 'audience' });
    expect(added).toMatchObject({ status: 201, json: { role: 'audience', platform: null } });
    const refused = await call('POST', bots, { userId: 'cam', role: 'audience', camera: true });
    expect(refused.status).toBe(400);
    const action = await call('POST', `${bots}/fan/actions`, { do: 'role', role: 'anchor' });
    expect(action.status).toBe(200);
  });
});

describe('scenario files', () => {
  const base = {
    name: 'live',
    room: { roomId: 2024 },
    bots: [{ userId: 'host', microphone: true }],
  };

  it('read room settings next to the room id, and bot roles', () => {
    const scenario = parseScenario({
      ...base,
      room: { roomId: 2024, scene: 'live', platform: 'ios', requirePrivateMapKey: false },
      bots: [
        { userId: 'host', microphone: true },
        { userId: 'fan', role: 'audience' },
      ],
      script: [{ at: 10, bot: 'fan', do: 'role', role: 'anchor' }],
    });
    expect(scenario.room).toEqual({ sdkAppId: 1400000001, roomId: 2024 });
    expect(scenario.settings).toEqual({
      scene: 'live',
      platform: 'ios',
      requirePrivateMapKey: false,
    });
    expect(scenario.bots[1]).toEqual({ userId: 'fan', role: 'audience', joinAtStart: true });
    expect(scenario.script[0]?.action).toEqual({ do: 'role', role: 'anchor' });
  });

  it('refuse bad settings and roles', () => {
    const cases: [unknown, RegExp][] = [
      [{ ...base, room: { roomId: 1, scene: 'party' } }, /scenario room\.scene must be one of/],
      [{ ...base, room: { roomId: 1, platform: 'ios9' } }, /scenario room\.platform must be/],
      [{ ...base, bots: [{ userId: 'a', role: 'king' }] }, /"role" must be "anchor" or "audience"/],
      [
        { ...base, bots: [{ userId: 'a', role: 'audience', microphone: true }] },
        /an audience bot publishes nothing/,
      ],
    ];
    for (const [json, message] of cases) {
      expect(() => parseScenario(json)).toThrow(EmulatorError);
      expect(() => parseScenario(json)).toThrow(message);
    }
  });

  it('a run applies the settings to its room, and a loop puts roles back', () => {
    const { hub, scheduler } = createHub();
    const scenario = parseScenario({
      ...base,
      room: { roomId: 2024, scene: 'live' },
      bots: [
        { userId: 'host', microphone: true },
        { userId: 'fan', role: 'audience' },
      ],
      script: [{ at: 100, bot: 'fan', do: 'role', role: 'anchor' }],
      loop: 1000,
    });
    hub.runScenario(scenario);
    const viewer = new HubClient(hub).enter('viewer', NONE, { scene: 'live' });
    scheduler.advance(100);
    expect(hub.roomSettings(ROOM).scene).toBe('live');
    scheduler.advance(900);
    expect(viewer.sink.pusherStates().map(describeState)).toEqual([
      '1018',
      '1031 host',
      '1034 host audio on',
      '1031 fan',
      '1032 fan',
    ]);
    expect(hub.room(ROOM)?.participants.find((p) => p.userId === 'fan')?.role).toBe('audience');
  });
});

describe('command line', () => {
  it('reads --platform and --require-private-map-key', () => {
    expect(parseCliArgs(['--platform', 'ios', '--require-private-map-key'])).toMatchObject({
      ok: true,
      args: { platform: 'ios', requirePrivateMapKey: true },
    });
    expect(parseCliArgs([])).toMatchObject({
      ok: true,
      args: { platform: undefined, requirePrivateMapKey: false },
    });
  });

  it('refuses another platform', () => {
    expect(parseCliArgs(['--platform=windows'])).toEqual({
      ok: false,
      error: '--platform must be ios or android, got windows',
    });
  });
});

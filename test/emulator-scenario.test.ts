import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEV_SDK_APP_ID, EmulatorError, loadScenarioFile, parseScenario } from '../emulator/hub';
import { HubClient, ROOM, createHub } from './fakes/emulator-hub';
import { describe as show } from './fakes/emulator-sink';

const SCENARIOS = path.join(__dirname, '..', 'demo', 'scenarios');

const base = {
  name: 'test',
  room: { roomId: 2024 },
  bots: [
    { userId: 'alice', microphone: true },
    { userId: 'bob', joinAtStart: false },
  ],
  script: [] as unknown[],
};

const states = (client: HubClient): string[] => client.sink.pusherStates().map(show);

describe('parseScenario', () => {
  it('fills defaults and sorts the script by time, keeping file order for ties', () => {
    const scenario = parseScenario({
      ...base,
      script: [
        { at: 500, bot: 'alice', do: 'camera', on: true },
        { at: 100, bot: 'bob', do: 'join', camera: true },
        { at: 500, bot: 'alice', do: 'camera', on: false },
      ],
    });
    expect(scenario.room).toEqual({ sdkAppId: DEV_SDK_APP_ID, roomId: 2024 });
    expect(scenario.description).toBe('');
    expect(scenario.loop).toBeNull();
    expect(scenario.bots).toEqual([
      { userId: 'alice', microphone: true, joinAtStart: true },
      { userId: 'bob', joinAtStart: false },
    ]);
    expect(scenario.script).toEqual([
      { at: 100, bot: 'bob', action: { do: 'join', camera: true } },
      { at: 500, bot: 'alice', action: { do: 'camera', on: true } },
      { at: 500, bot: 'alice', action: { do: 'camera', on: false } },
    ]);
  });

  it('says what is wrong with BAD_REQUEST', () => {
    const cases: [unknown, RegExp][] = [
      [null, /JSON object/],
      [{ ...base, name: '' }, /"name"/],
      [{ ...base, extra: 1 }, /unknown field "extra"/],
      [{ ...base, room: { roomId: 0 } }, /roomId/],
      [{ ...base, room: { roomId: 1, strRoomId: 'a' } }, /exactly one/],
      [{ ...base, room: { strRoomId: 'a', floor: 2 } }, /unknown field "floor"/],
      [{ ...base, bots: [{ userId: 'a' }, { userId: 'a' }] }, /declared twice/],
      [{ ...base, bots: [{ camera: true }] }, /userId/],
      [{ ...base, script: [{ at: 0, bot: 'carol', do: 'leave' }] }, /"carol" is not declared/],
      [{ ...base, script: [{ at: -1, bot: 'alice', do: 'leave' }] }, /"at" must be/],
      [{ ...base, script: [{ at: 1.5, bot: 'alice', do: 'leave' }] }, /"at" must be/],
      [{ ...base, script: [{ at: 0, bot: 'alice', do: 'dance' }] }, /unknown action "dance"/],
      [{ ...base, script: [{ at: 0, bot: 'alice', do: 'speak' }] }, /"volume"/],
      [{ ...base, script: [{ at: 0, bot: 'alice', do: 'join', userId: 'x' }] }, /join takes/],
      [{ ...base, script: [{ at: 900, bot: 'alice', do: 'leave' }], loop: 500 }, /"loop"/],
      [{ ...base, loop: 0 }, /"loop"/],
      [{ ...base, loop: 1 }, /"loop" must be an integer number of ms from 100 to/],
      [{ ...base, loop: 99 }, /"loop" must be an integer number of ms from 100 to/],
      [{ ...base, script: {} }, /"script"/],
    ];
    for (const [json, message] of cases) {
      let thrown: unknown;
      try {
        parseScenario(json);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EmulatorError);
      expect((thrown as EmulatorError).code).toBe('BAD_REQUEST');
      expect((thrown as Error).message).toMatch(message);
    }
  });
});

describe('demo/scenarios', () => {
  const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.json'));

  it('has the demo room, a nine-person meeting, a screen share and a join/leave storm', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'demo-room.json',
        'meeting-9.json',
        'screen-share.json',
        'join-leave-storm.json',
      ]),
    );
  });

  it.each(files)('%s is valid, named after its file, and runs two loops without errors', (file) => {
    const scenario = loadScenarioFile(path.join(SCENARIOS, file));
    expect(scenario.name).toBe(file.replace(/\.json$/, ''));
    expect(scenario.description).not.toBe('');
    const { hub, scheduler } = createHub();
    const run = hub.runScenario(scenario);
    scheduler.advance(2 * (scenario.loop ?? 60_000));
    expect(hub.log().filter((e) => e.kind === 'error')).toEqual([]);
    run.stop();
    hub.dispose();
    expect(scheduler.pending()).toBe(0);
  });

  it('demo-room seeds alice and bob in room 2024 of the development SDKAppID', () => {
    const scenario = loadScenarioFile(path.join(SCENARIOS, 'demo-room.json'));
    const { hub } = createHub();
    hub.runScenario(scenario);
    expect(hub.room(ROOM)?.participants).toEqual([
      expect.objectContaining({ userId: 'alice', kind: 'bot', camera: true, microphone: true }),
      expect.objectContaining({ userId: 'bob', kind: 'bot', camera: false, microphone: true }),
    ]);
    hub.dispose();
  });

  it('meeting-9 has eight bots', () => {
    const scenario = loadScenarioFile(path.join(SCENARIOS, 'meeting-9.json'));
    expect(scenario.bots).toHaveLength(8);
  });
});

describe('loadScenarioFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'emulator-scenario-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing file, bad JSON and a bad scenario with the path', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    const invalid = path.join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ ...base, loop: -5 }));
    expect(() => loadScenarioFile(path.join(dir, 'missing.json'))).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    expect(() => loadScenarioFile(bad)).toThrow(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('bad.json is not valid JSON'),
      }),
    );
    expect(() => loadScenarioFile(invalid)).toThrow(
      expect.objectContaining({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('invalid.json: scenario "loop"'),
      }),
    );
  });
});

describe('the scenario runner', () => {
  const scenario = parseScenario({
    ...base,
    script: [
      { at: 0, bot: 'alice', do: 'camera', on: true },
      { at: 1000, bot: 'bob', do: 'join', microphone: true },
      { at: 2000, bot: 'alice', do: 'leave' },
      { at: 2500, bot: 'alice', do: 'camera', on: false },
      { at: 3000, bot: 'bob', do: 'screen', on: true },
    ],
  });

  it('runs steps at their time on the scheduler, skipping absent bots, then settles done', async () => {
    const { hub, scheduler } = createHub();
    const viewer = new HubClient(hub).enter('viewer');
    const run = hub.runScenario(scenario);
    expect(run.name).toBe('test');
    expect(run.room).toBe(ROOM);
    expect(states(viewer)).toEqual([
      '1018',
      '1031 alice',
      '1034 alice audio on',
      '1033 alice main on',
    ]);
    scheduler.advance(999);
    expect(states(viewer)).toHaveLength(4);
    scheduler.advance(1);
    expect(states(viewer).slice(4)).toEqual(['1031 bob', '1034 bob audio on']);
    scheduler.advance(2000);
    expect(states(viewer).slice(6)).toEqual(['1032 alice', '1033 bob aux on']);
    expect(
      hub.log().some((e) => e.text.includes('alice is not a bot in the room: camera skipped')),
    ).toBe(true);
    await run.done;
    expect(scheduler.pending()).toBe(1); // the hub's tick only
  });

  it('loops: bots back to their declared state, the script again', () => {
    const { hub, scheduler } = createHub();
    const looping = parseScenario({
      ...base,
      script: [
        { at: 0, bot: 'bob', do: 'join' },
        { at: 100, bot: 'alice', do: 'mute', on: true },
        { at: 200, bot: 'alice', do: 'camera', on: true },
      ],
      loop: 1000,
    });
    const viewer = new HubClient(hub).enter('viewer');
    hub.runScenario(looping);
    scheduler.advance(999);
    viewer.sink.clear();
    scheduler.advance(1);
    expect(states(viewer)).toEqual([
      '1033 alice main off',
      '1034 alice audio on',
      '1032 bob',
      '1031 bob',
    ]);
    scheduler.advance(500);
    expect(states(viewer).slice(4)).toEqual(['1034 alice audio off', '1033 alice main on']);
  });

  it('stop() ends the script and settles done; the bots stay', async () => {
    const { hub, scheduler } = createHub();
    const run = hub.runScenario(parseScenario({ ...base, loop: 1000 }));
    run.stop();
    run.stop();
    await run.done;
    scheduler.advance(5000);
    expect(hub.room(ROOM)?.participants.map((p) => p.userId)).toEqual(['alice']);
  });

  it('runs in another room when asked, and refuses a client holding a bot name', () => {
    const { hub } = createHub();
    hub.runScenario(scenario, { room: { sdkAppId: 5, strRoomId: 'x' } });
    expect(hub.room('5:str:x')?.participants.map((p) => p.userId)).toEqual(['alice']);
    new HubClient(hub).enter('alice');
    expect(() => hub.runScenario(scenario)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
    expect(() => hub.runScenario(scenario, { room: { sdkAppId: 0, roomId: 1 } })).toThrow(
      EmulatorError,
    );
  });

  it('refuses a Scenario built in code with a loop under 100 ms', () => {
    const { hub, scheduler } = createHub();
    expect(parseScenario({ ...base, loop: 100 }).loop).toBe(100);
    expect(() => hub.runScenario({ ...parseScenario(base), loop: 1 })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/100 ms/) }),
    );
    expect(hub.room(ROOM)).toBeNull();
    expect(scheduler.pending()).toBe(0);
  });

  it('dispose stops every run', async () => {
    const { hub, scheduler } = createHub();
    const run = hub.runScenario(parseScenario({ ...base, loop: 1000 }));
    hub.dispose();
    await run.done;
    expect(scheduler.pending()).toBe(0);
  });
});

import { EmulatorError, parseBotAction, parseBotOptions } from '../emulator/hub';
import { MAX_SPEAK_MS } from '../emulator/bots';
import type { BotAction } from '../emulator/emulator-types';
import { decodePusherStateChange } from '../src/core/protocol';
import { SPEAKING_THRESHOLD } from '../src/core/room/player-pool';
import { HubClient, NONE, ROOM, createHub } from './fakes/emulator-hub';
import { describe as show } from './fakes/emulator-sink';

const states = (client: HubClient): string[] => client.sink.pusherStates().map(show);

const codeOf = (action: () => unknown): string | undefined => {
  try {
    action();
  } catch (error) {
    if (error instanceof EmulatorError) return error.code;
    throw error;
  }
  return undefined;
};

describe('bots', () => {
  it('join, publish, toggle and leave like clients do', () => {
    const { hub } = createHub();
    const alice = new HubClient(hub).enter('alice');
    const snapshot = hub.addBot(ROOM, { userId: 'bob', camera: true, microphone: true });
    expect(snapshot).toMatchObject({
      userId: 'bob',
      kind: 'bot',
      camera: true,
      microphone: true,
      screen: false,
      playing: [],
    });
    const act = (action: BotAction) => hub.botAction(ROOM, 'bob', action);
    act({ do: 'screen', on: true });
    act({ do: 'mute', on: true });
    act({ do: 'mute', on: false });
    act({ do: 'camera', on: false });
    act({ do: 'microphone', on: false });
    act({ do: 'screen', on: false });
    act({ do: 'leave' });
    expect(states(alice)).toEqual([
      '1018',
      '1031 bob',
      '1033 bob main on',
      '1034 bob audio on',
      '1033 bob aux on',
      '1034 bob audio off',
      '1034 bob audio on',
      '1033 bob main off',
      '1034 bob audio off',
      '1033 bob aux off',
      '1032 bob',
    ]);
    for (const d of alice.sink.pusherStates())
      expect(decodePusherStateChange(d).type).not.toBe('malformed');
    expect(hub.room(ROOM)?.participants.map((p) => p.userId)).toEqual(['alice']);
  });

  it('are announced to a client entering later', () => {
    const { hub } = createHub();
    hub.addBot(
      { sdkAppId: 1400000001, roomId: 2024 },
      { userId: 'bob', screen: true, microphone: true },
    );
    const alice = new HubClient(hub).enter('alice');
    expect(states(alice)).toEqual(['1018', '1031 bob', '1033 bob aux on', '1034 bob audio on']);
  });

  it('get generated ids and open rooms by key or reference', () => {
    const { hub } = createHub();
    expect(hub.addBot(ROOM).userId).toBe('bot_1');
    expect(hub.addBot(ROOM).userId).toBe('bot_2');
    hub.addBot({ sdkAppId: 7, strRoomId: 'lobby' }, { userId: 'x' });
    expect(hub.room('7:str:lobby')?.participants.map((p) => p.kind)).toEqual(['bot']);
    expect(hub.room('7:str:lobby')?.scene).toBe('videocall');
  });

  it('speak: volume ticks while speaking with the mic on, silence after ms', () => {
    const { hub, scheduler } = createHub({ tickMs: 500 });
    const alice = new HubClient(hub).enter('alice').play('bob_main');
    hub.addBot(ROOM, { userId: 'bob', microphone: true });
    hub.botAction(ROOM, 'bob', { do: 'speak', volume: 60, ms: 1200 });
    const volumes = () =>
      alice.sink.playerDetails('audiovolumenotify', 'bob_main').map((d) => d.volume as number);
    scheduler.advance(1000);
    expect(volumes()).toHaveLength(2);
    expect(volumes().every((v) => v >= 52 && v <= 68)).toBe(true);
    scheduler.advance(1000);
    expect(volumes().slice(2)).toEqual([0, 0]);
    hub.botAction(ROOM, 'bob', { do: 'speak', volume: 30 });
    hub.botAction(ROOM, 'bob', { do: 'mute', on: true });
    scheduler.advance(500);
    expect(hub.room(ROOM)?.participants[1]?.volume).toBe(0);
  });

  it("a client's open microphone is room noise, below the speaking threshold", () => {
    const { hub, scheduler } = createHub({ tickMs: 500 });
    const alice = new HubClient(hub).enter('alice', {
      camera: false,
      microphone: true,
      muted: false,
    });
    const bobClient = new HubClient(hub).enter('bob').play('alice_main');
    scheduler.advance(5000);
    const own = alice.sink.pusherDetails('audiovolumenotify').map((d) => d.volume as number);
    const heard = bobClient.sink
      .playerDetails('audiovolumenotify', 'alice_main')
      .map((d) => d.volume as number);
    expect(own.length).toBeGreaterThanOrEqual(10);
    for (const volume of [...own, ...heard]) {
      expect(volume).toBeGreaterThanOrEqual(1);
      expect(volume).toBeLessThan(SPEAKING_THRESHOLD);
    }
  });

  it('are deterministic: the same script gives the same volumes', () => {
    const run = (): number[] => {
      const { hub, scheduler } = createHub();
      hub.addBot(ROOM, { userId: 'bob', microphone: true, speaking: 50 });
      const seen: number[] = [];
      for (let i = 0; i < 10; i++) {
        scheduler.advance(500);
        seen.push(hub.room(ROOM)?.participants[0]?.volume ?? -1);
      }
      hub.dispose();
      return seen;
    };
    const first = run();
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(run()).toEqual(first);
  });

  it('send SEI to clients playing their main stream', () => {
    const { hub } = createHub();
    hub.addBot(ROOM, { userId: 'bob', camera: true });
    const alice = new HubClient(hub).enter('alice').play('bob_main');
    hub.botAction(ROOM, 'bob', { do: 'sei', message: '{"slide":3}' });
    expect(alice.sink.playerDetails('statechange', 'bob_main').at(-1)).toEqual({
      code: 2012,
      message: '{"slide":3}',
    });
  });

  it('keep their user id: a client cannot enter as a bot', () => {
    const { hub } = createHub();
    hub.addBot(ROOM, { userId: 'bob' });
    const bob = new HubClient(hub).enter('bob', NONE);
    expect(bob.sink.pusherStates()).toEqual([
      { code: -3301, message: expect.stringContaining('bot') },
    ]);
  });

  it('throw EmulatorError for bad requests', () => {
    const { hub } = createHub();
    new HubClient(hub).enter('alice');
    hub.addBot(ROOM, { userId: 'bob' });
    expect(codeOf(() => hub.addBot(ROOM, { userId: 'bob' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => hub.addBot(ROOM, { userId: 'alice' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => hub.addBot('nope'))).toBe('BAD_REQUEST');
    expect(codeOf(() => hub.addBot({ sdkAppId: 1, roomId: 0 }))).toBe('BAD_REQUEST');
    expect(codeOf(() => hub.addBot(ROOM, { userId: 'bad id!' }))).toBe('BAD_REQUEST');
    expect(codeOf(() => hub.addBot(ROOM, { speaking: 101 }))).toBe('BAD_REQUEST');
    expect(codeOf(() => hub.botAction(ROOM, 'alice', { do: 'leave' }))).toBe('NOT_FOUND');
    expect(codeOf(() => hub.botAction(ROOM, 'zed', { do: 'camera', on: true }))).toBe('NOT_FOUND');
    expect(codeOf(() => hub.botAction('1:1', 'bob', { do: 'camera', on: true }))).toBe('NOT_FOUND');
    expect(codeOf(() => hub.botAction(ROOM, 'bob', { do: 'dance' } as unknown as BotAction))).toBe(
      'BAD_REQUEST',
    );
    expect(codeOf(() => hub.removeBot(ROOM, 'alice'))).toBe('NOT_FOUND');
  });
});

describe('parseBotOptions / parseBotAction', () => {
  it('read valid JSON', () => {
    expect(parseBotOptions({ userId: 'a', camera: true, speaking: 0 })).toEqual({
      userId: 'a',
      camera: true,
      speaking: 0,
    });
    expect(parseBotOptions(undefined)).toEqual({});
    expect(parseBotAction({ do: 'speak', volume: 5, ms: 10 })).toEqual({
      do: 'speak',
      volume: 5,
      ms: 10,
    });
    expect(parseBotAction({ do: 'sei', message: 'x' })).toEqual({ do: 'sei', message: 'x' });
  });

  it('accept a speak of up to a day', () => {
    expect(parseBotAction({ do: 'speak', volume: 5, ms: MAX_SPEAK_MS })).toEqual({
      do: 'speak',
      volume: 5,
      ms: 24 * 3600 * 1000,
    });
    expect(() => parseBotAction({ do: 'speak', volume: 5, ms: MAX_SPEAK_MS + 1 })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
  });

  it('say what is wrong', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => parseBotOptions([]), /must be an object/],
      [() => parseBotOptions({ camera: 'yes' }), /"camera" must be true or false/],
      [() => parseBotOptions({ hat: 1 }), /unknown field "hat"/],
      [() => parseBotAction({ do: 'camera' }), /needs "on"/],
      [() => parseBotAction({ do: 'speak', volume: 5, ms: -1 }), /"ms" must be a positive integer/],
      [() => parseBotAction({ do: 'sei', message: '' }), /1-1024 characters/],
      [
        () => parseBotAction({ do: 'speak', volume: 5, ms: MAX_SPEAK_MS + 1 }),
        /"ms" must be a positive integer of at most 86400000/,
      ],
      [() => parseBotAction({ do: 'speak', volume: 5, ms: 2 ** 31 }), /at most/],
      [() => parseBotAction({ do: 'fly' }), /unknown action "fly"/],
      [() => parseBotAction({ do: 'leave', now: true }), /unknown field "now"/],
    ];
    for (const [action, message] of cases) expect(action).toThrow(message);
  });
});

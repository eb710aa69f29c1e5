import { EmulatorError, RoomHub } from '../emulator/hub';
import { AV, HubClient, MIC, NONE, ROOM, createHub, roomUrl } from './fakes/emulator-hub';
import { RecordingSink, describe as show } from './fakes/emulator-sink';

const codes = (client: HubClient): string[] => client.sink.pusherStates().map(show);

describe('RoomHub: limits and robustness', () => {
  it('refuses clients over maxClients with an error frame LIMIT and a close', () => {
    const { hub } = createHub({ limits: { maxClients: 1 } });
    new HubClient(hub);
    const sink = new RecordingSink();
    expect(hub.connect(sink)).toBeNull();
    expect(sink.errors()).toEqual([
      { code: 'LIMIT', message: expect.stringContaining('1 clients') },
    ]);
    expect(sink.closedWith?.code).toBe(1013);
  });

  it('frees a client slot when a connection closes', () => {
    const { hub } = createHub({ limits: { maxClients: 1 } });
    new HubClient(hub).connection.closed();
    expect(hub.connect(new RecordingSink())).not.toBeNull();
  });

  it('refuses entering over maxRooms and maxParticipantsPerRoom with -3301', () => {
    const { hub } = createHub({ limits: { maxRooms: 1, maxParticipantsPerRoom: 2 } });
    new HubClient(hub).enter('a');
    new HubClient(hub).enter('b');
    const third = new HubClient(hub).enter('c');
    const elsewhere = new HubClient(hub).enter('d', NONE, { roomId: 7 });
    expect(third.sink.pusherStates()).toEqual([
      { code: -3301, message: expect.stringContaining('full') },
    ]);
    expect(elsewhere.sink.pusherStates()).toEqual([
      { code: -3301, message: expect.stringContaining('1 rooms') },
    ]);
  });

  it('enforces maxBots, maxRooms and room size on bots with EmulatorError LIMIT', () => {
    const { hub } = createHub({ limits: { maxBots: 2, maxRooms: 1, maxParticipantsPerRoom: 2 } });
    hub.addBot(ROOM);
    expect(() => hub.addBot('1400000001:9')).toThrow(expect.objectContaining({ code: 'LIMIT' }));
    hub.addBot(ROOM);
    expect(() => hub.addBot(ROOM)).toThrow(EmulatorError);
    const full = createHub({ limits: { maxParticipantsPerRoom: 1 } }).hub;
    full.addBot(ROOM);
    expect(() => full.addBot(ROOM)).toThrow(/full/);
  });

  it('answers malformed frames with an error frame and keeps going', () => {
    const { hub } = createHub({ limits: { maxFrameBytes: 1000 } });
    const client = new HubClient(hub);
    const bad = [
      'not json',
      '[]',
      '{"type":"fly"}',
      '{"type":"enter"}',
      '{"type":"play","players":[1]}',
      'x'.repeat(1001),
    ];
    for (const text of bad) client.connection.receive(text);
    client.connection.receive(undefined as unknown as string);
    expect(client.sink.errors().map((e) => e.code)).toEqual([
      'BAD_FRAME',
      'BAD_FRAME',
      'BAD_FRAME',
      'BAD_FRAME',
      'BAD_FRAME',
      'FRAME_TOO_LARGE',
      'FRAME_TOO_LARGE',
    ]);
    client.enter('alice');
    expect(client.sink.pusherCodes()).toEqual([1018]);
  });

  it('counts frame size in bytes', () => {
    const { hub } = createHub({ limits: { maxFrameBytes: 100 } });
    const client = new HubClient(hub);
    client.connection.receive(JSON.stringify({ type: 'sei', message: '语'.repeat(30) }));
    expect(client.sink.errors().map((e) => e.code)).toEqual(['FRAME_TOO_LARGE']);
  });

  it('survives a sink whose send throws, and logs it', () => {
    const { hub, scheduler } = createHub();
    const broken = new HubClient(hub).enter('broken', AV);
    broken.sink.failWith = new Error('socket gone');
    const alice = new HubClient(hub).enter('alice', AV).play('broken_main');
    scheduler.advance(2000);
    expect(codes(alice)).toEqual([
      '1018',
      '1031 broken',
      '1033 broken main on',
      '1034 broken audio on',
    ]);
    expect(hub.log().some((e) => e.kind === 'error' && e.text.includes('socket gone'))).toBe(true);
  });

  it('keeps only maxLogEntries log entries, numbered with a growing seq', () => {
    const { hub } = createHub({ limits: { maxLogEntries: 5 } });
    const seen: number[] = [];
    const off = hub.onLog((e) => seen.push(e.seq));
    for (let i = 0; i < 5; i++) new HubClient(hub).enter(`u${i}`).exit();
    const log = hub.log();
    expect(log).toHaveLength(5);
    expect(log.map((e) => e.seq)).toEqual(seen.slice(-5));
    expect(hub.log(log[2]!.seq).map((e) => e.seq)).toEqual(seen.slice(-2));
    off();
    new HubClient(hub);
    expect(seen.length).toBe(log.at(-1)!.seq);
  });

  it('never logs a UserSig', () => {
    const { hub } = createHub();
    new HubClient(hub).enter('alice');
    new HubClient(hub).enter('bob', NONE, { userSig: 'garbage-sig-value' });
    const text = JSON.stringify(hub.log());
    expect(text).not.toContain('garbage-sig-value');
    expect(text).not.toContain('usersig=');
  });

  it('rejects bad options', () => {
    expect(() => new RoomHub({ limits: { maxRooms: 0 } })).toThrow(EmulatorError);
    expect(() => new RoomHub({ tickMs: 0 })).toThrow(EmulatorError);
    expect(() => new RoomHub({ secretKey: '' })).toThrow(EmulatorError);
  });
});

describe('RoomHub: timers', () => {
  it('ticks only while someone is in a room, and dispose leaves no timer', () => {
    const { hub, scheduler } = createHub({ tickMs: 500 });
    const alice = new HubClient(hub);
    scheduler.advance(5000);
    expect(scheduler.pending()).toBe(0);
    alice.enter('alice', MIC);
    hub.addBot(ROOM, { userId: 'bot', microphone: true, speaking: 50 });
    hub.botAction(ROOM, 'bot', { do: 'speak', volume: 70, ms: 10_000 });
    hub.inject({ kind: 'delay', room: ROOM, userId: 'alice', ms: 3000 });
    hub.addBot(ROOM, { userId: 'other' });
    expect(scheduler.pending()).toBeGreaterThan(1);
    scheduler.advance(1000);
    expect(alice.sink.pusherDetails('netstatus')).toHaveLength(2);
    hub.dispose();
    expect(scheduler.pending()).toBe(0);
    expect(alice.sink.closedWith).toEqual({ code: 1001, reason: 'emulator stopped' });
    expect(hub.rooms()).toEqual([]);
  });

  it('stops ticking when the last room empties', () => {
    const { hub, scheduler } = createHub();
    const alice = new HubClient(hub).enter('alice');
    expect(scheduler.pending()).toBe(1);
    alice.exit();
    expect(scheduler.pending()).toBe(0);
    hub.addBot(ROOM);
    expect(scheduler.pending()).toBe(1);
    hub.removeBot(ROOM, 'bot_1');
    expect(scheduler.pending()).toBe(0);
  });

  it('refuses clients after dispose', () => {
    const { hub } = createHub();
    hub.dispose();
    const sink = new RecordingSink();
    expect(hub.connect(sink)).toBeNull();
    expect(sink.closedWith).not.toBeNull();
  });

  it('runs on the system scheduler by default', () => {
    const hub = new RoomHub();
    const sink = new RecordingSink();
    hub
      .connect(sink)
      ?.receive(JSON.stringify({ type: 'enter', url: roomUrl('alice'), publish: NONE }));
    expect(sink.pusherStates()[0]).toEqual({
      code: -100018,
      message: expect.stringContaining('expired'),
    });
    hub.dispose();
  });
});

import { EmulatorError } from '../emulator/hub';
import { Outbox, REORDER_WINDOW_MS } from '../emulator/outbox';
import { pusherState, pusherVolume } from '../emulator/events';
import type { Fault } from '../emulator/emulator-types';
import { decodePusherStateChange } from '../src/core/protocol';
import { AV, HubClient, MIC, ROOM, createHub } from './fakes/emulator-hub';
import { RecordingSink, describe as show } from './fakes/emulator-sink';
import { ManualScheduler } from './fakes/manual-scheduler';

const states = (client: HubClient): string[] => client.sink.pusherStates().map(show);
const types = (client: HubClient): string[] =>
  client.sink.pusherStates().map((d) => decodePusherStateChange(d).type);

function room() {
  const test = createHub();
  const alice = new HubClient(test.hub).enter('alice', AV);
  const bob = new HubClient(test.hub).enter('bob', MIC);
  alice.sink.clear();
  bob.sink.clear();
  return { ...test, alice, bob };
}

describe('faults that end the session', () => {
  it('disconnect: 1102 then -1307; the others see the user leave; enter again works', () => {
    const { hub, alice, bob } = room();
    hub.inject({ kind: 'disconnect', room: ROOM, userId: 'alice' });
    expect(types(alice)).toEqual(['push-reconnecting', 'push-disconnected']);
    expect(states(bob)).toEqual(['1032 alice']);
    expect(hub.room(ROOM)?.participants.map((p) => p.userId)).toEqual(['bob']);
    alice.exit(); // out of the room: no 1019
    expect(alice.sink.pusherCodes()).toEqual([1102, -1307]);
    alice.enter('alice', AV);
    expect(states(bob)).toEqual([
      '1032 alice',
      '1031 alice',
      '1033 alice main on',
      '1034 alice audio on',
    ]);
  });

  it('kick: 1019 reason[1]', () => {
    const { hub, alice, bob } = room();
    hub.inject({ kind: 'kick', room: ROOM, userId: 'alice' });
    expect(decodePusherStateChange(alice.sink.pusherStates()[0])).toMatchObject({
      type: 'room-exited',
      reason: 'kicked',
      reasonCode: 1,
    });
    expect(states(bob)).toEqual(['1032 alice']);
  });

  it('dismiss: 1019 reason[2] to every client, bots removed, room gone', () => {
    const { hub, alice, bob, scheduler } = room();
    hub.addBot(ROOM, { userId: 'carol', microphone: true });
    hub.botAction(ROOM, 'carol', { do: 'speak', volume: 50, ms: 9000 });
    alice.sink.clear();
    bob.sink.clear();
    hub.inject({ kind: 'dismiss', room: ROOM });
    for (const client of [alice, bob]) {
      expect(client.sink.pusherStates()).toHaveLength(1);
      expect(decodePusherStateChange(client.sink.pusherStates()[0])).toMatchObject({
        reason: 'dismissed',
        reasonCode: 2,
      });
    }
    expect(hub.rooms()).toEqual([]);
    expect(scheduler.pending()).toBe(0);
  });

  it('background: 5000 (default) or 5001, then out of the room', () => {
    const { hub, alice, bob } = room();
    hub.inject({ kind: 'background', room: ROOM, userId: 'alice' });
    hub.inject({ kind: 'background', room: ROOM, userId: 'bob', code: 5001 });
    expect(types(alice)).toEqual(['suspended']);
    expect(types(bob)).toEqual(['remote-users-left', 'interrupted']);
    expect(hub.rooms()).toEqual([]);
  });

  it('network-change: 1021, the session stays in the room', () => {
    const { hub, alice, bob } = room();
    hub.inject({ kind: 'network-change', room: ROOM, userId: 'alice' });
    expect(types(alice)).toEqual(['network-changed']);
    expect(states(bob)).toEqual([]);
    alice.exit().enter('alice', AV);
    expect(states(bob)).toEqual([
      '1032 alice',
      '1031 alice',
      '1033 alice main on',
      '1034 alice audio on',
    ]);
  });
});

describe('delivery faults through the hub', () => {
  it('delay holds the next frames for ms, in order', () => {
    const { hub, alice, bob, scheduler } = room();
    hub.inject({ kind: 'delay', room: ROOM, userId: 'bob', ms: 300, count: 2 });
    alice.publish(MIC);
    alice.publish(AV);
    expect(states(bob)).toEqual([]);
    scheduler.advance(299);
    expect(states(bob)).toEqual([]);
    scheduler.advance(1);
    expect(states(bob)).toEqual(['1033 alice main off', '1033 alice main on']);
  });

  it('duplicate sends the next frames twice', () => {
    const { hub, alice, bob } = room();
    hub.inject({ kind: 'duplicate', room: ROOM, userId: 'bob', count: 1 });
    alice.publish(MIC);
    alice.publish(AV);
    expect(states(bob)).toEqual([
      '1033 alice main off',
      '1033 alice main off',
      '1033 alice main on',
    ]);
  });

  it('reorder delivers the next count frames backwards', () => {
    const { hub, alice, bob } = room();
    hub.inject({ kind: 'reorder', room: ROOM, userId: 'bob', count: 3 });
    alice.publish(MIC);
    alice.publish(AV);
    expect(states(bob)).toEqual([]);
    alice.exit();
    expect(states(bob)).toEqual(['1032 alice', '1033 alice main on', '1033 alice main off']);
  });

  it('rejects faults for unknown rooms and users, bots and bad fields', () => {
    const { hub } = room();
    hub.addBot(ROOM, { userId: 'robot' });
    const bad: [unknown, string][] = [
      [{ kind: 'kick', room: '1:1', userId: 'alice' }, 'NOT_FOUND'],
      [{ kind: 'kick', room: ROOM, userId: 'zed' }, 'NOT_FOUND'],
      [{ kind: 'kick', room: ROOM, userId: 'robot' }, 'BAD_REQUEST'],
      [{ kind: 'explode', room: ROOM, userId: 'alice' }, 'BAD_REQUEST'],
      [{ kind: 'delay', room: ROOM, userId: 'alice' }, 'BAD_REQUEST'],
      [{ kind: 'delay', room: ROOM, userId: 'alice', ms: -1 }, 'BAD_REQUEST'],
      [{ kind: 'reorder', room: ROOM, userId: 'alice', count: 1 }, 'BAD_REQUEST'],
      [{ kind: 'background', room: ROOM, userId: 'alice', code: 5002 }, 'BAD_REQUEST'],
      [{ kind: 'kick', room: ROOM }, 'BAD_REQUEST'],
      [null, 'BAD_REQUEST'],
    ];
    for (const [fault, code] of bad) {
      let thrown: unknown;
      try {
        hub.inject(fault as Fault);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EmulatorError);
      expect((thrown as EmulatorError).code).toBe(code);
    }
  });
});

describe('Outbox', () => {
  const setup = () => {
    const scheduler = new ManualScheduler(1000);
    const sink = new RecordingSink();
    const errors: unknown[] = [];
    const outbox = new Outbox(sink, scheduler, (e) => errors.push(e));
    const codes = () => sink.pusherStates().map((d) => d.code);
    return { scheduler, sink, outbox, codes, errors };
  };

  it('keeps later frames behind delayed ones, and lets ticks through', () => {
    const { scheduler, sink, outbox, codes } = setup();
    outbox.apply({ kind: 'delay', ms: 100, count: 1 });
    outbox.send(pusherState(1, ''));
    outbox.send(pusherState(2, ''));
    outbox.send(pusherVolume(7));
    expect(codes()).toEqual([]);
    expect(sink.pusherDetails('audiovolumenotify')).toEqual([{ volume: 7 }]);
    scheduler.advance(100);
    expect(codes()).toEqual([1, 2]);
    outbox.send(pusherState(3, ''));
    expect(codes()).toEqual([1, 2, 3]);
    expect(outbox.pendingTimers()).toBe(0);
  });

  it('delivers an unfinished reorder batch after the window', () => {
    const { scheduler, outbox, codes } = setup();
    outbox.apply({ kind: 'reorder', count: 5 });
    outbox.send(pusherState(1, ''));
    outbox.send(pusherState(2, ''));
    scheduler.advance(REORDER_WINDOW_MS);
    expect(codes()).toEqual([2, 1]);
    outbox.send(pusherState(3, ''));
    expect(codes()).toEqual([2, 1, 3]);
  });

  it('dispose drops held frames and timers; close tolerates a throwing sink', () => {
    const { scheduler, sink, outbox, codes, errors } = setup();
    outbox.apply({ kind: 'delay', ms: 100, count: 5 });
    outbox.send(pusherState(1, ''));
    sink.close = () => {
      throw new Error('already closed');
    };
    outbox.close(1001, 'bye');
    expect(scheduler.pending()).toBe(0);
    scheduler.advance(1000);
    expect(codes()).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('drain delivers held frames at once', () => {
    const { outbox, codes, scheduler } = setup();
    outbox.apply({ kind: 'delay', ms: 100, count: 5 });
    outbox.send(pusherState(1, ''));
    outbox.drain();
    expect(codes()).toEqual([1]);
    expect(scheduler.pending()).toBe(0);
  });
});

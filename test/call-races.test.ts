import { CallClient } from '../src/core/call/call-client';
import type { CallEnd } from '../src/core/call/call-events';
import type { CallRoomPort, CallSignaling } from '../src/core/call/call-ports';
import { TrtcErrorCode } from '../src/core/errors';
import { RoomServer, SignalingBus, roomKey } from './fakes/call-fakes';
import { ManualScheduler, flushMicrotasks } from './fakes/manual-scheduler';

// What happens when things overlap: a hang-up while the room enters or the invitation is on its
// way, a decline while accepting, answers after everyone left a group call, a stranger's switch
// to audio, a hang-up record still sending when the next call rings, an invitation that never
// settles; and what call() refuses.
let scheduler: ManualScheduler;
let bus: SignalingBus;
let rooms: RoomServer;

beforeEach(() => {
  scheduler = new ManualScheduler(Date.UTC(2026, 0, 1));
  bus = new SignalingBus(scheduler);
  rooms = new RoomServer();
});

/** A promise the test settles when it wants. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

/** A room port whose enter() waits for the test (gates.shift()) before entering. */
function slowRoom(userId: string, gates: { promise: Promise<void> }[]): CallRoomPort {
  const room = rooms.user(userId);
  return {
    ...room,
    enter: async (r, media) => {
      const next = gates.shift();
      if (next !== undefined) await next.promise;
      await room.enter(r, media);
    },
  };
}

/** A signaling port whose invite() waits for the test before it goes out. */
function slowInvite(userId: string, wait: { promise: Promise<void> }): CallSignaling {
  const signaling = bus.user(userId);
  return {
    ...signaling,
    invite: async (request) => {
      await wait.promise;
      return signaling.invite(request);
    },
  };
}

function client(
  userId: string,
  parts: { room?: CallRoomPort; signaling?: CallSignaling; newRoomId?: () => number } = {},
) {
  const ends: CallEnd[] = [];
  const c = new CallClient({
    userId,
    signaling: parts.signaling ?? bus.user(userId),
    room: parts.room ?? rooms.user(userId),
    scheduler,
    newRoomId: parts.newRoomId ?? (() => 900),
  });
  c.on('ended', (end) => ends.push(end));
  return { client: c, ends };
}

const actions = () => bus.sent.map((m) => `${m.by} ${m.action}`);

test('hung up while the room enters: nothing rings, call() resolves, the room is left', async () => {
  const entering = gate();
  const alice = client('alice', { room: slowRoom('alice', [entering]) });
  const bob = client('bob');
  const dialing = alice.client.call(['bob']);
  await alice.client.hangup();
  entering.open();
  await expect(dialing).resolves.toBeUndefined();
  await flushMicrotasks();
  expect(alice.ends).toMatchObject([{ reason: 'cancelled' }]);
  expect(bus.sent).toEqual([]);
  expect(bob.client.getState()).toBe('idle');
  // Its exit came before the enter finished: the enter is undone.
  expect(rooms.calls.get('alice')).toEqual(['exit', 'enter n:900 video', 'exit']);
  expect(rooms.roomOf('alice')).toBeUndefined();
});

test('hung up while the invitation is on its way: it is cancelled as soon as it has an id', async () => {
  const sending = gate();
  const alice = client('alice', { signaling: slowInvite('alice', sending) });
  const bob = client('bob');
  const dialing = alice.client.call(['bob']);
  await flushMicrotasks();
  await alice.client.hangup();
  sending.open();
  await dialing;
  await flushMicrotasks();
  expect(actions()).toEqual(['alice invite', 'bob modify', 'alice cancel']);
  expect(bob.ends).toMatchObject([{ reason: 'cancelled' }]);
});

test('an invitation that never settles still ends in no answer on the caller’s timer', async () => {
  const never = gate();
  const alice = client('alice', { signaling: slowInvite('alice', never) });
  void alice.client.call(['bob']);
  await flushMicrotasks();
  scheduler.advance(35_000);
  await flushMicrotasks();
  expect(alice.ends).toMatchObject([{ reason: 'no-answer' }]);
  expect(alice.client.getState()).toBe('idle');
});

test('declining while accepting leaves the call; the next call is accepted normally', async () => {
  const entering = gate();
  const alice = client('alice');
  const bob = client('bob', { room: slowRoom('bob', [entering]) });
  await alice.client.call(['bob']);
  const accepting = bob.client.accept();
  await flushMicrotasks();
  expect(bob.client.isAccepting()).toBe(true);
  await bob.client.decline();
  entering.open();
  await accepting;
  await flushMicrotasks();
  expect(bob.ends).toMatchObject([{ reason: 'hung-up' }]);
  expect(rooms.roomOf('bob')).toBeUndefined();
  expect(actions()).not.toContain('bob reject');
  await alice.client.hangup();

  const carol = client('carol', { newRoomId: () => 901 });
  await carol.client.call(['bob']);
  await bob.client.accept();
  await flushMicrotasks();
  expect([bob.client.getState(), rooms.roomOf('bob')]).toEqual([
    'connected',
    roomKey({ roomId: 901 }),
  ]);
});

test('a failed accept ends the call as an error, leaves the room, and the next call works', async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.client.call(['bob']);
  rooms.failEnter.add('bob');
  await expect(bob.client.accept()).rejects.toThrow('enter failed');
  expect(bob.ends).toMatchObject([{ reason: 'error' }]);
  expect(rooms.calls.get('bob')).toEqual(['enter n:900 video', 'exit']);
  await alice.client.hangup();
  const carol = client('carol', { newRoomId: () => 902 });
  await carol.client.call(['bob']);
  await bob.client.accept();
  await flushMicrotasks();
  expect(bob.client.getState()).toBe('connected');
});

test('a group call ends when the last one ringing declines after everyone else left', async () => {
  const alice = client('alice');
  const bob = client('bob');
  const carol = client('carol');
  await alice.client.call(['bob', 'carol'], { groupId: 'g1' });
  await bob.client.accept();
  await flushMicrotasks();
  await bob.client.hangup();
  await flushMicrotasks();
  expect(alice.client.getState()).toBe('connected');
  await carol.client.decline();
  await flushMicrotasks();
  expect(alice.ends).toMatchObject([{ reason: 'remote-left' }]);
});

test('a switch to audio from outside our call does not make us drop video', async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.client.call(['bob']);
  await bob.client.accept();
  await flushMicrotasks();
  const mallory = bus.user('mallory');
  await mallory.invite({
    invitees: ['bob'],
    groupId: null,
    data: '{"businessID":"av_call","call_type":2,"data":{"cmd":"switchToAudio","room_id":900},"room_id":900,"switch_to_audio_call":"switch_to_audio_call","version":4}',
    timeoutS: 30,
    pushExtension: null,
  });
  await flushMicrotasks();
  expect(bob.client.getCall()?.media).toBe('video');
  expect(rooms.calls.get('bob')).not.toContain('dropVideo');
});

test('a hang-up record still sending does not end the call that rings next', async () => {
  const sending = gate();
  const signaling = bus.user('bob');
  let holdRecords = true;
  const bob = client('bob', {
    signaling: {
      ...signaling,
      invite: async (request) => {
        if (holdRecords && request.timeoutS === 0) await sending.promise;
        return signaling.invite(request);
      },
    },
  });
  const alice = client('alice');
  await alice.client.call(['bob']);
  await bob.client.accept();
  await flushMicrotasks();
  rooms.exitAs('alice');
  await flushMicrotasks();
  // Bob's record is on its way; he hangs up, and carol rings him.
  await bob.client.hangup();
  const carol = client('carol', { newRoomId: () => 903 });
  await carol.client.call(['bob']);
  holdRecords = false;
  sending.open();
  await flushMicrotasks();
  expect(bob.client.getState()).toBe('ringing');
});

test('call() refuses what cannot work, with the field and what it must be', async () => {
  const alice = client('alice');
  const call = (userIds: unknown, options: object = {}) =>
    alice.client.call(userIds as string[], options).then(
      () => 'resolved',
      (error: { code?: string }) => error.code,
    );
  await expect(call('bob', { groupId: 'g' })).resolves.toBe(TrtcErrorCode.InvalidParameter);
  await expect(call(['bob'], { media: 'Video' })).resolves.toBe(TrtcErrorCode.InvalidParameter);
  await expect(call(['bob'], { groupId: '' })).resolves.toBe(TrtcErrorCode.InvalidParameter);
  await expect(call(['bob'], { userData: 'x'.repeat(1025) })).resolves.toBe(
    TrtcErrorCode.InvalidParameter,
  );
  await expect(call(['bob'], { userData: 42 })).resolves.toBe(TrtcErrorCode.InvalidParameter);
  expect(
    () =>
      new CallClient({
        userId: 'bob',
        signaling: bus.user('bob'),
        room: rooms.user('bob'),
        timeoutS: 0,
      }),
  ).toThrow(/timeoutS must be a positive number/);
  expect(alice.client.getState()).toBe('idle');
  expect(bus.sent).toEqual([]);
});

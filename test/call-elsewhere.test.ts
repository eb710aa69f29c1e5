import { CallClient } from '../src/core/call/call-client';
import type { CallEnd } from '../src/core/call/call-events';
import { RoomServer, SignalingBus } from './fakes/call-fakes';
import { ManualScheduler, flushMicrotasks } from './fakes/manual-scheduler';

// What is decided away from this client: one user logged in on two devices (docs/calls.md,
// "Several devices") — both ring, the one that answers takes the call and the other stops
// ringing, a ringing device marks the invitation consumed and a consumed invitation (a replay
// after another device had it) does not ring — and a call the other side ended while we were away.
let scheduler: ManualScheduler;
let bus: SignalingBus;
let rooms: RoomServer;

beforeEach(() => {
  scheduler = new ManualScheduler(Date.UTC(2026, 0, 1));
  bus = new SignalingBus(scheduler);
  rooms = new RoomServer();
});

function device(userId: string, name = 'phone') {
  const ends: CallEnd[] = [];
  const client = new CallClient({
    userId,
    signaling: bus.user(userId, name),
    room: rooms.user(`${userId}@${name}`),
    scheduler,
    newRoomId: () => 777,
  });
  client.on('ended', (end) => ends.push(end));
  return { client, ends };
}

test('both devices ring; the one that accepts takes the call, the other stops ringing', async () => {
  const alice = device('alice');
  const phone = device('bob', 'phone');
  const pad = device('bob', 'pad');
  await alice.client.call(['bob']);
  await flushMicrotasks();
  expect([phone.client.getState(), pad.client.getState()]).toEqual(['ringing', 'ringing']);

  await phone.client.accept();
  await flushMicrotasks();
  expect(phone.client.getState()).toBe('connected');
  expect(alice.client.getState()).toBe('connected');
  expect(pad.client.getState()).toBe('idle');
  expect(pad.ends).toMatchObject([
    { reason: 'answered-elsewhere', message: 'accepted on another device', durationS: 0 },
  ]);
  expect(phone.ends).toEqual([]);
});

test('a decline on one device stops the other ringing and ends the call for the caller', async () => {
  const alice = device('alice');
  const phone = device('bob', 'phone');
  const pad = device('bob', 'pad');
  await alice.client.call(['bob']);
  await flushMicrotasks();
  await pad.client.decline();
  await flushMicrotasks();
  expect(phone.ends).toMatchObject([
    { reason: 'answered-elsewhere', message: 'declined on another device' },
  ]);
  expect(alice.ends).toMatchObject([{ reason: 'declined' }]);
});

test('a ringing device marks the invitation consumed; a consumed invitation does not ring', async () => {
  const alice = device('alice');
  device('bob');
  await alice.client.call(['bob']);
  await flushMicrotasks();
  const [invite, modify] = bus.sent;
  expect(modify).toMatchObject({ by: 'bob', action: 'modify', inviteId: invite!.inviteId });
  const consumed = JSON.parse(modify!.data) as { data: Record<string, unknown> };
  expect(consumed.data).toMatchObject({ consumed: true, room_id: 777 });

  // Chat replays the modified invitation to a device that logs in later.
  const late = device('bob', 'laptop');
  bus.inject('bob', {
    action: 'invite',
    inviteId: invite!.inviteId,
    inviter: 'alice',
    invitees: ['bob'],
    from: 'alice',
    groupId: '',
    data: modify!.data,
  });
  expect(late.client.getState()).toBe('idle');
});

test('back from the background, the other side has ended the call: its record ends ours', async () => {
  const alice = device('alice');
  const bob = device('bob');
  await alice.client.call(['bob']);
  await flushMicrotasks();
  await bob.client.accept();
  await flushMicrotasks();
  expect(bob.client.getState()).toBe('connected');
  // WeChat stopped bob's pusher in the background: alice sees him leave, records the call, leaves.
  rooms.exitAs('bob@phone');
  await flushMicrotasks();
  expect(alice.ends).toMatchObject([{ reason: 'remote-left' }]);
  expect(bob.ends).toMatchObject([{ reason: 'remote-left' }]);
  expect(bob.client.getState()).toBe('idle');
  // Bob does not record the call a second time.
  expect(bus.sent.filter((m) => m.action === 'invite')).toHaveLength(2);
});

test('our room is lost (kicked, failed): the call ends as an error saying why', async () => {
  const alice = device('alice');
  const bob = device('bob');
  await alice.client.call(['bob']);
  await flushMicrotasks();
  await bob.client.accept();
  await flushMicrotasks();
  rooms.lose('bob@phone', "the call's room removed us (kicked)");
  await flushMicrotasks();
  expect(bob.ends).toMatchObject([
    { reason: 'error', message: "the call's room removed us (kicked)" },
  ]);
});

test('our room is lost while dialing: the invitation is cancelled', async () => {
  const alice = device('alice');
  const bob = device('bob');
  await alice.client.call(['bob']);
  await flushMicrotasks();
  rooms.lose('alice@phone', "the call's room failed");
  await flushMicrotasks();
  expect(alice.ends).toMatchObject([{ reason: 'error', message: "the call's room failed" }]);
  expect(bob.ends).toMatchObject([{ reason: 'cancelled' }]);
});

import { CallClient } from '../src/core/call/call-client';
import type { CallClientEvents } from '../src/core/call/call-events';
import { TrtcErrorCode } from '../src/core/errors';
import { RoomServer, SignalingBus } from './fakes/call-fakes';
import { ManualScheduler, flushMicrotasks } from './fakes/manual-scheduler';
import { thrownCode } from './fakes/trtc-error';
import { OFFICIAL } from './fixtures/calls/official-wire';

// The call state machine (src/core/call/call-client.ts) between clients on an in-process Chat
// bus and TRTC rooms (test/fakes/call-fakes.ts).
let scheduler: ManualScheduler;
let bus: SignalingBus;
let rooms: RoomServer;
let roomIds: number;

beforeEach(() => {
  scheduler = new ManualScheduler(Date.UTC(2026, 0, 1));
  bus = new SignalingBus(scheduler);
  rooms = new RoomServer();
  roomIds = 1000;
});

type Log = string[];

function client(userId: string): { client: CallClient; log: Log } {
  const log: Log = [];
  const client = new CallClient({
    userId,
    signaling: bus.user(userId),
    room: rooms.user(userId),
    scheduler,
    newRoomId: () => (roomIds += 1),
  });
  const events: (keyof CallClientEvents)[] = [
    'state-changed',
    'incoming',
    'user-accepted',
    'user-declined',
    'user-busy',
    'user-no-response',
    'user-joined',
    'user-left',
    'media-changed',
    'ended',
  ];
  for (const name of events) {
    client.on(name, (arg: unknown) => {
      if (name === 'state-changed') {
        const { from, to } = arg as { from: string; to: string };
        log.push(`${from}->${to}`);
      } else if (name === 'ended') {
        const { reason, durationS } = arg as { reason: string; durationS: number };
        log.push(`ended ${reason} ${durationS}s`);
      } else if (name === 'incoming') log.push(`incoming ${JSON.stringify(arg)}`);
      else log.push(`${name} ${String(arg)}`);
    });
  }
  return { client, log };
}

const settle = () => flushMicrotasks();

test('a 1v1 video call: ring, accept, both in one room, the caller hangs up', async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.client.call(['bob']);
  expect(alice.client.getState()).toBe('dialing');
  expect(bob.client.getCall()).toMatchObject({
    role: 'callee',
    caller: 'alice',
    media: 'video',
    room: { roomId: 1001 },
    invitees: ['bob'],
  });
  await bob.client.accept();
  await settle();
  expect([alice.client.getState(), bob.client.getState()]).toEqual(['connected', 'connected']);
  expect(rooms.roomOf('bob')).toBe(rooms.roomOf('alice'));
  scheduler.advance(65_000);
  await alice.client.hangup();
  await settle();
  expect(alice.log).toEqual([
    'idle->dialing',
    'user-accepted bob',
    'dialing->connected',
    'user-joined bob',
    'connected->idle',
    'ended hung-up 65s',
  ]);
  // bob saw alice leave: he sends the hang-up record (history only) and leaves too.
  expect(bob.log.filter((line) => !line.startsWith('incoming'))).toEqual([
    'idle->ringing',
    'user-joined alice',
    'ringing->connected',
    'user-left alice',
    'connected->idle',
    'ended remote-left 65s',
  ]);
  const record = bus.sent[bus.sent.length - 1]!;
  expect([record.by, record.action, record.to, record.timeoutS]).toEqual([
    'bob',
    'invite',
    ['alice'],
    0,
  ]);
  expect(JSON.parse(record.data)).toMatchObject({ call_end: 65, data: { cmd: 'hangup' } });
  // alice's client ignores the record: no second call.
  expect(alice.client.getState()).toBe('idle');
});

test('declined: the caller hears it and leaves its room', async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.client.call(['bob'], { media: 'audio' });
  await bob.client.decline();
  await settle();
  expect(alice.log.slice(-3)).toEqual(['user-declined bob', 'dialing->idle', 'ended declined 0s']);
  expect(bob.log.slice(-2)).toEqual(['ringing->idle', 'ended declined 0s']);
  expect(rooms.calls.get('alice')).toEqual(['enter n:1001 audio', 'exit']);
  expect(rooms.calls.get('bob')).toBeUndefined();
});

test('busy: a user in a call answers a second one "line busy" by itself', async () => {
  const alice = client('alice');
  const bob = client('bob');
  const carol = client('carol');
  await carol.client.call(['bob']);
  await bob.client.accept();
  await alice.client.call(['bob']);
  await settle();
  expect(alice.log.slice(-3)).toEqual(['user-busy bob', 'dialing->idle', 'ended busy 0s']);
  expect(bob.client.getState()).toBe('connected');
  expect(bob.client.getCall()?.caller).toBe('carol');
  const busy = bus.sent.find((m) => m.by === 'bob' && m.action === 'reject')!;
  expect(JSON.parse(busy.data)).toMatchObject({
    line_busy: 'line_busy',
    data: { message: 'lineBusy' },
  });
  // Dialing and ringing count as busy too.
  const dave = client('dave');
  const erin = client('erin');
  await dave.client.call(['erin']);
  expect(erin.client.getState()).toBe('ringing');
  await alice.client.call(['erin']);
  await settle();
  expect(alice.log[alice.log.length - 1]).toBe('ended busy 0s');
  await alice.client.call(['dave']);
  await settle();
  expect(alice.log[alice.log.length - 1]).toBe('ended busy 0s');
  expect([dave.client.getState(), erin.client.getState()]).toEqual(['dialing', 'ringing']);
});

test('cancelled: the caller hangs up while it rings', async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.client.call(['bob']);
  await alice.client.hangup();
  await settle();
  expect(alice.log.slice(-2)).toEqual(['dialing->idle', 'ended cancelled 0s']);
  expect(bob.log.slice(-2)).toEqual(['ringing->idle', 'ended cancelled 0s']);
  expect(bus.sent.map((m) => m.action)).toEqual(['invite', 'modify', 'cancel']);
});

test("no answer: the callee's Chat timer ends both sides at the invitation's timeout", async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.client.call(['bob']);
  scheduler.advance(29_999);
  await settle();
  expect(bob.client.getState()).toBe('ringing');
  scheduler.advance(1);
  await settle();
  expect(alice.log.slice(-3)).toEqual([
    'user-no-response bob',
    'dialing->idle',
    'ended no-answer 0s',
  ]);
  expect(bob.log.slice(-2)).toEqual(['ringing->idle', 'ended no-answer 0s']);
});

test("no answer from a callee that is offline: the caller's own timer, 5 s later", async () => {
  const alice = client('alice');
  bus.offline.add('bob');
  await alice.client.call(['bob']);
  scheduler.advance(34_999);
  await settle();
  expect(alice.client.getState()).toBe('dialing');
  scheduler.advance(1);
  await settle();
  expect(alice.log.slice(-3)).toEqual([
    'user-no-response bob',
    'dialing->idle',
    'ended no-answer 0s',
  ]);
});

test('switch to audio: the other side agrees by itself and both drop video', async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.client.call(['bob']);
  await bob.client.accept();
  await settle();
  await alice.client.switchToAudio();
  await settle();
  expect(alice.log[alice.log.length - 1]).toBe('media-changed audio');
  expect(bob.log[bob.log.length - 1]).toBe('media-changed audio');
  expect(rooms.calls.get('alice')).toContain('dropVideo');
  expect(rooms.calls.get('bob')).toContain('dropVideo');
  expect(alice.client.getCall()?.media).toBe('audio');
  expect(alice.client.getState()).toBe('connected');
});

test('a group call: one accepts, one declines, one never answers; ends when the others left', async () => {
  const alice = client('alice');
  const bob = client('bob');
  const carol = client('carol');
  const dave = client('dave');
  await alice.client.call(['bob', 'carol', 'dave'], { media: 'audio', groupId: 'grp1' });
  expect(JSON.parse(bus.sent[0]!.data).data.excludeFromHistoryMessage).toBeUndefined();
  await bob.client.accept();
  await carol.client.decline();
  await settle();
  expect(alice.client.getState()).toBe('connected');
  scheduler.advance(30_000);
  await settle();
  expect(dave.log.slice(-1)).toEqual(['ended no-answer 0s']);
  expect(alice.log.filter((line) => line.startsWith('user-'))).toEqual([
    'user-accepted bob',
    'user-joined bob',
    'user-declined carol',
    'user-no-response dave',
  ]);
  await bob.client.hangup();
  await settle();
  expect(alice.log.slice(-3)).toEqual([
    'user-left bob',
    'connected->idle',
    'ended remote-left 30s',
  ]);
  const record = bus.sent[bus.sent.length - 1]!;
  expect([record.by, record.to]).toEqual(['alice', ['bob', 'carol', 'dave']]);
});

test("an invitation in the official engine's exact payload rings, and the answer names its room", async () => {
  const bob = client('bob');
  bus.inject('bob', {
    action: 'invite',
    inviteId: 'official-1',
    inviter: 'alice',
    invitees: ['bob'],
    from: 'alice',
    groupId: '',
    data: OFFICIAL.invite,
  });
  expect(bob.client.getCall()).toMatchObject({
    callId: 'official-1',
    room: { roomId: 1854052051 },
  });
  // The official caller's invitation is not on our bus: answering it is a message to nobody.
  await expect(bob.client.accept()).rejects.toThrow('no invitation official-1');
  expect(bob.log.slice(-2)).toEqual(['ringing->idle', 'ended error 0s']);
});

test('what is not for us, not a call or broken is ignored; hang-up records never ring', async () => {
  const bob = client('bob');
  const send = (data: string, invitees = ['bob']) =>
    bus.inject('bob', {
      action: 'invite',
      inviteId: 'x',
      inviter: 'alice',
      invitees,
      from: 'alice',
      groupId: '',
      data,
    });
  send('{"businessID":"TUIRoom"}');
  send('{not json');
  send(OFFICIAL.hangupRecord);
  send(OFFICIAL.invite, ['carol']);
  expect(bob.client.getState()).toBe('idle');
  expect(bob.log).toEqual([]);
});

test('commands in the wrong state or with bad user ids fail with a typed error', async () => {
  const alice = client('alice');
  expect(await thrownCodeAsync(() => alice.client.accept())).toBe(TrtcErrorCode.InvalidState);
  expect(await thrownCodeAsync(() => alice.client.call([]))).toBe(TrtcErrorCode.InvalidParameter);
  expect(await thrownCodeAsync(() => alice.client.call(['alice']))).toBe(
    TrtcErrorCode.InvalidParameter,
  );
  expect(await thrownCodeAsync(() => alice.client.call(['b/b']))).toBe(
    TrtcErrorCode.InvalidParameter,
  );
  for (const room of [
    { roomId: 0 },
    { roomId: 2 ** 32 },
    { strRoomId: 'a/b' },
    { strRoomId: '' },
  ]) {
    expect(await thrownCodeAsync(() => alice.client.call(['bob'], { room }))).toBe(
      TrtcErrorCode.InvalidParameter,
    );
  }
  await alice.client.call(['bob']);
  expect(await thrownCodeAsync(() => alice.client.call(['carol']))).toBe(
    TrtcErrorCode.InvalidState,
  );
  expect(
    thrownCode(
      () => new CallClient({ userId: '', signaling: bus.user('x'), room: rooms.user('x') }),
    ),
  ).toBe(TrtcErrorCode.InvalidParameter);
});

test('entering the room fails: the call ends as an error and the command rejects', async () => {
  const alice = client('alice');
  client('bob');
  rooms.failEnter.add('alice');
  await expect(alice.client.call(['bob'])).rejects.toThrow('enter failed');
  expect(alice.log.slice(-2)).toEqual(['dialing->idle', 'ended error 0s']);
  expect(bus.sent).toEqual([]);
});

async function thrownCodeAsync(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'nothing thrown';
}

test('an accept whose sender never enters the room ends the call after the join timeout', async () => {
  const alice = client('alice');
  client('bob');
  // An accept arrives (another client, or a lost room entry) and nobody enters the room.
  await alice.client.call(['bob']);
  bus.inject('alice', {
    action: 'accept',
    inviteId: bus.sent[0]!.inviteId,
    inviter: 'alice',
    invitees: ['bob'],
    from: 'bob',
    groupId: '',
    data: '',
  });
  expect(alice.client.getState()).toBe('connected');
  scheduler.advance(14_999);
  await settle();
  expect(alice.client.getState()).toBe('connected');
  scheduler.advance(1);
  await settle();
  expect(alice.log.slice(-2)).toEqual(['connected->idle', 'ended error 15s']);
});

test('the join timeout does not fire once the other side is in the room', async () => {
  const alice = client('alice');
  const bob = client('bob');
  await alice.client.call(['bob']);
  await bob.client.accept();
  await settle();
  scheduler.advance(60_000);
  await settle();
  expect([alice.client.getState(), bob.client.getState()]).toEqual(['connected', 'connected']);
});

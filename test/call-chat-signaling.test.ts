import { CallClient } from '../src/core/call/call-client';
import { chatSignaling } from '../src/core/call/chat-signaling';
import type { ChatWithSignaling } from '../src/core/call/chat-signaling';
import { TrtcErrorCode } from '../src/core/errors';
import { RoomServer } from './fakes/call-fakes';
import { ChatNetwork } from './fakes/fake-chat';
import type { FakeChat } from './fakes/fake-chat';
import { ManualScheduler, flushMicrotasks } from './fakes/manual-scheduler';
import { thrownTrtcError } from './fakes/trtc-error';

// A call over the app's own Chat instance (src/core/call/chat-signaling.ts), against a fake Chat
// written from docs/calls.md's facts (test/fakes/fake-chat.ts).
let scheduler: ManualScheduler;
let network: ChatNetwork;
let rooms: RoomServer;

beforeEach(() => {
  scheduler = new ManualScheduler(Date.UTC(2026, 0, 1));
  network = new ChatNetwork();
  rooms = new RoomServer();
});

function user(userId: string, options: { lite?: boolean } = {}) {
  const chat = network.chat(userId, options);
  const client = new CallClient({
    userId,
    signaling: chatSignaling(chat, userId),
    room: rooms.user(userId),
    scheduler,
    newRoomId: () => 4242,
  });
  const ended: string[] = [];
  client.on('ended', ({ reason }) => ended.push(reason));
  return { chat, client, ended };
}

test('a call over Chat: the invitation rings with push, the answer connects both', async () => {
  const alice = user('alice');
  const bob = user('bob');
  await alice.client.call(['bob'], { media: 'audio' });
  const [invite] = alice.chat.calls;
  expect(invite).toMatchObject({
    method: 'invite',
    options: {
      userID: 'bob',
      timeout: 30,
      onlineUserOnly: false,
      offlinePushInfo: { disableVoipPush: false },
    },
  });
  expect(JSON.parse(String(invite!.options['data']))).toMatchObject({
    businessID: 'av_call',
    call_type: 1,
    room_id: 4242,
  });
  expect(bob.client.getCall()).toMatchObject({ callId: 'uuid-1', caller: 'alice', media: 'audio' });
  await bob.client.accept();
  await flushMicrotasks();
  expect([alice.client.getState(), bob.client.getState()]).toEqual(['connected', 'connected']);
  expect(bob.chat.calls.map((call) => call.method)).toEqual(['modifyInvitation', 'accept']);
  expect(JSON.parse(String(bob.chat.calls[0]!.options['data']))).toMatchObject({
    data: { consumed: true },
  });
});

test('a group call goes through inviteInGroup, or through invite with a groupID on lite-chat', async () => {
  const alice = user('alice');
  user('bob');
  user('carol');
  await alice.client.call(['bob', 'carol'], { groupId: 'grp1' });
  expect(alice.chat.calls[0]).toMatchObject({
    method: 'inviteInGroup',
    options: { groupID: 'grp1', inviteeList: ['bob', 'carol'] },
  });
  const lite = user('dave', { lite: true });
  const erin = user('erin');
  await lite.client.call(['erin', 'bob'], { groupId: 'grp2' });
  expect(lite.chat.calls[0]).toMatchObject({
    method: 'invite',
    options: { userID: 'erin', groupID: 'grp2', inviteeList: ['erin', 'bob'] },
  });
  expect(erin.client.getState()).toBe('ringing');
  // Several users without their Chat group: a typed error before anything is sent.
  const frank = user('frank');
  await expect(frank.client.call(['bob', 'carol'])).rejects.toMatchObject({
    code: TrtcErrorCode.InvalidParameter,
  });
});

test('an invitation delivered twice (a replay on login) rings once', async () => {
  const bob = user('bob');
  let rung = 0;
  bob.client.on('incoming', () => (rung += 1));
  const invitation = {
    inviteID: 'replayed',
    inviter: 'alice',
    groupID: '',
    inviteeList: ['bob'],
    data: JSON.stringify({ businessID: 'av_call', call_type: 2, room_id: 7 }),
  };
  bob.chat.emit('newInvitationReceived', invitation);
  await bob.client.decline();
  bob.chat.emit('newInvitationReceived', invitation);
  expect(rung).toBe(1);
  expect(bob.client.getState()).toBe('idle');
});

test("the other side's timeout notice and our own: who did not answer", async () => {
  const alice = user('alice');
  user('bob');
  const noResponse: string[] = [];
  alice.client.on('user-no-response', (userId) => noResponse.push(userId));
  await alice.client.call(['bob']);
  alice.chat.emit('ts_invitation_timeout', {
    inviteID: 'uuid-1',
    inviter: 'alice',
    groupID: '',
    inviteeList: ['bob'],
    data: '',
    isSelfTimeout: false,
  });
  await flushMicrotasks();
  expect(noResponse).toEqual(['bob']);
  expect(alice.ended).toEqual(['no-answer']);
});

test('not logged in, no signaling, a Chat failure: typed errors that say what to do', async () => {
  const alice = user('alice');
  user('bob');
  alice.chat.loggedIn = false;
  const notLoggedIn = await alice.client.call(['bob']).catch((error: unknown) => error);
  expect(notLoggedIn).toMatchObject({ code: TrtcErrorCode.InvalidState });
  expect(String((notLoggedIn as Error).message)).toContain('chat.login');
  expect(alice.ended).toEqual(['error']);

  alice.chat.loggedIn = true;
  alice.chat.failNext = 8010;
  const failed = await alice.client.call(['bob']).catch((error: unknown) => error);
  expect(failed).toMatchObject({ code: TrtcErrorCode.NativeCallFailed });
  expect(String((failed as Error).message)).toContain('code 8010');

  const noSignaling = { isReady: () => true } as unknown as ChatWithSignaling;
  const error = thrownTrtcError(() => chatSignaling(noSignaling, 'alice'));
  expect(typeof error === 'string' ? error : [error.code, error.message]).toEqual([
    TrtcErrorCode.Unsupported,
    expect.stringContaining('signaling-module'),
  ]);
});

test("a broken event and the inviter's own invitation on another device never ring or throw", () => {
  const bob = user('bob');
  const chat: FakeChat = bob.chat;
  expect(() => chat.emit('newInvitationReceived', {})).not.toThrow();
  chat.emit('newInvitationReceived', {
    inviteID: 'x',
    inviter: 'bob',
    inviteeList: ['alice'],
    data: '{}',
  });
  chat.emit('ts_invitee_accepted', { inviteID: 5 });
  expect(bob.client.getState()).toBe('idle');
});

test('destroy() takes the listeners off the Chat instance', async () => {
  const alice = user('alice');
  expect(alice.chat.listenerCount()).toBe(5);
  await alice.client.destroy();
  expect(alice.chat.listenerCount()).toBe(0);
});

test('on lite-chat, destroy() leaves one inert newInvitationReceived handler: removing it would deafen the app', async () => {
  const first = user('alice', { lite: true });
  await first.client.destroy();
  expect(first.chat.listenerCount()).toBe(1);
  // The next manager on the same instance rings; the old handler stays silent.
  const next = new CallClient({
    userId: 'alice',
    signaling: chatSignaling(first.chat, 'alice'),
    room: rooms.user('alice'),
    scheduler,
  });
  const incoming: string[] = [];
  next.on('incoming', (call) => incoming.push(call.caller));
  const bob = user('bob');
  await bob.client.call(['alice']);
  expect(incoming).toEqual(['bob']);
  expect(first.client.getState()).toBe('idle');
});

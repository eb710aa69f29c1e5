// The emulator's Chat relay (`/chat`) over real WebSockets, frame by frame: the login and its
// UserSig check, Chat's routing of each action to every device, Chat's codes for what may not be
// done, the invitees' timers, replays on login, bad frames and limits.
import type { RunningEmulator } from '../emulator/index';
import { DEV_SDK_APP_ID, startEmulator } from '../emulator/index';
import type { ChatServerFrame, ChatSignalEnvelope } from '../src/core/emulator/chat-wire';
import { genTestUserSig } from '../src/usersig';
import type { ChatTestClient } from './fakes/chat-relay-client';
import { devUserSig, isFrame, isReply, isSignal, openChat } from './fakes/chat-relay-client';

jest.setTimeout(15_000);

let emulator: RunningEmulator;
const clients: ChatTestClient[] = [];

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, tickMs: 60_000 });
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await emulator.stop();
});

async function user(userId: string | null): Promise<ChatTestClient> {
  const client = await openChat(emulator.chatUrl);
  clients.push(client);
  await client.next(isFrame('hello'));
  if (userId !== null) await client.login(userId);
  return client;
}

let requests = 0;
/** Sends a request and resolves with its reply (result or failed). */
async function ask(
  client: ChatTestClient,
  request: Record<string, unknown>,
): Promise<ChatServerFrame> {
  const requestId = `t${++requests}`;
  client.send(JSON.stringify({ type: 'signal', requestId, data: '', ...request }));
  return client.next(isReply(requestId));
}

async function invite(client: ChatTestClient, request: Record<string, unknown>): Promise<string> {
  const reply = await ask(client, { action: 'invite', ...request });
  if (reply.type !== 'result') throw new Error(`invite failed: ${JSON.stringify(reply)}`);
  return reply.inviteId;
}

const envelopeOf = async (
  client: ChatTestClient,
  actionType: number,
): Promise<ChatSignalEnvelope> => {
  const frame = await client.next(isSignal(actionType));
  if (frame.type !== 'signal') throw new Error('not a signal');
  return frame.envelope;
};

/** Lets the relay route what is in flight, then says whether `client` got nothing new. */
async function quietFor(client: ChatTestClient, ms = 100): Promise<ChatServerFrame[]> {
  const before = client.frames.length;
  await new Promise((resolve) => setTimeout(resolve, ms));
  return client.frames.slice(before);
}

describe('login', () => {
  it('says hello, and refuses a UserSig that does not verify, saying why', async () => {
    const client = await user(null);
    expect(client.frames[0]).toMatchObject({ type: 'hello', version: 1 });
    const forged = genTestUserSig({
      sdkAppId: DEV_SDK_APP_ID,
      secretKey: 'another-key',
      userId: 'alice',
    });
    client.send({ type: 'login', userId: 'alice', userSig: forged });
    expect(await client.next(isFrame('error'))).toMatchObject({
      code: 'LOGIN_REFUSED',
      message: expect.stringContaining('bad-signature'),
    });
    client.send({ type: 'login', userId: 'alice', userSig: devUserSig('bob') });
    expect(await client.next(isFrame('error'))).toMatchObject({
      message: expect.stringContaining('identifier-mismatch'),
    });
    client.send({
      type: 'login',
      userId: 'alice',
      userSig: devUserSig('alice'),
      sdkAppId: 1400000002,
    });
    expect(await client.next(isFrame('error'))).toMatchObject({
      message: expect.stringContaining('sdkappid-mismatch'),
    });
    await client.login('alice');
    client.send({ type: 'login', userId: 'bob', userSig: devUserSig('bob') });
    expect(await client.next(isFrame('error'))).toMatchObject({
      code: 'LOGIN_REFUSED',
      message: expect.stringContaining('logged in as alice'),
    });
  });

  it('fails a request before login with Chat code 2024', async () => {
    const client = await user(null);
    expect(await ask(client, { action: 'cancel', inviteId: 'x' })).toMatchObject({
      type: 'failed',
      code: 2024,
    });
  });
});

describe('routing, as Chat does', () => {
  it('rings every device of the invitee and syncs the inviter’s other devices; answers go to the inviter and the answering user’s other devices', async () => {
    const [alice, alice2, bob, bob2] = await Promise.all([
      user('alice'),
      user('alice'),
      user('bob'),
      user('bob'),
    ]);
    const data = '{"businessID":"av_call","call_type":2}';
    const inviteId = await invite(alice, { invitees: ['bob'], data, timeout: 30 });
    const expected = {
      businessID: 1,
      inviteID: inviteId,
      groupID: '',
      inviter: 'alice',
      inviteeList: ['bob'],
      data,
      actionType: 1,
      timeout: 30,
    };
    expect(await envelopeOf(bob, 1)).toEqual(expected);
    expect(await envelopeOf(bob2, 1)).toEqual(expected);
    expect(await envelopeOf(alice2, 1)).toEqual(expected);

    expect(await ask(bob, { action: 'accept', inviteId, data: 'yes' })).toEqual({
      type: 'result',
      requestId: expect.any(String),
      inviteId,
    });
    const accepted = {
      ...expected,
      actionType: 3,
      inviteeList: ['bob'],
      invitee: 'bob',
      data: 'yes',
    };
    expect(await envelopeOf(alice, 3)).toEqual(accepted);
    expect(await envelopeOf(alice2, 3)).toEqual(accepted);
    expect(await envelopeOf(bob2, 3)).toEqual(accepted);
    expect((await quietFor(bob)).filter((frame) => frame.type === 'signal')).toEqual([]);
    expect(alice.frames.filter(isSignal(1))).toEqual([]);

    const log = emulator.hub.log().filter((entry) => entry.kind === 'signal');
    expect(log.map((entry) => entry.text)).toEqual([
      expect.stringContaining(`alice invite ${inviteId} → bob`),
      expect.stringContaining(`bob accept ${inviteId}`),
    ]);
  });

  it('sends cancels to the invitees, modifications to everyone else of the invitation', async () => {
    const [alice, bob, bob2, carol] = await Promise.all([
      user('alice'),
      user('bob'),
      user('bob'),
      user('carol'),
    ]);
    const inviteId = await invite(alice, {
      invitees: ['bob', 'carol'],
      groupId: 'team',
      data: 'ring',
    });
    await envelopeOf(carol, 1);
    expect(await ask(bob, { action: 'modify', inviteId, data: 'consumed' })).toMatchObject({
      type: 'result',
    });
    for (const client of [alice, bob2, carol]) {
      expect(await client.next(isFrame('modified'))).toEqual({
        type: 'modified',
        inviteID: inviteId,
        data: 'consumed',
      });
    }
    expect((await quietFor(bob)).some(isFrame('modified'))).toBe(false);

    expect(await ask(alice, { action: 'cancel', inviteId, data: 'bye' })).toMatchObject({
      type: 'result',
    });
    for (const client of [bob, bob2, carol]) {
      expect(await envelopeOf(client, 2)).toMatchObject({
        inviteID: inviteId,
        groupID: 'team',
        inviteeList: ['bob', 'carol'],
        data: 'bye',
      });
    }
    expect(await ask(bob, { action: 'accept', inviteId })).toMatchObject({
      type: 'failed',
      code: 8010,
    });
  });

  it('in a group call, tells the other invitees of an answer', async () => {
    const [alice, bob, carol] = await Promise.all([user('alice'), user('bob'), user('carol')]);
    const inviteId = await invite(alice, {
      invitees: ['bob', 'carol'],
      groupId: 'team',
      data: 'ring',
    });
    await envelopeOf(bob, 1);
    await ask(bob, { action: 'reject', inviteId, data: 'no' });
    for (const client of [alice, carol]) {
      expect(await envelopeOf(client, 4)).toMatchObject({
        inviteeList: ['bob'],
        invitee: 'bob',
        groupID: 'team',
      });
    }
  });

  it("refuses with Chat's codes what Chat refuses", async () => {
    const [alice, bob, carol] = await Promise.all([user('alice'), user('bob'), user('carol')]);
    const inviteId = await invite(alice, { invitees: ['bob'], data: 'ring' });
    expect(await ask(carol, { action: 'accept', inviteId })).toMatchObject({ code: 8011 });
    expect(await ask(bob, { action: 'cancel', inviteId })).toMatchObject({ code: 8011 });
    expect(await ask(carol, { action: 'modify', inviteId })).toMatchObject({ code: 8011 });
    expect(await ask(bob, { action: 'accept', inviteId: 'no-such-invitation' })).toMatchObject({
      code: 8010,
    });
    expect(await ask(bob, { action: 'reject', inviteId })).toMatchObject({ type: 'result' });
    expect(await ask(alice, { action: 'cancel', inviteId })).toMatchObject({ code: 8010 });
    for (const [request, words] of [
      [{ invitees: ['alice'] }, 'own inviter'],
      [{ invitees: ['bob', 'carol'] }, 'groupId'],
      [{ invitees: ['bob', 'bob'], groupId: 'g' }, 'twice'],
      [{ invitees: ['no spaces'] }, 'not a user id'],
    ] as const) {
      expect(await ask(alice, { action: 'invite', ...request })).toMatchObject({
        type: 'failed',
        code: -1,
        message: expect.stringContaining(words),
      });
    }
  });
});

describe('timers and replays', () => {
  it('times out an online invitee on both sides; says nothing for an offline one', async () => {
    const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
    const inviteId = await invite(alice, { invitees: ['bob'], data: 'ring', timeout: 0.2 });
    expect(await envelopeOf(alice, 5)).toEqual({
      businessID: 1,
      inviteID: inviteId,
      groupID: '',
      inviter: 'alice',
      inviteeList: ['bob'],
      data: 'ring',
      actionType: 5,
      timeout: 0.2,
      isSelfTimeout: false,
    });
    expect(await envelopeOf(bob, 5)).toMatchObject({ inviteeList: ['bob'], isSelfTimeout: true });

    const offline = await invite(alice, { invitees: ['carol'], data: 'ring', timeout: 0.2 });
    expect((await quietFor(alice, 400)).filter(isSignal(5))).toEqual([]);
    expect(emulator.hub.log().map((entry) => entry.text)).toContainEqual(
      `${offline}: carol is offline: no timeout notice`,
    );
    // Its time ran out: carol logging in now is not rung; the inviter may still cancel it (its
    // own timer runs 5 s longer).
    const carol = await user('carol');
    expect((await quietFor(carol)).filter(isSignal(1))).toEqual([]);
    expect(await ask(alice, { action: 'cancel', inviteId: offline })).toMatchObject({
      type: 'result',
    });
  });

  it('replays an unanswered invitation to a login while it rings, modified data and all', async () => {
    const alice = await user('alice');
    const inviteId = await invite(alice, { invitees: ['bob'], data: 'ring', timeout: 30 });
    await ask(alice, { action: 'modify', inviteId, data: 'ring (modified)' });
    const bob = await user('bob');
    expect(await envelopeOf(bob, 1)).toMatchObject({ inviteID: inviteId, data: 'ring (modified)' });
    await ask(bob, { action: 'accept', inviteId });
    const bob2 = await user('bob');
    expect((await quietFor(bob2)).filter(isSignal(1))).toEqual([]);
  });

  it('keeps a record (timeout 0) for a later login, and never times it out', async () => {
    const alice = await user('alice');
    const inviteId = await invite(alice, { invitees: ['bob'], data: 'record', timeout: 0 });
    expect((await quietFor(alice, 150)).filter(isSignal(5))).toEqual([]);
    const bob = await user('bob');
    expect(await envelopeOf(bob, 1)).toMatchObject({ inviteID: inviteId, timeout: 0 });
  });
});

describe('bad input and limits', () => {
  it('answers broken frames with an error frame and stays open', async () => {
    const client = await user(null);
    client.send('{');
    expect(await client.next(isFrame('error'))).toMatchObject({ code: 'BAD_FRAME' });
    client.send(Buffer.from([1, 2, 3]));
    expect(await client.next(isFrame('error'))).toMatchObject({ code: 'BAD_FRAME' });
    client.send(JSON.stringify({ type: 'login', userId: 'x'.repeat(70_000), userSig: '' }));
    expect(await client.next(isFrame('error'))).toMatchObject({ code: 'FRAME_TOO_LARGE' });
    expect(await ask(client, { action: 'invite', invitees: 'bob' })).toMatchObject({
      type: 'failed',
      code: -1,
    });
    await client.login('alice');
  });

  it('holds at most maxChatUsers users and maxInvitations invitations; sockets over maxClients are closed', async () => {
    await emulator.stop();
    emulator = await startEmulator({
      port: 0,
      tickMs: 60_000,
      limits: { maxChatUsers: 2, maxInvitations: 1, maxClients: 4 },
    });
    const [alice, bob, alice2] = await Promise.all([user('alice'), user('bob'), user('alice')]);
    expect(alice2.frames).toContainEqual(expect.objectContaining({ type: 'logged-in' }));
    const carol = await user(null);
    carol.send({ type: 'login', userId: 'carol', userSig: devUserSig('carol') });
    expect(await carol.next(isFrame('error'))).toMatchObject({
      code: 'LIMIT',
      message: expect.stringContaining('2 users'),
    });
    await invite(alice, { invitees: ['bob'], data: '' });
    expect(await ask(alice, { action: 'invite', invitees: ['bob'] })).toMatchObject({
      code: -2,
      message: expect.stringContaining('1 invitations'),
    });
    const fifth = await openChat(emulator.chatUrl);
    clients.push(fifth);
    expect(await fifth.next(isFrame('error'))).toMatchObject({ code: 'LIMIT' });
    expect(await fifth.closed).toBe(1013);
    void bob;
  });
});

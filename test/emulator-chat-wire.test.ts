// The Chat relay's wire format (src/core/emulator/chat-wire.ts): every frame both ways decodes to
// what was encoded, and bad input of any kind becomes a problem, never a throw.
import fc from 'fast-check';
import type { ChatClientFrame, ChatServerFrame } from '../src/core/emulator/chat-wire';
import {
  decodeChatClientFrame,
  decodeChatServerFrame,
  envelopeToMessage,
  readChatEnvelope,
} from '../src/core/emulator/chat-decode';
import { CHAT_CODES, EMULATOR_CHAT_PATH, encodeChatFrame } from '../src/core/emulator/chat-wire';

const envelope = {
  businessID: 1,
  inviteID: 'inv-1',
  groupID: '',
  inviter: 'alice',
  inviteeList: ['bob'],
  data: '{"businessID":"av_call"}',
  actionType: 1,
  timeout: 30,
} as const;

describe('chat wire', () => {
  it('serves /chat', () => expect(EMULATOR_CHAT_PATH).toBe('/chat'));

  it.each<ChatClientFrame>([
    { type: 'login', userId: 'alice', userSig: 'sig' },
    { type: 'login', userId: 'alice', userSig: 'sig', sdkAppId: 1400000001 },
    { type: 'signal', requestId: 'r1', action: 'invite', invitees: ['bob'], data: 'd' },
    {
      type: 'signal',
      requestId: 'r2',
      action: 'invite',
      invitees: ['bob', 'carol'],
      groupId: 'g1',
      data: 'd',
      timeout: 0.5,
    },
    { type: 'signal', requestId: 'r3', action: 'accept', inviteId: 'inv-1', data: '' },
    { type: 'signal', requestId: 'r4', action: 'reject', inviteId: 'inv-1', data: '' },
    { type: 'signal', requestId: 'r5', action: 'cancel', inviteId: 'inv-1', data: '' },
    { type: 'signal', requestId: 'r6', action: 'modify', inviteId: 'inv-1', data: '{}' },
  ])('round-trips the client frame %j', (frame) => {
    expect(decodeChatClientFrame(encodeChatFrame(frame))).toEqual({ ok: true, frame });
  });

  it.each<ChatServerFrame>([
    { type: 'hello', version: 1, emulator: 'trtc-room-emulator 0.1.0' },
    { type: 'logged-in', userId: 'alice', sdkAppId: 1400000001 },
    { type: 'result', requestId: 'r1', inviteId: 'inv-1' },
    { type: 'failed', requestId: 'r1', code: 8010, message: 'no invitation' },
    { type: 'signal', envelope },
    {
      type: 'signal',
      envelope: { ...envelope, actionType: 3, inviteeList: ['bob'], invitee: 'bob' },
    },
    { type: 'signal', envelope: { ...envelope, actionType: 5, isSelfTimeout: true } },
    { type: 'modified', inviteID: 'inv-1', data: '{}' },
    { type: 'error', code: 'LOGIN_REFUSED', message: 'UserSig rejected' },
  ])('round-trips the relay frame %j', (frame) => {
    expect(decodeChatServerFrame(encodeChatFrame(frame))).toEqual({ ok: true, frame });
  });

  it.each([
    ['not text', 42, null],
    ['not JSON', '{', null],
    ['an array', '[]', null],
    ['no type', '{}', null],
    ['an unknown type', '{"type":"dial"}', null],
    ['a login without a UserSig', '{"type":"login","userId":"a"}', null],
    [
      'a login with a string SDKAppID',
      '{"type":"login","userId":"a","userSig":"s","sdkAppId":"1"}',
      null,
    ],
    [
      'a signal without a request id',
      '{"type":"signal","action":"accept","inviteId":"i","data":""}',
      null,
    ],
    ['an unknown action', '{"type":"signal","requestId":"r","action":"ring","data":""}', 'r'],
    [
      'an answer without an inviteId',
      '{"type":"signal","requestId":"r","action":"accept","data":""}',
      'r',
    ],
    [
      'data that is not a string',
      '{"type":"signal","requestId":"r","action":"cancel","inviteId":"i","data":{}}',
      'r',
    ],
    [
      'an invite to nobody',
      '{"type":"signal","requestId":"r","action":"invite","invitees":[],"data":""}',
      'r',
    ],
    [
      'an invite to a number',
      '{"type":"signal","requestId":"r","action":"invite","invitees":[1],"data":""}',
      'r',
    ],
    [
      'a negative timeout',
      '{"type":"signal","requestId":"r","action":"invite","invitees":["b"],"data":"","timeout":-1}',
      'r',
    ],
    [
      'a timeout over an hour',
      '{"type":"signal","requestId":"r","action":"invite","invitees":["b"],"data":"","timeout":3601}',
      'r',
    ],
    [
      'a numeric groupId',
      '{"type":"signal","requestId":"r","action":"invite","invitees":["b"],"data":"","groupId":5}',
      'r',
    ],
  ])('refuses %s (the request id kept when readable)', (_what, text, requestId) => {
    const decoded = decodeChatClientFrame(text);
    expect(decoded.ok).toBe(false);
    if (!decoded.ok) {
      expect(decoded.problem).toEqual(expect.any(String));
      expect(decoded.requestId).toBe(requestId);
    }
  });

  it.each([
    ['a signal without an envelope', { type: 'signal' }],
    [
      'an envelope of another businessID',
      { type: 'signal', envelope: { ...envelope, businessID: 2 } },
    ],
    ['an envelope with actionType 6', { type: 'signal', envelope: { ...envelope, actionType: 6 } }],
    [
      'an envelope with a numeric invitee',
      { type: 'signal', envelope: { ...envelope, invitee: 7 } },
    ],
    ['an error with an unknown code', { type: 'error', code: 'OOPS', message: '' }],
    ['a failed without a code', { type: 'failed', requestId: 'r', message: '' }],
    ['a result without an inviteId', { type: 'result', requestId: 'r' }],
    ['a modified without data', { type: 'modified', inviteID: 'i' }],
  ])('refuses the relay frame: %s', (_what, frame) => {
    expect(decodeChatServerFrame(JSON.stringify(frame)).ok).toBe(false);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.anything(), fc.string()), (input) => {
        const text = typeof input === 'string' ? input : JSON.stringify(input);
        for (const value of [input, text, `{"type":"signal","envelope":${text}}`]) {
          expect(() => decodeChatClientFrame(value)).not.toThrow();
          expect(() => decodeChatServerFrame(value)).not.toThrow();
          expect(() => readChatEnvelope(value)).not.toThrow();
        }
      }),
      { numRuns: 300 },
    );
  });

  it('names its codes after Chat where Chat has one', () => {
    expect(CHAT_CODES).toMatchObject({
      notLoggedIn: 2024,
      noSuchInvitation: 8010,
      notAllowed: 8011,
    });
  });
});

describe('envelopeToMessage: the same `from` rules as chat-signaling.ts', () => {
  it('reads an invitation from its inviter, to everyone invited', () => {
    expect(
      envelopeToMessage({ ...envelope, inviteeList: ['bob', 'carol'], groupID: 'g' }, 'bob'),
    ).toEqual({
      action: 'invite',
      inviteId: 'inv-1',
      inviter: 'alice',
      invitees: ['bob', 'carol'],
      from: 'alice',
      groupId: 'g',
      data: envelope.data,
    });
  });

  it('reads accept and reject from the invitee', () => {
    for (const [actionType, action] of [
      [3, 'accept'],
      [4, 'reject'],
    ] as const) {
      const message = envelopeToMessage({ ...envelope, actionType, invitee: 'bob' }, 'alice');
      expect(message).toMatchObject({ action, from: 'bob', invitees: ['bob'] });
    }
  });

  it('reads a cancel from the inviter', () => {
    expect(envelopeToMessage({ ...envelope, actionType: 2 }, 'bob')).toMatchObject({
      action: 'cancel',
      from: 'alice',
    });
  });

  it("reads a timeout as our own (isSelfTimeout), or an invitee's notice to its inviter", () => {
    const timeout = { ...envelope, actionType: 5 as const };
    expect(envelopeToMessage({ ...timeout, isSelfTimeout: true }, 'bob')?.from).toBe('bob');
    expect(envelopeToMessage({ ...timeout, isSelfTimeout: false }, 'alice')?.from).toBe('bob');
    expect(envelopeToMessage({ ...timeout, isSelfTimeout: false }, 'carol')?.from).toBe('alice');
  });
});

import fc from 'fast-check';
import { decodeCallSignal } from '../src/core/call/call-decode';
import type { SignalingAction } from '../src/core/call/call-decode';
import {
  callPushExtension,
  encodeAccept,
  encodeCancel,
  encodeConsumed,
  encodeHangupRecord,
  encodeInvite,
  encodeLineBusy,
  encodeReject,
  encodeSwitchToAudio,
} from '../src/core/call/call-payload';
import type { CallContext } from '../src/core/call/call-payload';
import { OFFICIAL } from './fixtures/calls/official-wire';

// The av_call payload (docs/calls.md): what we send next to what the official engine sent, and
// what we read from it.
const json = (text: string): unknown => JSON.parse(text);
const withRooms = (text: string, roomId: number): unknown => {
  const payload = JSON.parse(text) as { room_id: number; data: { room_id: number } };
  return { ...payload, room_id: roomId, data: { ...payload.data, room_id: roomId } };
};

const video = (roomId: number, inviter = 'alice'): CallContext => ({
  media: 'video',
  room: { roomId },
  inviter,
  platform: 'iPhone 15',
});

describe('what we send', () => {
  test('an invitation is the official one, key for key in the same order', () => {
    expect(encodeInvite(video(1854052051), ['bob'], false)).toBe(OFFICIAL.invite.trim());
  });

  test('a group invitation stays in the chat history, as the official one', () => {
    const context: CallContext = { ...video(987286040), media: 'audio' };
    expect(encodeInvite(context, ['bob', 'carol'], true)).toBe(OFFICIAL.groupInvite.trim());
  });

  test('line busy, switch to audio and the hang-up record are the official ones', () => {
    expect(encodeLineBusy(video(1612501079))).toBe(OFFICIAL.lineBusy.trim());
    expect(encodeSwitchToAudio(video(1547991833), false)).toBe(OFFICIAL.switchToAudio.trim());
    expect(encodeSwitchToAudio(video(1547991833), true)).toBe(OFFICIAL.switchToAudioAccept.trim());
    const audio: CallContext = { ...video(987286040), media: 'audio' };
    expect(encodeHangupRecord(audio, 0, true)).toBe(OFFICIAL.hangupRecord.trim());
    expect(encodeHangupRecord(video(2075302986, 'bob'), 0, false)).toBe(
      OFFICIAL.hangupRecordOneToOne.trim(),
    );
  });

  test('accept, reject and cancel name the room in both places (the official sends data 0)', () => {
    expect(json(encodeAccept(video(1612501079, 'carol')))).toEqual(
      withRooms(OFFICIAL.accept, 1612501079),
    );
    expect(json(encodeCancel(video(1726450725)))).toEqual(withRooms(OFFICIAL.cancel, 1726450725));
    // A reject is an accept's shape (the official group call's decline shows the same fields).
    expect(encodeReject(video(1612501079, 'carol'))).toBe(encodeAccept(video(1612501079, 'carol')));
  });

  test('a string room goes in str_room_id, with room 0 in both number fields', () => {
    const payload = json(
      encodeInvite({ media: 'audio', room: { strRoomId: 'room-abc' }, inviter: 'a' }, ['b'], false),
    ) as { room_id: number; data: { room_id: number; str_room_id: string }; platform: string };
    expect([payload.room_id, payload.data.room_id, payload.data.str_room_id]).toEqual([
      0,
      0,
      'room-abc',
    ]);
    expect(payload.platform).toBe('MiniProgram');
  });

  test('the hang-up record carries whole seconds', () => {
    const payload = json(encodeHangupRecord(video(7), 61.9, false)) as { call_end: number };
    expect(payload.call_end).toBe(61);
  });

  test('the push extension is the official one', () => {
    expect(json(callPushExtension('video'))).toEqual(json(OFFICIAL.pushExtension));
  });
});

test('the consumed mark is the official one: consumed in place of the history flag', () => {
  expect(encodeConsumed(OFFICIAL.invite)).toBe(OFFICIAL.consumed.trim());
  expect(encodeConsumed('{"businessID":"other"}')).toBeNull();
  expect(encodeConsumed('not json')).toBeNull();
});

test('a consumed invitation is not a call to ring', () => {
  expect(decodeCallSignal('invite', encodeConsumed(OFFICIAL.invite))).toEqual({
    type: 'ignored',
    reason: 'consumed: another device has this invitation',
  });
});

describe('what we read', () => {
  test('the official invitations: media, room, inviter, invitees', () => {
    expect(decodeCallSignal('invite', OFFICIAL.invite)).toEqual({
      type: 'invite',
      media: 'video',
      room: { roomId: 1854052051 },
      inviter: 'alice',
      userIds: ['bob'],
      userData: '',
    });
    expect(decodeCallSignal('invite', OFFICIAL.groupInvite)).toMatchObject({
      media: 'audio',
      userIds: ['bob', 'carol'],
    });
  });

  test.each([
    ['accept', 'accept', 'accepted'],
    ['reject', 'lineBusy', 'line-busy'],
    ['reject', 'accept', 'declined'],
    ['cancel', 'cancel', 'cancelled'],
    ['timeout', 'invite', 'timeout'],
    ['invite', 'switchToAudio', 'switch-to-audio'],
    ['accept', 'switchToAudioAccept', 'switch-to-audio-accepted'],
    ['invite', 'hangupRecord', 'hangup-record'],
  ] as const)('%s with the official %s payload reads as %s', (action, sample, type) => {
    expect(decodeCallSignal(action, OFFICIAL[sample]).type).toBe(type);
  });

  test('a hang-up record is never a call', () => {
    const record = encodeHangupRecord(video(42), 125, false);
    expect(decodeCallSignal('invite', record)).toEqual({
      type: 'hangup-record',
      durationS: 125,
      room: { roomId: 42 },
    });
  });

  test('data.room_id, then data.str_room_id, then the top-level room_id; room 0 is none', () => {
    const invite = (payload: object) =>
      decodeCallSignal(
        'invite',
        JSON.stringify({ businessID: 'av_call', call_type: 2, ...payload }),
        'alice',
      );
    expect(invite({ room_id: 1, data: { cmd: 'videoCall', room_id: 2 } })).toMatchObject({
      room: { roomId: 2 },
    });
    expect(
      invite({ room_id: 1, data: { cmd: 'videoCall', room_id: 0, str_room_id: 'room-abc' } }),
    ).toMatchObject({ room: { strRoomId: 'room-abc' } });
    // The legacy engine's shape: the top level only.
    expect(invite({ room_id: 4242 })).toMatchObject({
      type: 'invite',
      room: { roomId: 4242 },
      inviter: 'alice',
    });
    expect(invite({ room_id: 0, data: { cmd: 'videoCall', room_id: 0 } })).toEqual({
      type: 'ignored',
      reason: 'the invitation names no room (room 0)',
    });
    expect(invite({ data: { room_id: 2 ** 32 } }).type).toBe('ignored');
    expect(invite({ data: { str_room_id: 'bad/room' } }).type).toBe('ignored');
  });

  test('other businesses, the v3 calls, broken JSON and unknown commands are ignored', () => {
    const ignoredBecause = (action: SignalingAction, data: unknown) => {
      const signal = decodeCallSignal(action, data);
      return signal.type === 'ignored' ? signal.reason : signal.type;
    };
    expect(ignoredBecause('invite', '{"businessID":"TUIRoom","data":{}}')).toBe(
      'businessID "TUIRoom"',
    );
    expect(
      ignoredBecause('invite', '{"Head":{"Command":"call_engine_srv.invite_user_notify"}}'),
    ).toBe('a server-mediated ("v3") call payload');
    expect(ignoredBecause('invite', '{"businessID":')).toBe('the payload is not JSON');
    // An answer is read by its action: a payload we cannot read hides only line busy and switch.
    expect(ignoredBecause('accept', null)).toBe('accepted');
    expect(ignoredBecause('reject', '')).toBe('declined');
    expect(ignoredBecause('invite', null)).toBe('the payload is null');
    expect(ignoredBecause('invite', '[1]')).toBe('the payload is not a JSON object');
    expect(
      ignoredBecause(
        'invite',
        '{"businessID":"av_call","call_type":2,"data":{"cmd":"x","room_id":3}}',
      ),
    ).toBe('cmd "x"');
    expect(ignoredBecause('invite', '{"businessID":"av_call","call_type":9,"room_id":3}')).toBe(
      'call_type 9',
    );
  });

  test('whatever arrives, reading it never throws', () => {
    const actions = fc.constantFrom<SignalingAction>(
      'invite',
      'accept',
      'reject',
      'cancel',
      'timeout',
    );
    const payload = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.jsonValue(),
      fc.string(),
      fc
        .record({
          businessID: fc.constantFrom('av_call', 1, 'x'),
          call_type: fc.jsonValue(),
          room_id: fc.jsonValue(),
          call_end: fc.jsonValue(),
          data: fc.oneof(
            fc.jsonValue(),
            fc.dictionary(
              fc.constantFrom('cmd', 'room_id', 'str_room_id', 'userIDs', 'inviter', 'message'),
              fc.jsonValue(),
            ),
          ),
        })
        .map((value) => JSON.stringify(value)),
    );
    fc.assert(
      fc.property(actions, payload, (action, data) => {
        const signal = decodeCallSignal(action, data);
        expect(typeof signal.type).toBe('string');
      }),
      { numRuns: 2000 },
    );
  });
});

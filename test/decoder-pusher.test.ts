import type { LogRecord } from '../src/core/logger';
import { decodePusherError, decodePusherStateChange } from '../src/core/protocol';
import { captureLogs } from './fakes/log-capture';
import {
  audioChanged,
  playUrl,
  pusherError,
  pusherState,
  roomExited,
  userList,
  userListMessage,
  usersJoined,
  usersLeft,
  videoChanged,
} from './fakes/native-events';

const warnings = (logs: LogRecord[]) => logs.filter((r) => r.level === 'warn');

let logs: LogRecord[];
beforeEach(() => {
  logs = captureLogs();
});

describe('1031-1034 and 1020 payloads', () => {
  it('decodes a 1031 exactly as docs/protocol.md shows it', () => {
    const detail = { code: 1031, message: '{"userlist":[{"userid":"alice"}]}' };
    expect(decodePusherStateChange(detail)).toStrictEqual({
      type: 'remote-users-joined',
      code: 1031,
      severity: 'info',
      users: [{ userId: 'alice' }],
      rejected: [],
    });
    expect(logs).toEqual([]);
  });

  it('decodes batched joins and leaves', () => {
    expect(decodePusherStateChange(usersJoined('alice', 'bob_1', 'carol-2'))).toMatchObject({
      type: 'remote-users-joined',
      users: [{ userId: 'alice' }, { userId: 'bob_1' }, { userId: 'carol-2' }],
      rejected: [],
    });
    expect(decodePusherStateChange(usersLeft('alice'))).toStrictEqual({
      type: 'remote-users-left',
      code: 1032,
      severity: 'info',
      users: [{ userId: 'alice' }],
      rejected: [],
    });
  });

  it('decodes 1033 for the main and the aux stream', () => {
    expect(decodePusherStateChange(videoChanged('alice', 'main', true))).toStrictEqual({
      type: 'remote-video-changed',
      code: 1033,
      severity: 'info',
      users: [
        { userId: 'alice', streamType: 'main', hasVideo: true, playUrl: playUrl('alice', 'main') },
      ],
      rejected: [],
    });
    expect(decodePusherStateChange(videoChanged('alice', 'aux', false))).toMatchObject({
      users: [
        { userId: 'alice', streamType: 'aux', hasVideo: false, playUrl: playUrl('alice', 'aux') },
      ],
    });
  });

  it('decodes 1034 (audio belongs to the main stream)', () => {
    expect(decodePusherStateChange(audioChanged('bob', false))).toStrictEqual({
      type: 'remote-audio-changed',
      code: 1034,
      severity: 'info',
      users: [{ userId: 'bob', hasAudio: false, playUrl: playUrl('bob') }],
      rejected: [],
    });
  });

  it('decodes 1020, the legacy full list, including an empty room', () => {
    expect(decodePusherStateChange(userList('alice', 'bob'))).toStrictEqual({
      type: 'remote-user-list',
      code: 1020,
      severity: 'info',
      users: [
        { userId: 'alice', playUrl: playUrl('alice') },
        { userId: 'bob', playUrl: playUrl('bob') },
      ],
      rejected: [],
    });
    expect(decodePusherStateChange(userList())).toMatchObject({ users: [], rejected: [] });
  });

  it('accepts 0 and 1 for the flags', () => {
    const message = userListMessage([
      { userid: 'a', streamtype: 'main', hasvideo: 1 },
      { userid: 'b', streamtype: 'aux', hasvideo: 0 },
    ]);
    expect(decodePusherStateChange(pusherState(1033, message))).toMatchObject({
      users: [{ hasVideo: true }, { hasVideo: false }],
      rejected: [],
    });
    const audio = userListMessage([
      { userid: 'a', hasaudio: 1 },
      { userid: 'b', hasaudio: 0 },
    ]);
    expect(decodePusherStateChange(pusherState(1034, audio))).toMatchObject({
      users: [{ hasAudio: true }, { hasAudio: false }],
    });
  });

  it('gives null for an absent, null or empty playurl', () => {
    const message = userListMessage([
      { userid: 'a', hasaudio: true },
      { userid: 'b', hasaudio: true, playurl: null },
      { userid: 'c', hasaudio: true, playurl: '' },
    ]);
    const event = decodePusherStateChange(pusherState(1034, message));
    expect(event).toMatchObject({
      users: [{ playUrl: null }, { playUrl: null }, { playUrl: null }],
      rejected: [],
    });
  });

  it('keeps the good entries of a partly bad batch, lists the rest, and warns once', () => {
    const message = userListMessage([
      { userid: 'alice', streamtype: 'main', hasvideo: true },
      { userid: 'bob', streamtype: 'small', hasvideo: true },
      { userid: 'carol', hasvideo: true },
      'dave',
      { userid: 'erin', streamtype: 'aux', hasvideo: 'yes' },
      { userid: '', streamtype: 'main', hasvideo: true },
      { userid: 'frank', streamtype: 'aux', hasvideo: false, playurl: 7 },
      { userid: 'grace', streamtype: 'aux', hasvideo: 0 },
    ]);
    const event = decodePusherStateChange(pusherState(1033, message));
    expect(event).toStrictEqual({
      type: 'remote-video-changed',
      code: 1033,
      severity: 'info',
      users: [
        { userId: 'alice', streamType: 'main', hasVideo: true, playUrl: null },
        { userId: 'grace', streamType: 'aux', hasVideo: false, playUrl: null },
      ],
      rejected: [
        { index: 1, problem: 'streamtype must be "main" or "aux", got 5-character string' },
        { index: 2, problem: 'streamtype must be "main" or "aux", got undefined' },
        { index: 3, problem: 'entry must be an object, got 4-character string' },
        { index: 4, problem: 'hasvideo must be a boolean or 0/1, got 3-character string' },
        {
          index: 5,
          problem: 'userid must be a string of 1-256 characters, got 0-character string',
        },
        { index: 6, problem: 'playurl must be a string, got 7' },
      ],
    });
    expect(warnings(logs)).toHaveLength(1);
    expect(warnings(logs)[0]!.scope).toBe('decoder');
    expect(warnings(logs)[0]!.message).toContain('1033 dropped 6 of 8 userlist entries');
    expect(warnings(logs)[0]!.message).toContain('[1] streamtype must be');
    expect(warnings(logs)[0]!.message).toContain('and 3 more');
  });

  it('caps user ids at 256 characters', () => {
    const ok = 'u'.repeat(256);
    expect(decodePusherStateChange(usersJoined(ok, ok + 'x'))).toMatchObject({
      users: [{ userId: ok }],
      rejected: [{ index: 1 }],
    });
  });

  it('ignores a __proto__ key in the JSON and never pollutes prototypes', () => {
    const message = '{"__proto__":{"userlist":[{"userid":"x"}]},"userlist":[{"userid":"y"}]}';
    expect(decodePusherStateChange(pusherState(1031, message))).toMatchObject({
      users: [{ userId: 'y' }],
    });
    const only = decodePusherStateChange(pusherState(1031, '{"__proto__":{"userlist":[]}}'));
    expect(only).toMatchObject({
      type: 'malformed',
      problem: '1031 userlist must be an array, got undefined',
    });
    expect(({} as Record<string, unknown>)['userlist']).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    ['a missing message', undefined, 'message must be a JSON string, got undefined'],
    ['a non-string message', { userlist: [] }, 'message must be a JSON string, got object'],
    ['text that is not JSON', '{"userlist":[', 'message is not valid JSON'],
    ['JSON that is not an object', '[{"userid":"a"}]', 'message must be a JSON object, got array'],
    ['JSON null', 'null', 'message must be a JSON object, got null'],
    ['no userlist', '{"users":[]}', 'userlist must be an array, got undefined'],
    [
      'a userlist that is not an array',
      '{"userlist":{"0":{"userid":"a"}}}',
      'userlist must be an array, got object',
    ],
    [
      'only bad entries',
      '{"userlist":[{"userid":1},null]}',
      'every userlist entry is invalid: [0] userid must be a string of 1-256 characters, got 1; [1] entry must be an object, got null',
    ],
  ])('is malformed for %s, with one warning', (_, message, problem) => {
    const event = decodePusherStateChange(pusherState(1031, message));
    expect(event).toStrictEqual({
      type: 'malformed',
      code: 1031,
      raw: pusherState(1031, message),
      problem: `1031 ${problem}`,
    });
    expect(warnings(logs)).toHaveLength(1);
    expect(warnings(logs)[0]!.message).toContain(problem);
  });

  it('refuses a message longer than 1 MiB without parsing it', () => {
    const huge = userListMessage([{ userid: 'a'.repeat(1 << 20) }]);
    expect(decodePusherStateChange(pusherState(1031, huge))).toMatchObject({
      type: 'malformed',
      problem: expect.stringContaining('too long'),
    });
  });

  it('rejects a 1033 entry without streamtype (the engine always sends one)', () => {
    const message = userListMessage([{ userid: 'a', hasvideo: true }]);
    expect(decodePusherStateChange(pusherState(1033, message))).toMatchObject({
      type: 'malformed',
      problem: expect.stringContaining('streamtype must be "main" or "aux", got undefined'),
    });
  });
});

describe('1019 room exit', () => {
  it.each([
    [0, 'normal', 'info'],
    [1, 'kicked', 'warning'],
    [2, 'dismissed', 'warning'],
    [7, 'unspecified', 'warning'],
  ])('reads reason[%i] as %s (%s)', (reasonCode, reason, severity) => {
    expect(decodePusherStateChange(roomExited(reasonCode))).toStrictEqual({
      type: 'room-exited',
      code: 1019,
      severity,
      reason,
      reasonCode,
      message: `exit room success, reason[${reasonCode}]`,
    });
  });

  it('does not throw on a bare 1019 (trtc-wx does)', () => {
    expect(decodePusherStateChange(roomExited())).toStrictEqual({
      type: 'room-exited',
      code: 1019,
      severity: 'warning',
      reason: 'unspecified',
      reasonCode: null,
      message: null,
    });
    expect(logs).toEqual([]);
  });

  it('is unspecified for a message without a reason, or a non-string one', () => {
    expect(decodePusherStateChange(pusherState(1019, 'exit room'))).toMatchObject({
      reason: 'unspecified',
      reasonCode: null,
      message: 'exit room',
    });
    expect(decodePusherStateChange(pusherState(1019, 12))).toMatchObject({
      type: 'room-exited',
      reason: 'unspecified',
      message: null,
    });
    expect(decodePusherStateChange(pusherState(1019, 'reason[-1] reason[]'))).toMatchObject({
      reason: 'unspecified',
      reasonCode: null,
    });
  });
});

describe('simple codes, unknown codes and broken details', () => {
  it('keeps a simple code with a non-string message, with message null', () => {
    expect(decodePusherStateChange(pusherState(-1307, { text: 'gone' }))).toStrictEqual({
      type: 'push-disconnected',
      code: -1307,
      severity: 'error',
      message: null,
    });
    expect(decodePusherStateChange({ code: 1018 })).toMatchObject({
      type: 'room-entered',
      message: null,
    });
    expect(logs).toEqual([]);
  });

  it('reports an unknown code as unknown, logged at debug level only', () => {
    expect(decodePusherStateChange(pusherState(1235, 'new'))).toStrictEqual({
      type: 'unknown',
      code: 1235,
      message: 'new',
    });
    expect(logs.map((r) => r.level)).toEqual(['debug']);
  });

  it('reads -0 as code 0', () => {
    expect(decodePusherStateChange(pusherState(-0))).toMatchObject({ type: 'ok', code: 0 });
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'detail must be an object, got null'],
    ['a number', 1031, 'detail must be an object, got 1031'],
    ['an array', [1031, ''], 'detail must be an object, got array'],
    ['no code', { message: 'x' }, 'code must be an integer, got undefined'],
    ['a string code', { code: '1031' }, 'code must be an integer, got 4-character string'],
    ['a fractional code', { code: 1031.5 }, 'code must be an integer, got 1031.5'],
    ['NaN', { code: NaN }, 'code must be an integer, got NaN'],
    ['Infinity', { code: Infinity }, 'code must be an integer, got Infinity'],
    [
      'an inherited code',
      Object.create({ code: 1001 }) as unknown,
      'code must be an integer, got undefined',
    ],
  ])('is malformed for %s', (_, detail, problem) => {
    expect(decodePusherStateChange(detail)).toStrictEqual({
      type: 'malformed',
      code: null,
      raw: detail,
      problem,
    });
    expect(warnings(logs)).toHaveLength(1);
    expect(warnings(logs)[0]!.message).toBe(`pusher statechange: ${problem}`);
  });

  it('turns even a throwing getter into a malformed event', () => {
    const detail = {};
    Object.defineProperty(detail, 'code', {
      enumerable: true,
      get() {
        throw new TypeError('boom');
      },
    });
    expect(decodePusherStateChange(detail)).toMatchObject({
      type: 'malformed',
      problem: 'decoder failed (TypeError)',
    });
    expect(warnings(logs)).toHaveLength(1);
  });

  it('accepts a null-prototype detail', () => {
    const detail = Object.assign(Object.create(null) as Record<string, unknown>, {
      code: 1031,
      message: '{"userlist":[{"userid":"a"}]}',
    });
    expect(decodePusherStateChange(detail)).toMatchObject({ users: [{ userId: 'a' }] });
  });
});

describe('binderror', () => {
  it('decodes the documented codes and keeps errMsg', () => {
    expect(decodePusherError(pusherError(10002, 'record denied'))).toStrictEqual({
      type: 'record-permission-denied',
      code: 10002,
      severity: 'error',
      message: 'record denied',
    });
    expect(decodePusherError(pusherError(10004))).toMatchObject({
      type: 'waiting-image-load-failed',
      message: null,
    });
  });

  it('reports other codes as unknown and broken details as malformed', () => {
    expect(decodePusherError(pusherError(-1, 'x'))).toStrictEqual({
      type: 'unknown',
      code: -1,
      message: 'x',
    });
    expect(decodePusherError({ code: 10001, message: 'wrong keys' })).toMatchObject({
      type: 'malformed',
      problem: 'errCode must be an integer, got undefined',
    });
    expect(warnings(logs)[0]!.message).toBe(
      'pusher error: errCode must be an integer, got undefined',
    );
  });
});

import type { CodeTable } from '../src/core/protocol';
import {
  PLAYER_STATE_CODES,
  PUSHER_ERROR_CODES,
  PUSHER_STATE_CODES,
  decodePusherStateChange,
  playerCodeName,
  pusherCodeName,
  pusherErrorName,
} from '../src/core/protocol';
import { PAYLOAD_CODES, pusherState, tableCodes } from './fakes/native-events';

const rows = (table: CodeTable) =>
  tableCodes(table).map((code) => [code, ...table[code]!] as const);

describe('code tables', () => {
  it.each([
    ['pusher statechange', PUSHER_STATE_CODES],
    ['player statechange', PLAYER_STATE_CODES],
    ['pusher binderror', PUSHER_ERROR_CODES],
  ])('%s: every code has its own kebab-case name (6002-6005 share one)', (_, table) => {
    const names = rows(table).map(([, name]) => name);
    for (const name of names) expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    const shared = names.filter((name) => name === 'player-warning');
    expect(new Set(names).size).toBe(names.length - Math.max(shared.length - 1, 0));
  });

  it('cover the codes of docs/protocol.md §2.1 and §2.2', () => {
    expect(tableCodes(PUSHER_STATE_CODES).sort((a, b) => a - b)).toEqual([
      ...[-100018, -100015, -100006, -3301, -1317, -1314],
      ...[-1312, -1311, -1310, -1309, -1308, -1307, -1306, -1305, -1304, -1303, -1302, -1301],
      ...[0, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1018, 1019, 1020, 1021, 1022],
      ...[1031, 1032, 1033, 1034, 1101, 1102, 1103, 1104, 2003, 2004, 2007],
      ...[3001, 3002, 3003, 3004, 3005, 4998, 4999, 5000, 5001],
    ]);
    expect(tableCodes(PLAYER_STATE_CODES).sort((a, b) => a - b)).toEqual([
      ...[
        -2302, -2301, 2001, 2002, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2012, 2026, 2030, 2032,
      ],
      ...[2101, 2102, 2103, 2104, 2105, 2106, 2107, 2108, 3001, 3002, 3003, 3004, 3005],
      ...[6002, 6003, 6004, 6005],
    ]);
    expect(tableCodes(PUSHER_ERROR_CODES)).toEqual([10001, 10002, 10003, 10004]);
  });

  it('use the names the room layer relies on', () => {
    expect(pusherCodeName(1001)).toBe('push-connected');
    expect(pusherCodeName(1018)).toBe('room-entered');
    expect(pusherCodeName(1019)).toBe('room-exited');
    expect(pusherCodeName(1020)).toBe('remote-user-list');
    expect(pusherCodeName(1021)).toBe('network-changed');
    expect(pusherCodeName(1022)).toBe('room-enter-failed');
    expect(pusherCodeName(-3301)).toBe('room-enter-error');
    expect(pusherCodeName(1101)).toBe('uplink-poor');
    expect(pusherCodeName(1102)).toBe('push-reconnecting');
    expect(pusherCodeName(5000)).toBe('suspended');
    expect(pusherCodeName(5001)).toBe('interrupted');
    expect(pusherCodeName(-1301)).toBe('camera-open-failed');
    expect(pusherCodeName(-1307)).toBe('push-disconnected');
    expect(pusherCodeName(-100018)).toBe('user-sig-invalid');
    expect(playerCodeName(6004)).toBe('player-warning');
    expect(playerCodeName(-2301)).toBe('pull-disconnected');
    expect(pusherErrorName(10001)).toBe('camera-permission-denied');
  });

  it('lookups return undefined off the table, including for inherited keys', () => {
    expect(pusherCodeName(9999)).toBeUndefined();
    expect(playerCodeName(1001)).toBeUndefined();
    expect(pusherErrorName(0)).toBeUndefined();
    expect(pusherCodeName(Number('constructor'))).toBeUndefined();
  });

  it('derive severities: negative codes are errors, 11xx and 21xx warnings', () => {
    for (const table of [PUSHER_STATE_CODES, PLAYER_STATE_CODES]) {
      for (const [code, , severity] of rows(table)) {
        if (code < 0) expect(severity).toBe('error');
        if ((code >= 1101 && code <= 1104) || (code >= 2101 && code <= 2108)) {
          expect(severity).toBe('warning');
        }
        if (code >= 1001 && code <= 1008) expect(severity).toBe('info');
      }
    }
  });
});

// Simple codes are pinned literally in decoder-code-names.test.ts.
describe('payload codes decode to their named member', () => {
  it.each(rows(PUSHER_STATE_CODES).filter(([code]) => PAYLOAD_CODES.includes(code as 1019)))(
    'pusher %i → %s (%s) with a payload',
    (code, type, severity) => {
      const message =
        code === 1019
          ? 'reason[0]'
          : '{"userlist":[{"userid":"a","streamtype":"main","hasvideo":true,"hasaudio":true}]}';
      expect(decodePusherStateChange(pusherState(code, message))).toMatchObject({
        type,
        code,
        severity,
      });
    },
  );
});

import {
  PLAYER_STATE_CODES,
  PUSHER_ERROR_CODES,
  PUSHER_STATE_CODES,
  decodePlayerStateChange,
  decodePusherError,
  decodePusherStateChange,
} from '../src/core/protocol';
import { captureLogs } from './fakes/log-capture';

// The public names of every native code, written out by hand and checked against docs/protocol.md §2.
// Event names are API: renaming one, or losing a code, must fail here and not only downstream.
type Pinned = Record<number, readonly [name: string, severity: string]>;
const PUSHER_STATE: Pinned = {
  [-100018]: ['user-sig-invalid', 'error'],
  [-100015]: ['sdk-app-id-invalid', 'error'],
  [-100006]: ['private-map-key-invalid', 'error'],
  [-3301]: ['room-enter-error', 'error'],
  [-1317]: ['mic-unauthorized', 'error'],
  [-1314]: ['camera-unauthorized', 'error'],
  [-1312]: ['screen-capture-switch-failed', 'error'],
  [-1311]: ['mic-no-data', 'error'],
  [-1310]: ['screen-capture-interrupted', 'error'],
  [-1309]: ['screen-capture-unsupported', 'error'],
  [-1308]: ['screen-capture-start-failed', 'error'],
  [-1307]: ['push-disconnected', 'error'],
  [-1306]: ['sample-rate-unsupported', 'error'],
  [-1305]: ['resolution-unsupported', 'error'],
  [-1304]: ['audio-encode-failed', 'error'],
  [-1303]: ['video-encode-failed', 'error'],
  [-1302]: ['mic-open-failed', 'error'],
  [-1301]: ['camera-open-failed', 'error'],
  0: ['ok', 'info'],
  1001: ['push-connected', 'info'],
  1002: ['push-started', 'info'],
  1003: ['camera-opened', 'info'],
  1004: ['screen-capture-started', 'info'],
  1005: ['resolution-changed', 'info'],
  1006: ['bitrate-changed', 'info'],
  1007: ['first-frame-captured', 'info'],
  1008: ['encoder-started', 'info'],
  1018: ['room-entered', 'info'],
  1019: ['room-exited', 'info'],
  1020: ['remote-user-list', 'info'],
  1021: ['network-changed', 'warning'],
  1022: ['room-enter-failed', 'error'],
  1031: ['remote-users-joined', 'info'],
  1032: ['remote-users-left', 'info'],
  1033: ['remote-video-changed', 'info'],
  1034: ['remote-audio-changed', 'info'],
  1101: ['uplink-poor', 'warning'],
  1102: ['push-reconnecting', 'warning'],
  1103: ['hardware-encoder-failed', 'warning'],
  1104: ['video-encoder-restarted', 'warning'],
  2003: ['first-video-packet', 'info'],
  2004: ['video-play-started', 'info'],
  2007: ['loading', 'info'],
  3001: ['rtmp-dns-failed', 'warning'],
  3002: ['rtmp-connect-failed', 'warning'],
  3003: ['rtmp-handshake-failed', 'warning'],
  3004: ['rtmp-server-closed', 'warning'],
  3005: ['rtmp-io-failed', 'warning'],
  4998: ['mic-toggled', 'info'],
  4999: ['mute-toggled', 'info'],
  5000: ['suspended', 'warning'],
  5001: ['interrupted', 'warning'],
};

const PLAYER_STATE: Pinned = {
  [-2302]: ['play-url-failed', 'error'],
  [-2301]: ['pull-disconnected', 'error'],
  2001: ['server-connected', 'info'],
  2002: ['pull-started', 'info'],
  2003: ['first-video-packet', 'info'],
  2004: ['video-play-started', 'info'],
  2005: ['play-progress', 'info'],
  2006: ['play-ended', 'info'],
  2007: ['loading', 'info'],
  2008: ['decoder-started', 'info'],
  2009: ['resolution-changed', 'info'],
  2012: ['message-received', 'info'],
  2026: ['play-started', 'info'],
  2030: ['audio-device-changed', 'info'],
  2032: ['first-frame-rendered', 'info'],
  2101: ['video-decode-failed', 'warning'],
  2102: ['audio-decode-failed', 'warning'],
  2103: ['pull-reconnecting', 'warning'],
  2104: ['packets-unstable', 'warning'],
  2105: ['stutter', 'warning'],
  2106: ['hardware-decoder-failed', 'warning'],
  2107: ['frames-discontinuous', 'warning'],
  2108: ['hardware-first-frame-failed', 'warning'],
  3001: ['rtmp-dns-failed', 'warning'],
  3002: ['rtmp-connect-failed', 'warning'],
  3003: ['rtmp-handshake-failed', 'warning'],
  3004: ['rtmp-server-closed', 'warning'],
  3005: ['rtmp-io-failed', 'warning'],
  6002: ['player-warning', 'warning'],
  6003: ['player-warning', 'warning'],
  6004: ['player-warning', 'warning'],
  6005: ['player-warning', 'warning'],
};

const PUSHER_ERROR: Pinned = {
  10001: ['camera-permission-denied', 'error'],
  10002: ['record-permission-denied', 'error'],
  10003: ['bgm-load-failed', 'error'],
  10004: ['waiting-image-load-failed', 'error'],
};

const PAYLOAD_CODES = [1019, 1020, 1031, 1032, 1033, 1034];

describe('the code tables', () => {
  it('name exactly the pinned codes', () => {
    expect(PUSHER_STATE_CODES).toEqual(PUSHER_STATE);
    expect(PLAYER_STATE_CODES).toEqual(PLAYER_STATE);
    expect(PUSHER_ERROR_CODES).toEqual(PUSHER_ERROR);
  });

  it('drive the decoders: each pinned code decodes to its pinned name and severity', () => {
    const logs = captureLogs();
    for (const [code, [type, severity]] of Object.entries(PUSHER_STATE)) {
      if (PAYLOAD_CODES.includes(Number(code))) continue;
      expect(decodePusherStateChange({ code: Number(code), message: 'm' })).toEqual({
        type,
        code: Number(code),
        severity,
        message: 'm',
      });
    }
    for (const [code, [type, severity]] of Object.entries(PLAYER_STATE)) {
      expect(decodePlayerStateChange({ code: Number(code) })).toEqual({
        type,
        code: Number(code),
        severity,
        message: null,
      });
    }
    for (const [code, [type, severity]] of Object.entries(PUSHER_ERROR)) {
      expect(decodePusherError({ errCode: Number(code), errMsg: 'e' })).toEqual({
        type,
        code: Number(code),
        severity,
        message: 'e',
      });
    }
    expect(logs).toEqual([]);
  });

  it('give every pusher and error code its own name; only the unexplained 6002-6005 share one', () => {
    const names = (table: Pinned) => Object.values(table).map(([name]) => name);
    for (const table of [PUSHER_STATE, PUSHER_ERROR])
      expect(new Set(names(table)).size).toBe(names(table).length);
    const player = names(PLAYER_STATE).filter((name) => name !== 'player-warning');
    expect(new Set(player).size).toBe(player.length);
  });
});

import { hasOwn } from '../has-own';

export type Severity = 'info' | 'warning' | 'error';

/** A code table row: the event name, then its severity. */
export type CodeEntry = readonly [name: string, severity: Severity];

export type CodeTable = { readonly [code: number]: CodeEntry };

// Severities as constants, and the rows both tables hold written once: the minified bundle
// then repeats a short name instead of the literal.
const INFO = 'info';
const WARNING = 'warning';
const ERROR = 'error';

/** Codes live-pusher and live-player both report, with the same meaning. */
const SHARED_STATE_CODES = {
  2003: ['first-video-packet', INFO],
  2004: ['video-play-started', INFO],
  2007: ['loading', INFO],
  3001: ['rtmp-dns-failed', WARNING],
  3002: ['rtmp-connect-failed', WARNING],
  3003: ['rtmp-handshake-failed', WARNING],
  3004: ['rtmp-server-closed', WARNING],
  3005: ['rtmp-io-failed', WARNING],
} as const satisfies CodeTable;

/** live-pusher `bindstatechange` codes (docs/protocol.md §2.1, with each code's source). */
export const PUSHER_STATE_CODES = {
  0: ['ok', INFO],
  1001: ['push-connected', INFO],
  1002: ['push-started', INFO],
  1003: ['camera-opened', INFO],
  1004: ['screen-capture-started', INFO],
  1005: ['resolution-changed', INFO],
  1006: ['bitrate-changed', INFO],
  1007: ['first-frame-captured', INFO],
  1008: ['encoder-started', INFO],
  1018: ['room-entered', INFO],
  1019: ['room-exited', INFO],
  1020: ['remote-user-list', INFO],
  1021: ['network-changed', WARNING],
  1022: ['room-enter-failed', ERROR],
  1031: ['remote-users-joined', INFO],
  1032: ['remote-users-left', INFO],
  1033: ['remote-video-changed', INFO],
  1034: ['remote-audio-changed', INFO],
  1101: ['uplink-poor', WARNING],
  1102: ['push-reconnecting', WARNING],
  1103: ['hardware-encoder-failed', WARNING],
  1104: ['video-encoder-restarted', WARNING],
  ...SHARED_STATE_CODES, // 2003, 2004, 2007, 3001-3005
  4998: ['mic-toggled', INFO],
  4999: ['mute-toggled', INFO],
  5000: ['suspended', WARNING],
  5001: ['interrupted', WARNING],
  [-1301]: ['camera-open-failed', ERROR],
  [-1302]: ['mic-open-failed', ERROR],
  [-1303]: ['video-encode-failed', ERROR],
  [-1304]: ['audio-encode-failed', ERROR],
  [-1305]: ['resolution-unsupported', ERROR],
  [-1306]: ['sample-rate-unsupported', ERROR],
  [-1307]: ['push-disconnected', ERROR],
  [-1308]: ['screen-capture-start-failed', ERROR],
  [-1309]: ['screen-capture-unsupported', ERROR],
  [-1310]: ['screen-capture-interrupted', ERROR],
  [-1311]: ['mic-no-data', ERROR],
  [-1312]: ['screen-capture-switch-failed', ERROR],
  [-1314]: ['camera-unauthorized', ERROR],
  [-1317]: ['mic-unauthorized', ERROR],
  [-3301]: ['room-enter-error', ERROR],
  // Tencent's mini-program error codes (docs/protocol.md §2.1): a PrivateMapKey the room's
  // permission control refused, and an SDKAppID TRTC does not know.
  [-100006]: ['private-map-key-invalid', ERROR],
  [-100015]: ['sdk-app-id-invalid', ERROR],
  [-100018]: ['user-sig-invalid', ERROR],
} as const satisfies CodeTable;

/** live-player `bindstatechange` codes (docs/protocol.md §2.2). */
export const PLAYER_STATE_CODES = {
  2001: ['server-connected', INFO],
  2002: ['pull-started', INFO],
  ...SHARED_STATE_CODES, // 2003, 2004, 2007, 3001-3005
  2005: ['play-progress', INFO],
  2006: ['play-ended', INFO],
  2008: ['decoder-started', INFO],
  2009: ['resolution-changed', INFO],
  // SEI text when enable-recv-message is on (LiteAV's PLAY_EVT_GET_MESSAGE); not in WeChat's table.
  2012: ['message-received', INFO],
  2026: ['play-started', INFO],
  2030: ['audio-device-changed', INFO],
  2032: ['first-frame-rendered', INFO],
  2101: ['video-decode-failed', WARNING],
  2102: ['audio-decode-failed', WARNING],
  2103: ['pull-reconnecting', WARNING],
  2104: ['packets-unstable', WARNING],
  2105: ['stutter', WARNING],
  2106: ['hardware-decoder-failed', WARNING],
  2107: ['frames-discontinuous', WARNING],
  2108: ['hardware-first-frame-failed', WARNING],
  // Meaning unknown; trtc-wx forwards them as PLAYER_WARNING.
  6002: ['player-warning', WARNING],
  6003: ['player-warning', WARNING],
  6004: ['player-warning', WARNING],
  6005: ['player-warning', WARNING],
  [-2301]: ['pull-disconnected', ERROR],
  [-2302]: ['play-url-failed', ERROR],
} as const satisfies CodeTable;

/** live-pusher `binderror` codes (`detail.errCode`; docs/protocol.md §2.1). */
export const PUSHER_ERROR_CODES = {
  10001: ['camera-permission-denied', ERROR],
  10002: ['record-permission-denied', ERROR],
  10003: ['bgm-load-failed', ERROR],
  10004: ['waiting-image-load-failed', ERROR],
} as const satisfies CodeTable;

export type PusherStateTable = typeof PUSHER_STATE_CODES;
export type PlayerStateTable = typeof PLAYER_STATE_CODES;
export type PusherErrorTable = typeof PUSHER_ERROR_CODES;

export type CodeOf<T extends CodeTable> = Extract<keyof T, number>;
export type NameOf<T extends CodeTable, C extends CodeOf<T> = CodeOf<T>> = T[C][0];
export type SeverityOf<T extends CodeTable, C extends CodeOf<T>> = T[C][1];

export type PusherStateCode = CodeOf<PusherStateTable>;
export type PlayerStateCode = CodeOf<PlayerStateTable>;
export type PusherErrorCode = CodeOf<PusherErrorTable>;
export type PusherStateName = NameOf<PusherStateTable>;
export type PlayerStateName = NameOf<PlayerStateTable>;
export type PusherErrorName = NameOf<PusherErrorTable>;

export function isPusherStateCode(code: number): code is PusherStateCode {
  return hasOwn(PUSHER_STATE_CODES, code);
}

export function isPlayerStateCode(code: number): code is PlayerStateCode {
  return hasOwn(PLAYER_STATE_CODES, code);
}

export function isPusherErrorCode(code: number): code is PusherErrorCode {
  return hasOwn(PUSHER_ERROR_CODES, code);
}

export function pusherCodeName(code: number): PusherStateName | undefined {
  return isPusherStateCode(code) ? PUSHER_STATE_CODES[code][0] : undefined;
}

export function playerCodeName(code: number): PlayerStateName | undefined {
  return isPlayerStateCode(code) ? PLAYER_STATE_CODES[code][0] : undefined;
}

export function pusherErrorName(code: number): PusherErrorName | undefined {
  return isPusherErrorCode(code) ? PUSHER_ERROR_CODES[code][0] : undefined;
}

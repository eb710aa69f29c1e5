export type Severity = 'info' | 'warning' | 'error';

/** A code table row: the event name, then its severity. */
export type CodeEntry = readonly [name: string, severity: Severity];

export type CodeTable = { readonly [code: number]: CodeEntry };

/** live-pusher `bindstatechange` codes. */
export const PUSHER_STATE_CODES = {
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
  [-1301]: ['camera-open-failed', 'error'],
  [-1302]: ['mic-open-failed', 'error'],
  [-1303]: ['video-encode-failed', 'error'],
  [-1304]: ['audio-encode-failed', 'error'],
  [-1305]: ['resolution-unsupported', 'error'],
  [-1306]: ['sample-rate-unsupported', 'error'],
  [-1307]: ['push-disconnected', 'error'],
  [-1308]: ['screen-capture-start-failed', 'error'],
  [-1309]: ['screen-capture-unsupported', 'error'],
  [-1310]: ['screen-capture-interrupted', 'error'],
  [-1311]: ['mic-no-data', 'error'],
  [-1312]: ['screen-capture-switch-failed', 'error'],
  [-1314]: ['camera-unauthorized', 'error'],
  [-1317]: ['mic-unauthorized', 'error'],
  [-3301]: ['room-enter-error', 'error'],
  [-100018]: ['user-sig-invalid', 'error'],
} as const satisfies CodeTable;

/** live-player `bindstatechange` codes. */
export const PLAYER_STATE_CODES = {
  2001: ['server-connected', 'info'],
  2002: ['pull-started', 'info'],
  2003: ['first-video-packet', 'info'],
  2004: ['video-play-started', 'info'],
  2005: ['play-progress', 'info'],
  2006: ['play-ended', 'info'],
  2007: ['loading', 'info'],
  2008: ['decoder-started', 'info'],
  2009: ['resolution-changed', 'info'],
  // SEI text when enable-recv-message is on (LiteAV's PLAY_EVT_GET_MESSAGE); not in WeChat's table.
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
  // Meaning unknown; trtc-wx forwards them as PLAYER_WARNING.
  6002: ['player-warning', 'warning'],
  6003: ['player-warning', 'warning'],
  6004: ['player-warning', 'warning'],
  6005: ['player-warning', 'warning'],
  [-2301]: ['pull-disconnected', 'error'],
  [-2302]: ['play-url-failed', 'error'],
} as const satisfies CodeTable;

/** live-pusher `binderror` codes (`detail.errCode`). */
export const PUSHER_ERROR_CODES = {
  10001: ['camera-permission-denied', 'error'],
  10002: ['record-permission-denied', 'error'],
  10003: ['bgm-load-failed', 'error'],
  10004: ['waiting-image-load-failed', 'error'],
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

const hasOwn = (table: CodeTable, code: number): boolean =>
  Object.prototype.hasOwnProperty.call(table, code);

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

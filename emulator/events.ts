// The exact event details the native <live-pusher> and <live-player> dispatch (docs/protocol.md §2),
// wrapped in the emulator's server frames.
import type { ServerFrame } from '../src/core/emulator/wire';

/** What one participant sends. Main video = camera; main audio = microphone && !muted. */
export interface MediaState {
  readonly camera: boolean;
  readonly microphone: boolean;
  readonly muted: boolean;
  readonly screen: boolean;
}

export const NO_MEDIA: MediaState = {
  camera: false,
  microphone: false,
  muted: false,
  screen: false,
};

export type StreamType = 'main' | 'aux';

export const hasAudio = (media: MediaState): boolean => media.microphone && !media.muted;

export const EMULATOR_VERSION = '0.1.0';
export const EMULATOR_NAME = `trtc-room-emulator ${EMULATOR_VERSION}`;

export const playUrlOf = (userId: string, streamType: StreamType): string =>
  `room://cloud.tencent.com/rtc?userid=${userId}&streamtype=${streamType}`;

export const pusherState = (code: number, message: string): ServerFrame => ({
  type: 'pusher',
  event: 'statechange',
  detail: { code, message },
});

export const playerState = (playerId: string, code: number, message: string): ServerFrame => ({
  type: 'player',
  playerId,
  event: 'statechange',
  detail: { code, message },
});

const userlist = (entries: readonly object[]): string => JSON.stringify({ userlist: entries });

export const usersJoined = (userIds: readonly string[]): ServerFrame =>
  pusherState(1031, userlist(userIds.map((userid) => ({ userid }))));

export const usersLeft = (userIds: readonly string[]): ServerFrame =>
  pusherState(1032, userlist(userIds.map((userid) => ({ userid }))));

export const videoChanged = (
  userId: string,
  streamType: StreamType,
  hasVideo: boolean,
): ServerFrame =>
  pusherState(
    1033,
    userlist([
      {
        userid: userId,
        playurl: playUrlOf(userId, streamType),
        streamtype: streamType,
        hasvideo: hasVideo,
      },
    ]),
  );

export const audioChanged = (userId: string, hasAudioNow: boolean): ServerFrame =>
  pusherState(
    1034,
    userlist([{ userid: userId, playurl: playUrlOf(userId, 'main'), hasaudio: hasAudioNow }]),
  );

/** The 1033/1034 frames announcing what `media` publishes (only what is on). */
export function announce(userId: string, media: MediaState): ServerFrame[] {
  const frames: ServerFrame[] = [];
  if (media.camera) frames.push(videoChanged(userId, 'main', true));
  if (media.screen) frames.push(videoChanged(userId, 'aux', true));
  if (hasAudio(media)) frames.push(audioChanged(userId, true));
  return frames;
}

/** The 1033/1034 frames for a change of what `userId` publishes. */
export function mediaChanges(userId: string, before: MediaState, after: MediaState): ServerFrame[] {
  const frames: ServerFrame[] = [];
  if (before.camera !== after.camera) frames.push(videoChanged(userId, 'main', after.camera));
  if (before.screen !== after.screen) frames.push(videoChanged(userId, 'aux', after.screen));
  if (hasAudio(before) !== hasAudio(after)) frames.push(audioChanged(userId, hasAudio(after)));
  return frames;
}

export type ExitReason = 0 | 1 | 2;

// Texts: WeChat's documented text where docs/protocol.md §11 has one; ours otherwise (1019, 5000,
// -100006). `(emulator: ...)` adds the emulator's own reason to a documented text.
const EXIT_TEXT: Record<ExitReason, string> = {
  0: 'exitRoom',
  1: 'kicked out by the server or by the same user entering elsewhere',
  2: 'the room was dismissed',
};

const withReason = (text: string, why: string): string => `${text} (emulator: ${why})`;

export const enteredRoom = (): ServerFrame => pusherState(1018, '推流：进房成功（ROOM协议特有）');
/** trtc-wx reads `reason[0]` as a normal exit, any other 1019 as a kick. */
export const exitedRoom = (reason: ExitReason): ServerFrame =>
  pusherState(1019, `exit room: reason[${reason}] ${EXIT_TEXT[reason]}`);
export const enterFailed = (why: string): ServerFrame =>
  pusherState(-3301, withReason('进入房间失败', why));
export const userSigRejected = (why: string): ServerFrame =>
  pusherState(-100018, withReason('userSig 校验失败，请检查 userSig 是否正确', why));
/** TRTC's ERR_SERVER_INFO_PRIVILEGE_FLAG_ERROR: the PrivateMapKey does not allow what was asked. */
export const privilegeRefused = (why: string): ServerFrame =>
  pusherState(-100006, `PrivateMapKey check failed: ${why}`);
export const networkChanged = (): ServerFrame =>
  pusherState(1021, '推流：网络变更时重进房，WiFi 切换到4G 会触发断线重连（ROOM协议特有）');
export const reconnecting = (): ServerFrame => pusherState(1102, '推流：网络断连, 已启动自动重连');
const RETRIES_EXHAUSTED = '推流：网络断连，且经多次重连抢救无效，更多重试请自行重启推流';
export const disconnected = (why?: string): ServerFrame =>
  pusherState(-1307, why === undefined ? RETRIES_EXHAUSTED : withReason(RETRIES_EXHAUSTED, why));
export const suspended = (code: 5000 | 5001): ServerFrame =>
  pusherState(
    code,
    code === 5000
      ? 'the mini-program was suspended: the engine left the room'
      : '系统电话打断或者微信音视频电话打断',
  );

/** 2001, 2002 and 2004 for a player whose stream starts. */
export const playerStarted = (playerId: string): ServerFrame[] => [
  playerState(playerId, 2001, '已经连接服务器'),
  playerState(playerId, 2002, '已经连接服务器,开始拉流'),
  playerState(playerId, 2004, '视频播放开始'),
];

export const seiReceived = (playerId: string, message: string): ServerFrame =>
  playerState(playerId, 2012, message);

export const pusherVolume = (volume: number): ServerFrame => ({
  type: 'pusher',
  event: 'audiovolumenotify',
  detail: { volume },
});

export const playerVolume = (playerId: string, volume: number): ServerFrame => ({
  type: 'player',
  playerId,
  event: 'audiovolumenotify',
  detail: { volume },
});

/** True for the periodic frames (netstatus, audiovolumenotify), which faults leave alone. */
export const isTickFrame = (frame: ServerFrame): boolean =>
  (frame.type === 'pusher' || frame.type === 'player') &&
  (frame.event === 'netstatus' || frame.event === 'audiovolumenotify');

/** One line for the event log. */
export function describeFrame(frame: ServerFrame): string {
  switch (frame.type) {
    case 'hello':
      return `hello ${frame.emulator}`;
    case 'error':
      return `error ${frame.code}: ${frame.message}`;
    case 'signed':
      return `signed a development UserSig for ${frame.userId} (SDKAppID ${frame.sdkAppId})`;
    case 'pusher':
    case 'player': {
      const target = frame.type === 'pusher' ? 'pusher' : `player ${frame.playerId}`;
      const detail = frame.detail as { code?: unknown; message?: unknown };
      return `${target} ${frame.event} ${String(detail.code)} ${String(detail.message)}`;
    }
  }
}

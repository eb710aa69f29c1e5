export type {
  CloudEnv,
  ParsedPusherUrl,
  PureAudioMode,
  PusherUrlParams,
  RecvMode,
  RoomTarget,
  Scene,
} from './pusher-params';
export { APP_SCENES } from './pusher-params';
export { buildPusherUrl, parsePusherUrl, PUSHER_URL_BASE } from './pusher-url';
export type { ParsedPlayUrl, StreamType } from './play-url';
export {
  buildPlayUrl,
  isStreamType,
  parsePlayUrl,
  parseStreamId,
  toStreamId,
  withStreamType,
} from './play-url';

import fc from 'fast-check';
import type { PusherUrlParams } from '../../src/core/url';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const USER_ID_CHARS = ALNUM + '_-';
/** TRTC's 89 strRoomId characters. */
export const STR_ROOM_ID_CHARS = ALNUM + ' !#$%&()+-:;<=.>?@[]^_{}|~,';
/** strRoomId characters a room:// URL cannot carry reliably: room URLs reject them. */
export const URL_BREAKING_ROOM_CHARS = ' #%&+';
/** The strRoomId characters a room URL accepts. */
export const URL_SAFE_ROOM_CHARS = STR_ROOM_ID_CHARS.split('')
  .filter((c) => !URL_BREAKING_ROOM_CHARS.includes(c))
  .join('');

export const stringOf = (chars: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars.split('')), minLength, maxLength });

export const userIdArb = stringOf(USER_ID_CHARS, 1, 32);
export const strRoomIdArb = stringOf(URL_SAFE_ROOM_CHARS, 1, 64);
export const sdkAppIdArb = fc.integer({ min: 1, max: 0xffffffff });
export const roomIdArb = fc.integer({ min: 1, max: 0xffffffff });
const sigArb = stringOf(ALNUM + '*_-', 1, 300);

export const pusherParamsArb = (): fc.Arbitrary<PusherUrlParams> =>
  fc
    .record(
      {
        sdkAppId: sdkAppIdArb,
        room: fc.oneof(
          roomIdArb.map((roomId) => ({ roomId })),
          strRoomIdArb.map((strRoomId) => ({ strRoomId })),
        ),
        userId: userIdArb,
        userSig: sigArb,
        scene: fc.constantFrom('rtc', 'videocall', 'audiocall', 'live', 'voicechatroom' as const),
        encSmall: fc.boolean(),
        cloudEnv: fc.constantFrom('PRO', 'CCC', 'DEV', 'UAT' as const),
        enableBlackStream: fc.boolean(),
        streamId: stringOf(USER_ID_CHARS, 1, 64),
        userDefineRecordId: stringOf(USER_ID_CHARS, 1, 64),
        privateMapKey: sigArb,
        pureAudioMode: fc.constantFrom('audio-only', 'audio-only-mp3' as const),
        recvMode: fc.constantFrom('auto', 'audio-only', 'video-only', 'manual' as const),
        enableInfiniteAnchor: fc.boolean(),
      },
      { requiredKeys: ['sdkAppId', 'room', 'userId', 'userSig'] },
    )
    .map(({ room, ...rest }) => ({ ...rest, ...room }) as PusherUrlParams);

/** The same room in trtc-wx's enterRoom vocabulary. */
export function toOfficialParams(p: PusherUrlParams): Record<string, unknown> {
  const recv = { auto: 1, 'audio-only': 2, 'video-only': 3, manual: 4 };
  return {
    sdkAppID: p.sdkAppId,
    ...(p.roomId !== undefined ? { roomID: p.roomId } : { strRoomID: p.strRoomId }),
    userID: p.userId,
    userSig: p.userSig,
    ...(p.scene !== undefined ? { scene: p.scene } : {}),
    ...(p.encSmall !== undefined ? { encsmall: p.encSmall ? 1 : 0 } : {}),
    ...(p.cloudEnv !== undefined ? { cloudenv: p.cloudEnv } : {}),
    ...(p.enableBlackStream ? { enableBlackStream: 1 } : {}),
    ...(p.streamId !== undefined ? { streamID: p.streamId } : {}),
    ...(p.userDefineRecordId !== undefined ? { userDefineRecordID: p.userDefineRecordId } : {}),
    ...(p.privateMapKey !== undefined ? { privateMapKey: p.privateMapKey } : {}),
    ...(p.pureAudioMode !== undefined
      ? { pureAudioMode: p.pureAudioMode === 'audio-only' ? 1 : 2 }
      : {}),
    ...(p.recvMode !== undefined ? { recvMode: recv[p.recvMode] } : {}),
    ...(p.enableInfiniteAnchor !== undefined
      ? { enableinfiniteanchor: p.enableInfiniteAnchor ? 1 : 0 }
      : {}),
  };
}

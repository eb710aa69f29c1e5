// The room emulator's wire format: JSON text frames over one WebSocket per client.
//
// A client stands in for WeChat's native engine. It tells the emulator what its <live-pusher>
// does (enter with the room:// URL, publish state, SEI, exit) and which remote streams its
// <live-player>s play; the emulator answers with exactly the event details the native components
// would dispatch (docs/protocol.md §2), addressed to the pusher or to one player. Nothing above the
// transport can tell the two apart.
import { isRecord, own } from '../protocol/read';

export const EMULATOR_PROTOCOL_VERSION = 1;
/** The port `trtc-room-emulator` and `npm start` listen on unless told otherwise. */
export const DEFAULT_EMULATOR_PORT = 8787;
/** The WebSocket path of the room endpoint; the HTTP console is served from `/`. */
export const EMULATOR_ROOM_PATH = '/room';
/** Frames larger than this are refused (an error frame; the connection stays open). */
export const MAX_FRAME_BYTES = 64 * 1024;

/** What the local user sends, as <live-pusher>'s enable-camera, enable-mic and muted say. */
export interface PublishState {
  readonly camera: boolean;
  readonly microphone: boolean;
  /** Microphone open but sending silence. */
  readonly muted: boolean;
}

/** One <live-player> the client renders: the stream it plays and what it receives. */
export interface PlayingStream {
  /** The player id, `${userId}_${streamType}` (streamType main, aux or small). */
  readonly id: string;
  /** The play URL the player was given. */
  readonly src: string;
  readonly muteVideo: boolean;
  readonly muteAudio: boolean;
}

/**
 * The device the emulator imitates for one client: it changes the netstatus `info` fields and
 * whether stopping the pusher is answered with 1019 (Android) or not (iOS).
 */
export type EmulatorPlatform = 'ios' | 'android';

export const EMULATOR_PLATFORMS: readonly EmulatorPlatform[] = ['ios', 'android'];

export type ClientFrame =
  /**
   * The pusher started with this room:// URL (autopush or start()). `platform`, when given,
   * overrides the room's and the emulator's platform for this client.
   */
  | {
      readonly type: 'enter';
      readonly url: string;
      readonly publish: PublishState;
      readonly platform?: EmulatorPlatform;
    }
  | { readonly type: 'publish'; readonly publish: PublishState }
  /** The players rendered now; replaces the previous list. */
  | { readonly type: 'play'; readonly players: readonly PlayingStream[] }
  | { readonly type: 'sei'; readonly message: string }
  /** The pusher stopped. */
  | { readonly type: 'exit' }
  /**
   * Asks for a development UserSig signed with the emulator's secret key (clients on the
   * emulator's own machine only). `sdkAppId` null: the emulator's development SDKAppID.
   */
  | { readonly type: 'sign'; readonly userId: string; readonly sdkAppId: number | null };

export type ClientFrameType = ClientFrame['type'];

export type PusherEventName = 'statechange' | 'error' | 'netstatus' | 'audiovolumenotify';
export type PlayerEventName = 'statechange' | 'netstatus' | 'audiovolumenotify';

export type EmulatorErrorCode =
  /** Not JSON, not an object, an unknown type or a field of the wrong type. */
  | 'BAD_FRAME'
  | 'FRAME_TOO_LARGE'
  /** A room, client or participant limit was reached. */
  | 'LIMIT'
  /** sei before enter (publish and play before enter are kept for the enter). */
  | 'NOT_IN_ROOM'
  /** sign from a client on another machine. */
  | 'NOT_ALLOWED';

export type ServerFrame =
  | {
      readonly type: 'hello';
      readonly version: number;
      /** The emulator's name and version, for logs. */
      readonly emulator: string;
    }
  /** A <live-pusher> event; `detail` is what the native event's `detail` would be. */
  | { readonly type: 'pusher'; readonly event: PusherEventName; readonly detail: unknown }
  /** A <live-player> event for the player with this id. */
  | {
      readonly type: 'player';
      readonly playerId: string;
      readonly event: PlayerEventName;
      readonly detail: unknown;
    }
  /** The answer to `sign`. */
  | {
      readonly type: 'signed';
      readonly userId: string;
      readonly sdkAppId: number;
      readonly userSig: string;
    }
  | { readonly type: 'error'; readonly code: EmulatorErrorCode; readonly message: string };

export type Decoded<T> =
  { readonly ok: true; readonly frame: T } | { readonly ok: false; readonly problem: string };

const PUSHER_EVENTS: readonly string[] = ['statechange', 'error', 'netstatus', 'audiovolumenotify'];
const PLAYER_EVENTS: readonly string[] = ['statechange', 'netstatus', 'audiovolumenotify'];
const ERROR_CODES: readonly string[] = [
  'BAD_FRAME',
  'FRAME_TOO_LARGE',
  'LIMIT',
  'NOT_IN_ROOM',
  'NOT_ALLOWED',
];

const fail = (problem: string): { ok: false; problem: string } => ({ ok: false, problem });

/** A text frame as a JSON object with a string `type`, or what is wrong with it. */
export function parseFrameObject(text: unknown): Record<string, unknown> | string {
  if (typeof text !== 'string') return 'a frame must be JSON text';
  if (text.length > MAX_FRAME_BYTES) return `a frame must be at most ${MAX_FRAME_BYTES} bytes`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'a frame must be valid JSON';
  }
  if (!isRecord(value)) return 'a frame must be a JSON object';
  if (typeof own(value, 'type') !== 'string') return 'a frame needs a string "type"';
  return value as Record<string, unknown>;
}

const isBool = (value: unknown): value is boolean => typeof value === 'boolean';

export const isPlatform = (value: unknown): value is EmulatorPlatform =>
  (EMULATOR_PLATFORMS as readonly unknown[]).indexOf(value) >= 0;

function readPublish(value: unknown): PublishState | null {
  if (!isRecord(value)) return null;
  const camera = own(value, 'camera');
  const microphone = own(value, 'microphone');
  const muted = own(value, 'muted');
  return isBool(camera) && isBool(microphone) && isBool(muted)
    ? { camera, microphone, muted }
    : null;
}

function readPlaying(value: unknown): PlayingStream | null {
  if (!isRecord(value)) return null;
  const id = own(value, 'id');
  const src = own(value, 'src');
  const muteVideo = own(value, 'muteVideo');
  const muteAudio = own(value, 'muteAudio');
  return typeof id === 'string' && typeof src === 'string' && isBool(muteVideo) && isBool(muteAudio)
    ? { id, src, muteVideo, muteAudio }
    : null;
}

/** Reads a client frame; never throws. */
export function decodeClientFrame(text: unknown): Decoded<ClientFrame> {
  const rec = parseFrameObject(text);
  if (typeof rec === 'string') return fail(rec);
  const type = rec['type'];
  switch (type) {
    case 'enter': {
      const url = own(rec, 'url');
      const publish = readPublish(own(rec, 'publish'));
      const platform = own(rec, 'platform');
      if (typeof url !== 'string') return fail('enter needs a string "url"');
      if (!publish) return fail('enter needs "publish" {camera, microphone, muted} booleans');
      if (platform === undefined) return { ok: true, frame: { type, url, publish } };
      if (!isPlatform(platform)) return fail('enter "platform" must be "ios" or "android"');
      return { ok: true, frame: { type, url, publish, platform } };
    }
    case 'publish': {
      const publish = readPublish(own(rec, 'publish'));
      if (!publish) return fail('publish needs "publish" {camera, microphone, muted} booleans');
      return { ok: true, frame: { type, publish } };
    }
    case 'play': {
      const list = own(rec, 'players');
      if (!Array.isArray(list)) return fail('play needs a "players" array');
      const players: PlayingStream[] = [];
      for (const item of list) {
        const player = readPlaying(item);
        if (!player) return fail('each player needs id, src, muteVideo and muteAudio');
        players.push(player);
      }
      return { ok: true, frame: { type, players } };
    }
    case 'sei': {
      const message = own(rec, 'message');
      if (typeof message !== 'string') return fail('sei needs a string "message"');
      return { ok: true, frame: { type, message } };
    }
    case 'exit':
      return { ok: true, frame: { type } };
    case 'sign': {
      const userId = own(rec, 'userId');
      const sdkAppId = own(rec, 'sdkAppId');
      if (typeof userId !== 'string') return fail('sign needs a string "userId"');
      if (sdkAppId !== null && typeof sdkAppId !== 'number') {
        return fail('sign "sdkAppId" must be a number or null');
      }
      return { ok: true, frame: { type, userId, sdkAppId } };
    }
    default:
      return fail(`unknown client frame type ${JSON.stringify(type).slice(0, 40)}`);
  }
}

/** Reads an emulator frame; never throws. */
export function decodeServerFrame(text: unknown): Decoded<ServerFrame> {
  const rec = parseFrameObject(text);
  if (typeof rec === 'string') return fail(rec);
  const type = rec['type'];
  const event = own(rec, 'event');
  switch (type) {
    case 'hello': {
      const version = own(rec, 'version');
      const emulator = own(rec, 'emulator');
      if (typeof version !== 'number' || typeof emulator !== 'string') {
        return fail('hello needs a number "version" and a string "emulator"');
      }
      return { ok: true, frame: { type, version, emulator } };
    }
    case 'pusher':
      if (typeof event !== 'string' || !PUSHER_EVENTS.includes(event)) {
        return fail('pusher needs an "event" the live-pusher dispatches');
      }
      return {
        ok: true,
        frame: { type, event: event as PusherEventName, detail: own(rec, 'detail') },
      };
    case 'player': {
      const playerId = own(rec, 'playerId');
      if (typeof playerId !== 'string') return fail('player needs a string "playerId"');
      if (typeof event !== 'string' || !PLAYER_EVENTS.includes(event)) {
        return fail('player needs an "event" the live-player dispatches');
      }
      return {
        ok: true,
        frame: { type, playerId, event: event as PlayerEventName, detail: own(rec, 'detail') },
      };
    }
    case 'signed': {
      const userId = own(rec, 'userId');
      const sdkAppId = own(rec, 'sdkAppId');
      const userSig = own(rec, 'userSig');
      if (typeof userId !== 'string' || typeof sdkAppId !== 'number') {
        return fail('signed needs a string "userId" and a number "sdkAppId"');
      }
      if (typeof userSig !== 'string') return fail('signed needs a string "userSig"');
      return { ok: true, frame: { type, userId, sdkAppId, userSig } };
    }
    case 'error': {
      const code = own(rec, 'code');
      const message = own(rec, 'message');
      if (typeof code !== 'string' || !ERROR_CODES.includes(code) || typeof message !== 'string') {
        return fail('error needs a known "code" and a string "message"');
      }
      return { ok: true, frame: { type, code: code as EmulatorErrorCode, message } };
    }
    default:
      return fail(`unknown emulator frame type ${JSON.stringify(type).slice(0, 40)}`);
  }
}

export const encodeFrame = (frame: ClientFrame | ServerFrame): string => JSON.stringify(frame);

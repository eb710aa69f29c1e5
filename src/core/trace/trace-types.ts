// A trace: what one room's native side said and what we asked of it, as recorded on a phone (or in
// a test, or written by hand from the documented shapes), to be replayed into tests and the room
// emulator. docs/traces.md documents the schema; `version` changes with any incompatible change.

import type { CastingNativeEvent } from '../room/casting';

export const TRACE_SCHEMA = 'trtc-room-trace';
export const TRACE_VERSION = 1;

/** Where a native event came from: the pusher, or one player by its id. */
export type TraceSource = 'pusher' | 'player';

/** The native events a room receives (the bind* attributes of <live-pusher>/<live-player>). */
export type TraceNativeEvent =
  | 'statechange'
  | 'netstatus'
  | 'audiovolumenotify'
  | 'error'
  | 'fullscreenchange'
  | 'bgmstart'
  | 'bgmprogress'
  | 'bgmcomplete'
  | 'enterpictureinpicture'
  | 'leavepictureinpicture'
  | CastingNativeEvent;

export type TraceEntry =
  /** A native event as received, `detail` untouched. `t`: ms since the recording started. */
  | {
      readonly t: number;
      readonly kind: 'native';
      readonly source: TraceSource;
      /** The player id (`${userId}_${streamType}`) for player events, else null. */
      readonly playerId: string | null;
      readonly event: TraceNativeEvent;
      readonly detail: unknown;
    }
  /** A native command we issued (a context method) and how it ended. */
  | {
      readonly t: number;
      readonly kind: 'command';
      /** `pusher.start`, `player.play`, ... */
      readonly name: string;
      readonly playerId: string | null;
      readonly outcome: 'ok' | 'error';
      /** What the error said, for `error`. */
      readonly error: string | null;
      /** Milliseconds until it settled. */
      readonly ms: number;
    }
  /** The room URL the pusher was given (UserSig and PrivateMapKey redacted). */
  | { readonly t: number; readonly kind: 'enter'; readonly url: string }
  /** The page hid or showed. */
  | { readonly t: number; readonly kind: 'page'; readonly event: 'show' | 'hide' }
  /** We left the room (exitRoom): a trace may leave and enter again. */
  | { readonly t: number; readonly kind: 'exit' };

/** The device and host a trace comes from; nothing that identifies the user. */
export interface TracePlatform {
  /** 'wx', 'qq', 'wxwork', 'node', 'emulator', 'synthetic'... */
  readonly host: string;
  /** What the host's system info says, a fixed subset: brand, model, system, platform, version, SDKVersion. */
  readonly system: Readonly<Record<string, string>>;
}

/** What the room should look like after replaying the trace (a synthetic trace's own claim). */
export interface TraceExpectation {
  readonly state: string;
  /** Remote user ids, sorted. */
  readonly remoteUsers: readonly string[];
  /** Remote stream keys (`${userId}_${streamType}`), sorted. */
  readonly streams: readonly string[];
}

export interface TraceV1 {
  readonly schema: typeof TRACE_SCHEMA;
  readonly version: typeof TRACE_VERSION;
  /** ISO 8601. */
  readonly recordedAt: string;
  readonly name: string;
  /** What happens in it, in a sentence or two (optional). */
  readonly description?: string;
  /** True for a trace written from the documented shapes rather than recorded on a device. */
  readonly synthetic: boolean;
  readonly platform: TracePlatform;
  /** Entries dropped at the front because the ring buffer was full. */
  readonly dropped: number;
  readonly entries: readonly TraceEntry[];
  readonly expect: TraceExpectation | null;
}

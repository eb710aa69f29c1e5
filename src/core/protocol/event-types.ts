import type {
  CodeOf,
  CodeTable,
  PlayerStateTable,
  PusherErrorTable,
  PusherStateTable,
  Severity,
} from './codes';

/** A well-formed detail whose code is in no table. */
export interface UnknownCodeEvent {
  readonly type: 'unknown';
  readonly code: number;
  readonly message: string | null;
}

/** A detail that could not be decoded. Always logged as a warning naming `problem`. */
export interface MalformedEvent {
  readonly type: 'malformed';
  /** The detail's code when it was a valid integer. */
  readonly code: number | null;
  readonly raw: unknown;
  readonly problem: string;
}

export interface CodedEvent<Name extends string, Code extends number, Sev extends Severity> {
  readonly type: Name;
  readonly code: Code;
  readonly severity: Sev;
}

export interface SimpleEvent<
  Name extends string,
  Code extends number,
  Sev extends Severity,
> extends CodedEvent<Name, Code, Sev> {
  /** The engine's free-text message; null when it sent none or a non-string. */
  readonly message: string | null;
}

/** One member per code of `T`, leaving out `Except`. */
export type SimpleEventsOf<T extends CodeTable, Except extends number = never> = {
  [C in Exclude<CodeOf<T>, Except>]: SimpleEvent<T[C][0], C, T[C][1]>;
}[Exclude<CodeOf<T>, Except>];

type PusherEvent<C extends CodeOf<PusherStateTable>> = CodedEvent<
  PusherStateTable[C][0],
  C,
  PusherStateTable[C][1]
>;

/** The stream types a 1033 announces; 'small' is never announced. */
export type AnnouncedStreamType = 'main' | 'aux';

/** A userlist entry dropped from a batch. */
export interface Rejection {
  readonly index: number;
  readonly problem: string;
}

export interface RemoteUser {
  readonly userId: string;
}

export interface RemoteUserListEntry {
  readonly userId: string;
  readonly playUrl: string | null;
}

export interface RemoteVideoState {
  readonly userId: string;
  readonly streamType: AnnouncedStreamType;
  readonly hasVideo: boolean;
  readonly playUrl: string | null;
}

/** Audio always belongs to the main stream. */
export interface RemoteAudioState {
  readonly userId: string;
  readonly hasAudio: boolean;
  readonly playUrl: string | null;
}

export interface BatchEvent<C extends BatchCode> extends PusherEvent<C> {
  readonly users: readonly BatchEntries[C][];
  readonly rejected: readonly Rejection[];
}

export interface BatchEntries {
  1020: RemoteUserListEntry;
  1031: RemoteUser;
  1032: RemoteUser;
  1033: RemoteVideoState;
  1034: RemoteAudioState;
}

export type BatchCode = keyof BatchEntries;

export type RemoteUserListEvent = BatchEvent<1020>;
export type RemoteUsersJoinedEvent = BatchEvent<1031>;
export type RemoteUsersLeftEvent = BatchEvent<1032>;
export type RemoteVideoChangedEvent = BatchEvent<1033>;
export type RemoteAudioChangedEvent = BatchEvent<1034>;

export type RoomExitReason = 'normal' | 'kicked' | 'dismissed' | 'unspecified';

export interface RoomExitedEvent extends Omit<PusherEvent<1019>, 'severity'> {
  /** `info` for a normal exit; `warning` when kicked, dismissed or unexplained. */
  readonly severity: 'info' | 'warning';
  readonly reason: RoomExitReason;
  /** N from `reason[N]` in the message, when present. */
  readonly reasonCode: number | null;
  readonly message: string | null;
}

export type PayloadCode = BatchCode | 1019;

export type SimplePusherStateEvent = SimpleEventsOf<PusherStateTable, PayloadCode>;

export type PusherStateEvent =
  | SimplePusherStateEvent
  | RoomExitedEvent
  | RemoteUserListEvent
  | RemoteUsersJoinedEvent
  | RemoteUsersLeftEvent
  | RemoteVideoChangedEvent
  | RemoteAudioChangedEvent
  | UnknownCodeEvent
  | MalformedEvent;

export type KnownPlayerStateEvent = SimpleEventsOf<PlayerStateTable>;
export type PlayerStateEvent = KnownPlayerStateEvent | UnknownCodeEvent | MalformedEvent;

export type KnownPusherErrorEvent = SimpleEventsOf<PusherErrorTable>;
export type PusherErrorEvent = KnownPusherErrorEvent | UnknownCodeEvent | MalformedEvent;

export interface AudioVolumeEvent {
  readonly type: 'audio-volume';
  readonly volume: number;
}

export interface BgmProgressEvent {
  readonly type: 'bgm-progress';
  readonly progress: number;
  readonly duration: number;
}

export interface FullscreenChangeEvent {
  readonly type: 'fullscreen-change';
  readonly fullScreen: boolean;
  readonly direction: number | string;
}

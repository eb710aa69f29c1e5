// The client under test as the conformance harness (conformance.ts) drives it (OurRoom), and what
// both sides share: a step's record (SideStep) and the room state they are compared on. The
// other side, trtc-wx, is conformance-official.ts. hasVideo/hasAudio are compared as booleans
// (trtc-wx copies 0/1 through), users and streams as sets.
import type { RoomEvent } from './conformance-expected';
import { ev } from './conformance-expected';
import type { Detail, RoomRef } from './conformance-traces';

/** The local user; no trace uses this id for a remote user. */
export const SELF = {
  sdkAppId: 1400000000,
  userId: 'self_local',
  userSig: 'test-user-sig',
} as const;

export interface ClientStream {
  readonly key: string;
  readonly userId: string;
  readonly streamType: string;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
  readonly src: string;
}

/** What our client reports with a connection state change. */
export interface ClientStateChange {
  readonly to: string;
  readonly reason?: unknown;
}

export type EnterParams = {
  readonly sdkAppId: number;
  readonly userId: string;
  readonly userSig: string;
} & RoomRef;

/** The part of RoomClient the harness drives; RoomClient satisfies it structurally. */
export interface ClientUnderTest {
  enterRoom(params: EnterParams): unknown;
  exitRoom(): unknown;
  handlePusherStateChange(detail: Detail): unknown;
  getState(): string;
  getRemoteUsers(): readonly { readonly userId: string }[];
  getRemoteStreams(): readonly ClientStream[];
  on(
    event: 'user-joined' | 'user-left',
    listener: (user: { readonly userId: string }) => void,
  ): unknown;
  on(
    event: 'video-available',
    listener: (change: {
      readonly userId: string;
      readonly streamType: string;
      readonly available: boolean;
    }) => void,
  ): unknown;
  on(
    event: 'audio-available',
    listener: (change: { readonly userId: string; readonly available: boolean }) => void,
  ): unknown;
  on(event: 'connection-state-changed', listener: (change: ClientStateChange) => void): unknown;
}

/** The client's clock (a ManualScheduler); the session model's own advances with it. */
export interface TraceClock {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  advance(ms: number): void;
}

export interface StreamState {
  readonly userId: string;
  readonly streamType: string;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
}

export interface RoomState {
  /** Sorted. */
  readonly users: readonly string[];
  /** Sorted by userId, then streamType. */
  readonly streams: readonly StreamState[];
}

export const formatStream = (s: StreamState): string =>
  `${s.userId}/${s.streamType}${s.hasVideo ? ' video' : ''}${s.hasAudio ? ' audio' : ''}`;

export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
export const byStream = (a: StreamState, b: StreamState): number =>
  compareStrings(a.userId, b.userId) || compareStrings(a.streamType, b.streamType);

export const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;

/** An id as trtc-wx holds it: any value a message carried. Non-strings are shown marked. */
export const idOf = (value: unknown): string =>
  typeof value === 'string' && value !== ''
    ? value
    : `<${typeof value}:${JSON.stringify(value) ?? String(value)}>`;

export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : `thrown ${String(error)}`;

/** A trtc-wx event as emitted, with the player's ids copied out (the player is a live object). */
export interface OfficialRecord {
  readonly name: string;
  readonly userId?: string;
  readonly streamType?: string;
  /** The payload of events without a player (ERROR, "undefined", ...). */
  readonly data?: unknown;
  /** Caused by what the harness fed for a divergence (departures), not by the trace step. */
  readonly byHarness?: true;
}

/** One step of a side: what it emitted, in order, and whether it threw. */
export interface SideStep {
  /** trtc-wx only: every event it emitted (markers like `(departures)` included). */
  readonly raw: OfficialRecord[];
  /** Room events: trtc-wx's without repeats, plus the session model's state changes; ours. */
  readonly events: RoomEvent[];
  threw: string | null;
}

export const newStep = (): SideStep => ({ raw: [], events: [], threw: null });

/** Our client: enter, feed, exit, advance its clock; every event recorded in order. */
export class OurRoom {
  current: SideStep = newStep();

  constructor(
    readonly client: ClientUnderTest,
    readonly clock: TraceClock,
  ) {
    client.on('user-joined', (user) => this.push(ev.joined(user.userId)));
    client.on('user-left', (user) => this.push(ev.left(user.userId)));
    client.on('video-available', (c) => this.push(ev.video(c.userId, c.streamType, c.available)));
    client.on('audio-available', (c) => this.push(ev.audio(c.userId, c.available)));
    client.on('connection-state-changed', (c) => this.push(ev.state(c.to, formatReason(c.reason))));
  }

  begin(): SideStep {
    return (this.current = newStep());
  }

  /** enterRoom: its room URL, or the code of the error it threw. */
  enter(room: RoomRef): { url: string } | { errorCode: string } {
    try {
      return { url: String(field(this.client.enterRoom({ ...SELF, ...room }), 'url')) };
    } catch (error) {
      return { errorCode: String(field(error, 'code')) };
    }
  }

  feed(detail: Detail): void {
    this.run(() => this.client.handlePusherStateChange(detail));
  }

  exit(): void {
    this.run(() => void this.client.exitRoom());
  }

  advance(ms: number): void {
    this.run(() => this.clock.advance(ms));
  }

  state(): RoomState {
    return {
      users: this.client
        .getRemoteUsers()
        .map((u) => u.userId)
        .sort(compareStrings),
      streams: this.client
        .getRemoteStreams()
        .map(({ userId, streamType, hasVideo, hasAudio }) => ({
          userId,
          streamType,
          hasVideo,
          hasAudio,
        }))
        .sort(byStream),
    };
  }

  private run(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.current.threw = describeError(error);
    }
  }

  private push(event: RoomEvent): void {
    this.current.events.push(event);
  }
}

/** Our ConnectionChange reason in the session model's notation (conformance-session.ts). */
export function formatReason(reason: unknown): string | null {
  if (reason === undefined) return null;
  if (typeof reason === 'string') return reason;
  const kind = String(field(reason, 'kind'));
  switch (kind) {
    case 'enter-failed':
      return `${kind} ${String(field(reason, 'code'))} ${JSON.stringify(field(reason, 'message'))}`;
    case 'enter-timeout':
      return `${kind} ${String(field(reason, 'timeoutMs'))}`;
    case 'user-sig-invalid':
      return `${kind} ${String(field(reason, 'code'))} ${String(field(field(reason, 'diagnosis'), 'problem'))}`;
    case 'reconnect-exhausted':
      return `${kind} ${String(field(reason, 'attempts'))}`;
    default:
      return JSON.stringify(reason);
  }
}

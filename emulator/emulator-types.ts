// The emulator's shared types: the hub (rooms, participants, faults, bots) that the WebSocket
// server, the HTTP API, the console and the scenario runner all drive.
import type {
  EmulatorPlatform,
  PlayingStream,
  PublishState,
  ServerFrame,
} from '../src/core/emulator/wire';
import { badRequest } from './errors';

/** `${sdkAppId}:${roomId}` for numeric rooms, `${sdkAppId}:str:${strRoomId}` for string rooms. */
export type RoomKey = string;

export type RoomRef =
  | { readonly sdkAppId: number; readonly roomId: number }
  | { readonly sdkAppId: number; readonly strRoomId: string };

export interface EmulatorLimits {
  /** Rooms alive at once. */
  readonly maxRooms: number;
  /** WebSocket clients connected at once. */
  readonly maxClients: number;
  /** Participants (clients and bots) in one room. */
  readonly maxParticipantsPerRoom: number;
  /** Bots in the whole emulator. */
  readonly maxBots: number;
  /** Bytes in one client frame or HTTP request body. */
  readonly maxFrameBytes: number;
  /** Entries the event log keeps. */
  readonly maxLogEntries: number;
  /** Users logged in on the Chat relay at once (call bots included). */
  readonly maxChatUsers: number;
  /** Invitations the Chat relay holds at once (ringing, or records kept for a later login). */
  readonly maxInvitations: number;
  /** Traces POST /api/traces keeps (docs/emulator.md, "Traces"). */
  readonly maxTraces: number;
  /** Bytes in one POST /api/traces body (instead of maxFrameBytes). */
  readonly maxTraceBytes: number;
}

export const DEFAULT_LIMITS: EmulatorLimits = {
  maxRooms: 100,
  maxClients: 200,
  maxParticipantsPerRoom: 50,
  maxBots: 100,
  maxFrameBytes: 64 * 1024,
  maxLogEntries: 1000,
  maxChatUsers: 200,
  maxInvitations: 1000,
  maxTraces: 50,
  maxTraceBytes: 2 * 1024 * 1024,
};

/** `limits` over the defaults; throws EmulatorError BAD_REQUEST for a value that is not one. */
export function checkLimits(limits: Partial<EmulatorLimits> = {}): EmulatorLimits {
  const merged = { ...DEFAULT_LIMITS, ...limits };
  for (const [key, value] of Object.entries(merged)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw badRequest(`limits.${key} must be a positive integer`);
    }
  }
  return merged;
}

export type ParticipantKind = 'client' | 'bot';

/** In live and voicechatroom rooms only anchors are announced; audience members publish nothing. */
export type ParticipantRole = 'anchor' | 'audience';

/** What the console and the HTTP API show for one participant. */
export interface ParticipantSnapshot {
  readonly userId: string;
  readonly kind: ParticipantKind;
  /** Clients: `anchor` while they publish camera or microphone; bots: their `role`. */
  readonly role: ParticipantRole;
  /** The device a client imitates; null for bots. */
  readonly platform: EmulatorPlatform | null;
  /** Main camera video, microphone audio (unmuted), screen share (aux). */
  readonly camera: boolean;
  readonly microphone: boolean;
  readonly muted: boolean;
  readonly screen: boolean;
  /** 0-100, the latest volume tick. */
  readonly volume: number;
  /** Stream ids this participant's players render (clients only). */
  readonly playing: readonly string[];
  readonly joinedAt: number;
}

export interface RoomSnapshot {
  readonly key: RoomKey;
  readonly sdkAppId: number;
  readonly roomId: number | null;
  readonly strRoomId: string | null;
  readonly scene: string;
  readonly participants: readonly ParticipantSnapshot[];
}

export type FaultKind =
  | 'disconnect'
  | 'kick'
  | 'dismiss'
  | 'network-change'
  | 'background'
  | 'delay'
  | 'duplicate'
  | 'reorder';

/** A fault injected into one client's session (bots ignore faults). */
export type Fault =
  /** The engine loses the server: 1102, then -1307; the others see the user leave. */
  | { readonly kind: 'disconnect'; readonly room: RoomKey; readonly userId: string }
  /** Removed by the server: 1019 with reason[1]; the others see the user leave. */
  | { readonly kind: 'kick'; readonly room: RoomKey; readonly userId: string }
  /** The room is dismissed: 1019 with reason[2] to every client; the room is emptied. */
  | { readonly kind: 'dismiss'; readonly room: RoomKey }
  /** Wi-Fi ↔ 4G: 1021. */
  | { readonly kind: 'network-change'; readonly room: RoomKey; readonly userId: string }
  /**
   * The app is suspended (5000, default) or interrupted by a call (5001): the engine leaves the
   * room (the others see the user leave) until the client enters again.
   */
  | {
      readonly kind: 'background';
      readonly room: RoomKey;
      readonly userId: string;
      readonly code?: 5000 | 5001;
    }
  /** The next `count` frames to the client arrive `ms` later (order kept). */
  | {
      readonly kind: 'delay';
      readonly room: RoomKey;
      readonly userId: string;
      readonly ms: number;
      readonly count?: number;
    }
  /** The next `count` frames to the client arrive twice. */
  | {
      readonly kind: 'duplicate';
      readonly room: RoomKey;
      readonly userId: string;
      readonly count?: number;
    }
  /** The next `count` (≥ 2) frames to the client arrive in reverse order. */
  | {
      readonly kind: 'reorder';
      readonly room: RoomKey;
      readonly userId: string;
      readonly count?: number;
    };

export interface BotOptions {
  /** Default: a generated `bot_<n>`. */
  readonly userId?: string;
  readonly camera?: boolean;
  readonly microphone?: boolean;
  readonly screen?: boolean;
  /** Volume ticks while speaking, 0-100; 0 = silent. */
  readonly speaking?: number;
  /** Default `anchor`. An audience bot publishes nothing, and live rooms do not announce it. */
  readonly role?: ParticipantRole;
}

/** A bot action, as the HTTP API, the console and scenario scripts name them. */
export type BotAction =
  | { readonly do: 'camera'; readonly on: boolean }
  | { readonly do: 'microphone'; readonly on: boolean }
  | { readonly do: 'mute'; readonly on: boolean }
  | { readonly do: 'screen'; readonly on: boolean }
  /** Volume ticks at `volume` for `ms` (forever when absent), then silence. */
  | { readonly do: 'speak'; readonly volume: number; readonly ms?: number }
  | { readonly do: 'sei'; readonly message: string }
  /** Switching to audience turns camera, microphone and screen off. */
  | { readonly do: 'role'; readonly role: ParticipantRole }
  | { readonly do: 'leave' };

export interface LogEntry {
  readonly seq: number;
  readonly at: number;
  readonly room: RoomKey | null;
  readonly userId: string | null;
  /** 'join', 'leave', 'publish', 'fault', 'frame-out', 'frame-in', 'error', 'bot', ... */
  readonly kind: string;
  readonly text: string;
}

/** What a transport (the WebSocket server, a test) gives the hub for one client. */
export interface ClientSink {
  send(frame: ServerFrame): void;
  /** Closes the connection (the hub calls it on dispose or when a limit is exceeded). */
  close(code: number, reason: string): void;
}

/** The hub's handle on one connected client. */
export interface ClientConnection {
  /** A text frame from the client; bad frames get an error frame, never a throw. */
  receive(text: string): void;
  /** The transport closed; the participant (if any) leaves its room. */
  closed(): void;
}

export type { EmulatorPlatform, PlayingStream, PublishState };

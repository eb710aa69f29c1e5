// One connected client: the state machine behind its <live-pusher> (idle → in a room → idle ...)
// and the players it renders.
import type { SignRequest } from './dev-signing';
import type { EmulatorPlatform, PublishState, ServerFrame } from '../src/core/emulator/wire';
import { EMULATOR_PROTOCOL_VERSION, decodeClientFrame } from '../src/core/emulator/wire';
import type { PrivilegeName } from '../src/core/usersig/privileges';
import { MAX_SEI_LENGTH } from './bots';
import type { ExitReason, MediaState } from './events';
import {
  EMULATOR_NAME,
  describeFrame,
  disconnected,
  exitedRoom,
  hasAudio,
  isTickFrame,
  networkChanged,
  privilegeRefused,
  pusherVolume,
  reconnecting,
  suspended,
} from './events';
import { ClientPlayers } from './client-players';
import type { LogInput } from './log';
import { pusherNetStatus } from './net-info';
import type { DeliveryFault, Outbox } from './outbox';
import type { Random } from './random';
import { between } from './random';
import type { Member, Room } from './room';
import { DEFAULT_PLATFORM } from './settings';
import { SendGrant, describePrivileges } from './private-map-key';
import type { EmulatorLimits, ParticipantRole } from './emulator-types';
import type { Admission, Refusal } from './admission';
import type { TracePlayback } from './trace-player';

export interface SessionHost {
  readonly limits: EmulatorLimits;
  now(): number;
  log(input: LogInput): void;
  /** The room `session` may now join with this room:// URL (a same-user session kicked), or not. */
  admit(url: string, session: Session): Admission | Refusal;
  /** `room` lost a member: the hub drops it when empty. */
  left(room: Room): void;
  /** The connection is gone. */
  closed(session: Session): void;
  /** A trace to play to `session` instead of admitting it (taken once), or null. */
  replay(session: Session, send: (frame: ServerFrame) => void): TracePlayback | null;
  /** The answer to a `sign` frame from `session`. */
  sign(request: SignRequest, session: Session): ServerFrame;
}

/** The faults a session takes; dismiss is the room's. */
export type SessionFault =
  | { readonly kind: 'disconnect' | 'kick' | 'network-change' }
  | { readonly kind: 'background'; readonly code: 5000 | 5001 }
  | DeliveryFault;

const NOTHING: PublishState = { camera: false, microphone: false, muted: false };

export class Session implements Member {
  readonly kind = 'client';
  userId = '';
  joinedAt = 0;
  private room: Room | null = null;
  private isClosed = false;
  private publish: PublishState = NOTHING;
  private grant = new SendGrant(null);
  private device: EmulatorPlatform = DEFAULT_PLATFORM;
  private readonly players = new ClientPlayers(this, (frame) => this.send(frame));
  private level = 0;
  /** Set when this client gets a trace played instead of a room; it then stays idle. */
  private playback: TracePlayback | null = null;

  constructor(
    readonly id: number,
    private readonly host: SessionHost,
    private readonly outbox: Outbox,
    private readonly random: Random,
    /** The platform the connection asked for (`?platform=`), below an enter frame's. */
    private readonly connectionPlatform: EmulatorPlatform | null = null,
    /** The client connected from the emulator's own machine (it may ask for UserSigs). */
    readonly local = false,
  ) {
    this.send({ type: 'hello', version: EMULATOR_PROTOCOL_VERSION, emulator: EMULATOR_NAME });
  }

  /** A text frame from the client. Never throws. */
  receive(text: string): void {
    if (this.isClosed) return;
    try {
      this.handle(text);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.log('error', `internal error on a frame: ${why}`);
      this.send({
        type: 'error',
        code: 'BAD_FRAME',
        message: `could not handle the frame: ${why}`,
      });
    }
  }

  /** The transport closed: leave the room silently (the others get 1032). */
  closed(): void {
    if (this.isClosed) return;
    this.playback?.stop();
    this.leaveRoom();
    this.isClosed = true;
    this.outbox.dispose();
    this.host.closed(this);
  }

  /** The hub stops: close the connection. */
  dispose(code: number, reason: string): void {
    this.playback?.stop();
    this.room = null;
    this.isClosed = true;
    this.outbox.close(code, reason);
    this.host.closed(this);
  }

  fault(fault: SessionFault): void {
    this.log('fault', fault.kind);
    switch (fault.kind) {
      case 'disconnect':
        this.send(reconnecting());
        this.send(disconnected());
        this.leaveRoom();
        break;
      case 'kick':
        this.send(exitedRoom(1));
        this.leaveRoom();
        break;
      case 'network-change':
        this.send(networkChanged());
        break;
      case 'background':
        this.send(suspended(fault.code));
        this.leaveRoom();
        break;
      default:
        this.outbox.apply(fault);
    }
  }

  // ---- Member -----------------------------------------------------------------------------

  media(): MediaState {
    return this.grant.granted(this.requested());
  }

  /**
   * Always an anchor: the room:// URL carries no role, and TRTC enters a user without one as an
   * anchor (docs/protocol.md §10); a mini-program audience member is one that publishes nothing.
   */
  role(): ParticipantRole {
    return 'anchor';
  }

  platform(): EmulatorPlatform {
    return this.device;
  }

  volume(): number {
    return this.level;
  }

  playing(): readonly string[] {
    return this.players.ids();
  }

  send(frame: ServerFrame): void {
    if (this.isClosed) return;
    if (!isTickFrame(frame) && frame.type !== 'hello') this.log('frame-out', describeFrame(frame));
    this.outbox.send(frame);
  }

  refresh(): void {
    this.players.refresh(this.room);
  }

  sei(from: string, message: string): void {
    this.players.sei(from, message);
  }

  removed(reason: ExitReason): void {
    this.room = null;
    this.players.stopAll();
    this.send(exitedRoom(reason));
  }

  /**
   * An open microphone's level: room noise, below the speaking threshold (10), since nobody
   * talks into a DevTools client; the bots are the ones who speak.
   */
  sample(): void {
    const open = this.room !== null && hasAudio(this.requested());
    this.level = open ? between(this.random, 1, 6) : 0;
  }

  tick(): void {
    const room = this.room;
    if (room === null) return;
    this.send(pusherNetStatus(this.media(), this.random));
    this.send(pusherVolume(this.level));
    this.players.tick(room, this.device, this.random);
  }

  // ---- frames -----------------------------------------------------------------------------

  private handle(text: string): void {
    const bytes = Buffer.byteLength(String(text), 'utf8');
    if (typeof text !== 'string' || bytes > this.host.limits.maxFrameBytes) {
      const message = `a frame must be text of at most ${this.host.limits.maxFrameBytes} bytes`;
      this.send({ type: 'error', code: 'FRAME_TOO_LARGE', message });
      return;
    }
    const decoded = decodeClientFrame(text);
    if (!decoded.ok) {
      this.send({ type: 'error', code: 'BAD_FRAME', message: decoded.problem });
      return;
    }
    const frame = decoded.frame;
    if (this.playback !== null && frame.type !== 'sign') {
      // A replayed client is answered by its trace alone; what it asks is only logged.
      this.log('replay', `ignored ${frame.type}: this client gets a trace`);
      return;
    }
    switch (frame.type) {
      case 'enter':
        this.enter(frame.url, frame.publish, frame.platform);
        break;
      case 'publish':
        this.setPublish(frame.publish);
        break;
      case 'play':
        this.players.set(frame.players);
        this.log('play', `plays [${this.playing().join(', ')}]`);
        this.refresh();
        break;
      case 'sei':
        this.sendSei(frame.message);
        break;
      case 'exit':
        // On iOS the engine says nothing when the app stops the pusher; on Android it sends 1019.
        if (this.room !== null) {
          if (this.device === 'android') this.send(exitedRoom(0));
          this.leaveRoom();
        }
        break;
      case 'sign':
        this.send(this.host.sign(frame, this));
        break;
    }
  }

  private sendSei(message: string): void {
    if (this.room === null) {
      this.send({ type: 'error', code: 'NOT_IN_ROOM', message: 'sei before enter' });
    } else if (message.length > MAX_SEI_LENGTH) {
      const why = `an SEI message must be at most ${MAX_SEI_LENGTH} characters, got ${message.length}; not sent`;
      this.log('error', `sei refused: ${message.length} characters`);
      this.send({ type: 'error', code: 'BAD_FRAME', message: why });
    } else {
      this.log('sei', message);
      this.room.sei(this, message);
    }
  }

  private enter(url: string, publish: PublishState, platform?: EmulatorPlatform): void {
    const playback = this.host.replay(this, (frame) => this.send(frame));
    if (playback !== null) {
      // A client already in a room leaves it (the others see it go), as on any enter.
      this.leaveRoom();
      this.playback = playback;
      this.log('replay', `entered ${url.replace(/(usersig|privatemapkey)=[^&]*/gi, '$1=…')}`);
      playback.start();
      return;
    }
    this.leaveRoom();
    this.publish = publish;
    const admission = this.host.admit(url, this);
    if ('refused' in admission) {
      this.log('error', admission.why);
      this.send(admission.refused);
      return;
    }
    const { room } = admission;
    this.userId = admission.userId;
    this.joinedAt = this.host.now();
    this.room = room;
    this.device = platform ?? this.connectionPlatform ?? admission.platform;
    this.grant = new SendGrant(admission.privilegeMask);
    const refused = this.grant.update(this.requested());
    this.log('join', `entered as ${this.userId} (${this.device})`);
    room.join(this);
    this.refuse(refused);
  }

  private setPublish(publish: PublishState): void {
    const before = this.media();
    this.publish = publish;
    const refused = this.grant.update(this.requested());
    const after = this.media();
    if (this.room === null) return;
    this.log('publish', `camera ${after.camera}, mic ${after.microphone}, muted ${after.muted}`);
    this.room.mediaChanged(this, before, after);
    this.refuse(refused);
  }

  /** Tells the client that its PrivateMapKey keeps these privileges from it. */
  private refuse(missing: readonly PrivilegeName[]): void {
    if (missing.length === 0) return;
    const why = `the key lacks ${describePrivileges(missing)}: not published`;
    this.log('error', why);
    this.send(privilegeRefused(why));
  }

  private requested(): MediaState {
    return { ...this.publish, screen: false };
  }

  private leaveRoom(): void {
    const room = this.room;
    if (room === null) return;
    this.room = null;
    this.players.stopAll();
    this.level = 0;
    this.grant = new SendGrant(null);
    room.leave(this.userId);
    this.log('leave', `left as ${this.userId}`, room);
    this.host.left(room);
  }

  private log(kind: string, text: string, room: Room | null = this.room): void {
    this.host.log({ room: room?.key ?? null, userId: this.userId || null, kind, text });
  }
}

// One connected client: the state machine behind its <live-pusher> (idle → in a room → idle ...)
// and the players it renders.
import type { PlayingStream, PublishState, ServerFrame } from '../src/core/emulator/wire';
import { EMULATOR_PROTOCOL_VERSION, decodeClientFrame } from '../src/core/emulator/wire';
import type { ParsedPusherUrl } from '../src/core/url/pusher-params';
import { parsePusherUrl } from '../src/core/url/pusher-url';
import { MAX_SEI_LENGTH } from './bots';
import type { MediaState } from './events';
import {
  EMULATOR_NAME,
  describeFrame,
  disconnected,
  enterFailed,
  exitedRoom,
  hasAudio,
  isTickFrame,
  networkChanged,
  playerNetStatus,
  playerStarted,
  playerVolume,
  pusherNetStatus,
  pusherVolume,
  reconnecting,
  seiReceived,
  suspended,
  userSigRejected,
} from './events';
import type { LogInput } from './log';
import type { DeliveryFault, Outbox } from './outbox';
import type { Random } from './random';
import { between } from './random';
import type { Member, Room } from './room';
import type { EmulatorLimits } from './types';

export interface SessionHost {
  readonly limits: EmulatorLimits;
  now(): number;
  log(input: LogInput): void;
  /** Why the UserSig is refused, or null when it is valid. */
  checkUserSig(url: ParsedPusherUrl): string | null;
  /** The room `session` may now join as url.userId (an older same-user session kicked), or why not. */
  admit(url: ParsedPusherUrl, session: Session): Room | string;
  /** `room` lost a member: the hub drops it when empty. */
  left(room: Room): void;
  /** The connection is gone. */
  closed(session: Session): void;
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
  private players: readonly PlayingStream[] = [];
  private readonly started = new Set<string>();
  private level = 0;

  constructor(
    readonly id: number,
    private readonly host: SessionHost,
    private readonly outbox: Outbox,
    private readonly random: Random,
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
    this.leaveRoom();
    this.isClosed = true;
    this.outbox.dispose();
    this.host.closed(this);
  }

  /** The hub stops: close the connection. */
  dispose(code: number, reason: string): void {
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
    return { ...this.publish, screen: false };
  }

  volume(): number {
    return this.level;
  }

  playing(): readonly string[] {
    return this.players.map((p) => p.id);
  }

  send(frame: ServerFrame): void {
    if (this.isClosed) return;
    if (!isTickFrame(frame) && frame.type !== 'hello') this.log('frame-out', describeFrame(frame));
    this.outbox.send(frame);
  }

  refresh(): void {
    const room = this.room;
    if (room === null) {
      this.started.clear();
      return;
    }
    const listed = new Set(this.playing());
    for (const id of [...this.started]) {
      if (!listed.has(id) || room.stream(id, this) === null) this.started.delete(id);
    }
    for (const id of listed) {
      if (this.started.has(id) || room.stream(id, this) === null) continue;
      this.started.add(id);
      for (const frame of playerStarted(id)) this.send(frame);
    }
  }

  sei(from: string, message: string): void {
    const id = `${from}_main`;
    if (this.started.has(id)) this.send(seiReceived(id, message));
  }

  removed(reason: 0 | 1 | 2): void {
    this.room = null;
    this.started.clear();
    this.send(exitedRoom(reason));
  }

  sample(): void {
    this.level = this.room !== null && hasAudio(this.media()) ? between(this.random, 8, 30) : 0;
  }

  tick(): void {
    const room = this.room;
    if (room === null) return;
    this.outbox.send(pusherNetStatus(this.media(), this.random));
    this.outbox.send(pusherVolume(this.level));
    for (const player of this.players) {
      if (!this.started.has(player.id)) continue;
      const stream = room.stream(player.id, this);
      if (stream === null) continue;
      const video = stream.video && !player.muteVideo;
      const audio = stream.audio && !player.muteAudio;
      this.outbox.send(playerNetStatus(player.id, video, audio, this.random));
      this.outbox.send(playerVolume(player.id, audio ? stream.member.volume() : 0));
    }
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
    switch (frame.type) {
      case 'enter':
        this.enter(frame.url, frame.publish);
        break;
      case 'publish':
        this.setPublish(frame.publish);
        break;
      case 'play':
        this.players = frame.players;
        this.log('play', `plays [${this.playing().join(', ')}]`);
        this.refresh();
        break;
      case 'sei':
        if (this.room === null) {
          this.send({ type: 'error', code: 'NOT_IN_ROOM', message: 'sei before enter' });
        } else if (frame.message.length > MAX_SEI_LENGTH) {
          const message =
            `an SEI message must be at most ${MAX_SEI_LENGTH} characters, ` +
            `got ${frame.message.length}; not sent`;
          this.log('error', `sei refused: ${frame.message.length} characters`);
          this.send({ type: 'error', code: 'BAD_FRAME', message });
        } else {
          this.log('sei', frame.message);
          this.room.sei(this, frame.message);
        }
        break;
      case 'exit':
        if (this.room !== null) {
          this.send(exitedRoom(0));
          this.leaveRoom();
        }
        break;
    }
  }

  private enter(url: string, publish: PublishState): void {
    this.leaveRoom();
    this.publish = publish;
    let parsed: ParsedPusherUrl;
    try {
      parsed = parsePusherUrl(url);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.log('error', `enter refused: ${why}`);
      this.send(enterFailed(why));
      return;
    }
    const sigProblem = this.host.checkUserSig(parsed);
    if (sigProblem !== null) {
      this.log('error', `enter as ${parsed.userId} refused: ${sigProblem}`);
      this.send(userSigRejected(sigProblem));
      return;
    }
    const room = this.host.admit(parsed, this);
    if (typeof room === 'string') {
      this.log('error', `enter as ${parsed.userId} refused: ${room}`);
      this.send(enterFailed(room));
      return;
    }
    this.userId = parsed.userId;
    this.joinedAt = this.host.now();
    this.room = room;
    this.log('join', `entered as ${this.userId}`);
    room.join(this);
  }

  private setPublish(publish: PublishState): void {
    const before = this.media();
    this.publish = publish;
    const after = this.media();
    if (this.room === null) return;
    this.log('publish', `camera ${after.camera}, mic ${after.microphone}, muted ${after.muted}`);
    this.room.mediaChanged(this, before, after);
  }

  private leaveRoom(): void {
    const room = this.room;
    if (room === null) return;
    this.room = null;
    this.started.clear();
    this.level = 0;
    room.leave(this.userId);
    this.log('leave', `left as ${this.userId}`, room);
    this.host.left(room);
  }

  private log(kind: string, text: string, room: Room | null = this.room): void {
    this.host.log({ room: room?.key ?? null, userId: this.userId || null, kind, text });
  }
}

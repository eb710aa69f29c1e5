// A call bot's CallRoomPort: entering the call's room is adding a room bot there (camera and
// microphone as the call's media says), leaving removes it, and the users it sees are those the
// room announces to it (1031 / 1032), as a mini-program's <trtc-room> would see them.
import type { CallMediaType, CallRoom } from '../src/core/call/call-payload';
import type { CallRoomPort } from '../src/core/call/call-ports';
import { TrtcError, TrtcErrorCode } from '../src/core/errors';
import type { ServerFrame } from '../src/core/emulator/wire';
import { decodePusherStateChange } from '../src/core/protocol/pusher';
import type { BotWatcher } from './bots';
import { roomKeyOf } from './room-key';
import type { BotAction, BotOptions, RoomKey, RoomRef } from './emulator-types';

/** The hub's bot methods the port drives. */
export interface BotRoomHost {
  addBot(ref: RoomRef, options: BotOptions, watcher: BotWatcher): unknown;
  botAction(key: RoomKey, userId: string, action: BotAction): void;
  removeBot(key: RoomKey, userId: string): void;
}

/** How loud a call bot is while its microphone is on (the console's volume meter moves). */
const SPEAKING = 35;

const later = (run: () => void): void => void Promise.resolve().then(run);

export class BotCallRoom implements CallRoomPort {
  /** The room the bot is in, or null. */
  private key_: RoomKey | null = null;
  /** Which entry the frames belong to: a late frame of an earlier room is dropped. */
  private entry_ = 0;
  private readonly present_ = new Set<string>();
  private readonly listeners_ = new Set<(userId: string, present: boolean) => void>();
  private readonly lost_ = new Set<(message: string) => void>();

  constructor(
    private readonly host: BotRoomHost,
    readonly sdkAppId: number,
    readonly userId: string,
  ) {}

  /** The room key the bot is in, or null. */
  get roomKey(): RoomKey | null {
    return this.key_;
  }

  async enter(room: CallRoom, media: CallMediaType): Promise<void> {
    await this.exit();
    const { sdkAppId } = this;
    const ref: RoomRef =
      'roomId' in room
        ? { sdkAppId, roomId: room.roomId }
        : { sdkAppId, strRoomId: room.strRoomId };
    const key = roomKeyOf(ref);
    const entry = ++this.entry_;
    const watcher: BotWatcher = {
      // Later: the room tells its members while it is changing; the call reacts after that.
      frame: (frame) => later(() => this.frame_(entry, frame)),
      removed: () => later(() => this.removed_(entry)),
    };
    const options: BotOptions = {
      userId: this.userId,
      camera: media === 'video',
      microphone: true,
      speaking: SPEAKING,
    };
    this.key_ = key;
    try {
      this.host.addBot(ref, options, watcher);
    } catch (error) {
      this.key_ = null;
      const why = error instanceof Error ? error.message : String(error);
      throw new TrtcError(
        TrtcErrorCode.EnterFailed,
        `call bot ${this.userId} could not enter room ${key}: ${why}`,
      );
    }
  }

  async exit(): Promise<void> {
    const key = this.key_;
    if (key === null) return;
    this.key_ = null;
    this.entry_ += 1;
    this.present_.clear();
    try {
      this.host.removeBot(key, this.userId);
    } catch {
      // Removed already (the console, a dismissed room): out of the room either way.
    }
  }

  watchUsers(listener: (userId: string, present: boolean) => void): () => void {
    this.listeners_.add(listener);
    return () => void this.listeners_.delete(listener);
  }

  watchLost(listener: (message: string) => void): () => void {
    this.lost_.add(listener);
    return () => void this.lost_.delete(listener);
  }

  dropVideo(): void {
    const key = this.key_;
    if (key === null) return;
    try {
      this.host.botAction(key, this.userId, { do: 'camera', on: false });
    } catch {
      // Out of the room already: nothing to drop.
    }
  }

  private frame_(entry: number, frame: ServerFrame): void {
    if (entry !== this.entry_ || frame.type !== 'pusher' || frame.event !== 'statechange') return;
    const event = decodePusherStateChange(frame.detail);
    if (event.type === 'remote-users-joined' || event.type === 'remote-users-left') {
      const present = event.type === 'remote-users-joined';
      for (const { userId } of event.users) this.set_(userId, present);
    }
  }

  /** Out of the room without asking (removed by the console or the API, room dismissed). */
  private removed_(entry: number): void {
    if (entry !== this.entry_) return;
    const key = this.key_;
    this.key_ = null;
    this.entry_ += 1;
    this.present_.clear();
    const message = `call bot ${this.userId} was taken out of room ${key ?? '?'}`;
    for (const listener of [...this.lost_]) listener(message);
  }

  private set_(userId: string, present: boolean): void {
    if (userId === this.userId || this.present_.has(userId) === present) return;
    if (present) this.present_.add(userId);
    else this.present_.delete(userId);
    for (const listener of [...this.listeners_]) listener(userId, present);
  }
}

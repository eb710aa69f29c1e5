// The call's TRTC room as the call client sees it (CallRoomPort), filled by whichever view shows
// the call: <trtc-call> renders a <trtc-room> when the call asks for its room and binds that
// room's controller here; the Taro <TrtcCall> does the same with its <TrtcRoom>. The call enters
// through the room, so everything the room does (permissions, reconnecting, the background,
// the emulator in DevTools) holds for calls.
import { TrtcError, TrtcErrorCode } from '../../core/errors';
import type { CallMediaType, CallRoom } from '../../core/call/call-payload';
import type { CallRoomPort } from '../../core/call/call-ports';
import { createLogger } from '../../core/logger';
import type { Scheduler } from '../../core/room/adapters';
import type { RoomClient } from '../../core/room/room-client';
import type { ConnectionState } from '../../core/room/room-types';
import { loadFailureMessage } from '../lazy-host-modules';
import type { EnterOverrides } from '../room-properties';

/** The room states in which a user-left means someone else left. */
const IN_ROOM: ReadonlySet<ConnectionState> = new Set<ConnectionState>(['joined', 'reconnecting']);

const log = createLogger('call');

/** Milliseconds a call waits for a view to show its room. */
export const ROOM_BIND_TIMEOUT_MS = 10_000;

/** What the slot drives: a <trtc-room>'s controller (or Taro's room) fits. */
export interface CallRoomTarget {
  readonly client: RoomClient;
  enter(overrides: EnterOverrides): Promise<void>;
  exit(): Promise<void>;
}

/** The room a call asks for: a view shows a room while this is not null. */
export interface CallRoomRequest {
  readonly room: CallRoom;
  readonly media: CallMediaType;
}

/** The enter() overrides of a call's room: an anchor in TRTC's call scenes. */
export function callRoomOverrides(request: CallRoomRequest): EnterOverrides {
  const video = request.media === 'video';
  return {
    ...('roomId' in request.room
      ? { roomId: request.room.roomId, strRoomId: '' }
      : { roomId: 0, strRoomId: request.room.strRoomId }),
    scene: video ? 'videocall' : 'audiocall',
    role: 'anchor',
    camera: video,
    microphone: true,
  };
}

export class CallRoomSlot implements CallRoomPort {
  private request_: CallRoomRequest | null = null;
  private target_: CallRoomTarget | null = null;
  private inRoom_ = false;
  private readonly requestListeners_ = new Set<(request: CallRoomRequest | null) => void>();
  private readonly userListeners_ = new Set<(userId: string, present: boolean) => void>();
  /** Calls waiting for a view: given the bound room, or null when the call left first. */
  private readonly bindWaiters_ = new Set<(target: CallRoomTarget | null) => void>();
  private readonly lostListeners_ = new Set<(message: string) => void>();
  private readonly closedListeners_ = new Set<() => void>();
  private offClient_: (() => void)[] = [];

  constructor(
    private readonly scheduler_: Scheduler,
    private readonly bindTimeoutMs_ = ROOM_BIND_TIMEOUT_MS,
  ) {}

  /** The room the call wants shown now, or null. */
  get request(): CallRoomRequest | null {
    return this.request_;
  }

  /** Calls `listener` with every change of `request`; returns the unsubscribe function. */
  onRequest(listener: (request: CallRoomRequest | null) => void): () => void {
    this.requestListeners_.add(listener);
    return () => this.requestListeners_.delete(listener);
  }

  /**
   * Calls `listener` when the view showing the call's room goes away while the call wants it
   * (the page was closed): the user left the call.
   */
  onClosed(listener: () => void): () => void {
    this.closedListeners_.add(listener);
    return () => this.closedListeners_.delete(listener);
  }

  watchLost(listener: (message: string) => void): () => void {
    this.lostListeners_.add(listener);
    return () => this.lostListeners_.delete(listener);
  }

  /** A view's room holds the call now (bound and entered). */
  get inUse(): boolean {
    return this.target_ !== null && this.inRoom_;
  }

  /** The bound room's client (for the call screen's controls), or null. */
  get client(): RoomClient | null {
    return this.target_?.client ?? null;
  }

  /**
   * A view's room shows the call. Returns the unbind function, for when the view goes away; or
   * null when another view's room already holds the call (that view keeps it).
   */
  bind(target: CallRoomTarget): (() => void) | null {
    // The call is in the first view's room: a second view shows the call without a room.
    if (this.target_ !== null && this.inRoom_) return null;
    this.detach_();
    this.target_ = target;
    // Users entering and leaving reach the call a microtask later, in order: a room that is kicked
    // or fails forgets everyone first, and that is not the others leaving the call.
    let queued: [string, boolean][] = [];
    const flush = () => {
      const batch = queued;
      queued = [];
      if (this.target_ !== target) return;
      const inRoom = IN_ROOM.has(target.client.getState());
      for (const [userId, present] of batch) {
        if (!present && !inRoom) continue;
        for (const listener of [...this.userListeners_]) listener(userId, present);
      }
    };
    const forward = (present: boolean) => (user: { readonly userId: string }) => {
      if (queued.length === 0) void Promise.resolve().then(flush);
      queued.push([user.userId, present]);
    };
    this.offClient_ = [
      target.client.on('user-joined', forward(true)),
      target.client.on('user-left', forward(false)),
      target.client.on('connection-state-changed', (change) => {
        if (!this.inRoom_) return;
        if (change.to === 'kicked') this.lost_(`the call's room removed us (${change.reason})`);
        else if (change.to === 'failed') {
          this.lost_(
            `the call's room failed: ${loadFailureMessage().describeFailure(change.reason)}`,
          );
        } else if (change.to === 'left') this.lost_("the call's room was left");
      }),
    ];
    for (const waiter of [...this.bindWaiters_]) waiter(target);
    return () => {
      if (this.target_ === target) this.unbind_();
    };
  }

  async enter(room: CallRoom, media: CallMediaType): Promise<void> {
    const request: CallRoomRequest = { room, media };
    this.setRequest_(request);
    const target = this.target_ ?? (await this.untilBound_());
    if (this.request_ !== request) {
      throw new TrtcError(TrtcErrorCode.InvalidState, 'the call left its room while entering');
    }
    await target.enter(callRoomOverrides(request));
    if (this.request_ === request && this.target_ === target) {
      this.inRoom_ = true;
      return;
    }
    // The call left (or moved) while its room entered: that room leaves again.
    await target.exit().catch((error: unknown) => log.warn('leaving the call room failed', error));
    throw new TrtcError(TrtcErrorCode.InvalidState, 'the call left its room while entering');
  }

  async exit(): Promise<void> {
    const target = this.target_;
    const inRoom = this.inRoom_;
    this.inRoom_ = false;
    // A call that waited for a view to show its room waits no more.
    for (const waiter of [...this.bindWaiters_]) waiter(null);
    try {
      if (target !== null && inRoom) await target.exit();
    } catch (error) {
      log.warn('leaving the call room failed', error);
    } finally {
      this.setRequest_(null);
    }
  }

  watchUsers(listener: (userId: string, present: boolean) => void): () => void {
    this.userListeners_.add(listener);
    return () => this.userListeners_.delete(listener);
  }

  dropVideo(): void {
    const request = this.request_;
    if (request !== null) this.setRequest_({ ...request, media: 'audio' });
    this.target_?.client.unpublishCamera();
  }

  private setRequest_(request: CallRoomRequest | null): void {
    this.request_ = request;
    for (const listener of [...this.requestListeners_]) listener(request);
  }

  private detach_(): void {
    for (const off of this.offClient_.splice(0)) off();
    this.target_ = null;
    this.inRoom_ = false;
  }

  private unbind_(): void {
    this.detach_();
    if (this.request_ === null) return;
    for (const listener of [...this.closedListeners_]) listener();
  }

  private lost_(message: string): void {
    this.inRoom_ = false;
    for (const listener of [...this.lostListeners_]) listener(message);
  }

  private untilBound_(): Promise<CallRoomTarget> {
    return new Promise((resolve, reject) => {
      const timer = this.scheduler_.setTimeout(() => {
        this.bindWaiters_.delete(waiter);
        reject(
          new TrtcError(
            TrtcErrorCode.InvalidState,
            `no call screen showed the call's room within ${this.bindTimeoutMs_ / 1000} s: put ` +
              '<trtc-call> (or Taro <TrtcCall>) on the page that calls or answers',
          ),
        );
      }, this.bindTimeoutMs_);
      const waiter = (target: CallRoomTarget | null) => {
        this.scheduler_.clearTimeout(timer);
        this.bindWaiters_.delete(waiter);
        if (target !== null) resolve(target);
        else
          reject(
            new TrtcError(
              TrtcErrorCode.InvalidState,
              'the call ended before a screen showed its room',
            ),
          );
      };
      this.bindWaiters_.add(waiter);
    });
  }
}

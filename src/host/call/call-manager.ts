// The app-wide call manager: one CallClient for the logged-in user, listening from the moment the
// app creates it (app.js onLaunch), so a call rings whichever page is open. A page shows calls
// with <trtc-call> (or Taro's <TrtcCall>), which binds the call's room here and renders getView().
import { CallClient } from '../../core/call/call-client';
import type { CallClientOptions, CallOptions } from '../../core/call/call-client';
import type { CallClientEvents, CallEndReason } from '../../core/call/call-events';
import { Emitter } from '../../core/emitter';
import type { Listener } from '../../core/emitter';
import { TrtcError, TrtcErrorCode } from '../../core/errors';
import type { Scheduler } from '../../core/room/adapters';
import { systemScheduler } from '../../core/room/scheduler';
import { detectHost } from '../detect-host';
import type { Host } from '../host-api';
import { checkProfiles } from '../view/profiles';
import type { Profiles } from '../view/profiles';
import { getCallManager, registerCallManager } from './call-managers';
import { CallRoomSlot } from './call-room-slot';
import { callSignalingFor } from './call-transport';
import type { CallTransport, CallTransportOptions } from './call-transport';
import { IDLE_CALL_VIEW, callViewOf } from './call-view';
import type { CallPhase, CallView } from './call-view';

/** Milliseconds the ended screen stays before the view goes idle. */
export const ENDED_VIEW_MS = 2000;

export interface CallManagerOptions
  extends
    CallTransportOptions,
    Pick<CallClientOptions, 'timeoutS' | 'joinTimeoutS' | 'platform' | 'newRoomId'> {
  /** Names and avatars by user id, for the call screens (also setProfiles()). */
  readonly profiles?: Profiles;
  readonly scheduler?: Scheduler;
}

/** The call client's events, and the view after every change. */
export interface CallManagerEvents extends CallClientEvents {
  'view-changed': [view: CallView];
}

export class CallManager {
  readonly client: CallClient;
  /** The call's room, shown and entered by a <trtc-call> on the open page. */
  readonly room: CallRoomSlot;
  private readonly emitter_ = new Emitter<CallManagerEvents>();
  private readonly scheduler_: Scheduler;
  private profiles_: Profiles;
  private view_: CallView = IDLE_CALL_VIEW;
  private ended_: { reason: CallEndReason; message: string | null } | null = null;
  private endedCall_: ReturnType<CallClient['getCall']> = null;
  private endedTimer_: unknown = null;
  private tick_: unknown = null;
  private connectedAt_ = 0;
  private readonly offs_: (() => void)[] = [];
  private unregister_: (() => void) | null = null;
  private readonly transport_: CallTransport;

  /** The mini-program this manager belongs to. */
  readonly host: Host;

  constructor(
    readonly options: CallManagerOptions,
    host: Host = detectHost(),
  ) {
    this.host = host;
    this.scheduler_ = options.scheduler ?? systemScheduler;
    this.profiles_ = checkProfiles(options.profiles ?? {});
    this.room = new CallRoomSlot(this.scheduler_);
    this.transport_ = callSignalingFor(host.api, options);
    this.client = new CallClient({
      userId: options.userId,
      signaling: this.transport_.signaling,
      room: this.room,
      scheduler: this.scheduler_,
      ...(options.timeoutS === undefined ? {} : { timeoutS: options.timeoutS }),
      ...(options.joinTimeoutS === undefined ? {} : { joinTimeoutS: options.joinTimeoutS }),
      ...(options.platform === undefined ? {} : { platform: options.platform }),
      ...(options.newRoomId === undefined ? {} : { newRoomId: options.newRoomId }),
    });
    const client = this.client;
    const emit = this.emitter_;
    // The view changes first, so listeners of the forwarded events read the new one.
    this.offs_.push(
      client.on('state-changed', ({ to }) => this.stateChanged_(to)),
      client.on('media-changed', () => this.render_()),
      client.on('state-changed', (change) => emit.emit('state-changed', change)),
      client.on('incoming', (call) => emit.emit('incoming', call)),
      client.on('user-accepted', (userId) => emit.emit('user-accepted', userId)),
      client.on('user-declined', (userId) => emit.emit('user-declined', userId)),
      client.on('user-busy', (userId) => emit.emit('user-busy', userId)),
      client.on('user-no-response', (userId) => emit.emit('user-no-response', userId)),
      client.on('user-joined', (userId) => emit.emit('user-joined', userId)),
      client.on('user-left', (userId) => emit.emit('user-left', userId)),
      client.on('media-changed', (media) => emit.emit('media-changed', media)),
      this.room.onClosed(() => void client.hangup()),
      client.on('ended', (end) => {
        this.showEnded_(end.call, end.reason, end.message);
        emit.emit('ended', end);
      }),
    );
  }

  on<K extends keyof CallManagerEvents>(event: K, listener: Listener<CallManagerEvents[K]>) {
    return this.emitter_.on(event, listener);
  }

  getView(): CallView {
    return this.view_;
  }

  /** Names and avatars by user id for the call screens. Throws INVALID_PARAMETER. */
  setProfiles(profiles: Profiles): void {
    this.profiles_ = checkProfiles(profiles);
    this.render_();
  }

  getProfiles(): Profiles {
    return this.profiles_;
  }

  /** Rings `userIds` (see CallClient.call). A <trtc-call> on the page shows the call. */
  call(userIds: readonly string[], options: CallOptions = {}): Promise<void> {
    return this.client.call(userIds, options);
  }

  accept(): Promise<void> {
    const accepting = this.client.accept();
    // Accepting shows at once ("Connecting…"), before the room has entered.
    this.render_();
    return accepting;
  }

  decline(): Promise<void> {
    return this.client.decline();
  }

  hangup(): Promise<void> {
    return this.client.hangup();
  }

  switchToAudio(): Promise<void> {
    return this.client.switchToAudio();
  }

  /** Ends a call in progress, stops listening and is no longer the app's manager. */
  async destroy(): Promise<void> {
    this.unregister_?.();
    this.unregister_ = null;
    this.stopTick_();
    this.clearEnded_();
    await this.client.destroy();
    // Hanging up showed the ended screen: nothing is left to show.
    this.stopTick_();
    this.clearEnded_();
    this.render_();
    this.transport_.close();
    for (const off of this.offs_.splice(0)) off();
    this.emitter_.removeAllListeners();
  }

  /** @internal createCallManager registers it as the app's. */
  registered_(unregister: () => void): void {
    this.unregister_ = unregister;
  }

  private phase_(): CallPhase {
    const state = this.client.getState();
    if (state !== 'idle') return state;
    return this.ended_ === null ? 'idle' : 'ended';
  }

  private stateChanged_(to: string): void {
    if (to !== 'idle') this.clearEnded_();
    if (to === 'connected') {
      this.connectedAt_ = this.scheduler_.now();
      this.startTick_();
    } else this.stopTick_();
    // Idle comes with the call's `ended` event, which renders the ended screen.
    if (to !== 'idle') this.render_();
  }

  private showEnded_(
    call: ReturnType<CallClient['getCall']>,
    reason: CallEndReason,
    message: string | null,
  ): void {
    this.stopTick_();
    this.clearEnded_();
    this.ended_ = { reason, message };
    this.endedCall_ = call;
    this.endedTimer_ = this.scheduler_.setTimeout(() => {
      this.endedTimer_ = null;
      this.ended_ = null;
      this.endedCall_ = null;
      this.render_();
    }, ENDED_VIEW_MS);
    this.render_();
  }

  private clearEnded_(): void {
    if (this.endedTimer_ !== null) this.scheduler_.clearTimeout(this.endedTimer_);
    this.endedTimer_ = null;
    this.ended_ = null;
    this.endedCall_ = null;
  }

  private durationS_(): number {
    if (this.client.getState() !== 'connected') return 0;
    return Math.floor((this.scheduler_.now() - this.connectedAt_) / 1000);
  }

  private startTick_(): void {
    this.stopTick_();
    const next = 1000 - ((this.scheduler_.now() - this.connectedAt_) % 1000);
    this.tick_ = this.scheduler_.setTimeout(() => {
      this.tick_ = null;
      this.render_();
      if (this.client.getState() === 'connected') this.startTick_();
    }, next);
  }

  private stopTick_(): void {
    if (this.tick_ !== null) this.scheduler_.clearTimeout(this.tick_);
    this.tick_ = null;
  }

  private render_(): void {
    const phase = this.phase_();
    this.view_ = callViewOf({
      phase,
      call: phase === 'ended' ? this.endedCall_ : this.client.getCall(),
      durationS: this.durationS_(),
      end: this.ended_,
      profiles: this.profiles_,
      accepting: this.client.isAccepting(),
    });
    this.emitter_.emit('view-changed', this.view_);
  }
}

/**
 * Creates the app's call manager (once, e.g. in app.js onLaunch, after creating the Chat instance
 * and best before its login, so it hears the invitations Chat replays then). Throws
 * INVALID_STATE while one exists (destroy() it first, e.g. when another user logs in) and
 * INVALID_PARAMETER for options that cannot work.
 */
export function createCallManager(options: CallManagerOptions, host?: Host): CallManager {
  const app = host ?? detectHost();
  if (getCallManager(app) !== null) {
    throw new TrtcError(
      TrtcErrorCode.InvalidState,
      'createCallManager: the app already has a call manager; destroy() it first',
    );
  }
  const manager = new CallManager(options, app);
  manager.registered_(registerCallManager(manager, app));
  return manager;
}

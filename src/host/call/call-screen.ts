// What <trtc-call> does, apart from the component: follows the app's call manager, renders its
// view with the call's room and the call controls, binds the room it rendered to the call, and
// turns taps into commands. A failed command reaches the page as `callerror`, never a throw.
import type { CallState } from '../../core/call/call-events';
import { TrtcError, TrtcErrorCode, isTrtcError } from '../../core/errors';
import { createLogger } from '../../core/logger';
import type { AudioRoute } from '../../core/room/room-types';
import { checkProfiles } from '../view/profiles';
import type { Profiles } from '../view/profiles';
import type { CallManager } from './call-manager';
import { watchCallManager } from './call-managers';
import type { CallRoomRequest, CallRoomTarget } from './call-room-slot';
import type { TrtcCallEventDetails, TrtcCallEventName } from './call-screen-events';
import { IDLE_CALL_VIEW } from './call-view';
import type { CallView } from './call-view';

const log = createLogger('call');

/** What the call screen's template reads. */
export interface CallScreenData {
  readonly call: CallView;
  /** The call's <trtc-room> is rendered (from dialing, or accepting, to the end). */
  readonly roomShown: boolean;
  readonly room: {
    readonly sdkAppId: number;
    readonly userId: string;
    readonly userSig: string;
    readonly emulator: string;
    readonly template: '1v1' | 'grid';
  };
  readonly profiles: Profiles;
  readonly micOn: boolean;
  readonly cameraOn: boolean;
  readonly audioRoute: AudioRoute;
  /** A call manager exists (else the screen shows nothing, and buttons say why). */
  readonly managed: boolean;
}

export const EMPTY_CALL_SCREEN: CallScreenData = {
  call: IDLE_CALL_VIEW,
  roomShown: false,
  room: { sdkAppId: 0, userId: '', userSig: '', emulator: '', template: '1v1' },
  profiles: {},
  micOn: true,
  cameraOn: true,
  audioRoute: 'speaker',
  managed: false,
};

export interface CallScreenPort {
  /** Sends what changed; `rendered` runs once the page drew it. */
  render(patch: Partial<CallScreenData>, rendered?: () => void): void;
  emit<K extends TrtcCallEventName>(name: K, detail: TrtcCallEventDetails[K]): void;
  /** The call's room the screen rendered, once drawn; undefined if it is not there. */
  room(): CallRoomTarget | undefined;
}

const noManager = (): TrtcError =>
  new TrtcError(
    TrtcErrorCode.InvalidState,
    'no call manager: call createCallManager({ userId, chat, ... }) from trtc-room/call first ' +
      '(e.g. in app.js onLaunch, with your Chat instance)',
  );

export class CallScreen {
  private data_: CallScreenData = EMPTY_CALL_SCREEN;
  private manager_: CallManager | null = null;
  private offManager_: (() => void)[] = [];
  private unbindRoom_: (() => void) | null = null;
  /** The call's room is another screen's. */
  private elsewhere_ = false;
  private readonly offWatch_: () => void;
  /** Names and avatars the page gave this screen (its `profiles` property). */
  private pageProfiles_: Profiles = {};

  constructor(
    private readonly port_: CallScreenPort,
    watch: typeof watchCallManager = watchCallManager,
  ) {
    this.offWatch_ = watch((manager) => this.follow_(manager));
  }

  get data(): CallScreenData {
    return this.data_;
  }

  detach(): void {
    this.offWatch_();
    this.follow_(null);
  }

  /** The page's names and avatars, added to the manager's (every screen shows them). */
  setProfiles(profiles: unknown): void {
    try {
      this.pageProfiles_ = checkProfiles(profiles);
    } catch (error) {
      this.failed_('profiles', error);
      return;
    }
    this.shareProfiles_();
  }

  private shareProfiles_(): void {
    const manager = this.manager_;
    if (manager === null || Object.keys(this.pageProfiles_).length === 0) return;
    manager.setProfiles({ ...manager.getProfiles(), ...this.pageProfiles_ });
  }

  accept(): void {
    this.run_('accept', (manager) => manager.accept());
  }

  decline(): void {
    this.run_('decline', (manager) => manager.decline());
  }

  hangup(): void {
    this.run_('hangup', (manager) => manager.hangup());
  }

  switchToAudio(): void {
    this.run_('switchToAudio', (manager) => manager.switchToAudio());
  }

  toggleMic(): void {
    const client = this.manager_?.room.client;
    if (!client) return;
    const micOn = !this.data_.micOn;
    client.muteMicrophone(!micOn);
    this.set_({ micOn });
  }

  toggleCamera(): void {
    const client = this.manager_?.room.client;
    if (!client || this.data_.call.media !== 'video') return;
    const cameraOn = !this.data_.cameraOn;
    if (cameraOn) client.publishCamera();
    else client.unpublishCamera();
    this.set_({ cameraOn });
  }

  switchCamera(): void {
    const client = this.manager_?.room.client;
    if (!client) return;
    client.switchCamera().catch((error: unknown) => this.failed_('switchCamera', error));
  }

  toggleSpeaker(): void {
    this.set_({ audioRoute: this.data_.audioRoute === 'speaker' ? 'earpiece' : 'speaker' });
  }

  private follow_(manager: CallManager | null): void {
    for (const off of this.offManager_.splice(0)) off();
    this.unbindRoom_?.();
    this.unbindRoom_ = null;
    this.elsewhere_ = false;
    this.manager_ = manager;
    if (manager === null) {
      this.set_({ managed: false, call: IDLE_CALL_VIEW, roomShown: false });
      return;
    }
    const { options } = manager;
    this.offManager_.push(
      manager.on('view-changed', (call) => this.showCall_(call)),
      manager.room.onRequest((request) => this.showRoom_(request)),
      manager.on('state-changed', ({ from, to }) => this.stateChanged_(from, to)),
      manager.on('incoming', (call) => this.port_.emit('callincoming', { call })),
      manager.on('user-accepted', (userId) => this.port_.emit('calluseraccept', { userId })),
      manager.on('user-declined', (userId) => this.port_.emit('calluserreject', { userId })),
      manager.on('user-busy', (userId) => this.port_.emit('calluserbusy', { userId })),
      manager.on('user-no-response', (userId) => this.port_.emit('callusernoresponse', { userId })),
      manager.on('user-joined', (userId) => this.port_.emit('calluserjoin', { userId })),
      manager.on('user-left', (userId) => this.port_.emit('calluserleave', { userId })),
      manager.on('media-changed', (media) => {
        this.set_({ cameraOn: media === 'video' });
        this.port_.emit('callmediachange', { media });
      }),
      manager.on('ended', (end) =>
        this.port_.emit('callended', { ...end, text: manager.getView().end?.text ?? '' }),
      ),
    );
    this.set_({
      managed: true,
      call: manager.getView(),
      profiles: manager.getProfiles(),
      room: {
        sdkAppId: options.sdkAppId ?? 0,
        userId: options.userId,
        userSig: options.userSig ?? '',
        emulator: options.emulator ?? '',
        template: '1v1',
      },
    });
    this.showRoom_(manager.room.request);
    this.shareProfiles_();
  }

  private stateChanged_(from: CallState, to: CallState): void {
    const call = this.manager_?.client.getCall();
    this.port_.emit('callstatechange', { state: to, previous: from });
    if (to === 'connected' && call) this.port_.emit('callconnected', { call });
  }

  private showCall_(call: CallView): void {
    const template = call.peers.length > 1 ? 'grid' : '1v1';
    const patch: { -readonly [K in keyof CallScreenData]?: CallScreenData[K] } = { call };
    if (template !== this.data_.room.template) patch.room = { ...this.data_.room, template };
    if (this.manager_) patch.profiles = this.manager_.getProfiles();
    this.set_(patch);
  }

  private showRoom_(request: CallRoomRequest | null): void {
    const manager = this.manager_;
    if (request === null || manager === null) {
      this.unbindRoom_?.();
      this.unbindRoom_ = null;
      this.elsewhere_ = false;
      if (this.data_.roomShown) this.set_({ roomShown: false });
      return;
    }
    if (this.unbindRoom_ !== null || this.elsewhere_) return;
    if (manager.room.inUse) {
      this.showElsewhere_();
      return;
    }
    const camera = request.media === 'video';
    this.set_({ roomShown: true, micOn: true, cameraOn: camera }, () => this.bindRoom_());
  }

  /**
   * The port's room is there now: a view whose room mounts after its render callback (Taro's
   * <TrtcRoom> hands its controller over when it mounts) calls this, and the call enters it.
   */
  roomReady(): void {
    if (this.data_.roomShown) this.bindRoom_();
  }

  private bindRoom_(): void {
    const manager = this.manager_;
    if (manager === null || manager.room.request === null) return;
    if (this.unbindRoom_ !== null || this.elsewhere_) return;
    const room = this.port_.room();
    // Not there yet: roomReady() binds it when it is.
    if (room === undefined) return;
    const unbind = manager.room.bind(room);
    if (unbind === null) this.showElsewhere_();
    else this.unbindRoom_ = unbind;
  }

  /**
   * Another screen's room holds the call (this one opened during it): this one shows the call
   * and its controls, which act on that room, and closing it leaves the call as it is.
   */
  private showElsewhere_(): void {
    this.elsewhere_ = true;
    this.set_({ roomShown: false });
  }

  private run_(command: string, action: (manager: CallManager) => Promise<void>): void {
    const manager = this.manager_;
    if (manager === null) {
      this.failed_(command, noManager());
      return;
    }
    action(manager).catch((error: unknown) => this.failed_(command, error));
  }

  private failed_(command: string, error: unknown): void {
    log.warn(`<trtc-call> ${command} failed`, error);
    const code = isTrtcError(error) ? error.code : TrtcErrorCode.NativeCallFailed;
    const message = error instanceof Error ? error.message : String(error);
    this.port_.emit('callerror', { code, message: `${command}: ${message}` });
  }

  /** Sends only the top-level fields that changed. */
  private set_(patch: Partial<CallScreenData>, rendered?: () => void): void {
    const changed: Partial<Record<keyof CallScreenData, unknown>> = {};
    let any = false;
    for (const key of Object.keys(patch) as (keyof CallScreenData)[]) {
      if (JSON.stringify(patch[key]) === JSON.stringify(this.data_[key])) continue;
      changed[key] = patch[key];
      any = true;
    }
    this.data_ = { ...this.data_, ...patch };
    if (any) this.port_.render(changed as Partial<CallScreenData>, rendered);
    else rendered?.();
  }
}

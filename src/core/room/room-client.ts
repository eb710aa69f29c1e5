import type { TraceExpectation, TracePlatform, TraceV1 } from '../trace/trace-types';
import type { Listener } from '../emitter';
import { buildPusherUrl } from '../url';
import { invalidParameter } from '../validate';
import type { SnapshotOptions, SnapshotResult } from './adapters';
import { PUSHER_TARGET as PUSHER } from './command-queue';
import type { PictureInPictureSource } from './picture-in-picture';
import type { PusherAttributes, PusherSettings } from './pusher-attributes';
import { validatePusherSettings } from './pusher-attributes';
import type { LocalState, Role, RoomClientEvents } from './room-events';
import { checkRole, checkRoleInScene, flag } from './room-options';
import { assertRemoteUserId, settle } from './room-engine';
import { RoomPlayerControls } from './room-player-controls';
import type { EnterRoomParams } from './room-options';
import type {
  AudioRoute,
  ConnectionState,
  NetworkQualityReport,
  Permissions,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
  StreamKey,
  VideoQuality,
} from './room-types';

/**
 * The signaling client: a typed state machine over the live-pusher/live-player event channel.
 * Runs anywhere; native calls go through the adapter (default: the null adapter).
 */
export class RoomClient extends RoomPlayerControls {
  // ---- events -------------------------------------------------------------------------------

  on<K extends keyof RoomClientEvents>(
    event: K,
    listener: Listener<RoomClientEvents[K]>,
  ): () => void {
    return this.emitter_.on(event, listener);
  }

  once<K extends keyof RoomClientEvents>(
    event: K,
    listener: Listener<RoomClientEvents[K]>,
  ): () => void {
    return this.emitter_.once(event, listener);
  }

  off<K extends keyof RoomClientEvents>(event: K, listener: Listener<RoomClientEvents[K]>): void {
    this.emitter_.off(event, listener);
  }

  // ---- state --------------------------------------------------------------------------------

  getState(): ConnectionState {
    return this.machine_.state_;
  }

  getRemoteUsers(): RemoteUserInfo[] {
    return this.model_.getUsers();
  }

  /** The remote users' ids in arrival order: getRemoteUsers() without building each user. */
  getRemoteUserIds(): string[] {
    return this.model_.getUserIds();
  }

  getRemoteStreams(): RemoteStreamInfo[] {
    return this.model_.getStreams();
  }

  getPlayers(): readonly PlayerView[] {
    return this.playerManager_.players_;
  }

  getPusherAttributes(): PusherAttributes {
    return this.pusher_.attributes_;
  }

  getLocal(): LocalState {
    return this.pusher_.local_;
  }

  getPermissions(): Permissions {
    return this.permissionState_;
  }

  getNetworkQuality(): NetworkQualityReport {
    return this.native_.networkQuality_();
  }

  getAudioRoute(): AudioRoute {
    return this.playerManager_.route_;
  }

  /** What plays in WeChat's floating window: a player's id, 'pusher', or null (none). */
  getPictureInPicture(): PictureInPictureSource | null {
    return this.floating_.current;
  }

  // ---- room ---------------------------------------------------------------------------------

  /**
   * Builds the room URL and the pusher attributes and starts entering (state `entering`); the
   * engine's 1018 moves the state to `joined`. Returns the attributes to render.
   */
  enterRoom(params: EnterRoomParams): PusherAttributes {
    if (!this.machine_.is_('idle', 'left', 'kicked', 'failed')) {
      throw this.wrongState_('enterRoom', 'call exitRoom() first');
    }
    if (params === null || typeof params !== 'object') {
      throw invalidParameter(
        'params',
        'an object with sdkAppId, userId, userSig and a room',
        params,
      );
    }
    const url = buildPusherUrl(params);
    this.options_.recorder_?.enter(url);
    const role = checkRoleInScene(params.role, params.scene);
    const liveScene = params.scene === 'live' || params.scene === 'voicechatroom';
    const settings = params.pusher === undefined ? {} : validatePusherSettings(params.pusher);
    const publish = role === 'anchor';
    const camera = publish && flag(params.camera, 'camera', true);
    const microphone = publish && flag(params.microphone, 'microphone', true);

    this.queue_.cancelAll('a new room was entered');
    this.session_ = { params_: { ...params }, liveScene_: liveScene };
    this.pusher_.update_({ ...settings, url, autopush: true });
    this.pusher_.setLocal_({
      userId: params.userId,
      role,
      camera,
      microphone,
      microphoneMuted: false,
      cameraPosition: settings.devicePosition ?? this.pusher_.attributes_.devicePosition,
    });
    this.machine_.set_({ to: 'entering' });
    this.lifecycle_.entering_();
    return this.pusher_.attributes_;
  }

  /** Leaves the room. Resolves once the engine confirms (1019), the pusher stopped, or after exitTimeoutMs. */
  exitRoom(): Promise<void> {
    if (!this.exiting_ && !this.machine_.is_('idle', 'left')) this.options_.recorder_?.exit();
    return this.leave_();
  }

  /** Leaves the room if needed, drops listeners and stops every timer. */
  destroy(): void {
    void this.exitRoom();
    this.lifecycle_.reset_();
    this.queue_.cancelAll('the client was destroyed');
    this.emitter_.removeAllListeners();
  }

  // ---- local media --------------------------------------------------------------------------

  publishCamera(): void {
    this.setPublishing_('publishCamera', { camera: true });
  }

  unpublishCamera(): void {
    this.setPublishing_('unpublishCamera', { camera: false });
  }

  publishMicrophone(): void {
    this.setPublishing_('publishMicrophone', { microphone: true, microphoneMuted: false });
  }

  unpublishMicrophone(): void {
    this.setPublishing_('unpublishMicrophone', { microphone: false });
  }

  /** Keeps the microphone open but sends silence, so unmuting is instant. */
  muteMicrophone(muted: boolean): void {
    if (typeof muted !== 'boolean') throw invalidParameter('muted', 'a boolean', muted);
    this.requireRoom_('muteMicrophone');
    this.pusher_.setLocal_({ microphoneMuted: muted });
  }

  /**
   * Live and voice-chat scenes: `audience` stops publishing, `anchor` publishes camera and
   * microphone again. The room URL carries no role, so this is what the engine can do.
   */
  switchRole(role: Role, publish: { camera?: boolean; microphone?: boolean } = {}): void {
    checkRole(role);
    this.requireRoom_('switchRole');
    if (!this.session_?.liveScene_) {
      throw this.wrongState_(
        'switchRole',
        "roles exist only in the 'live' and 'voicechatroom' scenes",
      );
    }
    const on = role === 'anchor';
    this.pusher_.setLocal_({
      role,
      camera: on && flag(publish.camera, 'camera', true),
      microphone: on && flag(publish.microphone, 'microphone', true),
      microphoneMuted: false,
    });
  }

  switchCamera(): Promise<'front' | 'back'> {
    return this.pusher_.switchCamera_();
  }

  toggleTorch(): Promise<void> {
    return this.pusher_.call_('toggleTorch', (context) => context.toggleTorch());
  }

  /** Beauty, filter, bitrates, mirror, reverb, waiting image and the other live-pusher settings. */
  setPusherAttributes(patch: Partial<PusherSettings>): PusherAttributes {
    this.pusher_.update_(validatePusherSettings(patch));
    return this.pusher_.attributes_;
  }

  snapshot(options: SnapshotOptions = { quality: 'raw' }): Promise<SnapshotResult> {
    return this.pusher_.call_('snapshot', (context) => context.snapshot(options));
  }

  /** Camera zoom, from 1 to getMaxZoom() in steps of 0.1 (base library 2.31.0). */
  setZoom(zoom: number): Promise<void> {
    return settle(() => this.pusher_.setZoom_(zoom));
  }

  /** The camera's highest zoom (base library 2.31.0). */
  getMaxZoom(): Promise<number> {
    return this.pusher_.call_('getMaxZoom', (context) => context.getMaxZoom());
  }

  /** Sends an SEI message inside the video stream (viewers need `enableRecvMessage`). */
  sendSEIMessage(message: string): Promise<void> {
    return settle(() => {
      this.requireRoom_('sendSEIMessage');
      return this.pusher_.sendSEIMessage_(message);
    });
  }

  /** Background music mixed into the published audio. */
  playBGM(url: string): Promise<void> {
    return settle(() => this.pusher_.playBGM_(url));
  }

  pauseBGM(): Promise<void> {
    return this.pusher_.call_('pauseBGM', (context) => context.pauseBGM());
  }

  resumeBGM(): Promise<void> {
    return this.pusher_.call_('resumeBGM', (context) => context.resumeBGM());
  }

  stopBGM(): Promise<void> {
    return this.pusher_.call_('stopBGM', (context) => context.stopBGM());
  }

  /** 0-1. */
  setBGMVolume(volume: number): Promise<void> {
    return settle(() => this.pusher_.setBGMVolume_(volume));
  }

  /** Microphone capture volume, 0-1. */
  setMicVolume(volume: number): Promise<void> {
    return settle(() => this.pusher_.setMicVolume_(volume));
  }

  // ---- remote media -------------------------------------------------------------------------

  subscribeRemoteVideo(userId: string, streamType: 'main' | 'aux' = 'main'): void {
    this.subscribe_(userId, streamType, { video: true });
  }

  unsubscribeRemoteVideo(userId: string, streamType: 'main' | 'aux' = 'main'): void {
    this.subscribe_(userId, streamType, { video: false });
  }

  /** Remote audio rides the main stream. */
  subscribeRemoteAudio(userId: string): void {
    this.subscribe_(userId, 'main', { audio: true });
  }

  unsubscribeRemoteAudio(userId: string): void {
    this.subscribe_(userId, 'main', { audio: false });
  }

  /** Switches a user's main video between the big and the small (low-quality) stream. */
  setRemoteVideoQuality(userId: string, quality: VideoQuality): void {
    assertRemoteUserId(userId);
    if (quality !== 'big' && quality !== 'small') {
      throw invalidParameter('quality', "'big' or 'small'", quality);
    }
    this.playerManager_.setPreferences_(`${userId}_main`, { quality });
    this.recomputePlayers_();
  }

  // ---- host lifecycle (called by the component or page) ------------------------------------

  /** The `<live-pusher>` node exists (component `ready`) or went away (`detached`). */
  setPusherReady(ready: boolean): void {
    this.pusherReady_ = ready;
    this.queue_.setGate(PUSHER, ready && this.lifecycle_.visible_);
  }

  /** A `<live-player>` node is mounted (or unmounted). */
  setPlayerReady(playerId: StreamKey, ready: boolean): void {
    this.native_.setPlayerReady_(playerId, ready);
  }

  /** Page `onShow`. Owed re-enters (after 5000/5001 or a disconnect in the background) run now. */
  handlePageShow(): void {
    this.options_.recorder_?.page('show');
    this.lifecycle_.setVisible_(true);
    this.queue_.setGate(PUSHER, this.pusherReady_);
  }

  /**
   * Page `onHide`: the pusher is not touched until the page shows again, unless the room plays
   * in a floating window (its page is hidden, not destroyed): then it runs as if shown.
   */
  handlePageHide(): void {
    this.options_.recorder_?.page('hide');
    this.lifecycle_.setVisible_(false);
    this.queue_.setGate(PUSHER, this.pusherReady_ && this.lifecycle_.visible_);
  }

  // ---- native events: wire these to the bind* attributes -----------------------------------

  handlePusherStateChange(detail: unknown): void {
    this.logged_('pusher', null, 'statechange', detail, () =>
      this.native_.pusherStateChange_(detail),
    );
  }

  handlePusherError(detail: unknown): void {
    this.logged_('pusher', null, 'error', detail, () => this.native_.pusherError_(detail));
  }

  handlePusherNetStatus(detail: unknown): void {
    this.logged_('pusher', null, 'netstatus', detail, () => this.native_.pusherNetStatus_(detail));
  }

  handlePusherAudioVolume(detail: unknown): void {
    this.logged_('pusher', null, 'audiovolumenotify', detail, () =>
      this.native_.pusherAudioVolume_(detail),
    );
  }

  handlePusherBGMStart(): void {
    this.logged_('pusher', null, 'bgmstart', null, () => this.emitter_.emit('bgm-started'));
  }

  handlePusherBGMProgress(detail: unknown): void {
    this.logged_('pusher', null, 'bgmprogress', detail, () => this.native_.bgmProgress_(detail));
  }

  handlePusherBGMComplete(): void {
    this.logged_('pusher', null, 'bgmcomplete', null, () => this.emitter_.emit('bgm-completed'));
  }

  /**
   * What this client recorded (RoomClientOptions.recordTrace), as a trace (docs/traces.md); null
   * when it does not record. `platform`: the device, as the host adapter describes it; `expect`:
   * the room the trace should replay to.
   */
  getTrace(options: {
    readonly platform: TracePlatform;
    readonly name?: string;
    readonly expect?: TraceExpectation | null;
  }): TraceV1 | null {
    return this.options_.recorder_?.toTrace(options) ?? null;
  }
}

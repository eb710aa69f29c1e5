import type { Listener } from '../emitter';
import { buildPusherUrl } from '../url';
import { invalidParameter } from '../validate';
import type { FullscreenDirection, SnapshotOptions, SnapshotResult } from './adapters';
import { PUSHER_TARGET as PUSHER } from './command-queue';
import type { PusherAttributes, PusherSettings } from './pusher-attributes';
import { validatePusherSettings } from './pusher-attributes';
import type { LocalState, Role, RoomClientEvents } from './room-events';
import { flag } from './room-options';
import { RoomEngine, assertRemoteUserId, assertStreamType, settle } from './room-engine';
import type { EnterRoomParams } from './room-options';
import type {
  AudioRoute,
  ConnectionState,
  NetworkQualityReport,
  ObjectFit,
  Orientation,
  Permissions,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
  StreamKey,
  VideoQuality,
} from './types';

/**
 * The signaling client: a typed state machine over the live-pusher/live-player event channel.
 * Runs anywhere; native calls go through the adapter (default: the null adapter).
 */
export class RoomClient extends RoomEngine {
  // ---- events -------------------------------------------------------------------------------

  on<K extends keyof RoomClientEvents>(
    event: K,
    listener: Listener<RoomClientEvents[K]>,
  ): () => void {
    return this.emitter.on(event, listener);
  }

  once<K extends keyof RoomClientEvents>(
    event: K,
    listener: Listener<RoomClientEvents[K]>,
  ): () => void {
    return this.emitter.once(event, listener);
  }

  off<K extends keyof RoomClientEvents>(event: K, listener: Listener<RoomClientEvents[K]>): void {
    this.emitter.off(event, listener);
  }

  // ---- state --------------------------------------------------------------------------------

  getState(): ConnectionState {
    return this.machine.state;
  }

  getRemoteUsers(): RemoteUserInfo[] {
    return this.model.getUsers();
  }

  getRemoteStreams(): RemoteStreamInfo[] {
    return this.model.getStreams();
  }

  getPlayers(): readonly PlayerView[] {
    return this.playerManager.players;
  }

  getPusherAttributes(): PusherAttributes {
    return this.pusher.attributes;
  }

  getLocal(): LocalState {
    return this.pusher.local;
  }

  getPermissions(): Permissions {
    return this.permissionState;
  }

  getNetworkQuality(): NetworkQualityReport {
    return this.native.networkQuality();
  }

  getAudioRoute(): AudioRoute {
    return this.playerManager.route;
  }

  // ---- room ---------------------------------------------------------------------------------

  /**
   * Builds the room URL and the pusher attributes and starts entering (state `entering`); the
   * engine's 1018 moves the state to `joined`. Returns the attributes to render.
   */
  enterRoom(params: EnterRoomParams): PusherAttributes {
    if (!this.machine.is('idle', 'left', 'kicked', 'failed')) {
      throw this.wrongState('enterRoom', 'call exitRoom() first');
    }
    if (params === null || typeof params !== 'object') {
      throw invalidParameter(
        'params',
        'an object with sdkAppId, userId, userSig and a room',
        params,
      );
    }
    const url = buildPusherUrl(params);
    const role = params.role ?? 'anchor';
    if (role !== 'anchor' && role !== 'audience') {
      throw invalidParameter('role', "'anchor' or 'audience'", role);
    }
    const liveScene = params.scene === 'live' || params.scene === 'voicechatroom';
    if (role === 'audience' && !liveScene) {
      throw invalidParameter('role', "'anchor' unless scene is 'live' or 'voicechatroom'", role);
    }
    const settings = params.pusher === undefined ? {} : validatePusherSettings(params.pusher);
    const publish = role === 'anchor';
    const camera = publish && flag(params.camera, 'camera', true);
    const microphone = publish && flag(params.microphone, 'microphone', true);

    this.queue.cancelAll('a new room was entered');
    this.session = { params: { ...params }, url, liveScene };
    this.pusher.update({ ...settings, url, autopush: true });
    this.pusher.setLocal({
      userId: params.userId,
      role,
      camera,
      microphone,
      microphoneMuted: false,
      cameraPosition: settings.devicePosition ?? this.pusher.attributes.devicePosition,
    });
    this.machine.set({ to: 'entering' });
    this.lifecycle.entering();
    return this.pusher.attributes;
  }

  /** Leaves the room. Resolves once the engine confirms (1019), the pusher stopped, or after exitTimeoutMs. */
  exitRoom(): Promise<void> {
    return this.leave();
  }

  /** Leaves the room if needed, drops listeners and stops every timer. */
  destroy(): void {
    void this.exitRoom();
    this.lifecycle.reset();
    this.queue.cancelAll('the client was destroyed');
    this.emitter.removeAllListeners();
  }

  // ---- local media --------------------------------------------------------------------------

  publishCamera(): void {
    this.setPublishing('publishCamera', { camera: true });
  }

  unpublishCamera(): void {
    this.setPublishing('unpublishCamera', { camera: false });
  }

  publishMicrophone(): void {
    this.setPublishing('publishMicrophone', { microphone: true, microphoneMuted: false });
  }

  unpublishMicrophone(): void {
    this.setPublishing('unpublishMicrophone', { microphone: false });
  }

  /** Keeps the microphone open but sends silence, so unmuting is instant. */
  muteMicrophone(muted: boolean): void {
    if (typeof muted !== 'boolean') throw invalidParameter('muted', 'a boolean', muted);
    this.requireRoom('muteMicrophone');
    this.pusher.setLocal({ microphoneMuted: muted });
  }

  /**
   * Live and voice-chat scenes: `audience` stops publishing, `anchor` publishes camera and
   * microphone again. The room URL carries no role, so this is what the engine can do.
   */
  switchRole(role: Role, publish: { camera?: boolean; microphone?: boolean } = {}): void {
    if (role !== 'anchor' && role !== 'audience') {
      throw invalidParameter('role', "'anchor' or 'audience'", role);
    }
    this.requireRoom('switchRole');
    if (!this.session?.liveScene) {
      throw this.wrongState(
        'switchRole',
        "roles exist only in the 'live' and 'voicechatroom' scenes",
      );
    }
    const on = role === 'anchor';
    this.pusher.setLocal({
      role,
      camera: on && flag(publish.camera, 'camera', true),
      microphone: on && flag(publish.microphone, 'microphone', true),
      microphoneMuted: false,
    });
  }

  switchCamera(): Promise<'front' | 'back'> {
    return this.pusher.switchCamera();
  }

  toggleTorch(): Promise<void> {
    return this.pusher.call('toggleTorch', (context) => context.toggleTorch());
  }

  /** Beauty, filter, bitrates, mirror, reverb, waiting image and the other live-pusher settings. */
  setPusherAttributes(patch: Partial<PusherSettings>): PusherAttributes {
    this.pusher.update(validatePusherSettings(patch));
    return this.pusher.attributes;
  }

  snapshot(options: SnapshotOptions = { quality: 'raw' }): Promise<SnapshotResult> {
    return this.pusher.call('snapshot', (context) => context.snapshot(options));
  }

  /** Sends an SEI message inside the video stream (viewers need `enableRecvMessage`). */
  sendSEIMessage(message: string): Promise<void> {
    return settle(() => {
      this.requireRoom('sendSEIMessage');
      return this.pusher.sendSEIMessage(message);
    });
  }

  /** Background music mixed into the published audio. */
  playBGM(url: string): Promise<void> {
    return settle(() => this.pusher.playBGM(url));
  }

  pauseBGM(): Promise<void> {
    return this.pusher.call('pauseBGM', (context) => context.pauseBGM());
  }

  resumeBGM(): Promise<void> {
    return this.pusher.call('resumeBGM', (context) => context.resumeBGM());
  }

  stopBGM(): Promise<void> {
    return this.pusher.call('stopBGM', (context) => context.stopBGM());
  }

  /** 0-1. */
  setBGMVolume(volume: number): Promise<void> {
    return settle(() => this.pusher.setBGMVolume(volume));
  }

  /** Microphone capture volume, 0-1. */
  setMicVolume(volume: number): Promise<void> {
    return settle(() => this.pusher.setMicVolume(volume));
  }

  // ---- remote media -------------------------------------------------------------------------

  subscribeRemoteVideo(userId: string, streamType: 'main' | 'aux' = 'main'): void {
    this.subscribe(userId, streamType, { video: true });
  }

  unsubscribeRemoteVideo(userId: string, streamType: 'main' | 'aux' = 'main'): void {
    this.subscribe(userId, streamType, { video: false });
  }

  /** Remote audio rides the main stream. */
  subscribeRemoteAudio(userId: string): void {
    this.subscribe(userId, 'main', { audio: true });
  }

  unsubscribeRemoteAudio(userId: string): void {
    this.subscribe(userId, 'main', { audio: false });
  }

  /** Switches a user's main video between the big and the small (low-quality) stream. */
  setRemoteVideoQuality(userId: string, quality: VideoQuality): void {
    assertRemoteUserId(userId);
    if (quality !== 'big' && quality !== 'small') {
      throw invalidParameter('quality', "'big' or 'small'", quality);
    }
    this.playerManager.setPreferences(`${userId}_main`, { quality });
    this.recomputePlayers();
  }

  setRemoteViewOptions(
    userId: string,
    streamType: 'main' | 'aux',
    view: { objectFit?: ObjectFit; orientation?: Orientation },
  ): void {
    assertRemoteUserId(userId);
    assertStreamType(streamType);
    const { objectFit, orientation } = view;
    if (objectFit !== undefined && objectFit !== 'contain' && objectFit !== 'fillCrop') {
      throw invalidParameter('objectFit', "'contain' or 'fillCrop'", objectFit);
    }
    if (orientation !== undefined && orientation !== 'vertical' && orientation !== 'horizontal') {
      throw invalidParameter('orientation', "'vertical' or 'horizontal'", orientation);
    }
    const patch = { ...(objectFit && { objectFit }), ...(orientation && { orientation }) };
    this.playerManager.setPreferences(`${userId}_${streamType}`, patch);
    this.recomputePlayers();
  }

  /** Speaker or earpiece for every remote player. */
  setAudioRoute(route: AudioRoute): void {
    if (route !== 'speaker' && route !== 'earpiece') {
      throw invalidParameter('route', "'speaker' or 'earpiece'", route);
    }
    this.playerManager.setAudioRoute(route);
    this.recomputePlayers();
  }

  enterFullscreen(playerId: StreamKey, direction: FullscreenDirection = 90): Promise<void> {
    if (direction !== 0 && direction !== 90 && direction !== -90) {
      return Promise.reject(invalidParameter('direction', '0, 90 or -90', direction));
    }
    return this.native.playerCall(playerId, 'requestFullScreen', (c) =>
      c.requestFullScreen(direction),
    );
  }

  exitFullscreen(playerId: StreamKey): Promise<void> {
    return this.native.playerCall(playerId, 'exitFullScreen', (c) => c.exitFullScreen());
  }

  snapshotRemote(
    playerId: StreamKey,
    options: SnapshotOptions = { quality: 'raw' },
  ): Promise<SnapshotResult> {
    return this.native.playerCall(playerId, 'snapshot', (c) => c.snapshot(options));
  }

  // ---- host lifecycle (called by the component or page) ------------------------------------

  /** The `<live-pusher>` node exists (component `ready`) or went away (`detached`). */
  setPusherReady(ready: boolean): void {
    this.pusherReady = ready;
    this.queue.setGate(PUSHER, ready && this.lifecycle.visible);
  }

  /** A `<live-player>` node is mounted (or unmounted). */
  setPlayerReady(playerId: StreamKey, ready: boolean): void {
    this.native.setPlayerReady(playerId, ready);
  }

  /** Page `onShow`. Owed re-enters (after 5000/5001 or a disconnect in the background) run now. */
  handlePageShow(): void {
    this.lifecycle.setVisible(true);
    this.queue.setGate(PUSHER, this.pusherReady);
  }

  /** Page `onHide`: the pusher is not touched until the page shows again. */
  handlePageHide(): void {
    this.queue.setGate(PUSHER, false);
    this.lifecycle.setVisible(false);
  }

  // ---- native events: wire these to the bind* attributes -----------------------------------

  handlePusherStateChange(detail: unknown): void {
    this.native.pusherStateChange(detail);
  }

  handlePusherError(detail: unknown): void {
    this.native.pusherError(detail);
  }

  handlePusherNetStatus(detail: unknown): void {
    this.native.pusherNetStatus(detail);
  }

  handlePusherAudioVolume(detail: unknown): void {
    this.native.pusherAudioVolume(detail);
  }

  handlePusherBGMStart(): void {
    this.emitter.emit('bgm-started');
  }

  handlePusherBGMProgress(detail: unknown): void {
    this.native.bgmProgress(detail);
  }

  handlePusherBGMComplete(): void {
    this.emitter.emit('bgm-completed');
  }

  handlePlayerStateChange(playerId: StreamKey, detail: unknown): void {
    this.native.playerStateChange(playerId, detail);
  }

  handlePlayerNetStatus(playerId: StreamKey, detail: unknown): void {
    this.native.playerNetStatus(playerId, detail);
  }

  handlePlayerAudioVolume(playerId: StreamKey, detail: unknown): void {
    this.native.playerAudioVolume(playerId, detail);
  }

  handlePlayerFullscreenChange(playerId: StreamKey, detail: unknown): void {
    this.native.playerFullscreenChange(playerId, detail);
  }
}

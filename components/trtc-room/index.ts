// <trtc-room>: the drop-in room. Everything it does lives in src/host (RoomController); this file
// forwards lifetimes, native events and page-called methods.
import {
  ROOM_PROPERTIES,
  attachRoom,
  defineComponent,
  detachRoom,
  emptyTemplateView,
  requireRoom,
  roomOf,
} from '../../src/host';
import type {
  AudioRoute,
  EnterOverrides,
  FullscreenDirection,
  HostEvent,
  ProfileResolver,
  RemoteVideoType,
  Role,
  RoomClient,
  RoomStore,
  SnapshotOptions,
  SnapshotResult,
  StreamKey,
  TraceExportTarget,
  TraceLabel,
  TraceV1,
  VideoQuality,
} from '../../src/host';

defineComponent({
  options: { multipleSlots: true },
  // Classes a page passes for the room, every tile and every badge (room-class="my-room").
  externalClasses: ['room-class', 'tile-class', 'badge-class'],
  properties: ROOM_PROPERTIES,
  data: emptyTemplateView(),
  lifetimes: {
    attached() {
      attachRoom(this);
    },
    detached() {
      detachRoom(this);
    },
  },
  pageLifetimes: {
    show() {
      roomOf(this)?.pageShow();
    },
    hide() {
      roomOf(this)?.pageHide();
    },
  },
  observers: {
    'template, pageSize': function (template: unknown, pageSize: unknown) {
      roomOf(this)?.setTemplate(template, pageSize);
    },
    audioRoute: function (route: unknown) {
      roomOf(this)?.setAudioRoute(route);
    },
    showNetworkQuality: function (show: unknown) {
      roomOf(this)?.setShowNetworkQuality(show);
    },
    showSpeaking: function (show: unknown) {
      roomOf(this)?.setShowSpeaking(show);
    },
    profiles: function (profiles: unknown) {
      roomOf(this)?.setProfiles(profiles);
    },
    'role, scene, resolution, devicePosition, beauty, whiteness, emulator, theme': function () {
      roomOf(this)?.checkProperties();
    },
    'voiceChangerType, customEffect, skinWhiteness, skinSmoothness, faceThinness, eyeBigness':
      function () {
        roomOf(this)?.checkProperties();
      },
    'pictureInPicture, pictureInPicturePosition, pusherPictureInPicture': function () {
      roomOf(this)?.checkProperties();
    },
  },
  methods: {
    // Page-called methods (this.selectComponent('#room').enter()).
    enter(overrides?: EnterOverrides): Promise<void> {
      return requireRoom(this).enter(overrides);
    },
    exit(): Promise<void> {
      return requireRoom(this).exit();
    },
    publishCamera(): Promise<void> {
      return requireRoom(this).publishCamera();
    },
    unpublishCamera(): void {
      requireRoom(this).unpublish('camera');
    },
    publishMicrophone(): Promise<void> {
      return requireRoom(this).publishMicrophone();
    },
    unpublishMicrophone(): void {
      requireRoom(this).unpublish('microphone');
    },
    muteMicrophone(muted: boolean): void {
      requireRoom(this).client.muteMicrophone(muted);
    },
    switchCamera(): Promise<'front' | 'back'> {
      return requireRoom(this).client.switchCamera();
    },
    switchRole(role: Role): Promise<void> {
      return requireRoom(this).switchRole(role);
    },
    subscribeRemoteVideo(userId: string, streamType?: RemoteVideoType): void {
      requireRoom(this).client.subscribeRemoteVideo(userId, streamType);
    },
    unsubscribeRemoteVideo(userId: string, streamType?: RemoteVideoType): void {
      requireRoom(this).client.unsubscribeRemoteVideo(userId, streamType);
    },
    subscribeRemoteAudio(userId: string): void {
      requireRoom(this).client.subscribeRemoteAudio(userId);
    },
    unsubscribeRemoteAudio(userId: string): void {
      requireRoom(this).client.unsubscribeRemoteAudio(userId);
    },
    setRemoteVideoQuality(userId: string, quality: VideoQuality): void {
      requireRoom(this).client.setRemoteVideoQuality(userId, quality);
    },
    setAudioRoute(route: AudioRoute): void {
      requireRoom(this).client.setAudioRoute(route);
    },
    /** Names and avatars the page looks up per user id (sync or async); null removes it. */
    setProfileResolver(resolver: ProfileResolver | null): void {
      requireRoom(this).setProfileResolver(resolver);
    },
    snapshot(options?: SnapshotOptions): Promise<SnapshotResult> {
      return requireRoom(this).client.snapshot(options);
    },
    /** Camera zoom, 1 to getMaxZoom() in steps of 0.1 (base library 2.31.0). */
    setZoom(zoom: number): Promise<void> {
      return requireRoom(this).client.setZoom(zoom);
    },
    getMaxZoom(): Promise<number> {
      return requireRoom(this).client.getMaxZoom();
    },
    playBGM(url: string): Promise<void> {
      return requireRoom(this).client.playBGM(url);
    },
    pauseBGM(): Promise<void> {
      return requireRoom(this).client.pauseBGM();
    },
    resumeBGM(): Promise<void> {
      return requireRoom(this).client.resumeBGM();
    },
    stopBGM(): Promise<void> {
      return requireRoom(this).client.stopBGM();
    },
    setBGMVolume(volume: number): Promise<void> {
      return requireRoom(this).client.setBGMVolume(volume);
    },
    sendSEIMessage(message: string): Promise<void> {
      return requireRoom(this).client.sendSEIMessage(message);
    },
    enterFullscreen(playerId: StreamKey, direction?: FullscreenDirection): Promise<void> {
      return requireRoom(this).client.enterFullscreen(playerId, direction);
    },
    exitFullscreen(playerId: StreamKey): Promise<void> {
      return requireRoom(this).client.exitFullscreen(playerId);
    },
    /** Closes the floating window (picture-in-picture), if one is open. */
    exitPictureInPicture(): Promise<void> {
      return requireRoom(this).client.exitPictureInPicture();
    },
    /** WeChat refuses it for RTC-mode players (trtc-room's): NATIVE_CALL_FAILED says so. */
    requestBackgroundPlayback(playerId: StreamKey): Promise<void> {
      return requireRoom(this).client.requestBackgroundPlayback(playerId);
    },
    exitBackgroundPlayback(playerId: StreamKey): Promise<void> {
      return requireRoom(this).client.exitBackgroundPlayback(playerId);
    },
    /** Casting to a TV (enable-casting): call these from a tap handler, as WeChat requires. */
    startCasting(playerId: StreamKey): Promise<void> {
      return requireRoom(this).client.startCasting(playerId);
    },
    switchCasting(playerId: StreamKey): Promise<void> {
      return requireRoom(this).client.switchCasting(playerId);
    },
    reconnectCasting(playerId: StreamKey): Promise<void> {
      return requireRoom(this).client.reconnectCasting(playerId);
    },
    exitCasting(playerId: StreamKey): Promise<void> {
      return requireRoom(this).client.exitCasting(playerId);
    },
    setPage(page: number): void {
      requireRoom(this).ui.setPage(page);
    },
    getClient(): RoomClient {
      return requireRoom(this).client;
    },
    getStore(): RoomStore {
      return requireRoom(this).store;
    },
    /** The trace recorded with record-trace (docs/traces.md), or null. */
    getTrace(label?: string | TraceLabel): TraceV1 | null {
      return requireRoom(this).getTrace(label);
    },
    /** 'clipboard' | 'file' | 'emulator': resolves with the name, the file's path or the id. */
    exportTrace(to: TraceExportTarget, label?: TraceLabel): Promise<string> {
      return requireRoom(this).exportTrace(to, label);
    },

    // live-pusher events.
    onPusherStateChange(e: HostEvent) {
      roomOf(this)?.client.handlePusherStateChange(e.detail);
    },
    onPusherNetStatus(e: HostEvent) {
      roomOf(this)?.client.handlePusherNetStatus(e.detail);
    },
    onPusherError(e: HostEvent) {
      roomOf(this)?.client.handlePusherError(e.detail);
    },
    onPusherAudioVolume(e: HostEvent) {
      roomOf(this)?.client.handlePusherAudioVolume(e.detail);
    },
    onBgmStart() {
      roomOf(this)?.client.handlePusherBGMStart();
    },
    onBgmProgress(e: HostEvent) {
      roomOf(this)?.client.handlePusherBGMProgress(e.detail);
    },
    onBgmComplete() {
      roomOf(this)?.client.handlePusherBGMComplete();
    },
    onPusherEnterPip() {
      roomOf(this)?.client.handlePictureInPicture('pusher', null, true);
    },
    onPusherLeavePip() {
      roomOf(this)?.client.handlePictureInPicture('pusher', null, false);
    },

    // live-player events: the node id is the player id.
    onPlayerStateChange(e: HostEvent) {
      const room = roomOf(this);
      const id = room?.playerId(e);
      if (id) room?.client.handlePlayerStateChange(id, e.detail);
    },
    onPlayerNetStatus(e: HostEvent) {
      const room = roomOf(this);
      const id = room?.playerId(e);
      if (id) room?.client.handlePlayerNetStatus(id, e.detail);
    },
    onPlayerAudioVolume(e: HostEvent) {
      const room = roomOf(this);
      const id = room?.playerId(e);
      if (id) room?.client.handlePlayerAudioVolume(id, e.detail);
    },
    onPlayerFullscreenChange(e: HostEvent) {
      const room = roomOf(this);
      const id = room?.playerId(e);
      if (id) room?.client.handlePlayerFullscreenChange(id, e.detail);
    },
    onPlayerEnterPip(e: HostEvent) {
      const room = roomOf(this);
      const id = room?.playerId(e);
      if (id) room?.client.handlePictureInPicture('player', id, true);
    },
    onPlayerLeavePip(e: HostEvent) {
      const room = roomOf(this);
      const id = room?.playerId(e);
      if (id) room?.client.handlePictureInPicture('player', id, false);
    },
    onPlayerCasting(e: HostEvent) {
      const room = roomOf(this);
      const id = room?.playerId(e);
      if (id) room?.client.handlePlayerCasting(id, e.type, e.detail);
    },

    // Template chrome.
    onTileTap(e: HostEvent) {
      const { tile, user } = e.currentTarget.dataset;
      if (typeof tile === 'string') {
        roomOf(this)?.tapTile(tile, typeof user === 'string' && user !== '' ? user : null);
      }
    },
    onPrevPage() {
      roomOf(this)?.turnPage(-1);
    },
    onNextPage() {
      roomOf(this)?.turnPage(1);
    },
    onTouchStart(e: HostEvent) {
      const touch = e.changedTouches?.[0];
      if (touch) roomOf(this)?.swipeStart(touch.clientX);
    },
    onTouchEnd(e: HostEvent) {
      const touch = e.changedTouches?.[0];
      if (touch) roomOf(this)?.swipeEnd(touch.clientX);
    },
  },
});

// useTrtcRoom: one room — the native <trtc-room>'s RoomController (client, store, permissions,
// lifecycle, emulator, outward events) driving a React view instead of a component's setData.
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type {
  AudioRoute,
  ConnectionState,
  LocalState,
  Permissions,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
  RoomMirror,
  SnapshotOptions,
  SnapshotResult,
  StreamKey,
} from '../core';
import { RoomController, emptyTemplateView } from '../host';
import type {
  EnterOverrides,
  ProfileResolver,
  Role,
  RoomClient,
  RoomStore,
  RoomTheme,
  RoomView,
  RoomViewPort,
  TraceExportTarget,
  TraceLabel,
  TraceV1,
  TrtcRoomProperties,
} from '../host';
import { eventPropOf } from './events';
import type { TrtcRoomEventProps } from './events';
import { ReactPort } from './react-port';
import { withDefaults } from './hook-options';
import type { TrtcRoomExtras, TrtcRoomOptions } from './hook-options';
import { useStoreSelection } from './store-hooks';
import { checkTaroTarget, createTaroHost, currentPage } from './taro-host';

/** What the handle shows besides the templates' view: updated with it, once per tick. */
interface HandleView {
  readonly connection: ConnectionState;
  readonly local: LocalState;
  readonly permissions: Permissions;
  readonly playerViews: readonly PlayerView[];
}

/** What <TrtcRoom> renders: the template view the native component binds. */
export type RoomViewData = ReturnType<typeof emptyTemplateView> & Partial<RoomView & HandleView>;

type RoomProps = TrtcRoomProperties & TrtcRoomEventProps & TrtcRoomExtras;

export interface TrtcRoomHandle {
  readonly client: RoomClient;
  readonly store: RoomStore;
  readonly roomKey: string;
  /** Native debug panels (the `debug` option). */
  readonly debug: boolean;
  /** The colour theme drawn: the `theme` option, 'dark' for anything but 'light'. */
  readonly theme: RoomTheme;
  readonly state: ConnectionState;
  readonly local: LocalState | undefined;
  readonly permissions: Permissions | undefined;
  /** The live-players of the room: one per remote stream played. */
  readonly players: readonly PlayerView[];
  readonly remoteUsers: readonly RemoteUserInfo[];
  readonly remoteStreams: readonly RemoteStreamInfo[];
  readonly view: RoomViewData;
  enter(overrides?: EnterOverrides): Promise<void>;
  exit(): Promise<void>;
  publishCamera(): Promise<void>;
  unpublishCamera(): void;
  publishMicrophone(): Promise<void>;
  unpublishMicrophone(): void;
  muteMicrophone(muted: boolean): void;
  switchCamera(): Promise<'front' | 'back'>;
  switchRole(role: Role): Promise<void>;
  setAudioRoute(route: AudioRoute): void;
  sendSEIMessage(message: string): Promise<void>;
  snapshot(options?: SnapshotOptions): Promise<SnapshotResult>;
  /** Camera zoom, 1 to getMaxZoom() in steps of 0.1 (base library 2.31.0). */
  setZoom(zoom: number): Promise<void>;
  /** The camera's highest zoom (base library 2.31.0). */
  getMaxZoom(): Promise<number>;
  /** Closes the floating window (picture-in-picture), if one is open. */
  exitPictureInPicture(): Promise<void>;
  /** WeChat refuses it for RTC-mode players (trtc-room's): NATIVE_CALL_FAILED says so. */
  requestBackgroundPlayback(playerId: StreamKey): Promise<void>;
  exitBackgroundPlayback(playerId: StreamKey): Promise<void>;
  /** Casting to a TV (`enableCasting`): call these from a tap handler, as WeChat requires. */
  startCasting(playerId: StreamKey): Promise<void>;
  switchCasting(playerId: StreamKey): Promise<void>;
  reconnectCasting(playerId: StreamKey): Promise<void>;
  exitCasting(playerId: StreamKey): Promise<void>;
  /** Grid: shows page `page` (0-based). */
  setPage(page: number): void;
  /** Names and avatars by user id, asked once per user, sync or async; null removes it. */
  setProfileResolver(resolver: ProfileResolver | null): void;
  /** The trace recorded with the `recordTrace` option (docs/traces.md), or null. */
  getTrace(label?: string | TraceLabel): TraceV1 | null;
  /** 'clipboard' | 'file' | 'emulator': resolves with the name, the file's path or the id. */
  exportTrace(to: TraceExportTarget, label?: TraceLabel): Promise<string>;
  /** The room's template controls, for <TrtcRoom>. */
  readonly controller: RoomController<HandleView>;
}

type Port = ReactPort<RoomProps, RoomView & HandleView, ReturnType<typeof emptyTemplateView>>;

interface Room {
  readonly port: Port;
  readonly controller: RoomController<HandleView>;
  /** The template and page size the controller has (checked and reported) already. */
  layout: { readonly template: unknown; readonly pageSize: unknown };
}

const handleView = (mirror: RoomMirror): HandleView => ({
  connection: mirror.connection,
  local: mirror.local,
  permissions: mirror.permissions,
  playerViews: mirror.players,
});

function createRoom(props: RoomProps): Room {
  checkTaroTarget();
  const port: Port = new ReactPort(props, emptyTemplateView());
  const roomPort: RoomViewPort<HandleView> = {
    props: port.props,
    render: port.render,
    owner: port.owner,
    emit: (name, detail) => {
      const prop = eventPropOf(name);
      const callback = prop === undefined ? undefined : port.props()[prop];
      if (typeof callback === 'function') {
        (callback as (event: { type: string; detail: unknown }) => void)({ type: name, detail });
      }
    },
  };
  const host = createTaroHost(currentPage());
  // Registered and auto-entered once committed: StrictMode's double render throws a room away.
  const controller = new RoomController<HandleView>(roomPort, host, {
    deferAttach: true,
    extra: handleView,
  });
  return { port, controller, layout: { template: props.template, pageSize: props.pageSize } };
}

function handleOf(
  controller: RoomController<HandleView>,
  { roomKey, debug, theme }: Pick<RoomProps, 'roomKey' | 'debug' | 'theme'>,
  view: RoomViewData,
  remoteUsers: readonly RemoteUserInfo[],
  remoteStreams: readonly RemoteStreamInfo[],
): TrtcRoomHandle {
  const client = controller.client;
  return {
    client,
    store: controller.store,
    controller,
    roomKey,
    debug,
    theme: theme === 'light' ? 'light' : 'dark',
    state: view.connection ?? client.getState(),
    local: view.local,
    permissions: view.permissions,
    players: view.playerViews ?? [],
    remoteUsers,
    remoteStreams,
    view,
    enter: (overrides) => controller.enter(overrides),
    exit: () => controller.exit(),
    publishCamera: () => controller.publishCamera(),
    unpublishCamera: () => controller.unpublish('camera'),
    publishMicrophone: () => controller.publishMicrophone(),
    unpublishMicrophone: () => controller.unpublish('microphone'),
    muteMicrophone: (muted) => client.muteMicrophone(muted),
    switchCamera: () => client.switchCamera(),
    switchRole: (role) => controller.switchRole(role),
    setAudioRoute: (route) => client.setAudioRoute(route),
    sendSEIMessage: (message) => client.sendSEIMessage(message),
    snapshot: (options) => client.snapshot(options),
    setZoom: (zoom) => client.setZoom(zoom),
    getMaxZoom: () => client.getMaxZoom(),
    exitPictureInPicture: () => client.exitPictureInPicture(),
    requestBackgroundPlayback: (playerId) => client.requestBackgroundPlayback(playerId),
    exitBackgroundPlayback: (playerId) => client.exitBackgroundPlayback(playerId),
    startCasting: (playerId) => client.startCasting(playerId),
    switchCasting: (playerId) => client.switchCasting(playerId),
    reconnectCasting: (playerId) => client.reconnectCasting(playerId),
    exitCasting: (playerId) => client.exitCasting(playerId),
    setPage: (page) => controller.ui.setPage(page),
    setProfileResolver: (resolver) => controller.setProfileResolver(resolver),
    getTrace: (label) => controller.getTrace(label),
    exportTrace: (to, label) => controller.exportTrace(to, label),
  };
}

/**
 * A TRTC room for this component's lifetime: enter with `handle.enter()` (or `autoEnter`), render
 * it with `<TrtcRoom room={handle} />`. Options are the native <trtc-room>'s properties and
 * on* callbacks; `maxPlayers`, `roomKey`, `enableRecvMessage`, `enableAutoRotation`,
 * `enableCasting`, `pictureInPicture`, `pictureInPicturePosition`, `debug`, `recordTrace` and
 * `traceEntries` are read once, the
 * rest when used (entering reads the ids, `template`, `pageSize` and `audioRoute` apply live).
 */
export function useTrtcRoom(options: TrtcRoomOptions = {}): TrtcRoomHandle {
  const props = withDefaults(options);
  const room = useRef<Room | null>(null);
  const [generation, setGeneration] = useState(0);
  if (room.current === null) room.current = createRoom(props);
  const { port, controller } = room.current;
  port.setProps(props);

  useEffect(() => {
    const current = room.current;
    if (current === null) {
      // Remounted after a cleanup (React StrictMode): start again.
      setGeneration((count) => count + 1);
      return undefined;
    }
    current.controller.attach();
    return () => {
      current.controller.destroy();
      room.current = null;
    };
  }, [generation]);

  const view = useSyncExternalStore(port.subscribe, port.getSnapshot, port.getSnapshot);
  useEffect(() => {
    // The commit is on its way to the page: once Taro's setData landed, the native nodes exist.
    if (port.rendering) Taro.nextTick(() => port.rendered());
  });
  useEffect(() => {
    const current = room.current;
    if (current === null || current.controller !== controller) return;
    const { template, pageSize } = props;
    // The constructor checked (and reported) the first ones: report a bad value once.
    if (current.layout.template === template && current.layout.pageSize === pageSize) return;
    current.layout = { template, pageSize };
    controller.setTemplate(template, pageSize);
  }, [controller, props.template, props.pageSize]);
  useEffect(() => {
    controller.setAudioRoute(props.audioRoute);
  }, [controller, props.audioRoute]);
  useEffect(() => {
    controller.setShowNetworkQuality(props.showNetworkQuality);
  }, [controller, props.showNetworkQuality]);
  useEffect(() => {
    controller.setShowSpeaking(props.showSpeaking);
  }, [controller, props.showSpeaking]);
  useEffect(() => {
    controller.setProfiles(props.profiles);
  }, [controller, props.profiles]);
  const resolveProfile = props.resolveProfile;
  useEffect(() => {
    if (resolveProfile === undefined) return undefined;
    controller.setProfileResolver(resolveProfile);
    return () => {
      controller.setProfileResolver(null);
    };
  }, [controller, resolveProfile]);
  useEffect(() => {
    controller.checkProperties();
  }, [
    controller,
    props.role,
    props.scene,
    props.resolution,
    props.devicePosition,
    props.beauty,
    props.whiteness,
    props.voiceChangerType,
    props.customEffect,
    props.skinWhiteness,
    props.skinSmoothness,
    props.faceThinness,
    props.eyeBigness,
    props.emulator,
    props.theme,
    props.pictureInPicture,
    props.pictureInPicturePosition,
    props.pusherPictureInPicture,
  ]);
  useDidShow(() => controller.pageShow());
  useDidHide(() => controller.pageHide());

  const remoteUsers = useStoreSelection(controller.store, (store) => store.users);
  const remoteStreams = useStoreSelection(controller.store, (store) => store.streams);
  return useMemo(
    () => handleOf(controller, props, view, remoteUsers, remoteStreams),
    [controller, props.roomKey, props.debug, props.theme, view, remoteUsers, remoteStreams],
  );
}

// useTrtcRoom: one room — the native <trtc-room>'s RoomController (client, store, permissions,
// lifecycle, emulator, outward events) driving a React view instead of a component's setData.
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { RoomClient } from '../core/room/room-client';
import type { LocalState, Role } from '../core/room/room-events';
import type {
  AudioRoute,
  ConnectionState,
  Permissions,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
} from '../core/room/types';
import type { SnapshotOptions, SnapshotResult } from '../core/room/adapters';
import type { RoomStore } from '../core/store/room-store';
import { emptyTemplateView } from '../core/store/template-view';
import type { TemplateView } from '../core/store/template-view';
import type { ViewState } from '../core/store/view-patch';
import type { RoomStandIn } from '../host/emulator-view';
import { RoomController } from '../host/room-controller';
import type { RoomComponent } from '../host/room-controller';
import type { ProfileResolver } from '../host/profile-source';
import type { EnterOverrides, RoomTheme, TrtcRoomProperties } from '../host/room-properties';
import { eventPropOf } from './events';
import type { TrtcRoomEventProps } from './events';
import { withDefaults } from './room-options';
import type { TrtcRoomExtras, TrtcRoomOptions } from './room-options';
import { useStoreSelection } from './store-hooks';
import { checkTaroTarget, createTaroHost, currentPage } from './taro-host';
import { ViewShim } from './view-shim';

/** What <TrtcRoom> renders: the template view the native component binds. */
export type RoomViewData = ReturnType<typeof emptyTemplateView> &
  Partial<TemplateView> &
  Partial<HandleView> & { readonly standIns?: Readonly<Record<string, RoomStandIn>> };

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
  /** Grid: shows page `page` (0-based). */
  setPage(page: number): void;
  /** Names and avatars by user id, asked once per user, sync or async; null removes it. */
  setProfileResolver(resolver: ProfileResolver | null): void;
  /** The room's template controls, for <TrtcRoom>. */
  readonly controller: RoomController;
}

type Shim = ViewShim<RoomProps, RoomViewData>;

interface Room {
  readonly shim: Shim;
  readonly controller: RoomController;
  /** The template and page size the controller has (checked and reported) already. */
  layout: { readonly template: unknown; readonly pageSize: unknown };
}

function createRoom(props: RoomProps): Room {
  checkTaroTarget();
  const shim: Shim = new ViewShim('trtc-room/taro', props, emptyTemplateView(), (name, detail) => {
    const prop = eventPropOf(name);
    const callback = prop === undefined ? undefined : shim.data[prop];
    if (typeof callback === 'function') {
      (callback as (event: { type: string; detail: unknown }) => void)({ type: name, detail });
    }
  });
  const host = createTaroHost(currentPage());
  // Registered and auto-entered once committed: StrictMode's double render throws a room away.
  const controller = new RoomController(shim as unknown as RoomComponent, host, {
    deferAttach: true,
    moreView: handleView,
  });
  return { shim, controller, layout: { template: props.template, pageSize: props.pageSize } };
}

/** What the handle shows besides the templates' view: updated with it, once per tick. */
interface HandleView {
  readonly connection: ConnectionState;
  readonly local: LocalState;
  readonly permissions: Permissions;
  readonly playerViews: readonly PlayerView[];
}

const handleView = (store: RoomStore): ViewState =>
  ({
    connection: store.connection,
    local: store.local,
    permissions: store.permissions,
    playerViews: store.players,
  }) satisfies HandleView as unknown as ViewState;

function handleOf(
  controller: RoomController,
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
    setPage: (page) => controller.ui.setPage(page),
    setProfileResolver: (resolver) => controller.setProfileResolver(resolver),
  };
}

/**
 * A TRTC room for this component's lifetime: enter with `handle.enter()` (or `autoEnter`), render
 * it with `<TrtcRoom room={handle} />`. Options are the native <trtc-room>'s properties and
 * on* callbacks; `maxPlayers`, `roomKey`, `enableRecvMessage` and `debug` are read once, the
 * rest when used (entering reads the ids, `template`, `pageSize` and `audioRoute` apply live).
 */
export function useTrtcRoom(options: TrtcRoomOptions = {}): TrtcRoomHandle {
  const props = withDefaults(options);
  const room = useRef<Room | null>(null);
  const [generation, setGeneration] = useState(0);
  if (room.current === null) room.current = createRoom(props);
  const { shim, controller } = room.current;
  shim.setProps(props);

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

  const view = useSyncExternalStore(shim.subscribe, shim.getSnapshot, shim.getSnapshot);
  useEffect(() => {
    // The commit is on its way to the page: once Taro's setData landed, the native nodes exist.
    if (shim.rendering) Taro.nextTick(() => shim.rendered());
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
    props.emulator,
    props.theme,
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

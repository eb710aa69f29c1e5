// The React callback for each <trtc-room> event: one table, so the names cannot drift from the
// native component's (TrtcRoomEventDetails is their single source).
import type { TrtcRoomEvent, TrtcRoomEventName } from '../host';

export const EVENT_PROPS = {
  roomstatechange: 'onRoomStateChange',
  enter: 'onEnter',
  exit: 'onExit',
  kicked: 'onKicked',
  failed: 'onFailed',
  remoteuserjoin: 'onRemoteUserJoin',
  remoteuserleave: 'onRemoteUserLeave',
  remotestreamadd: 'onRemoteStreamAdd',
  remotestreamupdate: 'onRemoteStreamUpdate',
  remotestreamremove: 'onRemoteStreamRemove',
  networkquality: 'onNetworkQuality',
  seireceived: 'onSeiReceived',
  playerfullscreenchange: 'onPlayerFullscreenChange',
  pictureinpicturechange: 'onPictureInPictureChange',
  playercasting: 'onPlayerCasting',
  bgmstart: 'onBgmStart',
  bgmprogress: 'onBgmProgress',
  bgmcomplete: 'onBgmComplete',
  permissiondenied: 'onPermissionDenied',
  tiletap: 'onTileTap',
  error: 'onError',
} as const satisfies Record<TrtcRoomEventName, `on${string}`>;

type EventPropNames = typeof EVENT_PROPS;

/** `onRemoteStreamAdd?: (event: TrtcRoomEvent<'remotestreamadd'>) => void`, and so on. */
export type TrtcRoomEventProps = {
  readonly [K in TrtcRoomEventName as EventPropNames[K]]?: (event: TrtcRoomEvent<K>) => void;
};

export type TrtcRoomEventPropName = keyof TrtcRoomEventProps;

const NAMES = new Map<string, TrtcRoomEventPropName>(
  Object.keys(EVENT_PROPS).map((name) => [name, EVENT_PROPS[name as TrtcRoomEventName]]),
);

/** The callback prop of a triggered event, or undefined for a name <trtc-room> never triggers. */
export function eventPropOf(name: string): TrtcRoomEventPropName | undefined {
  return NAMES.get(name);
}

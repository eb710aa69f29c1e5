// <TrtcPusher> and <TrtcPlayer>: one native node each, for the custom template, fed by the
// <TrtcRoom> around them (or the one registered under `roomKey`), like the native
// <trtc-pusher room-key> / <trtc-player room-key player-id>.
import type { LivePlayerProps, LivePusherProps } from '@tarojs/components';
import { useContext } from 'react';
import { attachPlayer, attachPusher, nodeClient } from '../host/node-components';
import type { PlayerComponent, PusherComponent } from '../host/node-components';
import type { Host } from '../host/host-api';
import type { PusherAttributes } from '../core/room/pusher-attributes';
import type { PlayerView, StreamKey } from '../core/room/types';
import type { StandIn as StandInData } from '../host/emulator-view';
import { PlayerNode, PusherNode } from './live-nodes';
import { RoomContext } from './room-context';
import { StandIn } from './tiles';
import { useNodeShim } from './use-node-shim';
import type { ViewShim } from './view-shim';

/** What <TrtcPusher> / <TrtcPlayer> set on the native node themselves. */
type Managed = 'id' | 'style' | 'debug' | 'children' | `on${string}`;

interface NodeProps {
  /** The room to follow: default the enclosing <TrtcRoom>'s key, else 'default'. */
  readonly roomKey?: string;
  /** Geometry and look of the native node (a string, as in WXML). */
  readonly style?: string;
  readonly debug?: boolean;
}

interface NodeView {
  readonly mounted: boolean;
  readonly standIn: StandInData | null;
}

const attachPusherShim = (shim: ViewShim<object, object>, host: Host): void =>
  attachPusher(shim as unknown as PusherComponent, host);
const attachPlayerShim = (shim: ViewShim<object, object>, host: Host): void =>
  attachPlayer(shim as unknown as PlayerComponent, host);

function useRoomKey(roomKey: string | undefined): string {
  const room = useContext(RoomContext);
  return roomKey ?? room?.roomKey ?? 'default';
}

/** Other Taro <LivePusher> props (waitingImage, pictureInPictureMode, ...) pass through. */
export type TrtcPusherProps = NodeProps &
  Omit<LivePusherProps, keyof PusherAttributes | Managed | 'roomKey'>;

export function TrtcPusher({ roomKey, style = '', debug = false, ...native }: TrtcPusherProps) {
  const key = useRoomKey(roomKey);
  const { shim, view } = useNodeShim<{ roomKey: string }, NodeView & { pusher?: PusherAttributes }>(
    'trtc-pusher/taro',
    { roomKey: key },
    { mounted: false, standIn: null },
    attachPusherShim,
    key,
  );
  if (!view.mounted) return null;
  if (view.standIn !== null) {
    return <StandIn id="trtc-room-pusher" style={style} tile={view.standIn} badge={view.standIn} />;
  }
  if (view.pusher === undefined) return null;
  return (
    <PusherNode
      id="trtc-room-pusher"
      pusher={view.pusher}
      style={style}
      debug={debug}
      client={nodeClient(shim)}
      native={native}
    />
  );
}

/** Other Taro <LivePlayer> props (pictureInPictureMode, referrerPolicy, ...) pass through. */
export type TrtcPlayerProps = NodeProps &
  Omit<LivePlayerProps, keyof PlayerView | Managed | 'roomKey'> & {
    /** `${userId}_main` or `${userId}_aux`: a player id of the room's `players`. */
    readonly playerId: StreamKey | string;
  };

export function TrtcPlayer({
  roomKey,
  playerId,
  style = '',
  debug = false,
  ...native
}: TrtcPlayerProps) {
  const key = useRoomKey(roomKey);
  const { shim, view } = useNodeShim<
    { roomKey: string; playerId: string },
    NodeView & { player: PlayerView | null }
  >(
    'trtc-player/taro',
    { roomKey: key, playerId },
    { mounted: false, player: null, standIn: null },
    attachPlayerShim,
    `${key}\n${playerId}`,
  );
  if (!view.mounted || view.player === null) return null;
  if (view.standIn !== null) {
    return <StandIn id={view.player.id} style={style} tile={view.standIn} badge={view.standIn} />;
  }
  return (
    <PlayerNode
      player={view.player}
      shared={view.player}
      style={style}
      debug={debug}
      client={nodeClient(shim)}
      native={native}
    />
  );
}

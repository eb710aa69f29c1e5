// <TrtcPusher> and <TrtcPlayer>: one native node each, for the custom template, fed by the
// <TrtcRoom> around them (or the one registered under `roomKey`), like the native
// <trtc-pusher room-key> / <trtc-player room-key player-id>.
import type { LivePlayerProps, LivePusherProps } from '@tarojs/components';
import { useContext } from 'react';
import { attachPlayer, attachPusher, nodeClient } from '../host';
import type { PlayerNodeView, PusherNodeView } from '../host';
import type { PlayerView, PusherAttributes, StreamKey } from '../core';
import { PlayerNode, PusherNode } from './live-nodes';
import { RoomContext } from './room-context';
import { StandIn } from './tiles';
import { useNodePort } from './use-node-port';

/** What <TrtcPusher> / <TrtcPlayer> set on the native node themselves. */
type Managed = 'id' | 'style' | 'debug' | 'children' | `on${string}`;

interface NodeProps {
  /** The room to follow: default the enclosing <TrtcRoom>'s key, else 'default'. */
  readonly roomKey?: string;
  /** Geometry and look of the native node (a string, as in WXML). */
  readonly style?: string;
  readonly debug?: boolean;
}

function useRoomKey(roomKey: string | undefined): string {
  const room = useContext(RoomContext);
  return roomKey ?? room?.roomKey ?? 'default';
}

/** Other Taro <LivePusher> props (waitingImage, pictureInPictureMode, ...) pass through. */
export type TrtcPusherProps = NodeProps &
  Omit<LivePusherProps, keyof PusherAttributes | Managed | 'roomKey'>;

export function TrtcPusher({ roomKey, style = '', debug = false, ...native }: TrtcPusherProps) {
  const key = useRoomKey(roomKey);
  const { port, view } = useNodePort<{ roomKey: string }, PusherNodeView>(
    { roomKey: key },
    { mounted: false },
    attachPusher,
    key,
  );
  if (!view.mounted) return null;
  if (view.standIn !== undefined) {
    return <StandIn id="trtc-room-pusher" style={style} tile={view.standIn} badge={view.standIn} />;
  }
  if (view.pusher === undefined) return null;
  return (
    <PusherNode
      id="trtc-room-pusher"
      pusher={view.pusher}
      style={style}
      debug={debug}
      client={nodeClient(port.owner)}
      native={native}
    />
  );
}

/**
 * Other Taro <LivePlayer> props (pictureInPictureMode, referrerPolicy, ...) pass through; the
 * room's `pictureInPicture` wins on the player it offers the floating window.
 */
export type TrtcPlayerProps = NodeProps &
  Omit<LivePlayerProps, Exclude<keyof PlayerView, 'pictureInPictureMode'> | Managed | 'roomKey'> & {
    /** `${userId}_main` or `${userId}_aux`: a player id of the room's `players`. */
    readonly playerId: StreamKey | string;
    /**
     * This player goes full screen when the phone turns to landscape (enable-auto-rotation,
     * base library 2.11.0); the room's `enableAutoRotation` turns it on for every player.
     */
    readonly enableAutoRotation?: boolean;
    /**
     * This player offers casting to a TV (enable-casting, base library 2.32.0); the room's
     * `enableCasting` turns it on for every player. Start it with the room handle's
     * startCasting(playerId) from a tap handler.
     */
    readonly enableCasting?: boolean;
  };

export function TrtcPlayer({
  roomKey,
  playerId,
  style = '',
  debug = false,
  enableAutoRotation = false,
  enableCasting = false,
  ...native
}: TrtcPlayerProps) {
  const key = useRoomKey(roomKey);
  const { port, view } = useNodePort<{ roomKey: string; playerId: string }, PlayerNodeView>(
    { roomKey: key, playerId },
    { mounted: false, player: null },
    attachPlayer,
    `${key}\n${playerId}`,
  );
  if (!view.mounted || view.player === null) return null;
  if (view.standIn !== undefined) {
    return <StandIn id={view.player.id} style={style} tile={view.standIn} badge={view.standIn} />;
  }
  return (
    <PlayerNode
      player={view.player}
      shared={view.player}
      style={style}
      debug={debug}
      autoRotation={enableAutoRotation}
      casting={enableCasting}
      client={nodeClient(port.owner)}
      native={native}
    />
  );
}

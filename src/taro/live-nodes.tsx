// Taro's own <LivePusher> / <LivePlayer>, fed with the client's attributes and wired to the
// client's native event handlers: the same attributes and bindings as components/shared/native.wxml.
// Imported by name from @tarojs/components, so Taro's build adds only these two to its templates.
import { LivePlayer, LivePusher } from '@tarojs/components';
import type { LivePlayerProps, LivePusherProps } from '@tarojs/components';
import { DEFAULT_PUSHER_ATTRIBUTES } from '../core';
import type { PusherNodeAttributes } from '../core';
import type { RoomClient } from '../core';
import type { PlayerNodeAttributes, SharedPlayerAttributes } from '../host';
import { TILE } from './styles';

interface NativeEvent {
  readonly detail?: unknown;
}

/**
 * Attributes Taro 4's templates leave out unless `trtc-room/taro/plugin` adds them (enableEarMonitor,
 * fps, debug and onError on the pusher; muteAudio, muteVideo, enableRecvMessage and debug on the
 * player): Taro's prop types lack them too.
 */
type Extra = Record<string, unknown>;

export interface PusherNodeProps {
  readonly id: string;
  readonly pusher: PusherNodeAttributes;
  readonly style: string;
  readonly debug: boolean;
  /** The client the events go to; undefined drops them (the room went away). */
  readonly client: RoomClient | undefined;
  /** More <LivePusher> props the app sets itself (the client's attributes win). */
  readonly native?: Extra;
}

export function PusherNode({ id, pusher, style, debug, client, native }: PusherNodeProps) {
  // Taro types audioReverbType as a key of its enum object; the engine takes the number. The view
  // leaves out the rarely set attributes at their defaults: Taro is given them whole.
  const attributes = {
    ...DEFAULT_PUSHER_ATTRIBUTES,
    ...pusher,
    debug,
  } as unknown as LivePusherProps & Extra;
  return (
    <LivePusher
      {...native}
      {...attributes}
      id={id}
      style={TILE + style}
      onStateChange={(event: NativeEvent) => client?.handlePusherStateChange(event.detail)}
      onNetStatus={(event: NativeEvent) => client?.handlePusherNetStatus(event.detail)}
      onError={(event: NativeEvent) => client?.handlePusherError(event.detail)}
      onAudioVolumeNotify={(event: NativeEvent) => client?.handlePusherAudioVolume(event.detail)}
      onBgmStart={() => client?.handlePusherBGMStart()}
      onBgmProgress={(event: NativeEvent) => client?.handlePusherBGMProgress(event.detail)}
      onBgmComplete={() => client?.handlePusherBGMComplete()}
      {...pusherPipEvents(client)}
    />
  );
}

/** Taro types the pusher's picture-in-picture events as strings: passed as extra props. */
function pusherPipEvents(client: RoomClient | undefined): Extra {
  return {
    onEnterPictureInPicture: () => client?.handlePictureInPicture('pusher', null, true),
    onLeavePictureInPicture: () => client?.handlePictureInPicture('pusher', null, false),
  };
}

export interface PlayerNodeProps {
  /** The stream's own attributes (a PlayerView, or a tile's: the optional ones when set). */
  readonly player: PlayerNodeAttributes;
  /** The attributes every player of the room shares (a whole PlayerView serves too). */
  readonly shared: SharedPlayerAttributes;
  readonly style: string;
  readonly debug: boolean;
  /** <TrtcPlayer enableAutoRotation>: on top of the stream's own. */
  readonly autoRotation?: boolean;
  /** <TrtcPlayer enableCasting>: on top of the stream's own. */
  readonly casting?: boolean;
  readonly client: RoomClient | undefined;
  /** More <LivePlayer> props the app sets itself (the client's attributes win). */
  readonly native?: Extra;
}

/** picture-in-picture-mode as Taro types it ('' when the player offers no floating window). */
function nativeMode(
  mode: PlayerNodeAttributes['pictureInPictureMode'],
  native: Extra | undefined,
): LivePlayerProps['pictureInPictureMode'] {
  if (mode === undefined || mode === '') {
    // <TrtcPlayer pictureInPictureMode>: the app's own, where the room offers none.
    const own = native?.['pictureInPictureMode'] as LivePlayerProps['pictureInPictureMode'];
    return own ?? '';
  }
  return typeof mode === 'string' ? mode : [...mode];
}

export function PlayerNode(props: PlayerNodeProps) {
  const { player, shared, style, debug, autoRotation, casting, client, native } = props;
  const id = player.id;
  const attributes: LivePlayerProps & Extra = {
    src: player.src,
    mode: 'RTC',
    autoplay: true,
    muteAudio: player.muteAudio,
    muteVideo: player.muteVideo,
    objectFit: player.objectFit,
    orientation: player.orientation,
    enableAutoRotation: player.enableAutoRotation === true || autoRotation === true,
    pictureInPictureMode: nativeMode(player.pictureInPictureMode, native),
    ...(player.pictureInPictureInitPosition === undefined
      ? {}
      : { pictureInPictureInitPosition: player.pictureInPictureInitPosition }),
    enableCasting: player.enableCasting === true || casting === true,
    soundMode: shared.soundMode,
    minCache: shared.minCache,
    maxCache: shared.maxCache,
    enableRecvMessage: shared.enableRecvMessage,
    autoPauseIfNavigate: shared.autoPauseIfNavigate,
    autoPauseIfOpenNative: shared.autoPauseIfOpenNative,
    debug,
  };
  return (
    <LivePlayer
      {...native}
      {...attributes}
      id={id}
      style={TILE + style}
      onStateChange={(event: NativeEvent) => client?.handlePlayerStateChange(id, event.detail)}
      onNetStatus={(event: NativeEvent) => client?.handlePlayerNetStatus(id, event.detail)}
      onAudioVolumeNotify={(event: NativeEvent) =>
        client?.handlePlayerAudioVolume(id, event.detail)
      }
      onFullScreenChange={(event: NativeEvent) =>
        client?.handlePlayerFullscreenChange(id, event.detail)
      }
      onEnterPictureInPicture={() => client?.handlePictureInPicture('player', id, true)}
      onLeavePictureInPicture={() => client?.handlePictureInPicture('player', id, false)}
      onCastingUserSelect={(event: NativeEvent) =>
        client?.handlePlayerCasting(id, 'castinguserselect', event.detail)
      }
      onCastingStateChange={(event: NativeEvent) =>
        client?.handlePlayerCasting(id, 'castingstatechange', event.detail)
      }
      onCastingInterrupt={(event: NativeEvent) =>
        client?.handlePlayerCasting(id, 'castinginterrupt', event.detail)
      }
    />
  );
}

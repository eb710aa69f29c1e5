// <TrtcRoom>: the native <trtc-room>'s templates (1v1, grid, speaker, audio, custom) in React, from
// the same template view; every native node rendered once in a stable order and placed by style.
import { Image, Text, View } from '@tarojs/components';
import type { StandardProps } from '@tarojs/components';
import type { ReactNode } from 'react';
import { LOCAL_TILE } from '../core';
import type { TemplateView } from '../host';
import { MIC_OFF_ICON } from './icons';
import { PlayerNode, PusherNode } from './live-nodes';
import { RoomContext } from './room-context';
import type { TrtcRoomOptions } from './hook-options';
import {
  AUDIO_GRID,
  AUDIO_LABEL,
  AUDIO_MIC_OFF,
  AUDIO_MORE,
  AUDIO_NAME,
  AUDIO_ROOM,
  AUDIO_TILE,
  CHIP_MORE,
  ME,
  PAGER,
  PAGER_DOTS,
  PLACEHOLDER,
  ROOM,
  SPEAKING_RING,
  chevronStyle,
  cssText,
  dotStyle,
  moreStyle,
  overlayStyle,
  pagerArrowStyle,
  stageStyle,
  themeVariables,
} from './styles';
import { Avatar, Badge, QualityBars, Ring, StandIn } from './tiles';
import { useTrtcRoom } from './use-trtc-room';
import type { RoomViewData, TrtcRoomHandle } from './use-trtc-room';

/** Taro's own view props the room's outer <View> takes: `className`, `style`, `id`, `hidden`. */
type ViewProps = Pick<StandardProps, 'className' | 'style' | 'id' | 'hidden'> & {
  /** Drawn over the room; in the custom template, the layout (<TrtcPusher>, <TrtcPlayer>). */
  readonly children?: ReactNode;
};

export type TrtcRoomProps = ViewProps & ({ readonly room: TrtcRoomHandle } | TrtcRoomOptions);

type Overlay = TemplateView['overlays'][number];
type AudioTile = TemplateView['audioTiles'][number];

function OverlayTile({ tile, room }: { tile: Overlay; room: TrtcRoomHandle }) {
  const small = tile.size === 'small';
  return (
    <View
      style={overlayStyle(tile.region, tile.style)}
      data-tile={tile.id}
      data-user={tile.userId}
      data-region={tile.region}
      data-touch="tile"
      onClick={() => room.controller.tapTile(tile.id, tile.userId)}
    >
      {tile.more > 0 ? (
        <View style={moreStyle(small)} data-overflow={tile.more}>
          <Text>+{tile.more}</Text>
        </View>
      ) : (
        <>
          {!tile.camera && !tile.aux ? (
            <View style={PLACEHOLDER}>
              <Avatar tile={tile} size={tile.size} />
            </View>
          ) : null}
          <Badge tile={tile} size={tile.size} />
        </>
      )}
      {tile.speaking ? <View style={SPEAKING_RING} /> : null}
    </View>
  );
}

function AudioRoom({ tiles, room }: { tiles: readonly AudioTile[]; room: TrtcRoomHandle }) {
  return (
    <View style={AUDIO_ROOM}>
      <View style={AUDIO_GRID}>
        {tiles.map((tile) => (
          <View
            key={tile.id}
            style={AUDIO_TILE}
            data-tile={tile.id}
            data-user={tile.userId}
            data-touch="tile"
            onClick={() => room.controller.tapTile(tile.userId, tile.userId)}
          >
            {tile.more > 0 ? (
              <View style={AUDIO_MORE} data-overflow={tile.more}>
                +{tile.more}
              </View>
            ) : (
              <>
                <Ring speaking={tile.speaking}>
                  <Avatar tile={tile} size="audio" />
                  {tile.mic ? null : (
                    <Image style={AUDIO_MIC_OFF} src={MIC_OFF_ICON} aria-label="microphone off" />
                  )}
                </Ring>
                <View style={AUDIO_LABEL}>
                  <Text style={AUDIO_NAME}>{tile.name}</Text>
                  {tile.local ? <Text style={ME}>(me)</Text> : null}
                  <QualityBars quality={tile.quality} />
                </View>
              </>
            )}
          </View>
        ))}
      </View>
    </View>
  );
}

function Pager({ view, room }: { view: RoomViewData; room: TrtcRoomHandle }) {
  const dots: number[] = [];
  for (let page = 0; page < view.pageCount; page += 1) dots.push(page);
  return (
    <View style={PAGER}>
      <View
        style={pagerArrowStyle(view.page === 0)}
        data-touch="pager"
        aria-label="previous page"
        onClick={() => room.controller.turnPage(-1)}
      >
        <View style={chevronStyle(true)} />
      </View>
      <View style={PAGER_DOTS}>
        {dots.map((page) => (
          <View key={page} style={dotStyle(page === view.page)} />
        ))}
      </View>
      <View
        style={pagerArrowStyle(view.page === view.pageCount - 1)}
        data-touch="pager"
        aria-label="next page"
        onClick={() => room.controller.turnPage(1)}
      >
        <View style={chevronStyle(false)} />
      </View>
    </View>
  );
}

/** The x of a touch event's first changed touch. */
function touchX(event: unknown): number | undefined {
  const touches = (event as { changedTouches?: readonly { clientX?: unknown }[] }).changedTouches;
  const x = touches?.[0]?.clientX;
  return typeof x === 'number' ? x : undefined;
}

function RoomView({
  room,
  className,
  style,
  id,
  hidden,
  children,
}: ViewProps & { room: TrtcRoomHandle }) {
  const view = room.view;
  const standIns = view.standIns;
  const debug = room.debug;
  const local = standIns?.[LOCAL_TILE];
  return (
    <RoomContext.Provider value={room}>
      {view.activeTemplate === 'custom' ? null : (
        <View
          id={id}
          hidden={hidden}
          className={className}
          style={themeVariables(room.theme) + ROOM + cssText(style)}
          onTouchStart={(event) => {
            const x = touchX(event);
            if (x !== undefined) room.controller.swipeStart(x);
          }}
          onTouchEnd={(event) => {
            const x = touchX(event);
            if (x !== undefined) room.controller.swipeEnd(x);
          }}
        >
          <View style={stageStyle(view.pageCount > 1)}>
            {view.inRoom && view.pusher !== undefined && view.pusher !== null ? (
              standIns !== undefined && local !== undefined ? (
                <StandIn id="trtc-room-pusher" style={view.pusherStyle} tile={local} />
              ) : standIns === undefined ? (
                <PusherNode
                  id="trtc-room-pusher"
                  pusher={view.pusher}
                  style={view.pusherStyle}
                  debug={debug}
                  client={room.client}
                />
              ) : null
            ) : null}
            {view.players.map((player) => {
              const standIn = standIns?.[player.id];
              const shared = view.playerShared;
              if (standIns !== undefined) {
                return standIn === undefined ? null : (
                  <StandIn key={player.id} id={player.id} style={player.style} tile={standIn} />
                );
              }
              return shared === null ? null : (
                <PlayerNode
                  key={player.id}
                  player={player}
                  shared={shared}
                  style={player.style}
                  debug={debug}
                  client={room.client}
                />
              );
            })}
            {view.overlays.map((tile) => (
              <OverlayTile key={tile.id} tile={tile} room={room} />
            ))}
            {view.overflow > 0 ? (
              <View style={CHIP_MORE} data-overflow={view.overflow}>
                +{view.overflow}
              </View>
            ) : null}
          </View>
          {view.activeTemplate === 'audio' ? (
            <AudioRoom tiles={view.audioTiles} room={room} />
          ) : null}
          {view.activeTemplate === 'grid' && view.pageCount > 1 ? (
            <Pager view={view} room={room} />
          ) : null}
        </View>
      )}
      {children}
    </RoomContext.Provider>
  );
}

function OwnRoom(props: ViewProps & TrtcRoomOptions) {
  const { className, style, id, hidden, children, ...options } = props;
  const room = useTrtcRoom(options);
  return (
    <RoomView room={room} className={className} style={style} id={id} hidden={hidden}>
      {children}
    </RoomView>
  );
}

/**
 * A TRTC room view. With `room` (from useTrtcRoom) it draws that room; otherwise it takes the
 * room's options itself (`<TrtcRoom sdkAppId={..} userId=".." userSig=".." roomId={1} autoEnter />`).
 */
export function TrtcRoom(props: TrtcRoomProps) {
  if ('room' in props && props.room !== undefined) {
    const { room, ...view } = props;
    return <RoomView room={room} {...view} />;
  }
  return <OwnRoom {...(props as ViewProps & TrtcRoomOptions)} />;
}

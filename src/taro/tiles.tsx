// The chrome drawn over and instead of native nodes: a tile's face (avatar image, or the initial on
// the user's colour), its badge (what is off, name, network quality) and the placeholder shown in
// place of a native node while the room talks to a room emulator. components/shared/tile.wxml
// draws the same for the native components.
import { Image, Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import type { NetworkQuality } from '../core';
import type { Identity } from '../host';
import type { TileSize } from '../host';
import { CAMERA_OFF_ICON, MIC_OFF_ICON, SCREEN_ICON } from './icons';
import type { AvatarSize } from './styles';
import {
  AVATAR_IMAGE,
  ME,
  QUALITY,
  SPEAKING_INSET,
  STAND_IN_LABEL,
  avatarStyle,
  badgeStyle,
  barStyle,
  glyphStyle,
  nameStyle,
  ringStyle,
  standInStyle,
} from './styles';

export interface BadgeTile extends Identity {
  readonly local?: boolean;
  readonly aux: boolean;
  readonly mic: boolean;
  readonly camera: boolean;
  readonly quality: NetworkQuality | null;
}

/** Nothing for `null`: the room hides network quality. */
export function QualityBars({ quality }: { readonly quality: NetworkQuality | null }) {
  if (quality === null) return null;
  return (
    <View style={QUALITY} aria-label={`network ${quality}`}>
      <View style={barStyle(quality, 1)} />
      <View style={barStyle(quality, 2)} />
      <View style={barStyle(quality, 3)} />
    </View>
  );
}

function Glyph({
  src,
  label,
  info,
  small,
}: {
  src: string;
  label: string;
  info: boolean;
  small: boolean;
}) {
  return <Image style={glyphStyle(info, small)} src={src} aria-label={label} />;
}

/** Slashed glyphs for what is off (they read without colour), the name, "(me)", the bars. */
export function Badge({
  tile,
  size = 'large',
}: {
  readonly tile: BadgeTile;
  readonly size?: TileSize;
}) {
  const small = size === 'small';
  return (
    <View style={badgeStyle(small)}>
      {tile.aux ? <Glyph src={SCREEN_ICON} label="screen share" info small={small} /> : null}
      {!tile.aux && !tile.mic ? (
        <Glyph src={MIC_OFF_ICON} label="microphone off" info={false} small={small} />
      ) : null}
      {!tile.aux && !tile.camera ? (
        <Glyph src={CAMERA_OFF_ICON} label="camera off" info={false} small={small} />
      ) : null}
      <Text style={nameStyle(small)}>{tile.name}</Text>
      {tile.local && !small ? <Text style={ME}>(me)</Text> : null}
      {small ? null : <QualityBars quality={tile.quality} />}
    </View>
  );
}

export function Avatar({ tile, size }: { readonly tile: Identity; readonly size: AvatarSize }) {
  return (
    <View style={avatarStyle(tile.color, size)}>
      {tile.avatar ? (
        <Image style={AVATAR_IMAGE} src={tile.avatar} mode="aspectFill" />
      ) : (
        <Text style="line-height:1;">{tile.initial}</Text>
      )}
    </View>
  );
}

export function Ring({
  speaking,
  children,
}: {
  readonly speaking: boolean;
  readonly children: ReactNode;
}) {
  return <View style={ringStyle(speaking)}>{children}</View>;
}

export interface StandInTile {
  readonly camera: boolean;
  readonly aux: boolean;
}

export interface StandInProps {
  readonly id: string;
  readonly style: string;
  readonly tile: StandInTile;
  /** Alone (<TrtcPusher>, <TrtcPlayer>): also the avatar, speaking ring and badge. */
  readonly badge?: BadgeTile & { readonly speaking: boolean };
}

/** Painted as video when the camera is on; in <TrtcRoom> the tile's overlay shows the person. */
export function StandIn({ id, style, tile, badge }: StandInProps) {
  const speaking = badge?.speaking === true ? SPEAKING_INSET : '';
  return (
    <View id={id} style={standInStyle(tile.camera, tile.aux) + speaking + style}>
      {badge !== undefined && !tile.camera && !tile.aux ? (
        <Avatar tile={badge} size="large" />
      ) : null}
      <Text style={STAND_IN_LABEL}>emulator</Text>
      {badge === undefined ? null : <Badge tile={badge} />}
    </View>
  );
}

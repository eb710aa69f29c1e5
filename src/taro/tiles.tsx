// The chrome drawn over and instead of native nodes: a tile's badge (name, microphone, camera,
// network quality) and the placeholder shown in place of a native node while the room talks to a
// room emulator. components/shared/tile.wxml draws the same for the native components.
import { Text, View } from '@tarojs/components';
import type { NetworkQuality } from '../core/protocol/netstatus';
import {
  AVATAR,
  BADGE,
  NAME,
  QUALITY,
  STAND_IN_LABEL,
  barStyle,
  iconStyle,
  ringStyle,
  standInStyle,
} from './styles';

export interface BadgeTile {
  readonly userId: string;
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
    <View style={QUALITY}>
      <View style={barStyle(quality, 1)} />
      <View style={barStyle(quality, 2)} />
      <View style={barStyle(quality, 3)} />
    </View>
  );
}

export function Badge({ tile }: { readonly tile: BadgeTile }) {
  const label = `${tile.userId}${tile.local ? ' (me)' : ''}${tile.aux ? ' · screen' : ''}`;
  return (
    <View style={BADGE}>
      <Text style={NAME}>{label}</Text>
      {tile.aux ? null : <View style={iconStyle(tile.mic, true)} />}
      {tile.aux ? null : <View style={iconStyle(tile.camera, false)} />}
      <QualityBars quality={tile.quality} />
    </View>
  );
}

export function Avatar({
  initial,
  speaking,
}: {
  readonly initial: string;
  readonly speaking: boolean;
}) {
  return (
    <View style={ringStyle(speaking)}>
      <View style={AVATAR}>{initial}</View>
    </View>
  );
}

export interface StandInTile {
  readonly initial: string;
  readonly camera: boolean;
  readonly speaking: boolean;
  readonly aux: boolean;
}

export interface StandInProps {
  readonly id: string;
  readonly style: string;
  readonly tile: StandInTile;
  /** Also the badge, where no overlay draws one (<TrtcPusher>, <TrtcPlayer>). */
  readonly badge?: BadgeTile;
}

export function StandIn({ id, style, tile, badge }: StandInProps) {
  return (
    <View id={id} style={standInStyle(tile.camera, tile.aux) + style}>
      <Avatar initial={tile.initial} speaking={tile.speaking} />
      <Text style={STAND_IN_LABEL}>emulator</Text>
      {badge === undefined ? null : <Badge tile={badge} />}
    </View>
  );
}

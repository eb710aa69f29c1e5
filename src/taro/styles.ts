// The look of the native components' tile.wxss / trtc-room index.wxss as inline styles: a library
// stylesheet would need the app's CSS loaders and Taro's px → rpx conversion would resize it.
// Sizes are rpx, which WeChat and QQ read in inline styles too. Colours are the same CSS
// variables, declared on the room's outer view (`themeVariables`), so an app overrides them in
// its `style` as on the native component.
import type { CSSProperties } from 'react';
import type { NetworkQuality } from '../core';
import type { TileRegion, TileSize } from '../host';

const FILL = 'position:absolute;left:0;top:0;right:0;bottom:0;';

const DARK: Readonly<Record<string, string>> = {
  '--trtc-bg': '#0e0f13',
  '--trtc-tile-bg': '#1c1e25',
  '--trtc-text': '#ffffff',
  '--trtc-text-dim': 'rgba(255,255,255,0.72)',
  '--trtc-badge-bg': 'rgba(0,0,0,0.55)',
  '--trtc-glyph-bg': 'rgba(255,69,58,0.92)',
  '--trtc-info-bg': 'rgba(10,132,255,0.92)',
  '--trtc-speaking': '#32d74b',
  '--trtc-bar-on': '#32d74b',
  '--trtc-bar-off': 'rgba(255,255,255,0.3)',
  '--trtc-bar-poor': '#ffd60a',
  '--trtc-bar-bad': '#ff453a',
  '--trtc-avatar-0': '#5b6cf0',
  '--trtc-avatar-1': '#e0598b',
  '--trtc-avatar-2': '#2ba07c',
  '--trtc-avatar-3': '#d9822b',
  '--trtc-avatar-4': '#8d5ad8',
  '--trtc-avatar-5': '#2f8fd8',
  '--trtc-avatar-6': '#c44d4d',
  '--trtc-avatar-7': '#5d8a3a',
};

const LIGHT: Readonly<Record<string, string>> = {
  ...DARK,
  '--trtc-bg': '#f2f3f7',
  '--trtc-tile-bg': '#dfe2ea',
  '--trtc-text': '#15171c',
  '--trtc-text-dim': 'rgba(21,23,28,0.68)',
  '--trtc-badge-bg': 'rgba(255,255,255,0.88)',
  '--trtc-bar-off': 'rgba(21,23,28,0.25)',
  '--trtc-bar-on': '#1a9d3f',
  '--trtc-speaking': '#1a9d3f',
};

/** The theme's CSS variables, as declarations for the room's outer view. */
export function themeVariables(theme: string): string {
  const vars = theme === 'light' ? LIGHT : DARK;
  return Object.keys(vars)
    .map((name) => `${name}:${vars[name]};`)
    .join('');
}

/** A Taro `style` prop (a string, or React's object form) as declarations to append. */
export function cssText(style: string | CSSProperties | undefined): string {
  if (style === undefined) return '';
  if (typeof style === 'string') return style;
  return Object.keys(style)
    .map(
      (key) =>
        `${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}:${String(style[key as keyof CSSProperties])}`,
    )
    .join(';');
}

export const ROOM =
  'position:relative;width:100%;height:100%;overflow:hidden;background:var(--trtc-bg);' +
  'color:var(--trtc-text);';
export const TILE = 'position:absolute;box-sizing:border-box;';

export function stageStyle(paged: boolean): string {
  return `${FILL}${paged ? 'bottom:104rpx;' : ''}`;
}

/** A tile's size, the audio template's, or the call screen's (who is called or calling). */
export type AvatarSize = TileSize | 'audio' | 'call' | 'call-dialing';

const AVATAR_SIZE: Readonly<Record<AvatarSize, [number, number]>> = {
  large: [144, 64],
  medium: [112, 50],
  small: [72, 32],
  audio: [128, 56],
  call: [192, 88],
  'call-dialing': [152, 68],
};

export function avatarStyle(color: number, size: AvatarSize): string {
  const [side, font] = AVATAR_SIZE[size];
  return (
    `position:relative;flex-shrink:0;width:${side}rpx;height:${side}rpx;border-radius:50%;` +
    'overflow:hidden;display:flex;align-items:center;justify-content:center;color:#fff;' +
    `font-size:${font}rpx;font-weight:600;background:var(--trtc-avatar-${color});`
  );
}

export const AVATAR_IMAGE = 'width:100%;height:100%;';
export const PLACEHOLDER =
  `${FILL}display:flex;align-items:center;justify-content:center;` +
  'background:var(--trtc-tile-bg);';

export function badgeStyle(small: boolean): string {
  const [inset, height, pad] = small ? [6, 36, 8] : [8, 44, 12];
  return (
    `position:absolute;left:${inset}rpx;bottom:${inset}rpx;display:flex;align-items:center;` +
    `box-sizing:border-box;max-width:calc(100% - ${inset * 2}rpx);height:${height}rpx;` +
    `padding:0 ${pad}rpx 0 ${pad / 2 + 2}rpx;border-radius:${height / 2}rpx;` +
    'background:var(--trtc-badge-bg);color:var(--trtc-text);'
  );
}

export function nameStyle(small: boolean): string {
  return (
    'flex:0 1 auto;min-width:0;margin-left:4rpx;overflow:hidden;white-space:nowrap;' +
    `text-overflow:ellipsis;font-size:${small ? 20 : 24}rpx;`
  );
}

export const ME = 'flex-shrink:0;margin-left:6rpx;font-size:22rpx;color:var(--trtc-text-dim);';

export function glyphStyle(info: boolean, small: boolean): string {
  const side = small ? 28 : 32;
  return (
    `flex-shrink:0;width:${side}rpx;height:${side}rpx;margin-right:4rpx;padding:4rpx;` +
    'box-sizing:border-box;border-radius:50%;' +
    `background:${info ? 'var(--trtc-info-bg)' : 'var(--trtc-glyph-bg)'};`
  );
}

export const QUALITY =
  'flex-shrink:0;display:flex;align-items:flex-end;height:22rpx;margin-left:10rpx;';

/** The colour of signal bar 1-3 at a network quality. */
function barColor(quality: NetworkQuality, bar: 1 | 2 | 3): string {
  const on = 'var(--trtc-bar-on)';
  const off = 'var(--trtc-bar-off)';
  if (quality === 'excellent') return on;
  if (quality === 'good' || quality === 'fair') return bar < 3 ? on : off;
  if (bar !== 1) return off;
  if (quality === 'poor') return 'var(--trtc-bar-poor)';
  if (quality === 'bad' || quality === 'down') return 'var(--trtc-bar-bad)';
  return off;
}

export function barStyle(quality: NetworkQuality, bar: 1 | 2 | 3): string {
  const height = bar === 1 ? 8 : bar === 2 ? 15 : 22;
  return (
    `width:6rpx;margin-left:3rpx;border-radius:2rpx;height:${height}rpx;` +
    `background:${barColor(quality, bar)};`
  );
}

export function ringStyle(speaking: boolean): string {
  const colour = speaking ? 'var(--trtc-speaking)' : 'transparent';
  return `position:relative;padding:6rpx;border:6rpx solid ${colour};border-radius:50%;`;
}

const OVERLAY_BY_REGION: Readonly<Record<TileRegion, string>> = {
  main: '',
  pip: 'z-index:6;border:3rpx solid rgba(255,255,255,0.75);border-radius:16rpx;',
  cell: 'border:2rpx solid var(--trtc-bg);',
  strip: 'border:2rpx solid var(--trtc-bg);',
  parked: 'display:none;',
};

/** Who speaks: a ring over the tile's video or avatar (an element of its own, on top). */
export const SPEAKING_RING =
  `${FILL}border:6rpx solid var(--trtc-speaking);border-radius:inherit;box-sizing:border-box;` +
  'pointer-events:none;';

/** A placeholder alone (<TrtcPusher>, <TrtcPlayer>) whose user speaks. */
export const SPEAKING_INSET = 'box-shadow:inset 0 0 0 6rpx var(--trtc-speaking);';

/** An overlay: the region's look, then `place` (the tile's box and z-index). */
export function overlayStyle(region: TileRegion, place: string): string {
  return `${TILE}z-index:5;overflow:hidden;${OVERLAY_BY_REGION[region]}${place}`;
}

export function moreStyle(small: boolean): string {
  return `${PLACEHOLDER}font-size:${small ? 32 : 44}rpx;font-weight:600;`;
}

export const CHIP_MORE =
  'position:absolute;left:16rpx;top:16rpx;z-index:7;min-width:72rpx;height:48rpx;' +
  'padding:0 16rpx;box-sizing:border-box;border-radius:24rpx;background:var(--trtc-badge-bg);' +
  'font-size:26rpx;line-height:48rpx;text-align:center;';

export const AUDIO_ROOM =
  `${FILL}z-index:5;display:flex;flex-direction:column;padding:40rpx 16rpx;` +
  'box-sizing:border-box;overflow-y:auto;background:var(--trtc-bg);';
/** Centred while it fits (auto margins), scrolled from the top when it does not. */
export const AUDIO_GRID = 'display:flex;flex-wrap:wrap;flex-shrink:0;margin:auto 0;';
export const AUDIO_TILE =
  'display:flex;flex-direction:column;align-items:center;box-sizing:border-box;width:33.33%;' +
  'min-height:88rpx;padding:0 8rpx;margin-bottom:36rpx;';
export const AUDIO_MIC_OFF =
  'position:absolute;right:0;bottom:0;width:40rpx;height:40rpx;padding:6rpx;' +
  'box-sizing:border-box;border-radius:50%;background:var(--trtc-glyph-bg);';
export const AUDIO_LABEL =
  'display:flex;align-items:center;justify-content:center;max-width:100%;margin-top:12rpx;' +
  'height:36rpx;';
export const AUDIO_NAME =
  'min-width:0;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;font-size:24rpx;';
export const AUDIO_MORE =
  'display:flex;align-items:center;justify-content:center;width:152rpx;height:152rpx;' +
  'border-radius:50%;background:var(--trtc-tile-bg);font-size:44rpx;font-weight:600;';

export const PAGER =
  'position:absolute;left:0;right:0;bottom:0;z-index:7;height:104rpx;display:flex;' +
  'align-items:center;justify-content:center;background:var(--trtc-bg);';
export const PAGER_DOTS = 'display:flex;align-items:center;margin:0 16rpx;';

/** 88 rpx: a 44 pt target. */
export function pagerArrowStyle(disabled: boolean): string {
  return (
    'display:flex;align-items:center;justify-content:center;width:88rpx;height:88rpx;' +
    `border-radius:44rpx;${disabled ? 'opacity:0.3;' : ''}`
  );
}

export function chevronStyle(left: boolean): string {
  return (
    'width:20rpx;height:20rpx;border-top:4rpx solid var(--trtc-text);' +
    'border-right:4rpx solid var(--trtc-text);' +
    (left
      ? 'transform:rotate(-135deg);margin-left:8rpx;'
      : 'transform:rotate(45deg);margin-right:8rpx;')
  );
}

export function dotStyle(current: boolean): string {
  return current
    ? 'width:28rpx;height:14rpx;margin:0 8rpx;border-radius:7rpx;background:var(--trtc-text);'
    : 'width:14rpx;height:14rpx;margin:0 8rpx;border-radius:50%;background:var(--trtc-bar-off);';
}

export const STAND_IN_LABEL =
  'position:absolute;right:8rpx;top:8rpx;padding:2rpx 10rpx;border-radius:8rpx;' +
  'background:rgba(0,0,0,0.35);color:rgba(255,255,255,0.7);font-size:18rpx;';

export function standInStyle(camera: boolean, aux: boolean): string {
  const background = aux
    ? 'repeating-linear-gradient(45deg,#1f2330 0,#1f2330 16rpx,#262b3a 16rpx,#262b3a 32rpx)'
    : camera
      ? 'linear-gradient(135deg,#24476b 0%,#1e6b5c 100%)'
      : 'var(--trtc-tile-bg)';
  return (
    `${TILE}display:flex;align-items:center;justify-content:center;overflow:hidden;` +
    `background:${background};`
  );
}

// The look of the native components' tile.wxss / trtc-room index.wxss as inline styles: a library
// stylesheet would need the app's CSS loaders and Taro's px → rpx conversion would resize it.
// Sizes are rpx, which WeChat and QQ read in inline styles too.
import type { NetworkQuality } from '../core/protocol/netstatus';
import type { TileRegion } from '../core/store/tile-places';

const FILL = 'position:absolute;left:0;top:0;right:0;bottom:0;';

export const ROOM = 'position:relative;width:100%;height:100%;overflow:hidden;background:#111;';
export const TILE = 'position:absolute;box-sizing:border-box;';
export const AVATAR =
  'width:120rpx;height:120rpx;border-radius:50%;background:#3a6ff7;color:#fff;' +
  'font-size:56rpx;line-height:120rpx;text-align:center;';
export const PLACEHOLDER = `${FILL}display:flex;align-items:center;justify-content:center;background:#2b2b2b;`;
export const BADGE =
  'position:absolute;left:8rpx;bottom:8rpx;display:flex;align-items:center;max-width:90%;' +
  'padding:4rpx 12rpx;border-radius:20rpx;background:rgba(0,0,0,0.45);';
export const NAME =
  'color:#fff;font-size:22rpx;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;';
export const QUALITY = 'display:flex;align-items:flex-end;height:20rpx;margin-left:10rpx;';
export const AUDIO_ROOM =
  `${FILL}z-index:5;display:flex;flex-wrap:wrap;align-content:flex-start;` +
  'padding:40rpx 20rpx;background:#1c1c24;';
export const AUDIO_TILE =
  'display:flex;flex-direction:column;align-items:center;width:25%;margin-bottom:36rpx;';
export const PAGER =
  'position:absolute;left:0;right:0;bottom:16rpx;z-index:7;display:flex;align-items:center;' +
  'justify-content:center;';
export const PAGER_ARROW = 'padding:0 24rpx;color:#fff;font-size:40rpx;';
export const STAND_IN_LABEL =
  'position:absolute;right:8rpx;top:8rpx;padding:2rpx 10rpx;border-radius:8rpx;' +
  'background:rgba(0,0,0,0.35);color:rgba(255,255,255,0.7);font-size:18rpx;';

const OVERLAY_BY_REGION: Readonly<Record<TileRegion, string>> = {
  main: '',
  pip: 'z-index:6;border:2rpx solid rgba(255,255,255,0.6);border-radius:12rpx;',
  cell: 'border:1rpx solid #000;',
  strip: 'border:1rpx solid #000;',
  parked: 'display:none;',
};

/** An overlay: `place` (the tile's left/top/size/z-index) after the region's look. */
export function overlayStyle(region: TileRegion, place: string): string {
  return `${TILE}z-index:5;${OVERLAY_BY_REGION[region]}${place}`;
}

export function iconStyle(on: boolean, round: boolean): string {
  return (
    `width:16rpx;height:16rpx;margin-left:10rpx;border-radius:${round ? 8 : 4}rpx;` +
    `background:${on ? '#35c759' : '#ff3b30'};`
  );
}

const GREEN = '#35c759';
const DIM = 'rgba(255,255,255,0.3)';

/** The colour of signal bar 1-3 at a network quality. */
export function barColor(quality: NetworkQuality, bar: 1 | 2 | 3): string {
  if (quality === 'excellent') return GREEN;
  if (quality === 'good' || quality === 'fair') return bar < 3 ? GREEN : DIM;
  if (bar !== 1) return DIM;
  if (quality === 'poor') return '#ffcc00';
  if (quality === 'bad' || quality === 'down') return '#ff3b30';
  return DIM;
}

export function barStyle(quality: NetworkQuality, bar: 1 | 2 | 3): string {
  const height = bar === 1 ? 7 : bar === 2 ? 13 : 20;
  return `width:5rpx;margin-left:2rpx;height:${height}rpx;background:${barColor(quality, bar)};`;
}

export function ringStyle(speaking: boolean): string {
  return `padding:6rpx;border:4rpx solid ${speaking ? GREEN : 'transparent'};border-radius:50%;`;
}

export function standInStyle(camera: boolean, aux: boolean): string {
  const background = aux
    ? 'repeating-linear-gradient(45deg,#1f2330 0,#1f2330 16rpx,#262b3a 16rpx,#262b3a 32rpx)'
    : camera
      ? 'linear-gradient(135deg,#24476b 0%,#1e6b5c 100%)'
      : '#2b2b2b';
  return (
    `${TILE}display:flex;align-items:center;justify-content:center;overflow:hidden;` +
    `background:${background};`
  );
}

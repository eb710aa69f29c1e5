// A react-test-renderer tree of trtc-room/taro (the fake @tarojs/components' host elements <view>,
// <text>, <image>, <live-pusher>, <live-player>) frozen into the pixels snapshot of
// test/fakes/pixels, so Taro views are drawn in Chromium as the native components are: the same
// built-in tag styles (wx-view, wx-image...), the same rpx rule for the inline styles, the same
// painted stand-in for native video. Taro's views carry all their look inline, so no stylesheet
// applies.
//
//   const snap = taroSnapshot(renderer);                 // before unmounting
//   const shot = await pixels.shoot(snap, PHONE, { name: 'taro-call-incoming' });
import type { ReactTestRenderer, ReactTestRendererJSON } from 'react-test-renderer';
import type { SnapElement, SnapNode, Snapshot } from '../pixels';

/** The fake components' host elements, as WeChat's DOM names them. */
const TAGS: Readonly<Record<string, string>> = {
  view: 'wx-view',
  text: 'wx-text',
  image: 'wx-image',
  'live-pusher': 'wx-live-pusher',
  'live-player': 'wx-live-player',
};

/** React props that are template attributes WeChat sees (the rest are handlers, Taro's own). */
function attributesOf(
  type: string,
  props: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'id' || name.startsWith('data-') || name.startsWith('aria-')) {
      attrs[name] = value === true ? '' : String(value);
    }
  }
  if (props['hidden'] === true) attrs['hidden'] = '';
  if (type === 'image') {
    if (typeof props['src'] === 'string') attrs['src'] = props['src'];
    if (typeof props['mode'] === 'string') attrs['mode'] = props['mode'];
  }
  if (type === 'live-pusher') attrs['enable-camera'] = String(props['enableCamera'] !== false);
  if (type === 'live-player') attrs['mute-video'] = String(props['muteVideo'] === true);
  return attrs;
}

function freeze(node: ReactTestRendererJSON | string): SnapNode {
  if (typeof node === 'string') return node;
  const tag = TAGS[node.type];
  if (tag === undefined) throw new Error(`taroSnapshot: no WeChat tag for <${node.type}>`);
  const style = node.props['style'];
  return {
    tag,
    attrs: attributesOf(node.type, node.props),
    style: typeof style === 'string' ? style : '',
    children: (node.children ?? []).map(freeze),
  };
}

/** The rendered page, in a root <view> that fills the screen as a Taro page's root does. */
export function taroSnapshot(renderer: ReactTestRenderer): Snapshot {
  const json = renderer.toJSON();
  const nodes = json === null ? [] : Array.isArray(json) ? json : [json];
  const root: SnapElement = {
    tag: 'wx-view',
    attrs: { 'data-taro-page': '' },
    style: '',
    children: nodes.map(freeze),
  };
  return { root, styles: [], page: false };
}

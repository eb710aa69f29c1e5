// @tarojs/components for trtc-room/taro in Jest (jest.config.js maps the package here). In a
// mini-program Taro's components are host elements of its reconciler; here they are host elements
// of react-test-renderer, so a test finds them by type and fires native events by calling their
// props:
//
//   const [pusher] = renderer.root.findAllByType('live-pusher');
//   act(() => pusher.props.onStateChange({ detail: { code: 1018, message: 'ok' } }));
//
// The library is type-checked against the real package; only the prop types it imports are
// re-exported (from the real package, so `tsc -p test` sees the same types either way).
export type {
  ButtonProps,
  ImageProps,
  LivePlayerProps,
  LivePusherProps,
  TextProps,
  ViewProps,
} from '@tarojs/components';

export const LivePusher = 'live-pusher';
export const LivePlayer = 'live-player';
export const View = 'view';
export const Text = 'text';
export const Image = 'image';
/** Not used by the library: for the pages of docs/taro.md's examples (taro-call-doc.test.tsx). */
export const Button = 'button';

// The demo's Taro build config. `trtc-room/taro/plugin` adds the <live-pusher> / <live-player>
// attributes Taro 4 leaves out (muteAudio, enableRecvMessage, onError on the pusher, ...).
import { defineConfig } from '@tarojs/cli';
import { demoConfig } from './demo-config';

export default defineConfig<'webpack5'>({
  projectName: 'trtc-room-taro-demo',
  designWidth: 750,
  deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: process.env.TRTC_TARO_OUT ?? `dist/${process.env.TARO_ENV ?? 'weapp'}`,
  framework: 'react',
  compiler: 'webpack5',
  plugins: ['@tarojs/plugin-platform-qq', 'trtc-room/taro/plugin'],
  defineConstants: { TRTC_DEMO_CONFIG: JSON.stringify(demoConfig(process.env)) },
  mini: {},
});

// Run-time half of trtc-room/taro/plugin (index.js adds it to Taro's runtimePath): Taro's runtime
// learns the extra <live-pusher> / <live-player> attributes, so their React props get the aliases
// base.wxml reads. Runs before the first render, after the platform's own runtime.
import { mergeInternalComponents } from '@tarojs/shared';
import attributes from './native-attributes.json';

mergeInternalComponents(JSON.parse(JSON.stringify(attributes)));

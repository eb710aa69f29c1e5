// The room page lives in an independent subpackage: Taro builds it with its own base.wxml, so
// <live-pusher> / <live-player> appear only in the room's templates, never in the main package's.
export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [{ root: 'room', pages: ['index'], independent: true }],
  window: {
    navigationBarTitleText: 'trtc-room Taro demo',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
  },
});

// The room page and the call page live in an independent subpackage: Taro builds it with its own
// base.wxml, so <live-pusher> / <live-player> appear only in that package's templates, never in
// the main package's. (<TrtcCall> draws the call on a <TrtcRoom>, so the call page needs them too.)
export default defineAppConfig({
  pages: ['pages/index/index'],
  subPackages: [{ root: 'room', pages: ['index', 'call'], independent: true }],
  window: {
    navigationBarTitleText: 'trtc-room Taro demo',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTextStyle: 'black',
  },
});

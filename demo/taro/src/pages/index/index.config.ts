export default definePageConfig({ navigationBarTitleText: 'trtc-room Taro demo' });

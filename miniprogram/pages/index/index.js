// The demo's shell: proves the package loads from miniprogram_npm and shows the room URL it would
// hand to <live-pusher>. Room pages arrive with the components and the emulator.
const { buildPusherUrl, parsePusherUrl, isTrtcError } = require('trtc-room');

const sample = {
  sdkAppId: 1400000000,
  strRoomId: 'demo-room',
  userId: 'demo_user',
  userSig: 'sig',
};

Page({
  data: { url: '', fields: [], error: '' },

  onLoad() {
    try {
      const url = buildPusherUrl(sample);
      const parsed = parsePusherUrl(url);
      const fields = Object.keys(parsed)
        .filter((key) => key !== 'extra' && key !== 'userSig')
        .map((key) => ({ key, value: String(parsed[key]) }));
      this.setData({ url, fields });
    } catch (error) {
      this.setData({
        error: isTrtcError(error) ? `${error.code}: ${error.message}` : String(error),
      });
    }
  },
});

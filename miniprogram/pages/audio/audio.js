// The audio room: the audio layout (avatars, names, microphone state and a ring while speaking,
// all drawn by <trtc-room>). From a call it is an audio call; from live, a voice chat room where
// listeners take the microphone by switching role.
const { roomPage } = require('../../utils/room-page.js');

Page(
  roomPage({
    scene: (room) => (room.scene === 'live' ? 'voicechatroom' : 'audiocall'),
    controls: (data) => {
      const ids = data.role === 'anchor' ? ['mic', 'audio-route'] : ['audio-route'];
      if (data.scene === 'voicechatroom') ids.push('role');
      ids.push('leave');
      return ids;
    },
  }),
);

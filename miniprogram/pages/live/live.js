// Live streaming: anchors publish, the audience only watches; either can switch role in the room.
const { roomPage } = require('../../utils/room-page.js');

const ANCHOR_CONTROLS = [
  'mic',
  'camera',
  'switch-camera',
  'beauty',
  'audio-route',
  'role',
  'leave',
];
const AUDIENCE_CONTROLS = ['audio-route', 'role', 'leave'];

Page(
  roomPage({
    scene: () => 'live',
    controls: (data) => (data.role === 'anchor' ? ANCHOR_CONTROLS : AUDIENCE_CONTROLS),
  }),
);

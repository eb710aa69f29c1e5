// The video call: everyone publishes, in the 1v1, grid or speaker layout picked on the entry page.
const { roomPage } = require('../../utils/room-page.js');

const CONTROLS = ['mic', 'camera', 'switch-camera', 'audio-route', 'beauty', 'leave'];

Page(roomPage({ scene: () => 'rtc', controls: () => CONTROLS }));

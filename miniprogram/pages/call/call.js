// The video call: everyone publishes, in the 1v1, grid or speaker layout picked on the entry page.
// Leaving the page for another one keeps the other person's video in a floating window
// (picture-in-picture="push"), and the call runs on meanwhile.
const { roomPage } = require('../../utils/room-page.js');

const CONTROLS = ['mic', 'camera', 'switch-camera', 'audio-route', 'beauty', 'leave'];

Page(roomPage({ scene: () => 'rtc', controls: () => CONTROLS }));

// Live streaming: anchors publish, the audience only watches; either can switch role in the room.
const { roomPage } = require('../../utils/room-page.js');

Page(roomPage({ scene: () => 'live' }));

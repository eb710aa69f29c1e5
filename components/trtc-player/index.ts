// <trtc-player room-key="..." player-id="alice_main">: one remote <live-player> for custom layouts.
// Its attributes come from the <trtc-room> of the same room-key (the player id is one of the
// store's `players`); every native event goes to that room's client.
import {
  attachPlayer,
  componentPort,
  boundPlayerId,
  defineComponent,
  detachNode,
  isNodeAttached,
  nodeClient,
} from '../../src/host';
import type { HostEvent } from '../../src/host';

defineComponent({
  properties: {
    roomKey: { type: String, value: 'default' },
    /** `${userId}_main` or `${userId}_aux`, as in the store's players. */
    playerId: { type: String, value: '' },
    debug: { type: Boolean, value: false },
    /**
     * This player goes full screen when the phone turns to landscape (live-player
     * enable-auto-rotation, base library 2.11.0); <trtc-room enable-auto-rotation> turns it on
     * for every player of the room.
     */
    enableAutoRotation: { type: Boolean, value: false },
    /**
     * This player offers casting to a TV (live-player enable-casting, base library 2.32.0);
     * <trtc-room enable-casting> turns it on for every player. Start it with the room's
     * startCasting(playerId) from a tap handler.
     */
    enableCasting: { type: Boolean, value: false },
  },
  data: {
    mounted: false,
    player: null as Record<string, unknown> | null,
    /** The placeholder shown instead of <live-player> while the room talks to an emulator. */
    standIn: null as Record<string, unknown> | null,
  },
  lifetimes: {
    attached() {
      attachPlayer(componentPort(this));
    },
    detached() {
      detachNode(this);
    },
  },
  observers: {
    'roomKey, playerId': function () {
      if (isNodeAttached(this)) attachPlayer(componentPort(this));
    },
  },
  methods: {
    onPlayerStateChange(e: HostEvent) {
      const id = boundPlayerId(this);
      if (id !== null) nodeClient(this)?.handlePlayerStateChange(id, e.detail);
    },
    onPlayerNetStatus(e: HostEvent) {
      const id = boundPlayerId(this);
      if (id !== null) nodeClient(this)?.handlePlayerNetStatus(id, e.detail);
    },
    onPlayerAudioVolume(e: HostEvent) {
      const id = boundPlayerId(this);
      if (id !== null) nodeClient(this)?.handlePlayerAudioVolume(id, e.detail);
    },
    onPlayerFullscreenChange(e: HostEvent) {
      const id = boundPlayerId(this);
      if (id !== null) nodeClient(this)?.handlePlayerFullscreenChange(id, e.detail);
    },
    onPlayerEnterPip() {
      const id = boundPlayerId(this);
      if (id !== null) nodeClient(this)?.handlePictureInPicture('player', id, true);
    },
    onPlayerLeavePip() {
      const id = boundPlayerId(this);
      if (id !== null) nodeClient(this)?.handlePictureInPicture('player', id, false);
    },
    onPlayerCasting(e: HostEvent) {
      const id = boundPlayerId(this);
      if (id !== null) nodeClient(this)?.handlePlayerCasting(id, e.type, e.detail);
    },
  },
});

// <trtc-pusher room-key="...">: the local <live-pusher> for custom layouts. Its attributes come from
// the <trtc-room> of the same room-key; every native event goes to that room's client.
import {
  attachPusher,
  componentPort,
  defineComponent,
  detachNode,
  isNodeAttached,
  nodeClient,
} from '../../src/host';
import type { HostEvent } from '../../src/host';

defineComponent({
  properties: {
    roomKey: { type: String, value: 'default' },
    debug: { type: Boolean, value: false },
  },
  data: {
    mounted: false,
    pusher: null as Record<string, unknown> | null,
    /** The placeholder shown instead of <live-pusher> while the room talks to an emulator. */
    standIn: null as Record<string, unknown> | null,
  },
  lifetimes: {
    attached() {
      attachPusher(componentPort(this));
    },
    detached() {
      detachNode(this);
    },
  },
  observers: {
    roomKey: function () {
      if (isNodeAttached(this)) attachPusher(componentPort(this));
    },
  },
  methods: {
    onPusherStateChange(e: HostEvent) {
      nodeClient(this)?.handlePusherStateChange(e.detail);
    },
    onPusherNetStatus(e: HostEvent) {
      nodeClient(this)?.handlePusherNetStatus(e.detail);
    },
    onPusherError(e: HostEvent) {
      nodeClient(this)?.handlePusherError(e.detail);
    },
    onPusherAudioVolume(e: HostEvent) {
      nodeClient(this)?.handlePusherAudioVolume(e.detail);
    },
    onBgmStart() {
      nodeClient(this)?.handlePusherBGMStart();
    },
    onBgmProgress(e: HostEvent) {
      nodeClient(this)?.handlePusherBGMProgress(e.detail);
    },
    onBgmComplete() {
      nodeClient(this)?.handlePusherBGMComplete();
    },
    onPusherEnterPip() {
      nodeClient(this)?.handlePictureInPicture('pusher', null, true);
    },
    onPusherLeavePip() {
      nodeClient(this)?.handlePictureInPicture('pusher', null, false);
    },
  },
});

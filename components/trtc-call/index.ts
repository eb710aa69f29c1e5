// <trtc-call>: the call screen of the app's call manager (trtc-room/call). Everything it does lives
// in src/host/call (CallScreen); this file forwards lifetimes, taps and page-called methods.
import {
  EMPTY_CALL_SCREEN,
  attachCallScreen,
  callScreenOf,
  defineComponent,
  detachCallScreen,
  requireCallScreen,
} from '../../src/host';

defineComponent({
  externalClasses: ['call-class'],
  properties: {
    /** Names and avatars by user id: `{ bob: { name: 'Bob', avatar: 'https://…' } }`. */
    profiles: { type: Object, value: {} },
    /** 'dark' (the default) or 'light'. */
    theme: { type: String, value: 'dark' },
    /**
     * WeChat's floating window for the call when its page is left (the call room's
     * picture-in-picture, base library 2.10.3): '', 'push', 'pop' or 'push pop'. Read when the
     * call's room appears.
     */
    pictureInPicture: { type: String, value: '' },
  },
  data: EMPTY_CALL_SCREEN,
  lifetimes: {
    attached() {
      attachCallScreen(this).setProfiles(this.data.profiles);
    },
    detached() {
      detachCallScreen(this);
    },
  },
  observers: {
    profiles: function (profiles: unknown) {
      callScreenOf(this)?.setProfiles(profiles);
    },
  },
  methods: {
    // Page-called methods (this.selectComponent('#call').accept()).
    accept(): void {
      requireCallScreen(this).accept();
    },
    decline(): void {
      requireCallScreen(this).decline();
    },
    hangup(): void {
      requireCallScreen(this).hangup();
    },

    onAccept() {
      callScreenOf(this)?.accept();
    },
    onDecline() {
      callScreenOf(this)?.decline();
    },
    onHangup() {
      callScreenOf(this)?.hangup();
    },
    onToggleMic() {
      callScreenOf(this)?.toggleMic();
    },
    onToggleCamera() {
      callScreenOf(this)?.toggleCamera();
    },
    onSwitchCamera() {
      callScreenOf(this)?.switchCamera();
    },
    onToggleSpeaker() {
      callScreenOf(this)?.toggleSpeaker();
    },
    onSwitchToAudio() {
      callScreenOf(this)?.switchToAudio();
    },
  },
});

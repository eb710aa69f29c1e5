// What the three room pages share: reading the query and the config, signing the test UserSig,
// entering with <trtc-room id="room">, following its state and problems, the control bar
// (utils/controls.js), and going back to the entry page. Each page passes its TRTC scene and
// the controls it shows.
const { METHODS, controlsFor } = require('./controls.js');
const { messageOf, roomCredentials } = require('./credentials.js');
const { parseRoomQuery } = require('./entry.js');

const STATE_LABELS = {
  idle: 'Not connected',
  entering: 'Connecting…',
  joined: 'In the room',
  reconnecting: 'Reconnecting…',
  leaving: 'Leaving…',
  left: 'Left the room',
  kicked: 'Removed from the room',
  failed: 'Could not stay in the room',
};

const BEAUTY_ON = { beauty: 6, whiteness: 3 };

function describeFailure(reason) {
  if (!reason) return 'The room failed.';
  switch (reason.kind) {
    case 'enter-failed':
      return `Could not enter the room (${reason.code}${reason.message ? `: ${reason.message}` : ''}).`;
    case 'enter-timeout':
      return 'The room did not answer in time. Is the emulator (npm start) or the network up?';
    case 'user-sig-invalid':
      return reason.diagnosis && reason.diagnosis.problem !== 'none'
        ? `The UserSig was refused: ${reason.diagnosis.message}`
        : 'The UserSig was refused: was it signed with the secret key of this SDKAppID?';
    case 'reconnect-exhausted':
      return `The connection was lost (${reason.attempts} attempts to reconnect).`;
    default:
      return 'The room failed.';
  }
}

function describeKick(reason) {
  if (reason === 'dismissed') return 'The room was dismissed.';
  if (reason === 'kicked') {
    return 'You were removed from the room (the same user id may have entered elsewhere).';
  }
  return 'You are no longer in the room.';
}

/** Back to the entry page (or to it afresh when the room page was opened first). */
function backToEntry() {
  wx.navigateBack({
    delta: 1,
    fail: () => wx.reLaunch({ url: '/pages/index/index' }),
  });
}

/**
 * A room page definition for Page(). `scene(room)`: the TRTC scene for the checked query;
 * `controls(data)`: the ids of the controls to show for the page data, in order.
 */
function roomPage({ scene, controls }) {
  const data = {
    ready: false,
    problem: '',
    sdkAppId: 0,
    userSig: '',
    userId: '',
    roomId: 0,
    scene: 'rtc',
    role: 'anchor',
    template: '1v1',
    emulator: '',
    state: 'idle',
    stateLabel: STATE_LABELS.idle,
    joined: false,
    mic: false,
    micOpen: false,
    camera: false,
    cameraPosition: 'front',
    audioRoute: 'speaker',
    beauty: false,
    floating: false,
    controls: [],
  };
  data.controls = controlsFor(controls(data), data);

  return {
    data,

    onLoad(query) {
      const parsed = parseRoomQuery(query);
      if (!parsed.ok) return this.showProblem(parsed.message);
      const { room } = parsed;
      const credentials = roomCredentials(room.userId);
      if (!credentials.ok) return this.showProblem(credentials.message);
      const { config, userSig } = credentials;
      wx.setNavigationBarTitle({ title: `Room ${room.roomId}` });
      this.showState({
        ready: true,
        sdkAppId: config.sdkAppId,
        userSig,
        userId: room.userId,
        roomId: room.roomId,
        scene: scene(room),
        role: room.role,
        template: room.template,
        emulator: config.emulator,
      });
    },

    onReady() {
      if (!this.data.ready) return;
      this.room = this.selectComponent('#room');
      this.stopWatching = this.room
        .getClient()
        .on('local-changed', (local) => this.showLocal(local));
      this.room.enter().catch((error) => {
        // A failure the engine reported came as a `failed` event just before; anything else
        // (no emulator answering, bad parameters) only rejects.
        if (!this.failureShown) this.showProblem(messageOf(error));
      });
    },

    // Leaving the page detaches <trtc-room>, which exits the room and stops everything itself.
    onUnload() {
      if (this.stopWatching) this.stopWatching();
    },

    /** setData, with the control bar redrawn for the new state. */
    showState(patch) {
      const next = Object.assign({}, this.data, patch);
      this.setData(Object.assign({}, patch, { controls: controlsFor(controls(next), next) }));
    },

    showLocal(local) {
      this.showState({
        mic: local.microphone && !local.microphoneMuted,
        micOpen: local.microphone,
        camera: local.camera,
        cameraPosition: local.cameraPosition,
        role: local.role,
      });
    },

    showProblem(message) {
      this.setData({ problem: message });
      wx.showToast({ title: message, icon: 'none', duration: 3000 });
    },

    // <trtc-room> events.
    onRoomState(e) {
      const { state } = e.detail;
      this.showState({
        state,
        stateLabel: STATE_LABELS[state] || state,
        joined: state === 'joined',
      });
      if (state === 'joined') this.setData({ problem: '' });
    },
    onKicked(e) {
      const { reason } = e.detail;
      this.leaveWithMessage(
        reason === 'dismissed' ? 'Room closed' : 'Removed',
        describeKick(reason),
      );
    },
    onFailed(e) {
      this.leaveWithMessage('Room failed', describeFailure(e.detail.reason));
    },
    onRoomError(e) {
      this.showProblem(e.detail.message);
    },
    // The call page's floating window (picture-in-picture): the status line says so.
    onPictureInPicture(e) {
      this.setData({ floating: e.detail.active });
    },
    onPermissionDenied(e) {
      const devices = e.detail.devices.join(' and ');
      this.showProblem(`No access to the ${devices}: you are in the room without it.`);
    },

    leaveWithMessage(title, content) {
      this.failureShown = true;
      this.setData({ problem: content });
      wx.showModal({
        title,
        content,
        showCancel: false,
        confirmText: 'Back',
        complete: () => backToEntry(),
      });
    },

    // Controls: shared/controls.wxml taps onControl with the control's id.
    onControl(e) {
      const method = METHODS[e.currentTarget.dataset.control];
      if (method) this[method]();
    },
    toggleMic() {
      if (!this.room) return;
      if (!this.data.micOpen) {
        this.room.publishMicrophone().catch((error) => this.showProblem(messageOf(error)));
      } else {
        this.room.muteMicrophone(this.data.mic);
      }
    },
    toggleCamera() {
      if (!this.room) return;
      if (this.data.camera) this.room.unpublishCamera();
      else this.room.publishCamera().catch((error) => this.showProblem(messageOf(error)));
    },
    switchCamera() {
      if (!this.room) return;
      this.room.switchCamera().catch((error) => this.showProblem(messageOf(error)));
    },
    toggleAudioRoute() {
      this.showState({ audioRoute: this.data.audioRoute === 'speaker' ? 'earpiece' : 'speaker' });
    },
    toggleBeauty() {
      if (!this.room) return;
      const on = !this.data.beauty;
      try {
        this.room.getClient().setPusherAttributes(on ? BEAUTY_ON : { beauty: 0, whiteness: 0 });
        this.showState({ beauty: on });
      } catch (error) {
        this.showProblem(messageOf(error));
      }
    },
    switchRole() {
      if (!this.room || !this.data.joined) return;
      const next = this.data.role === 'anchor' ? 'audience' : 'anchor';
      this.room.switchRole(next).catch((error) => this.showProblem(messageOf(error)));
    },
    leave() {
      if (this.leaving) return;
      this.leaving = true;
      const done = () => backToEntry();
      if (!this.room) return done();
      this.room.exit().then(done, done);
    },
  };
}

module.exports = { roomPage };

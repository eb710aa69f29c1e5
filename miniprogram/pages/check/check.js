// The device check (docs/devices.md): a guided sequence a person runs on a phone. Each step does
// something to the room (or asks the person to), then watches the room's trace until the native
// codes it recorded say pass or fail (utils/check-steps.js). At the end the trace, with every
// step's verdict in its description, goes to the clipboard, a file, or the room emulator.
const { CHECK_SCENES, parseRoomQuery } = require('../../utils/entry.js');
const { messageOf, roomCredentials } = require('../../utils/credentials.js');
const run = require('../../utils/check-run.js');

const POLL_MS = 250;
const PEER_ID = 'check-peer';

Page({
  data: {
    ready: false,
    problem: '',
    sdkAppId: 0,
    userSig: '',
    userId: '',
    roomId: 0,
    emulator: '',
    canSendToEmulator: false,
    audioRoute: 'speaker',
    state: 'idle',
    steps: run.initialSteps(),
    current: 0,
    running: false,
    done: false,
    tally: '',
    exported: '',
  },

  onLoad(query) {
    const parsed = parseRoomQuery(query, CHECK_SCENES);
    if (!parsed.ok) return this.setData({ problem: parsed.message });
    const { room } = parsed;
    const credentials = roomCredentials(room.userId);
    if (!credentials.ok) return this.setData({ problem: credentials.message });
    const { config, userSig } = credentials;
    const emulator = config.emulator === 'off' ? '' : config.emulator;
    this.setData({
      ready: true,
      sdkAppId: config.sdkAppId,
      userSig,
      userId: room.userId,
      roomId: room.roomId,
      emulator,
      canSendToEmulator: emulator !== '',
    });
  },

  onReady() {
    if (this.data.ready) this.room = this.selectComponent('#room');
  },

  onUnload() {
    this.stopWatching();
  },

  onHide() {
    if (this.step) this.step.hiddenAt = Date.now();
  },

  onShow() {
    if (this.step && this.step.hiddenAt !== null) this.step.shownAt = Date.now();
  },

  // <trtc-room> events.
  onRoomState(e) {
    this.setData({ state: e.detail.state });
  },
  onRoomError(e) {
    this.setData({ problem: e.detail.message });
  },

  /** Starts the current step: its action, then a poll of the trace until a verdict. */
  runStep() {
    if (!this.room || this.data.running || this.data.done) return;
    const index = this.data.current;
    const def = run.STEPS[index];
    const client = this.room.getClient();
    this.step = {
      def,
      index,
      mark: run.markOf(this.room.getTrace()),
      startedAt: Date.now(),
      usersBefore: client.getRemoteUserIds().slice(),
      hiddenAt: null,
      shownAt: null,
      answer: null,
      failed: null,
    };
    this.showRow(index, 'running', '');
    this.setData({ running: true, problem: '' });
    const step = this.step;
    Promise.resolve()
      .then(() => this.act(def.action))
      .catch((error) => {
        step.failed = messageOf(error);
      });
    this.timer = setInterval(() => this.poll(), POLL_MS);
  },

  act(action) {
    const room = this.room;
    switch (action) {
      case 'enter':
        return room.enter();
      case 'publish':
        return Promise.all([room.publishCamera(), room.publishMicrophone()]);
      case 'peer':
        return this.addEmulatorPeer();
      case 'mute':
        return room.muteMicrophone(true);
      case 'switch-camera':
        return room.switchCamera();
      case 'earpiece':
        return this.setData({ audioRoute: 'earpiece' });
      case 'rejoin':
        return room.exit().then(() => room.enter());
      default:
        return undefined;
    }
  },

  /** With the room emulator, a bot joins with camera and microphone; on a phone, a person does. */
  addEmulatorPeer() {
    const url = run.emulatorBotsUrl(this.data.emulator, this.data.sdkAppId, this.data.roomId);
    if (url === null) return undefined;
    return new Promise((resolve) => {
      wx.request({
        url,
        method: 'POST',
        data: JSON.stringify({ userId: PEER_ID, camera: true, microphone: true, speaking: 50 }),
        header: { 'content-type': 'application/json' },
        success: () => resolve(),
        fail: () => resolve(),
      });
    });
  },

  poll() {
    const step = this.step;
    if (!step || !this.room) return;
    const trace = this.room.getTrace();
    const entries = run.entriesSince(trace, step.mark);
    const client = this.room.getClient();
    const ctx = {
      state: client.getState(),
      remoteUsers: client.getRemoteUserIds(),
      usersBefore: step.usersBefore,
      fromT: step.mark.t,
      now: Date.now(),
      hiddenAt: step.hiddenAt,
      shownAt: step.shownAt,
      answer: step.answer,
    };
    // What the engine said comes first; a failed action without a code of its own fails next.
    let result = step.def.judge(entries, ctx);
    if (result === null && step.failed !== null)
      result = { verdict: 'fail', evidence: step.failed };
    const timedOut = step.def.timeoutMs > 0 && ctx.now - step.startedAt >= step.def.timeoutMs;
    if (result === null && timedOut) result = step.def.timeout(entries, ctx);
    if (result !== null) this.finishStep(result.verdict, result.evidence);
  },

  /** The person's answer to a step's question (Yes / No / Nobody to hear). */
  answer(e) {
    if (!this.step) return;
    this.step.answer = e.currentTarget.dataset.answer;
    this.poll();
  },

  skipStep() {
    if (this.data.done) return;
    if (this.step) return this.finishStep('skipped', 'Skipped by the person.');
    this.step = { def: run.STEPS[this.data.current], index: this.data.current };
    this.finishStep('skipped', 'Skipped by the person.');
  },

  finishStep(verdict, evidence) {
    const { def, index } = this.step;
    this.stopWatching();
    if (def.action === 'mute' && this.room) this.room.muteMicrophone(false);
    if (def.action === 'earpiece') this.setData({ audioRoute: 'speaker' });
    this.showRow(index, verdict, evidence);
    const next = index + 1;
    const done = next >= run.STEPS.length;
    this.setData({
      running: false,
      current: next,
      done,
      tally: done ? run.tallyOf(this.data.steps) : '',
    });
  },

  stopWatching() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.step = null;
  },

  showRow(index, status, evidence) {
    const row = run.withVerdict(this.data.steps[index], status, evidence);
    this.setData({ [`steps[${index}]`]: row });
  },

  /** data-to: 'clipboard' | 'file' | 'emulator'. */
  exportTrace(e) {
    if (!this.room) return;
    const to = e.currentTarget.dataset.to;
    const model = this.deviceModel();
    const label = { name: run.traceName(model), description: run.summaryOf(this.data.steps) };
    this.room.exportTrace(to, label).then(
      (result) => {
        const where = {
          clipboard: 'Copied',
          file: `Saved to ${result}`,
          emulator: `Sent: ${result}`,
        };
        this.setData({ exported: where[to], problem: '' });
      },
      (error) => this.setData({ problem: messageOf(error) }),
    );
  },

  deviceModel() {
    try {
      const info = wx.getDeviceInfo ? wx.getDeviceInfo() : wx.getSystemInfoSync();
      return info && info.model;
    } catch {
      return 'device';
    }
  },
});

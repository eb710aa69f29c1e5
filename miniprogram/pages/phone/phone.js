// The phone: call a user id by video or audio, or be called. The app's call manager (app.js) does
// the calling; <trtc-call> shows each call full screen (incoming, dialing, in the call, how it
// ended) and nothing between calls. The user's own id comes from the entry page and can be
// changed here: the app then makes a new call manager for it.
const entry = require('../../utils/entry.js');

const messageOf = (error) => (error && error.message ? error.message : String(error));

function toast(title) {
  wx.showToast({ title, icon: 'none', duration: 3000 });
}

Page({
  data: {
    /** The app's callStatus: { userId, ready, problem, needsChat }. */
    status: { userId: '', ready: false, problem: '', needsChat: false },
    ownId: '',
    ownIdError: '',
    calleeId: '',
    calleeError: '',
    /** A call is shown (ringing, dialing, in the call, or its end): <trtc-call> covers the page. */
    inCall: false,
  },

  onLoad() {
    this.manager = null;
    this.stopView = null;
    this.stopStatus = getApp().watchCalls((status) => this.showStatus(status));
  },

  // Leaving the page ends its call: <trtc-call> hangs up a call whose room it shows, and a call
  // still ringing is declined here (nothing else would show it).
  onUnload() {
    if (this.stopStatus) this.stopStatus();
    const { manager } = this;
    if (manager && manager.getView().phase === 'ringing') manager.decline().catch(() => {});
    this.follow(null);
  },

  showStatus(status) {
    this.setData({ status, ownId: status.userId, ownIdError: '' });
    this.follow(getApp().calls);
  },

  /** Follows the call manager's view: the page shows <trtc-call> while it is not idle. */
  follow(manager) {
    if (manager === this.manager) return;
    if (this.stopView) this.stopView();
    this.manager = manager;
    this.stopView = manager ? manager.on('view-changed', (view) => this.showView(view)) : null;
    this.showView(manager ? manager.getView() : { phase: 'idle' });
  },

  showView(view) {
    const inCall = view.phase !== 'idle';
    if (inCall !== this.data.inCall) this.setData({ inCall });
  },

  onOwnIdInput(e) {
    this.setData({ ownId: e.detail.value, ownIdError: '' });
  },

  onCalleeInput(e) {
    this.setData({ calleeId: e.detail.value, calleeError: '' });
  },

  /** Takes calls as the id typed: the app destroys its call manager and makes one for it. */
  useOwnId() {
    const userId = String(this.data.ownId).trim();
    const problem = entry.userIdProblem(userId);
    if (problem) {
      this.setData({ ownIdError: problem });
      toast(problem);
      return;
    }
    this.setData({ ownId: userId, ownIdError: '' });
    if (userId === this.data.status.userId && this.data.status.ready) return;
    entry.saveUserId(wx, userId);
    getApp()
      .startCalls(userId)
      .then((status) => {
        if (status.ready && status.userId === userId) toast(`Calls now come to ${userId}.`);
      });
  },

  /** "Video call" and "Audio call" (data-media). */
  onDial(e) {
    const { media } = e.currentTarget.dataset;
    const { status } = this.data;
    if (!status.ready) {
      toast(status.problem || 'Calls are not ready yet.');
      return;
    }
    const calleeId = String(this.data.calleeId).trim();
    const problem = entry.calleeIdProblem(calleeId, status.userId);
    if (problem) {
      this.setData({ calleeError: problem });
      toast(problem);
      return;
    }
    this.setData({ calleeId, calleeError: '' });
    // <trtc-call> shows the call from here on; a call that cannot start rejects.
    getApp()
      .calls.call([calleeId], { media })
      .catch((error) => toast(messageOf(error)));
  },

  // <trtc-call>: a button's command failed (no manager, a permission refused, ...).
  onCallError(e) {
    toast(e.detail.message);
  },
});

// The app: its call manager (trtc-room/call), so a call rings whatever page is open. It is created
// at launch for the remembered user id (the entry page's) and again when the user picks another id
// (destroy(), then create). An incoming call opens the phone page, pages/phone/phone.
//
// In WeChat DevTools the calls go through the room emulator's Chat relay (`npm start`), as the
// rooms go through the emulator. On a phone they need Tencent Chat: the demo has no Chat SDK, so
// createCallManager throws, and the phone page says what an app passes (docs/calls.md, "Setting
// up").
const { createCallManager } = require('trtc-room/call');
const { genTestUserSig } = require('trtc-room/usersig');
const { loadConfig } = require('./config/index.js');
const entry = require('./utils/entry.js');

const PHONE_ROUTE = entry.PHONE_PAGE.slice(1); // 'pages/phone/phone', as getCurrentPages() says

const messageOf = (error) => (error && error.message ? error.message : String(error));

/** No calls, and why. `needsChat`: the problem is the missing Chat SDK (a phone). */
const noCalls = (userId, problem, needsChat) => ({ userId, ready: false, problem, needsChat });

App({
  onLaunch() {
    /** The app's call manager, or null (see callStatus.problem). */
    this.calls = null;
    /** What the phone page shows: whose calls, and why there are none ('' when there are). */
    this.callStatus = noCalls('', '', false);
    this.callWatchers = [];
    this.callQueue = Promise.resolve();
    // A first launch remembers the user id it generated, so the entry page shows the same one.
    const form = entry.loadLastForm(wx);
    entry.saveForm(wx, form);
    this.startCalls(form.userId);
  },

  /**
   * Calls for `userId`: when it is another id than now, the call manager is destroyed and created
   * again. Resolves with the new callStatus.
   */
  startCalls(userId) {
    this.callQueue = this.callQueue.then(() => this.restartCalls(userId));
    return this.callQueue;
  },

  /** Calls `listener` with callStatus now and after every change; returns the unsubscribe. */
  watchCalls(listener) {
    this.callWatchers.push(listener);
    listener(this.callStatus);
    return () => {
      this.callWatchers = this.callWatchers.filter((watcher) => watcher !== listener);
    };
  },

  async restartCalls(userId) {
    const current = this.calls;
    if (current !== null && this.callStatus.userId === userId) return this.callStatus;
    if (current !== null) {
      this.calls = null;
      try {
        await current.destroy();
      } catch (error) {
        console.warn('[demo] the old call manager did not stop cleanly', error);
      }
    }
    this.callStatus = this.createCalls(userId);
    for (const watcher of this.callWatchers.slice()) watcher(this.callStatus);
    return this.callStatus;
  },

  createCalls(userId) {
    const config = loadConfig();
    if (!config.ok) return noCalls(userId, config.message, false);
    let userSig;
    try {
      // Signed on the device with the config's secret key, as the room pages sign theirs: for
      // development only. A real app gets the UserSig from its server and ships no secret key
      // (docs/demo.md, "Why the test UserSig must never ship").
      userSig = genTestUserSig({
        sdkAppId: config.sdkAppId,
        secretKey: config.secretKey,
        userId,
      });
    } catch (error) {
      return noCalls(userId, `Could not sign a test UserSig: ${messageOf(error)}`, false);
    }
    try {
      // `emulator` as the room pages pass it: in DevTools, the emulator's Chat relay carries the
      // calls. A phone needs `chat` (a logged-in Tencent Chat instance), which the demo lacks.
      this.calls = createCallManager({
        sdkAppId: config.sdkAppId,
        userId,
        userSig,
        emulator: config.emulator,
      });
    } catch (error) {
      // Without `chat` outside DevTools: a TrtcError INVALID_PARAMETER about the field `chat`.
      const needsChat = Boolean(
        error && error.code === 'INVALID_PARAMETER' && error.field === 'chat',
      );
      return noCalls(userId, messageOf(error), needsChat);
    }
    this.calls.on('incoming', () => this.showPhone());
    return { userId, ready: true, problem: '', needsChat: false };
  },

  /** Opens the phone page, whose <trtc-call> shows the ringing call, unless it is open. */
  showPhone() {
    const pages = getCurrentPages();
    const top = pages[pages.length - 1];
    if (top && top.route === PHONE_ROUTE) return;
    wx.navigateTo({ url: entry.PHONE_PAGE });
  },
});

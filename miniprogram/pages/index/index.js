// The entry page: room number, user id, call, live, phone or device check, role, layout. Checks
// the input, remembers it (wx storage) and opens the room page for it, the check, or the phone.
// The app's calls follow the user id (app.js startCalls).
const { describeConfig, loadConfig } = require('../../config/index.js');
const entry = require('../../utils/entry.js');

Page({
  data: {
    form: entry.defaultForm(),
    errors: {},
    scenes: entry.SCENES,
    roles: entry.ROLES,
    templates: entry.TEMPLATES,
    config: { ok: false, source: '', text: '' },
  },

  onLoad() {
    const config = loadConfig();
    this.setData({
      form: entry.loadLastForm(wx),
      config: {
        ok: config.ok,
        source: config.ok ? config.source : '',
        text: describeConfig(config),
      },
    });
  },

  // The phone page may have changed the user id meanwhile.
  onShow() {
    const userId = entry.savedUserId(wx);
    if (userId !== '' && userId !== this.data.form.userId) {
      this.setData({ 'form.userId': userId, 'errors.userId': '' });
    }
  },

  onRoomIdInput(e) {
    this.setData({ 'form.roomId': e.detail.value, 'errors.roomId': '' });
  },

  onUserIdInput(e) {
    this.setData({ 'form.userId': e.detail.value, 'errors.userId': '' });
  },

  newUserId() {
    this.setData({ 'form.userId': entry.generateUserId(), 'errors.userId': '' });
  },

  onChoose(e) {
    const { field, value } = e.currentTarget.dataset;
    this.setData({ [`form.${field}`]: value, [`errors.${field}`]: '' });
  },

  enter() {
    const config = loadConfig();
    if (!config.ok) {
      wx.showModal({ title: 'No demo config', content: config.message, showCancel: false });
      return;
    }
    const checked = entry.validateForm(this.data.form);
    if (!checked.ok) {
      this.setData({ errors: checked.errors });
      wx.showToast({ title: checked.message, icon: 'none', duration: 2500 });
      return;
    }
    entry.saveForm(wx, checked.form);
    this.setData({ form: checked.form, errors: {} });
    getApp().startCalls(checked.form.userId);
    wx.navigateTo({ url: entry.roomUrl(checked.form) });
  },
});

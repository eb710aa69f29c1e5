// What a room page needs before it can enter: the demo config (config/index.js) and a test
// UserSig signed with it for the user id, or what went wrong as a message for the page.
const { genTestUserSig } = require('trtc-room/usersig');
const { loadConfig } = require('../config/index.js');

const messageOf = (error) => (error && error.message ? error.message : String(error));

/** { ok: true, config, userSig } or { ok: false, message }. */
function roomCredentials(userId) {
  const config = loadConfig();
  if (!config.ok) return config;
  try {
    const userSig = genTestUserSig({
      sdkAppId: config.sdkAppId,
      secretKey: config.secretKey,
      userId,
    });
    return { ok: true, config, userSig };
  } catch (error) {
    return { ok: false, message: `Could not sign a test UserSig: ${messageOf(error)}` };
  }
}

module.exports = { roomCredentials, messageOf };

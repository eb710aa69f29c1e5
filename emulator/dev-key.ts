// The emulator's development credentials. They are PUBLIC: published in this package so that
// `npm start`, the demo and the tests can sign UserSigs that the emulator accepts. They are not a
// Tencent Cloud secret, open no real TRTC room, and must never be used outside the emulator.

/** The SDKAppID of rooms the demo and `npm start` use with the emulator. */
export const DEV_SDK_APP_ID = 1400000001;

/** The emulator's default secret key: a public development key, not a secret. */
export const DEV_SECRET_KEY = 'trtc-room-emulator-public-development-key-0000000000000000000000';

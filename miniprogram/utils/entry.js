// The entry form: its choices, validation with messages for people, the last values (wx storage)
// and the page each choice opens: a room page, or the phone (calls). The room pages parse their
// query with parseRoomQuery, so a hand-written URL gets the same checks.

const STORAGE_KEY = 'trtc-room-demo:entry';
const DEFAULT_ROOM_ID = '2024';
const MAX_ROOM_ID = 4294967295;
const USER_ID = /^[A-Za-z0-9_-]{1,32}$/;

const SCENES = [
  { value: 'rtc', label: 'Call' },
  { value: 'live', label: 'Live' },
  { value: 'phone', label: 'Phone' },
  { value: 'check', label: 'Check' },
];
// The modes that open a room page (the phone has no room number and no layout; the device check
// has its own page, which takes only its own mode).
const ROOM_SCENES = SCENES.filter((scene) => scene.value === 'rtc' || scene.value === 'live');
const CHECK_SCENES = SCENES.filter((scene) => scene.value === 'check');
const PHONE_PAGE = '/pages/phone/phone';
const CHECK_PAGE = '/pages/check/check';
const ROLES = [
  { value: 'anchor', label: 'Anchor' },
  { value: 'audience', label: 'Audience' },
];
const TEMPLATES = [
  { value: '1v1', label: '1 v 1' },
  { value: 'grid', label: 'Grid' },
  { value: 'speaker', label: 'Speaker' },
  { value: 'audio', label: 'Audio' },
];

const valuesOf = (choices) => choices.map((choice) => choice.value);
const isOneOf = (value, choices) => valuesOf(choices).indexOf(value) >= 0;

/** A fresh user id: user_ and five letters or digits. */
function generateUserId(random = Math.random) {
  let suffix = '';
  for (let i = 0; i < 5; i += 1) suffix += Math.floor(random() * 36).toString(36);
  return `user_${suffix}`;
}

function defaultForm(random) {
  return {
    roomId: DEFAULT_ROOM_ID,
    userId: generateUserId(random),
    scene: 'rtc',
    role: 'anchor',
    template: '1v1',
  };
}

/** The message for a room id typed as text, or '' when it is good. */
function roomIdProblem(text) {
  const value = String(text === undefined || text === null ? '' : text).trim();
  if (value === '') return 'Enter a room number, e.g. 2024.';
  if (!/^\d+$/.test(value)) return 'The room number takes digits only, e.g. 2024.';
  const id = Number(value);
  if (id < 1 || id > MAX_ROOM_ID) return `The room number goes from 1 to ${MAX_ROOM_ID}.`;
  return '';
}

function userIdProblem(text) {
  const value = String(text === undefined || text === null ? '' : text).trim();
  if (value === '') return 'Enter a user id, e.g. alice_01.';
  if (value.length > 32) return 'A user id has at most 32 characters.';
  if (!USER_ID.test(value)) return 'A user id takes letters, digits, _ and - only.';
  return '';
}

/** The message for the user id to call (`calleeId`) typed as text, or '' when it is good. */
function calleeIdProblem(text, ownUserId) {
  const value = String(text === undefined || text === null ? '' : text).trim();
  if (value === '') return 'Enter the user id to call, e.g. bob.';
  if (value === ownUserId) return 'That is your own user id: call someone else.';
  return userIdProblem(value);
}

/**
 * Checks the form. Returns { ok: true, form } with trimmed values (the role is anchor outside
 * live), or { ok: false, errors: { roomId?, userId?, ... }, message } with the first problem.
 * The phone needs only the user id: the room number it does not show is not checked.
 */
function validateForm(input) {
  const form = {
    roomId: String(input.roomId === undefined ? '' : input.roomId).trim(),
    userId: String(input.userId === undefined ? '' : input.userId).trim(),
    scene: input.scene,
    role: input.scene === 'live' ? input.role : 'anchor',
    template: input.template,
  };
  const errors = {};
  const roomId = form.scene === 'phone' ? '' : roomIdProblem(form.roomId);
  const userId = userIdProblem(form.userId);
  if (roomId) errors.roomId = roomId;
  if (userId) errors.userId = userId;
  if (!isOneOf(form.scene, SCENES)) errors.scene = 'Pick Call, Live, Phone or Check.';
  if (!isOneOf(form.role, ROLES)) errors.role = 'Pick Anchor or Audience.';
  if (!isOneOf(form.template, TEMPLATES)) errors.template = 'Pick a layout.';
  const keys = Object.keys(errors);
  if (keys.length > 0) return { ok: false, errors, message: errors[keys[0]] };
  return { ok: true, form };
}

/** The last values saved, each checked; anything missing or bad takes its default. */
function loadLastForm(storage, random) {
  const form = defaultForm(random);
  let saved = null;
  try {
    saved = storage.getStorageSync(STORAGE_KEY);
  } catch {
    saved = null;
  }
  if (typeof saved !== 'object' || saved === null) return form;
  if (!roomIdProblem(saved.roomId)) form.roomId = String(saved.roomId);
  if (!userIdProblem(saved.userId)) form.userId = String(saved.userId);
  if (isOneOf(saved.scene, SCENES)) form.scene = saved.scene;
  if (isOneOf(saved.role, ROLES)) form.role = saved.role;
  if (isOneOf(saved.template, TEMPLATES)) form.template = saved.template;
  return form;
}

function saveForm(storage, form) {
  try {
    storage.setStorageSync(STORAGE_KEY, form);
  } catch {
    // Storage full or unavailable: the form still works, it just is not remembered.
  }
}

/** The remembered user id, or '' when none is. */
function savedUserId(storage) {
  let saved = null;
  try {
    saved = storage.getStorageSync(STORAGE_KEY);
  } catch {
    saved = null;
  }
  if (typeof saved !== 'object' || saved === null || userIdProblem(saved.userId)) return '';
  return String(saved.userId);
}

/** Remembers a new user id (the phone page changed it), keeping the other choices. */
function saveUserId(storage, userId) {
  const form = loadLastForm(storage);
  form.userId = userId;
  saveForm(storage, form);
}

/** The page for a checked form: the phone, the device check, audio layouts, live, or the call. */
function roomPageOf(form) {
  if (form.scene === 'phone') return PHONE_PAGE;
  if (form.scene === 'check') return CHECK_PAGE;
  if (form.template === 'audio') return '/pages/audio/audio';
  if (form.scene === 'live') return '/pages/live/live';
  return '/pages/call/call';
}

function roomUrl(form) {
  if (form.scene === 'phone') return PHONE_PAGE;
  const query = ['roomId', 'userId', 'scene', 'role', 'template']
    .map((key) => `${key}=${encodeURIComponent(form[key])}`)
    .join('&');
  return `${roomPageOf(form)}?${query}`;
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A room page's query, checked like the form: { ok, room: { roomId (number), ... } }. `scenes`:
 * the modes the page takes (the call, live and audio pages: Call and Live).
 */
function parseRoomQuery(query, scenes = ROOM_SCENES) {
  const decoded = {};
  for (const key of ['roomId', 'userId', 'scene', 'role', 'template']) {
    const value = query ? query[key] : undefined;
    decoded[key] = typeof value === 'string' ? safeDecode(value) : value;
  }
  const checked = validateForm(decoded);
  if (!checked.ok) return checked;
  if (!isOneOf(checked.form.scene, scenes)) {
    const names = scenes.map((scene) => scene.label).join(' or ');
    return { ok: false, errors: { scene: `Pick ${names}.` }, message: `Pick ${names}.` };
  }
  const room = Object.assign({}, checked.form, { roomId: Number(checked.form.roomId) });
  return { ok: true, room };
}

module.exports = {
  STORAGE_KEY,
  DEFAULT_ROOM_ID,
  SCENES,
  ROLES,
  TEMPLATES,
  PHONE_PAGE,
  CHECK_PAGE,
  CHECK_SCENES,
  generateUserId,
  defaultForm,
  userIdProblem,
  calleeIdProblem,
  validateForm,
  loadLastForm,
  saveForm,
  savedUserId,
  saveUserId,
  roomPageOf,
  roomUrl,
  parseRoomQuery,
};

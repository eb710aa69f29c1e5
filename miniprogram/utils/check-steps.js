// The device check's steps (pages/check, docs/devices.md): what each asks of the room or of the
// person holding the phone, and how its verdict follows from what the room recorded since the
// step began. Pure: the page runs the actions and passes the new trace entries in; so do tests.
//
// judge(entries, ctx) → { verdict, evidence } once it can tell, else null (still waiting).
// timeout(entries, ctx) → the verdict when `timeoutMs` passed without one.
// ctx: { state, remoteUsers, usersBefore, fromT, now, hiddenAt, shownAt, answer }.
const {
  firstCode,
  pusherVolumes,
  pusherInfos,
  commandNamed,
  describeCodes,
  seconds,
} = require('./check-evidence.js');

const REFUSED = [1022, -3301, -100006, -100015, -100018];
const CAMERA_FAILED = [-1301, -1314];
const MIC_FAILED = [-1302, -1311, -1317];
const OUT_OF_ROOM = ['left', 'kicked', 'failed'];

const pass = (evidence) => ({ verdict: 'pass', evidence });
const fail = (evidence) => ({ verdict: 'fail', evidence });
const unsure = (evidence) => ({ verdict: 'unsure', evidence });
const skipped = (evidence) => ({ verdict: 'skipped', evidence });

const seen = (entries, ctx) => `Seen: ${describeCodes(entries, ctx.fromT)}.`;

function judgeEnter(entries, ctx) {
  const refused = firstCode(entries, 'pusher', REFUSED);
  if (refused) return fail(`Refused with ${refused.code}. ${seen(entries, ctx)}`);
  const entered = firstCode(entries, 'pusher', [1018]);
  if (entered) return pass(`1018 after ${seconds(entered.t - ctx.fromT)}. ${seen(entries, ctx)}`);
  return null;
}

/** The camera by 1003/1007 or video in netstatus; the mic by its volume or audio in netstatus. */
function judgePublish(entries, ctx) {
  const broken = firstCode(entries, 'pusher', CAMERA_FAILED.concat(MIC_FAILED));
  if (broken) return fail(`The engine said ${broken.code}. ${seen(entries, ctx)}`);
  const infos = pusherInfos(entries);
  const cameraCode = firstCode(entries, 'pusher', [1003, 1007]);
  const video = infos.some((info) => Number(info.videoFPS) > 0 || Number(info.videoBitrate) > 0);
  const volumes = pusherVolumes(entries);
  const audio = infos.some((info) => Number(info.audioBitrate) > 0);
  if (!(cameraCode || video) || !(volumes.length > 0 || audio)) return null;
  const camera = cameraCode ? `camera: ${cameraCode.code}` : 'camera: video in netstatus';
  const mic = volumes.length > 0 ? 'microphone: volume readings' : 'microphone: audio in netstatus';
  return pass(`${camera}; ${mic}. ${seen(entries, ctx)}`);
}

function timeoutPublish(entries, ctx) {
  return fail(
    `No sign of the camera (1003, 1007 or video in netstatus) and microphone (volume or
 audio in netstatus) in time. ${seen(entries, ctx)}`.replace(/\n/g, ''),
  );
}

function judgePeer(entries, ctx) {
  if (ctx.remoteUsers.length === 0) return null;
  const playing = firstCode(entries, 'player', [2003, 2004]);
  if (!playing) return null;
  return pass(
    `${ctx.remoteUsers.join(', ')} in the room; ${playing.playerId} plays
 (${playing.code}). ${seen(entries, ctx)}`.replace(/\n/g, ''),
  );
}

function timeoutPeer(entries, ctx) {
  if (ctx.remoteUsers.length > 0) {
    return fail(
      `${ctx.remoteUsers.join(', ')} joined, but no player started (2003/2004).
 ${seen(entries, ctx)}`.replace(/\n/g, ''),
    );
  }
  return skipped('Nobody joined. Open the same room on another phone, or start the emulator.');
}

/** Muted: the pusher's own volume reads 0, or iOS's 4999. The mic is unmuted when it ends. */
function judgeMute(entries, ctx) {
  const toggled = firstCode(entries, 'pusher', [4999]);
  if (toggled) return pass(`4999 (iOS: muted toggled). ${seen(entries, ctx)}`);
  const volumes = pusherVolumes(entries);
  if (volumes.indexOf(0) >= 0) {
    return pass(`The pusher's volume read 0 (${volumes.length} readings while muted).`);
  }
  return null;
}

function timeoutMute(entries) {
  const volumes = pusherVolumes(entries);
  if (volumes.length === 0) {
    return unsure(
      'No volume readings and no 4999: nothing native says the mute took. Ask the other side.',
    );
  }
  return unsure(
    `The pusher's own volume stayed above 0 (${volumes.slice(0, 6).join(', ')}) while muted: it may measure the microphone, not what is sent. Ask the other side.`,
  );
}

function judgeSwitchCamera(entries, ctx) {
  const broken = firstCode(entries, 'pusher', CAMERA_FAILED);
  if (broken) return fail(`The engine said ${broken.code}. ${seen(entries, ctx)}`);
  const command = commandNamed(entries, 'pusher.switchCamera');
  if (!command) return null;
  return command.outcome === 'ok'
    ? pass(`switchCamera succeeded in ${command.ms} ms.`)
    : fail(`switchCamera failed: ${command.error}`);
}

function judgeAudioRoute(entries, ctx) {
  if (ctx.answer === 'yes') return pass('The person heard the other side in the earpiece.');
  if (ctx.answer === 'no') return fail('The person did not hear the other side in the earpiece.');
  if (ctx.answer === 'skip') return skipped('Nobody to hear: skipped.');
  return null;
}

/** Left (our exit entry), entered again (a 1018 after it), and whoever was here is back. */
function judgeRejoin(entries, ctx) {
  const exitAt = entries.findIndex((e) => e.kind === 'exit');
  if (exitAt < 0) return null;
  const after = entries.slice(exitAt + 1);
  const exitCode = firstCode(after, 'pusher', [1019]) ? '1019 on exit' : 'no 1019 on exit';
  const refused = firstCode(after, 'pusher', REFUSED);
  if (refused) return fail(`Entering again was refused (${refused.code}); ${exitCode}.`);
  const entered = firstCode(after, 'pusher', [1018]);
  if (!entered) return null;
  const back = ctx.usersBefore.every((user) => ctx.remoteUsers.indexOf(user) >= 0);
  if (!back) return null;
  return pass(
    `1018 again after ${seconds(entered.t - ctx.fromT)}; ${exitCode}. ${seen(after, ctx)}`,
  );
}

function timeoutRejoin(entries, ctx) {
  const missing = ctx.usersBefore.filter((user) => ctx.remoteUsers.indexOf(user) < 0);
  const why = missing.length > 0 ? `${missing.join(', ')} not announced again` : 'no 1018 again';
  return fail(`Left and entered, but ${why}. ${seen(entries, ctx)}`);
}

/** Hidden and shown again (the page entries), then in the room 2 s after showing. */
function judgeBackground(entries, ctx) {
  const hid = entries.some((e) => e.kind === 'page' && e.event === 'hide');
  const showed = entries.some((e) => e.kind === 'page' && e.event === 'show');
  if (!hid || !showed || ctx.shownAt === null) return null;
  if (OUT_OF_ROOM.indexOf(ctx.state) >= 0) {
    return fail(`The room ended up ${ctx.state}. ${seen(entries, ctx)}`);
  }
  if (ctx.state !== 'joined' || ctx.now - ctx.shownAt < 2000) return null;
  const away = ctx.hiddenAt === null ? '' : ` Away ${seconds(ctx.shownAt - ctx.hiddenAt)}.`;
  return pass(`In the room again.${away} ${seen(entries, ctx)}`);
}

function timeoutBackground(entries, ctx) {
  if (ctx.hiddenAt === null) return unsure('The app never went to the background.');
  return fail(`Not in the room after coming back (${ctx.state}). ${seen(entries, ctx)}`);
}

/** The steps, in order. `action`: what the page does at the start (pages/check/check.js). */
const STEPS = [
  {
    id: 'enter',
    title: 'Enter the room',
    hint: 'Enters without the camera or microphone. Passes on the engine’s 1018.',
    action: 'enter',
    timeoutMs: 15000,
    judge: judgeEnter,
    timeout: (entries, ctx) => fail(`No 1018 in 15 s. ${seen(entries, ctx)}`),
  },
  {
    id: 'publish',
    title: 'Camera and microphone',
    hint: 'Publishes both. Allow the camera and microphone when asked.',
    action: 'publish',
    timeoutMs: 10000,
    judge: judgePublish,
    timeout: timeoutPublish,
  },
  {
    id: 'peer',
    title: 'A second participant',
    hint: 'Open this room on another phone with another user id. With the emulator, a bot joins.',
    action: 'peer',
    timeoutMs: 120000,
    judge: judgePeer,
    timeout: timeoutPeer,
  },
  {
    id: 'mute',
    title: 'Mute the microphone',
    hint: 'Mutes for a few seconds, then unmutes.',
    action: 'mute',
    timeoutMs: 5000,
    judge: judgeMute,
    timeout: timeoutMute,
  },
  {
    id: 'switch-camera',
    title: 'Switch camera',
    hint: 'Turns to the back camera: the preview should change.',
    action: 'switch-camera',
    timeoutMs: 5000,
    judge: judgeSwitchCamera,
    timeout: () => fail('switchCamera did not settle in 5 s.'),
  },
  {
    id: 'audio-route',
    title: 'Earpiece',
    hint: 'Plays the other side through the earpiece. Hold the phone to your ear.',
    question: 'Do you hear the other side in the earpiece?',
    action: 'earpiece',
    timeoutMs: 0,
    judge: judgeAudioRoute,
    timeout: () => unsure('No answer.'),
  },
  {
    id: 'rejoin',
    title: 'Leave and enter again',
    hint: 'Leaves the room and enters it again.',
    action: 'rejoin',
    timeoutMs: 20000,
    judge: judgeRejoin,
    timeout: timeoutRejoin,
  },
  {
    id: 'background',
    title: 'Background and back',
    hint: 'Go to the home screen, wait 5 seconds, and come back to WeChat.',
    action: 'none',
    timeoutMs: 90000,
    judge: judgeBackground,
    timeout: timeoutBackground,
  },
];

module.exports = { STEPS };

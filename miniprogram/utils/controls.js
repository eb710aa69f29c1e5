// The room pages' control bar (shared/controls.wxml draws it). Each control shows the current
// state: its label says it ("Mic off") and its icon matches it (images/*.svg; an off state has
// the slashed "-off" icon, so the state reads without colour). Its aria-label says what a tap does
// ("Turn the microphone on"), for screen readers. A tap calls the page method `method`.
//
//   controlsFor(['mic', 'leave'], page.data)
//   // [{ id: 'mic', label: 'Mic on', icon: '/images/mic.svg',
//   //    ariaLabel: 'Turn the microphone off', tone: '', disabled: false }, ...]

const icon = (name) => `/images/${name}.svg`;

/** The page method each control calls. */
const METHODS = {
  mic: 'toggleMic',
  camera: 'toggleCamera',
  'switch-camera': 'switchCamera',
  'audio-route': 'toggleAudioRoute',
  beauty: 'toggleBeauty',
  role: 'switchRole',
  leave: 'leave',
};

// tone: '' (neutral), 'is-off' (you send nothing: mic or camera off), 'is-active' (an extra that
// is on), 'is-leave'.
const STATES = {
  mic: (data) =>
    data.mic
      ? { label: 'Mic on', icon: 'mic', ariaLabel: 'Turn the microphone off', tone: '' }
      : { label: 'Mic off', icon: 'mic-off', ariaLabel: 'Turn the microphone on', tone: 'is-off' },
  camera: (data) =>
    data.camera
      ? { label: 'Camera on', icon: 'camera', ariaLabel: 'Turn the camera off', tone: '' }
      : {
          label: 'Camera off',
          icon: 'camera-off',
          ariaLabel: 'Turn the camera on',
          tone: 'is-off',
        },
  'switch-camera': (data) =>
    data.cameraPosition === 'back'
      ? { label: 'Back camera', icon: 'switch-camera', ariaLabel: 'Switch to the front camera' }
      : { label: 'Front camera', icon: 'switch-camera', ariaLabel: 'Switch to the back camera' },
  'audio-route': (data) =>
    data.audioRoute === 'earpiece'
      ? { label: 'Earpiece', icon: 'earpiece', ariaLabel: 'Play the sound through the speaker' }
      : { label: 'Speaker', icon: 'speaker', ariaLabel: 'Play the sound through the earpiece' },
  beauty: (data) =>
    data.beauty
      ? {
          label: 'Beauty on',
          icon: 'beauty',
          ariaLabel: 'Turn the beauty filter off',
          tone: 'is-active',
        }
      : { label: 'Beauty off', icon: 'beauty-off', ariaLabel: 'Turn the beauty filter on' },
  role: (data) => {
    const voice = data.scene === 'voicechatroom';
    if (data.role === 'anchor') {
      return voice
        ? { label: 'On the mic', icon: 'on-air', ariaLabel: 'Leave the mic and only listen' }
        : { label: 'On air', icon: 'on-air', ariaLabel: 'Stop publishing and only watch' };
    }
    return voice
      ? { label: 'Listening', icon: 'listen', ariaLabel: 'Take the mic and speak' }
      : { label: 'Watching', icon: 'watch', ariaLabel: 'Go live with your camera and microphone' };
  },
  leave: () => ({ label: 'Leave', icon: 'hang-up', ariaLabel: 'Leave the room', tone: 'is-leave' }),
};

/** The controls `ids` (in order) for the page data `data`. The role control waits for the room. */
function controlsFor(ids, data) {
  return ids.map((id) => {
    const state = STATES[id](data);
    return {
      id,
      label: state.label,
      icon: icon(state.icon),
      ariaLabel: state.ariaLabel,
      tone: state.tone || '',
      disabled: id === 'role' && !data.joined,
    };
  });
}

module.exports = { METHODS, controlsFor };

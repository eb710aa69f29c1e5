// Bench-only: native events handed to the client's RoomNative directly, at the client's log level,
// which is what its handle* methods do (RoomClient.logged_) less the recording hook
// (`recorder_?.native(...)`, a null check when the room does not record). The page built on it,
// 'room-hook-bypassed', is the baseline the bench holds trtc-room's default, non-recording page
// against to see what the hook costs when off. It reaches into the client's protected fields by
// name, which the public API does not offer; src/ has no switch for it.
import { withLogLevel } from '../src/core/logger';
import type { RoomSetup } from './trace';
import type { NativeEntry } from './trtc-room-page';
import { TrtcRoomPage } from './trtc-room-page';

export const bypassingRecordingHook: NativeEntry = (client, player, handler, detail) => {
  const native = client['native_'];
  const level = client['options_'].logLevel_;
  if (player === null) {
    if (handler === 'statechange') withLogLevel(level, () => native.pusherStateChange_(detail));
    else if (handler === 'netstatus') withLogLevel(level, () => native.pusherNetStatus_(detail));
    else withLogLevel(level, () => native.pusherAudioVolume_(detail));
    return;
  }
  if (handler === 'statechange') {
    withLogLevel(level, () => native.playerStateChange_(player, detail));
  } else if (handler === 'netstatus') {
    withLogLevel(level, () => native.playerNetStatus_(player, detail));
  } else {
    withLogLevel(level, () => native.playerAudioVolume_(player, detail));
  }
};

/** The default <trtc-room> page, its native events entering past the recording hook. */
export const hookBypassPage = (setup: RoomSetup): Promise<TrtcRoomPage> =>
  TrtcRoomPage.open(setup, { entry: bypassingRecordingHook });

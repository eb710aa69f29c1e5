// App calls for the generator: enterRoom parameters (rarely invalid on purpose) and commands on
// the users, streams and players the client knows, with a few strangers.
import type { EnterRoomParams } from '../../../src/core/room/room-options';
import type { ClientView, Command } from './actions';
import { SELF_ID } from './config';
import type { Rng } from './rng';
import type { ValidDetails } from './valid-details';

export function randomEnterParams(rng: Rng): EnterRoomParams {
  const room = rng.chance(0.8)
    ? { roomId: rng.range(1, 4294967295) }
    : { strRoomId: `room-${rng.int(1000)}` };
  const scene = rng.pick(['rtc', 'videocall', 'live', 'voicechatroom'] as const);
  const live = scene === 'live' || scene === 'voicechatroom';
  const base = { sdkAppId: 1400000000, userId: SELF_ID, userSig: 'sig', scene, ...room };
  if (rng.chance(0.04)) {
    // Invalid on purpose: enterRoom must throw and change nothing.
    return rng.pick([
      { ...base, role: 'audience', scene: 'rtc' },
      { ...base, userId: '' },
      { ...base, sdkAppId: -1 },
    ] as unknown as EnterRoomParams[]);
  }
  return {
    ...base,
    ...(live && rng.chance(0.4) && { role: 'audience' as const }),
    ...(rng.chance(0.2) && { camera: false }),
    ...(rng.chance(0.2) && { microphone: false }),
  } as EnterRoomParams;
}

export function randomCommand(details: ValidDetails, view: ClientView): Command {
  const { rng } = details;
  const streamType = (): 'main' | 'aux' => (rng.chance(0.7) ? 'main' : 'aux');
  return rng.weighted<() => Command>([
    [
      4,
      () => ({
        name: rng.pick(['subscribeRemoteVideo', 'unsubscribeRemoteVideo'] as const),
        userId: details.commandUser(view),
        streamType: streamType(),
      }),
    ],
    [
      3,
      () => ({
        name: rng.pick(['subscribeRemoteAudio', 'unsubscribeRemoteAudio'] as const),
        userId: details.commandUser(view),
      }),
    ],
    [
      2,
      () => ({
        name: 'setRemoteVideoQuality',
        userId: details.commandUser(view),
        quality: rng.pick(['big', 'small'] as const),
      }),
    ],
    [
      1,
      () => ({
        name: 'setRemoteViewOptions',
        userId: details.commandUser(view),
        streamType: streamType(),
        objectFit: rng.pick(['contain', 'fillCrop', undefined] as const),
        orientation: rng.pick(['vertical', 'horizontal', undefined] as const),
      }),
    ],
    [1, () => ({ name: 'setAudioRoute', route: rng.pick(['speaker', 'earpiece'] as const) })],
    [
      2,
      () => ({
        name: rng.pick([
          'publishCamera',
          'unpublishCamera',
          'publishMicrophone',
          'unpublishMicrophone',
          'switchCamera',
          'toggleTorch',
          'pauseBGM',
          'resumeBGM',
          'stopBGM',
        ] as const),
      }),
    ],
    [0.3, () => ({ name: 'playBGM', url: rng.pick(['https://example.com/bgm.mp3', '']) })],
    [
      0.3,
      () => ({
        name: rng.pick(['setBGMVolume', 'setMicVolume'] as const),
        volume: rng.pick([0, 0.5, 1, 2, -1, NaN]),
      }),
    ],
    [0.5, () => ({ name: 'muteMicrophone', muted: rng.chance(0.5) })],
    [0.5, () => ({ name: 'switchRole', role: rng.pick(['anchor', 'audience'] as const) })],
    [0.3, () => ({ name: 'sendSEIMessage', message: 'hi' })],
    [
      1,
      () => ({
        name: rng.pick(['enterFullscreen', 'exitFullscreen', 'snapshotRemote'] as const),
        playerId: details.playerId(view),
      }),
    ],
  ])();
}

// Calling the client as an app does: native callbacks must never throw, and commands throw or
// reject only with a TrtcError (synchronously only for the codes of a call made at a wrong time
// or with wrong arguments). A successful subscribe or view command updates the mirror.
import { TrtcError, TrtcErrorCode } from '../../../src/core/errors';
import type { RoomClient } from '../../../src/core/room/room-client';
import type { Command } from './actions';
import type { Mirror } from './mirror';
import { show } from './show';

const SYNC_ERRORS: readonly string[] = [
  TrtcErrorCode.InvalidState,
  TrtcErrorCode.InvalidParameter,
  TrtcErrorCode.InvalidUserId,
  TrtcErrorCode.InvalidSdkAppId,
];

/** Runs a native callback (or a timer); anything it throws is a violation. */
export function guarded(mirror: Mirror, what: string, run: () => void): void {
  try {
    run();
  } catch (error) {
    mirror.fail(
      'handler-threw',
      `${what} threw ${show(error instanceof Error ? error.message : error)}`,
    );
  }
}

/** Runs a command; `onSuccess` when it did not throw. */
export function callClient(
  mirror: Mirror,
  what: string,
  run: () => unknown,
  onSuccess?: () => void,
): void {
  let result: unknown;
  try {
    result = run();
  } catch (error) {
    if (!(error instanceof TrtcError) || !SYNC_ERRORS.includes(error.code)) {
      mirror.fail(
        'command-error',
        `${what} threw ${show(error instanceof Error ? error.message : error)}`,
      );
    }
    return;
  }
  onSuccess?.();
  if (result instanceof Promise) {
    result.then(undefined, (error: unknown) => {
      if (!(error instanceof TrtcError)) {
        mirror.fail('command-rejection', `${what} rejected with ${show(error)}`);
      }
    });
  }
}

export function runCommand(client: RoomClient, mirror: Mirror, command: Command): void {
  switch (command.name) {
    case 'subscribeRemoteVideo':
    case 'unsubscribeRemoteVideo': {
      const { userId, streamType } = command;
      const video = command.name === 'subscribeRemoteVideo';
      return callClient(
        mirror,
        command.name,
        () => client[command.name](userId, streamType),
        () => mirror.subscribe(`${userId}_${streamType}`, { video }),
      );
    }
    case 'subscribeRemoteAudio':
    case 'unsubscribeRemoteAudio': {
      const { userId } = command;
      const audio = command.name === 'subscribeRemoteAudio';
      return callClient(
        mirror,
        command.name,
        () => client[command.name](userId),
        () => mirror.subscribe(`${userId}_main`, { audio }),
      );
    }
    case 'setRemoteVideoQuality':
      return callClient(
        mirror,
        command.name,
        () => client.setRemoteVideoQuality(command.userId, command.quality),
        () => mirror.setPrefs(`${command.userId}_main`, { quality: command.quality }),
      );
    case 'setRemoteViewOptions': {
      const { userId, streamType, objectFit, orientation } = command;
      const view = { ...(objectFit && { objectFit }), ...(orientation && { orientation }) };
      return callClient(
        mirror,
        command.name,
        () => client.setRemoteViewOptions(userId, streamType, view),
        () => mirror.setPrefs(`${userId}_${streamType}`, view),
      );
    }
    case 'setAudioRoute':
      return callClient(mirror, command.name, () => client.setAudioRoute(command.route));
    case 'publishCamera':
    case 'unpublishCamera':
    case 'publishMicrophone':
    case 'unpublishMicrophone':
    case 'switchCamera':
    case 'toggleTorch':
    case 'pauseBGM':
    case 'resumeBGM':
    case 'stopBGM':
      return callClient(mirror, command.name, () => client[command.name]());
    case 'playBGM':
      return callClient(mirror, command.name, () => client.playBGM(command.url));
    case 'setBGMVolume':
    case 'setMicVolume':
      return callClient(mirror, command.name, () => client[command.name](command.volume));
    case 'muteMicrophone':
      return callClient(mirror, command.name, () => client.muteMicrophone(command.muted));
    case 'switchRole':
      return callClient(mirror, command.name, () => client.switchRole(command.role));
    case 'sendSEIMessage':
      return callClient(mirror, command.name, () => client.sendSEIMessage(command.message));
    case 'enterFullscreen':
    case 'exitFullscreen':
    case 'snapshotRemote':
      return callClient(mirror, command.name, () => client[command.name](command.playerId));
  }
}

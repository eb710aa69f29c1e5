// The client's events, re-emitted under <trtc-room>'s outward names (room-component-events.ts).
import type { TrtcError } from '../core/errors';
import type { RoomClient } from '../core/room/room-client';
import type { NativeErrorInfo } from '../core/room/room-events';
import type { ConnectionChange } from '../core/room/room-types';
import { loadFailureMessage } from './lazy-host-modules';
import type {
  RoomStateChangeDetail,
  TrtcRoomEventDetails,
  TrtcRoomEventName,
} from './room-component-events';

export type RoomEventEmitter = <K extends TrtcRoomEventName>(
  name: K,
  detail: TrtcRoomEventDetails[K],
) => void;

function stateDetail(change: ConnectionChange): RoomStateChangeDetail {
  const reason = 'reason' in change ? change.reason : null;
  return { state: change.to, previous: change.from, reason };
}

function nativeError(error: NativeErrorInfo): TrtcRoomEventDetails['error'] {
  return {
    code: 'NATIVE_ERROR',
    message: error.message ?? error.name,
    nativeCode: error.code,
    playerId: error.playerId,
  };
}

function commandError(error: TrtcError): TrtcRoomEventDetails['error'] {
  return { code: error.code, message: error.message, nativeCode: null, playerId: null };
}

/** Forwards every client event the page may bind; returns the function that stops it. */
export function bridgeRoomEvents(client: RoomClient, emit: RoomEventEmitter): () => void {
  const offs = [
    client.on('connection-state-changed', (change) => {
      emit('roomstatechange', stateDetail(change));
      const userId = client.getLocal().userId;
      if (change.to === 'joined' && change.from === 'entering' && userId !== null) {
        emit('enter', { userId });
      } else if (change.to === 'left') {
        emit('exit', {});
      } else if (change.to === 'kicked') {
        emit('kicked', { reason: change.reason });
      } else if (change.to === 'failed') {
        emit('failed', {
          reason: change.reason,
          message: loadFailureMessage().describeFailure(change.reason),
        });
      }
    }),
    client.on('user-joined', (user) => emit('remoteuserjoin', { user })),
    client.on('user-left', (user) => emit('remoteuserleave', { user })),
    client.on('stream-added', (stream) => emit('remotestreamadd', { stream })),
    client.on('stream-updated', (stream, previous) =>
      emit('remotestreamupdate', { stream, previous }),
    ),
    client.on('stream-removed', (stream) => emit('remotestreamremove', { stream })),
    client.on('network-quality', (report) => emit('networkquality', { report })),
    client.on('sei-received', (event) => emit('seireceived', event)),
    client.on('fullscreen-changed', (event) => emit('playerfullscreenchange', event)),
    client.on('picture-in-picture-changed', (change) => emit('pictureinpicturechange', change)),
    client.on('casting', (event) => emit('playercasting', event)),
    client.on('bgm-started', () => emit('bgmstart', {})),
    client.on('bgm-progress', (progress) => emit('bgmprogress', progress)),
    client.on('bgm-completed', () => emit('bgmcomplete', {})),
    client.on('native-error', (error) => emit('error', nativeError(error))),
    client.on('command-failed', (error) => emit('error', commandError(error))),
  ];
  return () => {
    for (const off of offs) off();
  };
}

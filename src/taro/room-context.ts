// The room a <TrtcRoom> renders, for the components and hooks inside it.
import { createContext, useContext } from 'react';
import { TrtcError, TrtcErrorCode } from '../core';
import type { LocalState } from '../core';
import type { ConnectionState, Permissions, RemoteStreamInfo } from '../core';
import type { TrtcRoomHandle } from './use-trtc-room';

export const RoomContext = createContext<TrtcRoomHandle | null>(null);

/** `room`, or the room of the enclosing <TrtcRoom>; throws INVALID_STATE when there is neither. */
export function useRoom(room?: TrtcRoomHandle): TrtcRoomHandle {
  const enclosing = useContext(RoomContext);
  const found = room ?? enclosing;
  if (found === null) {
    throw new TrtcError(
      TrtcErrorCode.InvalidState,
      'no room: call this hook inside <TrtcRoom>, or pass it the handle useTrtcRoom returned',
    );
  }
  return found;
}

/** The remote streams announced in the room (main and screen share), kept current. */
export function useRemoteStreams(room?: TrtcRoomHandle): readonly RemoteStreamInfo[] {
  return useRoom(room).remoteStreams;
}

/** The connection state: idle, entering, joined, reconnecting, leaving, left, kicked, failed. */
export function useRoomState(room?: TrtcRoomHandle): ConnectionState {
  return useRoom(room).state;
}

export interface LocalMedia {
  /** Null only before the room's first view update. */
  readonly state: LocalState | null;
  readonly permissions: Permissions | null;
  publishCamera(): Promise<void>;
  unpublishCamera(): void;
  publishMicrophone(): Promise<void>;
  unpublishMicrophone(): void;
  muteMicrophone(muted: boolean): void;
  switchCamera(): Promise<'front' | 'back'>;
}

/** The local camera and microphone: what is published, the permissions, and the controls. */
export function useLocalMedia(room?: TrtcRoomHandle): LocalMedia {
  const handle = useRoom(room);
  return {
    state: handle.local ?? null,
    permissions: handle.permissions ?? null,
    publishCamera: handle.publishCamera,
    unpublishCamera: handle.unpublishCamera,
    publishMicrophone: handle.publishMicrophone,
    unpublishMicrophone: handle.unpublishMicrophone,
    muteMicrophone: handle.muteMicrophone,
    switchCamera: handle.switchCamera,
  };
}

// The steps of a fuzz run (native events, timer advances, app commands, faults) and the view of
// the client the generator draws them from.
import type { EnterRoomParams } from '../../../src/core/room/room-options';
import type {
  AudioRoute,
  ConnectionState,
  ObjectFit,
  Orientation,
  PlayerView,
  RemoteStreamInfo,
  RemoteUserInfo,
  VideoQuality,
} from '../../../src/core/room/room-types';
import type { AdapterMethod } from '../recording-adapter';

export type Command =
  | {
      readonly name: 'subscribeRemoteVideo' | 'unsubscribeRemoteVideo';
      readonly userId: string;
      readonly streamType: 'main' | 'aux';
    }
  | { readonly name: 'subscribeRemoteAudio' | 'unsubscribeRemoteAudio'; readonly userId: string }
  | {
      readonly name: 'setRemoteVideoQuality';
      readonly userId: string;
      readonly quality: VideoQuality;
    }
  | {
      readonly name: 'setRemoteViewOptions';
      readonly userId: string;
      readonly streamType: 'main' | 'aux';
      readonly objectFit: ObjectFit | undefined;
      readonly orientation: Orientation | undefined;
    }
  | { readonly name: 'setAudioRoute'; readonly route: AudioRoute }
  | {
      readonly name:
        | 'publishCamera'
        | 'unpublishCamera'
        | 'publishMicrophone'
        | 'unpublishMicrophone'
        | 'switchCamera'
        | 'toggleTorch'
        | 'pauseBGM'
        | 'resumeBGM'
        | 'stopBGM';
    }
  | { readonly name: 'playBGM'; readonly url: string }
  | { readonly name: 'setBGMVolume' | 'setMicVolume'; readonly volume: number }
  | { readonly name: 'muteMicrophone'; readonly muted: boolean }
  | { readonly name: 'switchRole'; readonly role: 'anchor' | 'audience' }
  | { readonly name: 'sendSEIMessage'; readonly message: string }
  | {
      readonly name: 'enterFullscreen' | 'exitFullscreen' | 'snapshotRemote';
      readonly playerId: string;
    };

export type PlayerEventKind = 'player-state' | 'player-net' | 'player-volume' | 'player-fullscreen';
export type PusherEventKind =
  'pusher-state' | 'pusher-error' | 'pusher-net' | 'pusher-volume' | 'bgm-progress';

/** One step of a run, without its timing flag. */
export type ActionBody =
  | { readonly kind: PusherEventKind; readonly detail: unknown; readonly note: string }
  | {
      readonly kind: PlayerEventKind;
      readonly playerId: string;
      readonly detail: unknown;
      readonly note: string;
    }
  | { readonly kind: 'advance'; readonly ms: number; readonly async: boolean }
  | { readonly kind: 'page'; readonly visible: boolean }
  | { readonly kind: 'pusher-ready'; readonly ready: boolean }
  | { readonly kind: 'player-ready'; readonly playerId: string; readonly ready: boolean }
  | { readonly kind: 'command'; readonly command: Command }
  | { readonly kind: 'enter'; readonly params: EnterRoomParams }
  /** wait: await the exit like an app would (confirm: the engine sends 1019 meanwhile). */
  | { readonly kind: 'exit'; readonly wait: boolean; readonly confirm: boolean }
  | { readonly kind: 'fault'; readonly mode: 'fail' | 'hang'; readonly method: AdapterMethod }
  | { readonly kind: 'release'; readonly index: number; readonly ok: boolean }
  | { readonly kind: 'expect-state'; readonly state: ConnectionState }
  /** destroy() (inside a room), then time for every timer; the client must end empty and left. */
  | { readonly kind: 'destroy' };

export type Action = ActionBody & {
  /** No microtask flush after this step: the next step runs in the same tick. */
  readonly burst: boolean;
};

export interface ClientView {
  readonly state: ConnectionState;
  readonly users: readonly RemoteUserInfo[];
  readonly streams: readonly RemoteStreamInfo[];
  readonly players: readonly PlayerView[];
  readonly hung: number;
  readonly visible: boolean;
  readonly pusherReady: boolean;
}

const LIVE: readonly ConnectionState[] = ['entering', 'joined', 'reconnecting'];
/** In a room or on the way in: the states in which users and streams may arrive. */
export const isLive = (state: ConnectionState): boolean => LIVE.includes(state);

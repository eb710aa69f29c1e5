// Plays a trace's native side into a RoomClient, as the native components would have delivered
// it: the room URL it entered, every native event in order, page show/hide, and our exits. Commands are ours to
// issue again, not to replay. `advance` moves the caller's clock between entries (a ManualScheduler
// in tests), so the client's timers run as they did.
import { parsePusherUrl } from '../url';
import type { RoomClient } from '../room/room-client';
import type { TraceEntry, TraceExpectation, TraceV1 } from './trace-types';

export interface ReplayOptions {
  /** Moves time forward by `ms` before the next entry; default: time does not move. */
  readonly advance?: (ms: number) => void;
  /** Runs after each entry is delivered (a test checks invariants there). */
  readonly afterEntry?: (entry: TraceEntry) => void;
}

/** The room after a replay, in the shape of a trace's `expect`. */
export function roomOutcome(client: RoomClient): TraceExpectation {
  return {
    state: client.getState(),
    remoteUsers: client.getRemoteUserIds().slice().sort(),
    streams: client
      .getRemoteStreams()
      .map((stream) => `${stream.userId}_${stream.streamType}`)
      .sort(),
  };
}

function deliver(client: RoomClient, entry: Extract<TraceEntry, { kind: 'native' }>): void {
  const { detail } = entry;
  if (entry.source === 'pusher') {
    switch (entry.event) {
      case 'statechange':
        return client.handlePusherStateChange(detail);
      case 'netstatus':
        return client.handlePusherNetStatus(detail);
      case 'audiovolumenotify':
        return client.handlePusherAudioVolume(detail);
      case 'error':
        return client.handlePusherError(detail);
      case 'bgmstart':
        return client.handlePusherBGMStart();
      case 'bgmprogress':
        return client.handlePusherBGMProgress(detail);
      case 'bgmcomplete':
        return client.handlePusherBGMComplete();
      case 'enterpictureinpicture':
      case 'leavepictureinpicture':
        return client.handlePictureInPicture('pusher', null, entry.event[0] === 'e');
      default:
        return;
    }
  }
  const playerId = entry.playerId ?? '';
  switch (entry.event) {
    case 'statechange':
      return client.handlePlayerStateChange(playerId, detail);
    case 'netstatus':
      return client.handlePlayerNetStatus(playerId, detail);
    case 'audiovolumenotify':
      return client.handlePlayerAudioVolume(playerId, detail);
    case 'fullscreenchange':
      return client.handlePlayerFullscreenChange(playerId, detail);
    case 'enterpictureinpicture':
    case 'leavepictureinpicture':
      return client.handlePictureInPicture('player', playerId, entry.event[0] === 'e');
    case 'castinguserselect':
    case 'castingstatechange':
    case 'castinginterrupt':
      return client.handlePlayerCasting(playerId, entry.event, detail);
    default:
      return;
  }
}

/**
 * Replays `trace` into `client` (idle, or left); resolves with the room it ends in. An `exit`
 * entry leaves as the page did, and the next `enter` waits for that exit to finish (after time
 * moved to it), as the page awaited exit() before entering again.
 */
export async function replayTrace(
  trace: TraceV1,
  client: RoomClient,
  options: ReplayOptions = {},
): Promise<TraceExpectation> {
  let last = 0;
  let exiting: Promise<void> | null = null;
  for (const entry of trace.entries) {
    if (entry.t > last) options.advance?.(entry.t - last);
    last = Math.max(last, entry.t);
    if (entry.kind === 'enter') {
      if (exiting !== null) await exiting;
      exiting = null;
      // The redacted UserSig stands in: the engine that answers is the trace itself.
      client.enterRoom(parsePusherUrl(entry.url));
    } else if (entry.kind === 'native') {
      deliver(client, entry);
    } else if (entry.kind === 'exit') {
      exiting = client.exitRoom();
    } else if (entry.kind === 'page') {
      if (entry.event === 'hide') client.handlePageHide();
      else client.handlePageShow();
    }
    options.afterEntry?.(entry);
  }
  return roomOutcome(client);
}

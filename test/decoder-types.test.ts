// Compile-time checks (run by `tsc -p test/tsconfig.json`): the unions are exhaustive and narrow
// by `type`. The runtime part only makes sure every branch is reachable.
import type {
  KnownPlayerStateEvent,
  NetworkQuality,
  PlayerStateEvent,
  PusherErrorEvent,
  PusherStateEvent,
  PusherStateName,
} from '../src/core/protocol';
import {
  NETWORK_QUALITY,
  PLAYER_STATE_CODES,
  PUSHER_ERROR_CODES,
  PUSHER_STATE_CODES,
  assertNever,
  decodePusherStateChange,
} from '../src/core/protocol';
import { usersJoined } from './fakes/native-events';

/** A switch over every pusher event type; adding a table code without a case fails to compile. */
function pusherCategory(type: PusherStateEvent['type']): string {
  switch (type) {
    case 'ok':
    case 'push-connected':
    case 'push-started':
    case 'camera-opened':
    case 'screen-capture-started':
    case 'resolution-changed':
    case 'bitrate-changed':
    case 'first-frame-captured':
    case 'encoder-started':
    case 'first-video-packet':
    case 'video-play-started':
    case 'loading':
    case 'mic-toggled':
    case 'mute-toggled':
      return 'progress';
    case 'room-entered':
    case 'room-exited':
    case 'room-enter-failed':
    case 'room-enter-error':
    case 'private-map-key-invalid':
    case 'sdk-app-id-invalid':
    case 'user-sig-invalid':
    case 'network-changed':
    case 'suspended':
    case 'interrupted':
      return 'room';
    case 'remote-user-list':
    case 'remote-users-joined':
    case 'remote-users-left':
    case 'remote-video-changed':
    case 'remote-audio-changed':
      return 'members';
    case 'uplink-poor':
    case 'push-reconnecting':
    case 'hardware-encoder-failed':
    case 'video-encoder-restarted':
    case 'rtmp-dns-failed':
    case 'rtmp-connect-failed':
    case 'rtmp-handshake-failed':
    case 'rtmp-server-closed':
    case 'rtmp-io-failed':
      return 'network';
    case 'camera-open-failed':
    case 'mic-open-failed':
    case 'video-encode-failed':
    case 'audio-encode-failed':
    case 'resolution-unsupported':
    case 'sample-rate-unsupported':
    case 'push-disconnected':
    case 'screen-capture-start-failed':
    case 'screen-capture-unsupported':
    case 'screen-capture-interrupted':
    case 'mic-no-data':
    case 'screen-capture-switch-failed':
    case 'camera-unauthorized':
    case 'mic-unauthorized':
      return 'device';
    case 'unknown':
    case 'malformed':
      return 'other';
    default:
      return assertNever(type);
  }
}

function playerCategory(type: PlayerStateEvent['type']): string {
  switch (type) {
    case 'server-connected':
    case 'pull-started':
    case 'first-video-packet':
    case 'video-play-started':
    case 'play-progress':
    case 'play-ended':
    case 'loading':
    case 'decoder-started':
    case 'resolution-changed':
    case 'play-started':
    case 'audio-device-changed':
    case 'first-frame-rendered':
      return 'progress';
    case 'message-received':
      return 'message';
    case 'video-decode-failed':
    case 'audio-decode-failed':
    case 'pull-reconnecting':
    case 'packets-unstable':
    case 'stutter':
    case 'hardware-decoder-failed':
    case 'frames-discontinuous':
    case 'hardware-first-frame-failed':
    case 'rtmp-dns-failed':
    case 'rtmp-connect-failed':
    case 'rtmp-handshake-failed':
    case 'rtmp-server-closed':
    case 'rtmp-io-failed':
    case 'player-warning':
      return 'warning';
    case 'pull-disconnected':
    case 'play-url-failed':
      return 'error';
    case 'unknown':
    case 'malformed':
      return 'other';
    default:
      return assertNever(type);
  }
}

function errorCategory(type: PusherErrorEvent['type']): string {
  switch (type) {
    case 'camera-permission-denied':
    case 'record-permission-denied':
      return 'permission';
    case 'bgm-load-failed':
    case 'waiting-image-load-failed':
      return 'asset';
    case 'unknown':
    case 'malformed':
      return 'other';
    default:
      return assertNever(type);
  }
}

function qualityScore(quality: NetworkQuality): number {
  switch (quality) {
    case 'excellent':
      return 5;
    case 'good':
      return 4;
    case 'fair':
      return 3;
    case 'poor':
      return 2;
    case 'bad':
      return 1;
    case 'down':
    case 'unknown':
      return 0;
    default:
      return assertNever(quality);
  }
}

/** Narrowing by `type` gives each member its own payload and literal code. */
function describeEvent(event: PusherStateEvent): string {
  switch (event.type) {
    case 'remote-users-joined': {
      const code: 1031 = event.code;
      return `${code} ${event.users.map((u) => u.userId).join()}`;
    }
    case 'remote-video-changed':
      return event.users.map((u) => `${u.streamType}:${u.hasVideo}:${u.playUrl ?? ''}`).join();
    case 'remote-audio-changed':
      return event.users.map((u) => `${u.hasAudio}`).join();
    case 'room-exited':
      return `${event.reason} ${event.reasonCode ?? ''}`;
    case 'push-disconnected': {
      const code: -1307 = event.code;
      const severity: 'error' = event.severity;
      // @ts-expect-error simple events carry no users
      void event.users;
      return `${code} ${severity} ${event.message ?? ''}`;
    }
    case 'malformed':
      return event.problem;
    default:
      return event.type;
  }
}

// A code's member is found by its literal code as well.
type WarningCodes = Extract<KnownPlayerStateEvent, { type: 'player-warning' }>['code'];
const warningCodes: WarningCodes[] = [6002, 6003, 6004, 6005];
// @ts-expect-error 1031 is not a simple pusher code name
const notAName: PusherStateName = 'remote-users-joned';

describe('event unions', () => {
  it('have a case for every table name (assertNever would throw otherwise)', () => {
    const categories = [
      ...Object.values(PUSHER_STATE_CODES).map(([name]) => pusherCategory(name)),
      ...Object.values(PLAYER_STATE_CODES).map(([name]) => playerCategory(name)),
      ...Object.values(PUSHER_ERROR_CODES).map(([name]) => errorCategory(name)),
    ];
    expect(categories).not.toContain('other');
    expect(NETWORK_QUALITY.map(qualityScore)).toEqual([0, 5, 4, 3, 2, 1, 0]);
  });

  it('narrow by type', () => {
    expect(describeEvent(decodePusherStateChange(usersJoined('a', 'b')))).toBe('1031 a,b');
    expect(warningCodes).toHaveLength(4);
    expect(notAName).toBe('remote-users-joned');
  });
});

// Which remote streams get a `<live-player>`, and the attributes of each. Pure: no host APIs.
import { withStreamType } from '../url/play-url';
import { invalidParameter } from '../validate';
import type {
  PlayerPreferences,
  PlayerView,
  RemoteStreamInfo,
  StreamKey,
  Subscription,
} from './room-types';

/**
 * How many `<live-player>`s play at once by default. WeChat publishes no limit; an old report
 * (TRTCSDK#248) shows black windows from the 5th user on, and the plan is 6-10 tested on devices
 * (docs/protocol.md §7.3). Peers cap low too (veRTC 6 on Android, Agora's demo 7). 6 is the bottom of
 * that range: it covers a 1v1 call with screen share and a small meeting; apps raise it with
 * `maxPlayers` (up to 20, trtc-room's `live` scene on-mic limit) after testing their devices.
 */
export const DEFAULT_MAX_PLAYERS = 6;

/** Highest `maxPlayers` accepted: TRTC's `live` scene allows at most 20 users on mic. */
export const MAX_PLAYERS_LIMIT = 20;

/** A remote user whose latest volume (0-100) is at least this counts as speaking. */
export const SPEAKING_THRESHOLD = 10;

export interface PlayerPoolInput {
  /** Every remote stream, in any order. */
  readonly streams: readonly RemoteStreamInfo[];
  /** What the app wants from each stream; a missing key means not subscribed. */
  readonly subscriptions: ReadonlyMap<StreamKey, Subscription>;
  /** userId → latest volume, 0-100. */
  readonly volumes: ReadonlyMap<string, number>;
  /** The streams that hold a player right now (keys of unknown streams are ignored). */
  readonly held: ReadonlySet<StreamKey>;
  /** Clamped to a whole number ≥ 0 here; validate app input with validateMaxPlayers. */
  readonly maxPlayers: number;
}

/** A volume as a finite number; a missing or non-finite volume is silence. */
export function volumeOf(volumes: ReadonlyMap<string, number>, userId: string): number {
  const volume = volumes.get(userId);
  return typeof volume === 'number' && Number.isFinite(volume) ? volume : 0;
}

/** True when the subscription wants something the stream has (aux never has audio). */
export function isEligible(
  stream: RemoteStreamInfo,
  subscription: Subscription | undefined,
): boolean {
  if (subscription === undefined) return false;
  return (subscription.video && stream.hasVideo) || (subscription.audio && stream.hasAudio);
}

interface Ranked {
  readonly stream_: RemoteStreamInfo;
  readonly tier_: number;
  readonly held_: boolean;
  readonly volume_: number;
}

const TIER_AUX = 0;
const TIER_SPEAKER = 1;
const TIER_QUIET = 2;

function compareRanked(a: Ranked, b: Ranked): number {
  if (a.tier_ !== b.tier_) return a.tier_ - b.tier_;
  if (a.held_ !== b.held_) return a.held_ ? -1 : 1;
  if (a.volume_ !== b.volume_) return b.volume_ - a.volume_;
  return compareJoin(a.stream_, b.stream_);
}

function compareJoin(a: RemoteStreamInfo, b: RemoteStreamInfo): number {
  if (a.joinSeq !== b.joinSeq) return a.joinSeq - b.joinSeq;
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/**
 * The streams that get a `<live-player>`, in display order (joinSeq ascending, so tiles do not
 * reshuffle as volumes change). Every eligible stream gets one while slots are free. Beyond
 * `maxPlayers`, eligible streams are ranked by the tuple, smallest first:
 *
 *   (tier: aux 0 | speaking main 1 | other 2,  held ? 0 : 1,  -volume (speakers only),  joinSeq)
 *
 * "Speaking" = a main stream whose audio is received (subscribed and present) and whose user's
 * volume is ≥ SPEAKING_THRESHOLD. Held-before-volume means a new speaker only displaces a quiet
 * holder, never a speaking one, and a quiet newcomer never evicts a quiet holder. Feeding the
 * result back as `held` with the same input returns the same result.
 */
export function selectPlayerStreams(input: PlayerPoolInput): StreamKey[] {
  const cap = Number.isFinite(input.maxPlayers) ? Math.max(0, Math.floor(input.maxPlayers)) : 0;
  const seen = new Set<StreamKey>();
  const ranked: Ranked[] = [];
  for (const stream of input.streams) {
    if (seen.has(stream.key)) continue;
    seen.add(stream.key);
    const subscription = input.subscriptions.get(stream.key);
    if (!isEligible(stream, subscription)) continue;
    const audible = stream.streamType === 'main' && stream.hasAudio && subscription?.audio === true;
    const volume = audible ? volumeOf(input.volumes, stream.userId) : 0;
    const speaking = volume >= SPEAKING_THRESHOLD;
    ranked.push({
      stream_: stream,
      tier_: stream.streamType === 'aux' ? TIER_AUX : speaking ? TIER_SPEAKER : TIER_QUIET,
      held_: input.held.has(stream.key),
      volume_: speaking ? volume : 0,
    });
  }
  return ranked
    .sort(compareRanked)
    .slice(0, cap)
    .map((entry) => entry.stream_)
    .sort(compareJoin)
    .map((stream) => stream.key);
}

export interface PlayerViewOptions {
  readonly soundMode: 'speaker' | 'ear';
  readonly enableRecvMessage: boolean;
  /** The room's default for enable-auto-rotation (WeChat's false when left out). */
  readonly enableAutoRotation?: boolean;
  /** The room's default for enable-casting (WeChat's false when left out). */
  readonly enableCasting?: boolean;
  /** Seconds; trtc-wx's default 1. */
  readonly minCache?: number;
  /** Seconds; trtc-wx's default 2. */
  readonly maxCache?: number;
}

/** The `src` to play and the quality it really plays (big when the rewrite is impossible). */
function playSource(stream: RemoteStreamInfo, prefs: PlayerPreferences) {
  if (stream.streamType !== 'main' || prefs.quality !== 'small' || stream.src === '') {
    return { src: stream.src, quality: 'big' as const };
  }
  try {
    return { src: withStreamType(stream.src, 'small'), quality: 'small' as const };
  } catch {
    // Not a room:// play URL (a custom or future engine URL): play it as announced.
    return { src: stream.src, quality: 'big' as const };
  }
}

/**
 * The `<live-player>` attributes for one stream, with trtc-wx's defaults (docs/protocol.md §3), except
 * that aux (screen share) defaults to `contain` so shared content is never cropped (trtc-wx sets
 * the same on aux). `quality` is the stream really played: `small` only when `src` was rewritten,
 * so always `big` for aux, an empty `src` or a URL that is not a room play URL. Never throws.
 */
export function toPlayerView(
  stream: RemoteStreamInfo,
  subscription: Subscription,
  prefs: PlayerPreferences,
  options: PlayerViewOptions,
): PlayerView {
  const { src, quality } = playSource(stream, prefs);
  return {
    id: stream.key,
    userId: stream.userId,
    streamType: stream.streamType,
    src,
    mode: 'RTC',
    autoplay: true,
    muteVideo: !subscription.video,
    muteAudio: !subscription.audio,
    hasVideo: stream.hasVideo,
    hasAudio: stream.hasAudio,
    objectFit: prefs.objectFit ?? (stream.streamType === 'aux' ? 'contain' : 'fillCrop'),
    orientation: prefs.orientation ?? 'vertical',
    soundMode: options.soundMode,
    minCache: options.minCache ?? 1,
    maxCache: options.maxCache ?? 2,
    enableRecvMessage: options.enableRecvMessage,
    autoPauseIfNavigate: true,
    autoPauseIfOpenNative: true,
    enableAutoRotation: prefs.enableAutoRotation ?? options.enableAutoRotation ?? false,
    pictureInPictureMode: '',
    enableCasting: prefs.enableCasting ?? options.enableCasting ?? false,
    quality,
  };
}

/** `maxPlayers` from the app: an integer from 1 to 20, else an INVALID_PARAMETER TrtcError. */
export function validateMaxPlayers(n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > MAX_PLAYERS_LIMIT) {
    throw invalidParameter('maxPlayers', `an integer from 1 to ${MAX_PLAYERS_LIMIT}`, n);
  }
  return n;
}

// The player invariants: getPlayers() equals the last players-changed, one player per eligible
// stream up to maxPlayers, each with the subscription's mutes, the view preferences and the
// quality's URL, ranked screen shares first, then speakers.
import type { PlayerView, RemoteStreamInfo, VideoQuality } from '../../../src/core/room/room-types';
import type { Mirror } from './mirror';
import { show } from './show';

const samePlayer = (a: PlayerView, b: PlayerView): boolean => {
  const x = a as unknown as Record<string, unknown>;
  const y = b as unknown as Record<string, unknown>;
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((key) => x[key] === y[key]);
};

const TIER_NAMES = ['aux', 'speaking main', 'quiet main'];

export function checkPlayers(
  mirror: Mirror,
  players: readonly PlayerView[],
  streams: readonly RemoteStreamInfo[],
): void {
  const mirrored = mirror.players;
  if (players.length !== mirrored.length || players.some((p, i) => !samePlayer(p, mirrored[i]!))) {
    mirror.fail(
      'players-event',
      `getPlayers ${players.map((p) => p.id).join(',')} != last players-changed ${mirrored.map((p) => p.id).join(',')}`,
    );
  }
  const byKey = new Map(streams.map((s) => [s.key, s]));
  const eligible = streams.filter((s) => {
    const sub = mirror.subscription(s.key);
    return (sub.video && s.hasVideo) || (sub.audio && s.hasAudio);
  });
  const expected = Math.min(mirror.maxPlayers, eligible.length);
  if (players.length !== expected) {
    mirror.fail(
      'player-count',
      `${players.length} players for ${eligible.length} eligible streams, max ${mirror.maxPlayers}: ${players.map((p) => p.id).join(',')}`,
    );
  }
  const soundMode = mirror.client.getAudioRoute() === 'earpiece' ? 'ear' : 'speaker';
  const ids = new Set<string>();
  let lastSeq = -Infinity;
  for (const player of players) {
    const where = `player ${player.id}`;
    if (ids.has(player.id)) mirror.fail('player-dup', `${where} twice`);
    ids.add(player.id);
    if (player.id !== `${player.userId}_${player.streamType}`) {
      mirror.fail('player-id', `${where} for ${player.userId}/${player.streamType}`);
    }
    const stream = byKey.get(player.id);
    if (!stream) {
      mirror.fail('player-orphan', `${where} has no stream`);
      continue;
    }
    if (stream.joinSeq < lastSeq) mirror.fail('player-order', `${where} out of joinSeq order`);
    lastSeq = stream.joinSeq;
    const sub = mirror.subscription(player.id);
    if (player.muteVideo !== !sub.video || player.muteAudio !== !sub.audio) {
      mirror.fail(
        'player-mute',
        `${where} mute v${player.muteVideo} a${player.muteAudio}, wanted ${show(sub)}`,
      );
    }
    if (player.muteVideo && player.muteAudio) mirror.fail('player-unsubscribed', where);
    if (!((!player.muteVideo && stream.hasVideo) || (!player.muteAudio && stream.hasAudio))) {
      mirror.fail('player-ineligible', `${where} plays nothing: ${show(stream)}`);
    }
    if (player.hasVideo !== stream.hasVideo || player.hasAudio !== stream.hasAudio) {
      mirror.fail('player-media', `${where} media differs from ${show(stream)}`);
    }
    if (player.userId !== stream.userId || player.streamType !== stream.streamType) {
      mirror.fail('player-stream', `${where} vs ${show(stream)}`);
    }
    if (player.soundMode !== soundMode) mirror.fail('player-sound', `${where} ${player.soundMode}`);
    const prefs = mirror.prefs.get(player.id) ?? {};
    const quality = player.streamType === 'main' ? mirror.prefs.get(player.id)?.quality : undefined;
    let src = stream.src;
    let played: VideoQuality = 'big';
    const small = quality === 'small' ? smallStreamUrl(stream.src) : null;
    if (small !== null) {
      src = small;
      played = 'small';
    }
    if (player.src !== src || player.quality !== played) {
      mirror.fail(
        'player-src',
        `${where} src ${show(player.src)} (${player.quality}), wanted ${show(src)} (${played})`,
      );
    }
    const fit = prefs.objectFit ?? (player.streamType === 'aux' ? 'contain' : 'fillCrop');
    if (player.objectFit !== fit || player.orientation !== (prefs.orientation ?? 'vertical')) {
      mirror.fail('player-view', `${where} ${player.objectFit}/${player.orientation}`);
    }
    if (player.mode !== 'RTC' || player.autoplay !== true) mirror.fail('player-fixed', where);
    if (player.enableRecvMessage !== mirror.config.enableRecvMessage) {
      mirror.fail('player-sei', `${where} enableRecvMessage ${player.enableRecvMessage}`);
    }
  }
  // Ranking: screen shares, then speakers, then the rest. An eligible stream left without a
  // player never ranks above one that has a player.
  let worstPlayed = -1;
  for (const player of players) {
    const stream = byKey.get(player.id);
    if (stream) worstPlayed = Math.max(worstPlayed, tierOf(mirror, stream));
  }
  for (const stream of eligible) {
    if (ids.has(stream.key)) continue;
    const tier = tierOf(mirror, stream);
    if (tier < worstPlayed) {
      mirror.fail(
        'player-rank',
        `${stream.key} (${TIER_NAMES[tier]}) has no player while a ${TIER_NAMES[worstPlayed]} stream has one`,
      );
    }
  }
}

/** player-pool's tiers: aux 0, speaking main 1, other main 2. */
function tierOf(mirror: Mirror, stream: RemoteStreamInfo): number {
  if (stream.streamType === 'aux') return 0;
  const volume = mirror.volumes.get(stream.userId) ?? 0;
  const audible = stream.hasAudio && mirror.subscription(stream.key).audio;
  return audible && volume >= SPEAKING_VOLUME ? 1 : 2;
}

/** A main stream "speaks" from this volume on (docs/room-client.md, "Player pool"). */
const SPEAKING_VOLUME = 10;

const ROOM_PLAY_URL_BASES = ['room://cloud.tencent.com/rtc', 'room://rtc.tencent.com'];

/**
 * The URL a main stream plays at quality `small`: its `streamtype` parameter set to `small`, every
 * other byte kept; null when it plays as announced: not a room play URL (base, userid,
 * streamtype main or small), or aux (docs/migrating-from-trtc-wx.md, difference 5).
 */
function smallStreamUrl(src: string): string | null {
  const hash = src.indexOf('#');
  const body = hash >= 0 ? src.slice(0, hash) : src;
  const question = body.indexOf('?');
  if (question < 0 || !ROOM_PLAY_URL_BASES.includes(body.slice(0, question))) return null;
  const parts = body.slice(question + 1).split('&');
  const nameOf = (part: string): string => part.split('=')[0]!;
  const valueOf = (name: string): string | undefined =>
    parts.find((part) => nameOf(part) === name)?.slice(name.length + 1);
  const type = valueOf('streamtype');
  if (!valueOf('userid') || (type !== 'main' && type !== 'small')) return null;
  const rewritten = parts.map((part) =>
    nameOf(part) === 'streamtype' ? 'streamtype=small' : part,
  );
  return `${body.slice(0, question + 1)}${rewritten.join('&')}${hash >= 0 ? src.slice(hash) : ''}`;
}

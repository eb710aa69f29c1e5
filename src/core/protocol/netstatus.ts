import { guard, isRecord, malformed, mustBe, notAnObject, own } from './read';
import type { MalformedEvent } from './event-types';

export const NET_STATUS_FIELDS = [
  'videoBitrate',
  'audioBitrate',
  'videoFPS',
  'videoGOP',
  'netSpeed',
  'netJitter',
  'netQualityLevel',
  'videoWidth',
  'videoHeight',
  'videoCache',
  'audioCache',
  'vDecCacheSize',
  'vSumCacheSize',
  'avPlayInterval',
  'avRecvInterval',
  'audioCacheThreshold',
] as const;

export type NetStatusField = (typeof NET_STATUS_FIELDS)[number];

/** Indexed by `netQualityLevel`. */
export const NETWORK_QUALITY = [
  'unknown',
  'excellent',
  'good',
  'fair',
  'poor',
  'bad',
  'down',
] as const;

export type NetworkQuality = (typeof NETWORK_QUALITY)[number];

/** `netstatus` `detail.info`, pusher and player alike. Fields the engine omitted are absent. */
export type NetStats = { readonly [F in NetStatusField]?: number } & {
  readonly quality: NetworkQuality;
};

export interface NetStatusEvent {
  readonly type: 'net-status';
  readonly stats: NetStats;
}

const SOURCE = 'netstatus';
const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i;

/** Finite numbers, and strings in decimal notation that spell one. */
function toNumber(value: unknown): number | undefined {
  const n =
    typeof value === 'string' && value.length <= 32 && DECIMAL.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

export function networkQuality(level: number | undefined): NetworkQuality {
  return (level !== undefined && NETWORK_QUALITY[level]) || 'unknown';
}

/** Decodes a live-pusher or live-player `bindnetstatus` detail `{ info }`. Never throws. */
export function decodeNetStatus(detail: unknown): NetStatusEvent | MalformedEvent {
  return guard(SOURCE, detail, (raw): NetStatusEvent | MalformedEvent => {
    if (!isRecord(raw)) return notAnObject(SOURCE, raw);
    const info = own(raw, 'info');
    if (!isRecord(info)) {
      return malformed(SOURCE, null, raw, mustBe('info', 'an object', info));
    }
    const stats: { -readonly [F in keyof NetStats]: NetStats[F] } = { quality: 'unknown' };
    for (const field of NET_STATUS_FIELDS) {
      const value = own(info, field);
      if (value === undefined) continue;
      const n = toNumber(value);
      if (n === undefined) {
        return malformed(SOURCE, null, raw, mustBe(`info.${field}`, 'a number', value));
      }
      stats[field] = n;
    }
    stats.quality = networkQuality(stats.netQualityLevel);
    return { type: 'net-status', stats };
  });
}

import { describe, guard, isRecord, malformed, mustBe, notAnObject, own } from './read';
import type {
  AudioVolumeEvent,
  BgmProgressEvent,
  FullscreenChangeEvent,
  MalformedEvent,
} from './event-types';

const VOLUME = 'audiovolumenotify';
const FULLSCREEN = 'fullscreenchange';
const BGM_PROGRESS = 'bgmprogress';

/** Decodes a live-pusher or live-player `bindaudiovolumenotify` detail `{ volume }`. Never throws. */
export function decodeAudioVolume(detail: unknown): AudioVolumeEvent | MalformedEvent {
  return guard(VOLUME, detail, (raw): AudioVolumeEvent | MalformedEvent => {
    if (!isRecord(raw)) return notAnObject(VOLUME, raw);
    const volume = own(raw, 'volume');
    return typeof volume === 'number' && Number.isFinite(volume) && volume >= 0
      ? { type: 'audio-volume', volume }
      : malformed(VOLUME, null, raw, mustBe('volume', 'a finite number >= 0', volume));
  });
}

/** Decodes a live-player `bindfullscreenchange` detail `{ direction, fullScreen }`. Never throws. */
export function decodeFullscreenChange(detail: unknown): FullscreenChangeEvent | MalformedEvent {
  return guard(FULLSCREEN, detail, (raw): FullscreenChangeEvent | MalformedEvent => {
    if (!isRecord(raw)) return notAnObject(FULLSCREEN, raw);
    const fullScreen = own(raw, 'fullScreen');
    if (typeof fullScreen !== 'boolean') {
      return malformed(FULLSCREEN, null, raw, mustBe('fullScreen', 'a boolean', fullScreen));
    }
    const direction = own(raw, 'direction');
    if (
      typeof direction === 'string' ||
      (typeof direction === 'number' && Number.isFinite(direction))
    ) {
      return { type: 'fullscreen-change', fullScreen, direction };
    }
    return malformed(FULLSCREEN, null, raw, mustBe('direction', 'a number or a string', direction));
  });
}

/** Decodes a live-pusher `bindbgmprogress` detail `{ progress, duration }`. Never throws. */
export function decodeBgmProgress(detail: unknown): BgmProgressEvent | MalformedEvent {
  return guard(BGM_PROGRESS, detail, (raw): BgmProgressEvent | MalformedEvent => {
    if (!isRecord(raw)) return notAnObject(BGM_PROGRESS, raw);
    const progress = own(raw, 'progress');
    const duration = own(raw, 'duration');
    const ok = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
    return ok(progress) && ok(duration)
      ? { type: 'bgm-progress', progress, duration }
      : malformed(
          BGM_PROGRESS,
          null,
          raw,
          `progress and duration must be finite numbers >= 0, got ${describe(progress)} and ${describe(duration)}`,
        );
  });
}

// What the rarer context commands answer, as the native adapter resolves them: snapshot's options
// and image, getMaxZoom's zoom, and WeChat's refusal of background playback to RTC players,
// explained. A lazy file (lazy-host-modules.ts): loaded on a page's first such command.
import { TrtcError, TrtcErrorCode } from '../core/errors';
import type { SnapshotOptions, SnapshotResult } from '../core/room/adapters';
import type {
  HostCallbacks,
  HostMaxZoomResult,
  HostSnapshotOptions,
  HostSnapshotResult,
} from './host-api';

export function snapshotPayload(
  options: SnapshotOptions,
): Omit<HostSnapshotOptions, keyof HostCallbacks> {
  const payload: Omit<HostSnapshotOptions, keyof HostCallbacks> = {};
  if (options.quality !== undefined) payload.quality = options.quality;
  if (options.sourceType !== undefined) payload.sourceType = options.sourceType;
  return payload;
}

export function toSnapshot(result: unknown): SnapshotResult {
  const { tempImagePath, width, height } = (result ?? {}) as Partial<HostSnapshotResult>;
  if (typeof tempImagePath !== 'string') {
    throw new TrtcError(TrtcErrorCode.NativeCallFailed, 'snapshot succeeded without an image');
  }
  return { tempImagePath, width: Number(width), height: Number(height) };
}

/** getMaxZoom's `maxZoom`, a string in some versions ('5'), as a number ≥ 1. */
export function toMaxZoom(result: unknown): number {
  const { maxZoom } = (result ?? {}) as Partial<HostMaxZoomResult>;
  // Number('') is 0: refused below like any value under 1.
  const value = typeof maxZoom === 'string' ? Number(maxZoom) : maxZoom;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1) {
    throw new TrtcError(
      TrtcErrorCode.NativeCallFailed,
      `getMaxZoom gave no usable maxZoom (${JSON.stringify(maxZoom) ?? 'none'})`,
    );
  }
  return value;
}

/** WeChat refuses background playback to RTC-mode players (errno 1107010): say so. */
const RTC_REFUSAL = 1107010;

export function backgroundRefusal(error: unknown): unknown {
  const { errno, errMsg } = (error ?? {}) as { errno?: unknown; errMsg?: unknown };
  if (errno !== RTC_REFUSAL) return error;
  return new TrtcError(
    TrtcErrorCode.NativeCallFailed,
    `requestBackgroundPlayback refused (${RTC_REFUSAL}, ${String(errMsg)}): WeChat allows it ` +
      "only in mode 'live'; trtc-room's players are 'RTC' (use pictureInPicture)",
    { cause: error },
  );
}

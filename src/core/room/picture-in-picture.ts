// Picture-in-picture (WeChat's floating window, docs/protocol.md §7.4): which player offers it,
// and whether the room is in it now. Platform-free: the host renders the mode and reports the
// native enter/leave events.
import { invalidParameter } from '../validate';
import type { PlayerView, StreamKey } from './room-types';

/**
 * When the floating window appears: `push` when the page navigates to another page, `pop` when
 * it is popped (navigateBack), `push pop` both, '' never (live-player picture-in-picture-mode).
 */
export type PictureInPictureMode = '' | 'push' | 'pop' | 'push pop';

/** live-player picture-in-picture-mode as WeChat takes it: a string for one mode, an array for both. */
export type NativePictureInPictureMode = '' | 'push' | 'pop' | readonly ['push', 'pop'];

const MODES: readonly PictureInPictureMode[] = ['', 'push', 'pop', 'push pop'];
const BOTH: readonly ['push', 'pop'] = Object.freeze(['push', 'pop'] as const);

/** The room's mode, else an INVALID_PARAMETER TrtcError naming `field`. */
export function checkPictureInPictureMode(
  value: unknown,
  field = 'pictureInPicture',
): PictureInPictureMode {
  if (typeof value !== 'string' || MODES.indexOf(value as PictureInPictureMode) < 0) {
    throw invalidParameter(field, "'', 'push', 'pop' or 'push pop'", value);
  }
  return value as PictureInPictureMode;
}

/**
 * Where the floating window first appears (live-player picture-in-picture-init-position, base
 * library 3.3.0): the screen side it clings to, and its top edge as a percentage of the screen's
 * height, e.g. 'right,20'. '' leaves it to WeChat.
 */
export type PictureInPicturePosition = '' | `${'left' | 'right'},${number}`;

const POSITION = /^(left|right),(\d{1,3}(?:\.\d+)?)$/;

/** The position as WeChat takes it, else an INVALID_PARAMETER TrtcError naming `field`. */
export function checkPictureInPicturePosition(
  value: unknown,
  field = 'pictureInPicturePosition',
): PictureInPicturePosition {
  const match = typeof value === 'string' ? POSITION.exec(value.replace(/\s+/g, '')) : null;
  if (value === '') return '';
  if (match === null || Number(match[2]) > 100) {
    throw invalidParameter(
      field,
      "'' or 'left,<top %>' / 'right,<top %>' with top from 0 to 100",
      value,
    );
  }
  return `${match[1] as 'left' | 'right'},${Number(match[2])}`;
}

/** The attribute value to render (one frozen array for both modes, so views compare equal). */
export function nativePictureInPictureMode(mode: PictureInPictureMode): NativePictureInPictureMode {
  return mode === 'push pop' ? BOTH : mode;
}

/**
 * The player that offers the floating window: the first (in display order) that shows video.
 * WeChat shows one floating window, and a call's is the other person's video. Null when none.
 */
export function pictureInPictureCandidate(players: readonly PlayerView[]): StreamKey | null {
  for (const player of players) if (player.hasVideo && !player.muteVideo) return player.id;
  return null;
}

/** What is in the floating window: a player by its id, the pusher, or nothing. */
export type PictureInPictureSource = StreamKey | 'pusher';

/** `picture-in-picture-changed`: the floating window opened or closed. */
export interface PictureInPictureChange {
  readonly active: boolean;
  readonly source: 'pusher' | 'player';
  /** The player's id, null for the pusher. */
  readonly playerId: StreamKey | null;
}

/**
 * Whether the room is in a floating window, from the native enter/leave events. An event that
 * repeats the state (a second enter, a leave of what is not in it) changes nothing.
 */
export class PictureInPictureState {
  private current_: PictureInPictureSource | null = null;

  get current(): PictureInPictureSource | null {
    return this.current_;
  }

  /** The change to report, or null when nothing changed. */
  set_(
    source: 'pusher' | 'player',
    playerId: StreamKey | null,
    active: boolean,
  ): PictureInPictureChange | null {
    const which: PictureInPictureSource = source === 'pusher' ? 'pusher' : (playerId ?? '');
    if (active ? this.current_ === which : this.current_ !== which) return null;
    this.current_ = active ? which : null;
    return changeOf(which, active);
  }

  /** Forgets the window (its player is gone, or the room was left): the change, or null. */
  clear_(): PictureInPictureChange | null {
    const was = this.current_;
    if (was === null) return null;
    this.current_ = null;
    return changeOf(was, false);
  }
}

function changeOf(which: PictureInPictureSource, active: boolean): PictureInPictureChange {
  return which === 'pusher'
    ? { active, source: 'pusher', playerId: null }
    : { active, source: 'player', playerId: which };
}

// Who a tile shows: the display name and avatar an app gives a user id, and, without an avatar,
// an initial on a colour derived from the user id, so two users never look alike by accident.
import { invalidParameter } from '../../core/validate';

/** What an app knows about a user. */
export interface Profile {
  /** Shown instead of the user id. */
  readonly name?: string;
  /** An image URL (https:, a local path, or data:) shown instead of the initial. */
  readonly avatar?: string;
}

export type Profiles = Readonly<Record<string, Profile>>;

/** Avatar colours in the palette (`--trtc-avatar-0` … `--trtc-avatar-7`). */
export const AVATAR_COLOR_COUNT = 8;

const MAX_NAME_LENGTH = 64;
const MAX_AVATAR_LENGTH = 2048;

/** A stable palette index for `userId` (FNV-1a over its UTF-16 units). */
export function avatarColor(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i += 1) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AVATAR_COLOR_COUNT;
}

/** The first character of a name (a whole code point: 张, 😀), upper-cased. */
export function initialOf(name: string): string {
  const first = name.trim().codePointAt(0);
  return first === undefined ? '?' : String.fromCodePoint(first).toUpperCase();
}

function text(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || value.length > max) {
    throw invalidParameter(field, `a string of at most ${max} characters`, value);
  }
  return value;
}

/** Checks an app's profile map (`{ userId: { name?, avatar? } }`); returns a clean copy. */
export function checkProfiles(value: unknown, field = 'profiles'): Profiles {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidParameter(field, 'an object of { name?, avatar? } by user id', value);
  }
  const out: Record<string, Profile> = {};
  for (const userId of Object.keys(value)) {
    const entry = (value as Record<string, unknown>)[userId];
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw invalidParameter(`${field}.${userId}`, 'an object { name?, avatar? }', entry);
    }
    const record = entry as Record<string, unknown>;
    const name = text(record['name'], `${field}.${userId}.name`, MAX_NAME_LENGTH);
    const avatar = text(record['avatar'], `${field}.${userId}.avatar`, MAX_AVATAR_LENGTH);
    out[userId] = { ...(name ? { name } : {}), ...(avatar ? { avatar } : {}) };
  }
  return out;
}

/** What a tile draws for a user. */
export interface Identity {
  readonly name: string;
  readonly initial: string;
  readonly color: number;
  /** '' without one. */
  readonly avatar: string;
}

export function identityOf(userId: string, profiles: Profiles): Identity {
  const profile = Object.prototype.hasOwnProperty.call(profiles, userId)
    ? profiles[userId]
    : undefined;
  const name = profile?.name ?? userId;
  return {
    name,
    initial: initialOf(name),
    color: avatarColor(userId),
    avatar: profile?.avatar ?? '',
  };
}

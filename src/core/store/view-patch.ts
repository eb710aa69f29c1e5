/**
 * Minimal `setData` patches for a mini-program view, and a patcher that sends at most one per tick.
 *
 * WeChat's `setData(patch)` reads each key as a data path (`'players[2].muteVideo'`, `'a.b'`,
 * `'list[3]'`), so a small change costs a small payload. Platform-free: the host passes in its
 * `setData` and its `wx.nextTick`.
 *
 * Values are JSON data: null, booleans, finite numbers, strings, arrays and plain objects. NaN,
 * Infinity and undefined are not ViewValues (JSON would send null or drop the key); `0` and `-0`
 * compare equal because JSON sends both as `0`. Interfaces such as `PlayerView` have no index
 * signature, so TypeScript wants a spread copy: `players.map((p) => ({ ...p }))`.
 */
import { hasOwn } from '../has-own';
import type { ViewArray, ViewObject } from './view-patch-values';
import {
  deepEqual,
  define,
  frozenObjectCopy,
  isPathSafeKey,
  isViewArray,
  isViewObject,
  jsonBytes,
  read,
  utf8Length,
} from './view-patch-values';

export type ViewValue =
  null | boolean | number | string | readonly ViewValue[] | { readonly [key: string]: ViewValue };
export type ViewState = { readonly [key: string]: ViewValue };
export type SetDataPatch = Record<string, ViewValue>;

/** Patch entries for one subtree, with the bytes they add to the patch JSON (commas included). */
interface Change {
  readonly entries_: readonly (readonly [path: string, value: ViewValue])[];
  readonly bytes_: number;
}

/** The container cannot be patched by paths and must be sent whole. */
const WHOLE = 'whole';

function whole(path: string, value: ViewValue): Change {
  return {
    entries_: [[path, value]],
    bytes_: utf8Length(JSON.stringify(path)) + 1 + jsonBytes(value),
  };
}

function combine(parts: readonly Change[]): Change | null {
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  const entries: (readonly [string, ViewValue])[] = [];
  let bytes = parts.length - 1;
  for (const part of parts) {
    entries.push(...part.entries_);
    bytes += part.bytes_;
  }
  return { entries_: entries, bytes_: bytes };
}

/** Paths or the whole container, whichever JSON is smaller; a tie sends it whole (one key). */
function smaller(
  path: string,
  next: ViewValue,
  paths: Change | null | typeof WHOLE,
): Change | null {
  if (paths === null) return null;
  const replaced = whole(path, next);
  if (paths === WHOLE) return replaced;
  return paths.bytes_ < replaced.bytes_ ? paths : replaced;
}

function diffAt(path: string, prev: ViewValue, next: ViewValue): Change | null {
  if (isViewObject(prev) && isViewObject(next)) {
    return smaller(path, next, diffObjects(path, prev, next));
  }
  if (isViewArray(prev) && isViewArray(next)) {
    return smaller(path, next, diffArrays(path, prev, next));
  }
  return deepEqual(prev, next) ? null : whole(path, next);
}

function diffObjects(
  path: string,
  prev: ViewObject,
  next: ViewObject,
): Change | null | typeof WHOLE {
  // setData cannot delete a key: an object that lost one is sent whole.
  for (const key of Object.keys(prev)) if (!hasOwn(next, key)) return WHOLE;
  const parts: Change[] = [];
  for (const key of Object.keys(next)) {
    const value = read(next, key);
    if (!hasOwn(prev, key)) {
      if (!isPathSafeKey(key)) return WHOLE;
      parts.push(whole(`${path}.${key}`, value));
      continue;
    }
    const before = read(prev, key);
    // Most of a view is unchanged leaves: no path string, no key check for them.
    if (before === value) continue;
    if (!isPathSafeKey(key)) {
      if (!deepEqual(before, value)) return WHOLE;
    } else {
      const change = diffAt(`${path}.${key}`, before, value);
      if (change !== null) parts.push(change);
    }
  }
  return combine(parts);
}

function diffArrays(path: string, prev: ViewArray, next: ViewArray): Change | null | typeof WHOLE {
  if (prev.length > 0 && prev.length <= next.length && allHaveIds(next)) {
    const parts: Change[] = [];
    next.forEach((value, index) => {
      if (index < prev.length && prev[index] === value) return;
      const itemPath = `${path}[${index}]`;
      const before = index < prev.length ? prev[index] : undefined;
      // Another item at this index (a tile moved in): that item whole, keyed anew by wx:key.
      const change =
        before !== undefined && itemId(before) === itemId(value)
          ? diffAt(itemPath, before, value)
          : whole(itemPath, value);
      if (change !== null) parts.push(change);
    });
    return combine(parts);
  }
  // Removal (setData cannot shorten an array by paths), primitives, objects without ids.
  return deepEqual(prev, next) ? null : WHOLE;
}

function itemId(value: ViewValue | undefined): string | null {
  if (value === undefined || !isViewObject(value)) return null;
  const id = value['id'];
  return typeof id === 'string' ? id : null;
}

function allHaveIds(items: ViewArray): boolean {
  return items.every((item) => itemId(item) !== null);
}

function checkRootKey(key: string): void {
  if (!isPathSafeKey(key)) {
    throw new TypeError(`diffView: top-level key ${JSON.stringify(key)} is not a setData path`);
  }
}

/**
 * The smallest setData paths that turn the displayed `prev` into `next`; `{}` when nothing changed.
 *
 * - `prev === null` (first send): every top-level key, whole.
 * - Objects: `a.b` paths for changed leaves; an object that lost a key, or whose changed key holds
 *   `.`, `[` or `]`, is sent whole. Whole replacement wins whenever its JSON is not larger.
 * - Arrays of objects with string `id`s, not shorter: per-item paths where an index keeps its id
 *   (`players[2].muteVideo`), `list[n]` whole where another item took the index or was appended;
 *   a shorter array is sent whole.
 * - Other arrays: whole when any item differs.
 * - A top-level key that disappeared is sent as null (setData cannot delete a data key).
 * - Top-level keys must be path-safe; others throw a TypeError.
 *
 * Inputs are never mutated; patch values share structure with `next`.
 */
export function diffView(prev: ViewState | null, next: ViewState): SetDataPatch {
  const patch: SetDataPatch = {};
  for (const key of Object.keys(next)) {
    checkRootKey(key);
    const value = read(next, key);
    const change =
      prev !== null && hasOwn(prev, key) ? diffAt(key, read(prev, key), value) : whole(key, value);
    for (const [path, entry] of change?.entries_ ?? []) define(patch, path, entry);
  }
  if (prev !== null) {
    for (const key of Object.keys(prev)) {
      if (hasOwn(next, key) || read(prev, key) === null) continue;
      checkRootKey(key);
      define(patch, key, null);
    }
  }
  return patch;
}

/** UTF-8 bytes of `JSON.stringify(patch)`: the payload measure. */
export function patchBytes(patch: SetDataPatch): number {
  return jsonBytes(patch);
}

export interface ViewPatcherOptions {
  /** The current full view, as plain data. */
  read(): ViewState;
  /** The page's or component's setData. */
  setData(patch: SetDataPatch): void;
  /** Runs `flush` once, later: `wx.nextTick` in a mini-program. */
  defer(flush: () => void): void;
  /**
   * What the view holds before the first flush (the component's `data`): that flush sends only
   * the keys whose values differ from it. Without it, the first flush sends every key.
   */
  initial?(): Readonly<Record<string, unknown>>;
}

/** The keys of `next` that `held` already has, as the view they make up. */
function heldPart(held: Readonly<Record<string, unknown>>, next: ViewState): ViewState {
  const part: Record<string, ViewValue> = {};
  for (const key of Object.keys(next)) {
    if (hasOwn(held, key)) part[key] = held[key] as ViewValue;
  }
  return part;
}

export interface ViewPatcher {
  /** Schedules one flush for the next tick; further calls before it runs change nothing. */
  invalidate(): void;
  /** Reads the view and sends what changed since the last sent view, if anything. */
  flush(): void;
  /** setData calls made and their payload bytes (a snapshot; `reset` keeps them). */
  readonly stats: { readonly calls: number; readonly bytes: number };
  /** Forgets the last sent view: the next flush sends the full view. */
  reset(): void;
  /** No setData after this, including from an already scheduled flush. */
  dispose(): void;
}

/**
 * Coalesces view changes into at most one setData per tick.
 *
 * The last sent view is kept as a deep-frozen copy, so `read()` may return objects that the caller
 * later mutates in place; copying costs O(view size) per flush that sends something.
 */
export function createViewPatcher(options: ViewPatcherOptions): ViewPatcher {
  const { defer } = options;
  let sent: ViewState | null = null;
  let first = options.initial;
  let scheduled = false;
  let disposed = false;
  let calls = 0;
  let bytes = 0;

  const flush = (): void => {
    if (disposed) return;
    const next = options.read();
    const held = first === undefined ? sent : heldPart(first(), next);
    first = undefined;
    const patch = diffView(held, next);
    if (Object.keys(patch).length === 0) {
      if (sent === null && held !== null) sent = frozenObjectCopy(next);
      return;
    }
    const size = patchBytes(patch);
    const previous = held;
    // Recorded before setData so that a flush re-entered from setData does not send it again.
    sent = frozenObjectCopy(next);
    try {
      options.setData(patch);
    } catch (error) {
      sent = previous;
      throw error;
    }
    calls += 1;
    bytes += size;
  };

  const scheduledFlush = (): void => {
    scheduled = false;
    flush();
  };

  return {
    invalidate(): void {
      if (disposed || scheduled) return;
      scheduled = true;
      try {
        defer(scheduledFlush);
      } catch (error) {
        scheduled = false;
        throw error;
      }
    },
    flush,
    get stats() {
      return { calls, bytes };
    },
    reset(): void {
      sent = null;
    },
    dispose(): void {
      disposed = true;
      sent = null;
    },
  };
}

/**
 * What TypeScript accepts as JSON data: `T` with every property a ViewValue. Interfaces such as
 * TemplateView have no index signature, so they are checked member by member instead.
 */
export type ViewShaped<T> = T extends null | boolean | number | string
  ? T
  : T extends readonly (infer U)[]
    ? readonly ViewShaped<U>[]
    : T extends (...args: never[]) => unknown
      ? never
      : T extends object
        ? { readonly [K in keyof T]: ViewShaped<T[K]> }
        : never;

/** A typed view as the patcher's ViewState; the compiler checks it is JSON data. */
export function asViewState<T extends object>(view: T & ViewShaped<T>): ViewState {
  const state: object = view;
  return state as ViewState;
}

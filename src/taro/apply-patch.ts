// Applies a mini-program `setData` patch ({ 'players[2].style': '...', 'pusher.url': '...' }) to a
// plain data object without mutating it: every object and array on a patched path is copied, the
// rest is shared. The Taro views render what <trtc-room>'s controller sends, so they get the same
// minimal patches the native components get.

type Segment = string | number;

const SEGMENT = /([^.[\]]+)|\[(\d+)\]/g;

/** `players[2].style` → ['players', 2, 'style']. */
export function parsePath(path: string): Segment[] {
  const segments: Segment[] = [];
  SEGMENT.lastIndex = 0;
  for (let match = SEGMENT.exec(path); match !== null; match = SEGMENT.exec(path)) {
    segments.push(match[2] !== undefined ? Number(match[2]) : (match[1] as string));
  }
  return segments;
}

function copyOf(value: unknown, next: Segment | undefined): Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return value.slice();
  if (typeof value === 'object' && value !== null) return { ...(value as object) };
  return typeof next === 'number' ? [] : {};
}

function setPath(root: Record<string, unknown>, segments: readonly Segment[], value: unknown) {
  let target: Record<string | number, unknown> = root;
  for (let index = 0; index < segments.length - 1; index += 1) {
    const key = segments[index] as Segment;
    const child = copyOf(target[key], segments[index + 1]);
    target[key] = child;
    target = child as Record<string | number, unknown>;
  }
  target[segments[segments.length - 1] as Segment] = value;
}

export function applyPatch<D extends object>(data: D, patch: Readonly<Record<string, unknown>>): D {
  const next = { ...data } as Record<string, unknown>;
  for (const path of Object.keys(patch)) {
    const segments = parsePath(path);
    if (segments.length > 0) setPath(next, segments, patch[path]);
  }
  return next as D;
}

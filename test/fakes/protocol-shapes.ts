// The payload shapes docs/protocol.md declares in fenced blocks whose info string is exactly
// `json shape=<id>`, and a comparison of a value with a shape: the same keys, and the same JSON
// type for each key, all the way down.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const PROTOCOL_DOC = path.resolve(__dirname, '../../docs/protocol.md');

export type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

const OPENING = /^```json shape=([A-Za-z0-9_-]+)\s*$/;
const CLOSING = /^```\s*$/;

/** Every `json shape=<id>` block of `markdown`, by id; throws on a duplicate id or bad JSON. */
export function parseShapes(markdown: string): Map<string, unknown> {
  const shapes = new Map<string, unknown>();
  const lines = markdown.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const id = OPENING.exec(lines[i] ?? '')?.[1];
    if (id === undefined) continue;
    const start = i + 1;
    do i += 1;
    while (i < lines.length && !CLOSING.test(lines[i] ?? ''));
    if (i >= lines.length) throw new Error(`shape ${id} (line ${start}) has no closing fence`);
    if (shapes.has(id)) throw new Error(`shape ${id} is declared twice (line ${start})`);
    const text = lines.slice(start, i).join('\n');
    try {
      shapes.set(id, JSON.parse(text));
    } catch (error) {
      throw new Error(`shape ${id} (line ${start}) is not one JSON value: ${String(error)}`);
    }
  }
  return shapes;
}

export const loadProtocolShapes = (): Map<string, unknown> =>
  parseShapes(readFileSync(PROTOCOL_DOC, 'utf8'));

export function jsonType(value: unknown): JsonType | 'not JSON' {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
    case 'number':
    case 'string':
      return typeof value as 'boolean' | 'number' | 'string';
    case 'object':
      return 'object';
    default:
      return 'not JSON';
  }
}

/**
 * Where `value` differs from `shape`: an object must have exactly the shape's keys, each of the
 * shape's JSON type; an array's items are compared with the shape's first item. Empty: it fits.
 */
export function shapeProblems(value: unknown, shape: unknown, at = '$'): string[] {
  const want = jsonType(shape);
  const got = jsonType(value);
  if (want !== got) return [`${at}: ${got}, the shape has ${want}`];
  if (want === 'array') {
    const item = (shape as unknown[])[0];
    if (item === undefined) return [];
    return (value as unknown[]).flatMap((entry, i) => shapeProblems(entry, item, `${at}[${i}]`));
  }
  if (want !== 'object') return [];
  const wanted = shape as Record<string, unknown>;
  const actual = value as Record<string, unknown>;
  const missing = Object.keys(wanted).filter((key) => !(key in actual));
  const extra = Object.keys(actual).filter((key) => !(key in wanted));
  return [
    ...missing.map((key) => `${at}.${key}: missing`),
    ...extra.map((key) => `${at}.${key}: not in the shape`),
    ...Object.keys(wanted)
      .filter((key) => key in actual)
      .flatMap((key) => shapeProblems(actual[key], wanted[key], `${at}.${key}`)),
  ];
}

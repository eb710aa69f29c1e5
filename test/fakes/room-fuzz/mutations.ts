// Mutations of a valid detail: odd codes, broken or reshaped message text, deep edits of the JSON
// inside it, odd prototypes and shapes.
import type { Rng } from './rng';
import { show } from './show';
import type { Json } from './valid-details';

const HUGE_MESSAGE = `{"userlist":[${'{"userid":"alice"},'.repeat(60000)}{"userid":"bob"}]}`;

/** Values no valid detail field holds. */
export const ODD_VALUES: readonly unknown[] = [
  undefined,
  null,
  0,
  -0,
  1,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  2 ** 53,
  1e308,
  '',
  ' ',
  '1031',
  '12px',
  'true',
  true,
  false,
  [],
  [1031],
  {},
  { userlist: [] },
  'x'.repeat(2000),
];

const ODD_JSON: readonly Json[] = [
  null,
  0,
  1,
  2,
  -1,
  1e21,
  'true',
  'false',
  '',
  'main',
  'aux',
  'small',
  'MAIN',
  [],
  {},
  { userid: 'alice' },
  '__proto__',
  'x'.repeat(300),
  true,
  false,
];

const RENAMES = ['__proto__', 'constructor', 'USERID', 'userId', 'prototype', 'toString'];

const isPlainRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Sets an own property, even one named `__proto__`. */
function defineOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function copyWith(detail: Record<string, unknown>, key: string, value: unknown): object {
  const copy = { ...detail };
  if (value === undefined && key !== '__proto__') Reflect.deleteProperty(copy, key);
  else defineOwn(copy, key, value);
  return copy;
}

/** Every object and array inside a parsed JSON value. */
function containers(root: Json): (Json[] | { [key: string]: Json })[] {
  const found: (Json[] | { [key: string]: Json })[] = [];
  const walk = (node: Json): void => {
    if (typeof node !== 'object' || node === null) return;
    found.push(node);
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  return found;
}

function mutateJson(rng: Rng, message: string): [string, string] {
  let root: Json;
  try {
    root = JSON.parse(message) as Json;
  } catch {
    return [message, 'unparsable, unchanged'];
  }
  const spots = containers(root);
  const spot = spots.length > 0 ? rng.pick(spots) : undefined;
  if (spot === undefined) return [message, 'no containers'];
  const keys = Object.keys(spot);
  if (Array.isArray(spot)) {
    const op = rng.int(4);
    if (op === 0 && spot.length > 0) {
      spot.splice(rng.int(spot.length), 1);
      return [JSON.stringify(root), 'json: array item dropped'];
    }
    if (op === 1 && spot.length > 0) {
      const item = spot[rng.int(spot.length)]!;
      spot.splice(rng.int(spot.length + 1), 0, JSON.parse(JSON.stringify(item)) as Json);
      return [JSON.stringify(root), 'json: array item duplicated'];
    }
    if (op === 2) {
      spot.push(rng.pick(ODD_JSON));
      return [JSON.stringify(root), 'json: odd item appended'];
    }
    spot.reverse();
    return [JSON.stringify(root), 'json: array reversed'];
  }
  const key = keys.length > 0 ? rng.pick(keys) : 'userid';
  const op = rng.int(5);
  if (op === 0) {
    Reflect.deleteProperty(spot, key);
    return [JSON.stringify(root), `json: ${key} deleted`];
  }
  if (op === 1) {
    const to = rng.pick(RENAMES);
    const value = spot[key] ?? null;
    Reflect.deleteProperty(spot, key);
    defineOwn(spot, to, value);
    return [JSON.stringify(root), `json: ${key} renamed ${to}`];
  }
  if (op === 2) {
    // An own "__proto__" carrying a plausible field: must never be read through the prototype.
    defineOwn(spot, '__proto__', { [key]: spot[key] ?? true, hasvideo: true, hasaudio: true });
    if (rng.chance(0.5)) Reflect.deleteProperty(spot, key);
    return [JSON.stringify(root), `json: own __proto__ {${key}}`];
  }
  const value = rng.pick(ODD_JSON);
  spot[key] = value;
  return [JSON.stringify(root), `json: ${key} = ${show(value)}`];
}

/** One mutation of `detail`; returns the result and what was done. */
export function mutate(
  rng: Rng,
  detail: unknown,
  codeKey: string,
  messageKey: string,
): [unknown, string] {
  if (!isPlainRecord(detail)) return [detail, 'not a record, unchanged'];
  const message = detail[messageKey];
  const text = typeof message === 'string' ? message : undefined;
  const op = rng.weighted<number>([
    [3, 0], // code: odd value
    [1, 1], // code: another valid code (payload reinterpreted)
    [2, 2], // message: non-string
    [2, 3], // message text: truncated
    [2, 4], // message text: a character replaced or inserted
    [6, 5], // message JSON: deep edit
    [1, 6], // message: odd prefix/suffix
    [1, 7], // detail shape
    [0.05, 8], // huge message
  ]);
  switch (op) {
    case 0: {
      const value = rng.pick(ODD_VALUES);
      return [copyWith(detail, codeKey, value), `${codeKey} = ${show(value)}`];
    }
    case 1: {
      const code = rng.pick([1018, 1019, 1020, 1031, 1032, 1033, 1034, 1021, -1307, 5000]);
      return [copyWith(detail, codeKey, code), `${codeKey} swapped to ${code}`];
    }
    case 2: {
      const value = rng.pick<unknown>([
        text === undefined ? null : safeParse(text),
        null,
        42,
        [],
        { userlist: [{ userid: 'alice' }] },
        undefined,
      ]);
      return [copyWith(detail, messageKey, value), `${messageKey} = ${show(value)}`];
    }
    case 3:
      if (text === undefined) return [detail, 'no text to truncate'];
      return [copyWith(detail, messageKey, text.slice(0, rng.int(text.length))), 'truncated'];
    case 4: {
      if (text === undefined) return [detail, 'no text to edit'];
      const at = rng.int(text.length + 1);
      const char = rng.pick(['"', '{', '}', ',', '\\', '\u0000', '\uFEFF', 'x', ']', ':']);
      const insert = rng.chance(0.5);
      return [
        copyWith(detail, messageKey, text.slice(0, at) + char + text.slice(insert ? at : at + 1)),
        `${insert ? 'inserted' : 'replaced'} ${show(char)} at ${at}`,
      ];
    }
    case 5: {
      if (text === undefined) return [detail, 'no JSON to edit'];
      const [edited, note] = mutateJson(rng, text);
      return [copyWith(detail, messageKey, edited), note];
    }
    case 6: {
      if (text === undefined) return [detail, 'no text to wrap'];
      const wrapped = rng.pick([
        `{"__proto__":${text}}`,
        `\uFEFF${text}`,
        `${text}${text}`,
        ` ${text} `,
        `[${text}]`,
        text.replace('userlist', 'userList'),
      ]);
      return [copyWith(detail, messageKey, wrapped), 'message wrapped'];
    }
    case 7: {
      const shape = rng.int(5);
      if (shape === 0) return [[detail], 'wrapped in an array'];
      if (shape === 1) return [Object.create(detail) as unknown, 'fields inherited only'];
      if (shape === 2) {
        return [Object.assign(Object.create(null) as object, detail), 'null prototype'];
      }
      if (shape === 3) return [Object.freeze({ ...detail, extra: 1 }), 'frozen with extra'];
      return [copyWith(detail, codeKey, undefined), `${codeKey} missing`];
    }
    default:
      return [copyWith(detail, messageKey, HUGE_MESSAGE), 'huge message'];
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

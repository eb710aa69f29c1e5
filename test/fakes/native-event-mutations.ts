// Mutations of native event details (fast-check): what a hostile or broken engine might send.
import fc from 'fast-check';
import type { Detail } from './native-events';

/** A change applied to a detail; the result may be anything at all. */
export type Mutation = (detail: unknown) => unknown;

const isObject = (value: unknown): value is Detail =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const setKey =
  (key: string, value: unknown): Mutation =>
  (d) =>
    isObject(d) ? { ...d, [key]: value } : d;

const deleteKey =
  (key: string): Mutation =>
  (d) => {
    if (!isObject(d)) return d;
    const copy = { ...d };
    Reflect.deleteProperty(copy, key);
    return copy;
  };

const editString =
  (key: string, edit: (s: string) => string): Mutation =>
  (d) => {
    const value = isObject(d) ? d[key] : undefined;
    return typeof value === 'string' ? setKey(key, edit(value))(d) : d;
  };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every object and array inside `root` with its keys, in a stable order. */
function containers(root: Json): { node: Json[] | { [key: string]: Json }; keys: string[] }[] {
  const found: { node: Json[] | { [key: string]: Json }; keys: string[] }[] = [];
  const walk = (node: Json): void => {
    if (typeof node !== 'object' || node === null) return;
    found.push({ node, keys: Object.keys(node) });
    for (const child of Object.values(node)) walk(child);
  };
  walk(root);
  return found;
}

/** Parses a JSON message, deletes or replaces one value somewhere inside, re-serializes. */
const editJson =
  (
    key: string,
    pick: number,
    replacement: Json | undefined,
    renameTo: string | undefined,
  ): Mutation =>
  (d) =>
    editString(key, (message) => {
      let root: Json;
      try {
        root = JSON.parse(message) as Json;
      } catch {
        return message;
      }
      const spots = containers(root).filter((c) => c.keys.length > 0);
      const spot = spots[pick % Math.max(spots.length, 1)];
      if (!spot) return message;
      const target = spot.keys[pick % spot.keys.length]!;
      const node = spot.node as Record<string, Json>;
      if (renameTo !== undefined && !Array.isArray(spot.node)) {
        node[renameTo] = node[target]!;
        Reflect.deleteProperty(node, target);
      } else if (replacement === undefined) {
        if (Array.isArray(spot.node)) spot.node.splice(Number(target), 1);
        else Reflect.deleteProperty(node, target);
      } else {
        node[target] = replacement;
      }
      return JSON.stringify(root);
    })(d);

const oddNumberArb = fc.oneof(
  fc.integer(),
  fc.integer({ min: -200000, max: 20000 }),
  fc.double(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, 1031.5, 2 ** 53, 1e21),
);

/** Mutations of a `{ [codeKey], [messageKey] }` detail, including deep edits of a JSON message. */
export const codedMutationArb = (codeKey: string, messageKey: string): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc.oneof(oddNumberArb, fc.string(), fc.anything()).map((v) => setKey(codeKey, v)),
    fc.constantFrom(codeKey, messageKey).map(deleteKey),
    fc
      .anything({ withNullPrototype: true, withBoxedValues: true })
      .map((v) => setKey(messageKey, v)),
    fc.nat().map((n) => editString(messageKey, (s) => s.slice(0, n % (s.length + 1)))),
    fc.tuple(fc.nat(), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 })).map(([n, c]) =>
      editString(messageKey, (s) => {
        const i = n % (s.length + 1);
        return s.slice(0, i) + c + s.slice(i + 1);
      }),
    ),
    {
      weight: 4,
      arbitrary: fc
        .tuple(
          fc.nat(),
          fc.option(fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>, { nil: undefined }),
          fc.option(fc.constantFrom('__proto__', 'constructor', 'USERID', 'userlist', 'x'), {
            freq: 5,
            nil: undefined,
          }),
        )
        .map(([pick, replacement, rename]) => editJson(messageKey, pick, replacement, rename)),
    },
    fc.constantFrom<Mutation>(
      (d) => (isObject(d) ? Object.assign(Object.create(null) as Detail, d) : d),
      (d) => (isObject(d) ? (Object.create(d) as unknown) : d),
      (d) => (isObject(d) ? [d] : d),
      (d) => editString(messageKey, (s) => `{"__proto__":${s}}`)(d),
      (d) => editString(messageKey, (s) => s + s.repeat(3))(d),
    ),
  );

/** Mutations of a detail whose fields are plain values (netstatus info, volume, fullscreen). */
export const fieldMutationArb = (keys: readonly string[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    fc
      .tuple(
        fc.constantFrom(...keys),
        fc.oneof(
          oddNumberArb,
          fc.constantFrom<unknown>('', ' ', '12', '1e3', '0x10', 'abc', '12px', true, null, [], {}),
          fc.anything({ withBoxedValues: true, withBigInt: true }),
        ),
      )
      .map(([key, value]) => setKey(key, value)),
    fc.constantFrom(...keys).map(deleteKey),
  );

/** Applies a mutation to `info` inside a netstatus detail. */
export const inInfo =
  (mutation: Mutation): Mutation =>
  (d) =>
    isObject(d) ? { ...d, info: mutation(d['info']) } : d;

export const applyAll = (detail: unknown, mutations: readonly Mutation[]): unknown =>
  mutations.reduce((d, m) => m(d), detail);

/** Any value at all, in the shapes fast-check can make. */
export const anythingArb: fc.Arbitrary<unknown> = fc.anything({
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  stringUnit: 'binary',
});

import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import type { PlayerView } from '../src/core/room/room-types';
import type { SetDataPatch, ViewState, ViewValue } from '../src/core/store/view-patch';
import { createViewPatcher, diffView, patchBytes } from '../src/core/store/view-patch';

type Arb = fc.Arbitrary<ViewValue>;
type Mutable = null | boolean | number | string | Mutable[] | { [key: string]: Mutable };

const player = (userId: string): PlayerView => ({
  ...{ id: `${userId}_main`, userId, streamType: 'main', mode: 'RTC', autoplay: true },
  ...{ src: `room://cloud.tencent.com/rtc?userid=${userId}&streamtype=main`, quality: 'big' },
  ...{ muteVideo: false, muteAudio: false, hasVideo: true, hasAudio: true, minCache: 1 },
  ...{ objectFit: 'fillCrop', orientation: 'vertical', soundMode: 'speaker', maxCache: 2 },
  ...{ enableRecvMessage: false, autoPauseIfNavigate: true, autoPauseIfOpenNative: true },
  enableAutoRotation: false,
  pictureInPictureMode: '',
  enableCasting: false,
});
// PlayerView is an interface: spread copies are what satisfy ViewValue's index signature.
const roomView = (players: readonly PlayerView[], extra: ViewState = {}): ViewState => ({
  players: players.map((p) => ({ ...p })),
  ...extra,
});
const four = ['ann', 'bob', 'cat', 'dan'].map((id) => player(id));
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) Object.values(value).forEach(deepFreeze);
  return Object.freeze(value);
}

/** A tiny setData: each key is a path; every intermediate must already exist with the right type. */
function applyPatch(data: Record<string, Mutable>, patch: SetDataPatch): void {
  for (const [path, value] of Object.entries(patch)) {
    const match = /^([^.[\]]+)((?:\.[^.[\]]+|\[\d+\])*)$/.exec(path);
    if (match === null) throw new Error(`bad path ${path}`);
    const steps: (string | number)[] = [match[1]!];
    for (const [, key, index] of match[2]!.matchAll(/\.([^.[\]]+)|\[(\d+)\]/g)) {
      steps.push(index === undefined ? key! : Number(index));
    }
    let target: Mutable = data;
    steps.forEach((step, i) => {
      const last = i === steps.length - 1;
      if (typeof step === 'number') {
        if (!Array.isArray(target) || step > target.length)
          throw new Error(`${path}: no [${step}]`);
        if (last) target[step] = clone(value) as Mutable;
        else target = target[step]!;
      } else {
        if (typeof target !== 'object' || target === null || Array.isArray(target)) {
          throw new Error(`${path}: .${step} of a non-object`);
        }
        if (last) Object.defineProperty(target, step, { value: clone(value), enumerable: true });
        else if (Object.prototype.hasOwnProperty.call(target, step)) target = target[step]!;
        else throw new Error(`${path}: missing ${step}`);
      }
    });
  }
}

describe('diffView: concrete patches', () => {
  it('sends every top-level key whole first, then one path for one toggled attribute', () => {
    const view = { players: [], title: 'room 1', local: { camera: true } };
    expect(Object.entries(diffView(null, view))).toEqual(Object.entries(view));
    const next = roomView(four.map((p, i) => (i === 2 ? { ...p, muteVideo: true } : p)));
    expect(diffView(roomView(four), next)).toEqual({ 'players[2].muteVideo': true });
  });

  it('sends appended players by index, with changes to the kept ones', () => {
    const eve = player('eve');
    const next = roomView([four[0]!, { ...four[1]!, muteAudio: true }, four[2]!, four[3]!, eve]);
    expect(diffView(roomView(four), next)).toEqual({
      'players[1].muteAudio': true,
      'players[4]': { ...eve },
    });
  });

  it('replaces the array whole on removal; an item whole where another id took its index', () => {
    const removed = roomView([four[0]!, four[2]!, four[3]!]);
    expect(diffView(roomView(four), removed)).toEqual({ players: removed['players'] });
    const reordered = roomView([four[1]!, four[0]!, four[2]!, four[3]!]);
    expect(diffView(roomView(four), reordered)).toEqual({
      'players[0]': four[1],
      'players[1]': four[0],
    });
    const renamed = roomView([...four.slice(0, 3), player('zed')]);
    expect(diffView(roomView(four), renamed)).toEqual({ 'players[3]': player('zed') });
    // A new item in front shifts every index: the array whole is smaller than every item.
    const shifted = roomView([player('zed'), ...four]);
    expect(diffView(roomView(four), shifted)).toEqual({ players: shifted['players'] });
  });

  it('replaces arrays of primitives or of objects without ids whole', () => {
    expect(diffView({ tags: [1, 2, 3] }, { tags: [1, 2, 4] })).toEqual({ tags: [1, 2, 4] });
    const rows = [
      { n: 1, label: 'a long enough label' },
      { n: 2, label: 'another label' },
    ];
    const next = [rows[0]!, { ...rows[1]!, n: 3 }];
    expect(diffView({ rows }, { rows: next })).toEqual({ rows: next });
  });

  it('sends nested leaves as dotted paths, and added keys as paths', () => {
    const prev = { local: { pusher: { enableCamera: true, beauty: 3, mode: 'RTC' }, volume: 0 } };
    const next = { local: { pusher: { enableCamera: true, beauty: 5, mode: 'RTC' }, volume: 0 } };
    expect(diffView(prev, next)).toEqual({ 'local.pusher.beauty': 5 });
    const added = { local: { ...prev.local, pusher: { ...prev.local.pusher, whiteness: 2 } } };
    expect(diffView(prev, added)).toEqual({ 'local.pusher.whiteness': 2 });
  });

  it('sends the parent whole when a key was removed', () => {
    const prev = { local: { pusher: { enableCamera: true, beauty: 3 }, volume: 0 } };
    const next = { local: { pusher: { enableCamera: true }, volume: 0 } };
    expect(diffView(prev, next)).toEqual({ 'local.pusher': { enableCamera: true } });
    const prevPlayers = roomView(four);
    const bare: Record<string, ViewValue> = { ...four[1]! };
    delete bare['quality'];
    const next2 = { players: [{ ...four[0]! }, bare, { ...four[2]! }, { ...four[3]! }] };
    expect(diffView(prevPlayers, next2)).toEqual({ 'players[1]': bare });
  });

  it('sends the parent whole when a changed key cannot be a path', () => {
    const long = 'a value long enough that paths would otherwise win';
    const prev = { meta: { 'x.y': 1, 'z[0]': 2, other: long } };
    expect(diffView(prev, { meta: { ...prev.meta, 'x.y': 9 } })).toEqual({
      meta: { 'x.y': 9, 'z[0]': 2, other: long },
    });
    expect(diffView(prev, { meta: { ...prev.meta, 'z[0]': 9 } })).toEqual({
      meta: { 'x.y': 1, 'z[0]': 9, other: long },
    });
    expect(diffView(prev, { meta: { ...prev.meta, other: 'b' } })).toEqual({ 'meta.other': 'b' });
    const added = { meta: { ...prev.meta, 'new.key': true } };
    expect(diffView(prev, added)).toEqual(added);
    expect(() => diffView(null, { 'a.b': 1 })).toThrow(TypeError);
  });

  it('picks whole replacement when its JSON is not larger, paths otherwise', () => {
    const prev = { state: { a: 1, b: 2, c: 3 }, s: { a: 1, b: 2, c: 3 } };
    const next = { state: { a: 4, b: 5, c: 6 }, s: { a: 4, b: 5, c: 6 } };
    // `state`: paths cost 37 bytes as a patch, whole 29. `s`: both cost 25, and a tie goes whole.
    expect(patchBytes({ 'state.a': 4, 'state.b': 5, 'state.c': 6 })).toBe(37);
    expect(patchBytes({ state: next.state })).toBe(29);
    expect(patchBytes({ 's.a': 4, 's.b': 5, 's.c': 6 })).toBe(patchBytes({ s: next.s }));
    expect(diffView(prev, next)).toEqual(next);
    const muted = roomView(four.map((p) => ({ ...p, muteVideo: true })));
    const patch = diffView(roomView(four), muted);
    expect(Object.keys(patch)).toEqual([0, 1, 2, 3].map((i) => `players[${i}].muteVideo`));
    expect(patchBytes(patch)).toBeLessThan(patchBytes({ players: muted['players']! }));
  });

  it('sends nothing for deep-equal views, and treats 0 and -0 as equal', () => {
    expect(diffView(roomView(four), clone(roomView(four)))).toEqual({});
    expect(diffView({ v: { n: 0, l: [0] } }, { v: { n: -0, l: [-0] } })).toEqual({});
  });

  it('replaces on type changes and sends a vanished top-level key as null', () => {
    expect(diffView({ a: { x: 1 }, b: null }, { a: [1], b: { y: 2 } })).toEqual({
      a: [1],
      b: { y: 2 },
    });
    expect(diffView({ a: 1, gone: 'x', nil: null }, { a: 1 })).toEqual({ gone: null });
  });

  it('keeps keys such as __proto__ as plain data', () => {
    const next = JSON.parse('{"o":{"a":1,"__proto__":{"b":2}}}') as ViewState;
    const patch = diffView({ o: { a: 1 } }, next);
    expect(Object.keys(patch)).toEqual(['o.__proto__']);
    expect(Object.getPrototypeOf(patch)).toBe(Object.prototype);
  });

  it('measures UTF-8 bytes of the JSON', () => {
    const patch = { 'players[0].userId': '主播😀', note: 'é\\"' };
    expect(patchBytes(patch)).toBe(Buffer.byteLength(JSON.stringify(patch), 'utf8'));
    expect(patchBytes({})).toBe(2);
  });
});

function harness(initial: ViewState) {
  let view = initial;
  const queue: (() => void)[] = [];
  const sent: SetDataPatch[] = [];
  const patcher = createViewPatcher({
    read: () => view,
    setData: (patch) => void sent.push(patch),
    defer: (flush) => void queue.push(flush),
  });
  const tick = (): void => queue.splice(0).forEach((flush) => flush());
  const show = (next: ViewState): void => {
    view = next;
    patcher.invalidate();
  };
  return { patcher, sent, queue, tick, show };
}

describe('createViewPatcher', () => {
  it('with `initial`, the first flush sends only what the view does not hold yet', () => {
    let view: ViewState = { a: 1, list: [], nested: { x: 1, y: 2 }, fresh: 'new' };
    const sent: SetDataPatch[] = [];
    // The component's data: the view's initial values plus properties the view never sends.
    const data = { a: 1, list: [], nested: { x: 1, y: 3 }, userId: 'alice' };
    const patcher = createViewPatcher({
      read: () => view,
      setData: (patch) => void sent.push(patch),
      defer: () => undefined,
      initial: () => data,
    });
    patcher.flush();
    expect(sent).toEqual([{ 'nested.y': 2, fresh: 'new' }]);
    view = { ...view, a: 2 };
    patcher.flush();
    expect(sent[1]).toEqual({ a: 2 });
  });

  it('with `initial` holding the whole view, sends nothing until something changes', () => {
    let view: ViewState = { a: 1, b: [1, 2] };
    const sent: SetDataPatch[] = [];
    const patcher = createViewPatcher({
      read: () => view,
      setData: (patch) => void sent.push(patch),
      defer: () => undefined,
      initial: () => ({ a: 1, b: [1, 2] }),
    });
    patcher.flush();
    expect(sent).toEqual([]);
    view = { a: 1, b: [1, 3] };
    patcher.flush();
    expect(sent).toEqual([{ b: [1, 3] }]);
  });

  it('coalesces 10 invalidations in one tick into one setData', () => {
    const h = harness(roomView(four.slice(0, 1)));
    h.patcher.flush();
    for (let n = 1; n <= 10; n++) h.show(roomView(four.slice(0, (n % 4) + 1)));
    expect(h.queue).toHaveLength(1);
    h.tick();
    const appended = { 'players[1]': { ...four[1]! }, 'players[2]': { ...four[2]! } };
    expect(h.sent).toEqual([roomView(four.slice(0, 1)), appended]);
    const first = patchBytes(roomView(four.slice(0, 1)));
    expect(h.patcher.stats).toEqual({ calls: 2, bytes: first + patchBytes(appended) });
  });

  it('sends nothing for a tick that changes nothing displayed', () => {
    const h = harness(roomView(four));
    h.patcher.flush();
    h.show(roomView(four.map((p) => ({ ...p, muteAudio: true }))));
    h.show(roomView(four));
    h.tick();
    h.patcher.invalidate();
    h.tick();
    expect(h.patcher.stats.calls).toBe(1);
  });

  it('runs a scripted room: exact patches, counts and bytes', () => {
    const h = harness(roomView([], { connection: 'entering' }));
    const steps: [ViewState, SetDataPatch][] = [
      [roomView([], { connection: 'joined' }), { players: [], connection: 'joined' }],
      [roomView(four.slice(0, 1), { connection: 'joined' }), { players: [{ ...four[0]! }] }],
      [roomView(four.slice(0, 2), { connection: 'joined' }), { 'players[1]': { ...four[1]! } }],
      [roomView(four.slice(0, 2), { connection: 'joined' }), {}],
      [
        roomView([four[0]!, { ...four[1]!, hasVideo: false }], { connection: 'reconnecting' }),
        { 'players[1].hasVideo': false, connection: 'reconnecting' },
      ],
      [
        roomView([four[1]!], { connection: 'joined' }),
        { players: [{ ...four[1]! }], connection: 'joined' },
      ],
    ];
    let [bytes, fullViews] = [0, 0];
    for (const [view, expected] of steps) {
      h.show(view);
      h.show(view);
      h.tick();
      if (Object.keys(expected).length === 0) continue;
      expect(h.sent.pop()).toEqual(expected);
      bytes += patchBytes(expected);
      fullViews += patchBytes(view);
    }
    expect(h.patcher.stats).toEqual({ calls: 5, bytes });
    expect(bytes).toBeLessThan(fullViews * 0.6);
  });

  it('sees in-place mutations because it keeps its own frozen copy', () => {
    const view = { players: four.map((p): { [key: string]: ViewValue } => ({ ...p })) };
    const h = harness(view);
    h.patcher.flush();
    view.players[3]!['muteVideo'] = true;
    h.patcher.invalidate();
    h.tick();
    expect(h.sent[1]).toEqual({ 'players[3].muteVideo': true });
  });

  it('resends everything after reset, and nothing after dispose', () => {
    const h = harness(roomView(four));
    h.patcher.flush();
    h.patcher.reset();
    h.patcher.flush();
    expect(h.sent).toEqual([roomView(four), roomView(four)]);
    h.show(roomView([]));
    h.patcher.dispose();
    h.tick();
    h.show(roomView(four.slice(1)));
    h.patcher.flush();
    expect(h.queue).toHaveLength(0);
    expect(h.patcher.stats.calls).toBe(2);
  });

  it('retries a patch whose setData threw', () => {
    let fail = true;
    const sent: SetDataPatch[] = [];
    const patcher = createViewPatcher({
      read: () => ({ a: 1 }),
      setData: (patch) => {
        if (fail) throw new Error('setData failed');
        sent.push(patch);
      },
      defer: () => undefined,
    });
    expect(() => patcher.flush()).toThrow('setData failed');
    fail = false;
    patcher.flush();
    expect(sent).toEqual([{ a: 1 }]);
    expect(patcher.stats.calls).toBe(1);
  });
});

describe('diffView: properties', () => {
  const long = 'room://cloud.tencent.com/rtc?userid=u';
  const leaves: ViewValue[] = [null, true, false, 0, -0, 1, 2, 'a', '', '静', '😀', long];
  const leaf = fc.constantFrom(...leaves);
  const key = fc.constantFrom('a', 'b', 'id', 'x.y', 'z[0]', 'q]', '');
  const rootKey = fc.constantFrom('a', 'b', 'players', 'local');
  const { value, object, ids } = fc.letrec<{ value: ViewValue; object: ViewValue; ids: ViewValue }>(
    (tie) => ({
      value: fc.oneof({ depthSize: 'small', maxDepth: 2 }, leaf, tie('object'), tie('ids')),
      object: fc.dictionary(key, tie('value'), { maxKeys: 3, noNullPrototype: true }),
      ids: fc
        .array(fc.record({ m: leaf, n: tie('value'), src: fc.constant(long) }), { maxLength: 5 })
        .map((items) => items.map((item, i) => ({ id: `p${i}`, ...item }))),
    }),
  );

  // `next` mostly keeps `prev`'s shape, so that paths, appends and id arrays are all exercised.
  function mutate(v: ViewValue, keys: fc.Arbitrary<string> = key, root = false): Arb {
    let deeper: Arb = leaf;
    if (Array.isArray(v)) {
      const items = fc.tuple(...v.map((item: ViewValue) => mutate(item)));
      const extra = fc.array(fc.record({ m: leaf }), { maxLength: 2 });
      deeper = fc.tuple(items, extra, fc.nat(7)).map(([kept, added, op]) => {
        const out = [...kept, ...added.map((item, i) => ({ id: `p${kept.length + i}`, ...item }))];
        if (op === 0) out.splice(0, 1);
        if (op === 1) out.reverse();
        return out;
      });
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v);
      const kept = fc.tuple(...entries.map(([k, item]) => fc.tuple(fc.constant(k), mutate(item))));
      const drop = fc.array(fc.constantFrom(...entries.map(([k]) => k), 'none'), { maxLength: 1 });
      const added = fc.dictionary(keys, value, { maxKeys: 1, noNullPrototype: true });
      deeper = fc.tuple(kept, drop, added).map(([pairs, dropped, more]) => ({
        ...Object.fromEntries(pairs.filter(([k]) => !dropped.includes(k))),
        ...more,
      }));
    }
    if (root) return deeper;
    return fc.oneof(
      { arbitrary: fc.constant(v), weight: 2 },
      { arbitrary: value, weight: 1 },
      { arbitrary: deeper, weight: 5 },
    );
  }
  const state = fc.record(
    { players: ids, local: object, a: value },
    { requiredKeys: [], noNullPrototype: true },
  );
  const pair = state.chain((prev) => fc.tuple(fc.constant(prev), mutate(prev, rootKey, true)));

  it('applying the patch to prev yields next; never larger than whole top-level keys', () => {
    const seen = { empty: 0, dotted: 0, inItem: 0, item: 0 };
    fc.assert(
      fc.property(pair, ([prev, nextValue]) => {
        const next = nextValue as ViewState;
        const patch = diffView(deepFreeze(prev), deepFreeze(next));
        const data = clone(prev) as Record<string, Mutable>;
        applyPatch(data, patch);
        const vanished = Object.keys(prev).filter((k) => !(k in next));
        const expected = clone({ ...Object.fromEntries(vanished.map((k) => [k, null])), ...next });
        if (!isDeepStrictEqual(data, expected)) expect(data).toEqual(expected);
        const naive: SetDataPatch = {};
        const paths = Object.keys(patch);
        for (const p of paths) {
          const root = /^[^.[]+/.exec(p)![0];
          naive[root] = root in next ? next[root]! : null;
          const nested = paths.filter((q) => q.startsWith(`${p}.`) || q.startsWith(`${p}[`));
          if (nested.length > 0) throw new Error(`${p} overlaps ${nested.join()}`);
        }
        expect(patchBytes(patch)).toBeLessThanOrEqual(patchBytes(naive));
        if (paths.length === 0) seen.empty++;
        if (paths.some((p) => /^[^.[]+\./.test(p))) seen.dotted++;
        if (paths.some((p) => /\]\./.test(p))) seen.inItem++;
        if (paths.some((p) => /\[\d+\]$/.test(p))) seen.item++;
      }),
      { numRuns: 3000 },
    );
    // The generator must reach every kind of patch, not just whole replacements.
    // (Typical counts per 3000 runs: empty ~100, dotted ~240, inItem ~110, item ~140.)
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(40);
  });

  it('finds nothing between a view and itself or its copy', () => {
    fc.assert(
      fc.property(state, (view) => {
        expect(diffView(view, view)).toEqual({});
        expect(diffView(clone(view), view)).toEqual({});
      }),
      { numRuns: 2000 },
    );
  });
});

// Seeded randomness for the room fuzz: one generator per run, one seed per run from a master seed.

/** mulberry32: tiny, fast, good enough for fuzzing, and identical on every platform. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** 0 .. n-1 */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** lo .. hi, both included */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  weighted<T>(table: readonly (readonly [number, T])[]): T {
    let total = 0;
    for (const [weight] of table) total += weight;
    let roll = this.next() * total;
    for (const [weight, value] of table) {
      if (weight <= 0) continue;
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1]![1];
  }
}

/** The seed of run `run` under master seed `master` (splitmix-style finalizer). */
export function runSeed(master: number, run: number): number {
  let z = (master ^ Math.imul(run + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * Deterministic pseudo-random numbers (mulberry32). The seed generator and the log generator derive
 * every random choice from one of these, so the same `seed` always yields the same data.
 */
export class Prng {
  private state: number;

  /** @param seed any integer; different seeds give unrelated sequences. */
  constructor(seed: number) {
    this.state = (seed ^ 0x9e3779b9) >>> 0;
  }

  /** Derives an independent generator for a sub-stream (e.g. one task's log) from a seed and keys. */
  static derive(seed: number, ...keys: number[]): Prng {
    let h = (seed * 2654435761) >>> 0;
    for (const k of keys) {
      h = Math.imul(h ^ (k + 0x7f4a7c15), 0x85ebca6b) >>> 0;
      h = (h ^ (h >>> 13)) >>> 0;
    }
    return new Prng(h);
  }

  /** Uniform float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError("Prng.pick needs a non-empty array");
    return item;
  }

  /** Hex string of `length` characters. */
  hex(length: number): string {
    let s = "";
    while (s.length < length)
      s += Math.floor(this.next() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
    return s.slice(0, length);
  }
}

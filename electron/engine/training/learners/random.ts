/**
 * Seeded randomness. Every random choice in training (splits, bagging, shuffles,
 * initial weights) draws from here so a seed reproduces a model bit for bit;
 * Math.random is never used.
 */

/** xoshiro128** seeded through splitmix32: fast, 32-bit, good enough statistically. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = (): number => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    let u = 0;
    while (u === 0) u = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A child generator, so parallel consumers (trees, folds) stay independent of order. */
  fork(): Rng {
    return new Rng(this.nextU32());
  }

  shuffle<T extends { length: number; [i: number]: number }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }

  /** `k` distinct integers from [0, n), ascending. */
  sample(n: number, k: number): Uint32Array {
    const out = new Uint32Array(Math.min(k, n));
    if (out.length === n) {
      for (let i = 0; i < n; i++) out[i] = i;
      return out;
    }
    // Selection sampling (Knuth's algorithm S) keeps the result sorted without a sort.
    let chosen = 0;
    for (let i = 0; i < n && chosen < out.length; i++) {
      if ((n - i) * this.next() < out.length - chosen) out[chosen++] = i;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export function range(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

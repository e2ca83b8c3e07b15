/**
 * Seeded pseudo-random numbers for data generation and initialisation.
 *
 * Written by hand (not pure-rand/seedrandom) because it sits in the hottest loop of the
 * CPU trainer: xoshiro128** on plain 32-bit integers fills ~10^8 uniforms/s with no
 * allocation, and its state is four numbers we can store and restore.
 */

/** splitmix32: a strong 32-bit mixer used to derive independent stream seeds. */
export function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** Derive a stream seed from a user seed and any number of integer labels (instance, purpose…). */
export function deriveSeed(seed: number, ...labels: number[]): number {
  let h = mix32(seed >>> 0);
  for (const l of labels) h = mix32(h ^ mix32(l >>> 0));
  return h;
}

/** xoshiro128** generator. */
export class Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    // Four consecutive Weyl steps of the seed, each mixed: s, s + φ, s + 2φ, s + 3φ (32-bit).
    const s = seed >>> 0;
    const step = (k: number) => (s + k * 0x6d2b79f5) | 0;
    this.s0 = mix32(s);
    this.s1 = mix32(step(1));
    this.s2 = mix32(step(2));
    this.s3 = mix32(step(3));
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Next unsigned 32-bit integer. */
  nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r >>> 0;
  }

  /** Uniform on [0, 1) with 32 bits of resolution. */
  uniform(): number {
    return this.nextU32() * 2.3283064365386963e-10;
  }

  /** Standard normal (Box–Muller, caching the second value). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer in [0, k). */
  int(k: number): number {
    return Math.floor(this.uniform() * k);
  }

  /** The generator's state, to checkpoint a run. */
  getState(): [number, number, number, number] {
    return [this.s0, this.s1, this.s2, this.s3];
  }

  setState(state: readonly number[]): void {
    [this.s0, this.s1, this.s2, this.s3] = state.map((v) => v | 0) as [number, number, number, number];
    this.spareNormal = null;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

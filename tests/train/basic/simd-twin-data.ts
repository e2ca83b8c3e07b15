/**
 * The SIMD kernel's data, in plain JavaScript (part of its twin, simd-twin.ts): the same random
 * streams, the same log for geometric skips and the same sampling order, so the twin trains on
 * exactly the kernel's samples. simdSampleBatches exposes them for tests of the distribution.
 */
import type { InstanceSpec } from '../../../src/model/config';
import { Rng, deriveSeed } from '../../../src/model/rng';
import { inverseLogComplement, SIMD_DENSE_SAMPLING_FROM, type SimdLayout } from '../../../src/train/basic/simd-kernel';
import type { TwinInstance } from './simd-twin';
import { STREAM } from '../../../src/train/trainer';

const f = Math.fround;
const U24 = 2 ** -24;
const LN2 = 0.6931471805599453;
const SQRT2 = 1.4142135623730951;
/** Rows sampled together (the kernel's CHUNK). */
export const CHUNK = 32;

/** The kernel's lnUnit: ln((r + 1) / 2^32) by the same operations. */
export function lnUnit(r: number): number {
  const q = (r >>> 0) + 1;
  let e = q === 4294967296 ? 32 : 31 - Math.clz32(q);
  let x = q * 2 ** -e;
  if (x > SQRT2) {
    x *= 0.5;
    e += 1;
  }
  const s = (x - 1) / (x + 1);
  const s2 = s * s;
  const series = s * (2 + s2 * (2 / 3 + s2 * (2 / 5 + s2 * (2 / 7 + s2 * (2 / 9)))));
  return (e - 32) * LN2 + series;
}

/** xoshiro128** as the kernel runs it, with the kernel's two ways of turning draws into numbers. */
export class TwinRng {
  private readonly rng: Rng;
  constructor(seed: number) {
    this.rng = new Rng(deriveSeed(seed, STREAM.data));
  }
  next(): number {
    return this.rng.nextU32();
  }
  uniform24(): number {
    return (this.next() >>> 8) * U24;
  }
  geometric(ilq: number, cap: number): number {
    const g = Math.floor(lnUnit(this.next()) * ilq);
    return g < cap ? g : cap;
  }
}

/** The kernel's row-layout sampling of one step's batch, chunk by chunk (features outer, rows inner). */
export class RowSampler {
  private readonly nxt: Int32Array;
  constructor(
    private readonly t: Pick<TwinInstance, 'dens' | 'inv' | 'ilq' | 'rng'>,
    private readonly B: number,
  ) {
    const n = t.dens.length;
    this.nxt = new Int32Array(n);
    for (let i = 0; i < n; i++) if (t.dens[i] < SIMD_DENSE_SAMPLING_FROM) this.nxt[i] = t.rng.geometric(t.ilq[i], B);
  }

  /** Rows c0 … c0 + R − 1: dense rows and each row's active features (in feature order). */
  chunk(c0: number, R: number): { X: Float32Array[]; act: number[][] } {
    const { t, nxt, B } = this;
    const n = t.dens.length;
    const X = Array.from({ length: R }, () => new Float32Array(n));
    const act: number[][] = Array.from({ length: R }, () => []);
    for (let i = 0; i < n; i++) {
      const p = t.dens[i];
      if (p >= SIMD_DENSE_SAMPLING_FROM) {
        for (let r = 0; r < R; r++) {
          const u = t.rng.uniform24();
          if (u < p) {
            X[r][i] = f(u * t.inv[i]);
            act[r].push(i);
          }
        }
      } else {
        while (nxt[i] < c0 + R) {
          const r = nxt[i] - c0;
          X[r][i] = t.rng.uniform24();
          act[r].push(i);
          nxt[i] += 1 + t.rng.geometric(t.ilq[i], B);
        }
      }
    }
    return { X, act };
  }
}

/**
 * The samples the kernel trains one instance on in its first `steps` steps ([steps·B, n]),
 * by the kernel's own procedure for the layout: for tests of the data distribution.
 */
export function simdSampleBatches(spec: InstanceSpec, B: number, layout: SimdLayout, steps = 1): Float32Array {
  const n = spec.density.length;
  const t = {
    dens: Float32Array.from(spec.density),
    inv: Float32Array.from(spec.density, (p) => 1 / p),
    ilq: Float64Array.from(spec.density, inverseLogComplement),
    rng: new TwinRng(spec.seed),
  };
  const out = new Float32Array(steps * B * n);
  for (let s = 0; s < steps; s++) {
    if (layout === 'rows') {
      const sampler = new RowSampler(t, B);
      for (let c0 = 0; c0 < B; c0 += CHUNK) {
        const { X } = sampler.chunk(c0, Math.min(CHUNK, B - c0));
        X.forEach((row, r) => out.set(row, (s * B + c0 + r) * n));
      }
    } else {
      for (let r = 0; r < B; r++) {
        for (let i = 0; i < n; i++) {
          const u = t.rng.uniform24();
          out[(s * B + r) * n + i] = u < t.dens[i] ? f(u * t.inv[i]) : 0;
        }
      }
    }
  }
  return out;
}

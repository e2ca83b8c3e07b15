/**
 * Resampling dead latents (see Resampling in ../../model/sae/config.ts): a dead latent's decoder row
 * becomes the direction of an input of the step's batch, centred on b_dec — drawn uniformly among the
 * non-zero samples ('inputs') or with probability ∝ (its reconstruction loss)² ('loss', ARENA's
 * "advanced" resampling after Bricken et al. 2023) — its encoder row that direction × the mean norm
 * of the live encoder rows × resampleScale (a tied SAE's encoder is its unit decoder row), its encoder
 * bias 0, its threshold the initial one, and its Adam moments 0.
 */
import type { SaeInstanceSpec } from '../../model/sae/config';
import type { Rng } from '../../model/rng';
import type { SaeLayout } from './layout';

export interface ResampleArgs {
  P: Float64Array;
  M: Float64Array;
  V: Float64Array;
  base: number;
  lay: SaeLayout;
  spec: SaeInstanceSpec;
  /** The step's non-zero samples [count, m] and their (1/m)‖ĥ − h‖². */
  H: Float64Array;
  rowLoss: Float64Array;
  count: number;
  /** Per latent 1 = dead. */
  dead: Uint8Array;
  scale: number;
  initLogTheta: number;
  rng: Rng;
  /** Scratch of ≥ count numbers (the cumulative weights). */
  cumulative: Float64Array;
}

/** Resample every dead latent of one instance; returns how many were resampled. */
export function resampleDead(a: ResampleArgs): number {
  const { P, base, lay, spec, H, count, dead, rng, cumulative } = a;
  const { m } = lay;
  const L = spec.latents;
  if (count === 0) return 0;
  let total = 0;
  for (let r = 0; r < count; r++) {
    total += spec.resample === 'loss' ? a.rowLoss[r] * a.rowLoss[r] : 1;
    cumulative[r] = total;
  }
  if (!(total > 0)) return 0;
  const aliveNorm = meanLiveEncoderNorm(a);
  let done = 0;
  for (let l = 0; l < L; l++) {
    if (!dead[l]) continue;
    const u = rng.uniform() * total;
    let r = 0;
    while (r < count - 1 && cumulative[r] <= u) r++;
    const d = base + lay.wDec + l * m;
    let s = 0;
    for (let q = 0; q < m; q++) {
      const v = H[r * m + q] - P[base + lay.bDec + q];
      P[d + q] = v;
      s += v * v;
    }
    if (!(s > 0)) continue;
    const inv = 1 / Math.sqrt(s);
    for (let q = 0; q < m; q++) {
      P[d + q] *= inv;
      if (!spec.tied) P[base + lay.wEnc + l * m + q] = P[d + q] * aliveNorm * a.scale;
    }
    P[base + lay.bEnc + l] = 0;
    P[base + lay.logTheta + l] = a.initLogTheta;
    clearMoments(a, l);
    done++;
  }
  return done;
}

function meanLiveEncoderNorm(a: ResampleArgs): number {
  const { P, base, lay, spec, dead } = a;
  const { m } = lay;
  if (spec.tied) return 1;
  let sum = 0;
  let live = 0;
  for (let l = 0; l < spec.latents; l++) {
    if (dead[l]) continue;
    let s = 0;
    for (let q = 0; q < m; q++) s += P[base + lay.wEnc + l * m + q] ** 2;
    sum += Math.sqrt(s);
    live++;
  }
  return live > 0 ? sum / live : 1;
}

function clearMoments(a: ResampleArgs, l: number): void {
  const { M, V, base, lay } = a;
  const { m } = lay;
  for (const off of [lay.wEnc + l * m, lay.wDec + l * m]) {
    M.fill(0, base + off, base + off + m);
    V.fill(0, base + off, base + off + m);
  }
  for (const off of [lay.bEnc + l, lay.logTheta + l]) {
    M[base + off] = 0;
    V[base + off] = 0;
  }
}

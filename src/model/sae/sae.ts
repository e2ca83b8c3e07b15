/**
 * One trained SAE as plain arrays, and its forward pass (what the scorecard evaluates; the trainer in
 * src/train/sae has its own fused copy of the same maths). Layout: latent-major rows, see config.ts.
 */
import type { SaeKind } from './config';

export interface SaeParams {
  kind: SaeKind;
  latents: number;
  m: number;
  /** TopK's k (unused otherwise). */
  k: number;
  /** [latents, m]; for a tied SAE the same numbers as wDec. */
  wEnc: Float32Array;
  /** [latents, m], unit-norm rows. */
  wDec: Float32Array;
  bEnc: Float32Array;
  bDec: Float32Array;
  /** JumpReLU thresholds θ_j (0 for the other kinds). */
  threshold: Float32Array;
}

/**
 * z for one input h (m numbers at h[hOff…]) into z[0 … latents); `pre` receives the pre-activations.
 * TopK keeps the k largest positive pre-activations (ties: the lower latent first).
 */
export function encodeInto(p: SaeParams, h: ArrayLike<number>, hOff: number, z: Float64Array, pre: Float64Array): void {
  const { latents: L, m, wEnc, bEnc, bDec } = p;
  for (let j = 0; j < L; j++) {
    let s = bEnc[j];
    for (let q = 0; q < m; q++) s += wEnc[j * m + q] * (h[hOff + q] - bDec[q]);
    pre[j] = s;
  }
  if (p.kind === 'l1') {
    for (let j = 0; j < L; j++) z[j] = pre[j] > 0 ? pre[j] : 0;
  } else if (p.kind === 'jumprelu') {
    for (let j = 0; j < L; j++) z[j] = pre[j] > p.threshold[j] ? pre[j] : 0;
  } else {
    topKInto(pre, L, p.k, z);
  }
}

/** z ← the k largest positive entries of pre (the others 0); ties go to the lower index. */
export function topKInto(pre: ArrayLike<number>, L: number, k: number, z: Float64Array): void {
  for (let j = 0; j < L; j++) z[j] = 0;
  for (let t = 0; t < k; t++) {
    let best = -1;
    let bv = 0;
    for (let j = 0; j < L; j++) {
      if (z[j] === 0 && pre[j] > bv) {
        bv = pre[j];
        best = j;
      }
    }
    if (best < 0) return;
    z[best] = bv;
  }
}

/** ĥ = Σ_j z_j d_j + b_dec into out[0 … m). */
export function decodeInto(p: SaeParams, z: ArrayLike<number>, out: Float64Array): void {
  const { latents: L, m, wDec, bDec } = p;
  for (let q = 0; q < m; q++) out[q] = bDec[q];
  for (let j = 0; j < L; j++) {
    const zj = z[j];
    if (zj === 0) continue;
    for (let q = 0; q < m; q++) out[q] += zj * wDec[j * m + q];
  }
}

/** Unit decoder directions of an SAE (its rows are kept at unit norm; this guards against 0). */
export function decoderDirections(p: SaeParams): Float64Array {
  const { latents: L, m, wDec } = p;
  const out = new Float64Array(L * m);
  for (let j = 0; j < L; j++) {
    let s = 0;
    for (let q = 0; q < m; q++) s += wDec[j * m + q] ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let q = 0; q < m; q++) out[j * m + q] = wDec[j * m + q] * inv;
  }
  return out;
}

/**
 * Synthetic sparse features (paper-spec §1.1): feature i is exactly 0 with probability S_i,
 * otherwise uniform on [0, 1]. Fresh samples every step; there is no fixed dataset.
 */
import { Rng } from './rng';

/**
 * Fill `out[offset … offset + rows·n)` with `rows` samples of n features.
 *
 * One uniform per entry: x = u < p ? u / p : 0. P(x ≠ 0) = p, and given u < p, u / p is
 * uniform on [0, 1) — exactly the spec's distribution with half the random draws of the
 * notebook's separate value and gate.
 */
export function fillSparseUniform(
  out: Float32Array,
  offset: number,
  rows: number,
  density: Float32Array,
  rng: Rng,
): void {
  const n = density.length;
  // Precompute reciprocals: one multiply per entry in the hot loop.
  const inv = new Float64Array(n);
  for (let i = 0; i < n; i++) inv[i] = 1 / density[i];
  let o = offset;
  for (let r = 0; r < rows; r++) {
    for (let i = 0; i < n; i++, o++) {
      const u = rng.uniform();
      out[o] = u < density[i] ? u * inv[i] : 0;
    }
  }
}

/** A fresh [rows, n] batch. */
export function sparseBatch(rows: number, density: Float32Array, rng: Rng): Float32Array {
  const out = new Float32Array(rows * density.length);
  fillSparseUniform(out, 0, rows, density, rng);
  return out;
}

/** Normal(0, std²) initial weights for one instance, feature-major [n, m]. */
export function initWeights(n: number, m: number, std: number, rng: Rng): Float32Array {
  const w = new Float32Array(n * m);
  for (let i = 0; i < w.length; i++) w[i] = std * rng.normal();
  return w;
}

/**
 * Counter-based sparse samples: the value of feature f in row r at step t of an instance with
 * stream seed s is a pure function of (s, t, r, f). A GPU kernel can then make each batch where
 * it trains (train/webgl-sampler.ts) with no per-step upload, and this JS twin gives the exact
 * same numbers for tests.
 *
 * Hash: Chris Wellons' "lowbias32" integer mixer, nested once per coordinate. Uniform u takes the
 * top 24 bits (exactly representable in float32 on a GPU); x = u < p ? u / p : 0 as elsewhere.
 */
export function lowbias32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** Uniform on [0, 1) with 24 bits, for (seed, step, row, feature) of an n-feature model. */
export function counterUniform(seed: number, step: number, row: number, feature: number, n: number): number {
  const h = lowbias32((seed ^ lowbias32((step ^ lowbias32((row * n + feature) >>> 0)) >>> 0)) >>> 0);
  return (h >>> 8) / 16777216;
}

/** One [rows, n] batch from the counter hash (the reference for the GPU kernel). */
export function counterSparseBatch(seed: number, step: number, rows: number, density: ArrayLike<number>): Float32Array {
  const n = density.length;
  const out = new Float32Array(rows * n);
  for (let r = 0; r < rows; r++) {
    for (let f = 0; f < n; f++) {
      const u = counterUniform(seed, step, r, f, n);
      const p = Math.fround(density[f]);
      out[r * n + f] = u < p ? Math.fround(u / p) : 0;
    }
  }
  return out;
}

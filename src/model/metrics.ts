/**
 * Analysis quantities of a trained instance (the paper's "Demonstrating Superposition" and "Feature Dimensionality"). W
 * is feature-major [n, m]. All of them depend on W only through the Gram matrix WᵀW, hence are rotation invariant.
 */

/** Norms below this count as "not represented" for the normalised quantities (notebook clamp). */
export const NORM_EPS = 1e-6;

/** The n×n Gram matrix G_ij = W_i · W_j (the paper's WᵀW), row-major. */
export function gram(W: Float32Array, n: number, m: number): Float64Array {
  const G = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < m; k++) s += W[i * m + k] * W[j * m + k];
      G[i * n + j] = s;
      G[j * n + i] = s;
    }
  }
  return G;
}

/** ‖W_i‖ for every feature (or the norm of every row of any [n, m] matrix). */
export function featureNorms(W: ArrayLike<number>, n: number, m: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += W[i * m + k] ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** Indices of the represented features, ‖W_i‖ > minNorm (0.5: the paper's notebook's cut-off). */
export function representedFeatures(W: Float32Array, n: number, m: number, minNorm = 0.5): number[] {
  const norms = featureNorms(W, n, m);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (norms[i] > minNorm) out.push(i);
  return out;
}

/** superposition_i = Σ_{j≠i} (Ŵ_i · W_j)²; 0 for a feature with (near) zero norm. */
export function superposition(W: Float32Array, n: number, m: number, G = gram(W, n, m)): Float64Array {
  return perRepresentedFeature(G, n, (i, sq) => {
    let s = 0;
    for (let j = 0; j < n; j++) if (j !== i) s += G[i * n + j] ** 2;
    return s / sq;
  });
}

/**
 * Feature dimensionality D_i = ‖W_i‖² / Σ_j (Ŵ_i · W_j)² (the sum includes j = i);
 * defined as 0 for a feature that is not represented.
 */
export function featureDimensionality(W: Float32Array, n: number, m: number, G = gram(W, n, m)): Float64Array {
  return perRepresentedFeature(G, n, (i, sq) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += G[i * n + j] ** 2;
    return (sq * sq) / s;
  });
}

/** value(i, ‖W_i‖²) for every feature whose norm is above NORM_EPS, 0 for the others (G = WWᵀ, [n, n]). */
function perRepresentedFeature(G: Float64Array, n: number, value: (i: number, sq: number) => number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sq = G[i * n + i];
    if (!(sq < NORM_EPS * NORM_EPS)) out[i] = value(i, sq); // NaN computes (and propagates), as a NaN weight should
  }
  return out;
}

/** ‖W‖_F² = Σ_i ‖W_i‖²: roughly the number of represented features. */
export function frobeniusSquared(W: Float32Array): number {
  let s = 0;
  for (let i = 0; i < W.length; i++) s += W[i] * W[i];
  return s;
}

/** Dimensions per feature m / ‖W‖_F² (sticky at 1 and ½ in the paper); Infinity when W = 0. */
export function dimensionsPerFeature(W: Float32Array, m: number): number {
  const f = frobeniusSquared(W);
  return f > 0 ? m / f : Infinity;
}

/** Everything the charts need about one instance, computed once. */
export interface InstanceMetrics {
  gram: Float64Array;
  norms: Float64Array;
  superposition: Float64Array;
  dimensionality: Float64Array;
  frobeniusSquared: number;
  dimensionsPerFeature: number;
}

export function instanceMetrics(W: Float32Array, n: number, m: number): InstanceMetrics {
  const G = gram(W, n, m);
  return {
    gram: G,
    norms: featureNorms(W, n, m),
    superposition: superposition(W, n, m, G),
    dimensionality: featureDimensionality(W, n, m, G),
    frobeniusSquared: frobeniusSquared(W),
    dimensionsPerFeature: dimensionsPerFeature(W, m),
  };
}

/** One instance's slice of a batched weight array. */
export function instanceWeights(Wall: Float32Array, inst: number, n: number, m: number): Float32Array {
  return Wall.subarray(inst * n * m, (inst + 1) * n * m);
}

/** Angle in degrees between features i and j (NaN if either is zero). */
export function angleDegrees(W: Float32Array, m: number, i: number, j: number): number {
  let dot = 0;
  let ni = 0;
  let nj = 0;
  for (let k = 0; k < m; k++) {
    dot += W[i * m + k] * W[j * m + k];
    ni += W[i * m + k] ** 2;
    nj += W[j * m + k] ** 2;
  }
  const c = dot / Math.sqrt(ni * nj);
  return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
}

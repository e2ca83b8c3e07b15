/**
 * The toy models on plain Float32Arrays (one instance, feature-major W [n, m], b [n]).
 *   ReLU output model:  x' = ReLU(WᵀW x + b)
 *   linear model:       x' = WᵀW x + b
 * These are the reference definitions the batched trainers are tested against.
 */
import type { ModelKind } from './config';

/** h = W x for one sample (length m). */
export function hidden(W: Float32Array, x: ArrayLike<number>, n: number, m: number): Float64Array {
  return hiddenInto(new Float64Array(m), W, x, 0, n, m);
}

/** h = W x for the sample at X[xOff, xOff + n), written into h (zeroed first); zeros in x are skipped. */
export function hiddenInto(
  h: Float64Array,
  W: ArrayLike<number>,
  X: ArrayLike<number>,
  xOff: number,
  n: number,
  m: number,
): Float64Array {
  h.fill(0);
  for (let i = 0; i < n; i++) {
    const xi = X[xOff + i];
    if (xi === 0) continue;
    for (let k = 0; k < m; k++) h[k] += W[i * m + k] * xi;
  }
  return h;
}

/** x' for one sample. */
export function forward(
  W: Float32Array,
  b: Float32Array,
  x: ArrayLike<number>,
  n: number,
  m: number,
  kind: ModelKind,
): Float64Array {
  return forwardInto(new Float64Array(n), new Float64Array(m), W, b, x, 0, n, m, kind);
}

/** x' for the sample at X[xOff, xOff + n), written into out (h: scratch of length m): no allocation. */
export function forwardInto(
  out: Float64Array,
  h: Float64Array,
  W: Float32Array,
  b: Float32Array,
  X: ArrayLike<number>,
  xOff: number,
  n: number,
  m: number,
  kind: ModelKind,
): Float64Array {
  hiddenInto(h, W, X, xOff, n, m);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < m; k++) s += W[i * m + k] * h[k];
    out[i] = kind === 'relu' && s < 0 ? 0 : s;
  }
  return out;
}

/**
 * The importance-weighted squared error with the notebook's normalisation (the paper's notebook):
 * mean over the samples *and* the n features of I_i (x_i − x'_i)². (The paper's per-sample
 * loss Σ_i I_i (x_i − x'_i)² is this times n.)
 */
export function importanceWeightedMse(
  W: Float32Array,
  b: Float32Array,
  X: Float32Array,
  rows: number,
  importance: Float32Array,
  m: number,
  kind: ModelKind,
): number {
  const n = importance.length;
  // Scratch reused over the rows: the page's seed picker runs this on the main thread.
  const y = new Float64Array(n);
  const h = new Float64Array(m);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const xOff = r * n;
    forwardInto(y, h, W, b, X, xOff, n, m, kind);
    for (let i = 0; i < n; i++) {
      const e = y[i] - X[xOff + i];
      total += importance[i] * e * e;
    }
  }
  return total / (rows * n);
}

/**
 * Expected-loss tools for weights a reader sets by hand (issue 15): the loss each feature
 * contributes, and the bias that is best for a given W. Both use the stratified evaluation
 * samples of evaluate.ts (every on/off pattern of the features with its exact probability), so
 * they agree with the page's seed picker (evaluate.ts's evaluationPatterns) and see the rare co-activations that matter
 * when features are sparse.
 */
import type { ModelKind } from './config';
import { evaluationPatterns, type EvalInstance } from './evaluate';
import { forwardInto, hiddenInto } from './toy-model';

/**
 * E[I_i (y_i − x_i)²] / n for every feature i (the notebook normalisation, so the entries add up
 * to the expected loss): what each feature costs the model.
 */
export function perFeatureExpectedLoss(
  inst: EvalInstance,
  m: number,
  kind: ModelKind,
  samplesPerPattern = 256,
): Float64Array {
  const n = inst.density.length;
  const out = new Float64Array(n);
  const y = new Float64Array(n);
  const h = new Float64Array(m);
  for (const { weight, X, rows } of evaluationPatterns(inst.density, samplesPerPattern)) {
    const w = weight / rows;
    for (let r = 0; r < rows; r++) {
      forwardInto(y, h, inst.W, inst.b, X, r * n, n, m, kind);
      for (let i = 0; i < n; i++) {
        const e = y[i] - X[r * n + i];
        out[i] += (w * inst.importance[i] * e * e) / n;
      }
    }
  }
  return out;
}

/**
 * The bias that minimises the expected loss for a fixed W: each output's bias b_i only affects
 * its own error, so each is a one-dimensional problem,
 *   min_b Σ_s w_s (ReLU(z_s + b) − x_s)²,  z_s = W_i · h_s,
 * over the stratified samples s. The objective is quadratic between the breakpoints b = −z_s,
 * so sorting them and sweeping once with running sums finds the exact minimum (it is not convex:
 * a grid or a local search could stop in the wrong valley). The linear model's is the mean
 * residual. Importance scales a feature's whole error, so it does not move its best bias.
 */
export function bestResponseBias(
  W: Float32Array,
  density: Float32Array,
  m: number,
  kind: ModelKind,
  samplesPerPattern = 256,
): Float32Array {
  const n = density.length;
  const z: number[][] = Array.from({ length: n }, () => []);
  const x: number[][] = Array.from({ length: n }, () => []);
  const wt: number[] = [];
  const h = new Float64Array(m);
  for (const { weight, X, rows } of evaluationPatterns(density, samplesPerPattern)) {
    for (let r = 0; r < rows; r++) {
      hiddenInto(h, W, X, r * n, n, m);
      wt.push(weight / rows);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < m; k++) s += W[i * m + k] * h[k];
        z[i].push(s);
        x[i].push(X[r * n + i]);
      }
    }
  }
  return Float32Array.from({ length: n }, (_, i) =>
    kind === 'linear' ? meanResidual(z[i], x[i], wt) : reluBestBias(z[i], x[i], wt),
  );
}

function meanResidual(z: number[], x: number[], w: number[]): number {
  let num = 0;
  let den = 0;
  for (let s = 0; s < z.length; s++) {
    num += w[s] * (x[s] - z[s]);
    den += w[s];
  }
  return den > 0 ? num / den : 0;
}

/** Exact argmin over b of Σ w (max(0, z + b) − x)², by a sweep over the sorted breakpoints. */
function reluBestBias(z: number[], x: number[], w: number[]): number {
  // Sample s is active once b > −z_s: sorted by z descending, samples join the active set in this order as b rises.
  const order = z.map((_, s) => s).sort((a, b) => z[b] - z[a]);
  // For b in (−z[order[j]], −z[order[j−1]]] the samples order[0 … j−1] are active (z + b > 0):
  // f(b) = C_inactive + Σ_active w (z − x + b)² = A b² + 2 B b + const, A = Σ w, B = Σ w (z − x).
  let totalXX = 0;
  for (let s = 0; s < z.length; s++) totalXX += w[s] * x[s] * x[s];
  let A = 0;
  let B = 0;
  let Cact = 0; // Σ_active w (z − x)²
  let inactiveXX = totalXX;
  const f = (b: number) => A * b * b + 2 * B * b + Cact + inactiveXX;
  // No sample active: any b ≤ −max z gives the constant Σ w x².
  let bestB = z.length ? -z[order[0]] : 0;
  let bestF = totalXX;
  for (let j = 0; j < order.length; j++) {
    const s = order[j];
    const d = z[s] - x[s];
    A += w[s];
    B += w[s] * d;
    Cact += w[s] * d * d;
    inactiveXX -= w[s] * x[s] * x[s];
    // Interval where exactly order[0 … j] are active: b in (−z[s], upper].
    const lo = -z[s];
    const hi = j + 1 < order.length ? -z[order[j + 1]] : Infinity;
    if (A <= 0) continue;
    const stationary = -B / A;
    const candidate = Math.min(hi, Math.max(lo, stationary));
    const v = f(candidate);
    if (v < bestF) {
      bestF = v;
      bestB = candidate;
    }
  }
  return bestB;
}

/**
 * Inside one forward pass (footnotes 25, 27, 19). Under the linear-representation view a hidden
 * vector is a sum of feature directions scaled by the active features' values, h = Σ_i x_i W_i
 * (footnote 25); several features active at once are just co-occurring terms of that sum
 * (footnote 27). Reading a feature back, (WᵀWx)_i = x_i‖W_i‖² + Σ_{j≠i} x_j (W_i·W_j), mixes in
 * every other active feature that shares its direction: the interference the ReLU and bias must
 * filter. And because features in superposition share directions, deleting one feature's
 * direction from the hidden space also damages the others (footnote 19) — which this measures.
 */
import { perFeature, type ModelKind } from '../config';
import { sparseBatch } from '../data';
import { EVAL_STREAM } from '../evaluate';
import { Rng, deriveSeed } from '../rng';
import { hiddenInto } from '../toy-model';

export interface FeatureContribution {
  feature: number;
  value: number;
  /** x_i W_i, length m: this feature's term of h (arrows tip to tail in 2-D). */
  vector: Float64Array;
}

export interface ForwardDecomposition {
  /** One entry per active (non-zero) input feature, in feature order. */
  contributions: FeatureContribution[];
  /** h = W x = Σ contributions (length m). */
  h: Float64Array;
  /** o_i = W_i·h + b_i before the ReLU (length n). */
  preActivation: Float64Array;
  /** x' = ReLU(o) (or o for the linear model). */
  output: Float64Array;
  /** x_i ‖W_i‖²: the feature reading itself back. */
  selfTerm: Float64Array;
  /** Σ_{j≠i} x_j (W_i·W_j): the part of (WᵀWx)_i that other features put there. */
  interference: Float64Array;
}

/** Decompose one forward pass of one instance (feature-major W [n, m]). */
export function decomposeForwardPass(
  W: Float32Array,
  b: Float32Array,
  x: ArrayLike<number>,
  n: number,
  m: number,
  kind: ModelKind,
): ForwardDecomposition {
  const contributions: FeatureContribution[] = [];
  const h = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const vector = new Float64Array(m);
    for (let k = 0; k < m; k++) {
      vector[k] = xi * W[i * m + k];
      h[k] += vector[k];
    }
    contributions.push({ feature: i, value: xi, vector });
  }
  const preActivation = new Float64Array(n);
  const output = new Float64Array(n);
  const selfTerm = new Float64Array(n);
  const interference = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let wh = 0;
    let sq = 0;
    for (let k = 0; k < m; k++) {
      wh += W[i * m + k] * h[k];
      sq += W[i * m + k] ** 2;
    }
    selfTerm[i] = x[i] * sq;
    interference[i] = wh - selfTerm[i];
    const o = wh + b[i];
    preActivation[i] = o;
    output[i] = kind === 'relu' && o < 0 ? 0 : o;
  }
  return { contributions, h, preActivation, output, selfTerm, interference };
}

export interface DirectionRemoval {
  feature: number;
  /** Per feature: E[I_i (x_i − x'_i)²] over the evaluation set, before and after the removal. */
  before: Float64Array;
  after: Float64Array;
  /** after − before. */
  change: Float64Array;
  /** after / before − 1 (NaN where before = 0). */
  relativeChange: Float64Array;
}

/**
 * Project feature `feature`'s direction out of the hidden space, h ← h − (h·Ŵ_f)Ŵ_f, and compare
 * every feature's expected loss before and after on one fixed evaluation set (the evaluation
 * stream of model/evaluate.ts, so before/after see the same inputs). Without superposition only
 * feature f loses; with it, every feature that overlaps Ŵ_f is damaged too. A feature whose W_f
 * is ~0 has no direction to remove: nothing changes.
 */
export function removeDirectionLossChange(
  W: Float32Array,
  b: Float32Array,
  n: number,
  m: number,
  kind: ModelKind,
  importance: number | ArrayLike<number>,
  density: number | ArrayLike<number>,
  feature: number,
  opts: { samples?: number; seed?: number } = {},
): DirectionRemoval {
  if (!(feature >= 0 && feature < n)) throw new RangeError(`feature must be in [0, ${n})`);
  const imp = perFeature(n, importance);
  const samples = opts.samples ?? 20_000;
  const X = sparseBatch(samples, perFeature(n, density), new Rng(deriveSeed(opts.seed ?? 1, EVAL_STREAM)));
  const u = new Float64Array(m);
  let norm = 0;
  for (let k = 0; k < m; k++) norm += W[feature * m + k] ** 2;
  norm = Math.sqrt(norm);
  if (norm > 1e-6) for (let k = 0; k < m; k++) u[k] = W[feature * m + k] / norm;
  const before = new Float64Array(n);
  const after = new Float64Array(n);
  const h = new Float64Array(m);
  const hp = new Float64Array(m);
  const relu = kind === 'relu';
  for (let r = 0; r < samples; r++) {
    const xo = r * n;
    hiddenInto(h, W, X, xo, n, m);
    let proj = 0;
    for (let k = 0; k < m; k++) proj += h[k] * u[k];
    for (let k = 0; k < m; k++) hp[k] = h[k] - proj * u[k];
    for (let i = 0; i < n; i++) {
      let o = b[i];
      let op = b[i];
      for (let k = 0; k < m; k++) {
        o += W[i * m + k] * h[k];
        op += W[i * m + k] * hp[k];
      }
      const y = relu && o < 0 ? 0 : o;
      const yp = relu && op < 0 ? 0 : op;
      before[i] += imp[i] * (y - X[xo + i]) ** 2;
      after[i] += imp[i] * (yp - X[xo + i]) ** 2;
    }
  }
  const change = new Float64Array(n);
  const relativeChange = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    before[i] /= samples;
    after[i] /= samples;
    change[i] = after[i] - before[i];
    relativeChange[i] = before[i] > 0 ? after[i] / before[i] - 1 : NaN;
  }
  return { feature, before, after, change, relativeChange };
}

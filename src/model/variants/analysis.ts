/**
 * Analyses of the variant models (the paper's "Non-Uniform Superposition", "Relationship to Adversarial Robustness",
 * "Superposition in a Privileged Basis" and "Computation in Superposition"): neuron-level mono/polysemanticity and
 * neuron stack plots for the privileged-basis models, the asymmetric-superposition motif of the abs model and
 * within-set geometry of correlated features (the adversarial attack is in ./adversarial.ts).
 *
 * Weights are feature-major [n, m] as everywhere in the project: neuron k's input weights are the
 * column W1[i·m + k] over features i, its output weights the column W2[i·m + k]. Tied models pass
 * the same W for both (or leave W2 out).
 */
import type { FeatureSet } from '../config';
import { angleDegrees } from '../metrics';

type Weights = ArrayLike<number>;

// ---------------------------------------------------------------------------------------------
// Neurons: monosemantic / polysemantic

export type NeuronStatus = 'monosemantic' | 'polysemantic' | 'dead';

export interface NeuronClass {
  neuron: number;
  status: NeuronStatus;
  /** Represented feature with the largest |input weight|. */
  primary: number;
  /** Its share of the neuron's squared input-weight mass over represented features. */
  primaryShare: number;
  /** Represented features holding at least `featureShare` of that mass, largest first. */
  features: number[];
  /** ‖W1 column‖ · ‖W2 column‖ (‖W column‖² tied): invariant to the abs model's rescaling. */
  strength: number;
}

export interface NeuronClassOptions {
  /** Output weights (untied models); default: tied, W2 = W1. */
  W2?: Weights;
  /** A neuron is monosemantic when one feature holds at least this share of its squared mass. */
  monoShare?: number;
  /** A neuron is dead when its strength is below this. */
  deadStrength?: number;
  /**
   * Inputs are never negative (every kind but 'abs') and the hidden layer is a ReLU: a neuron with
   * no positive input weight never fires, so it counts as dead.
   */
  nonNegativeInputs?: boolean;
  /** Share that lists a feature in NeuronClass.features. */
  featureShare?: number;
  /** Self gain that makes a feature represented (see representedByGain). */
  representedGain?: number;
  /** Override: which features count (default representedByGain(...)). */
  represented?: ArrayLike<boolean>;
}

/** The defaults of classifyNeurons. */
export const NEURON_RULE = Object.freeze({
  monoShare: 0.9,
  deadStrength: 0.01,
  featureShare: 0.05,
  representedGain: 0.25,
});

/**
 * Features the model represents: self gain Σ_k |W1[i,k] · W2[i,k]| ≥ minGain (0.25). For a tied
 * model that is ‖W_i‖² (represented when ‖W_i‖ ≥ 0.5); for the abs model it is the gain from
 * |x_i| to its own output through the ReLU(x) and ReLU(−x) neurons together (1 for a feature
 * computed exactly). Invariant to rescaling neurons.
 */
export function representedByGain(
  W1: Weights,
  n: number,
  m: number,
  W2: Weights = W1,
  minGain: number = NEURON_RULE.representedGain,
): boolean[] {
  return Array.from({ length: n }, (_, i) => {
    let g = 0;
    for (let k = 0; k < m; k++) g += Math.abs(W1[i * m + k] * W2[i * m + k]);
    return g >= minGain;
  });
}

/**
 * Classify every hidden neuron. Rule: dead if its strength ‖W1_k‖·‖W2_k‖ < deadStrength, if it has
 * no weight on a represented feature, or, on non-negative inputs, if no input weight is positive;
 * otherwise monosemantic if a single feature holds ≥ monoShare (90%) of Σ_i W1[i,k]² taken over
 * the represented features, polysemantic if not. Restricting to represented features keeps the
 * small leftover weights of features the model dropped from counting as polysemanticity.
 * Negative weights count: in the paper's binary codes a −1 weight is how a feature shares a neuron.
 */
export function classifyNeurons(W1: Weights, n: number, m: number, opts: NeuronClassOptions = {}): NeuronClass[] {
  const W2 = opts.W2 ?? W1;
  const monoShare = opts.monoShare ?? NEURON_RULE.monoShare;
  const deadStrength = opts.deadStrength ?? NEURON_RULE.deadStrength;
  const featureShare = opts.featureShare ?? NEURON_RULE.featureShare;
  const rep = opts.represented ?? representedByGain(W1, n, m, W2, opts.representedGain);
  const out: NeuronClass[] = [];
  for (let k = 0; k < m; k++) {
    let mass = 0;
    let inMass = 0;
    let outMass = 0;
    let primary = -1;
    let maxPos = -Infinity;
    for (let i = 0; i < n; i++) {
      const w = W1[i * m + k];
      inMass += w * w;
      outMass += W2[i * m + k] ** 2;
      if (w > maxPos) maxPos = w;
      if (!rep[i]) continue;
      mass += w * w;
      if (primary < 0 || Math.abs(w) > Math.abs(W1[primary * m + k])) primary = i;
    }
    const strength = Math.sqrt(inMass * outMass);
    if (primary < 0) {
      // no represented feature at all: report the largest weight, but the neuron does nothing useful
      primary = 0;
      for (let i = 1; i < n; i++) if (Math.abs(W1[i * m + k]) > Math.abs(W1[primary * m + k])) primary = i;
    }
    const primaryShare = mass > 0 ? W1[primary * m + k] ** 2 / mass : 0;
    const features: number[] = [];
    for (let i = 0; i < n; i++) if (rep[i] && mass > 0 && W1[i * m + k] ** 2 >= featureShare * mass) features.push(i);
    features.sort((a, b) => Math.abs(W1[b * m + k]) - Math.abs(W1[a * m + k]));
    const dead =
      strength < deadStrength || !(mass > 1e-12 * inMass) || (opts.nonNegativeInputs === true && maxPos <= 0);
    out.push({
      neuron: k,
      status: dead ? 'dead' : primaryShare >= monoShare ? 'monosemantic' : 'polysemantic',
      primary,
      primaryShare,
      features,
      strength,
    });
  }
  return out;
}

/** How many neurons of each status. */
export function countNeurons(classes: readonly NeuronClass[]): Record<NeuronStatus, number> {
  const c = { monosemantic: 0, polysemantic: 0, dead: 0 };
  for (const x of classes) c[x.status]++;
  return c;
}

// ---------------------------------------------------------------------------------------------
// Neuron stack plots

export interface StackSegment {
  feature: number;
  /** The (rescaled) input weight. */
  weight: number;
  /** The rectangle spans [y0, y1] (y0 < y1): positive weights stack up from 0, negative down. */
  y0: number;
  y1: number;
}

export interface NeuronStack extends NeuronClass {
  /** Factor applied to the neuron's input weights (its output weights are divided by it). */
  scale: number;
  /** Rescaled input weights, length n. */
  weights: Float64Array;
  /** Rescaled output weights, length n (tied: the same as weights, never rescaled). */
  outWeights: Float64Array;
  /** Sign of the primary weight (+1: the neuron reads ReLU(x), −1: ReLU(−x)). */
  primarySign: 1 | -1;
  /** Positive segments from the axis up, then negative from the axis down; largest |w| nearest the axis. */
  segments: StackSegment[];
}

export interface NeuronStackOptions extends NeuronClassOptions {
  /**
   * Rescale each neuron so that its largest |input weight| is 1 and divide its output weights by
   * the same factor (the paper's display for the untied abs model). Default: true when W2
   * is given (untied), false for tied models, whose scale is not a free symmetry.
   */
  rescale?: boolean;
  /** Hide weights smaller than this (after rescaling) from the segments. Default 1e-3. */
  minWeight?: number;
}

/**
 * Per-neuron stacks of input weights, sorted as the paper displays them: live neurons by their
 * primary feature (most important first), a ReLU(x) neuron before the ReLU(−x) neuron of the same
 * feature, then by primary share (most monosemantic first); dead neurons last.
 */
export function neuronStacks(W1: Weights, n: number, m: number, opts: NeuronStackOptions = {}): NeuronStack[] {
  const W2 = opts.W2 ?? W1;
  const rescale = opts.rescale ?? opts.W2 !== undefined;
  const minWeight = opts.minWeight ?? 1e-3;
  const classes = classifyNeurons(W1, n, m, opts);
  const stacks = classes.map((c): NeuronStack => {
    const k = c.neuron;
    let top = 0;
    for (let i = 0; i < n; i++) top = Math.max(top, Math.abs(W1[i * m + k]));
    const scale = rescale && top > 0 ? 1 / top : 1;
    const weights = new Float64Array(n);
    const outWeights = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      weights[i] = W1[i * m + k] * scale;
      outWeights[i] = W2[i * m + k] / scale;
    }
    const order = Array.from({ length: n }, (_, i) => i)
      .filter((i) => Math.abs(weights[i]) >= minWeight)
      .sort((a, b) => Math.abs(weights[b]) - Math.abs(weights[a]));
    const segments: StackSegment[] = [];
    let up = 0;
    let down = 0;
    for (const i of order) {
      const w = weights[i];
      if (w > 0) {
        segments.push({ feature: i, weight: w, y0: up, y1: up + w });
        up += w;
      } else {
        segments.push({ feature: i, weight: w, y0: down + w, y1: down });
        down += w;
      }
    }
    return { ...c, scale, weights, outWeights, primarySign: W1[c.primary * m + k] < 0 ? -1 : 1, segments };
  });
  return stacks.sort(
    (a, b) =>
      +(a.status === 'dead') - +(b.status === 'dead') ||
      a.primary - b.primary ||
      b.primarySign - a.primarySign ||
      b.primaryShare - a.primaryShare ||
      a.neuron - b.neuron,
  );
}

// ---------------------------------------------------------------------------------------------
// Asymmetric superposition (abs model, "Computation in Superposition")

export interface AsymmetricMotif {
  /** The shared neuron. */
  neuron: number;
  /** The feature with the large input weight (whose activity interferes). */
  strong: number;
  /** The feature with the small input weight and large output weight (interfered with). */
  victim: number;
  /** |W1[strong]| / |W1[victim]| on the shared neuron. */
  inputRatio: number;
  /** W2[victim] / W2[strong] on the shared neuron. */
  outputRatio: number;
  /** Interference per unit of the strong feature onto the victim's output: |W1[strong]|·W2[victim]. */
  interference: number;
  /** Whether the two input weights have opposite signs (the paper's example: 2 and −1/2). */
  oppositeSigns: boolean;
  /** The neuron that inhibits the victim when the strong feature fires it (−1: none). */
  inhibitor: number;
  /**
   * Inhibition per unit of the strong feature, |W1[strong, inhibitor]|·(−W2[victim, inhibitor]), over `interference`.
   */
  inhibitionCover: number;
}

export interface MotifOptions {
  /** Minimum inputRatio and outputRatio. Default 2 (the paper's example has 4 and 4). */
  ratio?: number;
  /** Minimum |W1|·W2 of each feature through the shared neuron (it must compute both). Default 0.25. */
  minSelf?: number;
  /** Minimum inhibitionCover. Default 0.5. */
  cover?: number;
  /** Report motifs without an inhibitor too. Default false. */
  allowUninhibited?: boolean;
}

/**
 * Find the asymmetric-superposition motif: a neuron k computing two features a (strong) and
 * v (victim), both with positive output weights, where a's input weight is ≥ ratio × v's and
 * v's output weight ≥ ratio × a's — so a firing k pushes v's output up a lot, but not vice
 * versa — and a second neuron, driven by a with the same sign, has a negative output weight on v
 * that cancels at least `cover` of that interference. Every quantity is a product W1·W2 through
 * one neuron or a ratio within one column, so the result does not depend on neuron rescaling.
 */
export function findAsymmetricMotifs(
  W1: Weights,
  W2: Weights,
  n: number,
  m: number,
  opts: MotifOptions = {},
): AsymmetricMotif[] {
  const ratio = opts.ratio ?? 2;
  const minSelf = opts.minSelf ?? 0.25;
  const cover = opts.cover ?? 0.5;
  const out: AsymmetricMotif[] = [];
  for (let k = 0; k < m; k++) {
    for (let a = 0; a < n; a++) {
      const wa = W1[a * m + k];
      const oa = W2[a * m + k];
      if (wa === 0 || oa <= 0 || Math.abs(wa) * oa < minSelf) continue;
      for (let v = 0; v < n; v++) {
        if (v === a) continue;
        const wv = W1[v * m + k];
        const ov = W2[v * m + k];
        if (wv === 0 || ov <= 0 || Math.abs(wv) * ov < minSelf) continue;
        const inputRatio = Math.abs(wa) / Math.abs(wv);
        const outputRatio = ov / oa;
        if (inputRatio < ratio || outputRatio < ratio) continue;
        const interference = Math.abs(wa) * ov;
        let inhibitor = -1;
        let best = 0;
        for (let k2 = 0; k2 < m; k2++) {
          if (k2 === k) continue;
          const w2a = W1[a * m + k2];
          const o2v = W2[v * m + k2];
          if (w2a * wa <= 0 || o2v >= 0) continue;
          const inhibition = (Math.abs(w2a) * -o2v) / interference;
          if (inhibition > best) {
            best = inhibition;
            inhibitor = k2;
          }
        }
        if (best < cover) {
          if (!opts.allowUninhibited) continue;
          inhibitor = best > 0 ? inhibitor : -1;
        }
        out.push({
          neuron: k,
          strong: a,
          victim: v,
          inputRatio,
          outputRatio,
          interference,
          oppositeSigns: wa * wv < 0,
          inhibitor,
          inhibitionCover: best,
        });
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Correlated / anticorrelated sets ("Correlated and Anticorrelated Features")

export interface SetGeometry {
  set: number;
  kind: FeatureSet['kind'];
  /** Angles (degrees) between every pair of members whose norms exceed minNorm. */
  angles: { i: number; j: number; degrees: number }[];
  norms: number[];
}

/**
 * Within-set angles: ≈ 90° for correlated sets given room (local orthogonal bases), ≈ 180° for anticorrelated pairs.
 */
export function setGeometry(W: Float32Array, m: number, sets: readonly FeatureSet[], minNorm = 0.1): SetGeometry[] {
  return sets.map((s, set) => {
    const norms = s.features.map((f) => {
      let q = 0;
      for (let k = 0; k < m; k++) q += W[f * m + k] ** 2;
      return Math.sqrt(q);
    });
    const angles: SetGeometry['angles'] = [];
    for (let a = 0; a < s.features.length; a++) {
      for (let c = a + 1; c < s.features.length; c++) {
        if (norms[a] > minNorm && norms[c] > minNorm)
          angles.push({
            i: s.features[a],
            j: s.features[c],
            degrees: angleDegrees(W, m, s.features[a], s.features[c]),
          });
      }
    }
    return { set, kind: s.kind, angles, norms };
  });
}

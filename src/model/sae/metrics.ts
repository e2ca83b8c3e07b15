/**
 * The scorecard of one SAE against the true features, with SAELens's definitions for synthetic data
 * (sae_lens/synthetic/evals.py) where it has one:
 * - realised L0: mean number of firing latents per sample; true L0: mean number of active features;
 * - dead: latents that fire on no sample of the evaluation set;
 * - shrinkage: mean ‖ĥ‖ / ‖h‖;
 * - MCC: Hungarian one-to-one matching of decoder rows to feature directions on |cos|, mean |cos| over
 *   the matched pairs (matching.ts);
 * and beyond it:
 * - FVU: Σ‖h − ĥ‖² / Σ‖h − h̄‖² (fraction of variance unexplained, 1 − SAELens's explained variance);
 * - per feature, its best |cos| and its matched |cos|; recovered = features matched at |cos| ≥ 0.99;
 * - per latent, precision P(feature on | latent fires) and recall P(latent fires | feature on) against
 *   the feature it stands for (its match, else its best |cos|);
 * - per parent → child edge, the absorption gap of the parent's latent (SAELens issue #729):
 *   P(fires | parent on, child off) − P(fires | parent on, child on).
 *
 * Every average is over the evaluation set's non-zero samples (h ≠ 0), L0 and true L0 alike; SAELens
 * averages its true L0 over all samples, zeros included, which is not comparable with its SAE L0.
 * Only represented features (‖W_i‖ > 0.5, the notebook's cut-off) are matched: a feature the toy
 * model dropped has no direction to find.
 */
import { representedFeatures } from '../metrics';
import { Rng, deriveSeed } from '../rng';
import { ActivationSampler, hierarchyEdges, type ActivationSource } from './activations';
import { featureOfLatent, latentOrder, matchLatents } from './matching';
import { decodeInto, decoderDirections, encodeInto, type SaeParams } from './sae';

/** Stream label of the evaluation samples (never the training streams). */
export const EVAL_STREAM = 0xe7a1;
/** A feature counts as recovered when its matched latent has |cos| ≥ this. */
export const RECOVERED_COS = 0.99;

/** Non-zero samples of h with their x: what every SAE of a run is scored on. */
export interface EvaluationSet {
  count: number;
  /** [count, m] */
  H: Float32Array;
  /** [count, n] */
  X: Float32Array;
}

export function evaluationSet(source: ActivationSource, count: number, seed: number): EvaluationSet {
  const { n, m } = source;
  const rng = new Rng(deriveSeed(seed, EVAL_STREAM));
  const sampler = new ActivationSampler(source);
  const chunk = 1024;
  const h = new Float32Array(chunk * m);
  const x = new Float32Array(chunk * n);
  const H = new Float32Array(count * m);
  const X = new Float32Array(count * n);
  let have = 0;
  for (let tries = 0; have < count; tries++) {
    if (tries > 10_000) throw new RangeError('the source almost never produces a non-zero sample');
    const got = Math.min(sampler.sample(rng, chunk, h, x), count - have);
    H.set(h.subarray(0, got * m), have * m);
    X.set(x.subarray(0, got * n), have * n);
    have += got;
  }
  return { count, H, X };
}

export interface AbsorptionEdge {
  parent: number;
  child: number;
  /** The parent's matched latent (−1: none). */
  latent: number;
  /** P(latent fires | parent on, child off) and P(latent fires | parent on, child on). */
  without: number;
  with: number;
  gap: number;
}

export interface Scorecard {
  trueL0: number;
  l0: number;
  fvu: number;
  dead: number;
  shrinkage: number;
  mcc: number;
  /** Represented features matched at |cos| ≥ RECOVERED_COS, of `represented.length`. */
  recovered: number;
  /** Indices of the represented features (the ones matched). */
  represented: number[];
  /** Per represented feature (in `represented` order): matched latent, its |cos|, and the best |cos| of any latent. */
  latentOf: number[];
  matchedCos: number[];
  bestCos: number[];
  /** Per latent: the feature index (of the toy model) it stands for, −1 if none; matched or by best |cos|. */
  featureOf: number[];
  matched: boolean[];
  precision: number[];
  recall: number[];
  /** Per latent: fraction of samples it fires on. */
  frequency: number[];
  /** Latents in display order: matched ones in feature order, then the rest. */
  order: number[];
  /** |cos| [represented, latents] row-major. */
  absCos: number[];
  absorption: AbsorptionEdge[];
}

/** Score one SAE on an evaluation set of its source. */
export function scoreSae(p: SaeParams, source: ActivationSource, ev: EvaluationSet): Scorecard {
  const { n, m } = source;
  const L = p.latents;
  const represented = representedFeatures(source.W, n, m);
  const F = new Float64Array(represented.length * m);
  represented.forEach((i, r) => {
    for (let q = 0; q < m; q++) F[r * m + q] = source.W[i * m + q];
  });
  const match = matchLatents(F, decoderDirections(p), m);
  const standsFor = Array.from(featureOfLatent(match, represented.length), (r) => (r >= 0 ? represented[r] : -1));
  const pass = forwardStats(p, source, ev, standsFor);
  const rate = (a: number, b: number) => (b > 0 ? a / b : NaN);
  return {
    trueL0: pass.trueL0,
    l0: pass.l0,
    fvu: pass.fvu,
    dead: pass.fires.filter((f) => f === 0).length,
    shrinkage: pass.shrinkage,
    mcc: match.mcc,
    recovered: Array.from(match.matchedCos).filter((c) => c >= RECOVERED_COS).length,
    represented,
    latentOf: Array.from(match.latentOf),
    matchedCos: Array.from(match.matchedCos),
    bestCos: Array.from(match.bestCos),
    featureOf: standsFor,
    matched: Array.from(match.featureOf, (f) => f >= 0),
    precision: Array.from({ length: L }, (_, j) => rate(pass.hits[j], pass.fires[j])),
    recall: Array.from({ length: L }, (_, j) =>
      standsFor[j] >= 0 ? rate(pass.hits[j], pass.active[standsFor[j]]) : NaN,
    ),
    frequency: pass.fires.map((f) => f / ev.count),
    order: latentOrder(match),
    absCos: Array.from(match.absCos),
    absorption: absorptionGaps(p, source, ev, represented, match.latentOf),
  };
}

/** One pass over the evaluation set: L0s, FVU, shrinkage, and per latent fires and hits. */
function forwardStats(p: SaeParams, source: ActivationSource, ev: EvaluationSet, standsFor: number[]) {
  const { n, m } = source;
  const L = p.latents;
  const z = new Float64Array(L);
  const pre = new Float64Array(L);
  const out = new Float64Array(m);
  const mean = new Float64Array(m);
  for (let s = 0; s < ev.count; s++) for (let q = 0; q < m; q++) mean[q] += ev.H[s * m + q] / ev.count;
  const fires = new Array<number>(L).fill(0);
  const hits = new Array<number>(L).fill(0);
  const active = new Array<number>(n).fill(0);
  let l0 = 0;
  let trueL0 = 0;
  let err = 0;
  let variance = 0;
  let shrink = 0;
  for (let s = 0; s < ev.count; s++) {
    encodeInto(p, ev.H, s * m, z, pre);
    decodeInto(p, z, out);
    let hh = 0;
    let oo = 0;
    for (let q = 0; q < m; q++) {
      const h = ev.H[s * m + q];
      err += (out[q] - h) ** 2;
      variance += (h - mean[q]) ** 2;
      hh += h * h;
      oo += out[q] * out[q];
    }
    shrink += Math.sqrt(oo / hh);
    for (let i = 0; i < n; i++) {
      if (ev.X[s * n + i] === 0) continue;
      active[i]++;
      trueL0++;
    }
    for (let j = 0; j < L; j++) {
      if (z[j] === 0) continue;
      l0++;
      fires[j]++;
      if (standsFor[j] >= 0 && ev.X[s * n + standsFor[j]] !== 0) hits[j]++;
    }
  }
  const N = ev.count;
  return { l0: l0 / N, trueL0: trueL0 / N, fvu: err / variance, shrinkage: shrink / N, fires, hits, active };
}

/** The absorption gap of every hierarchy edge whose parent is represented and matched. */
function absorptionGaps(
  p: SaeParams,
  source: ActivationSource,
  ev: EvaluationSet,
  represented: number[],
  latentOf: Int32Array,
): AbsorptionEdge[] {
  const { n, m } = source;
  const z = new Float64Array(p.latents);
  const pre = new Float64Array(p.latents);
  return hierarchyEdges(source.hierarchy).map(({ parent, child }) => {
    const r = represented.indexOf(parent);
    const latent = r >= 0 ? latentOf[r] : -1;
    const counts = [0, 0, 0, 0]; // [child off: parent on, fired], [child on: parent on, fired]
    if (latent >= 0) {
      for (let s = 0; s < ev.count; s++) {
        if (ev.X[s * n + parent] === 0) continue;
        const c = ev.X[s * n + child] !== 0 ? 2 : 0;
        encodeInto(p, ev.H, s * m, z, pre);
        counts[c]++;
        if (z[latent] !== 0) counts[c + 1]++;
      }
    }
    const without = counts[0] > 0 ? counts[1] / counts[0] : NaN;
    const withChild = counts[2] > 0 ? counts[3] / counts[2] : NaN;
    return { parent, child, latent, without, with: withChild, gap: without - withChild };
  });
}

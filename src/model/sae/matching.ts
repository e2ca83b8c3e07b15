/**
 * Matching an SAE's latents to the true features by their directions: the |cos| matrix between
 * decoder rows and the features W_i, the one-to-one Hungarian matching that maximises the summed
 * |cos| (munkres on the cost 1 − |cos|, as SAELens's synthetic `mean_correlation_coefficient` does
 * with scipy's linear_sum_assignment), and the MCC — the mean |cos| over the matched pairs
 * (O'Neill et al. 2024, arXiv:2411.13117).
 */
import { munkres } from 'munkres';
import { cosineMatrix } from '../footnotes/dictionary';

export interface Matching {
  /** |cos| [features, latents] row-major. */
  absCos: Float64Array;
  /** Per feature: its matched latent (−1 when there are fewer latents than features and it lost). */
  latentOf: Int32Array;
  /** Per latent: its matched feature (−1 if unmatched). */
  featureOf: Int32Array;
  /** Per feature: |cos| with its matched latent (0 when unmatched). */
  matchedCos: Float64Array;
  /** Per feature: the best |cos| over all latents (may exceed matchedCos when two features want one latent). */
  bestCos: Float64Array;
  /** Mean |cos| over the matched pairs (min(features, latents) of them). */
  mcc: number;
}

/**
 * Match latent directions D [latents, m] to feature directions F [features, m] one-to-one on |cos|.
 * Both may be unnormalised (zero rows have cos 0).
 */
export function matchLatents(F: ArrayLike<number>, D: ArrayLike<number>, m: number): Matching {
  const nf = F.length / m;
  const nl = D.length / m;
  const absCos = cosineMatrix(F, D, m).map(Math.abs);
  const latentOf = new Int32Array(nf).fill(-1);
  const featureOf = new Int32Array(nl).fill(-1);
  const matchedCos = new Float64Array(nf);
  const bestCos = new Float64Array(nf);
  for (let i = 0; i < nf; i++) for (let j = 0; j < nl; j++) bestCos[i] = Math.max(bestCos[i], absCos[i * nl + j]);
  let mcc = NaN;
  if (nf > 0 && nl > 0) {
    const cost = Array.from({ length: nf }, (_, i) => Array.from({ length: nl }, (_, j) => 1 - absCos[i * nl + j]));
    let sum = 0;
    const pairs = munkres(cost);
    for (const [i, j] of pairs) {
      latentOf[i] = j;
      featureOf[j] = i;
      matchedCos[i] = absCos[i * nl + j];
      sum += matchedCos[i];
    }
    mcc = sum / pairs.length;
  }
  return { absCos, latentOf, featureOf, matchedCos, bestCos, mcc };
}

/**
 * A display order for the latents: the matched ones in feature order (so the |cos| heatmap has its
 * matches on the diagonal), then the rest by their best |cos| with any feature in steps of 0.1,
 * largest first, then by index — steps, so that a live heatmap's unmatched columns do not trade
 * places at every redraw over differences too small to see.
 */
export function latentOrder(match: Pick<Matching, 'absCos' | 'latentOf' | 'featureOf'>): number[] {
  const nl = match.featureOf.length;
  const nf = match.latentOf.length;
  const order = Array.from(match.latentOf).filter((j) => j >= 0);
  const best = (j: number) => {
    let b = 0;
    for (let i = 0; i < nf; i++) b = Math.max(b, match.absCos[i * nl + j]);
    return Math.round(b * 10);
  };
  const rest = Array.from({ length: nl }, (_, j) => j).filter((j) => match.featureOf[j] < 0);
  rest.sort((a, b) => best(b) - best(a) || a - b);
  return order.concat(rest);
}

/** Per latent: the feature it stands for — its match, else the feature with which its |cos| is largest. */
export function featureOfLatent(match: Pick<Matching, 'absCos' | 'featureOf'>, nf: number): Int32Array {
  const nl = match.featureOf.length;
  return Int32Array.from(match.featureOf, (f, j) => {
    if (f >= 0 || nf === 0) return f;
    let best = 0;
    for (let i = 1; i < nf; i++) if (match.absCos[i * nl + j] > match.absCos[best * nl + j]) best = i;
    return best;
  });
}

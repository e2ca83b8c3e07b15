/** The scorecard's metrics on hand-worked cases. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/model/rng';
import { ActivationSampler, type ActivationSource } from '../../../src/model/sae/activations';
import { latentOrder, matchLatents } from '../../../src/model/sae/matching';
import { evaluationSet, scoreSae, type EvaluationSet } from '../../../src/model/sae/metrics';
import type { SaeParams } from '../../../src/model/sae/sae';

const f32 = (...v: number[]) => Float32Array.from(v);

/** An L1 SAE on m = 2 whose encoder and decoder are the identity, with encoder bias b. */
const identitySae = (bEnc: number[], wEnc = [1, 0, 0, 1]): SaeParams => ({
  kind: 'l1',
  latents: 2,
  m: 2,
  k: 1,
  wEnc: f32(...wEnc),
  wDec: f32(1, 0, 0, 1),
  bEnc: f32(...bEnc),
  bDec: f32(0, 0),
  threshold: f32(0, 0),
});

/** Two orthogonal features in m = 2 (W = I), feature 1 a child of feature 0. */
const plane: ActivationSource = {
  n: 2,
  m: 2,
  W: f32(1, 0, 0, 1),
  density: f32(0.5, 0.5),
  hierarchy: [{ parent: 0, children: [1], exclusive: true }],
};

/** An evaluation set given by its inputs x (h = W x = x here). */
const samples = (...xs: [number, number][]): EvaluationSet => ({
  count: xs.length,
  H: f32(...xs.flat()),
  X: f32(...xs.flat()),
});

describe('the one-to-one matching', () => {
  it('finds the assignment with the largest summed |cos| on a 3 × 3 case where greedy matching does not', () => {
    // |cos| (features × latents) = [[0.8, 0.6, 0], [0.6, 0, 0.28], [0, 0.8, 0.96]]: greedy takes 0.96 and 0.8
    // (sum 1.76); the optimum pairs f0–l1, f1–l0, f2–l2 (0.6 + 0.6 + 0.96 = 2.16).
    const F = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const D = [0.8, 0.6, 0, -0.6, 0, 0.8, 0, 0.28, 0.96];
    const m = matchLatents(F, D, 3);
    expect(Array.from(m.latentOf)).toEqual([1, 0, 2]);
    expect(Array.from(m.featureOf)).toEqual([1, 0, 2]);
    expect(m.mcc).toBeCloseTo(2.16 / 3, 12);
    expect(Array.from(m.bestCos)).toEqual([0.8, 0.6, 0.96].map((v) => expect.closeTo(v, 12)));
    expect(latentOrder(m)).toEqual([1, 0, 2]);
  });

  it('matches min(features, latents) pairs and orders the unmatched latents by their best |cos|', () => {
    const F = [1, 0, 0, 1];
    const D = [0, 2, 1, 1, 3, 0.1];
    const m = matchLatents(F, D, 2);
    expect(Array.from(m.latentOf)).toEqual([2, 0]);
    expect(m.featureOf[1]).toBe(-1);
    expect(latentOrder(m)).toEqual([2, 0, 1]);
  });

  it('orders the unmatched latents by their best |cos| in steps of 0.1, then by index', () => {
    // One feature; latent 0 is its match, latents 1–3 have |cos| 0.3, 0.51 and 0.54 with it.
    const m = { absCos: Float64Array.from([0.99, 0.3, 0.51, 0.54]), latentOf: Int32Array.from([0]) };
    const featureOf = Int32Array.from([0, -1, -1, -1]);
    expect(latentOrder({ ...m, featureOf })).toEqual([0, 2, 3, 1]);
    expect(latentOrder({ ...m, absCos: Float64Array.from([0.99, 0.3, 0.56, 0.54]), featureOf })).toEqual([0, 2, 3, 1]);
    expect(latentOrder({ ...m, absCos: Float64Array.from([0.99, 0.3, 0.44, 0.56]), featureOf })).toEqual([0, 3, 2, 1]);
  });
});

describe('the scorecard', () => {
  // x = (1, 0), (0, 1), (0.4, 0), (1, 1); b_enc = −0.5: z = (0.5, 0), (0, 0.5), (0, 0), (0.5, 0.5) = ĥ.
  const ev = samples([1, 0], [0, 1], [0.4, 0], [1, 1]);
  const card = scoreSae(identitySae([-0.5, -0.5]), { ...plane, hierarchy: [] }, ev);

  it('FVU = Σ‖h − ĥ‖² / Σ‖h − h̄‖² = 1.16 / 1.72', () => {
    expect(card.fvu).toBeCloseTo(1.16 / 1.72, 6);
  });

  it('shrinkage is the mean of ‖ĥ‖ / ‖h‖ = (0.5 + 0.5 + 0 + 0.5) / 4', () => {
    expect(card.shrinkage).toBeCloseTo(0.375, 6);
  });

  it('L0, true L0, dead count and firing frequencies', () => {
    expect(card.l0).toBe(1);
    expect(card.trueL0).toBe(1.25);
    expect(card.dead).toBe(0);
    expect(card.frequency).toEqual([0.5, 0.5]);
    expect(card.mcc).toBe(1);
    expect(card.recovered).toBe(2);
  });

  it('precision P(feature on | latent fires) and recall P(latent fires | feature on)', () => {
    expect(card.featureOf).toEqual([0, 1]);
    expect(card.precision).toEqual([1, 1]);
    expect(card.recall[0]).toBeCloseTo(2 / 3, 12); // feature 0 is on 3 times, latent 0 fires on 2 of them
    expect(card.recall[1]).toBe(1);
  });

  it('a latent that fires without its feature loses precision; one that never fires is dead', () => {
    // latent 0 reads h0 + h1: it also fires on (0, 1); latent 1's bias keeps it off everywhere.
    const c = scoreSae(identitySae([-0.5, -5], [1, 1, 0, 1]), { ...plane, hierarchy: [] }, ev);
    expect(c.precision[0]).toBeCloseTo(2 / 3, 12);
    expect(c.dead).toBe(1);
    expect(Number.isNaN(c.precision[1])).toBe(true);
  });

  it('the absorption gap: P(parent latent fires | parent on, child off) − P(… | child on)', () => {
    // The parent's latent reads h0 − 2 h1: alone it fires; with the child it fires only when x_p > 2 x_c.
    const sae = identitySae([0, 0], [1, -2, 0, 1]);
    const c = scoreSae(sae, plane, samples([1, 0], [0.5, 0], [1, 0.9], [1, 0.2]));
    expect(c.absorption).toEqual([{ parent: 0, child: 1, latent: 0, without: 1, with: 0.5, gap: 0.5 }]);
  });
});

describe('activations with a hierarchy', () => {
  it('never has a child without its parent, nor two exclusive children at once; h = Σ x_i W_i', () => {
    const source: ActivationSource = {
      n: 4,
      m: 3,
      W: f32(1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1),
      density: f32(0.3, 0.8, 0.8, 0.8),
      hierarchy: [{ parent: 0, children: [1, 2, 3], exclusive: true }],
    };
    const ev = evaluationSet(source, 2000, 7);
    let withChild = 0;
    for (let s = 0; s < ev.count; s++) {
      const x = ev.X.subarray(s * 4, s * 4 + 4);
      const children = [1, 2, 3].filter((i) => x[i] !== 0).length;
      expect(children).toBeLessThanOrEqual(x[0] !== 0 ? 1 : 0);
      withChild += children;
      const h = ev.H.subarray(s * 3, s * 3 + 3);
      expect(Array.from(h)).toEqual([x[0] + x[3], x[1] + x[3], x[2] + x[3]].map((v) => expect.closeTo(v, 6)));
    }
    // Given the parent, some child is on with probability 1 − 0.2³ = 0.992.
    expect(withChild / ev.count).toBeGreaterThan(0.95);
  });

  it('counts the all-zero samples without writing them', () => {
    const sampler = new ActivationSampler({ ...plane, density: f32(0.01, 0.01), hierarchy: [] });
    const H = new Float64Array(2 * 1024);
    const count = sampler.sample(new Rng(3), 1024, H);
    expect(count).toBeGreaterThan(5);
    expect(count).toBeLessThan(60);
    for (let r = 0; r < count; r++) expect(H[2 * r] + H[2 * r + 1]).toBeGreaterThan(0);
  });
});

/**
 * Uniform-superposition sweep and perturbed pentagon: configs, summaries, and small real trainings ("Uniform
 * Superposition" and "Non-Uniform Superposition").
 */
import { describe, expect, it } from 'vitest';
import { PAPER_BATCH_SIZE, PAPER_OPTIMIZER, validateTrainConfig } from '../../src/model/config';
import { pentagonSolutionType, polytopeCounts } from '../../src/model/geometry';
import { instanceWeights } from '../../src/model/metrics';
import {
  perturbedPentagonConfig,
  sweepDensities,
  sweepSummary,
  uniformSweepConfig,
} from '../../src/model/uniform-sweep';
import { FIDELITY_PATHS, syncTrainer, trainedState, type FidelityPath } from '../train/basic/helpers';
import { verbose } from '../helpers/log';

describe('sweep configuration', () => {
  it('log-spaces 1/(1 − S) from 1 to 20 by default, dense first', () => {
    const d = sweepDensities({ sparsities: 20 });
    expect(d).toHaveLength(20);
    expect(d[0]).toBe(1);
    expect(1 / d[19]).toBeCloseTo(20, 10);
    // the notebook's grid: 1 − S = 20^(−t), t = linspace(0, 1, 20) (the paper's notebook); 1/(1−S) = 1.17, 1.37 …
    for (let k = 0; k < 20; k++) expect(d[k]).toBeCloseTo(Math.pow(20, -k / 19), 10);
    const wide = sweepDensities({ sparsities: 3, minInvDensity: 1, maxInvDensity: 100 });
    expect(Array.from(wide, (v) => 1 / v).map((v) => +v.toFixed(9))).toEqual([1, 10, 100]);
    expect(Array.from(sweepDensities({ sparsities: 1, minInvDensity: 4 }))).toEqual([0.25]);
    expect(() => sweepDensities({ sparsities: 0 })).toThrow(RangeError);
    expect(() => sweepDensities({ sparsities: 3, minInvDensity: 0.5 })).toThrow(RangeError);
    expect(() => sweepDensities({ sparsities: 3, minInvDensity: 10, maxInvDensity: 5 })).toThrow(RangeError);
  });

  it('builds one uniform, equal-importance instance per density with the paper recipe', () => {
    const c = validateTrainConfig(uniformSweepConfig({ n: 200, m: 20, sparsities: 5, maxInvDensity: 100, seed: 4 }));
    expect([c.n, c.m, c.kind, c.batchSize]).toEqual([200, 20, 'relu', PAPER_BATCH_SIZE]);
    expect(c.optimizer).toEqual(PAPER_OPTIMIZER);
    expect(c.initStd).toBeUndefined(); // trainer uses the notebook's xavier std for [I, n, m]
    expect(c.instances).toHaveLength(5);
    const d = sweepDensities({ sparsities: 5, maxInvDensity: 100 });
    c.instances.forEach((inst, j) => {
      expect(new Set(inst.density).size).toBe(1);
      expect(inst.density[0]).toBeCloseTo(d[j], 6);
      expect(Array.from(inst.importance).every((v) => v === 1)).toBe(true);
    });
    expect(new Set(c.instances.map((i) => i.seed)).size).toBe(5);
    expect(uniformSweepConfig({ n: 200, m: 20, sparsities: 5, seed: 5 }).instances[0].seed).not.toBe(
      c.instances[0].seed,
    );
  });

  it('perturbed pentagon: n = 5, m = 2, feature 4 at base × relative density, seeds grouped per density', () => {
    const c = validateTrainConfig(perturbedPentagonConfig({ relativeDensities: [0.2, 1, 40], seeds: 2, seed: 9 }));
    expect([c.n, c.m, c.instances.length]).toEqual([5, 2, 6]);
    const rows = c.instances.map((i) => Array.from(i.density, (v) => +v.toFixed(6)));
    expect(rows[0]).toEqual([0.05, 0.05, 0.05, 0.05, 0.01]);
    expect(rows[1]).toEqual(rows[0]);
    expect(rows[2]).toEqual([0.05, 0.05, 0.05, 0.05, 0.05]);
    expect(rows[4][4]).toBe(1); // 0.05 × 40 capped at 1
    expect(c.instances.every((i) => Array.from(i.importance).every((v) => v === 1))).toBe(true);
    expect(new Set(c.instances.map((i) => i.seed)).size).toBe(6);
    expect(perturbedPentagonConfig({ baseDensity: 0.1, relativeDensities: [0.5] }).instances[0].density[4]).toBeCloseTo(
      0.05,
      7,
    );
    expect(() => perturbedPentagonConfig({ relativeDensities: [0] })).toThrow(RangeError);
  });
});

describe('sweepSummary', () => {
  it('reports m/‖W‖_F², D_i and Σ D_i per instance', () => {
    const config = uniformSweepConfig({ n: 4, m: 2, sparsities: 2, maxInvDensity: 10 });
    // instance 0: two dedicated features, two dropped; instance 1: two orthogonal digons (a square)
    const W = Float32Array.from([1, 0, 0, 1, 0, 0, 0, 0, /**/ 1, 0, -1, 0, 0, 1, 0, -1]);
    const [a, b] = sweepSummary(W, config);
    expect(a.density).toBe(1);
    expect(b.invDensity).toBeCloseTo(10, 5);
    expect(a.dimensionsPerFeature).toBeCloseTo(1, 12);
    expect(b.dimensionsPerFeature).toBeCloseTo(0.5, 12);
    expect(Array.from(a.dimensionalities)).toEqual([1, 1, 0, 0]);
    expect(Array.from(b.dimensionalities)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(a.sumDimensionality).toBe(2);
    expect(b.frobeniusSquared).toBe(4);
    expect(() => sweepSummary(W.subarray(0, 8), config)).toThrow(RangeError);
  });
});

describe.each(FIDELITY_PATHS)('%s path', (path: FidelityPath) => {
  /**
   * A scaled-down "Uniform Superposition" sweep. The notebook model (n = 200, m = 20, batch 1024, 10k steps) costs
   * minutes on the CPU path; n = 100, m = 10 at batch 1024 runs ≈ 3 ms per instance-step (400 steps
   * of 10 instances took 12 s and had not left the initial regime). So: n = 40, m = 4, 8 densities
   * with 1/(1−S) from 1 to 20, batch 256 (the rest of the paper's optimizer), 4000 steps ≈ 6–7 s.
   *
   * Measured (js path, seed 3), m/‖W‖_F² at 1/(1−S) = 1, 1.53, 2.35, 3.61, 5.54, 8.50, 13.0, 20:
   *   1.011 0.939 0.574 0.489 0.347 0.296 0.244 0.199; Σ D_i = 3.99–4.00 everywhere;
   *   factors at 3.61: 4 digons; at 2.35: 3 digons (the 4th dimension shared by many short features).
   * Seeds 1 and 2 give the same shape (2.35 → 0.577 / 0.576, 3.61 → 0.547 / 0.489) with
   * pentagons and a square antiprism ⊕ digon appearing at 5.54. With m = 4 the ½ plateau is short
   * and approached from above (3 digons + 1 shared dimension ≈ 0.57) rather than the flat 0.50 ± 0.03
   * run of the m = 20 notebook model, so the test asks for the spec's looser reading: two adjacent
   * sparsities in [0.4, 0.6].
   */
  describe('uniform superposition, trained (n = 40, m = 4)', () => {
    it('is 1 dimension per feature when dense, has a ½ (digon) plateau, and keeps Σ D_i = m', async () => {
      const n = 40;
      const m = 4;
      const config = uniformSweepConfig({ n, m, sparsities: 8, maxInvDensity: 20, seed: 3 });
      config.batchSize = 256;
      const { W } = await trainedState(config, path, 4000);
      const points = sweepSummary(W, config);
      const dpf = points.map((p) => p.dimensionsPerFeature);

      // dense end: one dimension per feature (within 15%)
      expect(Math.abs(dpf[0] - 1)).toBeLessThan(0.15);
      // the ½ plateau: two adjacent sparsities with m/‖W‖_F² in [0.4, 0.6] …
      const plateau = dpf.findIndex(
        (v, j) => j + 1 < dpf.length && v >= 0.4 && v <= 0.6 && dpf[j + 1] >= 0.4 && dpf[j + 1] <= 0.6,
      );
      expect(plateau).toBeGreaterThan(0);
      // … made of antipodal pairs: some instance there has at least m − 1 digons
      const digons = [plateau, plateau + 1].map((j) => polytopeCounts(instanceWeights(W, j, n, m), n, m).counts.digon);
      verbose(
        `${path}: m/‖W‖_F² ${dpf.map((v) => v.toFixed(3)).join(' ')}; Σ D_i ${points.map((p) => p.sumDimensionality.toFixed(2)).join(' ')}; digons at the plateau ${digons.join(', ')}`,
      );
      expect(Math.max(...digons)).toBeGreaterThanOrEqual(m - 1);
      // sparser still: more features than the digon packing, and falling
      expect(dpf[dpf.length - 1]).toBeLessThan(0.3);
      for (let j = 1; j < dpf.length; j++) expect(dpf[j]).toBeLessThan(dpf[j - 1] + 0.02);
      // the dimensions are all used: Σ D_i ≤ m and within 0.05 of it
      for (const p of points) {
        expect(p.sumDimensionality).toBeLessThanOrEqual(m + 1e-6);
        expect(p.sumDimensionality).toBeGreaterThan(m - 0.05);
      }
    });
  });

  /**
   * "Non-Uniform Superposition", as the paper's two loss curves: at each relative density, one instance starts as the
   * regular pentagon (biases −0.24) and one as two orthogonal digons with feature 4 off; both train 4000 steps, then
   * the mean loss over 2000 more steps is compared. ≈ 2 s. Measured (js path, this config), mean loss pentagon-start /
   * digon-start:
   *   0.1: 0.000657 (collapsed to digons) / 0.000660;  0.2: 0.001105 / 0.000986;
   *   0.5: 0.001455 / 0.001962;  1: 0.001779 / 0.003583.
   * A run with 0.3 added gave 0.001262 / 0.001317 there: the crossover lies between 0.2 and 0.3, as
   * the spec measured (0.000985 vs 0.001096 at 0.2, 0.001250 vs 0.001283 at 0.3). Random
   * initialisation, best of 3 seeds, 6000 steps, picked the same winners at 0.1, 0.2, 0.3, 0.5 and 1.
   */
  describe('perturbed pentagon, trained', () => {
    it('the lowest-loss solution is two digons at relative density ≤ 0.2 and a pentagon at ≥ 0.5', async () => {
      const rel = [0.1, 0.2, 0.5, 1];
      const config = perturbedPentagonConfig({ relativeDensities: rel, seeds: 2, seed: 5 });
      const I = config.instances.length;
      const W0 = new Float32Array(I * 10);
      const b0 = new Float32Array(I * 5);
      for (let j = 0; j < I; j++) {
        const pentagon = j % 2 === 0;
        for (let i = 0; i < 5; i++) {
          if (pentagon) {
            W0[j * 10 + 2 * i] = Math.cos((2 * Math.PI * i) / 5);
            W0[j * 10 + 2 * i + 1] = Math.sin((2 * Math.PI * i) / 5);
            b0[j * 5 + i] = -0.24;
          } else if (i < 4) {
            W0[j * 10 + 2 * i] = Math.cos((Math.PI * i) / 2);
            W0[j * 10 + 2 * i + 1] = Math.sin((Math.PI * i) / 2);
          }
        }
      }
      const trainer = await syncTrainer(config, path);
      trainer.setParams(W0, b0);
      trainer.stepSync(4000);
      await trainer.read(); // resets the running mean
      trainer.stepSync(2000);
      const { W, meanLoss } = await trainer.read();
      trainer.dispose();
      verbose(
        `${path}: mean loss pentagon-start / digon-start ${rel.map((r, k) => `${r}: ${meanLoss![2 * k].toFixed(6)} / ${meanLoss![2 * k + 1].toFixed(6)}`).join('; ')}`,
      );

      const winners = rel.map((_, r) => {
        const [p, d] = [2 * r, 2 * r + 1];
        const best = meanLoss![p] < meanLoss![d] ? p : d;
        return pentagonSolutionType(instanceWeights(W, best, 5, 2));
      });
      expect(winners).toEqual(['digons', 'digons', 'pentagon', 'pentagon']);
      // the two starts stayed what they were where both are locally stable
      for (const r of [1, 2, 3]) {
        expect(pentagonSolutionType(instanceWeights(W, 2 * r, 5, 2)), `pentagon start, rel ${rel[r]}`).toBe('pentagon');
        expect(pentagonSolutionType(instanceWeights(W, 2 * r + 1, 5, 2)), `digon start, rel ${rel[r]}`).toBe('digons');
      }
      // a real gap on the pentagon side (digons cost ≥ 20% more at relative density 0.5)
      expect(meanLoss![5] / meanLoss![4]).toBeGreaterThan(1.2);
      // and on the digon side at 0.2 (pentagon ≥ 5% more)
      expect(meanLoss![2] / meanLoss![3]).toBeGreaterThan(1.05);
    });
  });
});

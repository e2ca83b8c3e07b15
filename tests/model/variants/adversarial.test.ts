/**
 * Adversarial vulnerability (the paper's "Relationship to Adversarial Robustness"): the analytic attack (budget 0.1 ×
 * mean input norm) on ReLU output models trained at several sparsities, relative to the non-superposition baseline. n =
 * 50, m = 5, uniform importance, batch 1024, AdamW lr 1e-3, 3000 steps (the features-per-dimension plateau is reached
 * by then; 10k steps would not fit the test budget).
 */
import { describe, expect, it } from 'vitest';
import { PAPER_OPTIMIZER, constantVector, type TrainConfig } from '../../../src/model/config';
import { frobeniusSquared } from '../../../src/model/metrics';
import { adversarialVulnerability } from '../../../src/model/variants/adversarial';
import { instanceParams } from '../../../src/model/variants/model';
import { FIDELITY_PATHS, trainedState, type FidelityPath } from '../../train/basic/helpers';
import { verbose } from '../../helpers/log';

const DENSITIES = [1, 0.3, 0.1, 0.03];

function pearson(a: number[], b: number[]): number {
  const ma = a.reduce((s, v) => s + v, 0) / a.length;
  const mb = b.reduce((s, v) => s + v, 0) / b.length;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('adversarial vulnerability grows with sparsity', () => {
  it.each(FIDELITY_PATHS)(
    '%s path: n = 50, m = 5: the vulnerability ratio rises monotonically from ≈ 1 (dense) as superposition forms, tracking ‖W‖_F²/m',
    async (path: FidelityPath) => {
      const n = 50;
      const m = 5;
      const config: TrainConfig = {
        n,
        m,
        kind: 'relu',
        batchSize: 1024,
        optimizer: { ...PAPER_OPTIMIZER },
        instances: DENSITIES.map((d) => ({ seed: 1, density: constantVector(n, d), importance: constantVector(n, 1) })),
      };
      const t0 = performance.now();
      const state = await trainedState(config, path, 3000);
      const ratios: number[] = [];
      const perDim: number[] = [];
      DENSITIES.forEach((density, j) => {
        const p = instanceParams(config, state.W, state.b, j);
        const v = adversarialVulnerability(config, config.instances[j], p, { samples: 2000 });
        ratios.push(v.ratio);
        perDim.push(frobeniusSquared(p.W1) / m);
        verbose(
          `1−S = ${density}: ‖W‖_F²/m ${perDim[j].toFixed(2)}, budget ${v.budget.toFixed(4)}, L'−L ${v.increase.toExponential(3)}, baseline ${v.baselineIncrease.toExponential(3)}, ratio ${v.ratio.toFixed(3)}`,
        );
      });
      const r = pearson(ratios, perDim);
      verbose(
        `(${((performance.now() - t0) / 1000).toFixed(1)} s) Pearson r(ratio, features per dimension) = ${r.toFixed(3)}`,
      );
      expect(Math.abs(ratios[0] - 1)).toBeLessThan(0.05); // dense: no superposition, like the baseline
      for (let j = 1; j < ratios.length; j++) expect(ratios[j]).toBeGreaterThan(ratios[j - 1]);
      expect(ratios[ratios.length - 1]).toBeGreaterThan(2.5);
      expect(r).toBeGreaterThan(0.9);
    },
  );
});

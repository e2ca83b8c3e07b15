/**
 * Computation in superposition (the paper's "Computation in Superposition"): the untied absolute-value model
 * y' = ReLU(W2 ReLU(W1 x) + b), inputs uniform on [−1, 1], target |x|. With n = 3 features,
 * m = 6 neurons and dense inputs there is room for no superposition: each feature gets a
 * ReLU(x) and a ReLU(−x) neuron, summed by W2 (|x| = ReLU(x) + ReLU(−x)).
 */
import { describe, expect, it } from 'vitest';
import { PAPER_OPTIMIZER, constantVector, type TrainConfig } from '../../../src/model/config';
import { countNeurons, findAsymmetricMotifs, neuronStacks } from '../../../src/model/variants/analysis';
import { bestVariantInstance } from '../../../src/model/variants/evaluate';
import { VariantTrainer } from '../../../src/train/variants/variant-trainer';
import { verbose } from '../../helpers/log';

describe('absolute-value model, n = 3, m = 6, dense', () => {
  it('learns one ReLU(x) / ReLU(−x) neuron pair per feature (best of 4 seeds)', async () => {
    const config: TrainConfig = {
      n: 3,
      m: 6,
      kind: 'abs',
      batchSize: 1024,
      optimizer: { ...PAPER_OPTIMIZER },
      instances: [1, 2, 3, 4].map((seed) => ({
        seed,
        density: constantVector(3, 1),
        importance: constantVector(3, 1),
      })),
    };
    const t0 = performance.now();
    const trainer = new VariantTrainer(config);
    trainer.stepSync(10_000);
    const state = await trainer.read();
    const best = bestVariantInstance(config, state.W, state.b, { samples: 20_000 });
    const { W1, W2, b } = best.params;
    const stacks = neuronStacks(W1, 3, 6, { W2 });
    verbose(
      `abs n=3 m=6 (${((performance.now() - t0) / 1000).toFixed(1)} s): best seed ${best.index}, losses ${best.losses.map((l) => l.toExponential(2)).join(' ')}, ${JSON.stringify(countNeurons(stacks))}, bias ${Array.from(b, (v) => v.toFixed(3)).join(' ')}`,
    );
    for (const s of stacks)
      verbose(
        `  neuron ${s.neuron}: reads ${s.primarySign > 0 ? '+' : '−'}x${s.primary} (share ${s.primaryShare.toFixed(4)}), W1 ${Array.from(s.weights, (v) => v.toFixed(3)).join(' ')}, W2 ${Array.from(s.outWeights, (v) => v.toFixed(3)).join(' ')}`,
      );

    expect(best.losses[best.index]).toBeLessThan(1e-4);
    expect(countNeurons(stacks)).toEqual({ monosemantic: 6, polysemantic: 0, dead: 0 });
    // sorted stacks: x0+, x0−, x1+, x1−, x2+, x2−
    expect(stacks.map((s) => [s.primary, s.primarySign])).toEqual([
      [0, 1],
      [0, -1],
      [1, 1],
      [1, -1],
      [2, 1],
      [2, -1],
    ]);
    for (const s of stacks) {
      expect(s.primaryShare).toBeGreaterThan(0.99);
      // rescaled so the input weight is ±1: the output weight is then 1 (|x| = ReLU(x) + ReLU(−x))
      expect(Math.abs(s.outWeights[s.primary] - 1)).toBeLessThan(0.05);
      for (let i = 0; i < 3; i++) if (i !== s.primary) expect(Math.abs(s.outWeights[i])).toBeLessThan(0.05);
    }
    for (const v of b) expect(Math.abs(v)).toBeLessThan(0.02);
    expect(findAsymmetricMotifs(W1, W2, 3, 6, { allowUninhibited: true })).toHaveLength(0);
  });
});

/**
 * The ReLU hidden-layer model h = ReLU(W x), x' = ReLU(Wᵀh + b) (the paper's "Superposition in a Privileged Basis"):
 * n = 10, m = 5, importance 0.75^i, notebook recipe (10k steps), best of 3 seeds by stratified
 * expected loss. Dense enough data gives every neuron one feature; very sparse data packs
 * features into polysemantic neurons.
 */
import { describe, expect, it } from 'vitest';
import { PAPER_OPTIMIZER, constantVector, geometricImportance, type TrainConfig } from '../../../src/model/config';
import { classifyNeurons, countNeurons, neuronStacks } from '../../../src/model/variants/analysis';
import { bestVariantInstance } from '../../../src/model/variants/evaluate';
import { instanceParams } from '../../../src/model/variants/model';
import { VariantTrainer } from '../../../src/train/variants/variant-trainer';
import { verbose } from '../../helpers/log';

const SEEDS = [1, 2, 3];

async function train(density: number) {
  const config: TrainConfig = {
    n: 10,
    m: 5,
    kind: 'relu-hidden',
    batchSize: 1024,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: SEEDS.map((seed) => ({
      seed,
      density: constantVector(10, density),
      importance: geometricImportance(10, 0.75),
    })),
  };
  const t0 = performance.now();
  const trainer = new VariantTrainer(config);
  trainer.stepSync(10_000);
  const state = await trainer.read();
  const best = bestVariantInstance(config, state.W, state.b, { stratified: true });
  const classes = classifyNeurons(best.params.W1, 10, 5, { nonNegativeInputs: true });
  const perSeed = config.instances.map((_, j) =>
    countNeurons(classifyNeurons(instanceParams(config, state.W, state.b, j).W1, 10, 5, { nonNegativeInputs: true })),
  );
  const seconds = (performance.now() - t0) / 1000;
  verbose(
    `1−S = ${density} (${seconds.toFixed(1)} s): best seed ${best.index}, losses ${best.losses.map((l) => l.toFixed(5)).join(' ')}; ` +
      `best ${JSON.stringify(countNeurons(classes))}, per seed (mono/poly/dead) ${perSeed.map((c) => `${c.monosemantic}/${c.polysemantic}/${c.dead}`).join(' ')}; ` +
      `neurons ${classes.map((c) => `${c.primary}:${c.primaryShare.toFixed(2)}`).join(' ')}`,
  );
  return { best, classes };
}

describe('privileged basis: n = 10, m = 5, I = 0.75^i', () => {
  for (const density of [1, 0.5]) {
    it(`1−S = ${density}: every neuron is monosemantic and the 5 most important features each own one`, async () => {
      const { classes } = await train(density);
      expect(classes.map((c) => c.status)).toEqual(Array(5).fill('monosemantic'));
      expect(classes.map((c) => c.primary).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    });
  }

  it('1−S = 0.02: the neurons turn polysemantic (features packed into the 5 neurons)', async () => {
    const { best, classes } = await train(0.02);
    const { polysemantic } = countNeurons(classes);
    const stacks = neuronStacks(best.params.W1, 10, 5, { nonNegativeInputs: true });
    const featuresUsed = new Set(stacks.flatMap((s) => s.features)).size;
    verbose(`  features with ≥ 5% of some neuron's mass: ${featuresUsed}`);
    expect(polysemantic).toBeGreaterThanOrEqual(4);
    expect(featuresUsed).toBeGreaterThanOrEqual(8);
  });
});

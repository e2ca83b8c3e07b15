/** The batched SAE trainer: determinism, instance independence, checkpoints, unit decoder rows, resampling. */
import { describe, expect, it } from 'vitest';
import { labInstances, labShards, type LabSettings } from '../../../src/experiments/sparse-autoencoders/lab';
import { runLab } from '../../../src/experiments/sparse-autoencoders/run';
import type { ActivationSource } from '../../../src/model/sae/activations';
import { saeConfig, saeInstance } from '../../../src/model/sae/config';
import { SaeTrainer } from '../../../src/train/sae/trainer';

/** Five unit features in the plane at 72°, density 0.1. */
const pentagon: ActivationSource = {
  n: 5,
  m: 2,
  W: Float32Array.from({ length: 10 }, (_, q) => (q % 2 ? Math.sin : Math.cos)((2 * Math.PI * Math.floor(q / 2)) / 5)),
  density: new Float32Array(5).fill(0.1),
  hierarchy: [],
};

describe('the SAE trainer', () => {
  it('trains an instance the same alone or beside others, and keeps decoder rows at unit norm', () => {
    const a = saeInstance(7, 5, { coefficient: 0.1 });
    const b = saeInstance(8, 3, { kind: 'topk', k: 1, auxK: true, resample: 'loss' });
    const alone = new SaeTrainer(saeConfig(2, [a]), pentagon);
    const both = new SaeTrainer(saeConfig(2, [b, a]), pentagon);
    alone.step(60);
    both.step(60);
    expect(both.params(1)).toEqual(alone.params(0));
    const dec = alone.params(0).wDec;
    for (let l = 0; l < 5; l++) expect(Math.hypot(dec[2 * l], dec[2 * l + 1])).toBeCloseTo(1, 6);
  });

  it('continues from a checkpoint exactly as it went on the first time', () => {
    const t = new SaeTrainer(
      saeConfig(2, [saeInstance(3, 4, { kind: 'jumprelu', resample: 'inputs' })], { resampleEvery: 20, deadWindow: 5 }),
      pentagon,
    );
    t.step(30);
    const cp = t.checkpoint();
    t.step(25);
    const after = t.params(0);
    const stats = t.stats();
    t.restore(cp);
    expect(t.stepCount).toBe(30);
    t.step(25);
    expect(t.params(0)).toEqual(after);
    expect(t.stats().loss).toEqual(stats.loss);
  });

  it('resamples latents that never fire to input directions, and they fire again', () => {
    // A bias of −5 keeps latent 0 off for good: it is dead after the window and resampled at step 40.
    const t = new SaeTrainer(
      saeConfig(2, [saeInstance(1, 5, { resample: 'inputs' })], { resampleEvery: 40, deadWindow: 20 }),
      pentagon,
    );
    const dead = (t as unknown as { P: Float64Array }).P;
    dead[t.layout.bEnc] = -5;
    t.step(39);
    expect(t.stats().dead[0]).toBe(1);
    t.step(1);
    expect(t.stats().resampled[0]).toBe(1);
    expect(t.params(0).bEnc[0]).toBe(0);
    t.step(40);
    expect(t.stats().dead[0]).toBe(0);
  });
});

describe('the lab’s sweeps', () => {
  const s: LabSettings = {
    kind: 'l1',
    latents: 5,
    coefficient: 0.25,
    k: 1,
    tied: false,
    resample: 'none',
    auxK: false,
    warmup: 0,
    matryoshka: false,
    sweep: 'remedies',
    seeds: 3,
    seed: 1,
    steps: 1000,
  };
  it('trains one shard of a sweep and summarises the settings it holds', async () => {
    const model = { label: 'pentagon', source: pentagon };
    const run = await runLab(
      model,
      { ...s, sweep: 'coefficient', seeds: 1, steps: 20 },
      { only: [1, 4, 6], evalSamples: 64 },
    );
    expect(run.trained).toEqual([1, 4, 6]);
    expect(run.final.instances).toHaveLength(3);
    expect(run.groups.map((g) => g.label)).toEqual([1, 4, 6].map((j) => run.instances[j].group));
    expect(run.groups.every((g) => g.seeds === 1 && Number.isFinite(g.meanMcc))).toBe(true);
  });

  it('runs every remedy on the same seeds, and splits the instances over workers by cost', () => {
    const inst = labInstances(s, 5);
    expect(inst).toHaveLength(3 * 8);
    expect(inst.slice(0, 3).map((i) => i.spec.seed)).toEqual([1, 2, 3]);
    expect(inst.find((i) => i.group === 'tied + warm-up')!.spec).toMatchObject({ tied: true, warmupSteps: 2000 });
    expect(inst.find((i) => i.group === 'Matryoshka')!.spec.prefixes).toEqual([3]);
    const sizes = labInstances({ ...s, sweep: 'latents' }, 5);
    const shards = labShards(sizes, 2);
    expect(shards.flat().sort((a, b) => a - b)).toEqual(sizes.map((_, j) => j));
    const cost = (sh: number[]) => sh.reduce((a, j) => a + sizes[j].spec.latents, 0);
    expect(Math.abs(cost(shards[0]) - cost(shards[1]))).toBeLessThanOrEqual(20);
  });
});

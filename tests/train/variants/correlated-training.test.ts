/**
 * Correlated and anticorrelated features (the paper's "Correlated and Anticorrelated Features"), trained with the
 * notebook recipe (batch 1024, AdamW lr 1e-3, 10k steps, uniform importance) and judged on the lowest evaluation loss
 * of several seeds, as the paper does.
 */
import { describe, expect, it } from 'vitest';
import { PAPER_OPTIMIZER, constantVector, type FeatureSet, type TrainConfig } from '../../../src/model/config';
import { angleDegrees, gram } from '../../../src/model/metrics';
import { setGeometry } from '../../../src/model/variants/analysis';
import { consecutiveSets } from '../../../src/model/variants/correlated-data';
import { bestVariantInstance } from '../../../src/model/variants/evaluate';
import { instanceParams } from '../../../src/model/variants/model';
import { VariantTrainer } from '../../../src/train/variants/variant-trainer';
import { verbose } from '../../helpers/log';

const STEPS = 10_000;

async function train(n: number, m: number, sets: FeatureSet[], density: number, seeds: number[]) {
  const config: TrainConfig = {
    n,
    m,
    kind: 'relu',
    batchSize: 1024,
    optimizer: { ...PAPER_OPTIMIZER },
    featureSets: sets,
    instances: seeds.map((seed) => ({ seed, density: constantVector(n, density), importance: constantVector(n, 1) })),
  };
  const t0 = performance.now();
  const trainer = new VariantTrainer(config);
  trainer.stepSync(STEPS);
  const state = await trainer.read();
  const best = bestVariantInstance(config, state.W, state.b, { samples: 50_000 });
  const seconds = (performance.now() - t0) / 1000;
  const all = config.instances.map((_, j) => instanceParams(config, state.W, state.b, j).W1);
  return { config, best, all, seconds };
}

const fmt = (xs: number[]) => xs.map((v) => v.toFixed(1)).join(', ');

describe('feature sets in the ReLU output model, n = 4, m = 2', () => {
  it('2 correlated pairs at 1−S = 0.05: orthogonal within each pair, the two pairs antipodal', async () => {
    const sets = consecutiveSets('correlated', 2, 2);
    const { best, seconds } = await train(4, 2, sets, 0.05, [1, 2, 3]);
    const W = best.params.W1;
    const g = setGeometry(W, 2, sets);
    const within = g.map((s) => s.angles[0].degrees);
    // each feature of pair A is antipodal to one feature of pair B
    const cross = [0, 1].map((a) => Math.max(angleDegrees(W, 2, a, 2), angleDegrees(W, 2, a, 3)));
    const norms = g.flatMap((s) => s.norms);
    verbose(
      `correlated pairs (${seconds.toFixed(1)} s): best seed ${best.index}, losses ${best.losses.map((l) => l.toFixed(6)).join(' ')}, within-pair ${fmt(within)}°, cross-pair max ${fmt(cross)}°, norms ${norms.map((v) => v.toFixed(3)).join(' ')}`,
    );
    for (const a of within) expect(Math.abs(a - 90)).toBeLessThan(3);
    for (const a of cross) expect(a).toBeGreaterThan(170);
    for (const v of norms) expect(Math.abs(v - 1)).toBeLessThan(0.05);
  });

  it('2 anticorrelated pairs at density 0.1 (ARENA convention): antipodal within each pair, the pairs orthogonal', async () => {
    const sets = consecutiveSets('anticorrelated', 2, 2);
    const { best, all, seconds } = await train(4, 2, sets, 0.1, [1, 2, 3, 4, 5, 6]);
    const W = best.params.W1;
    const within = setGeometry(W, 2, sets).map((s) => s.angles[0].degrees);
    const cross = angleDegrees(W, 2, 0, 2);
    const antipodalSeeds = all.filter((w) =>
      setGeometry(w, 2, sets).every((s) => s.angles.length === 1 && s.angles[0].degrees > 175),
    ).length;
    verbose(
      `anticorrelated pairs (${seconds.toFixed(1)} s): best seed ${best.index}, losses ${best.losses.map((l) => l.toFixed(6)).join(' ')}, within-pair ${fmt(within)}°, pair A vs pair B ${cross.toFixed(1)}°, ${antipodalSeeds}/6 seeds antipodal within pairs`,
    );
    for (const a of within) expect(a).toBeGreaterThan(175);
    expect(Math.abs(cross - 90)).toBeLessThan(5);
    expect(best.losses[best.index]).toBeLessThan(1e-4); // never co-active + antipodal: no interference at all
  });
});

describe('correlated sets when capacity runs out', () => {
  it('3 correlated pairs in m = 2: no pair collapses at 1−S = 0.01, every pair collapses to its principal component at 0.3', async () => {
    const sets = consecutiveSets('correlated', 3, 2);
    const result: Record<string, number[]> = {};
    for (const density of [0.01, 0.3]) {
      const { best, seconds } = await train(6, 2, sets, density, [1, 2, 3, 4]);
      const g = setGeometry(best.params.W1, 2, sets);
      result[density] = g.map((s) => s.angles[0].degrees);
      verbose(
        `3 correlated pairs, 1−S = ${density} (${seconds.toFixed(1)} s): within-pair ${fmt(result[density])}°, norms ${g
          .flatMap((s) => s.norms)
          .map((v) => v.toFixed(2))
          .join(' ')}`,
      );
    }
    for (const a of result[0.01]) expect(a).toBeGreaterThan(45); // side by side (hexagon), not collapsed
    for (const a of result[0.3]) expect(a).toBeLessThan(5); // (a + b)/√2
  });

  it('local orthogonal bases: n = 20 as 2 correlated sets of 10, m = 10 — each set mutually orthogonal', async () => {
    const sets = consecutiveSets('correlated', 2, 10);
    const { best, seconds } = await train(20, 10, sets, 0.05, [1, 2]);
    const G = gram(best.params.W1, 20, 10);
    let within = 0;
    let across = 0;
    let minNorm = Infinity;
    for (let i = 0; i < 20; i++) {
      minNorm = Math.min(minNorm, Math.sqrt(G[i * 20 + i]));
      for (let j = 0; j < 20; j++) {
        if (i === j) continue;
        if (i < 10 === j < 10) within = Math.max(within, Math.abs(G[i * 20 + j]));
        else across = Math.max(across, Math.abs(G[i * 20 + j]));
      }
    }
    verbose(
      `local orthogonal bases (${seconds.toFixed(1)} s): max |WᵀW| within a set ${within.toFixed(3)}, across sets ${across.toFixed(3)}, min norm ${minNorm.toFixed(3)}`,
    );
    expect(minNorm).toBeGreaterThan(0.9);
    expect(within).toBeLessThan(0.15);
    expect(across).toBeGreaterThan(0.3); // the sets do share dimensions: superposition happens across them
  });
});

/**
 * The paper's variant experiments as ready-to-send worker configs (the settings of the paper's figures in "Non-Uniform
 * Superposition" through "Computation in Superposition"). A preset trains `densities.length × seeds` instances,
 * density-major: instance j = densityIndex · seeds + seedIndex, so the best seed of each density is one group of
 * `seeds` consecutive instances (see bestPerGroup).
 */
import {
  paperConfig,
  PAPER_STEPS,
  constantVector,
  geometricImportance,
  type FeatureSet,
  type ModelKind,
  type TrainConfig,
} from '../config';
import { consecutiveSets } from './correlated-data';
import { bestVariantInstance } from './evaluate';
import { weightsPerInstance } from './model';

export interface VariantPreset {
  id: string;
  title: string;
  config: TrainConfig;
  densities: number[];
  /** Seeds (instances) per density. */
  seeds: number;
  /** Suggested training length. */
  steps: number;
}

/** base^(−t) for t = linspace(t0, t1, count) (the notebook's and ARENA's density grids). */
export function densityGrid(base: number, t0: number, t1: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.pow(base, -(t0 + ((t1 - t0) * i) / Math.max(1, count - 1))));
}

function build(opts: {
  n: number;
  m: number;
  kind: ModelKind;
  densities: number[];
  seeds: number;
  decay?: number;
  featureSets?: FeatureSet[];
  seed0?: number;
}): TrainConfig {
  const instances = opts.densities.flatMap((d) =>
    Array.from({ length: opts.seeds }, (_, s) => ({
      seed: (opts.seed0 ?? 1) + s,
      density: constantVector(opts.n, d),
      importance: geometricImportance(opts.n, opts.decay ?? 1),
    })),
  );
  return {
    ...paperConfig(opts.n, opts.m, opts.kind, instances),
    ...(opts.featureSets ? { featureSets: opts.featureSets } : {}),
  };
}

function preset(
  id: string,
  title: string,
  densities: number[],
  seeds: number,
  steps: number,
  opts: Omit<Parameters<typeof build>[0], 'densities' | 'seeds'>,
): VariantPreset {
  return { id, title, densities, seeds, steps, config: build({ ...opts, densities, seeds }) };
}

/** 2 correlated pairs, n = 4, m = 2; ARENA's grid 400^(−t), t ∈ [0.5, 1] (0.05 → 0.0025). */
export const correlatedPairs = (seeds = 3) =>
  preset('correlated-pairs', '2 correlated pairs in m = 2', densityGrid(400, 0.5, 1, 5), seeds, PAPER_STEPS, {
    n: 4,
    m: 2,
    kind: 'relu',
    featureSets: consecutiveSets('correlated', 2, 2),
  });

/** 2 anticorrelated pairs, n = 4, m = 2; ARENA's grid 10^(−t), t ∈ [0.5, 1] (0.316 → 0.1), per-feature density. */
export const anticorrelatedPairs = (seeds = 3) =>
  preset('anticorrelated-pairs', '2 anticorrelated pairs in m = 2', densityGrid(10, 0.5, 1, 5), seeds, PAPER_STEPS, {
    n: 4,
    m: 2,
    kind: 'relu',
    featureSets: consecutiveSets('anticorrelated', 2, 2),
  });

/**
 * 3 correlated pairs in m = 2 across the collapse regimes (measured with this trainer, best of 4:
 * none collapsed at 0.01–0.03, one at 0.1, two at 0.18, all three at 0.3 and 0.6; with the
 * preset's 3 seeds, 10,000 steps: one at 0.03, two at 0.1, all three from 0.18 on — where the
 * collapse starts depends on the seeds, not whether it happens).
 */
export const threeCorrelatedPairs = (seeds = 3) =>
  preset(
    'three-correlated-pairs',
    '3 correlated pairs in m = 2 (collapse to principal components)',
    [0.01, 0.03, 0.1, 0.18, 0.3, 0.6],
    seeds,
    PAPER_STEPS,
    { n: 6, m: 2, kind: 'relu', featureSets: consecutiveSets('correlated', 3, 2) },
  );

/** n = 20 as 2 correlated sets of 10, m = 10: local orthogonal bases (view WᵀW). */
export const localOrthogonalBases = (seeds = 2, density = 0.05) =>
  preset(
    'local-orthogonal-bases',
    'Local orthogonal bases: 2 correlated sets of 10 in m = 10',
    [density],
    seeds,
    PAPER_STEPS,
    { n: 20, m: 10, kind: 'relu', featureSets: consecutiveSets('correlated', 2, 10) },
  );

/** ReLU hidden layer, n = 10, m = 5, I = 0.75^i, ARENA's grid; the paper kept the best of 1000 runs. */
export const privilegedBasis = (seeds = 8, densities = [0.75, 0.35, 0.15, 0.1, 0.06, 0.02, 0.01]) =>
  preset('privileged-basis', 'ReLU hidden layer (privileged basis), n = 10, m = 5', densities, seeds, PAPER_STEPS, {
    n: 10,
    m: 5,
    kind: 'relu-hidden',
    decay: 0.75,
  });

/** Absolute value without superposition: n = 3, m = 6, dense. */
export const absNoSuperposition = (seeds = 4) =>
  preset('abs-dense', 'Absolute value, n = 3, m = 6, dense', [1], seeds, PAPER_STEPS, { n: 3, m: 6, kind: 'abs' });

/** Absolute value in superposition: n = 100, m = 40, I = 0.8^i, the paper's seven densities (ARENA: 30k steps). */
export const absSweep = (seeds = 1) =>
  preset(
    'abs-sweep',
    'Absolute value, n = 100, m = 40, I = 0.8^i',
    [1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001],
    seeds,
    30_000,
    {
      n: 100,
      m: 40,
      kind: 'abs',
      decay: 0.8,
    },
  );

/**
 * Basic ReLU output models for the adversarial section (trains on any path). The test uses
 * n = 50, m = 5 at 1, 0.3, 0.1, 0.03 (3000 steps); the paper reused its uniform-superposition sweep.
 */
export const adversarialSweep = (n = 50, m = 5, densities = [1, 0.3, 0.1, 0.05, 0.03, 0.02], seeds = 1) =>
  preset(
    'adversarial',
    `Adversarial vulnerability, n = ${n}, m = ${m}, uniform importance`,
    densities,
    seeds,
    PAPER_STEPS,
    { n, m, kind: 'relu' },
  );

/** Index of the lowest-evaluation-loss instance in each density group of a preset. */
export function bestPerGroup(
  p: Pick<VariantPreset, 'config' | 'seeds'>,
  W: Float32Array,
  b: Float32Array,
  opts: { stratified?: boolean; samples?: number } = {},
): number[] {
  const groups = p.config.instances.length / p.seeds;
  return Array.from({ length: groups }, (_, g) => {
    const sub: TrainConfig = { ...p.config, instances: p.config.instances.slice(g * p.seeds, (g + 1) * p.seeds) };
    const perW = weightsPerInstance(p.config);
    const Wg = W.subarray(g * p.seeds * perW, (g + 1) * p.seeds * perW);
    const bg = b.subarray(g * p.seeds * p.config.n, (g + 1) * p.seeds * p.config.n);
    return g * p.seeds + bestVariantInstance(sub, Wg, bg, opts).index;
  });
}

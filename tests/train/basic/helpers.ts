import {
  PAPER_OPTIMIZER,
  constantVector,
  geometricImportance,
  type ModelKind,
  type TrainConfig,
} from '../../../src/model/config';
import { argminFinite, evaluationLoss } from '../../../src/model/evaluate';
import { instanceMetrics, instanceWeights, type InstanceMetrics } from '../../../src/model/metrics';
import { JsTrainer } from '../../../src/train/basic/js-trainer';
import { SimdTrainer } from '../../../src/train/basic/simd-trainer';
import type { BatchedTrainer, TrainerState } from '../../../src/train/trainer';

/**
 * The CPU paths that train the basic model; every test of a paper result runs on each. They
 * draw different random numbers, so a seed gives different (statistically equivalent) models.
 */
export const FIDELITY_PATHS = ['js', 'simd'] as const;
export type FidelityPath = (typeof FIDELITY_PATHS)[number];

/** A trainer that can also step synchronously (both CPU paths can). */
export type SyncTrainer = BatchedTrainer & { stepSync(k: number): void };

/** A fresh trainer for `config` on a fidelity path (js or simd), steppable synchronously. */
export async function syncTrainer(config: TrainConfig, path: FidelityPath): Promise<SyncTrainer> {
  return path === 'js' ? new JsTrainer(config) : SimdTrainer.create(config);
}

/** `steps` steps from the seeded initialisation on `path`; the final state (trainer disposed). */
export async function trainedState(config: TrainConfig, path: FidelityPath, steps: number): Promise<TrainerState> {
  const trainer = await syncTrainer(config, path);
  try {
    trainer.stepSync(steps);
    return await trainer.read();
  } finally {
    trainer.dispose();
  }
}

/** k seeds of one setting as instances of one batched run. */
export function seedsConfig(opts: {
  n: number;
  m: number;
  density: number;
  decay: number;
  seeds: number[];
  kind?: ModelKind;
  batchSize?: number;
}): TrainConfig {
  return {
    n: opts.n,
    m: opts.m,
    kind: opts.kind ?? 'relu',
    batchSize: opts.batchSize ?? 1024,
    optimizer: { ...PAPER_OPTIMIZER },
    instances: opts.seeds.map((seed) => ({
      seed,
      density: constantVector(opts.n, opts.density),
      importance: geometricImportance(opts.n, opts.decay),
    })),
  };
}

export interface Judged {
  index: number;
  W: Float32Array;
  b: Float32Array;
  loss: number;
  metrics: InstanceMetrics;
}

/** The lowest evaluation-loss instance, as the paper judges several fits. */
export function bestInstance(config: TrainConfig, state: TrainerState): Judged {
  const { n, m, kind } = config;
  const losses = config.instances.map((inst, j) =>
    evaluationLoss({ W: instanceWeights(state.W, j, n, m), b: state.b.subarray(j * n, (j + 1) * n), ...inst }, m, kind),
  );
  const index = argminFinite(losses);
  const W = instanceWeights(state.W, index, n, m);
  return {
    index,
    W,
    b: state.b.subarray(index * n, (index + 1) * n),
    loss: losses[index],
    metrics: instanceMetrics(W, n, m),
  };
}

/** Sorted polar angles (degrees) of the features with norm above 0.5, and the gaps between neighbours. */
export function angularGaps(W: Float32Array, n: number): number[] {
  const angles: number[] = [];
  for (let i = 0; i < n; i++) {
    if (Math.hypot(W[2 * i], W[2 * i + 1]) > 0.5) angles.push((Math.atan2(W[2 * i + 1], W[2 * i]) * 180) / Math.PI);
  }
  angles.sort((a, b) => a - b);
  return angles.map((a, i) => (i + 1 < angles.length ? angles[i + 1] - a : 360 + angles[0] - a));
}

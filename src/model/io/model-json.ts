/**
 * The JSON format for trained models, written by the CLI and by the page's JSON exports, and read
 * back by the CLI and the tests. W is stored as nested arrays W[feature][hidden]: row i is feature i's
 * embedding W_i, i.e. the transpose of the paper's m×n matrix.
 */
import type { TrainConfig } from '../config';
import { argminFinite, evaluationLoss } from '../evaluate';
import { instanceMetrics, instanceWeights } from '../metrics';

export const MODEL_FORMAT = 'superposition-explorable/models@1';

export interface InstanceJson {
  seed: number;
  density: number[];
  importance: number[];
  /** W[i][k]: component k of feature i's embedding (n rows of m numbers). */
  W: number[][];
  b: number[];
  loss: number;
  evalLoss: number;
  metrics: {
    norms: number[];
    superposition: number[];
    dimensionality: number[];
    frobeniusSquared: number;
    dimensionsPerFeature: number;
  };
}

export interface ModelsJson {
  format: typeof MODEL_FORMAT;
  layout: string;
  config: { n: number; m: number; kind: string; batchSize: number; optimizer: TrainConfig['optimizer']; steps: number };
  run: { path: string; seconds: number };
  instances: InstanceJson[];
  /** Index of the lowest evaluation-loss instance. */
  best: number;
  lossHistory: { step: number[]; loss: number[][] };
}

/** A batched run's weights at one step (a trainer's state or a worker's snapshot). */
export interface ModelsState {
  /** [I, n, m] feature-major. */
  W: Float32Array;
  /** [I, n] */
  b: Float32Array;
  /** [I]: each instance's last minibatch loss. */
  loss: Float32Array;
  step: number;
}

/** W [n, m] feature-major as n rows of m numbers: W[i][k] is component k of feature i (the files' layout). */
export const weightRows = (
  W: ArrayLike<number>,
  n: number,
  m: number,
  map: (v: number) => number = (v) => v,
): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, k) => map(W[i * m + k])));

const round = (v: number) => (Number.isFinite(v) ? Math.fround(v) : null) as number;

export function buildModelJson(
  config: TrainConfig,
  state: ModelsState,
  history: { step: number; loss: number[] }[],
  run: { path: string; seconds: number },
): ModelsJson {
  const { n, m, kind } = config;
  const instances = config.instances.map((inst, j): InstanceJson => {
    const W = instanceWeights(state.W, j, n, m);
    const b = state.b.subarray(j * n, (j + 1) * n);
    const mt = instanceMetrics(W, n, m);
    return {
      seed: inst.seed,
      density: Array.from(inst.density, round),
      importance: Array.from(inst.importance, round),
      W: weightRows(W, n, m, round),
      b: Array.from(b, round),
      loss: round(state.loss[j]),
      evalLoss: evaluationLoss({ W, b, density: inst.density, importance: inst.importance }, m, kind),
      metrics: {
        norms: Array.from(mt.norms),
        superposition: Array.from(mt.superposition),
        dimensionality: Array.from(mt.dimensionality),
        frobeniusSquared: mt.frobeniusSquared,
        dimensionsPerFeature: mt.dimensionsPerFeature,
      },
    };
  });
  return {
    format: MODEL_FORMAT,
    layout:
      'instances[j].W[i][k] = component k (of m) of feature i (of n) embedding W_i; b[i] = output bias of feature i',
    config: { n, m, kind, batchSize: config.batchSize, optimizer: config.optimizer, steps: state.step },
    run,
    instances,
    best: argminFinite(instances.map((i) => i.evalLoss)),
    lossHistory: {
      step: history.map((h) => h.step),
      loss: config.instances.map((_, j) => history.map((h) => round(h.loss[j]))),
    },
  };
}

/** Instances first … first + count − 1 of a batched run as a models file of their own (a selected cell or model). */
export function instancesModelJson(
  config: TrainConfig,
  state: ModelsState,
  first: number,
  count: number,
  run: { path: string; seconds: number },
): ModelsJson {
  const { n, m } = config;
  const sub = { ...config, instances: config.instances.slice(first, first + count) };
  const part = {
    W: state.W.slice(first * n * m, (first + count) * n * m),
    b: state.b.slice(first * n, (first + count) * n),
    loss: state.loss.slice(first, first + count),
    step: state.step,
  };
  return buildModelJson(sub, part, [], run);
}

/** Parse and validate a models JSON file (throws an Error naming what is wrong). */
export function parseModelJson(text: string): ModelsJson {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON: ${(e as Error).message}`, { cause: e });
  }
  const o = v as Partial<ModelsJson>;
  if (!o || o.format !== MODEL_FORMAT) throw new Error(`not a ${MODEL_FORMAT} file`);
  const { n, m } = o.config ?? ({} as ModelsJson['config']);
  if (!Number.isInteger(n) || !Number.isInteger(m)) throw new Error('config.n and config.m must be integers');
  if (!Array.isArray(o.instances) || o.instances.length === 0) throw new Error('no instances');
  o.instances.forEach((inst, j) => {
    if (!Array.isArray(inst.W) || inst.W.length !== n || inst.W.some((r) => !Array.isArray(r) || r.length !== m)) {
      throw new Error(`instance ${j}: W must be ${n} rows of ${m} numbers`);
    }
    if (!Array.isArray(inst.b) || inst.b.length !== n) throw new Error(`instance ${j}: b must have ${n} numbers`);
    if (
      inst.W.flat()
        .concat(inst.b)
        .some((x) => typeof x !== 'number' || !Number.isFinite(x))
    ) {
      throw new Error(`instance ${j}: W and b must be finite numbers`);
    }
  });
  return o as ModelsJson;
}

/** Flatten an instance's nested W back to the feature-major Float32Array used everywhere. */
export function weightsFromJson(inst: InstanceJson): Float32Array {
  return Float32Array.from(inst.W.flat());
}

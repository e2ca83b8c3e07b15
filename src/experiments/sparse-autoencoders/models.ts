/**
 * The toy models an SAE of the lab reads: the at-a-glance model (the page's), a models@1 file the page
 * exported, or one of the lab's own, trained first — in the worker, the CLI or a test alike — with the
 * project's own trainer (the simd path where WebAssembly SIMD runs, else js) from a fixed seed.
 *
 * - pentagon: ARENA 1.3.1's case, n = 5 features in m = 2 dimensions, density 0.025, equal importance;
 * - n20: n = 20, m = 5, density 0.05, equal importance (the larger case);
 * - absorption: 4 orthogonal features (m = 4), feature 1 a child of feature 0 (on only with it, then with
 *   probability 0.4), features 2 and 3 independent; every active feature has value 1 (Chanin et al.'s toy
 *   model of absorption). The toy model itself trains on independent features with the same marginal
 *   densities — it only sets the directions; the hierarchy is in the data the SAE reads;
 * - splitting: n = 5, m = 2 at density 0.1 (features co-occur often), for dictionaries from fewer
 *   latents than features (merged, "hedging") to many more (feature splitting).
 */
import { paperConfig } from '../../model/config';
import { parseModelJson, weightsFromJson } from '../../model/io/model-json';
import type { ActivationSource, HierarchyGroup } from '../../model/sae/activations';
import { activatePath, createTrainer } from '../../train/basic/paths';

export const TOY_MODEL_IDS = ['pentagon', 'n20', 'absorption', 'splitting'] as const;
export type ToyModelId = (typeof TOY_MODEL_IDS)[number];
/** Where the SAE's activations come from. */
export type ModelChoice = 'glance' | 'file' | ToyModelId;
export const MODEL_CHOICES: readonly ModelChoice[] = ['glance', ...TOY_MODEL_IDS, 'file'];

export interface ToyModelSpec {
  id: ToyModelId;
  title: string;
  n: number;
  m: number;
  /** Each feature's marginal density, which the toy model trains on. */
  trainDensity: number[];
  /** The density the SAE's data uses (a child's: given its parent). */
  density: number[];
  hierarchy: HierarchyGroup[];
  magnitude: 'uniform' | 'unit';
  seed: number;
  steps: number;
}

const equal = (n: number, v: number) => Array.from({ length: n }, () => v);

export const TOY_MODELS: Readonly<Record<ToyModelId, ToyModelSpec>> = {
  pentagon: {
    id: 'pentagon',
    title: 'ARENA’s pentagon: n = 5, m = 2, density 0.025',
    n: 5,
    m: 2,
    trainDensity: equal(5, 0.025),
    density: equal(5, 0.025),
    hierarchy: [],
    magnitude: 'uniform',
    seed: 1,
    steps: 10_000,
  },
  n20: {
    id: 'n20',
    title: 'n = 20, m = 5, density 0.05',
    n: 20,
    m: 5,
    trainDensity: equal(20, 0.05),
    density: equal(20, 0.05),
    hierarchy: [],
    magnitude: 'uniform',
    seed: 1,
    steps: 10_000,
  },
  absorption: {
    id: 'absorption',
    title: 'Absorption: a parent feature and its child, m = 4',
    n: 4,
    m: 4,
    trainDensity: [0.3, 0.12, 0.2, 0.2],
    density: [0.3, 0.4, 0.2, 0.2],
    hierarchy: [{ parent: 0, children: [1], exclusive: false }],
    magnitude: 'unit',
    seed: 1,
    steps: 10_000,
  },
  splitting: {
    id: 'splitting',
    title: 'Feature splitting: n = 5, m = 2, density 0.1',
    n: 5,
    m: 2,
    trainDensity: equal(5, 0.1),
    density: equal(5, 0.1),
    hierarchy: [],
    magnitude: 'uniform',
    seed: 1,
    steps: 10_000,
  },
};

/** A toy model's weights and the data its SAE reads. */
export interface LabModel {
  label: string;
  source: ActivationSource;
}

/** Train a toy model (simd where it runs, else js): its W [n, m], feature-major. */
export async function trainToyModel(spec: ToyModelSpec): Promise<Float32Array> {
  const path = (await activatePath('simd')) ? 'simd' : 'js';
  const config = paperConfig(spec.n, spec.m, 'relu', [
    { seed: spec.seed, density: Float32Array.from(spec.trainDensity), importance: Float32Array.from(equal(spec.n, 1)) },
  ]);
  const trainer = await createTrainer(config, path);
  try {
    await trainer.step(spec.steps);
    return (await trainer.read()).W.slice(0, spec.n * spec.m);
  } finally {
    trainer.dispose();
  }
}

export async function toyLabModel(id: ToyModelId): Promise<LabModel> {
  const spec = TOY_MODELS[id];
  const W = await trainToyModel(spec);
  return {
    label: spec.title,
    source: {
      n: spec.n,
      m: spec.m,
      W,
      density: Float32Array.from(spec.density),
      hierarchy: spec.hierarchy,
      magnitude: spec.magnitude,
    },
  };
}

/** A model given as weights and densities (the at-a-glance model): independent uniform features. */
export function givenLabModel(
  model: { W: Float32Array; density: Float32Array; n: number; m: number },
  label: string,
): LabModel {
  return {
    label,
    source: {
      n: model.n,
      m: model.m,
      W: model.W.slice(),
      density: model.density.slice(),
      hierarchy: [],
      magnitude: 'uniform',
    },
  };
}

/**
 * The best (lowest evaluation loss) instance of a models@1 file the page or the CLI exported. Throws an
 * Error saying what is wrong with a file that is not one (or whose model cannot feed an SAE).
 */
export function fileLabModel(text: string, name = 'file'): LabModel {
  const json = parseModelJson(text);
  const inst = json.instances[json.best] ?? json.instances[0];
  const { n, m, kind } = json.config;
  if (kind !== 'relu' && kind !== 'linear') throw new Error(`a ${kind} model: the lab reads the basic model's h = W x`);
  if (m > 64) throw new Error(`m = ${m}: the lab's SAEs read at most 64 dimensions`);
  if (!Array.isArray(inst.density) || inst.density.length !== n || inst.density.some((p) => !(p > 0 && p <= 1)))
    throw new Error(`instance densities must be ${n} numbers in (0, 1]`);
  return givenLabModel(
    { W: weightsFromJson(inst), density: Float32Array.from(inst.density), n, m },
    `${name}: n = ${n}, m = ${m}, seed ${inst.seed}`,
  );
}

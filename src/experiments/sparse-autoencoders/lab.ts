/**
 * The lab's settings and the batched run they make: which SAEs train side by side (the instances axis:
 * seeds, sparsity coefficients, dictionary sizes, k, or the remedies for dead and duplicated latents,
 * each over the same seeds), and what each instance is called. Shared by the page's worker task, the CLI
 * and the tests.
 */
import {
  saeConfig,
  saeInstance,
  type Resampling,
  type SaeInstanceSpec,
  type SaeKind,
  type SaeTrainConfig,
} from '../../model/sae/config';

export const SWEEPS = ['seeds', 'coefficient', 'latents', 'k', 'remedies'] as const;
export type Sweep = (typeof SWEEPS)[number];

export interface LabSettings {
  kind: SaeKind;
  latents: number;
  /** λ: L1 or L0 coefficient. */
  coefficient: number;
  k: number;
  tied: boolean;
  resample: Resampling;
  auxK: boolean;
  /** Steps of the linear warm-up of λ (0: none). */
  warmup: number;
  /** Matryoshka: the first ⌈latents/2⌉ latents must reconstruct on their own too. */
  matryoshka: boolean;
  sweep: Sweep;
  /** Seeds per setting (every sweep runs each of its settings on seeds seed … seed + seeds − 1). */
  seeds: number;
  seed: number;
  steps: number;
}

/** The coefficient slider's range (log scale) and the sweep's 8 stops across it. */
export const COEFFICIENT_RANGE = Object.freeze({ min: 0.04, max: 0.5 });
export const COEFFICIENT_STOPS: readonly number[] = Array.from({ length: 8 }, (_, i) =>
  Number((COEFFICIENT_RANGE.min * Math.pow(COEFFICIENT_RANGE.max / COEFFICIENT_RANGE.min, i / 7)).toPrecision(2)),
);

/** Remedies for latents that die or share a feature, each a change to the reader's settings. */
export interface Remedy {
  id: string;
  label: string;
  patch: Partial<SaeInstanceSpec>;
}

export const REMEDIES: readonly Remedy[] = [
  { id: 'plain', label: 'plain', patch: {} },
  { id: 'resample-inputs', label: 'resample to inputs', patch: { resample: 'inputs' } },
  { id: 'resample-loss', label: 'resample by loss²', patch: { resample: 'loss' } },
  { id: 'warmup', label: 'λ warm-up', patch: { warmupSteps: 2000 } },
  { id: 'tied', label: 'tied weights', patch: { tied: true } },
  { id: 'tied-warmup', label: 'tied + warm-up', patch: { tied: true, warmupSteps: 2000 } },
  { id: 'topk-aux', label: 'TopK + aux loss', patch: { kind: 'topk', auxK: true } },
  { id: 'matryoshka', label: 'Matryoshka', patch: { prefixes: [] } },
];

/** Dictionary sizes of the 'latents' sweep for n features: from half as many latents to four times as many. */
export function latentStops(n: number): number[] {
  return [...new Set([Math.max(1, Math.round(n / 2)), n - 1, n, 2 * n, 4 * n])].filter((v) => v >= 1 && v <= 256);
}

/** k of the 'k' sweep: 1 … min(latents, 6). */
export const kStops = (latents: number): number[] => Array.from({ length: Math.min(latents, 6) }, (_, i) => i + 1);

export interface LabInstance {
  spec: SaeInstanceSpec;
  /** The setting it stands for along the sweep (the same for every seed of it). */
  group: string;
  /** Position of its setting along the sweep. */
  groupIndex: number;
}

/** The base instance of the reader's settings for a seed. */
export function baseInstance(s: LabSettings, seed: number): SaeInstanceSpec {
  const latents = s.latents;
  return saeInstance(seed, latents, {
    kind: s.kind,
    coefficient: s.coefficient,
    k: Math.min(s.k, latents),
    tied: s.tied,
    resample: s.resample,
    auxK: s.auxK,
    warmupSteps: s.warmup,
    prefixes: s.matryoshka && latents > 1 ? [Math.ceil(latents / 2)] : [],
  });
}

/** Every instance of the run, setting-major: [setting 0 × seeds, setting 1 × seeds, …]. */
export function labInstances(s: LabSettings, features: number): LabInstance[] {
  const seeds = Array.from({ length: s.seeds }, (_, i) => s.seed + i);
  const groups = sweepGroups(s, features);
  return groups.flatMap((g, groupIndex) =>
    seeds.map((seed) => {
      const spec = { ...baseInstance({ ...s, ...g.settings }, seed), ...g.patch };
      if (g.matryoshka && spec.latents > 1) spec.prefixes = [Math.ceil(spec.latents / 2)];
      if (spec.kind === 'topk') spec.k = Math.min(Math.max(1, spec.k), spec.latents);
      if (spec.prefixes.some((p) => p >= spec.latents)) spec.prefixes = [];
      return { spec, group: g.label, groupIndex };
    }),
  );
}

interface Group {
  label: string;
  matryoshka?: boolean;
  settings: Partial<LabSettings>;
  patch: Partial<SaeInstanceSpec>;
}

function sweepGroups(s: LabSettings, features: number): Group[] {
  switch (s.sweep) {
    case 'seeds':
      return [{ label: 'seeds', settings: {}, patch: {} }];
    case 'coefficient':
      return COEFFICIENT_STOPS.map((c) => ({ label: `λ = ${c}`, settings: { coefficient: c }, patch: {} }));
    case 'latents':
      return latentStops(features).map((L) => ({ label: `${L} latents`, settings: { latents: L }, patch: {} }));
    case 'k':
      return kStops(s.latents).map((k) => ({ label: `k = ${k}`, settings: { kind: 'topk', k }, patch: {} }));
    case 'remedies':
      return REMEDIES.map((r) => ({ label: r.label, settings: {}, patch: r.patch, matryoshka: r.id === 'matryoshka' }));
  }
}

/** The run's config: Adam, batch 1024, the lab's dead window and resampling period. */
export function labConfig(m: number, instances: LabInstance[], steps: number): SaeTrainConfig {
  return saeConfig(
    m,
    instances.map((i) => i.spec),
    { resampleEvery: Math.max(500, Math.min(2500, Math.round(steps / 4))) },
  );
}

/**
 * `k` shards of instance indices (each ascending) with about equal work — an SAE step costs about its
 * dictionary size — greedy, costliest first to the least loaded shard. Instances train independently
 * (each from its own seeds), so any split trains the same SAEs.
 */
export function labShards(instances: readonly LabInstance[], k: number): number[][] {
  const shards = Math.max(1, Math.min(k, instances.length));
  const load = new Float64Array(shards);
  const out: number[][] = Array.from({ length: shards }, () => []);
  const order = instances
    .map((_, j) => j)
    .sort((a, b) => instances[b].spec.latents - instances[a].spec.latents || a - b);
  for (const j of order) {
    let s = 0;
    for (let t = 1; t < shards; t++) if (load[t] < load[s]) s = t;
    out[s].push(j);
    load[s] += instances[j].spec.latents + 4;
  }
  return out.map((idx) => idx.sort((a, b) => a - b));
}

/**
 * "Dictionary learning with sparse autoencoders": its URL table (readable fields; the link's codes all start with
 * `sae`), presets and settings.
 */
import { RESAMPLINGS, SAE_KINDS } from '../../model/sae/config';
import type { PresetSpec } from '../../state/presets';
import type { ParamTable, ParamValues } from '../../state/url-params';
import { COEFFICIENT_RANGE, SWEEPS, type LabSettings } from './lab';
import { MODEL_CHOICES, TOY_MODELS, type ModelChoice } from './models';

/** Dictionary sizes the menu offers, in latents per feature (rounded, at least 1 latent). */
export const SIZE_FACTORS = [0.4, 0.6, 0.8, 1, 2, 4] as const;

export const SAE_PARAMS = {
  /** The toy model whose activations the SAEs read. */
  model: { key: 'saemodel', kind: 'enum', values: MODEL_CHOICES, default: 'glance' },
  kind: { key: 'saekind', kind: 'enum', values: SAE_KINDS, default: 'l1' },
  /** Latents per feature of the model. */
  size: { key: 'saesize', kind: 'choice', values: SIZE_FACTORS, default: 1 },
  /** λ, the L1 (or JumpReLU's L0) coefficient (log slider). */
  lambda: { key: 'saelambda', kind: 'number', min: COEFFICIENT_RANGE.min, max: COEFFICIENT_RANGE.max, default: 0.25 },
  k: { key: 'saek', kind: 'int', min: 1, max: 16, default: 1 },
  tied: { key: 'saetied', kind: 'bool', default: false },
  resample: { key: 'saeresample', kind: 'enum', values: RESAMPLINGS, default: 'none' },
  aux: { key: 'saeaux', kind: 'bool', default: false },
  /** Steps of λ's linear warm-up. */
  warmup: { key: 'saewarmup', kind: 'int', min: 0, max: 10_000, default: 0 },
  nested: { key: 'saenest', kind: 'bool', default: false },
  /** What varies across the SAEs trained side by side. */
  sweep: { key: 'saesweep', kind: 'enum', values: SWEEPS, default: 'seeds' },
  seeds: { key: 'saeseeds', kind: 'int', min: 1, max: 10, default: 4 },
  seed: { key: 'saeseed', kind: 'int', min: 1, max: 999_999, default: 1 },
  steps: { key: 'saesteps', kind: 'int', min: 200, max: 20_000, default: 6000 },
} as const satisfies ParamTable;

export type SaeState = ParamValues<typeof SAE_PARAMS>;

/** The lab's settings for a model of n features. */
export function labSettings(s: SaeState, n: number): LabSettings {
  return {
    kind: s.kind,
    latents: Math.max(1, Math.round(s.size * n)),
    coefficient: s.lambda,
    k: s.k,
    tied: s.tied,
    resample: s.resample,
    auxK: s.aux,
    warmup: s.warmup,
    matryoshka: s.nested,
    sweep: s.sweep,
    seeds: s.seeds,
    seed: s.seed,
    steps: s.steps,
  };
}

export const isToyModel = (c: ModelChoice): c is keyof typeof TOY_MODELS => c in TOY_MODELS;

export const SAE_PRESETS: readonly PresetSpec[] = [
  {
    id: 'sae-pentagon',
    title: 'SAEs on ARENA’s pentagon: which remedy finds every feature',
    description:
      'n = 5 features in m = 2 dimensions at density 0.025; 5 latents, L1 0.25, 10 seeds per remedy: how many ' +
      'seeds recover all 5 features at |cos| ≥ 0.99.',
    params: {
      saemodel: 'pentagon',
      saesize: '1',
      saelambda: '0.25',
      saesweep: 'remedies',
      saeseeds: '10',
      saesteps: '6000',
    },
  },
  {
    id: 'sae-n20',
    title: 'SAEs on n = 20, m = 5: the L0–FVU frontier',
    description:
      '40 latents on n = 20 features in m = 5 dimensions (density 0.05), 8 sparsity coefficients side by side, ' +
      'resampling dead latents by loss.',
    params: {
      saemodel: 'n20',
      saesize: '2',
      saelambda: '0.16',
      saeresample: 'loss',
      saesweep: 'coefficient',
      saeseeds: '1',
      saesteps: '10000',
    },
  },
  {
    id: 'sae-absorption',
    title: 'Feature absorption: the parent’s latent stops firing with its child',
    description:
      'A parent feature and its child (on only with the parent) in m = 4; plain, tied and Matryoshka SAEs over 4 ' +
      'seeds, with the absorption gap of each.',
    params: {
      saemodel: 'absorption',
      saesize: '1',
      saelambda: '0.05',
      saesweep: 'remedies',
      saeseeds: '4',
      saesteps: '4000',
    },
  },
  {
    id: 'sae-splitting',
    title: 'Dictionary size: merged features to split ones',
    description:
      'n = 5, m = 2 at density 0.1, dictionaries from 2 to 20 latents: too few latents merge features, many more ' +
      'split them.',
    params: { saemodel: 'splitting', saelambda: '0.1', saesweep: 'latents', saeseeds: '2', saesteps: '6000' },
  },
];

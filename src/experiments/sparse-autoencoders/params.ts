/** "Dictionary learning with sparse autoencoders": its URL keys (all start with `sae`), presets and settings. */
import { RESAMPLINGS, SAE_KINDS } from '../../model/sae/config';
import type { PresetSpec } from '../../state/presets';
import type { ParamTable, ParamValues } from '../../state/url-params';
import { COEFFICIENT_RANGE, SWEEPS, type LabSettings } from './lab';
import { MODEL_CHOICES, TOY_MODELS, type ModelChoice } from './models';

/** Dictionary sizes the menu offers, in latents per feature (rounded, at least 1 latent). */
export const SIZE_FACTORS = [0.4, 0.6, 0.8, 1, 2, 4] as const;

export const SAE_PARAMS = {
  /** The toy model whose activations the SAEs read. */
  saemodel: { kind: 'enum', values: MODEL_CHOICES, default: 'glance' },
  saekind: { kind: 'enum', values: SAE_KINDS, default: 'l1' },
  /** Latents per feature of the model. */
  saesize: { kind: 'choice', values: SIZE_FACTORS, default: 1 },
  /** λ, the L1 (or JumpReLU's L0) coefficient (log slider). */
  saelambda: { kind: 'number', min: COEFFICIENT_RANGE.min, max: COEFFICIENT_RANGE.max, default: 0.25 },
  saek: { kind: 'int', min: 1, max: 16, default: 1 },
  saetied: { kind: 'bool', default: false },
  saeresample: { kind: 'enum', values: RESAMPLINGS, default: 'none' },
  saeaux: { kind: 'bool', default: false },
  /** Steps of λ's linear warm-up. */
  saewarmup: { kind: 'int', min: 0, max: 10_000, default: 0 },
  saenest: { kind: 'bool', default: false },
  /** What varies across the SAEs trained side by side. */
  saesweep: { kind: 'enum', values: SWEEPS, default: 'seeds' },
  saeseeds: { kind: 'int', min: 1, max: 10, default: 4 },
  saeseed: { kind: 'int', min: 1, max: 999_999, default: 1 },
  saesteps: { kind: 'int', min: 200, max: 20_000, default: 6000 },
} as const satisfies ParamTable;

export type SaeState = ParamValues<typeof SAE_PARAMS>;

/** The lab's settings for a model of n features. */
export function labSettings(s: SaeState, n: number): LabSettings {
  return {
    kind: s.saekind,
    latents: Math.max(1, Math.round(s.saesize * n)),
    coefficient: s.saelambda,
    k: s.saek,
    tied: s.saetied,
    resample: s.saeresample,
    auxK: s.saeaux,
    warmup: s.saewarmup,
    matryoshka: s.saenest,
    sweep: s.saesweep,
    seeds: s.saeseeds,
    seed: s.saeseed,
    steps: s.saesteps,
  };
}

export const isToyModel = (c: ModelChoice): c is keyof typeof TOY_MODELS => c in TOY_MODELS;

export const SAE_PRESETS: readonly PresetSpec[] = [
  {
    id: 'sae-pentagon',
    title: 'SAEs on ARENA’s pentagon: which remedy finds every feature',
    description:
      'n = 5 features in m = 2 dimensions at density 0.025; 5 latents, L1 0.25, 10 seeds per remedy: how many seeds recover all 5 features at |cos| ≥ 0.99.',
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
      '40 latents on n = 20 features in m = 5 dimensions (density 0.05), 8 sparsity coefficients side by side, resampling dead latents by loss.',
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
      'A parent feature and its child (on only with the parent) in m = 4; plain, tied and Matryoshka SAEs over 4 seeds, with the absorption gap of each.',
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
      'n = 5, m = 2 at density 0.1, dictionaries from 2 to 20 latents: too few latents merge features, many more split them.',
    params: { saemodel: 'splitting', saelambda: '0.1', saesweep: 'latents', saeseeds: '2', saesteps: '6000' },
  },
];

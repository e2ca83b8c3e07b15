/** State of the "Beyond the basic model" section (issue 5): its URL keys, limits and defaults. */
import type { ParamTable, ParamValues } from './url-params';

/** The variant presets the section can train, one at a time (ids of model/variants/presets.ts). */
export const BEYOND_PRESETS = [
  'correlated-pairs',
  'anticorrelated-pairs',
  'three-correlated-pairs',
  'local-orthogonal-bases',
  'privileged-basis',
  'abs-dense',
  'abs-sweep',
  'adversarial',
] as const;

export type BeyondPresetId = (typeof BEYOND_PRESETS)[number];

export const BEYOND_PARAMS = {
  /** Which variant experiment trains. */
  vpreset: { kind: 'enum', values: BEYOND_PRESETS, default: 'correlated-pairs' },
  /** Step limit of the chosen experiment (the paper: 10,000; 30,000 for the n = 100, m = 40 absolute-value sweep). */
  vsteps: { kind: 'int', min: 500, max: 30_000, default: 5000 },
  /** First seed; each density trains seeds vseed, vseed + 1, … */
  vseed: { kind: 'int', min: 1, max: 100_000, default: 1 },
} as const satisfies ParamTable;

export type BeyondState = ParamValues<typeof BEYOND_PARAMS>;

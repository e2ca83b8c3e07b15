/**
 * "Beyond the basic model" (issue 5): its URL keys, limits and defaults, its experiments' names and its paper presets.
 */
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';

/** The variant presets the section can train, one at a time (ids of model/variants/presets.ts). */
export const BEYOND_VARIANTS = [
  'correlated-pairs',
  'anticorrelated-pairs',
  'three-correlated-pairs',
  'local-orthogonal-bases',
  'privileged-basis',
  'abs-dense',
  'abs-sweep',
  'adversarial',
] as const;

export type BeyondVariantId = (typeof BEYOND_VARIANTS)[number];

export const BEYOND_PARAMS = {
  /** Which variant experiment trains. */
  variant: { key: 'vpreset', kind: 'enum', values: BEYOND_VARIANTS, default: 'correlated-pairs' },
  /** Step limit of the chosen experiment (the paper: 10,000; 30,000 for the n = 100, m = 40 absolute-value sweep). */
  steps: { key: 'vsteps', kind: 'int', min: 500, max: 30_000, default: 5000 },
  /** First seed; each density trains seeds seed, seed + 1, … */
  seed: { key: 'vseed', kind: 'int', min: 1, max: 100_000, default: 1 },
} as const satisfies ParamTable;

export type BeyondState = ParamValues<typeof BEYOND_PARAMS>;

/** The fields the section's run trains (its run key, state/run-key.ts): all of them. */
export const BEYOND_RUN_KEYS = ['variant', 'steps', 'seed'] as const;

/** The experiment menu's labels. */
export const BEYOND_LABELS: Record<BeyondVariantId, string> = {
  'correlated-pairs': 'Correlated: 2 pairs in m = 2',
  'anticorrelated-pairs': 'Anticorrelated: 2 pairs in m = 2',
  'three-correlated-pairs': 'Correlated: 3 pairs in m = 2',
  'local-orthogonal-bases': 'Local orthogonal bases: n = 20, m = 10',
  'privileged-basis': 'Privileged basis: ReLU hidden layer, n = 10, m = 5',
  'abs-dense': 'Absolute value: n = 3, m = 6 (no superposition)',
  'abs-sweep': 'Absolute value: n = 100, m = 40 sweep (slow)',
  adversarial: 'Adversarial vulnerability: n = 50, m = 5',
};

/** A "Beyond the basic model" experiment: the paper's 10,000 steps (30,000 for the abs sweep), seeds from 1. */
const beyond = (variant: BeyondVariantId, steps = 10_000) => linkParams(BEYOND_PARAMS, { variant, steps, seed: 1 });

export const BEYOND_PRESETS: readonly PresetSpec[] = [
  {
    id: 'correlated-pairs',
    title: 'Correlated features: 2 correlated pairs in m = 2',
    description:
      'Features that always fire together: each pair is stored orthogonally, side by side, rather than in ' +
      'antipodal superposition.',
    params: beyond('correlated-pairs'),
  },
  {
    id: 'anticorrelated-pairs',
    title: 'Anticorrelated features: 2 anticorrelated pairs in m = 2',
    description:
      'Features that never fire together (at most one of each pair is on): each pair shares one direction ' +
      'antipodally, since they cannot interfere.',
    params: beyond('anticorrelated-pairs'),
  },
  {
    id: 'three-correlated-pairs',
    title: 'Correlated features: 3 correlated pairs in m = 2',
    description:
      'Three correlated pairs in two dimensions: as density rises, pairs collapse onto their principal component ' +
      '(one direction per pair) instead of staying orthogonal.',
    params: beyond('three-correlated-pairs'),
  },
  {
    id: 'local-orthogonal-bases',
    title: 'Local orthogonal bases: 2 correlated sets of 10 in m = 10',
    description:
      'n = 20 as two sets of 10 correlated features in m = 10: each set forms its own orthogonal basis of the ' +
      'hidden space (WᵀW ≈ identity inside a set), and the two sets overlap each other, since they rarely fire ' +
      'together.',
    params: beyond('local-orthogonal-bases'),
  },
  {
    id: 'privileged-basis',
    title: 'Privileged basis: ReLU hidden layer, n = 10, m = 5',
    description:
      'h = ReLU(Wx), I = 0.75^i: dense, each neuron is monosemantic; as sparsity grows neurons become ' +
      'polysemantic, shown as neuron stack plots.',
    params: beyond('privileged-basis'),
  },
  {
    id: 'abs-dense',
    title: 'Computation: absolute value, n = 3, m = 6, dense',
    description:
      'Computing |x| without superposition (the paper’s “Computation in Superposition”): one ReLU(x), ReLU(−x) ' +
      'neuron pair per feature.',
    params: beyond('abs-dense'),
  },
  {
    id: 'abs-sweep',
    title: 'Computation: absolute value, n = 100, m = 40, I = 0.8^i',
    description:
      "Computing |x| in superposition over the paper's seven densities, 30,000 steps: neurons become " +
      'polysemantic and the asymmetric-superposition motif appears. Slow on a CPU.',
    params: beyond('abs-sweep', 30_000),
  },
  {
    id: 'adversarial',
    title: 'Adversarial vulnerability against sparsity, n = 50, m = 5',
    description:
      'The analytic attack with an L2 budget of 0.1 × the mean input norm (the paper’s “Relationship to ' +
      'Adversarial Robustness”): models in superposition are more vulnerable than a baseline without it, ' +
      'increasingly so as sparsity grows.',
    params: beyond('adversarial'),
  },
];

/**
 * Named presets: each one is a figure of the paper (paper-spec §6, §3.2) that the page
 * reproduces, stored as the URL settings of its section. A preset is just a link: its params
 * are the section's own query keys (GLANCE_PARAMS or PHASE_PARAMS), so opening
 * `?${presetSearch(p)}` shows the figure, and the headless `npm run figures` trains the same.
 */
import { GLANCE_PARAMS } from './glance';
import { PHASE_PARAMS } from './phase';
import type { ParamTable } from './url-params';

export type PresetSection = 'at-a-glance' | 'phase-change';

export interface Preset {
  id: string;
  title: string;
  section: PresetSection;
  description: string;
  /** URL params (the keys of GLANCE_PARAMS or PHASE_PARAMS) */
  params: Record<string, string>;
}

/** The URL keys each section owns. */
export const PRESET_TABLES: Readonly<Record<PresetSection, ParamTable>> = Object.freeze({
  'at-a-glance': GLANCE_PARAMS,
  'phase-change': PHASE_PARAMS,
});

/** Intro figure (§6.1): n = 5, m = 2, I = 0.9^i, the notebook recipe, best of 4 seeds. */
const intro = (density: string) => ({ n: '5', m: '2', density, decay: '0.9', kind: 'relu', seeds: '4', steps: '10000' });
/** Basic results (§6.2): n = 20, m = 5, I = 0.7^i. */
const basic = (density: string, kind = 'relu') => ({ n: '20', m: '5', density, decay: '0.7', kind, seeds: '3', steps: '10000' });
/** Phase diagrams (§5.4, §5.5): the page's default grid, r ∈ [0.1, 10] × 1−S ∈ [1, 0.01]. */
const phase = (pexp: string) => ({ pexp, pgrid: '24', pseeds: '3', psteps: '10000' });

export const PRESETS: readonly Preset[] = Object.freeze([
  {
    id: 'intro-dense',
    title: 'Intro: 5 features in 2 dimensions, dense (S = 0)',
    section: 'at-a-glance',
    description:
      'Dense features: the two most important features get orthogonal dimensions and the other three are dropped (W_i ≈ 0, bias ≈ their mean 0.5).',
    params: intro('1'),
  },
  {
    id: 'intro-s80',
    title: 'Intro: 5 features in 2 dimensions, S = 0.8',
    section: 'at-a-glance',
    description:
      "The paper's 80% sparsity panel: the four most important features are stored as two antipodal pairs (gaps of 90°, D_i ≈ 1/2) and the least important is dropped.",
    params: intro('0.2'),
  },
  {
    id: 'intro-s90',
    title: 'Intro: 5 features in 2 dimensions, S = 0.9',
    section: 'at-a-glance',
    description:
      "The paper's 90% sparsity panel: all five features are represented, as a pentagon (gaps of 72°), in superposition with positive interference cut off by negative biases.",
    params: intro('0.1'),
  },
  {
    id: 'intro-s99',
    title: 'Intro: 5 features in 2 dimensions, S = 0.99',
    section: 'at-a-glance',
    description: 'Very sparse features: a clean pentagon, norms ≈ 1.1, biases ≈ −0.25, every D_i ≈ 2/5.',
    params: intro('0.01'),
  },
  {
    id: 'basic-linear',
    title: 'Basic results: linear model, n = 20, m = 5',
    section: 'at-a-glance',
    description:
      'The linear model WᵀWx + b at S = 0.9 keeps exactly the top m = 5 features (WᵀW is the identity on them, zero elsewhere) whatever the sparsity: no superposition.',
    params: basic('0.1', 'linear'),
  },
  {
    id: 'basic-dense',
    title: 'Basic results: ReLU model, n = 20, m = 5, dense (S = 0)',
    section: 'at-a-glance',
    description: 'Dense features: the ReLU output model behaves like the linear one and keeps the five most important features.',
    params: basic('1'),
  },
  {
    id: 'basic-s90',
    title: 'Basic results: ReLU model, n = 20, m = 5, S = 0.9',
    section: 'at-a-glance',
    description:
      'At 90% sparsity the ReLU model adds features beyond the top 5, starting with less important ones as antipodal pairs (about 9 features, m/‖W‖_F² ≈ 0.56).',
    params: basic('0.1'),
  },
  {
    id: 'basic-s999',
    title: 'Basic results: ReLU model, n = 20, m = 5, S = 0.999',
    section: 'at-a-glance',
    description:
      'At 99.9% sparsity most features are in superposition (about 14 represented, m/‖W‖_F² ≈ 0.3), with positive interference and negative biases.',
    params: basic('0.001'),
  },
  {
    id: 'phase-2-1',
    title: 'Phase diagram n = 2, m = 1',
    section: 'phase-change',
    description:
      'Two features, one dimension: the extra feature of relative importance r is dropped, gets the dimension, or shares it antipodally, with the boundaries r = 1, r = 2d/(4−5d) and its reciprocal meeting at 1−S = 4/7.',
    params: phase('phase-2-1'),
  },
  {
    id: 'phase-3-2',
    title: 'Phase diagram n = 3, m = 2',
    section: 'phase-change',
    description:
      'Three features, two dimensions: below 1−S = 4/7 the extra feature goes from not learned through superposition (2d/(4−5d) < r < 1) to dedicated with the other two superposed.',
    params: phase('phase-3-2'),
  },
] satisfies Preset[]);

export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset as a query string ('?n=5&m=2&…') holding exactly its params and nothing else. */
export function presetSearch(p: Preset): string {
  const query = new URLSearchParams(p.params).toString();
  return query ? `?${query}` : '';
}

/**
 * Named presets: each one is a figure of the paper (paper-spec §6, §3.2) that the page
 * reproduces, stored as the URL settings of its section. A preset is just a link: its params
 * are the section's own query keys (GLANCE_PARAMS or PHASE_PARAMS), so opening
 * `?${presetSearch(p)}` shows the figure, and the headless `npm run figures` trains the same.
 */
import { BEYOND_PARAMS, type BeyondPresetId } from './beyond';
import { GEOMETRY_3D_PRESETS, GEOMETRY_PARAMS, GEOMETRY_PRESETS, type GeometryState } from './geometry';
import { GLANCE_PARAMS } from './glance';
import { PHASE_PARAMS } from './phase';
import type { ParamTable } from './url-params';

export type PresetSection = 'at-a-glance' | 'phase-change' | 'geometry' | 'beyond-basic';

export interface Preset {
  id: string;
  title: string;
  section: PresetSection;
  description: string;
  /** URL params (the keys of the section's table in PRESET_TABLES) */
  params: Record<string, string>;
}

/** The URL keys each section owns. */
export const PRESET_TABLES: Readonly<Record<PresetSection, ParamTable>> = Object.freeze({
  'at-a-glance': GLANCE_PARAMS,
  'phase-change': PHASE_PARAMS,
  geometry: GEOMETRY_PARAMS,
  'beyond-basic': BEYOND_PARAMS,
});

/** Intro figure (§6.1): n = 5, m = 2, I = 0.9^i, the notebook recipe, best of 4 seeds. */
const intro = (density: string) => ({ n: '5', m: '2', density, decay: '0.9', kind: 'relu', seeds: '4', steps: '10000' });
/** Basic results (§6.2): n = 20, m = 5, I = 0.7^i. */
const basic = (density: string, kind = 'relu') => ({ n: '20', m: '5', density, decay: '0.7', kind, seeds: '3', steps: '10000' });
/** Phase diagrams (§5.4, §5.5): the page's default grid, r ∈ [0.1, 10] × 1−S ∈ [1, 0.01]. */
const phase = (pexp: string) => ({ pexp, pgrid: '24', pseeds: '3', psteps: '10000' });
/** A geometry-section setting (numbers) as URL params. */
const geometry = (values: Partial<GeometryState>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
const sweepSize = (id: string) => geometry(GEOMETRY_PRESETS.find((p) => p.id === id)!.values);
const polytope = (id: string) => geometry(GEOMETRY_3D_PRESETS.find((p) => p.id === id)!.values!);
/** A "Beyond the basic model" experiment: the paper's 10,000 steps (30,000 for the abs sweep), seeds from 1. */
const beyond = (vpreset: BeyondPresetId, vsteps = '10000') => ({ vpreset, vsteps, vseed: '1' });

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
  {
    id: 'geometry-paper',
    title: 'Uniform superposition: n = 400, m = 30, 20 sparsities',
    section: 'geometry',
    description:
      "The paper's dimensionality figures (§6.3): equal importance, 1/(1 − S) from 1 to 20. Dimensions per feature m/‖W‖_F² fall from 1, stick at ½, and the feature dimensionalities D_i cluster at 1, ¾, ⅔, ½, ⅖, ⅜. Sized for a GPU: on a CPU this takes hours.",
    params: sweepSize('paper'),
  },
  {
    id: 'geometry-notebook',
    title: "Uniform superposition: the notebook's n = 200, m = 20",
    section: 'geometry',
    description: "The same sweep at the paper notebook's size: 20 sparsities, 10,000 steps. Sized for a GPU.",
    params: sweepSize('notebook'),
  },
  {
    id: 'geometry-cpu',
    title: 'Uniform superposition: n = 40, m = 4 (CPU-sized)',
    section: 'geometry',
    description: 'A sweep small enough for a CPU (12 sparsities, 4,000 steps): the ½ plateau of m/‖W‖_F² and the D_i levels already show.',
    params: sweepSize('cpu'),
  },
  ...(['tetrahedron', 'octahedron', 'bipyramid', 'antiprism'] as const).map(
    (id): Preset => ({
      id: `geometry-${id}`,
      title: `3-D feature geometry: ${GEOMETRY_3D_PRESETS.find((p) => p.id === id)!.label}`,
      section: 'geometry',
      description: GEOMETRY_3D_PRESETS.find((p) => p.id === id)!.note,
      params: polytope(id),
    }),
  ),
  {
    id: 'perturbed-pentagon',
    title: 'Non-uniform superposition: perturbing one feature of the pentagon',
    section: 'geometry',
    description:
      'n = 5, m = 2, four features at density 0.05 and the fifth varied (§6.4): the pentagon gives way to two digons with the fifth feature dropped as its relative density falls; the two solutions’ losses cross at the transition.',
    params: { gpbase: '0.05', gpseeds: '4', gpsteps: '6000' },
  },
  {
    id: 'correlated-pairs',
    title: 'Correlated features: 2 correlated pairs in m = 2',
    section: 'beyond-basic',
    description: 'Features that always fire together (§6.5): each pair is stored orthogonally, side by side, rather than in antipodal superposition.',
    params: beyond('correlated-pairs'),
  },
  {
    id: 'anticorrelated-pairs',
    title: 'Anticorrelated features: 2 anticorrelated pairs in m = 2',
    section: 'beyond-basic',
    description: 'Features that never fire together (at most one of each pair is on): each pair shares one direction antipodally, since they cannot interfere.',
    params: beyond('anticorrelated-pairs'),
  },
  {
    id: 'three-correlated-pairs',
    title: 'Correlated features: 3 correlated pairs in m = 2',
    section: 'beyond-basic',
    description: 'Three correlated pairs in two dimensions: as density rises, pairs collapse onto their principal component (one direction per pair) instead of staying orthogonal.',
    params: beyond('three-correlated-pairs'),
  },
  {
    id: 'local-orthogonal-bases',
    title: 'Local orthogonal bases: 2 correlated sets of 10 in m = 10',
    section: 'beyond-basic',
    description: 'n = 20 as two sets of 10 correlated features in m = 10: each set forms its own orthogonal basis of the hidden space (WᵀW ≈ identity inside a set), and the two sets overlap each other, since they rarely fire together.',
    params: beyond('local-orthogonal-bases'),
  },
  {
    id: 'privileged-basis',
    title: 'Privileged basis: ReLU hidden layer, n = 10, m = 5',
    section: 'beyond-basic',
    description: 'h = ReLU(Wx) (§6.7), I = 0.75^i: dense, each neuron is monosemantic; as sparsity grows neurons become polysemantic, shown as neuron stack plots.',
    params: beyond('privileged-basis'),
  },
  {
    id: 'abs-dense',
    title: 'Computation: absolute value, n = 3, m = 6, dense',
    section: 'beyond-basic',
    description: 'Computing |x| without superposition (§6.8): one ReLU(x), ReLU(−x) neuron pair per feature.',
    params: beyond('abs-dense'),
  },
  {
    id: 'abs-sweep',
    title: 'Computation: absolute value, n = 100, m = 40, I = 0.8^i',
    section: 'beyond-basic',
    description: "Computing |x| in superposition over the paper's seven densities, 30,000 steps: neurons become polysemantic and the asymmetric-superposition motif appears. Slow on a CPU.",
    params: beyond('abs-sweep', '30000'),
  },
  {
    id: 'adversarial',
    title: 'Adversarial vulnerability against sparsity, n = 50, m = 5',
    section: 'beyond-basic',
    description: 'The analytic attack with an L2 budget of 0.1 × the mean input norm (§6.6): models in superposition are more vulnerable than a baseline without it, increasingly so as sparsity grows.',
    params: beyond('adversarial'),
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

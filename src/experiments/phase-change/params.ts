/** "Superposition as a phase change": its URL keys, limits and defaults, and its paper presets. */
import type { PresetSpec } from '../../state/presets';
import { linkParams, type ParamTable, type ParamValues } from '../../state/url-params';

export const PHASE_PARAMS = {
  /** phase-2-1: n = 2, m = 1; phase-3-2: n = 3, m = 2 (the last feature is the "extra" one). */
  diagram: { key: 'pexp', kind: 'enum', values: ['phase-2-1', 'phase-3-2'], default: 'phase-2-1' },
  /** Cells per axis. */
  grid: { key: 'pgrid', kind: 'int', min: 4, max: 40, default: 24 },
  /**
   * Seeds per cell; the lowest-loss one is shown, as the paper does. 5 on every machine, so a link
   * trains the same grid everywhere: the default grid then agrees with the theory in 558 of 576 cells
   * (3 seeds: 530), and still converges within a minute on a 2-core CPU (README, "Phase-diagram sweeps").
   */
  seeds: { key: 'pseeds', kind: 'int', min: 1, max: 5, default: 5 },
  /** Step limit; instances stop earlier once converged. */
  steps: { key: 'psteps', kind: 'int', min: 500, max: 50_000, default: 10_000 },
  /** Show the analytic diagram beside the trained one. */
  showTheory: { key: 'ptheory', kind: 'bool', default: true },
  /** Colour the trained diagram by agreement with the theory instead of by phase. */
  showDisagreement: { key: 'pdiff', kind: 'bool', default: false },
  /** Selected cell (row-major index), −1 for none. */
  cell: { key: 'pcell', kind: 'int', min: -1, max: 40 * 40 - 1, default: -1 },
} as const satisfies ParamTable;

export type PhaseState = ParamValues<typeof PHASE_PARAMS>;

/** The fields the grid's run trains (its run key, state/run-key.ts): not the view's toggles or the selected cell. */
export const PHASE_RUN_KEYS = ['diagram', 'grid', 'seeds', 'steps'] as const;

/** Phase diagrams ("Superposition as a Phase Change"): the page's default grid, r ∈ [0.1, 10] × 1−S ∈ [1, 0.01]. */
const phase = (diagram: PhaseState['diagram']) =>
  linkParams(PHASE_PARAMS, {
    diagram,
    grid: PHASE_PARAMS.grid.default,
    seeds: PHASE_PARAMS.seeds.default,
    steps: PHASE_PARAMS.steps.default,
  });

export const PHASE_PRESETS: readonly PresetSpec[] = [
  {
    id: 'phase-2-1',
    title: 'Phase diagram n = 2, m = 1',
    description:
      'Two features, one dimension: the extra feature of relative importance r is dropped, gets the dimension, ' +
      'or shares it antipodally, with the boundaries r = 1, r = 2d/(4−5d) and its reciprocal meeting at 1−S = ' +
      '4/7.',
    params: phase('phase-2-1'),
  },
  {
    id: 'phase-3-2',
    title: 'Phase diagram n = 3, m = 2',
    description:
      'Three features, two dimensions: below 1−S = 4/7 the extra feature goes from not learned through ' +
      'superposition (2d/(4−5d) < r < 1) to dedicated with the other two superposed.',
    params: phase('phase-3-2'),
  },
];

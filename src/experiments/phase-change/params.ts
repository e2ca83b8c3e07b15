/** "Superposition as a phase change": its URL keys, limits and defaults, and its paper presets. */
import type { PresetSpec } from '../../state/presets';
import type { ParamTable, ParamValues } from '../../state/url-params';

export const PHASE_PARAMS = {
  /** phase-2-1: n = 2, m = 1; phase-3-2: n = 3, m = 2 (the last feature is the "extra" one). */
  pexp: { kind: 'enum', values: ['phase-2-1', 'phase-3-2'], default: 'phase-2-1' },
  /** Cells per axis. */
  pgrid: { kind: 'int', min: 4, max: 40, default: 24 },
  /** Seeds per cell; the lowest-loss one is shown, as the paper does. */
  pseeds: { kind: 'int', min: 1, max: 5, default: 3 },
  /** Step limit; instances stop earlier once converged. */
  psteps: { kind: 'int', min: 500, max: 50_000, default: 10_000 },
  /** Show the analytic diagram beside the trained one. */
  ptheory: { kind: 'bool', default: true },
  /** Colour the trained diagram by agreement with the theory instead of by phase. */
  pdiff: { kind: 'bool', default: false },
  /** Selected cell (row-major index), −1 for none. */
  pcell: { kind: 'int', min: -1, max: 40 * 40 - 1, default: -1 },
} as const satisfies ParamTable;

export type PhaseState = ParamValues<typeof PHASE_PARAMS>;

/** Phase diagrams ("Superposition as a Phase Change"): the page's default grid, r ∈ [0.1, 10] × 1−S ∈ [1, 0.01]. */
const phase = (pexp: PhaseState['pexp']) => ({ pexp, pgrid: '24', pseeds: '3', psteps: '10000' });

export const PHASE_PRESETS: readonly PresetSpec[] = [
  {
    id: 'phase-2-1',
    title: 'Phase diagram n = 2, m = 1',
    description:
      'Two features, one dimension: the extra feature of relative importance r is dropped, gets the dimension, or shares it antipodally, with the boundaries r = 1, r = 2d/(4−5d) and its reciprocal meeting at 1−S = 4/7.',
    params: phase('phase-2-1'),
  },
  {
    id: 'phase-3-2',
    title: 'Phase diagram n = 3, m = 2',
    description:
      'Three features, two dimensions: below 1−S = 4/7 the extra feature goes from not learned through superposition (2d/(4−5d) < r < 1) to dedicated with the other two superposed.',
    params: phase('phase-3-2'),
  },
];

/**
 * The trained phase diagram's movie: the finished grid filling in, cell by cell in a fixed order (row
 * by row from dense to sparse, each row by relative importance), the analytic boundaries drawn
 * throughout. The phases are the finished run's — every cell decided by expected loss, a function of
 * the weights alone — so the same link gives the same frames. Only for a finished grid (null before).
 */
import type { MovieSource } from '../../charts/movie/source';
import type { PhaseBoundary } from '../../charts/PhaseDiagramChart';
import { fmtCount } from '../../model/format';
import type { PhaseGrid } from '../../model/phase';
import type { Phase } from '../../model/theory';
import { ownValues } from '../../state/url-params';
import type { PhaseMovieInput } from './movie-frames';
import { PHASE_PARAMS, type PhaseState } from './params';

export type { PhaseMovieInput };

export function phaseMovieSource(input: PhaseMovieInput): MovieSource {
  return {
    load: async (signal) => {
      const lib = await import('./movie-frames');
      if (signal.aborted) throw new DOMException('movie cancelled', 'AbortError');
      return lib.phaseFrames(input);
    },
  };
}

/** The trained diagram's movie as the section draws it: null until the grid is done. */
export function phaseMovie(args: {
  snap: { status: string; step: number } | null;
  grid: PhaseGrid;
  trained: readonly (Phase | null)[];
  theory: readonly (Phase | null)[];
  boundaries: PhaseBoundary[];
  expLabel: string;
  drawn: PhaseState;
}): MovieSource | null {
  const { snap, grid, drawn } = args;
  if (snap?.status !== 'done') return null;
  return phaseMovieSource({
    title: drawn.showDisagreement ? 'Trained vs theory: disagreements' : 'Trained models',
    chart: {
      rValues: grid.rValues,
      densityValues: grid.densityValues,
      phases: args.trained,
      mode: drawn.showDisagreement ? 'disagreement' : 'phases',
      reference: args.theory,
      boundaries: args.boundaries,
      title: `Trained phase diagram, ${args.expLabel}`,
    },
    label: `best of ${drawn.seeds} seed${drawn.seeds === 1 ? '' : 's'}, step ${fmtCount(snap.step)}`,
    settings: { ...ownValues(PHASE_PARAMS, drawn), step: snap.step },
  });
}

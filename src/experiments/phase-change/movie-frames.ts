/** The phase diagram movie's frames (movie.ts): loaded on demand, with react-dom/server. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { chartSize, frameSize, movieFrameSvg } from '../../charts/movie/frame-svg';
import type { MovieFrames } from '../../charts/movie/source';
import { MOVIE_FPS, revealCounts } from '../../charts/movie/timing';
import { PhaseDiagramChart, type PhaseDiagramChartProps } from '../../charts/PhaseDiagramChart';
import { fmtCount } from '../../model/format';
import type { Phase } from '../../model/theory';

/** What the movie draws: the chart's props at the end, and what the frames' header and manifest say. */
export interface PhaseMovieInput {
  title: string;
  chart: Pick<PhaseDiagramChartProps, 'rValues' | 'densityValues' | 'phases' | 'mode' | 'reference' | 'boundaries'> & {
    title: string;
  };
  /** "best of 5 seeds, step 10,000": after the cell count in each frame's header line. */
  label: string;
  settings: unknown;
}

export function phaseFrames({ title, chart, label, settings }: PhaseMovieInput): MovieFrames {
  const cells = chart.phases.length;
  const revealed = revealCounts(cells);
  const markup = (k: number) => {
    const phases: (Phase | null)[] = chart.phases.map((p, c) => (c < revealed[k] ? p : null));
    return renderToStaticMarkup(createElement(PhaseDiagramChart, { ...chart, phases }));
  };
  const size = frameSize(chartSize(markup(0)));
  return {
    ...size,
    count: revealed.length,
    fps: MOVIE_FPS,
    svg: (k) =>
      movieFrameSvg(markup(k), { title, line: `${fmtCount(revealed[k])} / ${fmtCount(cells)} cells · ${label}` }),
    about: { description: `${title}: ${chart.title}, ${label}, filling in cell by cell`, settings, steps: revealed },
  };
}

/** The lab's movie frames (movie.ts): loaded on demand, with react-dom/server. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { CosineMatrix } from '../../charts/CosineMatrix';
import { DirectionArrows2D } from '../../charts/DirectionArrows2D';
import { chartSize, frameSize, movieFrameSvg } from '../../charts/movie/frame-svg';
import type { MovieFrames } from '../../charts/movie/source';
import { MOVIE_FPS } from '../../charts/movie/timing';
import { fmt, fmtCount } from '../../model/format';
import { NO_HOVER, cosProps, geometryProps } from './chart-props';
import type { LabSettings } from './lab';
import type { ModelRequest } from './task';
import type { SaeMovieResult } from './movie-task';

export type SaeMovieFigure = 'geometry' | 'cos';

export interface SaeMovieInput {
  figure: SaeMovieFigure;
  title: string;
  model: ModelRequest;
  settings: LabSettings;
  index: number;
}

export function saeFrames(input: SaeMovieInput, result: SaeMovieResult): MovieFrames {
  const { steps, states, source } = result;
  const markup = (f: number) =>
    renderToStaticMarkup(
      input.figure === 'geometry'
        ? createElement(DirectionArrows2D, geometryProps(source, states[f], NO_HOVER))
        : createElement(CosineMatrix, cosProps(states[f].card, NO_HOVER)),
    );
  const size = frameSize(chartSize(markup(0)));
  return {
    ...size,
    count: steps.length,
    fps: MOVIE_FPS,
    svg: (f) => {
      const c = states[f].card;
      return movieFrameSvg(markup(f), {
        title: input.title,
        line: `step ${fmtCount(steps[f])} · MCC ${fmt(c.mcc)} · L0 ${fmt(c.l0)} · FVU ${fmt(c.fvu)}`,
      });
    },
    about: {
      description:
        `${input.title}: SAE #${input.index} (${result.instance.group}) on ${result.label}, ` +
        `steps 0–${fmtCount(input.settings.steps)}`,
      settings: { ...input.settings, index: input.index, model: result.label },
      steps,
    },
  };
}

/** The learning-dynamics movie's frames (movie.ts): loaded on demand, with react-dom/server. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { DynamicsChart } from '../../charts/DynamicsChart';
import { chartSize, frameSize, movieFrameSvg } from '../../charts/movie/frame-svg';
import type { MovieFrames } from '../../charts/movie/source';
import { MOVIE_FPS } from '../../charts/movie/timing';
import { featureColorsByPolytope } from '../../charts/polytopes';
import { fmt, fmtCount } from '../../model/format';
import { geometryAnalysis } from '../../model/geometry';
import { featureDimensionality } from '../../model/metrics';
import type { TrainConfig } from '../../model/config';
import type { TrainPath } from '../../train/trainer';
import type { MovieTrainResult } from '../shared/movie-task';

export interface DynamicsMovieInput {
  /** The sweep's batched config and the inspected model's index in it. */
  config: TrainConfig;
  selected: number;
  path: TrainPath;
  steps: number;
  settings: unknown;
}

export function dynamicsFrames(input: DynamicsMovieInput, result: MovieTrainResult): MovieFrames {
  const { n, m } = input.config;
  const { steps } = result;
  const W = (f: number) => result.W.subarray(f * n * m, (f + 1) * n * m);
  const D = steps.map((_, f) => featureDimensionality(W(f), n, m));
  const losses = Array.from(result.loss);
  // As the page colours the lines: one colour per feature when few, else by the polytope it forms at the end.
  const colors = n > 10 ? featureColorsByPolytope(geometryAnalysis(W(steps.length - 1), n, m).polytopes, n) : undefined;
  const title = `D_i and loss of model ${input.selected} during training`;
  const markup = (f: number) =>
    renderToStaticMarkup(
      createElement(DynamicsChart, {
        steps,
        dimensionalities: D,
        losses,
        n,
        width: 880,
        height: 360,
        cursor: steps[f],
        colors,
        title,
      }),
    );
  const size = frameSize(chartSize(markup(0)));
  const seed = input.config.instances[input.selected].seed;
  return {
    ...size,
    count: steps.length,
    fps: MOVIE_FPS,
    svg: (f) =>
      movieFrameSvg(markup(f), {
        title: `Learning dynamics, model ${input.selected}`,
        line: `step ${fmtCount(steps[f])} · loss ${fmt(losses[f])} · seed ${seed} · ${result.path}`,
      }),
    about: {
      description:
        `Learning dynamics of model ${input.selected} of the sweep (n=${n}, m=${m}), ` +
        `steps 0–${fmtCount(input.steps)} on the ${result.path} path`,
      settings: input.settings,
      steps,
    },
  };
}

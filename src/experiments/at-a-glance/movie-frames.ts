/**
 * The frames of an at-a-glance movie, drawn from the re-trained run's states (movie.ts): the panel's
 * chart with the shown seed's weights at each frame's step — the seed with the lowest evaluation loss
 * at the end, as the headless figures pick it, so every frame shows the same seed — under a line
 * with the step and that seed's loss. Loaded on demand (react-dom/server stays out of the page).
 */
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FeatureGeometry2D } from '../../charts/FeatureGeometry2D';
import { FeatureNormBars } from '../../charts/FeatureNormBars';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { LossCurve } from '../../charts/LossCurve';
import { chartSize, frameSize, movieFrameSvg } from '../../charts/movie/frame-svg';
import type { MovieFrames } from '../../charts/movie/source';
import { MOVIE_FPS } from '../../charts/movie/timing';
import type { TrainConfig } from '../../model/config';
import { argminFinite } from '../../model/evaluate';
import { fmt, fmtCount } from '../../model/format';
import type { MovieTrainResult } from '../shared/movie-task';
import type { GlanceMovieFigure } from './movie-figures';
import { GLANCE_RUN_KEYS, type GlanceState } from './params';
import { describeSetting, shownModel } from './run';

export interface GlanceFramesInput {
  figure: GlanceMovieFigure;
  title: string;
  state: GlanceState;
  config: TrainConfig;
  result: MovieTrainResult;
}

export function glanceFrames({ figure, title, state, config, result }: GlanceFramesInput): MovieFrames {
  const { n, m } = config;
  const I = config.instances.length;
  const best = Math.max(0, argminFinite(result.evalLoss));
  const seed = config.instances[best].seed;
  const { steps } = result;
  const losses = steps.map((_, f) => result.loss[f * I + best]);
  const chart = (f: number): ReactElement => {
    const shown = shownModel(
      result.W.subarray(f * I * n * m, (f + 1) * I * n * m),
      result.b.subarray(f * I * n, (f + 1) * I * n),
      best,
      n,
      m,
    );
    switch (figure) {
      case 'wtw-bias':
        return createElement(GramHeatmap, { gram: shown.metrics.gram, bias: shown.b, n });
      case 'feature-norms':
        return createElement(FeatureNormBars, {
          norms: shown.metrics.norms,
          superposition: shown.metrics.superposition,
          n,
          m,
        });
      case 'feature-geometry':
        return createElement(FeatureGeometry2D, { W: shown.W, n, importance: config.instances[best].importance });
      case 'loss-curve':
        return createElement(LossCurve, { steps, losses, cursor: steps[f] });
    }
  };
  const svg = (f: number) =>
    movieFrameSvg(renderToStaticMarkup(chart(f)), {
      title,
      line: `step ${fmtCount(steps[f])} · loss ${fmt(losses[f])} · seed ${seed} (best of ${I}) · ${result.path}`,
    });
  const size = frameSize(chartSize(renderToStaticMarkup(chart(0))));
  const settings = Object.fromEntries(GLANCE_RUN_KEYS.map((k) => [k, state[k]]));
  return {
    ...size,
    count: steps.length,
    fps: MOVIE_FPS,
    svg,
    about: {
      description:
        `${title}: ${describeSetting(state, seed)} (best of ${I}), ` +
        `steps 0–${fmtCount(state.steps)} on the ${result.path} path`,
      settings: { ...settings, path: result.path, shownSeed: seed },
      steps,
    },
  };
}

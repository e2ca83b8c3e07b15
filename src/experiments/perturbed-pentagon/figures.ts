/**
 * The "Perturbing one feature" preset, headless: the section's two trainings (random fits, and the
 * fixed pentagon and two-digon starts behind the loss curves) on the JS trainer with the same
 * helpers (./run.ts), drawing its strip and loss chart.
 */
import type { ExportMeta } from '../../charts/export';
import { PentagonLossChart, PentagonStrip, relLabel } from '../../charts/PentagonCharts';
import { crossing } from '../../model/uniform-sweep';
import type { Preset } from '../../state/presets';
import { JsTrainer } from '../../train/basic/js-trainer';
import type { TrainerState } from '../../train/trainer';
import { GEOMETRY_PARAMS } from '../geometry/params';
import {
  presetValues,
  svgOf,
  trainLogged,
  type Figure,
  type FiguresModule,
  type PresetFigures,
  type RenderOptions,
} from '../shared/figures';
import { PENTAGON_PARAMS, type PentagonState } from './params';
import * as pentagon from './run';

/** The section's own export format, with the run's extras added. */
export const PENTAGON_FORMAT = 'superposition-explorable/perturbed-pentagon@1';

/** --quick: steps of the random fits and of the fixed-start run behind the loss curves. */
export const QUICK_PENTAGON = Object.freeze({ steps: 1000, curveSteps: 1000 });

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  // The section trains with the sweep's seed; a preset of this experiment leaves it at its default.
  const state: PentagonState = { ...presetValues(PENTAGON_PARAMS, p), seed: GEOMETRY_PARAMS.seed.default };
  const { seeds, baseDensity: base, seed } = state;
  const rel = pentagon.PENTAGON_RELATIVE_DENSITIES;
  const steps = quick ? Math.min(state.steps, QUICK_PENTAGON.steps) : state.steps;
  const curveSteps = quick ? Math.min(pentagon.CURVE_STEPS, QUICK_PENTAGON.curveSteps) : pentagon.CURVE_STEPS;
  const config = pentagon.pentagonFitsConfig(state);
  const curveConfig = pentagon.pentagonCurveConfig(rel, base, seed);
  const t0 = performance.now();
  // (1) The random fits, as the section's worker trains them.
  const fitsTrainer = new JsTrainer(config);
  let fitsState: TrainerState;
  try {
    fitsState = await trainLogged(fitsTrainer, steps, 'random fits: ', log);
  } finally {
    fitsTrainer.dispose();
  }
  // (2) The fixed-start runs behind the loss curves: pentagon and two-digon starts per density.
  const curveTrainer = new JsTrainer(curveConfig);
  let curveState: TrainerState;
  try {
    const start = pentagon.pentagonStartParams(curveConfig.instances.length);
    curveTrainer.setParams(start.W, start.b);
    curveState = await trainLogged(curveTrainer, curveSteps, 'loss curves: ', log);
  } finally {
    curveTrainer.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const curves = pentagon.curveLosses(curveConfig, curveState.W, curveState.b, curveState.step);
  const fits = pentagon.bestFits(config, fitsState.W, fitsState.b, seeds);
  const kept = pentagon.keptSolutions(rel.length, fitsState.W, fits, curves);
  const cross = crossing(rel, curves.pentagon, curves.digons);
  const { lastDigons, firstPentagon } = pentagon.transition(kept);
  const step = fitsState.step;
  const shortened = steps < state.steps || curveSteps < pentagon.CURVE_STEPS;
  const meta: ExportMeta = {
    description:
      `${p.title}: n = 5, m = 2, features 0–3 at density ${base}, feature 4 at ${rel.length} relative densities from ${relLabel(rel[0])} to ${relLabel(rel[rel.length - 1])}; ` +
      `best of ${seeds} seeds by stratified expected loss, step ${step}; loss curves from fixed starts, step ${curves.step}` +
      (shortened
        ? ` (quick run: ${step} of ${state.steps} steps, curves ${curves.step} of ${pentagon.CURVE_STEPS})`
        : ''),
    config: {
      preset: p.id,
      seeds,
      steps: state.steps,
      baseDensity: base,
      seed,
      quick,
      trainedSteps: step,
      step,
      curveStep: curves.step,
    },
  };
  const figures: Figure[] = [
    {
      name: 'strip',
      svg: svgOf(
        PentagonStrip,
        {
          relativeDensities: rel,
          solutions: kept.map((k) => k?.W ?? null),
          types: kept.map((k) => k?.type ?? null),
          sources: kept.map((k) => k?.source ?? null),
        },
        meta,
      ),
    },
    {
      name: 'loss',
      svg: svgOf(
        PentagonLossChart,
        { relativeDensities: rel, pentagon: curves.pentagon, digons: curves.digons, fits, width: 520 },
        meta,
      ),
    },
  ];
  log(
    `  step ${step} (curves ${curves.step}): lowest loss found: two digons up to relative density ${lastDigons >= 0 ? relLabel(rel[lastDigons]) : '—'}, ` +
      `a pentagon from ${firstPentagon >= 0 ? relLabel(rel[firstPentagon]) : '—'}; the loss curves cross at ${cross !== null ? `≈ ${relLabel(cross)}` : '— (they do not cross)'}`,
  );
  // The section's "Export JSON" of the pentagon, plus every instance of both runs and the settings.
  const json = {
    format: PENTAGON_FORMAT,
    preset: p.id,
    title: p.title,
    quick,
    settings: state,
    baseDensity: base,
    relativeDensities: [...rel],
    step,
    run: { path: 'js', seconds: Number(seconds.toFixed(2)) },
    layout:
      'W[i][k] = component k of feature i; feature 4 is the varied one; instances[r * seeds + k] is fit k at ' +
      'relativeDensities[r]',
    config: {
      n: 5,
      m: 2,
      kind: config.kind,
      batchSize: config.batchSize,
      optimizer: config.optimizer,
      seeds,
      steps: step,
    },
    instances: config.instances.map((inst, j) => ({
      relativeDensity: rel[Math.floor(j / seeds)],
      seed: inst.seed,
      density: Array.from(inst.density),
      W: pentagon.pentagonRows(fitsState.W, j),
      b: Array.from(fitsState.b.subarray(j * 5, (j + 1) * 5)),
      loss: fitsState.loss[j],
    })),
    fits: pentagon.fitsJson(fits, fitsState.W, fitsState.b, seeds),
    kept: pentagon.keptJson(kept),
    curves: {
      step: curves.step,
      pentagon: curves.pentagon,
      digons: curves.digons,
      pentagonStart: curves.pentagonStart,
      digonStart: curves.digonStart,
      crossing: cross,
      // Instance 2r started as the pentagon, 2r + 1 as two digons (relative density r).
      W: Array.from({ length: curveConfig.instances.length }, (_, j) => pentagon.pentagonRows(curves.W, j)),
      b: Array.from({ length: curveConfig.instances.length }, (_, j) =>
        Array.from(curves.b.subarray(j * 5, (j + 1) * 5)),
      ),
    },
  };
  return { figures, json, steps: step };
}

export const figures: FiguresModule = {
  render,
  quick: `random fits ${QUICK_PENTAGON.steps} steps, loss curves ${QUICK_PENTAGON.curveSteps} steps`,
};

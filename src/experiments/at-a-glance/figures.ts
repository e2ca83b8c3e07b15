/**
 * "Superposition at a glance" presets, headless: glanceTrainConfig + the JS trainer, best of the
 * preset's seeds by evaluation loss, and the section's four charts (the hidden plane only for m = 2).
 */
import type { ExportMeta } from '../../charts/export';
import { FeatureGeometry2D } from '../../charts/FeatureGeometry2D';
import { FeatureNormBars } from '../../charts/FeatureNormBars';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { LossCurve } from '../../charts/LossCurve';
import { buildModelJson } from '../../model/io/model-json';
import type { Preset } from '../../state/presets';
import { createTrainer, defaultHeadlessPath } from '../../train/basic/paths';
import { trainWithHistory } from '../../train/trainer';
import {
  presetValues,
  svgOf,
  type Figure,
  type FiguresModule,
  type PresetFigures,
  type RenderOptions,
} from '../shared/figures';
import { GLANCE_PARAMS, glanceTrainConfig } from './params';
import { describeSetting, shownModel } from './run';

/** --quick: steps per model. */
export const QUICK_GLANCE_STEPS = 1000;

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  const state = presetValues(GLANCE_PARAMS, p);
  const config = glanceTrainConfig(state);
  const { n, m } = config;
  const steps = quick ? Math.min(state.steps, QUICK_GLANCE_STEPS) : state.steps;
  const every = Math.max(1, Math.ceil(steps / 200));
  // The page's path: simd where it runs (else js), with the page's seeds.
  const path = await defaultHeadlessPath(config);
  const trainer = await createTrainer(config, path);
  let lastLog = performance.now();
  try {
    const { final, history, seconds } = await trainWithHistory(trainer, steps, every, (st) => {
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  step ${st.step}/${steps}`);
      }
    });
    const json = buildModelJson(config, final, history, { path, seconds });
    // The shown model is the lowest evaluation-loss seed, as the page shows the best of its seeds.
    const best = json.best;
    const { W, b, metrics } = shownModel(final.W, final.b, best, n, m);
    const shownSeed = config.instances[best].seed;
    const described = `${describeSetting(state, shownSeed)} (best of ${config.instances.length})`;
    // The per-feature lists only when the preset sets them (the pin is the page's, never a figure's).
    const { pin: _pin, importances, densities, ...settings } = state;
    const lists = { ...(importances.length ? { importances } : {}), ...(densities.length ? { densities } : {}) };
    const meta: ExportMeta = {
      description: `${p.title}: ${described}, step ${final.step}`,
      config: { preset: p.id, ...settings, ...lists, quick, trainedSteps: final.step, shownSeed, step: final.step },
    };
    const figures: Figure[] = [
      { name: 'wtw-bias', svg: svgOf(GramHeatmap, { gram: metrics.gram, bias: b, n }, meta) },
      {
        name: 'feature-norms',
        svg: svgOf(FeatureNormBars, { norms: metrics.norms, superposition: metrics.superposition, n, m }, meta),
      },
    ];
    // The page draws the hidden plane only for m = 2.
    if (m === 2)
      figures.push({
        name: 'feature-geometry',
        svg: svgOf(FeatureGeometry2D, { W, n, importance: config.instances[0].importance }, meta),
      });
    figures.push({
      name: 'loss-curve',
      svg: svgOf(LossCurve, { steps: history.map((h) => h.step), losses: history.map((h) => h.loss[best]) }, meta),
    });
    const inst = json.instances[best];
    log(
      `  seed ${shownSeed}: eval loss ${inst.evalLoss.toExponential(3)}, ${inst.metrics.norms.filter((v) => v > 0.5).length}/${n} features with ‖W_i‖ > 0.5, ` +
        `m/‖W‖_F² ${inst.metrics.dimensionsPerFeature.toFixed(3)}`,
    );
    return { figures, json, steps: final.step };
  } finally {
    trainer.dispose();
  }
}

export const figures: FiguresModule = { render, quick: `${QUICK_GLANCE_STEPS} steps per model` };

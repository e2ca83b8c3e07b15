/**
 * "Superposition at a glance" presets, headless: the setting trained as the page trains it (headless.ts: the page's
 * path and seeds, the shown seed) and the section's four charts (the hidden plane only for m = 2).
 */
import type { ExportMeta } from '../../charts/export';
import { FeatureGeometry2D } from '../../charts/FeatureGeometry2D';
import { FeatureNormBars } from '../../charts/FeatureNormBars';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { LossCurve } from '../../charts/LossCurve';
import type { Preset } from '../../state/presets';
import {
  presetValues,
  svgOf,
  type Figure,
  type FiguresModule,
  type PresetFigures,
  type RenderOptions,
} from '../shared/figures';
import { QUICK_GLANCE_STEPS, trainGlance } from './headless';
import { GLANCE_PARAMS } from './params';
import { describeSetting } from './run';

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  const state = presetValues(GLANCE_PARAMS, p);
  const { config, final, history, json, best, shown, shownSeed } = await trainGlance(state, quick, log);
  const { n, m } = config;
  const { W, b, metrics } = shown;
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
  return { figures, json, steps: final.step };
}

export const figures: FiguresModule = { render, quick: `${QUICK_GLANCE_STEPS} steps per model` };

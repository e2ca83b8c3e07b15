/**
 * "Superposition as a phase change" presets, headless: the batched grid sweep with convergence
 * (./sweep.ts), the lowest evaluation-loss seed per cell, and the section's diagrams (plus the
 * selected cell's drill-down when the preset selects one).
 */
import type { ExportMeta } from '../../charts/export';
import { FeatureNormBars } from '../../charts/FeatureNormBars';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { PhaseDiagramChart } from '../../charts/PhaseDiagramChart';
import { WeightGlyph } from '../../charts/WeightGlyph';
import { instanceMetrics } from '../../model/metrics';
import { phaseGrid } from '../../model/phase';
import { experimentImportance, experimentShape } from '../../model/theory';
import type { Preset } from '../../state/presets';
import { DEFAULT_CONVERGENCE } from '../../train/convergence';
import {
  presetValues,
  svgOf,
  type Figure,
  type FiguresModule,
  type PresetFigures,
  type RenderOptions,
} from '../shared/figures';
import { PHASE_PARAMS } from './params';
import { experimentLabel, phaseBoundaries } from './run';
import { runPhaseSweep, summarise } from './sweep';

/** --quick: a small grid, one seed, a short step limit. */
export const QUICK_PHASE = Object.freeze({ grid: 6, seeds: 1, steps: 1500 });

async function render(p: Preset, { quick, threads }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  const state = presetValues(PHASE_PARAMS, p);
  const experiment = state.diagram;
  const resolution = quick ? Math.min(state.grid, QUICK_PHASE.grid) : state.grid;
  const seeds = quick ? Math.min(state.seeds, QUICK_PHASE.seeds) : state.seeds;
  const maxSteps = quick ? Math.min(state.steps, QUICK_PHASE.steps) : state.steps;
  const grid = phaseGrid(experiment, resolution, seeds);
  let lastLog = performance.now();
  const res = await runPhaseSweep(grid, {
    maxSteps,
    path: 'auto',
    threads,
    convergence: { ...DEFAULT_CONVERGENCE },
    onProgress: (step, converged, total) => {
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  step ${step}/${maxSteps}: ${converged}/${total} models converged`);
      }
    },
  });
  const { n, m } = experimentShape(experiment);
  const cells = res.cells.length;
  const trained = res.cells.map((c) => c.phase);
  const theory = res.cells.map((c) => c.theory);
  const boundaries = phaseBoundaries(experiment);
  const selected = state.cell >= 0 && state.cell < cells ? state.cell : null;
  const expLabel = experimentLabel(experiment);
  const a = res.agreement;
  const meta: ExportMeta = {
    description:
      `${p.title}, ${expLabel}: ${resolution}×${resolution} cells, best of ${seeds} seed${seeds === 1 ? '' : 's'}, step ${res.run.stepsRun}; ` +
      `${a.agree}/${a.cells} cells agree with the theory`,
    config: {
      preset: p.id,
      ...state,
      grid: resolution,
      seeds,
      steps: maxSteps,
      quick,
      step: res.run.stepsRun,
    },
  };
  const common = { rValues: grid.rValues, densityValues: grid.densityValues, boundaries, selected };
  const figures: Figure[] = [
    {
      name: 'trained',
      svg: svgOf(
        PhaseDiagramChart,
        {
          ...common,
          phases: trained,
          mode: state.showDisagreement ? 'disagreement' : 'phases',
          reference: theory,
          title: `Trained phase diagram, ${expLabel}`,
        },
        meta,
      ),
    },
  ];
  if (state.showTheory)
    figures.push({
      name: 'theory',
      svg: svgOf(PhaseDiagramChart, { ...common, phases: theory, title: `Analytic phase diagram, ${expLabel}` }, meta),
    });
  if (selected !== null) {
    // The page's drill-down for a selected cell: its kept model.
    const cell = res.cells[selected];
    const W = Float32Array.from(cell.W.flat());
    const metrics = instanceMetrics(W, n, m);
    const importance = experimentImportance(experiment, cell.r);
    figures.push(
      { name: 'cell-wtw', svg: svgOf(GramHeatmap, { gram: metrics.gram, bias: cell.b, n, size: 180 }, meta) },
      {
        name: 'cell-norms',
        svg: svgOf(FeatureNormBars, { norms: metrics.norms, superposition: metrics.superposition, n, m }, meta),
      },
      {
        name: 'cell-weights',
        svg: svgOf(
          WeightGlyph,
          { W, n, m, importance, size: 200, title: "Weights of the selected cell's model" },
          meta,
        ),
      },
    );
  }
  log(`  ${summarise(res).replace(/\n/g, '\n  ')}`);
  return { figures, json: res, steps: res.run.stepsRun };
}

export const figures: FiguresModule = {
  render,
  quick: `phase grids ${QUICK_PHASE.grid}×${QUICK_PHASE.grid}, ${QUICK_PHASE.seeds} seed, ${QUICK_PHASE.steps} steps`,
};

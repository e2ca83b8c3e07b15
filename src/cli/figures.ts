/**
 * The paper's figures, headless, from the page's own presets and code:
 *   npm run figures -- --out figures-out [--quick] [--threads 2] [--only intro-s90,phase-2-1]
 * For every preset (src/state/presets.ts) it trains the setting exactly as its section does —
 * "at a glance": glanceTrainConfig + the JS trainer, best of the preset's seeds; "phase change":
 * the batched grid sweep with convergence, best seed per cell — and writes each chart the
 * section shows as a standalone SVG, one JSON per preset (a models file that parseModelJson
 * reads back, or the SweepResult) and an index.json listing the files per preset.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ExportMeta } from '../charts/export';
import { FeatureGeometry2D } from '../charts/FeatureGeometry2D';
import { FeatureNormBars } from '../charts/FeatureNormBars';
import { GramHeatmap } from '../charts/GramHeatmap';
import { LossCurve } from '../charts/LossCurve';
import { PhaseDiagramChart } from '../charts/PhaseDiagramChart';
import { WeightGlyph } from '../charts/WeightGlyph';
import { instanceMetrics, instanceWeights } from '../model/metrics';
import { PHASE_DENSITY_RANGE, PHASE_R_RANGE, phaseGrid } from '../model/phase';
import { boundaryCurves, experimentImportance, experimentShape, type PhaseExperiment } from '../model/theory';
import { GLANCE_PARAMS, glanceTrainConfig } from '../state/glance';
import { PHASE_PARAMS } from '../state/phase';
import { PRESETS, presetSearch, type Preset } from '../state/presets';
import { DEFAULT_CONVERGENCE } from '../train/convergence';
import { JsTrainer } from '../train/js-trainer';
import { fmtDensity, presetValues, svgOf, type Figure, type PresetFigures, type RenderOptions, type Renderer } from './figures-common';
import { QUICK_BEYOND, beyondFigures } from './figures-beyond';
import { QUICK_GEOMETRY, geometryFigures } from './figures-geometry';
import { buildModelJson } from '../model/io/model-json';
import { runPhaseSweep, summarise } from './sweep';
import { UsageError } from './train';

export const FIGURES_FORMAT = 'superposition-explorable/figures@1';

/** --quick: short runs that still show each figure's shape (for CI and smoke tests). */
export const QUICK = Object.freeze({ glanceSteps: 1000, phaseGrid: 6, phaseSeeds: 1, phaseSteps: 1500 });

export interface FigureEntry {
  id: string;
  title: string;
  section: Preset['section'];
  /** The page link that shows this figure. */
  search: string;
  /** Steps actually trained (phase: the longest any instance ran). */
  steps: number;
  seconds: number;
  /** Paths relative to the output folder: the SVGs, then the JSON. */
  files: string[];
}

export interface FiguresIndex {
  format: typeof FIGURES_FORMAT;
  quick: boolean;
  presets: FigureEntry[];
}

const USAGE = `Usage: npm run figures -- [options]
  --out <dir>          output folder, created if missing (default figures-out)
  --quick              short runs: ${QUICK.glanceSteps} steps per model; phase grids ${QUICK.phaseGrid}×${QUICK.phaseGrid}, ${QUICK.phaseSeeds} seed, ${QUICK.phaseSteps} steps;
                       geometry sweeps ≤ ${QUICK_GEOMETRY.sweepSteps} steps and ≤ ${QUICK_GEOMETRY.sweepWork.toLocaleString('en-US')} instance-steps × n·m, pentagon ${QUICK_GEOMETRY.pentagonSteps} steps;
                       beyond-the-basic-model experiments ${Math.min(...Object.values(QUICK_BEYOND.steps))}–${Math.max(...Object.values(QUICK_BEYOND.steps))} steps (abs sweep at batch ${QUICK_BEYOND.absSweepBatch})
  --only <id,id,…>     only these presets (default: all)
  --threads <int>      worker threads for the big batched runs (phase grids, geometry sweeps); the same models (default 1)
  --help
Presets:
${PRESETS.map((p) => `  ${p.id.padEnd(14)} ${p.title}`).join('\n')}`;

export interface FiguresArgs {
  out: string;
  quick: boolean;
  threads: number;
  presets: Preset[];
}

export function parseFiguresArgs(argv: string[]): FiguresArgs | null {
  let values: { out?: string; quick?: boolean; only?: string; threads?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { out: { type: 'string' }, quick: { type: 'boolean' }, only: { type: 'string' }, threads: { type: 'string' }, help: { type: 'boolean' } },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return null;
  const out = values.out ?? 'figures-out';
  if (out.trim() === '') throw new UsageError('--out must name a folder');
  let presets = [...PRESETS];
  if (values.only !== undefined) {
    const ids = values.only.split(',').map((s) => s.trim()).filter(Boolean);
    if (ids.length === 0) throw new UsageError('--only needs at least one preset id');
    const unknown = ids.filter((id) => !PRESETS.some((p) => p.id === id));
    if (unknown.length) throw new UsageError(`--only: unknown preset ${unknown.map((id) => `"${id}"`).join(', ')}; known: ${PRESETS.map((p) => p.id).join(', ')}`);
    presets = PRESETS.filter((p) => ids.includes(p.id));
  }
  const threads = values.threads === undefined ? 1 : /^\d+$/.test(values.threads) ? Number(values.threads) : NaN;
  if (!(threads >= 1 && threads <= 64)) throw new UsageError(`--threads must be a whole number from 1 to 64, got ${JSON.stringify(values.threads)}`);
  return { out, quick: !!values.quick, threads, presets };
}


async function glanceFigures(p: Preset, { quick }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  const state = presetValues(GLANCE_PARAMS, p);
  const config = glanceTrainConfig(state);
  const { n, m } = config;
  const steps = quick ? Math.min(state.steps, QUICK.glanceSteps) : state.steps;
  const every = Math.max(1, Math.ceil(steps / 200));
  const trainer = new JsTrainer(config);
  const history: { step: number; loss: number[] }[] = [];
  const t0 = performance.now();
  let lastLog = t0;
  try {
    while (trainer.stepCount < steps) {
      trainer.stepSync(Math.min(every, steps - trainer.stepCount));
      const st = await trainer.read();
      history.push({ step: st.step, loss: Array.from(st.loss) });
      if (performance.now() - lastLog > 5000) {
        lastLog = performance.now();
        log(`  step ${st.step}/${steps}`);
      }
    }
    const final = await trainer.read();
    const seconds = (performance.now() - t0) / 1000;
    const json = buildModelJson(config, final, history, { path: 'js', seconds });
    // The shown model is the lowest evaluation-loss seed, as the page shows the best of its seeds.
    const best = json.best;
    const W = instanceWeights(final.W, best, n, m);
    const b = final.b.subarray(best * n, (best + 1) * n);
    const metrics = instanceMetrics(W, n, m);
    const shownSeed = config.instances[best].seed;
    const described = `n=${n}, m=${m}, 1−S=${fmtDensity(state.density)}, I=${state.decay}^i, ${state.kind}, seed ${shownSeed} (best of ${config.instances.length})`;
    const meta: ExportMeta = {
      description: `${p.title}: ${described}, step ${final.step}`,
      config: { preset: p.id, ...state, quick, trainedSteps: final.step, shownSeed, step: final.step },
    };
    const figures: Figure[] = [
      { name: 'wtw-bias', svg: svgOf(GramHeatmap, { gram: metrics.gram, bias: b, n }, meta) },
      { name: 'feature-norms', svg: svgOf(FeatureNormBars, { norms: metrics.norms, superposition: metrics.superposition, n, m }, meta) },
    ];
    // The page draws the hidden plane only for m = 2.
    if (m === 2) figures.push({ name: 'feature-geometry', svg: svgOf(FeatureGeometry2D, { W, n, importance: config.instances[0].importance }, meta) });
    figures.push({ name: 'loss-curve', svg: svgOf(LossCurve, { steps: history.map((h) => h.step), losses: history.map((h) => h.loss[best]) }, meta) });
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

async function phaseFigures(p: Preset, { quick, threads }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  const state = presetValues(PHASE_PARAMS, p);
  const experiment = state.pexp as PhaseExperiment;
  const resolution = quick ? Math.min(state.pgrid, QUICK.phaseGrid) : state.pgrid;
  const seeds = quick ? Math.min(state.pseeds, QUICK.phaseSeeds) : state.pseeds;
  const maxSteps = quick ? Math.min(state.psteps, QUICK.phaseSteps) : state.psteps;
  const grid = phaseGrid(experiment, resolution, seeds);
  let lastLog = performance.now();
  const res = await runPhaseSweep(grid, {
    maxSteps,
    path: 'js',
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
  const boundaries = boundaryCurves(experiment, { rMin: PHASE_R_RANGE[0], rMax: PHASE_R_RANGE[1], dMin: PHASE_DENSITY_RANGE[1], dMax: PHASE_DENSITY_RANGE[0] });
  const selected = state.pcell >= 0 && state.pcell < cells ? state.pcell : null;
  const expLabel = experiment === 'phase-2-1' ? 'n = 2 features, m = 1 dimension' : 'n = 3 features, m = 2 dimensions';
  const a = res.agreement;
  const meta: ExportMeta = {
    description:
      `${p.title}, ${expLabel}: ${resolution}×${resolution} cells, best of ${seeds} seed${seeds === 1 ? '' : 's'}, step ${res.run.stepsRun}; ` +
      `${a.agree}/${a.cells} cells agree with the theory`,
    config: { preset: p.id, ...state, pgrid: resolution, pseeds: seeds, psteps: maxSteps, quick, step: res.run.stepsRun },
  };
  const common = { rValues: grid.rValues, densityValues: grid.densityValues, boundaries, selected };
  const figures: Figure[] = [
    {
      name: 'trained',
      svg: svgOf(
        PhaseDiagramChart,
        { ...common, phases: trained, mode: state.pdiff ? 'disagreement' : 'phases', reference: theory, title: `Trained phase diagram, ${expLabel}` },
        meta,
      ),
    },
  ];
  if (state.ptheory) figures.push({ name: 'theory', svg: svgOf(PhaseDiagramChart, { ...common, phases: theory, title: `Analytic phase diagram, ${expLabel}` }, meta) });
  if (selected !== null) {
    // The page's drill-down for a selected cell: its kept model.
    const cell = res.cells[selected];
    const W = Float32Array.from(cell.W.flat());
    const metrics = instanceMetrics(W, n, m);
    const importance = experimentImportance(experiment, cell.r);
    figures.push(
      { name: 'cell-wtw', svg: svgOf(GramHeatmap, { gram: metrics.gram, bias: cell.b, n, size: 180 }, meta) },
      { name: 'cell-norms', svg: svgOf(FeatureNormBars, { norms: metrics.norms, superposition: metrics.superposition, n, m }, meta) },
      { name: 'cell-weights', svg: svgOf(WeightGlyph, { W, n, m, importance, size: 200, title: "Weights of the selected cell's model" }, meta) },
    );
  }
  log(`  ${summarise(res).replace(/\n/g, '\n  ')}`);
  return { figures, json: res, steps: res.run.stepsRun };
}

/** Each section's headless renderer: trains a preset as the section does and draws its charts. */
const RENDERERS: Record<Preset['section'], Renderer> = {
  'at-a-glance': glanceFigures,
  'phase-change': phaseFigures,
  geometry: geometryFigures,
  'beyond-basic': beyondFigures,
};

export async function runFigures(argv: string[], log: (s: string) => void = console.log): Promise<FiguresIndex | null> {
  const args = parseFiguresArgs(argv);
  if (!args) {
    log(USAGE);
    return null;
  }
  const { out, quick, threads, presets } = args;
  mkdirSync(out, { recursive: true });
  const index: FiguresIndex = { format: FIGURES_FORMAT, quick, presets: [] };
  const tAll = performance.now();
  for (const [k, p] of presets.entries()) {
    log(`[${k + 1}/${presets.length}] ${p.id}: ${p.title}${quick ? ' (quick)' : ''}`);
    const t0 = performance.now();
    const { figures, json, steps } = await RENDERERS[p.section](p, { quick, threads }, log);
    const files: string[] = [];
    for (const f of figures) {
      const name = `${p.id}-${f.name}.svg`;
      writeFileSync(join(out, name), f.svg);
      files.push(name);
    }
    writeFileSync(join(out, `${p.id}.json`), JSON.stringify(json));
    files.push(`${p.id}.json`);
    const seconds = (performance.now() - t0) / 1000;
    index.presets.push({ id: p.id, title: p.title, section: p.section, search: presetSearch(p), steps, seconds: Number(seconds.toFixed(2)), files });
    log(`[${k + 1}/${presets.length}] ${p.id}: ${files.length} files in ${seconds.toFixed(1)} s`);
  }
  writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 2) + '\n');
  log(`wrote ${presets.length} preset(s) to ${out} in ${((performance.now() - tAll) / 1000).toFixed(1)} s (index.json)`);
  return index;
}

const isMain = process.argv[1] && /cli[\\/]figures\.ts$/.test(process.argv[1]);
if (isMain) {
  runFigures(process.argv.slice(2)).catch((e: unknown) => {
    const usage = e instanceof UsageError;
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    if (usage) console.error('run with --help for the options');
    process.exit(usage ? 2 : 1);
  });
}

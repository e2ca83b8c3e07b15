/**
 * Headless figures of "The geometry of superposition" presets (figures.ts dispatches here).
 *
 * Sweep presets train geometryTrainConfig(state) — one model per sparsity, pinned init std — on one
 * JsTrainer (the page shards the same instances over workers, which trains the same models) and
 * draw what src/sections/Geometry.tsx draws: dimensions per feature, the D_i scatter and, when a
 * model is selected (gmodel ≥ 0), its geometry graph, WᵀW, polytope gallery, 3-D view (m = 3) and
 * learning-dynamics timeline, recorded through the section's own DynamicsRecorder.
 *
 * The perturbed-pentagon preset runs src/sections/PerturbedPentagon.tsx's two trainings (random
 * fits, fixed-start loss curves) with that module's own helpers and draws its strip and loss chart.
 */
import type { ExportMeta } from '../charts/export';
import { DimensionalityScatter } from '../charts/DimensionalityScatter';
import { DimsPerFeatureChart } from '../charts/DimsPerFeatureChart';
import { DynamicsChart } from '../charts/DynamicsChart';
import { DEFAULT_VIEW, FeatureGeometry3D } from '../charts/FeatureGeometry3D';
import { GeometryGraphChart, PolytopeGallery, featureColorsByPolytope, polytopeSummary } from '../charts/GeometryGraphChart';
import { GramHeatmap } from '../charts/GramHeatmap';
import { formatDuration } from '../charts/theme';
import { PentagonLossChart, PentagonStrip, relLabel } from '../charts/PentagonCharts';
import { geometryAnalysis, type FactorName } from '../model/geometry';
import { gram, instanceWeights } from '../model/metrics';
import { crossing, perturbedPentagonConfig, sweepSummary, type SweepPoint } from '../model/uniform-sweep';
import { DynamicsRecorder } from '../sections/dynamics-recorder';
import { CURVE_STEPS, PENTAGON_RELATIVE_DENSITIES, bestFits, curveLosses, keptSolutions, pentagonCurveConfig, pentagonStartParams } from '../sections/PerturbedPentagon';
import { GEOMETRY_PARAMS, MAX_GRAM_FEATURES, estimatedCpuSeconds, geometryTrainConfig, type GeometryState } from '../state/geometry';
import type { Preset } from '../state/presets';
import { JsTrainer } from '../train/js-trainer';
import { ThreadedJsTrainer } from '../train/threaded-trainer';
import type { BatchedTrainer, TrainerState } from '../train/trainer';
import { presetValues, svgOf, type Figure, type PresetFigures, type RenderOptions } from './figures-common';

export const GEOMETRY_SWEEP_FORMAT = 'superposition-explorable/geometry-sweep@1';
/** The page's own export format for the perturbed pentagon (PerturbedPentagon.tsx), with the run's extras added. */
export const PENTAGON_FORMAT = 'superposition-explorable/perturbed-pentagon@1';

/**
 * --quick: every geometry preset in a few seconds (all eight together 15–21 s on two shared cores).
 * A sweep trains at most `sweepSteps` steps and at most `sweepWork` instance-steps × n·m, so the
 * GPU-sized sweeps (paper: 240,000 per step, ≈ 1.2 s on a CPU) stop after a couple of steps while
 * the small m = 3 ones run the full `sweepSteps`. The pentagon's random fits and loss curves train
 * `pentagonSteps` and `curveSteps` steps.
 */
export const QUICK_GEOMETRY = Object.freeze({ sweepSteps: 1000, sweepWork: 500_000, pentagonSteps: 1000, curveSteps: 1000 });

/** Snapshots recorded for the dynamics timeline (the recorder keeps up to 300; the page gets ≤ 5 per second). */
const DYNAMICS_SNAPSHOTS = 200;
/** Progress lines at most this often. */
const LOG_EVERY_MS = 5000;

/** The URL keys that only the perturbed pentagon reads, and those only the sweep reads (gseed is shared). */
const PENTAGON_KEYS: readonly (keyof GeometryState)[] = ['gpbase', 'gpseeds', 'gpsteps'];
const SWEEP_KEYS: readonly (keyof GeometryState)[] = ['gn', 'gm', 'gcount', 'gmax', 'gsteps', 'gmodel'];

/**
 * The page shows the sweep and the pentagon for every geometry state; a preset is a figure of one
 * of them: the pentagon when it sets only the pentagon's keys, the sweep otherwise.
 */
export function isPentagonPreset(p: Preset): boolean {
  const keys = Object.keys(p.params);
  return keys.some((k) => PENTAGON_KEYS.includes(k as keyof GeometryState)) && !keys.some((k) => SWEEP_KEYS.includes(k as keyof GeometryState));
}

/** Steps a sweep trains: the preset's, or in quick mode capped by steps and by work (see QUICK_GEOMETRY). */
export function sweepSteps(s: Pick<GeometryState, 'gn' | 'gm' | 'gcount' | 'gsteps'>, quick: boolean): number {
  if (!quick) return s.gsteps;
  const byWork = Math.floor(QUICK_GEOMETRY.sweepWork / (s.gcount * s.gn * s.gm));
  return Math.max(1, Math.min(s.gsteps, QUICK_GEOMETRY.sweepSteps, byWork));
}

export async function geometryFigures(p: Preset, { quick, threads }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  const state = presetValues(GEOMETRY_PARAMS, p);
  return isPentagonPreset(p) ? pentagonFigures(p, state, quick, log) : sweepFigures(p, state, quick, threads, log);
}

/**
 * Train `steps` steps synchronously, logging progress at most every LOG_EVERY_MS; `onStep` runs
 * after every step (it decides itself whether to snapshot). Returns the final state.
 */
async function train(trainer: BatchedTrainer, steps: number, label: string, log: (s: string) => void, onStep?: (step: number) => Promise<void>): Promise<TrainerState> {
  let lastLog = performance.now();
  while (trainer.stepCount < steps) {
    // One step per call: a paper-sized step takes ≈ 1 s, so bigger chunks would starve the log.
    await trainer.step(1);
    if (onStep) await onStep(trainer.stepCount);
    if (performance.now() - lastLog > LOG_EVERY_MS) {
      lastLog = performance.now();
      log(`  ${label}step ${trainer.stepCount}/${steps}`);
    }
  }
  return trainer.read();
}

const rows = (W: Float32Array, n: number, m: number): number[][] => Array.from({ length: n }, (_, i) => Array.from(W.subarray(i * m, (i + 1) * m)));

/** Below this much work per step (instances × n × m) one thread wins: a step costs less than the message round trip. */
const THREADED_MIN_WORK = 20_000;

async function sweepFigures(p: Preset, state: GeometryState, quick: boolean, threads: number, log: (s: string) => void): Promise<PresetFigures> {
  const { gn: n, gm: m, gcount: count, gmax, gseed } = state;
  const config = geometryTrainConfig(state);
  const steps = sweepSteps(state, quick);
  const shortened = steps < state.gsteps;
  log(
    `  ${count} models of n = ${n}, m = ${m}, ${state.gsteps.toLocaleString('en-US')} steps: ≈ ${formatDuration(estimatedCpuSeconds(state, 1))} on one CPU core` +
      (shortened ? `; quick: ${steps} steps, ≈ ${formatDuration(estimatedCpuSeconds({ ...state, gsteps: steps }, 1))}` : ''),
  );
  const selected = state.gmodel >= 0 && state.gmodel < count ? state.gmodel : null;
  // The section records snapshots for the selected model's timeline (every model's while small).
  const recorder = new DynamicsRecorder();
  const every = Math.max(1, Math.ceil(steps / DYNAMICS_SNAPSHOTS));
  // Threads split the instances; same seeds, same streams, the same models as one JsTrainer.
  const threaded = threads > 1 && count * n * m >= THREADED_MIN_WORK;
  const trainer: BatchedTrainer = threaded ? new ThreadedJsTrainer(config, threads) : new JsTrainer(config);
  if (threaded) log(`  on ${Math.min(threads, count)} worker threads`);
  const t0 = performance.now();
  let final: TrainerState;
  try {
    const record = (s: TrainerState) => recorder.record({ runId: 0, step: s.step, W: s.W, b: s.b, loss: s.loss }, count, n, m, selected);
    // The worker's first snapshot is step 0 (configured, not yet started): the timeline starts there.
    if (selected !== null) record(await trainer.read());
    final = await train(trainer, steps, '', log, async (k) => {
      if (selected !== null && k % every === 0 && k < steps) record(await trainer.read());
    });
    if (selected !== null) record(final);
  } finally {
    trainer.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const step = final.step;
  const summary = sweepSummary(final.W, config);
  const sizeLabel = `n = ${n} features, m = ${m} dimensions`;
  const description =
    `${p.title}: ${sizeLabel}, ${count} sparsities with 1/(1−S) from 1 to ${gmax}, seed ${gseed}, step ${step}` +
    (shortened ? ` (quick run: ${step} of ${state.gsteps} steps)` : '');
  const meta: ExportMeta = { description, config: { preset: p.id, ...state, quick, trainedSteps: step, step } };
  const xDomain: [number, number] = [1, gmax];
  const figures: Figure[] = [
    { name: 'dims-per-feature', svg: svgOf(DimsPerFeatureChart, { points: summary, selected, xDomain, title: `Dimensions per feature m/‖W‖²_F, ${sizeLabel}` }, meta) },
    { name: 'dimensionality', svg: svgOf(DimensionalityScatter, { models: summary, selected, xDomain, title: `Feature dimensionality D_i, ${sizeLabel}` }, meta) },
  ];

  let selectedJson: Record<string, unknown> | null = null;
  let selectedLine = '';
  if (selected !== null) {
    const W = instanceWeights(final.W, selected, n, m);
    const b = final.b.subarray(selected * n, (selected + 1) * n);
    const analysis = geometryAnalysis(W, n, m);
    const point = summary[selected];
    const modelMeta: ExportMeta = { description: `${description}; model ${selected} (1/(1−S) = ${point.invDensity.toFixed(2)})`, config: meta.config };
    const featuresByName: Partial<Record<FactorName, number[]>> = {};
    analysis.polytopes.factors.forEach((f) => (featuresByName[f.name] ??= []).push(...f.features));
    const prefix = `model-${selected}`;
    figures.push({ name: `${prefix}-graph`, svg: svgOf(GeometryGraphChart, { W, n, m, analysis, title: `Feature geometry graph of model ${selected}, step ${step}` }, modelMeta) });
    if (n <= MAX_GRAM_FEATURES) figures.push({ name: `${prefix}-wtw`, svg: svgOf(GramHeatmap, { gram: gram(W, n, m), bias: b, n, size: n <= 40 ? 220 : 300 }, modelMeta) });
    figures.push({ name: `${prefix}-polytopes`, svg: svgOf(PolytopeGallery, { counts: analysis.polytopes.counts, features: featuresByName, title: `Polytopes in model ${selected}` }, modelMeta) });
    if (m === 3) {
      // A static picture at the section's default orientation (no onViewChange: nothing to drag in a file).
      const view = { ...DEFAULT_VIEW };
      const meta3d: ExportMeta = { ...modelMeta, config: { ...(meta.config as object), shownStep: step, yaw: view.yaw, pitch: view.pitch } };
      figures.push({
        name: `${prefix}-3d`,
        svg: svgOf(FeatureGeometry3D, { W, n, view, colors: featureColorsByPolytope(analysis.polytopes, n), title: `Features of model ${selected} in its 3 hidden dimensions, step ${step}` }, meta3d),
      });
    }
    const history = recorder.history(selected, n, m);
    if (history) {
      // As the section: one colour per feature when few, else by the polytope each feature forms at the latest step.
      const colors = n > 10 ? featureColorsByPolytope(analysis.polytopes, n) : undefined;
      figures.push({
        name: `${prefix}-dynamics`,
        svg: svgOf(DynamicsChart, { steps: history.steps, dimensionalities: history.D, losses: history.loss, n, width: 880, height: 360, cursor: null, colors, title: `D_i and loss of model ${selected} during training` }, modelMeta),
      });
    }
    selectedJson = {
      model: selected,
      invDensity: point.invDensity,
      dimensionsPerFeature: point.dimensionsPerFeature,
      polytopes: analysis.polytopes.counts,
      factors: analysis.polytopes.factors,
      dynamics: history ? { step: history.steps, loss: history.loss, dimensionality: history.D.map((d) => Array.from(d)) } : null,
    };
    selectedLine = `; model ${selected} (1/(1−S) = ${point.invDensity.toFixed(2)}, m/‖W‖_F² ${point.dimensionsPerFeature.toFixed(3)}): ${polytopeSummary(analysis.polytopes.counts)}`;
  }

  const first = summary[0];
  const last = summary[summary.length - 1];
  const dedicated = summary.filter((q) => q.dimensionsPerFeature >= 0.9 && q.dimensionsPerFeature <= 1.1).length;
  const plateau = summary.filter((q) => q.dimensionsPerFeature >= 0.45 && q.dimensionsPerFeature <= 0.55).length;
  log(
    `  step ${step}: m/‖W‖_F² ${first.dimensionsPerFeature.toFixed(3)} at 1/(1−S) = ${first.invDensity.toFixed(2)} … ${last.dimensionsPerFeature.toFixed(3)} at ${last.invDensity.toFixed(2)}; ` +
      `${dedicated}/${count} models at one dimension per feature, ${plateau} on the ½ plateau${selectedLine}`,
  );

  const json = {
    format: GEOMETRY_SWEEP_FORMAT,
    preset: p.id,
    title: p.title,
    quick,
    settings: state,
    config: { n, m, kind: config.kind, batchSize: config.batchSize, optimizer: config.optimizer, initStd: config.initStd, steps: step },
    run: { path: 'js', seconds: Number(seconds.toFixed(2)) },
    layout: 'instances[j].W[i][k] = component k (of m) of feature i (of n) embedding W_i; b[i] = output bias of feature i; instance j is summary[j]',
    instances: config.instances.map((inst, j) => ({
      seed: inst.seed,
      density: inst.density[0],
      W: rows(instanceWeights(final.W, j, n, m), n, m),
      b: Array.from(final.b.subarray(j * n, (j + 1) * n)),
      loss: final.loss[j],
    })),
    summary: summary.map((q: SweepPoint) => ({ ...q, dimensionalities: Array.from(q.dimensionalities) })),
    selected: selectedJson,
  };
  return { figures, json, steps: step };
}

async function pentagonFigures(p: Preset, state: GeometryState, quick: boolean, log: (s: string) => void): Promise<PresetFigures> {
  const { gpseeds: seeds, gpbase: base, gseed } = state;
  const rel = PENTAGON_RELATIVE_DENSITIES;
  const steps = quick ? Math.min(state.gpsteps, QUICK_GEOMETRY.pentagonSteps) : state.gpsteps;
  const curveSteps = quick ? Math.min(CURVE_STEPS, QUICK_GEOMETRY.curveSteps) : CURVE_STEPS;
  const config = perturbedPentagonConfig({ baseDensity: base, relativeDensities: rel, seeds, seed: gseed });
  const curveConfig = pentagonCurveConfig(rel, base, gseed);
  const t0 = performance.now();
  // (1) The random fits, as the section's worker trains them.
  const fitsTrainer = new JsTrainer(config);
  let fitsState: TrainerState;
  try {
    fitsState = await train(fitsTrainer, steps, 'random fits: ', log);
  } finally {
    fitsTrainer.dispose();
  }
  // (2) The fixed-start runs behind the loss curves: pentagon and two-digon starts per density.
  const curveTrainer = new JsTrainer(curveConfig);
  let curveState: TrainerState;
  try {
    const start = pentagonStartParams(curveConfig.instances.length);
    curveTrainer.setParams(start.W, start.b);
    curveState = await train(curveTrainer, curveSteps, 'loss curves: ', log);
  } finally {
    curveTrainer.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const curves = curveLosses(curveConfig, curveState.W, curveState.b, curveState.step);
  const fits = bestFits(config, fitsState.W, fitsState.b, seeds);
  const kept = keptSolutions(rel.length, fitsState.W, fits, curves);
  const cross = crossing(rel, curves.pentagon, curves.digons);
  const lastDigons = Math.max(-1, ...kept.map((k, r) => (k?.type === 'digons' ? r : -1)));
  const firstPentagon = kept.findIndex((k) => k?.type === 'pentagon');
  const step = fitsState.step;
  const shortened = steps < state.gpsteps || curveSteps < CURVE_STEPS;
  const meta: ExportMeta = {
    description:
      `${p.title}: n = 5, m = 2, features 0–3 at density ${base}, feature 4 at ${rel.length} relative densities from ${relLabel(rel[0])} to ${relLabel(rel[rel.length - 1])}; ` +
      `best of ${seeds} seeds by stratified expected loss, step ${step}; loss curves from fixed starts, step ${curves.step}` +
      (shortened ? ` (quick run: ${step} of ${state.gpsteps} steps, curves ${curves.step} of ${CURVE_STEPS})` : ''),
    config: { preset: p.id, gpseeds: seeds, gpsteps: state.gpsteps, gpbase: base, gseed, quick, trainedSteps: step, step, curveStep: curves.step },
  };
  const figures: Figure[] = [
    {
      name: 'strip',
      svg: svgOf(PentagonStrip, { relativeDensities: rel, solutions: kept.map((k) => k?.W ?? null), types: kept.map((k) => k?.type ?? null), sources: kept.map((k) => k?.source ?? null) }, meta),
    },
    { name: 'loss', svg: svgOf(PentagonLossChart, { relativeDensities: rel, pentagon: curves.pentagon, digons: curves.digons, fits, width: 520 }, meta) },
  ];
  log(
    `  step ${step} (curves ${curves.step}): lowest loss found: two digons up to relative density ${lastDigons >= 0 ? relLabel(rel[lastDigons]) : '—'}, ` +
      `a pentagon from ${firstPentagon >= 0 ? relLabel(rel[firstPentagon]) : '—'}; the loss curves cross at ${cross !== null ? `≈ ${relLabel(cross)}` : '— (they do not cross)'}`,
  );
  const pairs = (W: Float32Array, j: number) => rows(W.subarray(j * 10, (j + 1) * 10), 5, 2);
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
    layout: 'W[i][k] = component k of feature i; feature 4 is the varied one; instances[r * seeds + k] is fit k at relativeDensities[r]',
    config: { n: 5, m: 2, kind: config.kind, batchSize: config.batchSize, optimizer: config.optimizer, seeds, steps: step },
    instances: config.instances.map((inst, j) => ({
      relativeDensity: rel[Math.floor(j / seeds)],
      seed: inst.seed,
      density: Array.from(inst.density),
      W: pairs(fitsState.W, j),
      b: Array.from(fitsState.b.subarray(j * 5, (j + 1) * 5)),
      loss: fitsState.loss[j],
    })),
    fits: fits.map((f, r) => ({ relativeDensity: rel[r], seed: f.index % seeds, loss: f.loss, type: f.type, W: pairs(fitsState.W, f.index), b: Array.from(fitsState.b.subarray(f.index * 5, f.index * 5 + 5)) })),
    kept: kept.map((k, r) => (k ? { relativeDensity: rel[r], source: k.source, loss: k.loss, type: k.type, W: rows(k.W, 5, 2) } : null)),
    curves: {
      step: curves.step,
      pentagon: curves.pentagon,
      digons: curves.digons,
      pentagonStart: curves.pentagonStart,
      digonStart: curves.digonStart,
      crossing: cross,
      // Instance 2r started as the pentagon, 2r + 1 as two digons (relative density r).
      W: Array.from({ length: curveConfig.instances.length }, (_, j) => pairs(curves.W, j)),
      b: Array.from({ length: curveConfig.instances.length }, (_, j) => Array.from(curves.b.subarray(j * 5, (j + 1) * 5))),
    },
  };
  return { figures, json, steps: step };
}

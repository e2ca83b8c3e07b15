/**
 * "The geometry of superposition" presets, headless: geometryTrainConfig(state) — one model per
 * sparsity, pinned init std — on the page's path, simd where it runs (Node threads for big sweeps: the same models;
 * the page shards the same instances over workers), drawing what the section draws: dimensions
 * per feature, the D_i scatter and, when a model is selected, its geometry graph,
 * WᵀW, polytope gallery, 3-D view (m = 3) and learning-dynamics timeline, recorded through the
 * section's own DynamicsRecorder.
 */
import type { ExportMeta } from '../../charts/export';
import { DimensionalityScatter } from '../../charts/DimensionalityScatter';
import { DimsPerFeatureChart } from '../../charts/DimsPerFeatureChart';
import { DynamicsChart } from '../../charts/DynamicsChart';
import { DEFAULT_VIEW, FeatureGeometry3D } from '../../charts/FeatureGeometry3D';
import { GeometryGraphChart } from '../../charts/GeometryGraphChart';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { PolytopeGallery } from '../../charts/PolytopeGallery';
import { featureColorsByPolytope, polytopeSummary } from '../../charts/polytopes';
import { fmtCount, formatDuration } from '../../model/format';
import { featuresByFactor, geometryAnalysis } from '../../model/geometry';
import { weightRows } from '../../model/io/model-json';
import { gram, instanceWeights } from '../../model/metrics';
import { sweepSummary, type SweepPoint } from '../../model/uniform-sweep';
import type { Preset } from '../../state/presets';
import { createTrainer, defaultHeadlessPath } from '../../train/basic/paths';
import { ThreadedTrainer } from '../../train/threads/threaded-trainer';
import type { BatchedTrainer, TrainPath, TrainerState } from '../../train/trainer';
import type { TrainConfig } from '../../model/config';
import {
  presetValues,
  svgOf,
  trainLogged,
  type Figure,
  type FiguresModule,
  type PresetFigures,
  type RenderOptions,
} from '../shared/figures';
import { DynamicsRecorder } from './dynamics-recorder';
import {
  GEOMETRY_PARAMS,
  MAX_GRAM_FEATURES,
  estimatedCpuSeconds,
  geometryTrainConfig,
  type GeometryState,
} from './params';
import { selectedModel, sizeLabel as sizeLabelOf, sweepCounts } from './run';

export const GEOMETRY_SWEEP_FORMAT = 'superposition-explorable/geometry-sweep@1';

/**
 * --quick: every geometry preset in a few seconds (all seven together ≈ 15–20 s on two shared
 * cores). A sweep trains at most `sweepSteps` steps and at most `sweepWork` instance-steps × n·m,
 * so the GPU-sized sweeps (paper: 240,000 per step, ≈ 1.2 s on a CPU) stop after a couple of steps
 * while the small m = 3 ones run the full `sweepSteps`.
 */
export const QUICK_GEOMETRY = Object.freeze({ sweepSteps: 1000, sweepWork: 500_000 });

/** Snapshots recorded for the dynamics timeline (the recorder keeps up to 300; the page gets ≤ 5 per second). */
const DYNAMICS_SNAPSHOTS = 200;

/** Steps a sweep trains: the preset's, or in quick mode capped by steps and by work (see QUICK_GEOMETRY). */
export function sweepSteps(s: Pick<GeometryState, 'n' | 'm' | 'sparsities' | 'steps'>, quick: boolean): number {
  if (!quick) return s.steps;
  const byWork = Math.floor(QUICK_GEOMETRY.sweepWork / (s.sparsities * s.n * s.m));
  return Math.max(1, Math.min(s.steps, QUICK_GEOMETRY.sweepSteps, byWork));
}

/** Below this much work per step (instances × n × m) one thread wins: a step costs less than the message round trip. */
const THREADED_MIN_WORK = 20_000;

/** The sweep trained as the section trains it, with the selected model's timeline recorded. */
async function trainSweep(
  config: TrainConfig,
  steps: number,
  threads: number,
  selected: number | null,
  log: (s: string) => void,
): Promise<{ final: TrainerState; recorder: DynamicsRecorder; path: TrainPath; seconds: number }> {
  const { n, m } = config;
  const count = config.instances.length;
  // The section records snapshots for the selected model's timeline (every model's while small).
  const recorder = new DynamicsRecorder();
  const every = Math.max(1, Math.ceil(steps / DYNAMICS_SNAPSHOTS));
  // The page's path (simd where it runs, else js); threads split the instances: same seeds,
  // same streams, the same models as one trainer.
  const path = await defaultHeadlessPath(config);
  const threaded = threads > 1 && count * n * m >= THREADED_MIN_WORK;
  const trainer: BatchedTrainer = threaded
    ? new ThreadedTrainer(config, threads, path === 'simd' ? 'simd' : 'js')
    : await createTrainer(config, path);
  if (threaded) log(`  on ${Math.min(threads, count)} worker threads`);
  const t0 = performance.now();
  try {
    const record = (s: TrainerState) =>
      recorder.record({ runId: 0, step: s.step, W: s.W, b: s.b, loss: s.loss }, count, n, m, selected);
    // The worker's first snapshot is step 0 (configured, not yet started): the timeline starts there.
    if (selected !== null) record(await trainer.read());
    const final = await trainLogged(trainer, steps, '', log, async (k) => {
      if (selected !== null && k % every === 0 && k < steps) record(await trainer.read());
    });
    if (selected !== null) record(final);
    return { final, recorder, path, seconds: (performance.now() - t0) / 1000 };
  } finally {
    trainer.dispose();
  }
}

/** The selected model's charts (graph, WᵀW, polytopes, 3-D view for m = 3, dynamics) and its part of the JSON. */
function selectedFigures(
  selected: number,
  final: TrainerState,
  summary: SweepPoint[],
  recorder: DynamicsRecorder,
  { n, m }: { n: number; m: number },
  description: string,
  config: unknown,
): { figures: Figure[]; json: Record<string, unknown>; line: string } {
  const step = final.step;
  const W = instanceWeights(final.W, selected, n, m);
  const b = final.b.subarray(selected * n, (selected + 1) * n);
  const analysis = geometryAnalysis(W, n, m);
  const point = summary[selected];
  const modelMeta: ExportMeta = {
    description: `${description}; model ${selected} (1/(1−S) = ${point.invDensity.toFixed(2)})`,
    config,
  };
  const prefix = `model-${selected}`;
  const figures: Figure[] = [
    {
      name: `${prefix}-graph`,
      svg: svgOf(
        GeometryGraphChart,
        { W, n, m, analysis, title: `Feature geometry graph of model ${selected}, step ${step}` },
        modelMeta,
      ),
    },
  ];
  if (n <= MAX_GRAM_FEATURES)
    figures.push({
      name: `${prefix}-wtw`,
      svg: svgOf(GramHeatmap, { gram: gram(W, n, m), bias: b, n, size: n <= 40 ? 220 : 300 }, modelMeta),
    });
  figures.push({
    name: `${prefix}-polytopes`,
    svg: svgOf(
      PolytopeGallery,
      {
        counts: analysis.polytopes.counts,
        features: featuresByFactor(analysis.polytopes),
        title: `Polytopes in model ${selected}`,
      },
      modelMeta,
    ),
  });
  if (m === 3) {
    // A static picture at the section's default orientation (no onViewChange: nothing to drag in a file).
    const view = { ...DEFAULT_VIEW };
    const meta3d: ExportMeta = {
      ...modelMeta,
      config: { ...(config as object), shownStep: step, yaw: view.yaw, pitch: view.pitch },
    };
    const colors = featureColorsByPolytope(analysis.polytopes, n);
    const title = `Features of model ${selected} in its 3 hidden dimensions, step ${step}`;
    figures.push({ name: `${prefix}-3d`, svg: svgOf(FeatureGeometry3D, { W, n, view, colors, title }, meta3d) });
  }
  const history = recorder.history(selected, n, m);
  if (history) {
    // As the section: one colour per feature when few, else by the polytope each feature forms at the latest step.
    const colors = n > 10 ? featureColorsByPolytope(analysis.polytopes, n) : undefined;
    figures.push({
      name: `${prefix}-dynamics`,
      svg: svgOf(
        DynamicsChart,
        {
          steps: history.steps,
          dimensionalities: history.D,
          losses: history.loss,
          n,
          width: 880,
          height: 360,
          cursor: null,
          colors,
          title: `D_i and loss of model ${selected} during training`,
        },
        modelMeta,
      ),
    });
  }
  const json = {
    model: selected,
    invDensity: point.invDensity,
    dimensionsPerFeature: point.dimensionsPerFeature,
    polytopes: analysis.polytopes.counts,
    factors: analysis.polytopes.factors,
    dynamics: history
      ? { step: history.steps, loss: history.loss, dimensionality: history.D.map((d) => Array.from(d)) }
      : null,
  };
  const line = `; model ${selected} (1/(1−S) = ${point.invDensity.toFixed(2)}, m/‖W‖_F² ${point.dimensionsPerFeature.toFixed(3)}): ${polytopeSummary(analysis.polytopes.counts)}`;
  return { figures, json, line };
}

async function render(p: Preset, { quick, threads }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  // `live` chooses between the shipped and a live sweep on the page; headless always trains.
  const { live: _live, ...state } = presetValues(GEOMETRY_PARAMS, p);
  const { n, m, sparsities: count, maxInvDensity, seed } = state;
  const config = geometryTrainConfig(state);
  const steps = sweepSteps(state, quick);
  const shortened = steps < state.steps;
  log(
    `  ${count} models of n = ${n}, m = ${m}, ${fmtCount(state.steps)} steps: ≈ ${formatDuration(estimatedCpuSeconds(state, 1))} on one CPU core` +
      (shortened ? `; quick: ${steps} steps, ≈ ${formatDuration(estimatedCpuSeconds({ ...state, steps }, 1))}` : ''),
  );
  const selected = selectedModel(state);
  const { final, recorder, path, seconds } = await trainSweep(config, steps, threads, selected, log);
  const step = final.step;
  const summary = sweepSummary(final.W, config);
  const sizeLabel = sizeLabelOf(n, m);
  const description =
    `${p.title}: ${sizeLabel}, ${count} sparsities with 1/(1−S) from 1 to ${maxInvDensity}, seed ${seed}, step ${step}` +
    (shortened ? ` (quick run: ${step} of ${state.steps} steps)` : '');
  const meta: ExportMeta = { description, config: { preset: p.id, ...state, quick, trainedSteps: step, step } };
  const xDomain: [number, number] = [1, maxInvDensity];
  const figures: Figure[] = [
    {
      name: 'dims-per-feature',
      svg: svgOf(
        DimsPerFeatureChart,
        { points: summary, selected, xDomain, title: `Dimensions per feature m/‖W‖²_F, ${sizeLabel}` },
        meta,
      ),
    },
    {
      name: 'dimensionality',
      svg: svgOf(
        DimensionalityScatter,
        { models: summary, selected, xDomain, title: `Feature dimensionality D_i, ${sizeLabel}` },
        meta,
      ),
    },
  ];
  const picked =
    selected !== null ? selectedFigures(selected, final, summary, recorder, config, description, meta.config) : null;
  if (picked) figures.push(...picked.figures);

  const first = summary[0];
  const last = summary[summary.length - 1];
  const { dedicated, plateau } = sweepCounts(summary);
  log(
    `  step ${step}: m/‖W‖_F² ${first.dimensionsPerFeature.toFixed(3)} at 1/(1−S) = ${first.invDensity.toFixed(2)} … ${last.dimensionsPerFeature.toFixed(3)} at ${last.invDensity.toFixed(2)}; ` +
      `${dedicated}/${count} models at one dimension per feature, ${plateau} on the ½ plateau${picked?.line ?? ''}`,
  );

  const json = {
    format: GEOMETRY_SWEEP_FORMAT,
    preset: p.id,
    title: p.title,
    quick,
    settings: state,
    config: {
      n,
      m,
      kind: config.kind,
      batchSize: config.batchSize,
      optimizer: config.optimizer,
      initStd: config.initStd,
      steps: step,
    },
    run: { path, seconds: Number(seconds.toFixed(2)) },
    layout:
      'instances[j].W[i][k] = component k (of m) of feature i (of n) embedding W_i; b[i] = output bias of ' +
      'feature i; instance j is summary[j]',
    instances: config.instances.map((inst, j) => ({
      seed: inst.seed,
      density: inst.density[0],
      W: weightRows(instanceWeights(final.W, j, n, m), n, m),
      b: Array.from(final.b.subarray(j * n, (j + 1) * n)),
      loss: final.loss[j],
    })),
    summary: summary.map((q: SweepPoint) => ({ ...q, dimensionalities: Array.from(q.dimensionalities) })),
    selected: picked?.json ?? null,
  };
  return { figures, json, steps: step };
}

export const figures: FiguresModule = {
  render,
  quick: `sweeps ≤ ${QUICK_GEOMETRY.sweepSteps} steps and ≤ ${fmtCount(QUICK_GEOMETRY.sweepWork)} instance-steps × n·m`,
};

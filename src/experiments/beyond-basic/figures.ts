/**
 * Headless figures of the "Beyond the basic model" presets: each preset trains as the section
 * (Section.tsx) trains it — beyondPreset(variant, seed) for
 * beyondSteps(variant, steps) steps through createTrainer(config, 'js'), the call the section's
 * worker makes — then the section's own analyses pick the best seed per density (pickBest, once
 * settled) and build the props of the charts it shows, which are rendered here as standalone SVGs.
 *
 * Charts per experiment (file `${preset}-${name}.svg`, g = density index, densest first):
 *   correlated-pairs, anticorrelated-pairs, three-correlated-pairs: geometry-<g>
 *   local-orthogonal-bases: wtw
 *   privileged-basis: stacks-<g>, then matrix-<g> (W as a matrix)
 *   abs-dense, abs-sweep: stacks-<g>
 *   adversarial: perdim, vs-density, vs-perdim
 */
import type { ExportMeta } from '../../charts/export';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { LineChart } from '../../charts/LineChart';
import { NeuronStackChart } from '../../charts/NeuronStackChart';
import { SetGeometry2D } from '../../charts/SetGeometry2D';
import { WeightMatrixChart } from '../../charts/WeightMatrixChart';
import { fmtCount, fmtDensity, fmtFixed, formatDuration as fmtDuration } from '../../model/format';
import { weightRows } from '../../model/io/model-json';
import { instanceParams } from '../../model/variants/model';
import type { VariantPreset } from '../../model/variants/presets';
import type { Preset } from '../../state/presets';
import { createTrainer } from '../../train/basic/paths';
import type { TrainerState } from '../../train/trainer';
import {
  presetValues,
  svgOf,
  type Figure,
  type FiguresModule,
  type PresetFigures,
  type RenderOptions,
} from '../shared/figures';
import { BEYOND_PARAMS, type BeyondVariantId } from './params';
import * as beyondRun from './run';

export const BEYOND_FIGURES_FORMAT = 'superposition-explorable/variant-figures@1';

/**
 * --quick: step caps per experiment (full runs train the preset's steps: 10,000, the abs sweep
 * 30,000) chosen so that all eight presets finish in ≈ 15 s on a busy 2-core machine (measured: the
 * privileged basis trains 56 models at ~140 steps/s, the adversarial sweep ~240 steps/s, the abs
 * sweep ~16 steps/s at batch 1024). The abs sweep also trains on a smaller batch: 100 full steps
 * of its 7 models of 100 × 40 take ~6 s and leave every neuron dead; 300 steps of batch 128 take
 * ~3 s and give live (mostly polysemantic) neurons to draw.
 */
export const QUICK_BEYOND = Object.freeze({
  steps: Object.freeze({
    'correlated-pairs': 2000,
    'anticorrelated-pairs': 1000,
    'three-correlated-pairs': 1000,
    'local-orthogonal-bases': 2000,
    'privileged-basis': 300,
    'abs-dense': 1000,
    'abs-sweep': 300,
    adversarial: 300,
  } satisfies Record<BeyondVariantId, number>),
  absSweepBatch: 128,
});

/** Per density group: the shown (best) model and the section's numbers for it. */
interface ShownModel {
  density: number;
  /** Instance index of the best seed. */
  index: number;
  seed: number;
  /** Last minibatch loss, as the page's captions show it. */
  loss: number;
}

export interface BeyondFiguresJson {
  format: typeof BEYOND_FIGURES_FORMAT;
  preset: string;
  experiment: BeyondVariantId;
  title: string;
  quick: boolean;
  config: {
    n: number;
    m: number;
    kind: string;
    untied: boolean;
    batchSize: number;
    optimizer: VariantPreset['config']['optimizer'];
    featureSets: NonNullable<VariantPreset['config']['featureSets']>;
    densities: number[];
    seeds: number;
    firstSeed: number;
    /** The section's step limit (steps) and the steps trained (fewer in quick runs). */
    steps: number;
    trainedSteps: number;
  };
  layout: string;
  /** Every instance, density-major (instance j = density index · seeds + seed index). */
  instances: { density: number; seed: number; loss: number | null; W1: number[][]; W2?: number[][]; b: number[] }[];
  /** Index (into instances) of the best seed of each density: the model every chart shows. */
  best: number[];
  /** The numbers the section shows for this experiment (captions, tables, the attack). */
  summary: unknown;
  run: { path: 'js'; seconds: number; stepsPerSecond: number };
}

const round = (v: number) => (Number.isFinite(v) ? Math.fround(v) : null);

/**
 * Train every instance for `steps` steps as the section's worker does (no convergence stop), logging at most every 5 s.
 */
async function train(
  preset: VariantPreset,
  steps: number,
  log: (s: string) => void,
): Promise<{ state: TrainerState; seconds: number }> {
  const trainer = await createTrainer(preset.config, 'js');
  try {
    const t0 = performance.now();
    let lastLog = t0;
    let estimated = false;
    let chunk = 1;
    while (trainer.stepCount < steps) {
      const s0 = performance.now();
      await trainer.step(Math.min(chunk, steps - trainer.stepCount));
      // Chunks of ~0.25 s (as the worker sizes them): few clock reads, yet timely progress lines.
      const spent = Math.max(0.05, performance.now() - s0);
      chunk = Math.max(1, Math.min(4096, Math.round(chunk * Math.min(2, Math.max(0.5, 250 / spent)))));
      const now = performance.now();
      const rate = trainer.stepCount / ((now - t0) / 1000);
      const left = (steps - trainer.stepCount) / rate;
      // One estimate early on for long runs (the abs sweep: half an hour), then progress every ≥ 5 s.
      if ((!estimated && now - t0 > 1000 && left > 10) || now - lastLog > 5000) {
        log(
          estimated
            ? `  step ${fmtCount(trainer.stepCount)}/${fmtCount(steps)} · about ${fmtDuration(left)} left`
            : `  ${fmtCount(steps)} steps × ${preset.config.instances.length} models at ${rate.toFixed(rate < 100 ? 1 : 0)} steps/s: about ${fmtDuration(steps / rate)} in all`,
        );
        estimated = true;
        lastLog = now;
      }
    }
    const state = await trainer.read();
    return { state, seconds: (performance.now() - t0) / 1000 };
  } finally {
    trainer.dispose();
  }
}

/** The charts the section shows for this experiment, its summary for the JSON, and one line for the log. */
function experimentFigures(
  id: BeyondVariantId,
  preset: VariantPreset,
  trained: TrainerState,
  best: number[],
  shown: ShownModel[],
  meta: (g?: number) => ExportMeta,
): { figures: Figure[]; summary: unknown; line: string } {
  const { config, densities } = preset;
  const { n } = config;
  const figures: Figure[] = [];
  let summary: unknown;
  let line: string;
  const perDensity = (g: number) => `${fmtDensity(densities[g])}`;
  if (id === 'correlated-pairs' || id === 'anticorrelated-pairs' || id === 'three-correlated-pairs') {
    const angles = best.map((j) => beyondRun.setAngles(config, trained, j));
    best.forEach((j, g) =>
      figures.push({
        name: `geometry-${g}`,
        svg: svgOf(SetGeometry2D, beyondRun.setGeometryProps(preset, trained, j, g), meta(g)),
      }),
    );
    summary = { kind: 'within-set-angles', perDensity: shown.map((s, g) => ({ ...s, angles: angles[g] })) };
    line = `within-set angles (degrees) per density: ${angles.map((a, g) => `${perDensity(g)}: ${a.length ? a.join('/') : '— (member dropped)'}`).join(' · ')}`;
  } else if (id === 'local-orthogonal-bases') {
    const a = beyondRun.localBasesAnalysis(preset, trained, best[0]);
    figures.push({ name: 'wtw', svg: svgOf(GramHeatmap, a.chart, meta(0)) });
    summary = {
      kind: 'local-orthogonal-bases',
      ...shown[0],
      sets: a.sets.map((s) => ({ ...s, meanDeviation: round(s.meanDeviation) })),
    };
    line = a.sets
      .map((s) => `set ${s.set}: mean |angle − 90°| = ${fmtFixed(s.meanDeviation, 1)}° over ${s.pairs} pairs`)
      .join('; ');
  } else if (id === 'privileged-basis') {
    const analyses = beyondRun.privilegedAnalyses(preset, trained, best);
    analyses.forEach((r, g) => figures.push({ name: `stacks-${g}`, svg: svgOf(NeuronStackChart, r.stacks, meta(g)) }));
    analyses.forEach((r, g) => figures.push({ name: `matrix-${g}`, svg: svgOf(WeightMatrixChart, r.matrix, meta(g)) }));
    summary = { kind: 'neuron-counts', perDensity: shown.map((s, g) => ({ ...s, ...analyses[g].counts })) };
    line = `neurons mono/poly/dead per density: ${analyses.map((r, g) => `${perDensity(g)}: ${r.counts.monosemantic}/${r.counts.polysemantic}/${r.counts.dead}`).join(' · ')}`;
  } else if (id === 'abs-dense' || id === 'abs-sweep') {
    const rowsOf = best.map((j, g) => beyondRun.absAnalysis(preset, trained, j, g));
    rowsOf.forEach((r, g) => figures.push({ name: `stacks-${g}`, svg: svgOf(NeuronStackChart, r.stacks, meta(g)) }));
    summary = {
      kind: 'abs-neurons',
      perDensity: shown.map((s, g) => ({
        ...s,
        ...rowsOf[g].counts,
        pairs: rowsOf[g].pairs,
        motifs: rowsOf[g].motifs.length,
        exampleMotif: rowsOf[g].motifs[0] ?? null,
      })),
    };
    line =
      `mono/poly/dead · ReLU(±x) pairs · motifs per density: ` +
      rowsOf
        .map(
          (r, g) =>
            `${perDensity(g)}: ${r.counts.monosemantic}/${r.counts.polysemantic}/${r.counts.dead} · ${r.pairs}/${n} · ${r.motifs.length}`,
        )
        .join('; ');
  } else {
    const t0 = performance.now();
    const points = best.map((j, g) => beyondRun.adversarialPoint(preset, trained, j, g));
    const ms = performance.now() - t0;
    figures.push(
      { name: 'perdim', svg: svgOf(LineChart, beyondRun.perDimensionChartProps(preset, trained, best), meta()) },
      { name: 'vs-density', svg: svgOf(LineChart, beyondRun.vulnerabilityChartProps(points, 'density'), meta()) },
      { name: 'vs-perdim', svg: svgOf(LineChart, beyondRun.vulnerabilityChartProps(points, 'perdim'), meta()) },
    );
    summary = {
      kind: 'adversarial',
      samples: beyondRun.ADVERSARIAL_SAMPLES,
      ms: Math.round(ms),
      perDensity: shown.map((s, g) => ({ ...s, perDim: round(points[g].perDim), ratio: round(points[g].ratio) })),
    };
    line = `vulnerability ratio (features per dimension) per density: ${points.map((q, g) => `${perDensity(g)}: ${q.ratio.toFixed(2)} (${q.perDim.toFixed(2)})`).join(' · ')}`;
  }
  return { figures, summary, line };
}

async function render(p: Preset, { quick }: RenderOptions, log: (s: string) => void): Promise<PresetFigures> {
  const state = presetValues(BEYOND_PARAMS, p);
  const id = state.variant;
  const full = beyondRun.beyondPreset(id, state.seed);
  const limit = beyondRun.beyondSteps(id, state.steps);
  const steps = quick ? Math.min(limit, QUICK_BEYOND.steps[id]) : limit;
  const batchSize = quick && id === 'abs-sweep' ? QUICK_BEYOND.absSweepBatch : full.config.batchSize;
  const preset: VariantPreset =
    batchSize === full.config.batchSize ? full : { ...full, config: { ...full.config, batchSize } };
  const { config, densities, seeds } = preset;
  const { n, m } = config;
  const untied = config.kind === 'abs' || config.untied === true;

  const { state: trained, seconds } = await train(preset, steps, log);
  const step = trained.step;
  // As the page once training is done: the lowest evaluation loss per density (one seed: itself).
  const best = beyondRun.pickBest(preset, trained, true);
  const shown: ShownModel[] = best.map((j, g) => ({
    density: densities[g],
    index: j,
    seed: config.instances[j].seed,
    loss: trained.loss[j],
  }));

  const described =
    `n=${n}, m=${m}, ${config.kind}${config.featureSets?.length ? `, ${config.featureSets.length} ${config.featureSets[0].kind} sets` : ''}, ` +
    `1−S ∈ {${densities.map(fmtDensity).join(', ')}}, ${seeds} seed${seeds === 1 ? '' : 's'} per density from seed ${state.seed}, best per density shown`;
  const quickNote = quick
    ? ` (quick run: ${fmtCount(step)} of ${fmtCount(limit)} steps trained${batchSize !== full.config.batchSize ? `, batch ${batchSize} instead of ${full.config.batchSize}` : ''})`
    : '';
  const metaConfig = {
    preset: p.id,
    ...state,
    steps: limit,
    quick,
    trainedSteps: step,
    batchSize,
    step,
    best: shown.map((s) => s.seed),
  };
  const meta = (g?: number): ExportMeta => ({
    description: `${p.title}: ${described}${g === undefined ? '' : `; this chart ${beyondRun.densityLabel(densities[g])}, seed ${shown[g].seed}`}, step ${step}${quickNote}`,
    config: g === undefined ? metaConfig : { ...metaConfig, density: densities[g], shownSeed: shown[g].seed },
  });

  const { figures, summary, line } = experimentFigures(id, preset, trained, best, shown, meta);
  log(`  step ${step} in ${seconds.toFixed(1)} s: ${line}`);

  const json: BeyondFiguresJson = {
    format: BEYOND_FIGURES_FORMAT,
    preset: p.id,
    experiment: id,
    title: preset.title,
    quick,
    config: {
      n,
      m,
      kind: config.kind,
      untied,
      batchSize,
      optimizer: config.optimizer,
      featureSets: config.featureSets ?? [],
      densities,
      seeds,
      firstSeed: state.seed,
      steps: limit,
      trainedSteps: step,
    },
    layout: 'W1[i][k]: feature i → neuron k; W2[i][k]: neuron k → output i (untied models only; tied: W2 = W1)',
    instances: config.instances.map((inst, j) => {
      const w = instanceParams(config, trained.W, trained.b, j);
      return {
        density: densities[Math.floor(j / seeds)],
        seed: inst.seed,
        loss: round(trained.loss[j]),
        W1: weightRows(w.W1, n, m),
        ...(untied ? { W2: weightRows(w.W2, n, m) } : {}),
        b: Array.from(w.b),
      };
    }),
    best,
    summary,
    run: {
      path: 'js',
      seconds: Number(seconds.toFixed(2)),
      stepsPerSecond: Number((step / Math.max(1e-3, seconds)).toFixed(1)),
    },
  };
  return { figures, json, steps: step };
}

export const figures: FiguresModule = {
  render,
  quick: `${Math.min(...Object.values(QUICK_BEYOND.steps))}–${Math.max(...Object.values(QUICK_BEYOND.steps))} steps per experiment (abs sweep at batch ${QUICK_BEYOND.absSweepBatch})`,
};

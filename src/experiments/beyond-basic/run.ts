/**
 * What "Beyond the basic model" trains and computes, without React or CSS, so that the page
 * (Section.tsx) and the headless figures (figures.ts) build the same runs, pick
 * the same best seeds and draw the same charts from the same numbers.
 */
import type { GramHeatmapProps } from '../../charts/GramHeatmap';
import type { LineChartProps, LinePoint } from '../../charts/LineChart';
import type { NeuronStackChartProps } from '../../charts/NeuronStackChart';
import type { SetGeometry2DProps } from '../../charts/SetGeometry2D';
import type { WeightMatrixChartProps } from '../../charts/WeightMatrixChart';
import type { TrainConfig } from '../../model/config';
import { fmtDensity, fmtLoss } from '../../model/format';
import { frobeniusSquared, gram } from '../../model/metrics';
import { adversarialVulnerability } from '../../model/variants/adversarial';
import {
  countNeurons,
  findAsymmetricMotifs,
  neuronStacks,
  setGeometry,
  type AsymmetricMotif,
  type NeuronStack,
  type NeuronStatus,
} from '../../model/variants/analysis';
import { setIndexOfFeature } from '../../model/variants/correlated-data';
import { instanceParams } from '../../model/variants/model';
import {
  absNoSuperposition,
  absSweep,
  adversarialSweep,
  anticorrelatedPairs,
  bestPerGroup,
  correlatedPairs,
  localOrthogonalBases,
  privilegedBasis,
  threeCorrelatedPairs,
  type VariantPreset,
} from '../../model/variants/presets';
import type { Snapshot } from '../../worker/protocol';
import type { BeyondVariantId } from './params';

const FACTORIES: Record<BeyondVariantId, () => VariantPreset> = {
  'correlated-pairs': () => correlatedPairs(),
  'anticorrelated-pairs': () => anticorrelatedPairs(),
  'three-correlated-pairs': () => threeCorrelatedPairs(),
  'local-orthogonal-bases': () => localOrthogonalBases(),
  'privileged-basis': () => privilegedBasis(),
  'abs-dense': () => absNoSuperposition(),
  'abs-sweep': () => absSweep(),
  adversarial: () => adversarialSweep(),
};

/** Inputs per adversarial evaluation (≈ 0.15 s per model on the main thread, measured in Node). */
export const ADVERSARIAL_SAMPLES = 1000;

/** The preset with its seeds shifted so the first one is `seed0`. */
export function beyondPreset(id: BeyondVariantId, seed0 = 1): VariantPreset {
  const p = FACTORIES[id]();
  if (seed0 === 1) return p;
  return {
    ...p,
    config: { ...p.config, instances: p.config.instances.map((inst) => ({ ...inst, seed: inst.seed + seed0 - 1 })) },
  };
}

/**
 * The step limit actually used for a preset: the reader's choice, for every preset (the abs sweep
 * too: the page states its cost instead of capping it). Kept as the one place that decides it.
 */
export function beyondSteps(_id: BeyondVariantId, steps: number): number {
  return steps;
}

// ---------------------------------------------------------------------------------------------
// Analyses and chart props behind the views

/** A run's batched weights and last minibatch losses (a Snapshot or a TrainerState). */
export type BeyondWeights = Pick<Snapshot, 'W' | 'b' | 'loss'>;

/** Within-set angles of instance j in whole degrees, as SetsView captions them (a dropped member has none). */
export function setAngles(config: TrainConfig, weights: BeyondWeights, j: number): number[] {
  const p = instanceParams(config, weights.W, weights.b, j);
  return setGeometry(p.W1, config.m, config.featureSets ?? []).flatMap((s) =>
    s.angles.map((a) => Math.round(a.degrees)),
  );
}

/** SetsView's hidden-plane chart of the best model j of density group g. */
export function setGeometryProps(
  preset: VariantPreset,
  weights: BeyondWeights,
  j: number,
  g: number,
): SetGeometry2DProps {
  const { config } = preset;
  return {
    W: instanceParams(config, weights.W, weights.b, j).W1,
    n: config.n,
    setOf: setIndexOfFeature(config.n, config.featureSets ?? []),
    size: 190,
    note: `loss ${fmtLoss(weights.loss[j], 2)}`,
    title: `${preset.title}, ${densityLabel(preset.densities[g])}`,
  };
}

export interface LocalBasesAnalysis {
  /** Per set: mean |angle − 90°| over its represented member pairs (NaN when there is none). */
  sets: { set: number; meanDeviation: number; pairs: number }[];
  /** The WᵀW chart. */
  chart: GramHeatmapProps;
}

/** LocalBasesView: WᵀW and bias, and how close each set is to an orthogonal basis. */
export function localBasesAnalysis(preset: VariantPreset, weights: BeyondWeights, j: number): LocalBasesAnalysis {
  const { config } = preset;
  const p = instanceParams(config, weights.W, weights.b, j);
  const sets = setGeometry(p.W1, config.m, config.featureSets ?? []).map((s) => ({
    set: s.set,
    meanDeviation: s.angles.length ? s.angles.reduce((a, x) => a + Math.abs(x.degrees - 90), 0) / s.angles.length : NaN,
    pairs: s.angles.length,
  }));
  return {
    sets,
    chart: { gram: gram(p.W1, config.n, config.m), bias: p.b, n: config.n, size: 300, title: `WᵀW, ${preset.title}` },
  };
}

export interface PrivilegedAnalysis {
  counts: Record<NeuronStatus, number>;
  /** The neuron stack plot. */
  stacks: NeuronStackChartProps;
  /** W as a matrix, rows in the stack plot's neuron order. */
  matrix: WeightMatrixChartProps;
}

/**
 * PrivilegedView for every density's best model: neuron stacks (inputs are non-negative), W as a
 * matrix and the counts. Each matrix has its own colour scale, as each stack plot has its own axis:
 * the sparse models' weights reach ~3.5 and would wash out the dense ones (~1) on a shared scale.
 */
export function privilegedAnalyses(
  preset: VariantPreset,
  weights: BeyondWeights,
  best: readonly number[],
): PrivilegedAnalysis[] {
  const { config } = preset;
  return best.map((j, g) => {
    const p = instanceParams(config, weights.W, weights.b, j);
    const columns = neuronStacks(p.W1, config.n, config.m, { nonNegativeInputs: true });
    const label = densityLabel(preset.densities[g]);
    return {
      counts: countNeurons(columns),
      stacks: { columns, n: config.n, width: 220, height: 200, title: `Neuron stacks, ${preset.title}, ${label}` },
      matrix: {
        W: p.W1,
        n: config.n,
        m: config.m,
        rowOrder: columns.map((c) => c.neuron),
        title: `W as a matrix, ${preset.title}, ${label}`,
      },
    };
  });
}

export interface AbsAnalysis {
  counts: Record<NeuronStatus, number>;
  motifs: AsymmetricMotif[];
  /** Features computed by a ReLU(x) / ReLU(−x) pair of monosemantic neurons. */
  pairs: number;
  /** The rescaled neuron stack plot, motif neurons outlined. */
  stacks: NeuronStackChartProps;
}

/**
 * AbsView: the untied abs model j (density group g): rescaled neuron stacks, counts and asymmetric-superposition
 * motifs.
 */
export function absAnalysis(preset: VariantPreset, weights: BeyondWeights, j: number, g: number): AbsAnalysis {
  const { config } = preset;
  const big = config.n > 10;
  const p = instanceParams(config, weights.W, weights.b, j);
  const columns = neuronStacks(p.W1, config.n, config.m, { W2: p.W2 });
  const motifs = findAsymmetricMotifs(p.W1, p.W2, config.n, config.m);
  return {
    counts: countNeurons(columns),
    motifs,
    pairs: featurePairs(columns),
    stacks: {
      columns,
      n: config.n,
      highlight: [...new Set(motifs.map((m) => m.neuron))],
      width: big ? 520 : 240,
      height: big ? 240 : 200,
      yLabel: 'input weight (rescaled)',
      title: `Neuron stacks, ${preset.title}, ${densityLabel(preset.densities[g])}`,
    },
  };
}

/** Features computed by a ReLU(x) / ReLU(−x) pair of monosemantic neurons. */
function featurePairs(stacks: readonly NeuronStack[]): number {
  const pos = new Set<number>();
  const neg = new Set<number>();
  for (const s of stacks) if (s.status === 'monosemantic') (s.primarySign > 0 ? pos : neg).add(s.primary);
  return [...pos].filter((f) => neg.has(f)).length;
}

export interface AdvPoint {
  density: number;
  perDim: number;
  ratio: number;
}

/**
 * The analytic attack on the best model j of density group g (ADVERSARIAL_SAMPLES inputs), as AdversarialView runs it.
 */
export function adversarialPoint(preset: VariantPreset, weights: BeyondWeights, j: number, g: number): AdvPoint {
  const { config } = preset;
  const p = instanceParams(config, weights.W, weights.b, j);
  const v = adversarialVulnerability(config, config.instances[j], p, { samples: ADVERSARIAL_SAMPLES });
  return { density: preset.densities[g], perDim: frobeniusSquared(p.W1) / config.m, ratio: v.ratio };
}

const finitePts = (pts: LinePoint[]) => pts.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y) && q.x > 0);

/** The adversarial view's live chart: ‖W‖_F² / m of each density's best model against density. */
export function perDimensionChartProps(
  preset: VariantPreset,
  weights: BeyondWeights,
  best: readonly number[],
): LineChartProps {
  const { config } = preset;
  const points = finitePts(
    best.map((j, g) => ({
      x: preset.densities[g],
      y: frobeniusSquared(instanceParams(config, weights.W, weights.b, j).W1) / config.m,
    })),
  );
  return {
    series: [{ name: '‖W‖_F² / m', points, color: '#4477AA', markers: true }],
    xLabel: 'density 1 − S',
    yLabel: 'features per dimension',
    xScale: 'log',
    title: 'Features per dimension vs density',
    chart: 'beyond-perdim',
    width: 380,
    height: 240,
  };
}

/** The vulnerability ratio against density ('density') or against features per dimension ('perdim'). */
export function vulnerabilityChartProps(points: readonly AdvPoint[], against: 'density' | 'perdim'): LineChartProps {
  const common = {
    yLabel: 'vulnerability ratio',
    references: [{ axis: 'y' as const, value: 1, label: 'baseline' }],
    width: 380,
    height: 240,
  };
  if (against === 'density') {
    return {
      ...common,
      series: [
        {
          name: 'vulnerability ratio',
          points: finitePts(points.map((q) => ({ x: q.density, y: q.ratio }))),
          color: '#EE6677',
          markers: true,
        },
      ],
      xLabel: 'density 1 − S',
      xScale: 'log',
      title: 'Adversarial vulnerability ratio vs density',
      chart: 'beyond-vuln-density',
    };
  }
  return {
    ...common,
    series: [
      {
        name: 'vulnerability ratio',
        points: finitePts([...points].sort((a, b) => a.perDim - b.perDim).map((q) => ({ x: q.perDim, y: q.ratio }))),
        color: '#228833',
        markers: true,
      },
    ],
    xLabel: 'features per dimension ‖W‖_F² / m',
    title: 'Adversarial vulnerability ratio vs features per dimension',
    chart: 'beyond-vuln-perdim',
  };
}

export function densityLabel(d: number): string {
  return `1 − S = ${fmtDensity(d)}`;
}

/**
 * Best instance per density group. One seed: nothing to choose. While training, the lowest
 * minibatch loss (cheap); once paused or done, the lowest evaluation loss (bestPerGroup).
 */
export function pickBest(preset: VariantPreset, snap: Pick<Snapshot, 'W' | 'b' | 'loss'>, settled: boolean): number[] {
  const groups = preset.config.instances.length / preset.seeds;
  if (preset.seeds === 1) return Array.from({ length: groups }, (_, g) => g);
  if (settled) return bestPerGroup(preset, snap.W, snap.b, { samples: 4000 });
  return Array.from({ length: groups }, (_, g) => {
    let k = g * preset.seeds;
    for (let j = k + 1; j < (g + 1) * preset.seeds; j++)
      if (Number.isFinite(snap.loss[j]) && (!Number.isFinite(snap.loss[k]) || snap.loss[j] < snap.loss[k])) k = j;
    return k;
  });
}

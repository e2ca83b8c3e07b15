/**
 * The numbers behind the model charts, as tables (ChartFigure's Table button): WᵀW and the bias,
 * feature norms, feature vectors, weight matrices, neuron stacks, the phase diagram, the geometry
 * sweep's charts and the perturbed pentagon. Each builder takes the props its chart is given (W is
 * feature-major [n, m], as everywhere in the project), so the table holds what the chart draws.
 */
import { FACTOR_NAMES, canonicalise2D, featureGeometryGraph, type GeometryAnalysis } from '../model/geometry';
import type { ChartTable } from './ChartFigure';
import type { DimensionalityScatterProps } from './DimensionalityScatter';
import type { DimsPerFeatureChartProps } from './DimsPerFeatureChart';
import type { FeatureNormBarsProps } from './FeatureNormBars';
import type { GramHeatmapProps } from './GramHeatmap';
import type { NeuronStackChartProps } from './NeuronStackChart';
import type { PentagonLossChartProps, PentagonStripProps } from './PentagonCharts';
import { SOLUTION_LABELS } from './PentagonCharts';
import type { PhaseDiagramChartProps } from './PhaseDiagramChart';
import type { PolytopeGalleryProps } from './PolytopeGallery';
import { POLYTOPE_LABELS } from './polytopes';
import { FULL_MATRIX_COLUMNS, MISSING } from './tables';
import { PHASE_LABELS } from './theme';

const features = (n: number) => Array.from({ length: Math.max(0, n) }, (_, i) => i);

/**
 * WᵀW and the bias: the whole matrix (row i: W_i · W_j for every j, then b_i) up to
 * FULL_MATRIX_COLUMNS features; beyond, per feature its diagonal ‖W_i‖², its largest off-diagonal
 * |W_i · W_j| (and that j) and b_i.
 */
export function gramTable({ gram, bias, n }: Pick<GramHeatmapProps, 'gram' | 'bias' | 'n'>): ChartTable | null {
  if (n <= 0 || gram.length < n * n) return null;
  const G = (i: number, j: number) => gram[i * n + j];
  const b = (i: number) => (i < bias.length ? bias[i] : MISSING);
  if (n <= FULL_MATRIX_COLUMNS) {
    return {
      columns: ['feature i', ...features(n).map((j) => `Wᵢ·W${j}`), 'bias bᵢ'],
      rows: features(n).map((i) => [i, ...features(n).map((j) => G(i, j)), b(i)]),
    };
  }
  return {
    columns: ['feature i', '‖Wᵢ‖² (diagonal)', 'largest |Wᵢ·Wⱼ|, j ≠ i', 'at j', 'bias bᵢ'],
    rows: features(n).map((i) => {
      let at = i === 0 ? 1 : 0;
      for (let j = 0; j < n; j++) if (j !== i && Math.abs(G(i, j)) > Math.abs(G(i, at))) at = j;
      return [i, G(i, i), Math.abs(G(i, at)), at, b(i)];
    }),
  };
}

/** Feature norms: ‖W_i‖ and Σ_{j≠i}(Ŵ_i·W_j)² per feature (and a pinned model's ‖W_i‖). */
export function featureNormsTable({
  norms,
  superposition,
  n,
  ghost,
}: Pick<FeatureNormBarsProps, 'norms' | 'superposition' | 'n' | 'ghost'>): ChartTable | null {
  if (n <= 0 || norms.length < n) return null;
  return {
    columns: ['feature i', '‖Wᵢ‖', 'superposition Σⱼ≠ᵢ(Ŵᵢ·Wⱼ)²', ...(ghost ? ['pinned ‖Wᵢ‖'] : [])],
    rows: features(n).map((i) => [
      i,
      norms[i],
      superposition[i] ?? MISSING,
      ...(ghost ? [i < ghost.length ? ghost[i] : MISSING] : []),
    ]),
  };
}

export interface VectorsTableOptions {
  /** A name per vector (default: its index). */
  labels?: readonly string[];
  /** Extra columns: a header and one value per vector (e.g. importance, the set a feature is in). */
  extra?: readonly { name: string; values: ArrayLike<number | string> }[];
}

/** Feature vectors (W_i, feature-major [n, m]): each one's coordinates and length. */
export function vectorsTable(W: ArrayLike<number>, n: number, m: number, opts: VectorsTableOptions = {}) {
  if (n <= 0 || m <= 0 || W.length < n * m) return null;
  const extra = opts.extra ?? [];
  return {
    columns: ['feature i', ...features(m).map((k) => `Wᵢ,${k}`), '‖Wᵢ‖', ...extra.map((e) => e.name)],
    rows: features(n).map((i) => {
      const v = features(m).map((k) => W[i * m + k]);
      return [opts.labels?.[i] ?? i, ...v, Math.hypot(...v), ...extra.map((e) => e.values[i] ?? MISSING)];
    }),
  } satisfies ChartTable;
}

/** W as a matrix, neurons (rows, in the drawn order) by features. */
export function weightMatrixTable({
  W,
  n,
  m,
  rowOrder,
}: {
  W: ArrayLike<number>;
  n: number;
  m: number;
  rowOrder?: readonly number[];
}): ChartTable | null {
  if (n <= 0 || m <= 0 || W.length < n * m) return null;
  const order = rowOrder && rowOrder.length === m ? rowOrder : features(m);
  return {
    columns: ['neuron k', ...features(n).map((i) => `W${i},k`)],
    rows: order.map((k) => [k, ...features(n).map((i) => W[i * m + k])]),
  };
}

/** Neuron stacks: one row per neuron and feature it stacks (its weight), with the neuron's status. */
export function neuronStackTable({ columns }: Pick<NeuronStackChartProps, 'columns'>): ChartTable | null {
  if (!columns.length) return null;
  return {
    columns: ['neuron', 'status', 'feature', 'weight'],
    rows: columns.flatMap((c) =>
      c.segments.length
        ? c.segments.map((s) => [c.neuron, c.status ?? '', s.feature, s.weight])
        : [[c.neuron, c.status ?? '', MISSING, MISSING]],
    ),
  };
}

/** Phase diagram: every cell's r, density and phase (and the reference's phase where one is given). */
export function phaseDiagramTable({
  rValues,
  densityValues,
  phases,
  reference,
}: Pick<PhaseDiagramChartProps, 'rValues' | 'densityValues' | 'phases' | 'reference'>): ChartTable | null {
  const cols = rValues.length;
  const cells = cols * densityValues.length;
  if (!cells) return null;
  const label = (p: (typeof phases)[number] | undefined) => (p ? PHASE_LABELS[p] : 'not trained yet');
  return {
    columns: ['cell', 'r', 'density 1 − S', 'phase', ...(reference ? ['theory', 'agrees'] : [])],
    rows: Array.from({ length: cells }, (_, c) => [
      c,
      rValues[c % cols],
      densityValues[Math.floor(c / cols)],
      label(phases[c]),
      ...(reference ? [label(reference[c]), phases[c] ? (phases[c] === reference[c] ? 'yes' : 'no') : MISSING] : []),
    ]),
  };
}

/** Dimensions per feature: each model's 1/(1 − S) and m/‖W‖²_F. */
export function dimsPerFeatureTable({ points }: Pick<DimsPerFeatureChartProps, 'points'>): ChartTable | null {
  if (!points.length) return null;
  return {
    columns: ['model', '1/(1 − S)', 'dimensions per feature m/‖W‖²_F'],
    rows: points.map((p, j) => [j, p.invDensity, p.dimensionsPerFeature]),
  };
}

/** Feature dimensionalities: every feature of every model (its model's 1/(1 − S) and D_i). */
export function dimensionalityTable({ models }: Pick<DimensionalityScatterProps, 'models'>): ChartTable | null {
  if (!models.length) return null;
  return {
    columns: ['model', '1/(1 − S)', 'feature i', 'dimensionality Dᵢ'],
    rows: models.flatMap((p, j) =>
      Array.from(p.dimensionalities, (d, i) => [j, p.invDensity, i, d] as (string | number)[]),
    ),
  };
}

/** The feature geometry graph: its edges |W_i · W_j| between learned features, and the isolated nodes. */
export function geometryGraphTable({
  W,
  n,
  m,
  analysis,
}: {
  W: Float32Array;
  n: number;
  m: number;
  analysis?: GeometryAnalysis;
}): ChartTable | null {
  if (n <= 0 || W.length < n * m) return null;
  const graph = analysis?.graph ?? featureGeometryGraph(W, n, m);
  const linked = new Set(graph.edges.flatMap((e) => [e.i, e.j]));
  const columns = ['feature i', 'feature j', '|Wᵢ·Wⱼ|'];
  if (!graph.nodes.length) return { columns, rows: [['none learned (every ‖Wᵢ‖ ≤ 0.5)', MISSING, MISSING]] };
  return {
    columns,
    rows: [
      ...graph.edges.map((e) => [e.i, e.j, e.weight]),
      ...graph.nodes.filter((i) => !linked.has(i)).map((i) => [i, 'none (isolated)', MISSING]),
    ],
  };
}

/** Polytope gallery: each polytope's number of tegum factors and their features. */
export function polytopeTable({ counts, features: of }: Pick<PolytopeGalleryProps, 'counts' | 'features'>) {
  return {
    columns: ['polytope', 'factors', 'features'],
    rows: FACTOR_NAMES.map((name) => [POLYTOPE_LABELS[name], counts[name] ?? 0, of?.[name]?.join(', ') ?? '']),
  } satisfies ChartTable;
}

/** The perturbed pentagon's strip: at each relative density, the kept solution's (canonicalised) vectors. */
export function pentagonStripTable({
  relativeDensities,
  solutions,
  types,
  sources,
}: Pick<PentagonStripProps, 'relativeDensities' | 'solutions' | 'types' | 'sources'>): ChartTable | null {
  if (!solutions.some((W) => W)) return null;
  return {
    columns: ['relative density', 'solution', 'from', 'feature i', 'x', 'y', '‖Wᵢ‖'],
    rows: relativeDensities.flatMap((rel, r) => {
      const W = solutions[r];
      const type = types?.[r];
      const head = [rel, type ? SOLUTION_LABELS[type] : MISSING, sources?.[r] ?? ''];
      if (!W) return [[...head, MISSING, MISSING, MISSING, MISSING]];
      const c = canonicalise2D(W, 5);
      return features(5).map((i) => [...head, i, c[2 * i], c[2 * i + 1], Math.hypot(c[2 * i], c[2 * i + 1])]);
    }),
  };
}

/** The perturbed pentagon's loss curves: per relative density, both solutions' losses and the best fit's. */
export function pentagonLossTable({
  relativeDensities,
  pentagon,
  digons,
  fits,
}: Pick<PentagonLossChartProps, 'relativeDensities' | 'pentagon' | 'digons' | 'fits'>): ChartTable | null {
  if (!relativeDensities.length) return null;
  const or = (v: number | null | undefined) => v ?? MISSING;
  return {
    columns: ['relative density', 'pentagon loss', 'two digons loss', 'best random fit loss', 'best fit'],
    rows: relativeDensities.map((rel, r) => {
      const fit = fits?.[r];
      return [rel, or(pentagon[r]), or(digons[r]), or(fit?.loss), fit ? SOLUTION_LABELS[fit.type] : MISSING];
    }),
  };
}

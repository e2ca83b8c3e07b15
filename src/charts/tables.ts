/**
 * The numbers behind the generic charts, as tables (a chart's text alternative, ChartFigure's Table
 * button): each builder takes the props the chart is given, so the table holds what it draws. Long
 * series (loss curves, Q–Q points) are thinned to at most MAX_TABLE_ROWS rows, first and last kept.
 */
import type { BarChartProps } from './BarChart';
import type { ChartTable } from './ChartFigure';
import type { CosineMatrixProps } from './CosineMatrix';
import type { DirectionArrows2DProps } from './DirectionArrows2D';
import type { DynamicsChartProps } from './DynamicsChart';
import type { HistogramChartProps } from './HistogramChart';
import type { LineChartProps, LinePoint } from './LineChart';
import type { LossCurveProps } from './LossCurve';
import type { QQPlotProps } from './QQPlot';
import type { StackedBarChartProps } from './StackedBarChart';
import type { VectorSum2DProps } from './VectorSum2D';

/** The most rows a thinned series keeps. */
export const MAX_TABLE_ROWS = 200;

/** A cell for a value that is missing (not trained yet, dropped). */
export const MISSING = '—';

/** Indices 0 … count − 1, evenly thinned to at most `max` (the first and the last always kept). */
export function thinIndices(count: number, max = MAX_TABLE_ROWS): number[] {
  const n = Math.max(0, Math.floor(count));
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const keep = Math.max(2, Math.floor(max));
  const out: number[] = [];
  for (let k = 0; k < keep; k++) {
    const i = Math.round((k * (n - 1)) / (keep - 1));
    if (out.at(-1) !== i) out.push(i);
  }
  return out;
}

const cell = (v: number | null | undefined): number | string => (v === null || v === undefined ? MISSING : v);

/** Loss curve: step and loss, thinned. */
export function lossCurveTable({ steps, losses }: Pick<LossCurveProps, 'steps' | 'losses'>): ChartTable | null {
  const count = Math.min(steps.length, losses.length);
  if (count === 0) return null;
  return { columns: ['step', 'loss'], rows: thinIndices(count).map((i) => [steps[i], losses[i]]) };
}

const sameX = (a: readonly LinePoint[], b: readonly LinePoint[]) =>
  a.length === b.length && a.every((p, i) => p.x === b[i].x);

/**
 * Line chart: one row per x with a column per series when every series has the same x values, else
 * one row per point (series, x, y and the point's label when any has one). Thinned.
 */
export function lineChartTable({ series, xLabel, yLabel }: Pick<LineChartProps, 'series' | 'xLabel' | 'yLabel'>) {
  const drawn = series.filter((s) => s.points.length > 0);
  if (!drawn.length) return null;
  const labelled = drawn.some((s) => s.points.some((p) => p.label));
  if (!labelled && drawn.every((s) => sameX(s.points, drawn[0].points))) {
    return {
      columns: [xLabel, ...drawn.map((s) => s.name)],
      rows: thinIndices(drawn[0].points.length).map((i) => [drawn[0].points[i].x, ...drawn.map((s) => s.points[i].y)]),
    } satisfies ChartTable;
  }
  const per = Math.max(2, Math.floor(MAX_TABLE_ROWS / drawn.length));
  return {
    columns: ['series', xLabel, yLabel, ...(labelled ? ['point'] : [])],
    rows: drawn.flatMap((s) =>
      thinIndices(s.points.length, per).map((i) => {
        const p = s.points[i];
        return [s.name, p.x, p.y, ...(labelled ? [p.label ?? ''] : [])];
      }),
    ),
  } satisfies ChartTable;
}

/** Bar chart: one row per category, a column per series. */
export function barChartTable({ categories, series, xLabel }: Pick<BarChartProps, 'categories' | 'series' | 'xLabel'>) {
  if (!categories.length || !series.length) return null;
  return {
    columns: [xLabel ?? 'category', ...series.map((s) => s.name)],
    rows: categories.map((c, i) => [c, ...series.map((s) => cell(s.values[i]))]),
  } satisfies ChartTable;
}

/** Stacked bars: one row per category, a column per segment and the total the tick marks. */
export function stackedBarTable({
  categories,
  segments,
  totals,
  totalLabel,
  xLabel,
}: Pick<StackedBarChartProps, 'categories' | 'segments' | 'totals' | 'totalLabel' | 'xLabel'>): ChartTable | null {
  if (!categories.length) return null;
  const total = (i: number) => (totals ? totals[i] : segments.reduce((a, s) => a + (s.values[i] ?? 0), 0));
  return {
    columns: [xLabel ?? 'category', ...segments.map((s) => s.name), totalLabel ?? 'total'],
    rows: categories.map((c, i) => [c, ...segments.map((s) => cell(s.values[i])), total(i)]),
  };
}

/** Histogram: each bin's edges and height (and the fitted curve's value at its centre). */
export function histogramTable({
  edges,
  density,
  curve,
  barLabel = 'samples',
  curveLabel = 'fitted normal',
  xLabel,
}: Pick<HistogramChartProps, 'edges' | 'density' | 'curve' | 'barLabel' | 'curveLabel' | 'xLabel'>): ChartTable | null {
  const bins = Math.max(0, Math.min(density.length, edges.length - 1));
  if (!bins) return null;
  return {
    columns: [`${xLabel} from`, 'to', barLabel, ...(curve ? [curveLabel] : [])],
    rows: Array.from({ length: bins }, (_, i) => [edges[i], edges[i + 1], density[i], ...(curve ? [curve[i]] : [])]),
  };
}

/** Q–Q plot: the quantile pairs, thinned. */
export function qqTable({
  theoretical,
  sample,
  xLabel = 'normal quantile',
  yLabel = 'sample quantile (standardised)',
}: QQPlotProps): ChartTable | null {
  const count = Math.min(theoretical.length, sample.length);
  if (!count) return null;
  return { columns: [xLabel, yLabel], rows: thinIndices(count).map((q) => [theoretical[q], sample[q]]) };
}

/** Matrices up to this many columns are tabled whole; wider ones by row (the closest column). */
export const FULL_MATRIX_COLUMNS = 20;

/**
 * |cos| matrix: rows by columns in the drawn column order, or, for wide matrices, each row's closest
 * column, its |cos| and how many columns reach the outline threshold.
 */
export function cosineTable({
  values,
  rows,
  cols,
  colOrder,
  rowLabels,
  colLabels,
  rowTitle = 'features',
  colTitle = 'atoms',
  threshold = 0.9,
}: CosineMatrixProps): ChartTable | null {
  if (rows <= 0 || cols <= 0) return null;
  const order = colOrder && colOrder.length === cols ? colOrder : Array.from({ length: cols }, (_, j) => j);
  const rowName = (r: number) => rowLabels?.[r] ?? String(r);
  const colName = (j: number) => colLabels?.[j] ?? String(j);
  const abs = (r: number, j: number) => Math.abs(values[r * cols + j]);
  const rowIds = Array.from({ length: rows }, (_, r) => r);
  if (cols <= FULL_MATRIX_COLUMNS) {
    return {
      columns: [`${rowTitle} \\ ${colTitle}`, ...order.map((j) => `|cos| ${colName(j)}`)],
      rows: rowIds.map((r) => [rowName(r), ...order.map((j) => abs(r, j))]),
    };
  }
  const t = threshold ?? 1;
  return {
    columns: [rowTitle, `closest of the ${colTitle}`, '|cos|', `${colTitle} at |cos| ≥ ${t}`],
    rows: rowIds.map((r) => {
      let best = order[0];
      for (const j of order) if (abs(r, j) > abs(r, best)) best = j;
      return [rowName(r), colName(best), abs(r, best), order.filter((j) => abs(r, j) >= t).length];
    }),
  };
}

/** Arrows in the plane: one row per vector of each set (its label, coordinates and length). */
export function arrowsTable({ sets }: Pick<DirectionArrows2DProps, 'sets'>): ChartTable | null {
  const rows = sets.flatMap((s) =>
    Array.from({ length: Math.floor(s.vectors.length / 2) }, (_, i) => {
      const [x, y] = [s.vectors[2 * i], s.vectors[2 * i + 1]];
      return [s.name, s.labels?.[i] ?? String(i), x, y, Math.hypot(x, y)];
    }),
  );
  return rows.length ? { columns: ['set', 'vector', 'x', 'y', 'length'], rows } : null;
}

/** A sum of vectors tip to tail: each term and the sum. */
export function vectorSumTable({ terms, sumLabel = 'sum' }: Pick<VectorSum2DProps, 'terms' | 'sumLabel'>) {
  if (!terms.length) return null;
  const sum = terms.reduce<[number, number]>((a, t) => [a[0] + t.vector[0], a[1] + t.vector[1]], [0, 0]);
  return {
    columns: ['term', 'x', 'y'],
    rows: [...terms.map((t) => [t.label, t.vector[0], t.vector[1]]), [sumLabel, sum[0], sum[1]]],
  } satisfies ChartTable;
}

/** Learning dynamics: each recorded step's loss and every feature's D_i, thinned. */
export function dynamicsTable({
  steps,
  dimensionalities,
  losses,
  n,
}: Pick<DynamicsChartProps, 'steps' | 'dimensionalities' | 'losses' | 'n'>): ChartTable | null {
  const count = Math.min(steps.length, dimensionalities.length, losses.length);
  if (!count) return null;
  return {
    columns: ['step', 'loss', ...Array.from({ length: n }, (_, i) => `D${i}`)],
    rows: thinIndices(count).map((t) => [
      steps[t],
      losses[t],
      ...Array.from({ length: n }, (_, i) => cell(dimensionalities[t][i])),
    ]),
  };
}

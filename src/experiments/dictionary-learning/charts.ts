/**
 * What "Dictionary learning finds the features again" draws, as the props of its charts and their export metadata:
 * the section (Results.tsx) and the headless figures (figures.ts) both build them here, so the two cannot drift.
 */
import type { CosineMatrixProps } from '../../charts/CosineMatrix';
import type { DirectionArrows2DProps } from '../../charts/DirectionArrows2D';
import type { ExportMeta } from '../../charts/export';
import type { LineChartProps, LinePoint } from '../../charts/LineChart';
import { HIGHLIGHT_COLOR } from '../../charts/palette';
import { LINE_COLOR, importanceColor } from '../../charts/theme';
import { fmtDensity } from '../../model/format';
import type { FootnoteModel } from '../shared/footnote-model';
import type { dictionarySettings } from './params';
import type { DictionaryCurvesResult, DictionaryResult } from './run';

/** What each chart shows, as its export metadata says it. */
export const DICTIONARY_CHARTS = Object.freeze({
  atoms: 'Atoms over features',
  cosines: '|cos| matrix',
  byDensity: 'Recovery against density',
  byRatio: 'Recovery against k/n',
});

/** The metadata of every chart of a run: the model, k, λ and the data density, and what the chart shows. */
export function dictionaryMeta(
  model: Pick<FootnoteModel, 'label' | 'step'> | null,
  { k, lambda, density }: Pick<ReturnType<typeof dictionarySettings>, 'k' | 'lambda' | 'density'>,
): (what: string) => ExportMeta {
  return (what) => ({
    description: `${what}: dictionary learning on ${model?.label ?? 'no model'} (step ${model?.step ?? 0}), k = ${k}, λ = ${lambda}·RMS‖h‖, 1−S = ${fmtDensity(density)}`,
    config: { model: model?.label, step: model?.step, k, relativeLambda: lambda, density },
  });
}

/** The learned atoms (dashed) over the represented features' directions (drawn only for m = 2). */
export function atomsChartProps(r: DictionaryResult): DirectionArrows2DProps {
  return {
    sets: [
      {
        name: 'feature directions Ŵᵢ',
        vectors: r.directions,
        color: importanceColor(0.6),
        labels: r.represented.map(String),
        strokeWidth: 2.5,
      },
      { name: 'learned atoms', vectors: r.atoms, color: HIGHLIGHT_COLOR, dashed: true, strokeWidth: 1.5 },
    ],
    title: 'Learned atoms over the true feature directions',
  };
}

/** |cos| of every represented feature with every atom, the atoms matched one-to-one first. */
export function cosineMatrixProps(r: DictionaryResult): CosineMatrixProps {
  return {
    values: r.cos,
    rows: r.represented.length,
    cols: r.k,
    colOrder: r.atomOrder,
    rowLabels: r.represented.map(String),
    colLabels: Array.from({ length: r.k }, (_, j) => `a${j}`),
    rowTitle: 'features',
    colTitle: 'atoms (matched order)',
    threshold: r.threshold,
    size: Math.min(560, 22 * r.k),
    title: '|cos| between true feature directions and learned atoms',
  };
}

/** The recovered fraction against the density of the sampled inputs; ringed: the run's own density. */
export function recoveryByDensityProps(curves: DictionaryCurvesResult, density: number): LineChartProps {
  return recoveryChartProps({
    points: curves.byDensity.map((q) => ({
      x: q.density,
      y: q.fraction,
      highlight: Math.abs(q.density - density) <= 1e-6 * density,
    })),
    xLabel: 'density 1 − S of the sampled inputs',
    title: 'Recovered fraction against data density',
    chart: 'dictionary-by-density',
  });
}

/** The recovered fraction against atoms per feature k/n; ringed: the run's own k/n. */
export function recoveryByRatioProps(curves: DictionaryCurvesResult, kFactor: number): LineChartProps {
  return recoveryChartProps({
    points: curves.byRatio.map((q) => ({ x: q.ratio, y: q.fraction, highlight: q.ratio === kFactor })),
    xTicks: curves.byRatio.map((q) => q.ratio),
    xLabel: 'atoms per feature k/n',
    title: 'Recovered fraction against atoms per feature',
    chart: 'dictionary-by-k',
  });
}

/** The recovered fraction (0–1) against a log-scaled setting. */
function recoveryChartProps({
  points,
  xTicks,
  xLabel,
  title,
  chart,
}: {
  points: LinePoint[];
  xTicks?: number[];
  xLabel: string;
  title: string;
  chart: string;
}): LineChartProps {
  return {
    series: [{ name: 'recovered fraction', color: LINE_COLOR, points }],
    xScale: 'log',
    xTicks,
    xLabel,
    yLabel: 'recovered (|cos| ≥ 0.9)',
    yDomain: [0, 1],
    title,
    chart,
  };
}

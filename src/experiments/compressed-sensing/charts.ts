/**
 * What "The compressed-sensing view" draws, as the props of its charts and their export metadata: the section
 * (Section.tsx) and the headless figures (figures.ts) both build them here, so the two cannot drift.
 */
import type { ExportMeta } from '../../charts/export';
import type { LineChartProps } from '../../charts/LineChart';
import { HIGHLIGHT_COLOR, seriesColor } from '../../charts/palette';
import { LINE_COLOR } from '../../charts/theme';
import type { FootnoteModel } from '../shared/footnote-model';
import type { CsState } from './params';
import type { CompressedSensingCurve } from './run';
import { compressedSensingCurve, sizeColorIndex } from './scale';

type Point = { x: number; y: number };

export function scaleMeta(model: Pick<FootnoteModel, 'label' | 'step'> | null, modelPoint: Point | null): ExportMeta {
  return {
    description: 'Compressed-sensing scale (1−S)·log(1/(1−S)) per feature against 1/(1−S)',
    config: { model: model?.label, step: model?.step, modelPoint },
  };
}

/** The compressed-sensing scale per feature against 1/(1 − S), and the model's own m/‖W‖_F² on it (when it has one). */
export function scaleChartProps(modelPoint: Point | null, curve: Point[] = compressedSensingCurve()): LineChartProps {
  return {
    series: [
      { name: '(1 − S)·ln 1/(1 − S)', color: LINE_COLOR, markers: false, points: curve },
      ...(modelPoint
        ? [
            {
              name: 'trained model: m/‖W‖²_F',
              color: HIGHLIGHT_COLOR,
              line: false,
              points: [{ ...modelPoint, highlight: true }],
            },
          ]
        : []),
    ],
    legend: true,
    xScale: 'log',
    xLabel: '1 / (1 − S)',
    yLabel: 'dimensions per feature',
    yDomain: [0, 1.05],
    title: 'Compressed-sensing scale of dimensions per feature against sparsity',
    chart: 'cs-scale',
  };
}

export function transitionMeta(s: CsState, curves: readonly CompressedSensingCurve[]): ExportMeta {
  return {
    description: `Exact recovery of k-sparse non-negative vectors from m = n/2 Gaussian measurements by L1 minimisation: n = ${curves.map((c) => c.n).join(', ')}`,
    config: {
      ns: s.sizes,
      trialsScale: s.trialsScale,
      curves: curves.map((c) => ({
        n: c.n,
        m: c.m,
        trials: c.trials,
        ratios: c.ratios,
        success: Array.from(c.success),
        width: c.width,
      })),
    },
  };
}

/** The probability of exact recovery against k/m, one line per size, with the 90% and 10% levels. */
export function transitionChartProps(curves: readonly CompressedSensingCurve[]): LineChartProps {
  return {
    series: curves.map((c) => ({
      name: `n = ${c.n} (m = ${c.m})`,
      color: seriesColor(sizeColorIndex(c.n)),
      points: c.ratios.map((x, j) => ({ x, y: c.success[j] })),
    })),
    references: [
      { axis: 'y', value: 0.9, label: '90%' },
      { axis: 'y', value: 0.1, label: '10%' },
    ],
    legend: true,
    xDomain: [0, 1],
    yDomain: [0, 1],
    xLabel: 'non-zeros per measurement k/m',
    yLabel: 'P(exact recovery)',
    title: 'Probability of exact L1 recovery against k/m for several n',
    chart: 'cs-transition',
  };
}

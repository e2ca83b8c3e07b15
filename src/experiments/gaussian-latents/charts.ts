/**
 * What "Many sparse features add up to something Gaussian" draws, as the props of its charts and their export
 * metadata: the section (Section.tsx) and the headless figures (figures.ts) both build them here, so the two cannot
 * drift.
 */
import type { ExportMeta } from '../../charts/export';
import type { HistogramChartProps } from '../../charts/HistogramChart';
import type { LineChartProps } from '../../charts/LineChart';
import { HIGHLIGHT_COLOR, seriesColor } from '../../charts/palette';
import type { QQPlotProps } from '../../charts/QQPlot';
import { LINE_COLOR } from '../../charts/theme';
import { fmtDensity } from '../../model/format';
import { sub } from '../footnotes/claim';
import type { FootnoteModel } from '../shared/footnote-model';
import { GAUSS_RATIOS, gaussianSetting, type GaussianState } from './params';
import type { GaussianResult } from './run';

/** What each chart shows, as its export metadata says it. */
export const GAUSSIAN_CHARTS = Object.freeze({
  histogram: 'Histogram with fitted normal',
  qq: 'Q–Q plot',
  kurtosis: 'Kurtosis curve',
});

/** The metadata of every chart of a result. */
export function gaussianMeta(
  model: Pick<FootnoteModel, 'label' | 'm'> | null,
  s: Pick<GaussianState, 'source' | 'dimension' | 'density' | 'featuresPerDimension'>,
  r: GaussianResult | null,
): (what: string) => ExportMeta {
  const { useModel, dimension } = gaussianSetting(model, s);
  const label = useModel ? model?.label : undefined;
  const source = label ?? `${r?.n ?? s.featuresPerDimension * 8} random unit directions in R^8`;
  return (what) => ({
    description: `${what}: hidden dimension ${r?.dimension ?? dimension} of ${source}, 1−S = ${fmtDensity(s.density)}, ${r?.samples ?? 0} samples`,
    config: {
      source: useModel ? 'model' : 'random',
      model: label,
      featuresPerDimension: r?.featuresPerDimension,
      density: s.density,
      dimension: r?.dimension,
      excessKurtosis: r?.excessKurtosis,
    },
  });
}

/** Mean excess kurtosis over the hidden dimensions. */
export const meanKurtosis = (r: GaussianResult) =>
  Array.from(r.perDimension).reduce((s, v) => s + v, 0) / r.perDimension.length;

/** The samples of the chosen hidden dimension as a density, with the moment-matched normal. */
export function histogramProps(r: GaussianResult, logY: boolean): HistogramChartProps {
  return {
    edges: r.edges,
    density: r.density,
    curve: r.normalDensity,
    barLabel: `h${sub(r.dimension)} samples`,
    curveLabel: 'fitted normal',
    xLabel: `h${sub(r.dimension)}`,
    logY,
    title: `Histogram of hidden activation h${sub(r.dimension)} with the fitted normal`,
  };
}

export function qqProps(r: GaussianResult): QQPlotProps {
  return { theoretical: r.qqTheoretical, sample: r.qqSample, title: `Normal Q–Q plot of h${sub(r.dimension)}` };
}

/** Excess kurtosis against features per dimension; ringed: the random setting shown, or the model's own point. */
export function kurtosisCurveProps(r: GaussianResult, useModel: boolean, ratio: number): LineChartProps {
  return {
    series: [
      {
        name: 'mean over dimensions',
        color: LINE_COLOR,
        points: r.curve.map((c) => ({ x: c.ratio, y: c.mean, highlight: !useModel && c.ratio === ratio })),
      },
      {
        name: 'dimension 0',
        color: seriesColor(1),
        dashed: true,
        markers: false,
        points: r.curve.map((c) => ({ x: c.ratio, y: c.dimension0 })),
      },
      ...(useModel
        ? [
            {
              name: 'the trained model',
              color: HIGHLIGHT_COLOR,
              line: false,
              points: [{ x: r.featuresPerDimension, y: meanKurtosis(r), highlight: true }],
            },
          ]
        : []),
    ],
    xScale: 'log',
    xTicks: [...GAUSS_RATIOS],
    references: [{ axis: 'y', value: 0, label: 'Gaussian', labelAt: 'start' }],
    xLabel: 'features per hidden dimension',
    yLabel: 'excess kurtosis',
    title: 'Excess kurtosis of a hidden activation against features per dimension',
    chart: 'kurtosis-curve',
  };
}

/**
 * A normal Q–Q plot: standard-normal quantiles (x) against the standardised sample quantiles (y).
 * A Gaussian sample lies on the dashed diagonal; a sparse, heavy-tailed one bends away from it
 * (a flat run at the spike, steep ends in the tails).
 */
import { fmt } from '../model/format';
import { Frame, dimension, plotLayout } from './frame';
import { AXIS_COLOR, LINE_COLOR, finite, px } from './theme';

export interface QQPlotProps {
  theoretical: ArrayLike<number>;
  sample: ArrayLike<number>;
  xLabel?: string;
  yLabel?: string;
  title?: string;
  size?: number;
}

export function QQPlot({
  theoretical,
  sample,
  xLabel = 'normal quantile',
  yLabel = 'sample quantile (standardised)',
  title = 'Normal Q–Q plot',
  size = 280,
}: QQPlotProps) {
  const side = dimension(size, 280, 160);
  const count = Math.min(theoretical.length, sample.length);
  const pts: [number, number][] = [];
  for (let q = 0; q < count; q++) {
    const a = theoretical[q];
    const b = sample[q];
    if (Number.isFinite(a) && Number.isFinite(b)) pts.push([a, b]);
  }
  const ext = Math.min(12, Math.max(3, ...pts.map(([a, b]) => Math.max(Math.abs(a), Math.abs(b)))) * 1.05);
  // A square plot area, so the diagonal is at 45°.
  const margin = { top: 28, right: 12, left: 52 };
  const axis = { domain: [-ext, ext] as [number, number], ticks: 6, grid: true };
  const plot = plotLayout({
    width: side,
    plotHeight: side - margin.left - margin.right,
    margin,
    x: { ...axis, label: xLabel },
    y: { ...axis, label: yLabel },
  });
  const X = (v: number) => px(finite(plot.x.scale(Math.max(-ext, Math.min(ext, v)))));
  const Y = (v: number) => px(finite(plot.y.scale(Math.max(-ext, Math.min(ext, v)))));

  return (
    <Frame plot={plot} chart="qq-plot" title={title}>
      <line
        data-layer="diagonal"
        x1={X(-ext)}
        y1={Y(-ext)}
        x2={X(ext)}
        y2={Y(ext)}
        stroke={AXIS_COLOR}
        strokeWidth={1.25}
        strokeDasharray="5 3"
      />
      <g data-layer="points">
        {pts.map(([a, b], q) => (
          <circle key={q} data-point={q} cx={X(a)} cy={Y(b)} r={2.5} fill={LINE_COLOR}>
            <title>{`normal ${fmt(a)} · sample ${fmt(b)}`}</title>
          </circle>
        ))}
      </g>
    </Frame>
  );
}

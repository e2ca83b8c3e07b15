/**
 * A normal Q–Q plot: standard-normal quantiles (x) against the standardised sample quantiles (y).
 * A Gaussian sample lies on the dashed diagonal; a sparse, heavy-tailed one bends away from it
 * (a flat run at the spike, steep ends in the tails).
 */
import { scaleLinear } from 'd3';
import { XAxis, YAxis } from './chart-parts';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, LINE_COLOR, finite, fmt, px, svgRootProps } from './theme';

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
  const side = Math.max(160, finite(size, 280));
  // left + right = top + bottom: a square plot, so the diagonal is at 45°.
  const margin = { top: 24, right: 12, bottom: 40, left: 52 };
  const count = Math.min(theoretical.length, sample.length);
  const pts: [number, number][] = [];
  for (let q = 0; q < count; q++) {
    const a = theoretical[q];
    const b = sample[q];
    if (Number.isFinite(a) && Number.isFinite(b)) pts.push([a, b]);
  }
  const ext = Math.min(12, Math.max(3, ...pts.map(([a, b]) => Math.max(Math.abs(a), Math.abs(b)))) * 1.05);
  const x = scaleLinear().domain([-ext, ext]).range([margin.left, side - margin.right]);
  const y = scaleLinear().domain([-ext, ext]).range([side - margin.bottom, margin.top]);
  const ticks = x.ticks(6);
  const X = (v: number) => px(finite(x(Math.max(-ext, Math.min(ext, v)))));
  const Y = (v: number) => px(finite(y(Math.max(-ext, Math.min(ext, v)))));

  return (
    <svg {...svgRootProps('qq-plot', side, side, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={side} height={side} fill={BACKGROUND} />
      <g data-layer="grid">
        {ticks.map((t) => (
          <g key={t}>
            <line x1={X(t)} x2={X(t)} y1={margin.top} y2={px(side - margin.bottom)} stroke={GRID_COLOR} strokeWidth={0.75} />
            <line x1={margin.left} x2={px(side - margin.right)} y1={Y(t)} y2={Y(t)} stroke={GRID_COLOR} strokeWidth={0.75} />
          </g>
        ))}
      </g>
      <line data-layer="diagonal" x1={X(-ext)} y1={Y(-ext)} x2={X(ext)} y2={Y(ext)} stroke={AXIS_COLOR} strokeWidth={1.25} strokeDasharray="5 3" />
      <g data-layer="points">
        {pts.map(([a, b], q) => (
          <circle key={q} data-point={q} cx={X(a)} cy={Y(b)} r={2.5} fill={LINE_COLOR}>
            <title>{`normal ${fmt(a)} · sample ${fmt(b)}`}</title>
          </circle>
        ))}
      </g>
      <XAxis scale={X} ticks={ticks} y={side - margin.bottom} x0={margin.left} x1={side - margin.right} label={xLabel} />
      <YAxis scale={Y} ticks={ticks} x={margin.left} y0={margin.top} y1={side - margin.bottom} label={yLabel} labelOffset={38} />
    </svg>
  );
}

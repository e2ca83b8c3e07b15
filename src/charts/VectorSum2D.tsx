/**
 * A sum of 2-D vectors drawn tip to tail: each term starts where the previous one ended, and the
 * sum is the arrow from the origin to the last tip. Faint reference directions (e.g. every
 * feature's W_i) sit behind, so one can see which directions the terms come from and where the
 * sum lands among them. The view is square and symmetric, so angles read true.
 */
import { scaleLinear } from 'd3';
import { arrowHead } from './chart-parts';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, finite, fmt, px, svgRootProps } from './theme';

export interface VectorTerm {
  label: string;
  vector: readonly [number, number];
  color: string;
}

export interface VectorSum2DProps {
  terms: readonly VectorTerm[];
  /** Reference directions [count * 2] drawn faintly from the origin, labelled by index (optional). */
  reference?: ArrayLike<number>;
  referenceLabels?: readonly string[];
  sumLabel?: string;
  size?: number;
  title?: string;
}

export function VectorSum2D({ terms, reference, referenceLabels, sumLabel = 'sum', size = 300, title = 'A sum of vectors, tip to tail' }: VectorSum2DProps) {
  const side = Math.max(140, finite(size, 300));
  const pad = 24;
  const refCount = reference ? Math.floor(reference.length / 2) : 0;
  const refs = Array.from({ length: refCount }, (_, i) => [finite(reference![2 * i]), finite(reference![2 * i + 1])] as const);
  // Partial sums: the tips of the chain.
  const tips: [number, number][] = [[0, 0]];
  for (const t of terms) {
    const [x0, y0] = tips[tips.length - 1];
    tips.push([x0 + finite(t.vector[0]), y0 + finite(t.vector[1])]);
  }
  const sum = tips[tips.length - 1];
  const extent = Math.max(1, ...refs.map(([a, b]) => Math.hypot(a, b)), ...tips.map(([a, b]) => Math.hypot(a, b))) * 1.15;
  const x = scaleLinear().domain([-extent, extent]).range([pad, side - pad]);
  const y = scaleLinear().domain([-extent, extent]).range([side - pad, pad]);
  const r1 = x(1) - x(0);
  const sumNorm = Math.hypot(sum[0], sum[1]);

  return (
    <svg {...svgRootProps('vector-sum-2d', side, side, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={side} height={side} fill={BACKGROUND} />
      <g data-layer="axes">
        <line x1={px(x(-extent))} x2={px(x(extent))} y1={px(y(0))} y2={px(y(0))} stroke={GRID_COLOR} />
        <line x1={px(x(0))} x2={px(x(0))} y1={px(y(-extent))} y2={px(y(extent))} stroke={GRID_COLOR} />
        <circle cx={px(x(0))} cy={px(y(0))} r={px(r1)} fill="none" stroke={AXIS_COLOR} strokeWidth={0.75} strokeDasharray="3 3" />
        <text x={side - 6} y={px(y(0) - 4)} textAnchor="end" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          h₀
        </text>
        <text x={px(x(0) + 4)} y={12} fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
          h₁
        </text>
      </g>
      <g data-layer="reference">
        {refs.map(([vx, vy], i) => {
          const norm = Math.hypot(vx, vy);
          const ux = norm > 1e-9 ? vx / norm : 0.7071;
          const uy = norm > 1e-9 ? vy / norm : 0.7071;
          return (
            <g key={i} data-reference={i}>
              <title>{`${referenceLabels?.[i] ?? String(i)}: (${fmt(vx)}, ${fmt(vy)})`}</title>
              <line x1={px(x(0))} y1={px(y(0))} x2={px(x(vx))} y2={px(y(vy))} stroke={AXIS_COLOR} strokeWidth={1} strokeOpacity={0.6} />
              <text x={px(x(vx) + ux * 9)} y={px(y(vy) - uy * 9)} textAnchor="middle" dominantBaseline="central" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
                {referenceLabels?.[i] ?? String(i)}
              </text>
            </g>
          );
        })}
      </g>
      <g data-layer="terms">
        {terms.map((t, k) => {
          const [x0, y0] = tips[k];
          const [x1, y1] = tips[k + 1];
          return (
            <g key={k} data-term={k}>
              <title>{`${t.label}: (${fmt(t.vector[0])}, ${fmt(t.vector[1])})`}</title>
              <line x1={px(x(x0))} y1={px(y(y0))} x2={px(x(x1))} y2={px(y(y1))} stroke={t.color} strokeWidth={2.25} strokeLinecap="round" />
              <polygon points={arrowHead(x(x0), y(y0), x(x1), y(y1), 8)} fill={t.color} />
              <text x={px((x(x0) + x(x1)) / 2 + 6)} y={px((y(y0) + y(y1)) / 2 - 6)} fontSize={SMALL_FONT_SIZE + 1} fontWeight={600} fill={t.color}>
                {t.label}
              </text>
            </g>
          );
        })}
      </g>
      {terms.length > 0 ? (
        <g data-layer="sum">
          <title>{`${sumLabel} = (${fmt(sum[0])}, ${fmt(sum[1])}), norm ${fmt(sumNorm)}`}</title>
          <line x1={px(x(0))} y1={px(y(0))} x2={px(x(sum[0]))} y2={px(y(sum[1]))} stroke={TEXT_COLOR} strokeWidth={1.75} strokeDasharray="5 3" />
          <polygon points={arrowHead(x(0), y(0), x(sum[0]), y(sum[1]), 9)} fill={TEXT_COLOR} />
          <text x={px(x(sum[0]) + 6)} y={px(y(sum[1]) + 12)} fontSize={SMALL_FONT_SIZE + 1} fontWeight={600} fill={TEXT_COLOR}>
            {sumLabel}
          </text>
        </g>
      ) : (
        <text x={px(side / 2)} y={px(side - 8)} textAnchor="middle" fontSize={SMALL_FONT_SIZE + 1} fill={MUTED_TEXT_COLOR}>
          no active terms: the sum is 0
        </text>
      )}
      <circle cx={px(x(0))} cy={px(y(0))} r={2.5} fill={TEXT_COLOR} />
    </svg>
  );
}

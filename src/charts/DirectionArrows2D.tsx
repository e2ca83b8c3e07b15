/**
 * Several sets of 2-D vectors from the origin in one square view (e.g. the true feature
 * directions and the atoms a dictionary learned): each set has its own colour and line style and
 * a legend entry; vectors are labelled at their tips.
 */
import { scaleLinear } from 'd3';
import { Legend, arrowHead, legendLayout } from './chart-parts';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, finite, fmt, px, svgRootProps } from './theme';

export interface ArrowSet {
  name: string;
  /** [count * 2] */
  vectors: ArrayLike<number>;
  color: string;
  dashed?: boolean;
  /** Tip labels (default: none). */
  labels?: readonly string[];
  strokeWidth?: number;
}

export interface DirectionArrows2DProps {
  sets: readonly ArrowSet[];
  size?: number;
  title?: string;
}

export function DirectionArrows2D({ sets, size = 300, title = 'Directions in the 2-D hidden space' }: DirectionArrows2DProps) {
  const side = Math.max(140, finite(size, 300));
  const pad = 24;
  const legend = legendLayout(
    sets.map((s) => ({ label: s.name, color: s.color, mark: s.dashed ? ('dashed' as const) : ('line' as const) })),
    side - 2 * pad,
  );
  const h = side + legend.height + 6;
  const vecs = sets.map((s) => Array.from({ length: Math.floor(s.vectors.length / 2) }, (_, i) => [finite(s.vectors[2 * i]), finite(s.vectors[2 * i + 1])] as const));
  const extent = Math.max(1, ...vecs.flat().map(([a, b]) => Math.hypot(a, b))) * 1.18;
  const x = scaleLinear().domain([-extent, extent]).range([pad, side - pad]);
  const y = scaleLinear().domain([-extent, extent]).range([side - pad, pad]);
  const r1 = x(1) - x(0);

  return (
    <svg {...svgRootProps('direction-arrows-2d', side, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={side} height={px(h)} fill={BACKGROUND} />
      <g data-layer="axes">
        <line x1={px(x(-extent))} x2={px(x(extent))} y1={px(y(0))} y2={px(y(0))} stroke={GRID_COLOR} />
        <line x1={px(x(0))} x2={px(x(0))} y1={px(y(-extent))} y2={px(y(extent))} stroke={GRID_COLOR} />
        <circle cx={px(x(0))} cy={px(y(0))} r={px(r1)} fill="none" stroke={AXIS_COLOR} strokeWidth={0.75} strokeDasharray="3 3" />
      </g>
      {sets.map((s, si) => (
        <g key={si} data-set={si} data-layer="arrows">
          {vecs[si].map(([vx, vy], i) => {
            const norm = Math.hypot(vx, vy);
            const ux = norm > 1e-9 ? vx / norm : 0.7071;
            const uy = norm > 1e-9 ? vy / norm : 0.7071;
            const label = s.labels?.[i];
            return (
              <g key={i} data-vector={i}>
                <title>{`${s.name}${label !== undefined ? ` ${label}` : ` ${i}`}: (${fmt(vx)}, ${fmt(vy)})`}</title>
                <line
                  x1={px(x(0))}
                  y1={px(y(0))}
                  x2={px(x(vx))}
                  y2={px(y(vy))}
                  stroke={s.color}
                  strokeWidth={s.strokeWidth ?? 2}
                  strokeDasharray={s.dashed ? '4 3' : undefined}
                  strokeLinecap="round"
                />
                <polygon points={arrowHead(x(0), y(0), x(vx), y(vy), 7)} fill={s.color} />
                {label !== undefined ? (
                  <text x={px(x(vx) + ux * 10)} y={px(y(vy) - uy * 10)} textAnchor="middle" dominantBaseline="central" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
                    {label}
                  </text>
                ) : null}
              </g>
            );
          })}
        </g>
      ))}
      <Legend items={sets.map((s) => ({ label: s.name, color: s.color, mark: s.dashed ? 'dashed' : 'line' }))} x={pad} y={side} maxWidth={side - 2 * pad} />
    </svg>
  );
}

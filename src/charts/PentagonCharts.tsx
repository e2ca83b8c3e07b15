/**
 * The perturbed pentagon (paper §6.4, spec §7.6): n = 5 features in m = 2 dimensions, four at a
 * fixed density and feature 4 at a varied relative density. PentagonStrip lays the canonicalised
 * solutions side by side along the relative density (one SVG, so Export SVG saves the whole strip);
 * PentagonLossChart draws the loss of the pentagon-type and the digon-type solution against the
 * relative density, on log axes, with the crossing (the first-order transition) marked.
 */
import { scaleLog } from 'd3';
import { cloneElement, type ReactElement } from 'react';
import { canonicalise2D, type PentagonSolution } from '../model/geometry';
import { crossing } from '../model/uniform-sweep';
import { FeatureGeometry2D } from './FeatureGeometry2D';
import { POLYTOPE_COLORS } from './GeometryGraphChart';
import { logTicks } from './LossCurve';
import { AXIS_COLOR, BACKGROUND, GRID_COLOR, MUTED_TEXT_COLOR, SMALL_FONT_SIZE, TEXT_COLOR, finite, fmt, px, svgRootProps } from './theme';

/** Colours of the two solution families (the geometry graph's pentagon and digon colours, darkened for lines). */
export const SOLUTION_COLORS: Record<PentagonSolution, string> = {
  pentagon: '#8F7F00',
  digons: '#C8384B',
  other: POLYTOPE_COLORS.other,
};
export const SOLUTION_LABELS: Record<PentagonSolution, string> = { pentagon: 'pentagon', digons: 'two digons', other: 'other' };

/** "0.1", "0.22", "1", "4.6": relative densities as short labels. */
export function relLabel(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(2))) : '—';
}

/** Feature 4 is the varied one: it gets the bright end of the importance colours, the others the dark end. */
const HIGHLIGHT_VARIED = Float32Array.of(0, 0, 0, 0, 1);

/**
 * One small multiple: FeatureGeometry2D's picture of the canonicalised solution, as a nested <svg>
 * re-tagged data-chart="pentagon-cell", so page-wide look-ups of the top section's 2-D chart
 * (data-chart="feature-geometry-2d") do not also find the strip's cells. FeatureGeometry2D has no
 * hooks, so calling it as a function renders exactly what the component would.
 */
function cell2D(W: ArrayLike<number>, side: number, title: string): ReactElement {
  const svg = FeatureGeometry2D({ W: canonicalise2D(W, 5), n: 5, importance: HIGHLIGHT_VARIED, size: side, title });
  return cloneElement(svg, { 'data-chart': 'pentagon-cell' } as Record<string, unknown>);
}

export interface PentagonStripProps {
  relativeDensities: readonly number[];
  /** Per relative density: the kept solution's W (5×2, feature-major), or null while untrained. */
  solutions: readonly (ArrayLike<number> | null)[];
  types?: readonly (PentagonSolution | null)[];
  /** Where each solution came from (shown in its tooltip). */
  sources?: readonly (string | null)[];
  /** Highlighted relative-density index. */
  selected?: number | null;
  onSelect?(index: number): void;
  cell?: number;
  title?: string;
}

export function PentagonStrip({ relativeDensities, solutions, types, sources, selected = null, onSelect, cell = 120, title = 'Solutions along the relative density of feature 4' }: PentagonStripProps) {
  const k = relativeDensities.length;
  const side = Math.max(120, finite(cell, 120));
  const gapX = 6;
  const top = 4;
  const labelH = 30;
  const w = Math.max(1, k) * (side + gapX) + gapX;
  const h = top + side + labelH;
  return (
    <svg {...svgRootProps('pentagon-strip', w, h, title)}>
      <title>{title}</title>
      <rect x={0} y={0} width={w} height={h} fill={BACKGROUND} />
      {relativeDensities.map((rel, r) => {
        const x0 = gapX + r * (side + gapX);
        const W = solutions[r];
        const type = types?.[r] ?? null;
        return (
          <g key={r} data-rel={r} data-type={type ?? 'untrained'} transform={`translate(${px(x0)},${top})`} onClick={onSelect ? () => onSelect(r) : undefined} style={onSelect ? { cursor: 'pointer' } : undefined}>
            {W ? (
              cell2D(W, side, `relative density ${relLabel(rel)}: ${type ? SOLUTION_LABELS[type] : 'solution'}${sources?.[r] ? ` (${sources[r]})` : ''}`)
            ) : (
              <>
                <rect x={0} y={0} width={side} height={side} fill={GRID_COLOR} opacity={0.5} />
                <text x={px(side / 2)} y={px(side / 2)} textAnchor="middle" dominantBaseline="central" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
                  training…
                </text>
              </>
            )}
            {selected === r ? <rect x={0.5} y={0.5} width={side - 1} height={side - 1} fill="none" stroke={TEXT_COLOR} strokeWidth={1.5} /> : null}
            <text x={px(side / 2)} y={side + 11} textAnchor="middle" fontSize={SMALL_FONT_SIZE + 1} fontWeight={600} fill={TEXT_COLOR}>
              {`× ${relLabel(rel)}`}
            </text>
            <text x={px(side / 2)} y={side + 24} textAnchor="middle" fontSize={SMALL_FONT_SIZE} fill={type ? SOLUTION_COLORS[type] : MUTED_TEXT_COLOR}>
              {type ? SOLUTION_LABELS[type] : '—'}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface PentagonLossChartProps {
  relativeDensities: readonly number[];
  /** Loss of the pentagon-type solution per relative density (null: none / lost its type). */
  pentagon: readonly (number | null)[];
  /** Loss of the digon-type solution. */
  digons: readonly (number | null)[];
  /** The kept random-initialisation fits: loss and type per relative density (optional markers). */
  fits?: readonly ({ loss: number; type: PentagonSolution } | null)[];
  width?: number;
  height?: number;
  title?: string;
}

export function PentagonLossChart({ relativeDensities, pentagon, digons, fits, width = 420, height = 260, title = 'Loss of the two solutions against relative density' }: PentagonLossChartProps) {
  const w = Math.max(200, finite(width, 420));
  const h = Math.max(140, finite(height, 260));
  const margin = { top: 12, right: 14, bottom: 34, left: 58 };
  const rel = relativeDensities.filter((v) => v > 0 && Number.isFinite(v));
  const xLo = rel.length ? Math.min(...rel) : 0.1;
  const xHi = rel.length ? Math.max(...rel) : 10;
  const x = scaleLog()
    .domain([xLo / 1.1, xHi * 1.1])
    .range([margin.left, w - margin.right]);
  const all = [...pentagon, ...digons, ...(fits ?? []).map((f) => f?.loss ?? null)].filter((v): v is number => v !== null && v > 0 && Number.isFinite(v));
  const lo = all.length ? Math.min(...all) : 1e-4;
  const hi = all.length ? Math.max(...all) : 1e-2;
  const y = scaleLog()
    .domain(hi / lo < 1.5 ? [lo / 1.25, hi * 1.25] : [lo / 1.1, hi * 1.1])
    .range([h - margin.bottom, margin.top]);
  const series = (values: readonly (number | null)[]) => {
    let d = '';
    let pen = false;
    values.forEach((v, r) => {
      const xr = relativeDensities[r];
      if (v === null || !(v > 0) || !Number.isFinite(v) || !(xr > 0)) {
        pen = false;
        return;
      }
      d += `${pen ? 'L' : 'M'}${px(x(xr))},${px(y(v))}`;
      pen = true;
    });
    return d;
  };
  const cross = crossing(relativeDensities, pentagon, digons);
  const xTicks = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20].filter((t) => t >= x.domain()[0] && t <= x.domain()[1]);
  const yTicks = logTicks(y.domain() as [number, number]);
  const curves: { key: 'pentagon' | 'digons'; values: readonly (number | null)[] }[] = [
    { key: 'pentagon', values: pentagon },
    { key: 'digons', values: digons },
  ];
  return (
    <svg {...svgRootProps('pentagon-loss', w, h, title)} data-crossing={cross === null ? 'none' : px(cross)}>
      <title>{title}</title>
      <rect x={0} y={0} width={w} height={h} fill={BACKGROUND} />
      <g data-layer="grid">
        {yTicks.map((t) => (
          <line key={t} x1={margin.left} x2={w - margin.right} y1={px(y(t))} y2={px(y(t))} stroke={GRID_COLOR} strokeWidth={0.75} />
        ))}
      </g>
      <g data-layer="axes" fontSize={SMALL_FONT_SIZE} fill={MUTED_TEXT_COLOR}>
        <line x1={margin.left} x2={w - margin.right} y1={h - margin.bottom} y2={h - margin.bottom} stroke={AXIS_COLOR} />
        <line x1={margin.left} x2={margin.left} y1={margin.top} y2={h - margin.bottom} stroke={AXIS_COLOR} />
        {xTicks.map((t) => (
          <text key={t} x={px(x(t))} y={h - margin.bottom + 12} textAnchor="middle">
            {t}
          </text>
        ))}
        {yTicks.map((t) => (
          <text key={t} x={margin.left - 5} y={px(y(t))} textAnchor="end" dominantBaseline="central">
            {fmt(t)}
          </text>
        ))}
        <text x={px((margin.left + w - margin.right) / 2)} y={h - 6} textAnchor="middle">
          density of feature 4 relative to the others (log)
        </text>
        <text transform={`translate(12,${px((margin.top + h - margin.bottom) / 2)}) rotate(-90)`} textAnchor="middle">
          expected loss
        </text>
      </g>
      {cross !== null ? (
        <g data-layer="crossing">
          <line x1={px(x(cross))} x2={px(x(cross))} y1={margin.top} y2={h - margin.bottom} stroke={TEXT_COLOR} strokeWidth={1} strokeDasharray="3 3" />
          <text x={px(x(cross) + 4)} y={margin.top + 56} fontSize={SMALL_FONT_SIZE} fill={TEXT_COLOR}>
            {`curves cross at ≈ ${relLabel(cross)}`}
          </text>
        </g>
      ) : null}
      {curves.map(({ key, values }) => (
        <g key={key} data-solution={key}>
          <path d={series(values) || undefined} fill="none" stroke={SOLUTION_COLORS[key]} strokeWidth={1.75} />
          {values.map((v, r) =>
            v !== null && v > 0 && Number.isFinite(v) && relativeDensities[r] > 0 ? (
              <circle key={r} data-rel={r} cx={px(x(relativeDensities[r]))} cy={px(y(v))} r={2.5} fill={SOLUTION_COLORS[key]}>
                <title>{`${SOLUTION_LABELS[key]} at relative density ${relLabel(relativeDensities[r])}: loss ${fmt(v)}`}</title>
              </circle>
            ) : null,
          )}
        </g>
      ))}
      {fits ? (
        <g data-layer="fits">
          {fits.map((f, r) =>
            f && f.loss > 0 && Number.isFinite(f.loss) && relativeDensities[r] > 0 ? (
              <circle key={r} data-rel={r} data-type={f.type} cx={px(x(relativeDensities[r]))} cy={px(y(f.loss))} r={5} fill="none" stroke={SOLUTION_COLORS[f.type]} strokeWidth={1.25}>
                <title>{`best random fit at ${relLabel(relativeDensities[r])}: ${SOLUTION_LABELS[f.type]}, loss ${fmt(f.loss)}`}</title>
              </circle>
            ) : null,
          )}
        </g>
      ) : null}
      <g data-layer="legend" fontSize={SMALL_FONT_SIZE} fill={TEXT_COLOR}>
        {curves.map(({ key }, k) => (
          <g key={key} transform={`translate(${margin.left + 10},${margin.top + 8 + k * 13})`}>
            <line x1={0} x2={16} y1={0} y2={0} stroke={SOLUTION_COLORS[key]} strokeWidth={2} />
            <text x={20} y={0} dominantBaseline="central">{key === 'pentagon' ? 'pentagon-type solution' : 'digon-type solution (feature 4 dropped)'}</text>
          </g>
        ))}
        {fits ? (
          <g transform={`translate(${margin.left + 10},${margin.top + 34})`}>
            <circle cx={8} cy={0} r={4} fill="none" stroke={TEXT_COLOR} strokeWidth={1} />
            <text x={20} y={0} dominantBaseline="central">
              lowest-loss random fit
            </text>
          </g>
        ) : null}
      </g>
    </svg>
  );
}

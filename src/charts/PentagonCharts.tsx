/**
 * The perturbed pentagon (the paper's "Non-Uniform Superposition"): n = 5 features in m = 2 dimensions, four at a
 * fixed density and feature 4 at a varied relative density. PentagonStrip lays the canonicalised
 * solutions side by side along the relative density (one SVG, so Export SVG saves the whole strip);
 * PentagonLossChart draws the loss of the pentagon-type and the digon-type solution against the
 * relative density, on log axes, with the crossing (the first-order transition) marked.
 */
import { cloneElement, type ReactElement } from 'react';
import { fmt } from '../model/format';
import { canonicalise2D, type PentagonSolution } from '../model/geometry';
import { crossing } from '../model/uniform-sweep';
import { FeatureGeometry2D } from './FeatureGeometry2D';
import { ChartSvg, Frame, dimension, plotLayout } from './frame';
import { Legend, type LegendItem } from './legend';
import { POLYTOPE_COLORS } from './polytopes';
import { Text } from './text';
import { GRID_COLOR, TEXT_COLOR, px } from './theme';

/** Colours of the two solution families (the geometry graph's pentagon and digon colours, darkened for lines). */
export const SOLUTION_COLORS: Record<PentagonSolution, string> = {
  pentagon: '#8F7F00',
  digons: '#C8384B',
  other: POLYTOPE_COLORS.other,
};
export const SOLUTION_LABELS: Record<PentagonSolution, string> = {
  pentagon: 'pentagon',
  digons: 'two digons',
  other: 'other',
};

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

export function PentagonStrip({
  relativeDensities,
  solutions,
  types,
  sources,
  selected = null,
  onSelect,
  cell = 120,
  title = 'Solutions along the relative density of feature 4',
}: PentagonStripProps) {
  const k = relativeDensities.length;
  const side = dimension(cell, 120, 120);
  const gapX = 6;
  const top = 4;
  const labelH = 30;
  const w = Math.max(1, k) * (side + gapX) + gapX;
  const h = top + side + labelH;
  return (
    <ChartSvg chart="pentagon-strip" width={w} height={h} title={title}>
      {relativeDensities.map((rel, r) => {
        const x0 = gapX + r * (side + gapX);
        const W = solutions[r];
        const type = types?.[r] ?? null;
        return (
          <g
            key={r}
            data-rel={r}
            data-type={type ?? 'untrained'}
            transform={`translate(${px(x0)},${top})`}
            onClick={onSelect ? () => onSelect(r) : undefined}
            style={onSelect ? { cursor: 'pointer' } : undefined}
          >
            {W ? (
              cell2D(
                W,
                side,
                `relative density ${relLabel(rel)}: ${type ? SOLUTION_LABELS[type] : 'solution'}${sources?.[r] ? ` (${sources[r]})` : ''}`,
              )
            ) : (
              <>
                <rect x={0} y={0} width={side} height={side} fill={GRID_COLOR} opacity={0.5} />
                <Text x={side / 2} y={side / 2} anchor="middle" baseline="central" role="note">
                  training…
                </Text>
              </>
            )}
            {selected === r ? (
              <rect
                x={0.5}
                y={0.5}
                width={side - 1}
                height={side - 1}
                fill="none"
                stroke={TEXT_COLOR}
                strokeWidth={1.5}
              />
            ) : null}
            <Text x={side / 2} y={side + 11} anchor="middle" weight={600} tone="text">
              {`× ${relLabel(rel)}`}
            </Text>
            <Text x={side / 2} y={side + 24} anchor="middle" role="note" tone={type ? SOLUTION_COLORS[type] : 'muted'}>
              {type ? SOLUTION_LABELS[type] : '—'}
            </Text>
          </g>
        );
      })}
    </ChartSvg>
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

export function PentagonLossChart({
  relativeDensities,
  pentagon,
  digons,
  fits,
  width = 420,
  height = 260,
  title = 'Loss of the two solutions against relative density',
}: PentagonLossChartProps) {
  const rel = relativeDensities.filter((v) => v > 0 && Number.isFinite(v));
  const xLo = rel.length ? Math.min(...rel) : 0.1;
  const xHi = rel.length ? Math.max(...rel) : 10;
  const all = [...pentagon, ...digons, ...(fits ?? []).map((f) => f?.loss ?? null)].filter(
    (v): v is number => v !== null && v > 0 && Number.isFinite(v),
  );
  const lo = all.length ? Math.min(...all) : 1e-4;
  const hi = all.length ? Math.max(...all) : 1e-2;
  const plot = plotLayout({
    width: dimension(width, 420, 200),
    height: dimension(height, 260, 140),
    margin: { top: 12 },
    x: {
      type: 'log',
      domain: [xLo / 1.1, xHi * 1.1],
      ticks: [0.1, 0.2, 0.5, 1, 2, 5, 10, 20],
      label: 'density of feature 4 relative to the others (log)',
    },
    y: {
      type: 'log',
      domain: hi / lo < 1.5 ? [lo / 1.25, hi * 1.25] : [lo / 1.1, hi * 1.1],
      label: 'expected loss',
      grid: true,
    },
  });
  const { box } = plot;
  const x = plot.x.scale;
  const y = plot.y.scale;
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
  const curves: { key: 'pentagon' | 'digons'; values: readonly (number | null)[] }[] = [
    { key: 'pentagon', values: pentagon },
    { key: 'digons', values: digons },
  ];
  const legend: LegendItem[] = [
    { label: 'pentagon-type solution', color: SOLUTION_COLORS.pentagon, mark: 'line', newRow: true },
    { label: 'digon-type solution (feature 4 dropped)', color: SOLUTION_COLORS.digons, mark: 'line', newRow: true },
  ];
  if (fits) legend.push({ label: 'lowest-loss random fit', color: TEXT_COLOR, mark: 'ring', newRow: true });
  return (
    <Frame plot={plot} chart="pentagon-loss" title={title} data-crossing={cross === null ? 'none' : px(cross)}>
      {cross !== null ? (
        <g data-layer="crossing">
          <line
            x1={px(x(cross))}
            x2={px(x(cross))}
            y1={px(box.y0)}
            y2={px(box.y1)}
            stroke={TEXT_COLOR}
            strokeWidth={1}
            strokeDasharray="3 3"
          />
          <Text x={x(cross) + 4} y={box.y0 + 56} role="note" tone="text">
            {`curves cross at ≈ ${relLabel(cross)}`}
          </Text>
        </g>
      ) : null}
      {curves.map(({ key, values }) => (
        <g key={key} data-solution={key}>
          <path d={series(values) || undefined} fill="none" stroke={SOLUTION_COLORS[key]} strokeWidth={1.75} />
          {values.map((v, r) =>
            v !== null && v > 0 && Number.isFinite(v) && relativeDensities[r] > 0 ? (
              <circle
                key={r}
                data-rel={r}
                cx={px(x(relativeDensities[r]))}
                cy={px(y(v))}
                r={2.5}
                fill={SOLUTION_COLORS[key]}
              >
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
              <circle
                key={r}
                data-rel={r}
                data-type={f.type}
                cx={px(x(relativeDensities[r]))}
                cy={px(y(f.loss))}
                r={5}
                fill="none"
                stroke={SOLUTION_COLORS[f.type]}
                strokeWidth={1.25}
              >
                <title>{`best random fit at ${relLabel(relativeDensities[r])}: ${SOLUTION_LABELS[f.type]}, loss ${fmt(f.loss)}`}</title>
              </circle>
            ) : null,
          )}
        </g>
      ) : null}
      {/* Inside the plot, top left: the curves start low there. */}
      <Legend items={legend} x={box.x0 + 10} y={box.y0 + 4} maxWidth={box.x1 - box.x0 - 20} />
    </Frame>
  );
}

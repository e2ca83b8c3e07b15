/**
 * The paper's phase diagram for the extra feature of a small toy model: relative importance r
 * of the extra feature (log x) against feature density 1 − S (log y, dense at the top). Every
 * grid cell is one trained model, coloured by the phase its extra feature ended up in; the
 * analytic boundaries between the phases are drawn on top. In 'disagreement' mode the cells
 * whose phase differs from a reference (the closed-form theory) are shown dark, the rest faded.
 */
import type { KeyboardEvent } from 'react';
import { scaleLog } from 'd3';
import type { Phase } from '../model/theory';
import { logTicks } from './LossCurve';
import {
  AGREE_OPACITY,
  AXIS_COLOR,
  BACKGROUND,
  DISAGREE_COLOR,
  FONT_SIZE,
  MUTED_TEXT_COLOR,
  PHASE_COLORS,
  PHASE_LABELS,
  PHASE_ORDER,
  TEXT_COLOR,
  UNTRAINED_COLOR,
  finite,
  fmt,
  px,
  svgRootProps,
} from './theme';

export type { Phase };

export interface PhaseBoundary {
  id: string;
  label: string;
  points: { r: number; density: number }[];
}

export interface PhaseDiagramChartProps {
  /** Grid columns, ascending, log-spaced (e.g. 24 values 0.1..10). */
  rValues: ArrayLike<number>;
  /** Grid rows, descending, log-spaced (e.g. 24 values 1..0.01). */
  densityValues: ArrayLike<number>;
  /** Cell phases row-major: phases[row * rValues.length + col]; null = not trained yet. */
  phases: ReadonlyArray<Phase | null>;
  /** 'phases' colours cells by phase; 'disagreement' shows cells whose phase differs from `reference` dark, the rest faded. */
  mode?: 'phases' | 'disagreement';
  reference?: ReadonlyArray<Phase | null>;
  /** Analytic boundary polylines drawn over the cells. */
  boundaries?: PhaseBoundary[];
  /** Highlighted cell index (thick outline). */
  selected?: number | null;
  onHover?(index: number | null): void;
  onSelect?(index: number): void;
  width?: number;
  height?: number;
  title?: string;
}

/** Dash patterns that tell several boundaries apart without relying on colour. */
const BOUNDARY_DASHES = [undefined, '6 3', '2 2.5', '8 3 2 3'];
const LEGEND_SWATCH = 11;
const LEGEND_LINE = 24;
const LEGEND_ROW = 17;
const LEGEND_FONT = FONT_SIZE - 1;

/**
 * Grid values → log10 cell edges. Each edge sits at the geometric midpoint of its two
 * neighbours; the outer edges extend half a log step. Grids that are not strictly monotone,
 * positive and finite (degenerate input) fall back to an even log grid over `fallback`, so the
 * picture stays well-formed instead of leaking NaN.
 */
export function logCellEdges(values: ArrayLike<number>, fallback: [number, number]): number[] {
  const count = Math.max(0, Math.floor(finite(values.length)));
  if (count === 0) return [Math.log10(fallback[0]), Math.log10(fallback[1])];
  let logs = Array.from({ length: count }, (_, i) => Math.log10(values[i]));
  const dir = count > 1 ? Math.sign(logs[1] - logs[0]) : 1;
  const valid = logs.every((l, i) => Number.isFinite(l) && (i === 0 || Math.sign(l - logs[i - 1]) === dir)) && dir !== 0;
  if (!valid) {
    const [a, b] = [Math.log10(fallback[0]), Math.log10(fallback[1])];
    logs = Array.from({ length: count }, (_, i) => (count === 1 ? (a + b) / 2 : a + ((b - a) * i) / (count - 1)));
  }
  if (count === 1) return [logs[0] - 0.5, logs[0] + 0.5];
  const edges = [logs[0] - (logs[1] - logs[0]) / 2];
  for (let i = 0; i < count - 1; i++) edges.push((logs[i] + logs[i + 1]) / 2);
  edges.push(logs[count - 1] + (logs[count - 1] - logs[count - 2]) / 2);
  return edges;
}

/** Liang–Barsky: the part of segment a→b inside the box, or null. */
function clipSegment(
  a: [number, number],
  b: [number, number],
  box: { x0: number; x1: number; y0: number; y1: number },
): [[number, number], [number, number]] | null {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, a[0] - box.x0],
    [dx, box.x1 - a[0]],
    [-dy, a[1] - box.y0],
    [dy, box.y1 - a[1]],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
    }
  }
  if (t0 > t1) return null;
  const at = (t: number): [number, number] => [
    Math.min(box.x1, Math.max(box.x0, a[0] + t * dx)),
    Math.min(box.y1, Math.max(box.y0, a[1] + t * dy)),
  ];
  return [at(t0), at(t1)];
}

/** Pixel polyline clipped to the box, as runs of visible points (a run breaks where it leaves). */
function clipPolyline(points: ([number, number] | null)[], box: { x0: number; x1: number; y0: number; y1: number }): [number, number][][] {
  const runs: [number, number][][] = [];
  let run: [number, number][] = [];
  const close = () => {
    if (run.length > 1) runs.push(run);
    run = [];
  };
  for (let k = 0; k + 1 < points.length; k++) {
    const a = points[k];
    const b = points[k + 1];
    if (!a || !b) {
      close();
      continue;
    }
    const seg = clipSegment(a, b, box);
    if (!seg) {
      close();
      continue;
    }
    const last = run[run.length - 1];
    if (!last || last[0] !== seg[0][0] || last[1] !== seg[0][1]) {
      close();
      run.push(seg[0]);
    }
    run.push(seg[1]);
    // Leaving the box ends the run, so a boundary re-entering starts a fresh subpath.
    if (seg[1][0] !== b[0] || seg[1][1] !== b[1]) close();
  }
  close();
  return runs;
}

/** 2…9 × 10^k inside the domain, minus the labelled ticks. */
function minorLogTicks([lo, hi]: [number, number], major: number[]): number[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (let mant = 1; mant <= 9; mant++) {
      const v = Number((mant * 10 ** e).toPrecision(3));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) && !major.some((t) => Math.abs(t - v) <= 1e-9 * v)) out.push(v);
    }
  }
  return out;
}

/** Rough label width for legend layout (no text metrics in Node). */
const textWidth = (s: string, size: number) => s.length * size * 0.56;

export function PhaseDiagramChart({
  rValues,
  densityValues,
  phases,
  mode = 'phases',
  reference,
  boundaries = [],
  selected = null,
  onHover,
  onSelect,
  width = 420,
  height = 440,
  title = 'Phase diagram of the extra feature',
}: PhaseDiagramChartProps) {
  const w = Math.max(200, finite(width, 420));
  const h = Math.max(180, finite(height, 440));
  const cols = Math.max(0, Math.floor(finite(rValues.length)));
  const rows = Math.max(0, Math.floor(finite(densityValues.length)));
  const cellCount = rows * cols;
  const disagreement = mode === 'disagreement';

  const phaseAt = (list: ReadonlyArray<Phase | null> | undefined, k: number): Phase | null => {
    const p = list?.[k];
    return p != null && p in PHASE_COLORS ? p : null;
  };
  const anyUntrained = Array.from({ length: cellCount }, (_, k) => phaseAt(phases, k)).some((p) => p === null);

  const xEdgesLog = logCellEdges(rValues, [0.1, 10]);
  const yEdgesLog = logCellEdges(densityValues, [1, 0.01]);
  const logBox = { x0: Math.min(...xEdgesLog), x1: Math.max(...xEdgesLog), y0: Math.min(...yEdgesLog), y1: Math.max(...yEdgesLog) };

  // Analytic boundaries, clipped to the plot box in (log r, log density) space — with math, not a
  // <clipPath>, which would need a document-wide id. Non-positive or non-finite points break the line.
  const boundaryRuns = boundaries
    .map((b, bi) => {
      const pts = (b?.points ?? []).map((p): [number, number] | null => {
        const lr = p ? Math.log10(p.r) : NaN;
        const ld = p ? Math.log10(p.density) : NaN;
        return Number.isFinite(lr) && Number.isFinite(ld) ? [lr, ld] : null;
      });
      return { b, runs: clipPolyline(pts, logBox), dash: BOUNDARY_DASHES[bi % BOUNDARY_DASHES.length] };
    })
    .filter((v) => v.runs.length > 0);

  // Legend items, laid out left to right and wrapped; their row count sizes the plot.
  type LegendItem = { key: string; label: string; fill: string; opacity: number; stroke?: string; dash?: string; line?: boolean; newRow?: boolean };
  const legendItems: LegendItem[] = PHASE_ORDER.map((p) => ({
    key: p,
    label: PHASE_LABELS[p],
    fill: PHASE_COLORS[p],
    opacity: disagreement ? AGREE_OPACITY : 1,
  }));
  if (disagreement) {
    legendItems.push(
      { key: 'agrees', label: 'agrees', fill: MUTED_TEXT_COLOR, opacity: AGREE_OPACITY },
      { key: 'disagrees', label: 'disagrees', fill: DISAGREE_COLOR, opacity: 1 },
    );
  }
  if (anyUntrained) legendItems.push({ key: 'untrained', label: 'not trained yet', fill: UNTRAINED_COLOR, opacity: 1, stroke: AXIS_COLOR });
  boundaryRuns.forEach(({ b, dash }, i) =>
    legendItems.push({ key: `boundary-${b.id}`, label: b.label, fill: TEXT_COLOR, opacity: 1, dash, line: true, newRow: i === 0 }),
  );

  const margin = { top: 10, right: 16, left: 58 };
  const legendX0 = margin.left;
  const legendX1 = w - margin.right;
  const legendLayout: (LegendItem & { x: number; row: number })[] = [];
  {
    let x = legendX0;
    let row = 0;
    for (const item of legendItems) {
      const itemWidth = (item.line ? LEGEND_LINE : LEGEND_SWATCH) + 5 + textWidth(item.label, LEGEND_FONT);
      if (x > legendX0 && (item.newRow || x + itemWidth > legendX1)) {
        row++;
        x = legendX0;
      }
      legendLayout.push({ ...item, x, row });
      x += itemWidth + 14;
    }
  }
  const legendRows = legendLayout.length ? legendLayout[legendLayout.length - 1].row + 1 : 0;
  const belowPlot = 44 + legendRows * LEGEND_ROW;

  const plot = {
    x0: margin.left,
    x1: Math.max(margin.left + 40, w - margin.right),
    y0: margin.top,
    y1: Math.max(margin.top + 40, h - belowPlot),
  };
  const totalHeight = Math.max(h, plot.y1 + belowPlot);

  const xDomain: [number, number] = [10 ** logBox.x0, 10 ** logBox.x1];
  const yDomain: [number, number] = [10 ** logBox.y0, 10 ** logBox.y1];
  const x = scaleLog().domain(xDomain).range([plot.x0, plot.x1]);
  // Dense (1 − S = 1) at the top, sparse at the bottom, as in the paper.
  const y = scaleLog().domain(yDomain).range([plot.y1, plot.y0]);
  const xEdges = xEdgesLog.map((l) => px(x(10 ** l)));
  const yEdges = yEdgesLog.map((l) => px(y(10 ** l)));

  const cellBox = (k: number) => {
    const row = Math.floor(k / Math.max(1, cols));
    const col = k - row * cols;
    const [xa, xb] = [xEdges[col], xEdges[col + 1]];
    const [ya, yb] = [yEdges[row], yEdges[row + 1]];
    return { x: Math.min(xa, xb), y: Math.min(ya, yb), width: px(Math.abs(xb - xa)), height: px(Math.abs(yb - ya)) };
  };

  const cells = [];
  let disagreements = 0;
  for (let k = 0; k < cellCount; k++) {
    const row = Math.floor(k / cols);
    const col = k - row * cols;
    const phase = phaseAt(phases, k);
    const ref = disagreement ? phaseAt(reference, k) : null;
    const differs = disagreement && phase !== null && ref !== null && phase !== ref;
    if (differs) disagreements++;
    const fill = phase === null ? UNTRAINED_COLOR : differs ? DISAGREE_COLOR : PHASE_COLORS[phase];
    const faded = disagreement && phase !== null && !differs;
    let tip = `r = ${fmt(rValues[col])}, 1−S = ${fmt(densityValues[row])}: ${phase ? PHASE_LABELS[phase] : 'not trained yet'}`;
    if (disagreement && phase !== null) tip += ref ? ` (reference: ${PHASE_LABELS[ref]})` : ' (no reference)';
    const box = cellBox(k);
    cells.push(
      <rect
        key={k}
        data-cell={k}
        data-phase={phase ?? 'untrained'}
        data-disagree={differs ? 'true' : undefined}
        x={box.x}
        y={box.y}
        width={box.width}
        height={box.height}
        fill={fill}
        fillOpacity={faded ? AGREE_OPACITY : undefined}
        stroke={phase === null ? BACKGROUND : 'none'}
        strokeWidth={phase === null ? 0.5 : undefined}
        cursor={onSelect ? 'pointer' : undefined}
        onMouseEnter={onHover ? () => onHover(k) : undefined}
        onMouseLeave={onHover ? () => onHover(null) : undefined}
        onClick={onSelect ? () => onSelect(k) : undefined}
      >
        <title>{tip}</title>
      </rect>,
    );
  }

  const boundaryPaths = boundaryRuns.map(({ b, runs, dash }) => ({
    b,
    dash,
    d: runs.map((run) => run.map(([lr, ld], i) => `${i === 0 ? 'M' : 'L'}${px(x(10 ** lr))},${px(y(10 ** ld))}`).join('')).join(''),
  }));

  const xMajor = logTicks(xDomain);
  const yMajor = logTicks(yDomain);
  const xMinor = minorLogTicks(xDomain, xMajor);
  const yMinor = minorLogTicks(yDomain, yMajor);

  const selectedIndex = selected != null && Number.isInteger(selected) && selected >= 0 && selected < cellCount ? selected : null;

  const onKeyDown = onSelect
    ? (e: KeyboardEvent<SVGSVGElement>) => {
        if (cellCount === 0) return;
        const keys = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', ' '];
        if (!keys.includes(e.key)) return;
        e.preventDefault();
        if (selectedIndex === null) {
          onSelect(0);
          return;
        }
        if (e.key === 'Enter' || e.key === ' ') {
          onSelect(selectedIndex);
          return;
        }
        const row = Math.floor(selectedIndex / cols);
        const col = selectedIndex - row * cols;
        // Move the way the arrow points on screen, whichever order the grid values come in.
        const colRight = xEdges[cols] >= xEdges[0] ? 1 : -1;
        const rowUp = yEdges[rows] <= yEdges[0] ? 1 : -1;
        const step = { ArrowLeft: [0, -colRight], ArrowRight: [0, colRight], ArrowUp: [rowUp, 0], ArrowDown: [-rowUp, 0] }[e.key];
        if (!step) return;
        const r2 = row + step[0];
        const c2 = col + step[1];
        if (r2 >= 0 && r2 < rows && c2 >= 0 && c2 < cols) onSelect(r2 * cols + c2);
      }
    : undefined;

  const label = onSelect ? `${title}. Arrow keys move the selected cell, Enter selects it.` : title;
  const plotW = plot.x1 - plot.x0;
  const plotH = plot.y1 - plot.y0;
  const legendY = plot.y1 + 44;

  return (
    <svg
      {...svgRootProps('phase-diagram', w, totalHeight, label)}
      tabIndex={onSelect ? 0 : undefined}
      onKeyDown={onKeyDown}
      data-mode={mode}
      data-disagreements={disagreement ? disagreements : undefined}
    >
      <title>{title}</title>
      <rect x={0} y={0} width={px(w)} height={px(totalHeight)} fill={BACKGROUND} />
      {/* crispEdges: no anti-aliased hairline seams between abutting cells. */}
      <g data-layer="cells" shapeRendering="crispEdges">
        {cells}
      </g>
      <rect
        data-layer="plot-area"
        x={px(plot.x0)}
        y={px(plot.y0)}
        width={px(plotW)}
        height={px(plotH)}
        fill="none"
        stroke={AXIS_COLOR}
        strokeWidth={0.75}
        pointerEvents="none"
      />
      <g data-layer="boundaries" pointerEvents="none">
        {boundaryPaths.map(({ b, d, dash }) =>
          d ? (
            <g key={b.id} data-boundary={b.id}>
              <title>{b.label}</title>
              <path d={d} fill="none" stroke={BACKGROUND} strokeOpacity={0.9} strokeWidth={4.5} strokeLinejoin="round" strokeLinecap="round" />
              <path d={d} fill="none" stroke={TEXT_COLOR} strokeWidth={1.75} strokeDasharray={dash} strokeLinejoin="round" />
            </g>
          ) : null,
        )}
      </g>
      {selectedIndex !== null
        ? (() => {
            const box = cellBox(selectedIndex);
            return (
              <g data-selected={selectedIndex} pointerEvents="none">
                <rect x={box.x} y={box.y} width={box.width} height={box.height} fill="none" stroke={BACKGROUND} strokeWidth={4.5} />
                <rect x={box.x} y={box.y} width={box.width} height={box.height} fill="none" stroke={TEXT_COLOR} strokeWidth={2} />
              </g>
            );
          })()
        : null}
      <g data-layer="x-axis">
        {xMinor.map((t) => (
          <line key={`m${t}`} x1={px(x(t))} x2={px(x(t))} y1={px(plot.y1)} y2={px(plot.y1 + 3)} stroke={AXIS_COLOR} strokeWidth={0.75} />
        ))}
        {xMajor.map((t) => (
          <g key={t} data-tick={t}>
            <line x1={px(x(t))} x2={px(x(t))} y1={px(plot.y1)} y2={px(plot.y1 + 6)} stroke={AXIS_COLOR} />
            <text x={px(x(t))} y={px(plot.y1 + 17)} textAnchor="middle" fontSize={FONT_SIZE - 1} fill={MUTED_TEXT_COLOR}>
              {fmt(t)}
            </text>
          </g>
        ))}
        <text x={px(plot.x0 + plotW / 2)} y={px(plot.y1 + 33)} textAnchor="middle" fontSize={FONT_SIZE} fill={TEXT_COLOR}>
          relative importance r of the extra feature
        </text>
      </g>
      <g data-layer="y-axis">
        {yMinor.map((t) => (
          <line key={`m${t}`} x1={px(plot.x0 - 3)} x2={px(plot.x0)} y1={px(y(t))} y2={px(y(t))} stroke={AXIS_COLOR} strokeWidth={0.75} />
        ))}
        {yMajor.map((t) => (
          <g key={t} data-tick={t}>
            <line x1={px(plot.x0 - 6)} x2={px(plot.x0)} y1={px(y(t))} y2={px(y(t))} stroke={AXIS_COLOR} />
            <text x={px(plot.x0 - 8)} y={px(y(t))} textAnchor="end" dominantBaseline="central" fontSize={FONT_SIZE - 1} fill={MUTED_TEXT_COLOR}>
              {fmt(t)}
            </text>
          </g>
        ))}
        <text
          transform={`translate(${px(14)},${px(plot.y0 + plotH / 2)}) rotate(-90)`}
          textAnchor="middle"
          dominantBaseline="central"
          fontSize={FONT_SIZE}
          fill={TEXT_COLOR}
        >
          feature density 1 − S
        </text>
      </g>
      <g data-layer="legend">
        {legendLayout.map((item) => {
          const rowY = legendY + item.row * LEGEND_ROW;
          return (
            <g key={item.key} data-legend={item.key}>
              {item.line ? (
                <line
                  x1={px(item.x)}
                  x2={px(item.x + LEGEND_LINE)}
                  y1={px(rowY + LEGEND_SWATCH / 2)}
                  y2={px(rowY + LEGEND_SWATCH / 2)}
                  stroke={TEXT_COLOR}
                  strokeWidth={1.75}
                  strokeDasharray={item.dash}
                />
              ) : item.key === 'agrees' ? (
                // Agreeing cells keep their phase colour, faded: show all three, faded.
                PHASE_ORDER.map((p, i) => (
                  <rect
                    key={p}
                    x={px(item.x + (i * LEGEND_SWATCH) / 3)}
                    y={px(rowY)}
                    width={px(LEGEND_SWATCH / 3)}
                    height={LEGEND_SWATCH}
                    fill={PHASE_COLORS[p]}
                    fillOpacity={AGREE_OPACITY}
                  />
                ))
              ) : (
                <rect
                  x={px(item.x)}
                  y={px(rowY)}
                  width={LEGEND_SWATCH}
                  height={LEGEND_SWATCH}
                  fill={item.fill}
                  fillOpacity={item.opacity < 1 ? item.opacity : undefined}
                  stroke={item.stroke}
                  strokeWidth={item.stroke ? 0.5 : undefined}
                />
              )}
              <text
                x={px(item.x + (item.line ? LEGEND_LINE : LEGEND_SWATCH) + 5)}
                y={px(rowY + LEGEND_SWATCH / 2)}
                dominantBaseline="central"
                fontSize={LEGEND_FONT}
                fill={TEXT_COLOR}
              >
                {item.label}
              </text>
            </g>
          );
        })}
      </g>
    </svg>
  );
}

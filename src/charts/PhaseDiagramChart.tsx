/**
 * The paper's phase diagram for the extra feature of a small toy model: relative importance r
 * of the extra feature (log x) against feature density 1 − S (log y, dense at the top). Every
 * grid cell is one trained model, coloured by the phase its extra feature ended up in; the
 * analytic boundaries between the phases are drawn on top. In 'disagreement' mode the cells
 * whose phase differs from a reference (the closed-form theory) are shown dark, the rest faded.
 */
import { memo, type KeyboardEvent, type MouseEvent, type ReactElement } from 'react';
import { fmt } from '../model/format';
import type { Phase } from '../model/theory';
import type { Box, Scale } from './axes';
import { Frame, dimension, keyboardSelect, plotLayout } from './frame';
import { stripedSwatch, type LegendItem } from './legend';
import { clipPolyline, logCellEdges } from './log-grid';
import {
  AGREE_OPACITY,
  AXIS_COLOR,
  BACKGROUND,
  DISAGREE_COLOR,
  MUTED_TEXT_COLOR,
  PHASE_COLORS,
  PHASE_LABELS,
  PHASE_ORDER,
  TEXT_COLOR,
  UNTRAINED_COLOR,
  finite,
  px,
  validIndex,
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
  /**
   * 'phases' colours cells by phase; 'disagreement' shows cells whose phase differs from `reference` dark, the rest
   * faded.
   */
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

/** A cell's phase from a list, or null when missing or not a phase. */
const phaseAt = (list: ReadonlyArray<Phase | null> | undefined, k: number): Phase | null => {
  const p = list?.[k];
  return p != null && p in PHASE_COLORS ? p : null;
};

/** The boundaries as (log r, log density) runs clipped to the grid; non-positive or non-finite points break a line. */
function boundaryRuns(boundaries: readonly PhaseBoundary[], logBox: Box) {
  return boundaries
    .map((b, bi) => {
      const pts = (b?.points ?? []).map((p): [number, number] | null => {
        const lr = p ? Math.log10(p.r) : NaN;
        const ld = p ? Math.log10(p.density) : NaN;
        return Number.isFinite(lr) && Number.isFinite(ld) ? [lr, ld] : null;
      });
      return { b, runs: clipPolyline(pts, logBox), dash: BOUNDARY_DASHES[bi % BOUNDARY_DASHES.length] };
    })
    .filter((v) => v.runs.length > 0);
}

/**
 * Legend: the phases (faded in disagreement mode), agrees/disagrees, untrained cells, then the boundaries on a row of
 * their own.
 */
function phaseLegend(
  disagreement: boolean,
  anyUntrained: boolean,
  boundaries: readonly { b: PhaseBoundary; dash?: string }[],
): LegendItem[] {
  const items: LegendItem[] = PHASE_ORDER.map((p) => ({
    key: p,
    label: PHASE_LABELS[p],
    color: PHASE_COLORS[p],
    opacity: disagreement ? AGREE_OPACITY : 1,
  }));
  if (disagreement) {
    items.push(
      // Agreeing cells keep their phase colour, faded: show all three, faded.
      {
        key: 'agrees',
        label: 'agrees',
        color: MUTED_TEXT_COLOR,
        draw: stripedSwatch(
          PHASE_ORDER.map((p) => PHASE_COLORS[p]),
          AGREE_OPACITY,
        ),
      },
      { key: 'disagrees', label: 'disagrees', color: DISAGREE_COLOR },
    );
  }
  if (anyUntrained)
    items.push({ key: 'untrained', label: 'not trained yet', color: UNTRAINED_COLOR, stroke: AXIS_COLOR });
  boundaries.forEach(({ b, dash }, i) =>
    items.push({ key: `boundary-${b.id}`, label: b.label, color: TEXT_COLOR, mark: 'line', dash, newRow: i === 0 }),
  );
  return items;
}

/**
 * Arrow keys move the selection the way the arrow points on screen, whatever order the grid values come in; Enter/space
 * re-select.
 */
function gridKeyHandler(
  rows: number,
  cols: number,
  selected: number | null,
  screen: { colRight: number; rowUp: number },
  onSelect: (index: number) => void,
) {
  return (e: KeyboardEvent<SVGSVGElement>) => {
    if (rows * cols === 0) return;
    if (!['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Enter', ' '].includes(e.key)) return;
    e.preventDefault();
    if (selected === null) return onSelect(0);
    if (e.key === 'Enter' || e.key === ' ') return onSelect(selected);
    const row = Math.floor(selected / cols);
    const col = selected - row * cols;
    const { colRight, rowUp } = screen;
    const step = { ArrowLeft: [0, -colRight], ArrowRight: [0, colRight], ArrowUp: [rowUp, 0], ArrowDown: [-rowUp, 0] }[
      e.key
    ];
    if (!step) return;
    const r2 = row + step[0];
    const c2 = col + step[1];
    if (r2 >= 0 && r2 < rows && c2 >= 0 && c2 < cols) onSelect(r2 * cols + c2);
  };
}

interface PhaseCellProps {
  k: number;
  phase: Phase | null;
  differs: boolean;
  faded: boolean;
  x: number;
  y: number;
  width: number;
  height: number;
  tip: string;
  pointer: boolean;
}

/** One grid cell; memoised so that a snapshot re-renders only the cells whose phase changed. */
const PhaseCell = memo(function PhaseCell({
  k,
  phase,
  differs,
  faded,
  x,
  y,
  width,
  height,
  tip,
  pointer,
}: PhaseCellProps) {
  return (
    <rect
      data-cell={k}
      data-phase={phase ?? 'untrained'}
      data-disagree={differs ? 'true' : undefined}
      x={x}
      y={y}
      width={width}
      height={height}
      fill={phase === null ? UNTRAINED_COLOR : differs ? DISAGREE_COLOR : PHASE_COLORS[phase]}
      fillOpacity={faded ? AGREE_OPACITY : undefined}
      stroke={phase === null ? BACKGROUND : 'none'}
      strokeWidth={phase === null ? 0.5 : undefined}
      cursor={pointer ? 'pointer' : undefined}
    >
      <title>{tip}</title>
    </rect>
  );
});

type CellBox = { x: number; y: number; width: number; height: number };

/** Every cell's phase, whether it differs from the reference (disagreement mode only), and its tooltip. */
function cellStates(
  rValues: ArrayLike<number>,
  densityValues: ArrayLike<number>,
  phases: ReadonlyArray<Phase | null>,
  reference: ReadonlyArray<Phase | null> | undefined,
  disagreement: boolean,
) {
  const cols = rValues.length;
  return Array.from({ length: rValues.length * densityValues.length }, (_, k) => {
    const row = Math.floor(k / cols);
    const col = k - row * cols;
    const phase = phaseAt(phases, k);
    const ref = disagreement ? phaseAt(reference, k) : null;
    const differs = disagreement && phase !== null && ref !== null && phase !== ref;
    let tip = `r = ${fmt(rValues[col])}, 1−S = ${fmt(densityValues[row])}: ${phase ? PHASE_LABELS[phase] : 'not trained yet'}`;
    if (disagreement && phase !== null) tip += ref ? ` (reference: ${PHASE_LABELS[ref]})` : ' (no reference)';
    return { phase, differs, faded: disagreement && phase !== null && !differs, tip };
  });
}

/**
 * Hover and click on the cells layer. One set of handlers on the layer, not three closures per
 * cell: a 24×24 grid re-rendered at every snapshot spent most of its frame re-attaching them.
 */
function cellEvents(onHover?: (index: number | null) => void, onSelect?: (index: number) => void) {
  const cellOf = (e: MouseEvent<SVGGElement>) => {
    const at = (e.target as Element).closest('[data-cell]');
    return at ? Number(at.getAttribute('data-cell')) : null;
  };
  return {
    onMouseOver: onHover ? (e: MouseEvent<SVGGElement>) => onHover(cellOf(e)) : undefined,
    onMouseLeave: onHover ? () => onHover(null) : undefined,
    onClick: onSelect
      ? (e: MouseEvent<SVGGElement>) => {
          const k = cellOf(e);
          if (k !== null) onSelect(k);
        }
      : undefined,
  };
}

/** The analytic boundaries: a light casing under a dark line, dashed differently each. */
function BoundaryLines({
  curves,
  x,
  y,
}: {
  curves: ReturnType<typeof boundaryRuns>;
  x: Scale;
  y: Scale;
}): ReactElement {
  return (
    <g data-layer="boundaries" pointerEvents="none">
      {curves.map(({ b, runs, dash }) => {
        const d = runs
          .map((run) =>
            run.map(([lr, ld], i) => `${i === 0 ? 'M' : 'L'}${px(x(10 ** lr))},${px(y(10 ** ld))}`).join(''),
          )
          .join('');
        return (
          <g key={b.id} data-boundary={b.id}>
            <title>{b.label}</title>
            <path
              d={d}
              fill="none"
              stroke={BACKGROUND}
              strokeOpacity={0.9}
              strokeWidth={4.5}
              strokeLinejoin="round"
              strokeLinecap="round"
            />
            <path
              d={d}
              fill="none"
              stroke={TEXT_COLOR}
              strokeWidth={1.75}
              strokeDasharray={dash}
              strokeLinejoin="round"
            />
          </g>
        );
      })}
    </g>
  );
}

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
  const cols = Math.max(0, Math.floor(finite(rValues.length)));
  const rows = Math.max(0, Math.floor(finite(densityValues.length)));
  const cellCount = rows * cols;
  const disagreement = mode === 'disagreement';
  const states = cellStates(rValues, densityValues, phases, reference, disagreement);
  const anyUntrained = states.some((c) => c.phase === null);

  const xEdgesLog = logCellEdges(rValues, [0.1, 10]);
  const yEdgesLog = logCellEdges(densityValues, [1, 0.01]);
  const logBox = {
    x0: Math.min(...xEdgesLog),
    x1: Math.max(...xEdgesLog),
    y0: Math.min(...yEdgesLog),
    y1: Math.max(...yEdgesLog),
  };
  const curves = boundaryRuns(boundaries, logBox);
  const plot = plotLayout({
    width: dimension(width, 420, 200),
    height: dimension(height, 440, 180),
    margin: { right: 16 },
    x: {
      type: 'log',
      domain: [10 ** logBox.x0, 10 ** logBox.x1],
      minor: true,
      label: 'relative importance r of the extra feature',
    },
    // Dense (1 − S = 1) at the top, sparse at the bottom, as in the paper.
    y: { type: 'log', domain: [10 ** logBox.y0, 10 ** logBox.y1], minor: true, label: 'feature density 1 − S' },
    legend: phaseLegend(disagreement, anyUntrained, curves),
    border: true,
  });
  const x = plot.x.scale;
  const y = plot.y.scale;
  const xEdges = xEdgesLog.map((l) => px(x(10 ** l)));
  const yEdges = yEdgesLog.map((l) => px(y(10 ** l)));
  const cellBox = (k: number): CellBox => {
    const row = Math.floor(k / Math.max(1, cols));
    const col = k - row * cols;
    const [xa, xb] = [xEdges[col], xEdges[col + 1]];
    const [ya, yb] = [yEdges[row], yEdges[row + 1]];
    return { x: Math.min(xa, xb), y: Math.min(ya, yb), width: px(Math.abs(xb - xa)), height: px(Math.abs(yb - ya)) };
  };

  const selectedIndex = validIndex(selected, cellCount);
  const screen = { colRight: xEdges[cols] >= xEdges[0] ? 1 : -1, rowUp: yEdges[rows] <= yEdges[0] ? 1 : -1 };
  const select = keyboardSelect(
    title,
    'Arrow keys move the selected cell, Enter selects it.',
    onSelect && gridKeyHandler(rows, cols, selectedIndex, screen, onSelect),
  );
  return (
    <Frame
      plot={plot}
      chart="phase-diagram"
      title={title}
      {...select}
      data-mode={mode}
      data-disagreements={disagreement ? states.filter((c) => c.differs).length : undefined}
    >
      {/* crispEdges: no anti-aliased hairline seams between abutting cells. */}
      <g data-layer="cells" shapeRendering="crispEdges" {...cellEvents(onHover, onSelect)}>
        {states.map((c, k) => (
          <PhaseCell key={k} k={k} {...c} {...cellBox(k)} pointer={!!onSelect} />
        ))}
      </g>
      <BoundaryLines curves={curves} x={x} y={y} />
      {selectedIndex !== null ? (
        <g data-selected={selectedIndex} pointerEvents="none">
          <rect {...cellBox(selectedIndex)} fill="none" stroke={BACKGROUND} strokeWidth={4.5} />
          <rect {...cellBox(selectedIndex)} fill="none" stroke={TEXT_COLOR} strokeWidth={2} />
        </g>
      ) : null}
    </Frame>
  );
}

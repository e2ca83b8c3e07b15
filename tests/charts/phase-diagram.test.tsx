/**
 * The phase diagram: cells tile the plot, phases and disagreements are marked, boundaries stay inside, no NaN; keyboard
 * and pointer.
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { logCellEdges } from '../../src/charts/log-grid';
import { PhaseDiagramChart, type Phase, type PhaseDiagramChartProps } from '../../src/charts/PhaseDiagramChart';
import { BACKGROUND, PHASE_COLORS } from '../../src/charts/theme';
import { badAttributes, parse } from './svg';

const logSpace = (a: number, b: number, k: number) =>
  Array.from({ length: k }, (_, i) => 10 ** (Math.log10(a) + ((Math.log10(b) - Math.log10(a)) * i) / (k - 1)));
const R = logSpace(0.1, 10, 24);
const D = logSpace(1, 0.01, 24);

/** A plausible diagram: dense → dedicated or dropped by r, sparse → superposition; the last two rows untrained. */
function toyPhases(): (Phase | null)[] {
  const out: (Phase | null)[] = [];
  for (let row = 0; row < D.length; row++) {
    for (let col = 0; col < R.length; col++) {
      if (row >= D.length - 2) out.push(null);
      else if (D[row] > 0.3) out.push(R[col] < 1 ? 'not-represented' : 'dedicated');
      else out.push(R[col] < 0.3 ? 'not-represented' : 'superposition');
    }
  }
  return out;
}

type Cell = { index: number; phase: string; x: number; y: number; width: number; height: number; disagree: boolean };

function cellsOf(markup: string): Cell[] {
  const { doc } = parse(markup);
  return Array.from(doc.getElementsByTagName('rect'))
    .filter((r) => r.getAttribute('data-cell') !== null)
    .map((r) => ({
      index: Number(r.getAttribute('data-cell')),
      phase: r.getAttribute('data-phase')!,
      x: Number(r.getAttribute('x')),
      y: Number(r.getAttribute('y')),
      width: Number(r.getAttribute('width')),
      height: Number(r.getAttribute('height')),
      disagree: r.getAttribute('data-disagree') === 'true',
    }));
}

function plotBox(markup: string) {
  const { doc } = parse(markup);
  const r = Array.from(doc.getElementsByTagName('rect')).find((e) => e.getAttribute('data-layer') === 'plot-area')!;
  const [x, y, width, height] = ['x', 'y', 'width', 'height'].map((a) => Number(r.getAttribute(a)));
  return { x0: x, y0: y, x1: x + width, y1: y + height, width, height };
}

/** The props React would hand to the <svg> and to each cell, without a DOM (the component has no hooks). */
function elementTree(props: PhaseDiagramChartProps) {
  const root = PhaseDiagramChart(props) as ReactElement<Record<string, unknown>>;
  return root;
}

describe('PhaseDiagramChart: cells, phases and axes', () => {
  const phases = toyPhases();

  it('draws one cell per grid point, tiling the plot area with shared edges', () => {
    const svg = renderToStaticMarkup(<PhaseDiagramChart rValues={R} densityValues={D} phases={phases} />);
    expect(parse(svg).errors).toEqual([]);
    const cells = cellsOf(svg);
    expect(cells).toHaveLength(24 * 24);
    const box = plotBox(svg);
    const at = (row: number, col: number) => cells[row * 24 + col];
    for (let row = 0; row < 24; row++) {
      const widths = Array.from({ length: 24 }, (_, col) => at(row, col).width).reduce((a, b) => a + b, 0);
      expect(Math.abs(widths - box.width)).toBeLessThan(1);
      expect(at(row, 0).x).toBeCloseTo(box.x0, 1);
      expect(at(row, 23).x + at(row, 23).width).toBeCloseTo(box.x1, 1);
      for (let col = 0; col + 1 < 24; col++) {
        // Horizontal neighbours share their vertical edge; rows are aligned.
        expect(Math.abs(at(row, col).x + at(row, col).width - at(row, col + 1).x)).toBeLessThan(0.02);
        expect(at(row, col).y).toBe(at(row, col + 1).y);
      }
    }
    for (let col = 0; col < 24; col++) {
      const heights = Array.from({ length: 24 }, (_, row) => at(row, col).height).reduce((a, b) => a + b, 0);
      expect(Math.abs(heights - box.height)).toBeLessThan(1);
      // Row 0 (density 1) at the top, the last row (0.01) at the bottom.
      expect(at(0, col).y).toBeCloseTo(box.y0, 1);
      expect(at(23, col).y + at(23, col).height).toBeCloseTo(box.y1, 1);
      for (let row = 0; row + 1 < 24; row++) {
        expect(Math.abs(at(row, col).y + at(row, col).height - at(row + 1, col).y)).toBeLessThan(0.02);
      }
    }
    // Log-spaced grid ⇒ equal cells, except the edge cells which are equal too (half a step each side).
    const w0 = at(0, 0).width;
    for (const c of cells) expect(Math.abs(c.width - w0)).toBeLessThan(0.05);
  });

  it('marks each cell with its phase, untrained cells as "untrained", and colours by phase', () => {
    const svg = renderToStaticMarkup(<PhaseDiagramChart rValues={R} densityValues={D} phases={phases} />);
    const cells = cellsOf(svg);
    for (const c of cells) expect(c.phase).toBe(phases[c.index] ?? 'untrained');
    expect(cells.filter((c) => c.phase === 'untrained')).toHaveLength(48);
    expect(cells.filter((c) => c.disagree)).toHaveLength(0);
    for (const p of ['not-represented', 'dedicated', 'superposition'] as const) {
      expect(svg).toContain(`data-phase="${p}" x=`);
      expect(svg).toContain(`fill="${PHASE_COLORS[p]}"`);
    }
    // Tooltip names the grid point and the phase.
    expect(svg).toMatch(/<title>r = 0\.1, 1−S = 1: not represented<\/title>/);
    expect(svg).toContain('1−S = 0.01: not trained yet</title>');
    // Legend and axis titles.
    for (const s of [
      'not represented',
      'dedicated dimension',
      'superposition',
      'not trained yet',
      'relative importance r of the extra feature',
      'feature density 1 − S',
    ]) {
      expect(svg).toContain(`>${s}</text>`);
    }
    expect(svg).not.toContain('data-legend-item="disagrees"');
  });

  it('colours are distinct from each other and from the background', () => {
    const all = [...Object.values(PHASE_COLORS), BACKGROUND].map((c) => c.toLowerCase());
    expect(new Set(all).size).toBe(all.length);
  });

  it('ticks sit at decades with plain labels, minor ticks between, density 1 at the top', () => {
    const svg = renderToStaticMarkup(<PhaseDiagramChart rValues={R} densityValues={D} phases={phases} />);
    const { doc } = parse(svg);
    const groups = Array.from(doc.getElementsByTagName('g'));
    const ticks = (layer: string) =>
      Array.from(groups.find((g) => g.getAttribute('data-layer') === layer)!.getElementsByTagName('g'))
        .filter((g) => g.getAttribute('data-tick') !== null)
        .map((g) => ({
          v: Number(g.getAttribute('data-tick')),
          label: g.getElementsByTagName('text')[0].textContent,
          line: g.getElementsByTagName('line')[0],
        }));
    const xt = ticks('x-axis');
    const yt = ticks('y-axis');
    expect(xt.map((t) => t.label)).toEqual(['0.1', '1', '10']);
    expect(yt.map((t) => t.label).sort()).toEqual(['0.01', '0.1', '1']);
    const yOf = (v: number) => Number(yt.find((t) => t.v === v)!.line.getAttribute('y1'));
    expect(yOf(1)).toBeLessThan(yOf(0.1));
    expect(yOf(0.1)).toBeLessThan(yOf(0.01));
    // Minor ticks: 2…9 per decade, 8 in each of the two decades of each axis.
    const minor = (layer: string) =>
      Array.from(groups.find((g) => g.getAttribute('data-layer') === layer)!.childNodes).filter(
        (n) => n.nodeName === 'line',
      ).length;
    expect(minor('x-axis')).toBe(16);
    expect(minor('y-axis')).toBe(16);
  });
});

describe('PhaseDiagramChart: disagreement, boundaries and degenerate input', () => {
  const phases = toyPhases();

  it('disagreement mode marks exactly the cells whose phase differs from the reference', () => {
    const reference = phases.map((p) => p);
    const flipped = new Set<number>();
    for (const k of [0, 5, 30, 100, 250, 400, 527]) {
      const p = phases[k]!;
      reference[k] = p === 'superposition' ? 'dedicated' : 'superposition';
      flipped.add(k);
    }
    reference[3] = null; // no reference: not a disagreement
    reference[560] = 'dedicated'; // untrained cell (row 23): not a disagreement
    const svg = renderToStaticMarkup(
      <PhaseDiagramChart rValues={R} densityValues={D} phases={phases} reference={reference} mode="disagreement" />,
    );
    expect(parse(svg).errors).toEqual([]);
    const cells = cellsOf(svg);
    const marked = cells.filter((c) => c.disagree).map((c) => c.index);
    expect(marked).toHaveLength(flipped.size);
    expect(new Set(marked)).toEqual(flipped);
    expect(svg).toContain(`data-disagreements="${flipped.size}"`);
    // The trained phase stays on the cell; the tooltip names both.
    expect(cells[0].phase).toBe('not-represented');
    expect(svg).toContain('r = 0.1, 1−S = 1: not represented (reference: superposition)</title>');
    expect(svg).toContain('data-legend-item="agrees"');
    expect(svg).toContain('data-legend-item="disagrees"');
    expect(svg).toContain('>agrees</text>');
    expect(svg).toContain('>disagrees</text>');
  });

  it('boundaries are clipped to the plot box and drawn with a halo', () => {
    const boundaries = [
      {
        id: 'wild',
        label: 'leaves and re-enters',
        points: [
          { r: 0.001, density: 10 },
          { r: 1, density: 0.1 },
          { r: 1000, density: 0.1 },
          { r: NaN, density: 0.5 },
          { r: 0.5, density: 0.5 },
          { r: 2, density: 0.2 },
          { r: 2, density: 1e-6 },
          { r: 3, density: 1e-6 },
          { r: 5, density: 0.5 },
        ],
      },
      {
        id: 'outside',
        label: 'never visible',
        points: [
          { r: 100, density: 0.5 },
          { r: 1000, density: 0.05 },
        ],
      },
    ];
    const svg = renderToStaticMarkup(
      <PhaseDiagramChart rValues={R} densityValues={D} phases={phases} boundaries={boundaries} />,
    );
    expect(parse(svg).errors).toEqual([]);
    const box = plotBox(svg);
    const { doc } = parse(svg);
    const group = Array.from(doc.getElementsByTagName('g')).find((g) => g.getAttribute('data-boundary') === 'wild')!;
    const paths = Array.from(group.getElementsByTagName('path'));
    expect(paths).toHaveLength(2); // halo + line
    expect(paths[0].getAttribute('stroke')).toBe(BACKGROUND);
    expect(Number(paths[0].getAttribute('stroke-width'))).toBeGreaterThan(
      Number(paths[1].getAttribute('stroke-width')),
    );
    const d = paths[1].getAttribute('d')!;
    expect(d).toMatch(/^M/);
    const coords = Array.from(d.matchAll(/(-?[\d.]+),(-?[\d.]+)/g), (mm) => [Number(mm[1]), Number(mm[2])]);
    expect(coords.length).toBeGreaterThan(4);
    for (const [px, py] of coords) {
      expect(px).toBeGreaterThanOrEqual(box.x0 - 0.01);
      expect(px).toBeLessThanOrEqual(box.x1 + 0.01);
      expect(py).toBeGreaterThanOrEqual(box.y0 - 0.01);
      expect(py).toBeLessThanOrEqual(box.y1 + 0.01);
    }
    // It touches the box where it was clipped, and breaks into separate runs at the NaN and the dip below.
    expect(coords.some(([px]) => Math.abs(px - box.x0) < 0.02)).toBe(true);
    expect(coords.some(([px]) => Math.abs(px - box.x1) < 0.02)).toBe(true);
    expect(coords.filter(([, py]) => Math.abs(py - box.y1) < 0.02)).toHaveLength(2);
    expect((d.match(/M/g) ?? []).length).toBe(3);
    // Boundaries are named in the legend with their line style; one wholly outside draws nothing.
    expect(svg).toContain('data-legend-item="boundary-wild"');
    expect(svg).toContain('>leaves and re-enters</text>');
    expect(svg).not.toContain('data-boundary="outside"');
    expect(svg).not.toContain('never visible');
  });

  it('never emits NaN or Infinity, even for degenerate input', () => {
    const bad: PhaseDiagramChartProps[] = [
      { rValues: [NaN, 1, 10], densityValues: [1, Infinity, 0.01], phases: ['dedicated', null, 'bogus' as Phase] },
      { rValues: [0, 0, 0], densityValues: [-1, -1], phases: [] },
      { rValues: [1], densityValues: [0.5], phases: ['superposition'], selected: NaN, width: NaN, height: Infinity },
      { rValues: [], densityValues: [], phases: [], mode: 'disagreement' },
      {
        rValues: R,
        densityValues: D,
        phases,
        mode: 'disagreement',
        reference: [],
        selected: 3,
        boundaries: [
          {
            id: 'b',
            label: 'b',
            points: [
              { r: NaN, density: NaN },
              { r: Infinity, density: 0 },
              { r: 1, density: 0.5 },
              { r: 1e300, density: 1e-300 },
            ],
          },
        ],
      },
    ];
    for (const props of bad) {
      const svg = renderToStaticMarkup(<PhaseDiagramChart {...props} />);
      expect(badAttributes(svg)).toEqual([]);
      expect(parse(svg).errors).toEqual([]);
      expect(cellsOf(svg)).toHaveLength(props.rValues.length * props.densityValues.length);
    }
    expect(logCellEdges([NaN, 1], [0.1, 10]).every(Number.isFinite)).toBe(true);
  });
});

describe('PhaseDiagramChart: keyboard and pointer', () => {
  const phases = toyPhases();

  it('is keyboard-operable only when selectable: arrows move the selection, Enter re-selects', () => {
    const plain = renderToStaticMarkup(<PhaseDiagramChart rValues={R} densityValues={D} phases={phases} />);
    expect(plain).not.toContain('tabindex');
    expect(plain).not.toContain('data-selected');

    const svg = renderToStaticMarkup(
      <PhaseDiagramChart rValues={R} densityValues={D} phases={phases} selected={5} onSelect={() => {}} />,
    );
    expect(svg).toMatch(/^<svg[^>]*tabindex="0"/);
    expect(svg).toContain('data-selected="5"');
    // Cells themselves are not tab stops.
    expect((svg.match(/tabindex=/g) ?? []).length).toBe(1);

    const press = (selected: number | null, key: string) => {
      const onSelect = vi.fn();
      const root = elementTree({ rValues: R, densityValues: D, phases, selected, onSelect });
      const preventDefault = vi.fn();
      (root.props.onKeyDown as (e: unknown) => void)({ key, preventDefault });
      return onSelect.mock.calls.map((c) => c[0]);
    };
    expect(press(5, 'ArrowRight')).toEqual([6]);
    expect(press(5, 'ArrowLeft')).toEqual([4]);
    expect(press(5, 'ArrowDown')).toEqual([29]); // next row = sparser = lower on screen
    expect(press(29, 'ArrowUp')).toEqual([5]);
    expect(press(5, 'ArrowUp')).toEqual([]); // already in the top row
    expect(press(23, 'ArrowRight')).toEqual([]); // already in the last column
    expect(press(5, 'Enter')).toEqual([5]);
    expect(press(null, 'ArrowRight')).toEqual([0]);
    expect(press(5, 'a')).toEqual([]);
  });

  it('cells report hover and click', () => {
    const onHover = vi.fn();
    const onSelect = vi.fn();
    const root = elementTree({ rValues: R, densityValues: D, phases, onHover, onSelect });
    const layers = (root.props.children as ReactElement<Record<string, unknown>>[]).flat();
    const cellLayer = layers.find((el) => el?.props?.['data-layer'] === 'cells')!;
    // The layer handles the cells' events (one set of handlers, not three per cell): a pointer
    // event on a cell (or its <title>) reaches it with the cell's data-cell.
    const on = cellLayer.props as Record<string, (e?: unknown) => void>;
    const eventAt = (cell: string | null) => ({
      target: {
        closest: (sel: string) => (sel === '[data-cell]' && cell !== null ? { getAttribute: () => cell } : null),
      },
    });
    on.onMouseOver(eventAt('42'));
    on.onMouseOver(eventAt(null)); // the gap between cells
    on.onMouseLeave();
    on.onClick(eventAt('42'));
    on.onClick(eventAt(null));
    expect(onHover.mock.calls).toEqual([[42], [null], [null]]);
    expect(onSelect.mock.calls).toEqual([[42]]);
    // Cells carry no handlers of their own.
    const cells = cellLayer.props.children as ReactElement<Record<string, unknown>>[];
    expect(cells[42].props.onClick).toBeUndefined();
    expect(cells[42].props.k).toBe(42);
  });
});

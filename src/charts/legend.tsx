/**
 * The frame's keys: a wrapped legend of marks and labels, and a colour ramp for continuous
 * colour scales. Ramps are discrete swatches, not a <linearGradient>: gradients need
 * document-wide ids, which collide when several charts share a page and break when one SVG is
 * exported alone.
 */
import type { ReactElement, ReactNode } from 'react';
import { Text } from './text';
import { AXIS_COLOR, TYPE, px } from './theme';

export type LegendMark = 'line' | 'dashed' | 'square' | 'outline' | 'dot' | 'ring';

export interface LegendItem {
  /** Its math (‖W‖_F^2) is typeset. */
  label: string;
  color: string;
  mark?: LegendMark;
  /** Dash pattern of a line mark (default: solid for 'line', '4 2' for 'dashed'). */
  dash?: string;
  /** Fill opacity of a square. */
  opacity?: number;
  /** Outline of a square (e.g. a pale swatch on the background). */
  stroke?: string;
  /** A mark of its own, drawn in the 10-px square with top-left (x, y). */
  draw?(x: number, y: number): ReactElement;
  /** data-legend-item value (default the label). */
  key?: string;
  /** Start a new row with this item. */
  newRow?: boolean;
}

const ROW = 15;
const SWATCH = 10;
const LINE = 20;
const GAP = 4;
const SPACING = 14;

const markWidth = (item: LegendItem) => (item.mark === 'line' || item.mark === 'dashed' ? LINE : SWATCH);

/** Rough text width at the legend's size (no DOM measurement in Node): 0.56 em per character. */
export function textWidth(s: string, size: number = TYPE.tick): number {
  return s.length * size * 0.56;
}

/** Words wrapped greedily into lines of at most `width` px (a longer word gets a line of its own). */
export function wrapText(text: string, width: number, size: number = TYPE.tick): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && textWidth(`${last} ${word}`, size) <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export interface LegendLayout {
  rows: { item: LegendItem; x: number }[][];
  height: number;
}

/** Items in rows wrapped to maxWidth (or where an item asks for a new row); the height, for the caller's layout. */
export function legendLayout(items: readonly LegendItem[], maxWidth: number): LegendLayout {
  const rows: { item: LegendItem; x: number }[][] = [];
  let row: { item: LegendItem; x: number }[] = [];
  let x = 0;
  for (const item of items) {
    const w = markWidth(item) + GAP + textWidth(item.label);
    if (row.length > 0 && (item.newRow || x + w > maxWidth)) {
      rows.push(row);
      row = [];
      x = 0;
    }
    row.push({ item, x });
    x += w + SPACING;
  }
  if (row.length) rows.push(row);
  return { rows, height: rows.length * ROW };
}

function legendMark(item: LegendItem, x: number, y: number): ReactElement {
  const cy = y + SWATCH / 2;
  switch (item.mark) {
    case 'line':
    case 'dashed':
      return (
        <line
          x1={px(x)}
          x2={px(x + LINE)}
          y1={px(cy)}
          y2={px(cy)}
          stroke={item.color}
          strokeWidth={2}
          strokeDasharray={item.dash ?? (item.mark === 'dashed' ? '4 2' : undefined)}
        />
      );
    case 'dot':
      return <circle cx={px(x + SWATCH / 2)} cy={px(cy)} r={3.5} fill={item.color} />;
    case 'ring':
      return <circle cx={px(x + SWATCH / 2)} cy={px(cy)} r={4} fill="none" stroke={item.color} strokeWidth={1.25} />;
    case 'outline':
      return (
        <rect
          x={px(x)}
          y={px(y)}
          width={SWATCH}
          height={SWATCH}
          fill="none"
          stroke={item.color}
          strokeWidth={1.25}
          strokeDasharray="2 1.5"
        />
      );
    default:
      return (
        <rect
          x={px(x)}
          y={px(y)}
          width={SWATCH}
          height={SWATCH}
          fill={item.color}
          fillOpacity={item.opacity !== undefined && item.opacity < 1 ? item.opacity : undefined}
          stroke={item.stroke}
          strokeWidth={item.stroke ? 0.5 : undefined}
        />
      );
  }
}

/** The legend (data-layer="legend"), top-left at (x, y), wrapped to maxWidth. */
export function Legend({
  items,
  x,
  y,
  maxWidth,
}: {
  items: readonly LegendItem[];
  x: number;
  y: number;
  maxWidth: number;
}): ReactElement | null {
  if (items.length === 0) return null;
  return (
    <g data-layer="legend">
      {legendLayout(items, maxWidth).rows.map((row, r) =>
        row.map(({ item, x: dx }) => {
          const mx = x + dx;
          const my = y + r * ROW;
          return (
            <g key={`${r}:${item.key ?? item.label}`} data-legend-item={item.key ?? item.label}>
              {item.draw ? item.draw(mx, my) : legendMark(item, mx, my)}
              <Text x={mx + markWidth(item) + GAP} y={my + SWATCH / 2} baseline="central" tone="text">
                {item.label}
              </Text>
            </g>
          );
        }),
      )}
    </g>
  );
}

/** The 10-px square of a legend item, split into equal vertical stripes of the given colours. */
export function stripedSwatch(colors: readonly string[], opacity?: number) {
  return (x: number, y: number): ReactElement => (
    <>
      {colors.map((c, i) => (
        <rect
          key={c}
          x={px(x + (i * SWATCH) / colors.length)}
          y={px(y)}
          width={px(SWATCH / colors.length)}
          height={SWATCH}
          fill={c}
          fillOpacity={opacity}
        />
      ))}
    </>
  );
}

const RAMP_HEIGHT = 10;
const RAMP_TITLE = 13;

/** Height a colour ramp takes: its title row (if any), the bar, tick marks and labels. */
export function rampHeight(title?: string): number {
  return (title ? RAMP_TITLE : 0) + RAMP_HEIGHT + 16;
}

export interface ColorRampProps {
  x: number;
  /** Top of the ramp (of its title when it has one). */
  y: number;
  width: number;
  /** Colour at t ∈ [0, 1] along the bar. */
  color(t: number): string;
  /** Labelled positions along the bar, t ∈ [0, 1]. */
  ticks: readonly { at: number; label: string }[];
  /** A title above the bar; its math is typeset. */
  title?: string;
  /** Notes beside or under the bar, inside the legend group. */
  children?: ReactNode;
}

/** A colour bar of swatches (about one per 4 px) with an outline, tick marks and labels below. */
export function ColorRamp({ x, y, width, color, ticks, title, children }: ColorRampProps): ReactElement {
  const top = y + (title ? RAMP_TITLE : 0);
  const count = Math.max(2, Math.round(width / 4));
  const step = width / count;
  return (
    <g data-layer="legend">
      {title ? (
        <Text x={x} y={y + TYPE.tick - 1} tone="text">
          {title}
        </Text>
      ) : null}
      {Array.from({ length: count }, (_, k) => (
        // Slight overlap hides hairline seams between swatches when the SVG is scaled.
        <rect
          key={k}
          x={px(x + k * step)}
          y={px(top)}
          width={px(k === count - 1 ? step : step + 0.5)}
          height={RAMP_HEIGHT}
          fill={color((k + 0.5) / count)}
        />
      ))}
      <rect
        x={px(x)}
        y={px(top)}
        width={px(width)}
        height={RAMP_HEIGHT}
        fill="none"
        stroke={AXIS_COLOR}
        strokeWidth={0.5}
      />
      {ticks.map((t) => (
        <g key={t.at}>
          <line
            x1={px(x + t.at * width)}
            x2={px(x + t.at * width)}
            y1={px(top + RAMP_HEIGHT)}
            y2={px(top + RAMP_HEIGHT + 3)}
            stroke={AXIS_COLOR}
          />
          <Text x={x + t.at * width} y={top + RAMP_HEIGHT + 13} anchor="middle">
            {t.label}
          </Text>
        </g>
      ))}
      {children}
    </g>
  );
}

/**
 * One bar per feature that a reader sets: drag a bar's column to a height, or focus a bar (each is
 * a slider to assistive technology) and use the arrow keys — Shift for fine steps, Home / End for
 * the ends of the range. A log axis for quantities that span decades (densities). Without
 * `onChange` it is a plain bar chart of the values, as exported.
 */
import type { KeyboardEvent, PointerEvent, ReactElement } from 'react';
import { fmt } from '../model/format';
import { Frame, dimension, plotLayout } from './frame';
import { HOVER_BAND } from './palette';
import { usePointerDrag } from './pointer';
import { Text } from './text';
import { LINE_COLOR, TEXT_COLOR, clamp, finite, px } from './theme';

export interface BarEditorProps {
  values: readonly number[];
  range: { min: number; max: number };
  log?: boolean;
  /** The y axis title (its math is typeset): 'I_i'. */
  label: string;
  /** What a bar sets, for its accessible name and the data-editor tag: 'importance'. */
  name: string;
  title: string;
  /** A bar moved (by drag or key) to this value, clamped to the range. */
  onChange?(i: number, value: number): void;
  /** The feature hovered or focused anywhere in the section. */
  highlight?: number | null;
  onHover?(i: number | null): void;
  color?(i: number): string;
  width?: number;
  height?: number;
}

/** Keyboard steps: a twentieth of the range (a tenth of a decade on a log axis), Shift a fifth of that. */
export function keyStep(
  value: number,
  key: string,
  shift: boolean,
  range: { min: number; max: number },
  log: boolean,
): number | null {
  if (key === 'Home') return range.min;
  if (key === 'End') return range.max;
  const dir = key === 'ArrowUp' || key === 'ArrowRight' ? 1 : key === 'ArrowDown' || key === 'ArrowLeft' ? -1 : 0;
  if (!dir) return null;
  const v = log
    ? Math.pow(10, Math.log10(Math.max(range.min, value)) + dir * (shift ? 0.02 : 0.1))
    : value + (dir * (range.max - range.min)) / (shift ? 100 : 20);
  return clamp(v, range.min, range.max);
}

export function BarEditor({
  values,
  range,
  log = false,
  label,
  name,
  title,
  onChange,
  highlight = null,
  onHover,
  color = () => LINE_COLOR,
  width = 420,
  height = 170,
}: BarEditorProps): ReactElement {
  const n = values.length;
  const plot = plotLayout({
    width: dimension(width, 420, 160),
    height: dimension(height, 170, 100),
    margin: { top: 14, right: 10, left: 46 },
    x: {
      domain: [0, Math.max(1, n)],
      ticks: Array.from({ length: n }, (_, i) => i + 0.5).filter((_, i) => n <= 12 || i % 2 === 0),
      format: (v) => String(Math.floor(v)),
      label: 'feature i',
    },
    // A log axis starts half a step below the range, so the smallest value still shows a bar.
    y: {
      type: log ? 'log' : 'linear',
      domain: [log ? range.min / 2 : range.min, range.max],
      label,
      grid: true,
      ticks: log ? undefined : 5,
    },
  });
  const { box } = plot;
  const x = plot.x.scale;
  const y = plot.y.scale;
  const slot = x(1) - x(0);
  const editable = Boolean(onChange);
  const drag = usePointerDrag((i, [, py], phase) => {
    if (phase !== 'end') onChange?.(i, clamp(y.invert(py), range.min, range.max));
  });
  const onKey = (i: number) => (e: KeyboardEvent<SVGGElement>) => {
    const next = keyStep(values[i], e.key, e.shiftKey, range, log);
    if (next === null) return;
    e.preventDefault();
    onChange?.(i, next);
  };

  const bars = values.map((raw, i) => {
    const v = clamp(finite(raw, range.min), range.min, range.max);
    const top = y(v);
    const hl = highlight === i;
    const interactive = editable
      ? {
          role: 'slider',
          tabIndex: 0,
          'aria-label': `${name} of feature ${i}`,
          'aria-orientation': 'vertical' as const,
          'aria-valuemin': range.min,
          'aria-valuemax': range.max,
          'aria-valuenow': v,
          'aria-valuetext': fmt(v),
          onKeyDown: onKey(i),
          onPointerDown: (e: PointerEvent<SVGGElement>) => drag.begin(e, i),
          onFocus: () => onHover?.(i),
          onBlur: () => onHover?.(null),
          style: { cursor: 'ns-resize', outline: 'none' } as const,
        }
      : {};
    return (
      <g
        key={i}
        data-feature={i}
        data-value={v}
        data-highlight={hl ? 1 : undefined}
        {...interactive}
        onPointerEnter={onHover ? () => onHover(i) : undefined}
        onPointerLeave={onHover ? () => onHover(null) : undefined}
      >
        <title>{`feature ${i}: ${name} ${fmt(v)}`}</title>
        <rect
          x={px(x(i))}
          y={px(box.y0)}
          width={px(slot)}
          height={px(box.y1 - box.y0)}
          fill={hl ? HOVER_BAND : 'none'}
          pointerEvents={editable || onHover ? 'all' : undefined}
        />
        <rect
          x={px(x(i) + slot * 0.15)}
          y={px(top)}
          width={px(slot * 0.7)}
          height={px(Math.max(0, box.y1 - top))}
          fill={color(i)}
          stroke={hl ? TEXT_COLOR : 'none'}
          strokeWidth={hl ? 1.5 : 0}
        />
        {editable ? (
          <line
            x1={px(x(i) + slot * 0.1)}
            x2={px(x(i) + slot * 0.9)}
            y1={px(top)}
            y2={px(top)}
            stroke={TEXT_COLOR}
            strokeWidth={2}
            strokeLinecap="round"
          />
        ) : null}
        {hl ? (
          <Text x={x(i) + slot / 2} y={Math.max(box.y0 + 9, top - 4)} anchor="middle" tone="text">
            {fmt(v)}
          </Text>
        ) : null}
      </g>
    );
  });

  return (
    <Frame
      plot={plot}
      chart="bar-editor"
      title={title}
      label={editable ? `${title}. Drag a bar, or focus it and use the arrow keys (Shift: fine steps).` : title}
      // Editable, the bars are sliders: a group of them (a picture's children are not reachable).
      {...(editable ? { role: 'group' } : {})}
      data-editor={name}
      style={{ touchAction: 'none', userSelect: 'none' }}
      {...drag.root}
    >
      <g data-layer="bars">{bars}</g>
    </Frame>
  );
}

/**
 * The frame's parts for matrix-shaped charts (WᵀW, W, cosine tables, norm bars): one coloured cell
 * with its tooltip, and index labels along the left or top edge, sized to the cells.
 */
import type { ReactElement } from 'react';
import { Text } from './text';
import { TYPE, clamp, px } from './theme';

/** Index labels at 70% of a cell, between 6 px and the tick size. */
export function indexLabelSize(cell: number): number {
  return clamp(cell * 0.7, 6, TYPE.tick);
}

export interface IndexLabelsProps {
  /** 'left': labels right-aligned 4 px left of x = at; 'top': centred 4 px above y = at. */
  edge: 'left' | 'top';
  at: number;
  /** Each label and the centre of its row (left) or column (top). */
  labels: readonly { centre: number; text: string | number }[];
  size: number;
}

/** Row or column labels of a matrix (data-layer row-labels / col-labels). */
export function IndexLabels({ edge, at, labels, size }: IndexLabelsProps): ReactElement {
  return (
    <g data-layer={edge === 'left' ? 'row-labels' : 'col-labels'}>
      {labels.map((l, k) =>
        edge === 'left' ? (
          <Text key={k} x={at - 4} y={l.centre} anchor="end" baseline="central" role={size}>
            {l.text}
          </Text>
        ) : (
          <Text key={k} x={l.centre} y={at - 4} anchor="middle" role={size}>
            {l.text}
          </Text>
        ),
      )}
    </g>
  );
}

export interface HeatCellProps {
  x: number;
  y: number;
  width: number;
  height: number;
  fill: string;
  /** Cell separator (default none). */
  stroke?: string;
  strokeWidth?: number;
  /** The tooltip. */
  tip: string;
  [data: `data-${string}`]: string | number | undefined;
}

/** One cell of a heatmap: a filled square with its value as a tooltip. */
export function HeatCell({
  x,
  y,
  width,
  height,
  fill,
  stroke = 'none',
  strokeWidth = 0.5,
  tip,
  ...data
}: HeatCellProps): ReactElement {
  return (
    <rect
      {...data}
      x={px(x)}
      y={px(y)}
      width={px(width)}
      height={px(height)}
      fill={fill}
      stroke={stroke}
      strokeWidth={strokeWidth}
    >
      <title>{tip}</title>
    </rect>
  );
}

/**
 * Training loss against step on a log y axis (the loss spans decades as features settle).
 * Non-finite or non-positive points are skipped rather than drawn at the axis. Optionally a cursor
 * at a step (a rewound or scrubbed view; clicking the plot asks for a step with `onSeek`) and a
 * reference level (a pinned result's loss).
 */
import { extent, line } from 'd3';
import type { PointerEvent } from 'react';
import { fmt, fmtCount } from '../model/format';
import { EmptyNote, Frame, dimension, plotLayout } from './frame';
import { PINNED_COLOR } from './palette';
import { svgPoint } from './pointer';
import { Text } from './text';
import { LINE_COLOR, TEXT_COLOR, px } from './theme';

export interface LossCurveProps {
  steps: ArrayLike<number>;
  losses: ArrayLike<number>;
  width?: number;
  height?: number;
  title?: string;
  /** A vertical line at this step (the step the panels show). */
  cursor?: number | null;
  /** A dashed level: a pinned result's loss. */
  reference?: { value: number; label: string } | null;
  /** Clicking the plot asks for the step under the pointer. */
  onSeek?(step: number): void;
}

export function LossCurve({
  steps,
  losses,
  width = 360,
  height = 220,
  title = 'Training loss by step',
  cursor = null,
  reference = null,
  onSeek,
}: LossCurveProps) {
  const points: [number, number][] = [];
  const len = Math.min(steps.length, losses.length);
  for (let k = 0; k < len; k++) {
    const s = steps[k];
    const l = losses[k];
    if (Number.isFinite(s) && Number.isFinite(l) && l > 0) points.push([s, l]);
  }
  const [s0, s1] = extent(points, (p) => p[0]);
  const [l0, l1] = extent(points, (p) => p[1]);
  const ref = reference && Number.isFinite(reference.value) && reference.value > 0 ? reference : null;
  const lo = Math.min(l0 ?? 1e-3, ref?.value ?? Infinity);
  const hi = Math.max(l1 ?? 1, ref?.value ?? 0);
  const plot = plotLayout({
    width: dimension(width, 360, 160),
    height: dimension(height, 220, 100),
    // Room on the right for half the last step label ("10,000").
    margin: { right: 20 },
    x: { domain: [s0 ?? 0, Math.max(s1 ?? 1, (s0 ?? 0) + 1)], format: fmtCount, label: 'step' },
    y: { type: 'log', domain: hi / lo < 1.5 ? [lo / 1.25, hi * 1.25] : [lo, hi], nice: true, grid: true },
  });
  const x = plot.x.scale;
  const y = plot.y.scale;
  const path = line<[number, number]>(
    (p) => px(x(p[0])),
    (p) => px(y(p[1])),
  );
  const d = points.length > 1 ? path(points) : null;
  // Minibatch losses are noisy; a light exponential moving average (in log space) shows the trend.
  const smoothed: [number, number][] = [];
  let ema = NaN;
  for (const [s, l] of points) {
    ema = Number.isFinite(ema) ? 0.85 * ema + 0.15 * Math.log(l) : Math.log(l);
    smoothed.push([s, Math.exp(ema)]);
  }
  const dSmooth = smoothed.length > 1 ? path(smoothed) : null;
  const last = points[points.length - 1];
  const { box } = plot;
  const cursorX = cursor !== null && Number.isFinite(cursor) ? px(Math.min(box.x1, Math.max(box.x0, x(cursor)))) : null;
  const seek = onSeek
    ? {
        onPointerDown: (e: PointerEvent<SVGSVGElement>) => {
          const p = svgPoint(e.currentTarget, e.clientX, e.clientY);
          if (p && p[0] >= box.x0 && p[0] <= box.x1) onSeek(x.invert(p[0]));
        },
        style: { cursor: 'col-resize' } as const,
      }
    : {};

  return (
    <Frame plot={plot} chart="loss-curve" title={title} {...seek}>
      {ref ? (
        <g data-layer="reference">
          <line
            x1={px(box.x0)}
            x2={px(box.x1)}
            y1={px(y(ref.value))}
            y2={px(y(ref.value))}
            stroke={PINNED_COLOR}
            strokeWidth={1.25}
            strokeDasharray="5 3"
          />
          <Text x={box.x1 - 3} y={y(ref.value) - 4} anchor="end" role="note">
            {`${ref.label} ${fmt(ref.value)}`}
          </Text>
        </g>
      ) : null}
      {d ? <path data-layer="loss" d={d} fill="none" stroke={LINE_COLOR} strokeOpacity={0.3} strokeWidth={1} /> : null}
      {dSmooth ? (
        <path data-layer="loss-smoothed" d={dSmooth} fill="none" stroke={LINE_COLOR} strokeWidth={1.75} />
      ) : null}
      {last ? (
        <circle cx={px(x(last[0]))} cy={px(y(last[1]))} r={3} fill={LINE_COLOR}>
          <title>{`step ${last[0]}: loss ${fmt(last[1])}`}</title>
        </circle>
      ) : (
        <EmptyNote box={plot.box}>no loss recorded yet</EmptyNote>
      )}
      {cursorX !== null ? (
        <g data-layer="cursor" data-step={cursor ?? undefined}>
          <line x1={cursorX} x2={cursorX} y1={px(box.y0)} y2={px(box.y1)} stroke={TEXT_COLOR} strokeWidth={1.25} />
          <Text
            x={cursorX + (cursorX > (box.x0 + box.x1) / 2 ? -4 : 4)}
            y={box.y0 + 10}
            anchor={cursorX > (box.x0 + box.x1) / 2 ? 'end' : 'start'}
            tone="text"
          >
            {`step ${fmtCount(cursor ?? 0)}`}
          </Text>
        </g>
      ) : null}
    </Frame>
  );
}

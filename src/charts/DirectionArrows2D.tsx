/**
 * Several sets of 2-D vectors from the origin in one square view (e.g. the true feature
 * directions and the atoms a dictionary learned): each set has its own colour and line style and
 * a legend entry; vectors are labelled at their tips.
 */
import { fmt } from '../model/format';
import { ChartSvg, dimension } from './frame';
import { Legend, legendLayout, type LegendItem } from './legend';
import { PlaneAxes, TipLabel, Vector, planeLayout } from './plane';
import { finite } from './theme';

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

export function DirectionArrows2D({
  sets,
  size = 300,
  title = 'Directions in the 2-D hidden space',
}: DirectionArrows2DProps) {
  const side = dimension(size, 300, 140);
  const pad = 24;
  const legend: LegendItem[] = sets.map((s) => ({ label: s.name, color: s.color, mark: s.dashed ? 'dashed' : 'line' }));
  const h = side + legendLayout(legend, side - 2 * pad).height + 6;
  const vecs = sets.map((s) =>
    Array.from(
      { length: Math.floor(s.vectors.length / 2) },
      (_, i) => [finite(s.vectors[2 * i]), finite(s.vectors[2 * i + 1])] as const,
    ),
  );
  const plane = planeLayout(side, Math.max(1, ...vecs.flat().map(([a, b]) => Math.hypot(a, b))) * 1.18, pad);

  return (
    <ChartSvg chart="direction-arrows-2d" width={side} height={h} title={title}>
      <PlaneAxes plane={plane} />
      {sets.map((s, si) => (
        <g key={si} data-set={si} data-layer="arrows">
          {vecs[si].map((v, i) => {
            const label = s.labels?.[i];
            return (
              <g key={i} data-vector={i}>
                <title>{`${s.name}${label !== undefined ? ` ${label}` : ` ${i}`}: (${fmt(v[0])}, ${fmt(v[1])})`}</title>
                <Vector
                  plane={plane}
                  to={v}
                  color={s.color}
                  width={s.strokeWidth ?? 2}
                  dash={s.dashed ? '4 3' : undefined}
                  head={7}
                />
                {label !== undefined ? (
                  <TipLabel plane={plane} to={v} role="note" tone="muted" bold={false}>
                    {label}
                  </TipLabel>
                ) : null}
              </g>
            );
          })}
        </g>
      ))}
      <Legend items={legend} x={pad} y={side} maxWidth={side - 2 * pad} />
    </ChartSvg>
  );
}

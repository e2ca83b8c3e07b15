/**
 * The hidden plane of an m = 2 model with feature sets (correlated / anticorrelated): each
 * feature's column W_i drawn from the origin, coloured by the set it belongs to (grey when it is
 * in none), labelled with its index. Square and symmetric so angles read true.
 */
import { fmt } from '../model/format';
import { NEUTRAL_COLOR, seriesColor } from './palette';
import { ChartSvg, dimension } from './frame';
import { PlaneAxes, TipLabel, Vector, planeLayout } from './plane';
import { Text } from './text';
import { finite } from './theme';

export interface SetGeometry2DProps {
  /** Feature-major n×2 weights. */
  W: ArrayLike<number>;
  n: number;
  /** Set index per feature (−1: independent), e.g. setIndexOfFeature. */
  setOf: ArrayLike<number>;
  /** Short label under the plot (density, loss…). */
  note?: string;
  size?: number;
  title?: string;
}

const DROPPED_NORM = 0.05;

export function setColor(set: number): string {
  return set < 0 ? NEUTRAL_COLOR : seriesColor(set);
}

export function SetGeometry2D({
  W,
  n,
  setOf,
  note,
  size = 200,
  title = 'Feature embeddings coloured by feature set',
}: SetGeometry2DProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const side = dimension(size, 200, 120);
  const bottom = note ? 16 : 0;
  const vecs = Array.from({ length: count }, (_, i) => [finite(W[i * 2]), finite(W[i * 2 + 1])] as const);
  const plane = planeLayout(side, Math.max(1, ...vecs.map(([a, b]) => Math.hypot(a, b))) * 1.18, 22);
  return (
    <ChartSvg chart="set-geometry-2d" width={side} height={side + bottom} title={title}>
      <PlaneAxes plane={plane} />
      <g data-layer="features">
        {vecs.map((v, i) => {
          const set = Math.floor(finite(setOf[i], -1));
          const norm = Math.hypot(v[0], v[1]);
          return (
            <g key={i} data-feature={i} data-set={set} opacity={norm < DROPPED_NORM ? 0.5 : 1}>
              <title>{`feature ${i}${set >= 0 ? `, set ${set}` : ''}: W = (${fmt(v[0])}, ${fmt(v[1])}), ‖W‖ = ${fmt(norm)}`}</title>
              <Vector plane={plane} to={v} color={setColor(set)} dot={3.5} />
              <TipLabel plane={plane} to={v}>
                {i}
              </TipLabel>
            </g>
          );
        })}
      </g>
      {note ? (
        <Text x={side / 2} y={side + bottom - 4} anchor="middle" role="note">
          {note}
        </Text>
      ) : null}
    </ChartSvg>
  );
}

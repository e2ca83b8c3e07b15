/**
 * The hidden plane of an m = 2 model: each feature's column W_i drawn as a vector from the
 * origin, coloured by importance and labelled with its index (the paper's pentagon/antipodal
 * pictures). The view is square and symmetric so angles read true.
 */
import { ChartSvg, dimension } from './frame';
import { PlaneAxes, TipLabel, Vector, planeLayout } from './plane';
import { finite, fmt, importanceColor } from './theme';

export interface FeatureGeometry2DProps {
  /** Feature-major n×2 weights: W[i*2 + k] is component k of feature i's embedding. */
  W: ArrayLike<number>;
  n: number;
  /** Importance per feature (length n); colours the vectors. */
  importance: ArrayLike<number>;
  size?: number;
  title?: string;
}

/** Features shorter than this are drawn as a faint dot: the model has dropped them. */
const DROPPED_NORM = 0.05;

export function FeatureGeometry2D({ W, n, importance, size = 300, title = 'Feature embeddings W_i in the 2-D hidden space' }: FeatureGeometry2DProps) {
  const count = Math.max(0, Math.floor(finite(n)));
  const side = dimension(size, 300, 120);
  const vecs = Array.from({ length: count }, (_, i) => [finite(W[i * 2]), finite(W[i * 2 + 1])] as const);
  const norms = vecs.map(([x, y]) => Math.hypot(x, y));
  // Unit circle always visible; grow to fit longer vectors plus room for labels.
  const plane = planeLayout(side, Math.max(1, ...norms) * 1.18, 26);
  const imp = Array.from({ length: count }, (_, i) => finite(importance[i]));
  const lo = Math.min(...imp);
  const hi = Math.max(...imp);
  const tOf = (v: number) => (hi - lo > 1e-12 ? (v - lo) / (hi - lo) : 1);
  // Draw the least important first so the important vectors sit on top.
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => imp[a] - imp[b]);

  return (
    <ChartSvg chart="feature-geometry-2d" width={side} height={side} title={title}>
      <PlaneAxes plane={plane} unitLabel axisLabels />
      <g data-layer="features">
        {order.map((i) => (
          <g key={i} data-feature={i} opacity={norms[i] < DROPPED_NORM ? 0.5 : 1}>
            <title>{`feature ${i}: W = (${fmt(vecs[i][0])}, ${fmt(vecs[i][1])}), ‖W‖ = ${fmt(norms[i])}, importance ${fmt(imp[i])}`}</title>
            <Vector plane={plane} to={vecs[i]} color={importanceColor(tOf(imp[i]))} dot={3.5} />
            <TipLabel plane={plane} to={vecs[i]}>
              {i}
            </TipLabel>
          </g>
        ))}
      </g>
    </ChartSvg>
  );
}

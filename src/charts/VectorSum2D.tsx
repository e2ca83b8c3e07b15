/**
 * A sum of 2-D vectors drawn tip to tail: each term starts where the previous one ended, and the
 * sum is the arrow from the origin to the last tip. Faint reference directions (e.g. every
 * feature's W_i) sit behind, so one can see which directions the terms come from and where the
 * sum lands among them. The view is square and symmetric, so angles read true.
 */
import { fmt } from '../model/format';
import { ChartSvg, dimension } from './frame';
import { PlaneAxes, TipLabel, Vector, planeLayout } from './plane';
import { Text } from './text';
import { AXIS_COLOR, TEXT_COLOR, finite, px } from './theme';

export interface VectorTerm {
  label: string;
  vector: readonly [number, number];
  color: string;
}

export interface VectorSum2DProps {
  terms: readonly VectorTerm[];
  /** Reference directions [count * 2] drawn faintly from the origin, labelled by index (optional). */
  reference?: ArrayLike<number>;
  referenceLabels?: readonly string[];
  sumLabel?: string;
  size?: number;
  title?: string;
}

export function VectorSum2D({
  terms,
  reference,
  referenceLabels,
  sumLabel = 'sum',
  size = 300,
  title = 'A sum of vectors, tip to tail',
}: VectorSum2DProps) {
  const side = dimension(size, 300, 140);
  const refCount = reference ? Math.floor(reference.length / 2) : 0;
  const refs = Array.from(
    { length: refCount },
    (_, i) => [finite(reference![2 * i]), finite(reference![2 * i + 1])] as const,
  );
  // Partial sums: the tips of the chain.
  const tips: [number, number][] = [[0, 0]];
  for (const t of terms) {
    const [x0, y0] = tips[tips.length - 1];
    tips.push([x0 + finite(t.vector[0]), y0 + finite(t.vector[1])]);
  }
  const sum = tips[tips.length - 1];
  const plane = planeLayout(
    side,
    Math.max(1, ...refs.map(([a, b]) => Math.hypot(a, b)), ...tips.map(([a, b]) => Math.hypot(a, b))) * 1.15,
    24,
  );
  const { x, y } = plane;

  return (
    <ChartSvg chart="vector-sum-2d" width={side} height={side} title={title}>
      <PlaneAxes plane={plane} axisLabels />
      <g data-layer="reference">
        {refs.map((v, i) => (
          <g key={i} data-reference={i}>
            <title>{`${referenceLabels?.[i] ?? String(i)}: (${fmt(v[0])}, ${fmt(v[1])})`}</title>
            <Vector plane={plane} to={v} color={AXIS_COLOR} width={1} opacity={0.6} />
            <TipLabel plane={plane} to={v} gap={9} role="note" tone="muted" bold={false}>
              {referenceLabels?.[i] ?? String(i)}
            </TipLabel>
          </g>
        ))}
      </g>
      <g data-layer="terms">
        {terms.map((t, k) => (
          <g key={k} data-term={k}>
            <title>{`${t.label}: (${fmt(t.vector[0])}, ${fmt(t.vector[1])})`}</title>
            <Vector plane={plane} from={tips[k]} to={tips[k + 1]} color={t.color} width={2.25} head={8} />
            <Text
              x={(x(tips[k][0]) + x(tips[k + 1][0])) / 2 + 6}
              y={(y(tips[k][1]) + y(tips[k + 1][1])) / 2 - 6}
              weight={600}
              tone={t.color}
            >
              {t.label}
            </Text>
          </g>
        ))}
      </g>
      {terms.length > 0 ? (
        <g data-layer="sum">
          <title>{`${sumLabel} = (${fmt(sum[0])}, ${fmt(sum[1])}), norm ${fmt(Math.hypot(sum[0], sum[1]))}`}</title>
          <Vector plane={plane} to={sum} color={TEXT_COLOR} width={1.75} dash="5 3" head={9} />
          <Text x={x(sum[0]) + 6} y={y(sum[1]) + 12} weight={600} tone="text">
            {sumLabel}
          </Text>
        </g>
      ) : (
        <Text x={side / 2} y={side - 8} anchor="middle">
          no active terms: the sum is 0
        </Text>
      )}
      <circle cx={px(x(0))} cy={px(y(0))} r={2.5} fill={TEXT_COLOR} />
    </ChartSvg>
  );
}

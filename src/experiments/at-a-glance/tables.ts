/**
 * What the at-a-glance panels draw, as the props of the loss-share bars and as each panel's table
 * (ChartFigure's Table button): built when the reader opens a table, from the view the panels show
 * (live, rewound or hand-placed). A table is null while its panel draws nothing.
 */
import type { BarChartProps } from '../../charts/BarChart';
import type { ChartTable } from '../../charts/ChartFigure';
import { featureNormsTable, gramTable, vectorsTable } from '../../charts/model-tables';
import { PINNED_COLOR } from '../../charts/palette';
import { barChartTable, lossCurveTable } from '../../charts/tables';
import { LINE_COLOR } from '../../charts/theme';
import type { LossHistory } from '../../ui/use-training';
import type { Readout } from './arrangement';
import type { PinnedModel } from './pin';
import type { GlanceView } from './use-hands-on';

/** The panels, by export name. */
export type GlancePanel = 'wtw-bias' | 'feature-norms' | 'feature-geometry' | 'loss-curve' | 'loss-shares';

/** Each feature's share of the expected loss (and the pinned result's, same n), as the bar chart draws them. */
export function lossSharesProps(
  shares: ArrayLike<number>,
  n: number,
  opts: { editing: boolean; hovered: number | null; pin: PinnedModel | null; pinned: Readout | null },
): BarChartProps {
  const { editing, hovered, pin, pinned } = opts;
  return {
    chart: 'loss-shares',
    categories: Array.from({ length: n }, (_, i) => String(i)),
    series: [
      {
        name: editing ? 'your arrangement' : 'shown model',
        values: shares,
        color: LINE_COLOR,
        highlight: Array.from({ length: n }, (_, i) => i === hovered),
      },
      ...(pin && pinned && pin.n === n
        ? [{ name: 'pinned', values: pinned.shares, color: PINNED_COLOR, style: 'outline' as const }]
        : []),
    ],
    highlightLabel: hovered !== null ? `feature ${hovered}` : 'highlighted',
    yLabel: 'expected loss',
    xLabel: 'feature i',
    title: "Each feature's share of the expected loss",
    width: 360,
    height: 220,
  };
}

export interface GlanceTableInputs {
  view: GlanceView | null;
  n: number;
  m: number;
  importance: ArrayLike<number>;
  history: LossHistory;
  shown: number;
  /** The pinned model's ‖W_i‖ (drawn as outlines on the norms), or null. */
  pinNorms: ArrayLike<number> | null;
  /** The loss-share bars, or null before the readout. */
  shares: BarChartProps | null;
}

/** Each panel's table, from what it draws. */
export function glanceTables(p: GlanceTableInputs): Record<GlancePanel, () => ChartTable | null> {
  const { view, n, m } = p;
  return {
    'wtw-bias': () => (view ? gramTable({ gram: view.metrics.gram, bias: view.b, n }) : null),
    'feature-norms': () =>
      view
        ? featureNormsTable({
            norms: view.metrics.norms,
            superposition: view.metrics.superposition,
            n,
            ghost: p.pinNorms,
          })
        : null,
    'feature-geometry': () =>
      view && m === 2 ? vectorsTable(view.W, n, 2, { extra: [{ name: 'importance Iᵢ', values: p.importance }] }) : null,
    'loss-curve': () => lossCurveTable({ steps: p.history.step, losses: p.history.loss[p.shown] ?? [] }),
    'loss-shares': () => (p.shares ? barChartTable(p.shares) : null),
  };
}

/**
 * The lab's charts as props, from a run's state: one place for the page's panels and the headless
 * figures (figures.ts, the CLI), so both draw the same pictures.
 */
import type { ArrowSet, DirectionArrows2DProps } from '../../charts/DirectionArrows2D';
import type { CosineMatrixProps } from '../../charts/CosineMatrix';
import type { HistogramChartProps } from '../../charts/HistogramChart';
import type { LineChartProps, LinePoint } from '../../charts/LineChart';
import { HIGHLIGHT_COLOR, NEUTRAL_COLOR, seriesColor } from '../../charts/palette';
import { LINE_COLOR } from '../../charts/theme';
import type { ActivationSource } from '../../model/sae/activations';
import type { DictionaryScore } from '../../model/sae/dictionary-score';
import type { Scorecard } from '../../model/sae/metrics';
import type { LabInstance } from './lab';
import type { InstanceState } from './run';

/** The feature hovered anywhere in the section (a toy-model feature index), or a latent without a feature. */
export interface Hover {
  feature: number | null;
  latent: number | null;
}

export const NO_HOVER: Hover = Object.freeze({ feature: null, latent: null });

/** The latent matched to a feature in a scorecard (−1: none). */
export function latentOfFeature(card: Scorecard, feature: number | null): number {
  if (feature === null) return -1;
  const r = card.represented.indexOf(feature);
  return r >= 0 ? card.latentOf[r] : -1;
}

/** Features (solid), the SAE's decoder rows (dashed), and the hovered pair drawn over them in the accent. */
export function geometryProps(
  source: ActivationSource,
  inst: InstanceState,
  hover: Hover,
  dictionaryName = 'SAE decoder rows',
): DirectionArrows2DProps {
  const { W, n } = source;
  const dec = inst.params.wDec;
  const sets: ArrowSet[] = [
    { name: 'features W_i', vectors: W, color: LINE_COLOR, labels: Array.from({ length: n }, (_, i) => `f${i}`) },
    {
      name: dictionaryName,
      vectors: dec,
      color: seriesColor(1),
      dashed: true,
      labels: Array.from({ length: inst.params.latents }, (_, j) => `z${j}`),
    },
  ];
  const latent = hover.latent ?? latentOfFeature(inst.card, hover.feature);
  const f = hover.feature;
  const lit: number[] = [];
  if (f !== null && f >= 0 && f < n) lit.push(W[2 * f], W[2 * f + 1]);
  if (latent >= 0) lit.push(dec[2 * latent], dec[2 * latent + 1]);
  if (lit.length) sets.push({ name: 'hovered', vectors: lit, color: HIGHLIGHT_COLOR, strokeWidth: 3.5 });
  return { sets, size: 300, title: 'Decoder rows over the feature directions' };
}

/** |cos| between the represented features (rows) and the latents (columns, matched ones on the diagonal). */
export function cosProps(card: Scorecard, hover: Hover, what = 'latents'): CosineMatrixProps {
  const latents = card.absCos.length / Math.max(1, card.represented.length);
  const latent = hover.latent ?? latentOfFeature(card, hover.feature);
  const row = hover.feature === null ? -1 : card.represented.indexOf(hover.feature);
  return {
    values: card.absCos,
    rows: card.represented.length,
    cols: latents,
    colOrder: card.order,
    rowLabels: card.represented.map((i) => `f${i}`),
    colLabels: Array.from({ length: latents }, (_, j) => `z${j}`),
    rowTitle: 'features',
    colTitle: `${what} (matched first)`,
    threshold: 0.99,
    size: Math.min(420, Math.max(160, 16 * latents)),
    title: `|cos| between the features and the ${what}`,
    highlight: row >= 0 || latent >= 0 ? { row: row >= 0 ? row : null, col: latent >= 0 ? latent : null } : null,
  };
}

/** Bins of log₁₀ firing frequency, from 10⁻⁵ to 1 (a latent that never fired is counted apart). */
export const FREQUENCY_EDGES = Array.from({ length: 21 }, (_, i) => -5 + i / 4);

export function firingProps(freq: readonly number[], title: string): HistogramChartProps & { dead: number } {
  const bins = FREQUENCY_EDGES.length - 1;
  const counts = new Array<number>(bins).fill(0);
  let dead = 0;
  for (const f of freq) {
    if (!(f > 0)) {
      dead++;
      continue;
    }
    const b = Math.min(bins - 1, Math.max(0, Math.floor((Math.log10(f) - FREQUENCY_EDGES[0]) * 4)));
    counts[b]++;
  }
  const live = Math.max(1, freq.length - dead);
  const width = FREQUENCY_EDGES[1] - FREQUENCY_EDGES[0];
  return {
    edges: FREQUENCY_EDGES,
    density: counts.map((c) => c / live / width),
    barLabel: 'latents',
    xLabel: 'log₁₀ firing frequency',
    yLabel: 'share of live latents per unit',
    title,
    dead,
  };
}

/** Each latent's firing frequency over the run's checkpoints (log scale), the hovered latent in the accent. */
export function firingHistoryProps(
  timeline: { step: number; freq: readonly number[] }[],
  hoveredLatent: number,
): LineChartProps {
  const latents = timeline.length ? timeline[timeline.length - 1].freq.length : 0;
  const series = Array.from({ length: latents }, (_, j) => ({
    name: `z${j}`,
    color: j === hoveredLatent ? HIGHLIGHT_COLOR : NEUTRAL_COLOR,
    markers: false,
    points: timeline.map((t) => ({ x: t.step, y: Math.max(1e-5, t.freq[j] ?? 0) })),
  }));
  if (hoveredLatent >= 0 && hoveredLatent < series.length) series.push(series.splice(hoveredLatent, 1)[0]);
  return {
    series,
    legend: false,
    xLabel: 'step',
    yLabel: 'firing frequency',
    yScale: 'log',
    yDomain: [1e-5, 1],
    title: 'How each latent’s firing frequency moves during training',
    chart: 'sae-firing-history',
  };
}

/** The L0–FVU frontier: every SAE of the run, one series per setting, the true L0 marked. */
export function frontierProps(
  instances: LabInstance[],
  states: readonly (InstanceState | null)[],
  selected: number,
): LineChartProps {
  const groups = new Map<number, { label: string; points: LinePoint[] }>();
  let trueL0 = NaN;
  instances.forEach((inst, j) => {
    const st = states[j];
    if (!st) return;
    trueL0 = st.card.trueL0;
    const g = groups.get(inst.groupIndex) ?? { label: inst.group, points: [] };
    const shown = j === selected;
    g.points.push({
      x: Math.max(1e-3, st.card.l0),
      y: st.card.fvu,
      highlight: shown,
      label: shown ? `#${j}` : undefined,
    });
    groups.set(inst.groupIndex, g);
  });
  const series = [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([gi, g]) => ({
      name: g.label,
      color: gi < 7 ? seriesColor(gi) : NEUTRAL_COLOR,
      line: false,
      points: g.points,
    }));
  return {
    series,
    legend: series.length > 1 && series.length <= 8,
    xScale: 'log',
    xLabel: 'realised L0 (latents firing per sample)',
    yLabel: 'FVU',
    yDomain: [0, 1.05],
    references: Number.isFinite(trueL0) ? [{ axis: 'x', value: trueL0, label: 'true L0' }] : [],
    title: 'Sparsity against reconstruction: the L0–FVU frontier',
    chart: 'sae-frontier',
  };
}

/** The FISTA + MOD dictionary as a card-like for the cos heatmap. */
export function dictionaryCard(d: DictionaryScore): Scorecard {
  return {
    trueL0: NaN,
    l0: d.l0,
    fvu: d.fvu,
    dead: 0,
    shrinkage: NaN,
    mcc: d.mcc,
    recovered: d.recovered,
    represented: d.represented,
    latentOf: d.latentOf,
    matchedCos: d.matchedCos,
    bestCos: d.bestCos,
    featureOf: [],
    matched: [],
    precision: [],
    recall: [],
    frequency: [],
    order: d.order,
    absCos: d.absCos,
    absorption: [],
  };
}

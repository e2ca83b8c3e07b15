/**
 * What "Inside one forward pass" draws, as the props of its charts and their export metadata: the section
 * (Explorer.tsx, Section.tsx) and the headless figures (figures.ts) both build them here, so the two cannot drift.
 */
import type { BarChartProps } from '../../charts/BarChart';
import type { ExportMeta } from '../../charts/export';
import { NEUTRAL_COLOR, seriesColor } from '../../charts/palette';
import type { StackedBarChartProps } from '../../charts/StackedBarChart';
import { LINE_COLOR } from '../../charts/theme';
import type { VectorSum2DProps } from '../../charts/VectorSum2D';
import { decomposeForwardPass, type ForwardDecomposition } from '../../model/footnotes/forward-pass';
import { fmt } from '../../model/format';
import { sub } from '../footnotes/claim';
import type { FootnoteModel } from '../shared/footnote-model';
import { leaks } from './explore';
import { forwardInputs, type ForwardState } from './params';
import type { RemoveDirectionResult } from './run';

/** One forward pass of the model on the URL's input, and what leaked through. */
export interface ForwardView {
  /** The URL's input resized to the model's n. */
  active: boolean[];
  values: number[];
  /** The input: the values of the active features, 0 elsewhere. */
  x: number[];
  d: ForwardDecomposition;
  inactiveHit: boolean[];
  leaked: number;
  filtered: number;
}

export function forwardView(
  model: Pick<FootnoteModel, 'W' | 'b' | 'n' | 'm' | 'kind'>,
  state: Pick<ForwardState, 'active' | 'values'>,
): ForwardView {
  const { W, b, n, m, kind } = model;
  const { active, values } = forwardInputs(state, n);
  const x = values.map((v, i) => (active[i] ? v : 0));
  const d = decomposeForwardPass(W, b, x, n, m, kind);
  return { active, values, x, d, ...leaks(d, active) };
}

const categories = (n: number) => Array.from({ length: n }, (_, i) => String(i));

/** The export metadata of both forward-pass charts. */
export function forwardMeta(model: Pick<FootnoteModel, 'label' | 'step'>, x: readonly number[]): ExportMeta {
  return {
    description: `Forward pass of ${model.label} (step ${model.step}) for x = [${x.map((v) => fmt(v)).join(', ')}]`,
    config: { model: model.label, step: model.step, x },
  };
}

/** h as a sum of the active features' vectors: tip to tail in the plane (m = 2), else stacked per hidden dimension. */
export type HiddenChart =
  { chart: 'vector-sum'; props: VectorSum2DProps } | { chart: 'stacked'; props: StackedBarChartProps };

export function hiddenChart(model: Pick<FootnoteModel, 'W' | 'n' | 'm'>, { d }: Pick<ForwardView, 'd'>): HiddenChart {
  const { W, n, m } = model;
  if (m === 2)
    return {
      chart: 'vector-sum',
      props: {
        terms: d.contributions.map((c) => ({
          label: `x${sub(c.feature)}W${sub(c.feature)}`,
          vector: [c.vector[0], c.vector[1]] as const,
          color: seriesColor(c.feature),
        })),
        reference: W,
        referenceLabels: categories(n),
        sumLabel: 'h',
        title: 'The hidden vector as a sum of active feature vectors',
      },
    };
  return {
    chart: 'stacked',
    props: {
      categories: Array.from({ length: m }, (_, k) => `h${sub(k)}`),
      segments: d.contributions.map((c) => ({
        name: `x${sub(c.feature)}W${sub(c.feature)}`,
        values: c.vector,
        color: seriesColor(c.feature),
      })),
      totals: d.h,
      totalLabel: 'h',
      yLabel: 'value',
      xLabel: 'hidden dimension',
      title: 'The hidden vector as a sum of active feature vectors',
      chart: 'hidden-contributions',
    },
  };
}

/** Input, output (red where a feature that is off comes out), and the output before the ReLU. */
export function forwardOutputProps(view: ForwardView): BarChartProps {
  return {
    categories: categories(view.x.length),
    series: [
      { name: 'input x', values: view.x, color: NEUTRAL_COLOR },
      { name: 'output x′', values: view.d.output, color: LINE_COLOR, highlight: view.inactiveHit },
      { name: 'Wᵢ·h + bᵢ', values: view.d.preActivation, color: '#555555', style: 'outline' },
    ],
    highlightLabel: 'output of a feature that is off',
    yLabel: 'value',
    xLabel: 'feature',
    title: 'Input and output of one forward pass',
    chart: 'forward-output',
  };
}

/** The feature whose direction is removed: the URL's, within the model's n. */
export const removedFeature = (s: Pick<ForwardState, 'removed'>, n: number) => Math.min(s.removed, Math.max(0, n - 1));

/** What removing feature f's direction did: every feature's loss after, the change, and the most damaged other. */
export function removal(result: RemoveDirectionResult, f: number) {
  const n = result.n;
  const change = result.change.subarray(f * n, (f + 1) * n);
  const after = result.after.subarray(f * n, (f + 1) * n);
  let worst = -1;
  for (let i = 0; i < n; i++) if (i !== f && (worst < 0 || change[i] > change[worst])) worst = i;
  return { change, after, worst, noDirection: result.norms[f] < 0.05 };
}

export function removalMeta(
  model: Pick<FootnoteModel, 'label' | 'step'>,
  result: RemoveDirectionResult,
  f: number,
): ExportMeta {
  return {
    description: `Loss change per feature after projecting out feature ${f}'s direction, ${model.label} (step ${model.step}), ${result.samples} evaluation inputs`,
    config: {
      model: model.label,
      step: model.step,
      feature: f,
      samples: result.samples,
      before: Array.from(result.before),
      after: Array.from(removal(result, f).after),
    },
  };
}

export function removalChartProps(result: RemoveDirectionResult, f: number): BarChartProps {
  const n = result.n;
  return {
    categories: categories(n),
    series: [
      {
        name: 'after − before',
        values: removal(result, f).change,
        color: LINE_COLOR,
        highlight: Array.from({ length: n }, (_, i) => i === f),
      },
    ],
    highlightLabel: 'the removed feature',
    yLabel: 'Δ expected loss',
    xLabel: 'feature',
    title: `Change in expected loss per feature after removing feature ${f}'s direction`,
    chart: 'remove-direction',
  };
}

/**
 * What "A free margin of superposition" draws, as the props of its chart and its export metadata: the section
 * (Section.tsx) and the headless figures (figures.ts) both build them here, so the two cannot drift.
 */
import type { ExportMeta } from '../../charts/export';
import type { LineChartProps } from '../../charts/LineChart';
import { LINE_COLOR } from '../../charts/theme';
import type { FootnoteModel } from '../shared/footnote-model';
import type { L1MarginResult } from './run';

export function l1Meta(
  model: Pick<FootnoteModel, 'label' | 'step'> | null,
  steps: number,
  lambdas: readonly number[],
  r: L1MarginResult | null,
): ExportMeta {
  return {
    description: `L1 margin: ${model?.label ?? 'no model'} (step ${model?.step ?? 0}) continued ${steps} steps per λ, evaluated on ${r?.evalSamples ?? 0} inputs`,
    config: { model: model?.label, step: model?.step, steps, lambdas, rows: r?.rows },
  };
}

/** One point per λ: loss against superposition, both relative to the control (λ = 0); the margin's λ ringed. */
export function l1MarginChartProps(r: L1MarginResult): LineChartProps {
  return {
    series: [
      {
        name: 'continuations',
        color: LINE_COLOR,
        points: r.rows.map((row) => ({
          x: 100 * row.relativeSuperposition,
          y: 100 * row.relativeLoss,
          label: row.lambda === 0 ? 'λ=0' : row.lambda.toExponential(0),
          highlight: row.lambda === r.marginLambda,
        })),
      },
    ],
    references: [{ axis: 'y', value: 1, label: '+1% loss' }],
    xLabel: 'change in total superposition (%)',
    yLabel: 'change in loss (%)',
    title: 'Relative loss against relative superposition across L1 strengths',
    chart: 'l1-margin',
  };
}

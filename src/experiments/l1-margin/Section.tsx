/**
 * "A free margin of superposition" (footnote 21): continue training the model shown at a glance
 * with an L1 penalty on its hidden activations, for a sweep of strengths side by side (in the
 * task worker), and compare loss against superposition relative to the unpenalised control.
 */
import { useMemo } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import { lineChartTable } from '../../charts/tables';
import { LineChart } from '../../charts/LineChart';
import { fmt, fmtCount } from '../../model/format';
import { DataTable, EnumSelect, type TableRow } from '../../ui/controls';
import { Tex } from '../../ui/Tex';
import { useVisible } from '../../ui/use-visible';
import type { SectionProps } from '../experiment';
import { Claim, NeedsModel, TaskStatusLine, pct, taskState } from '../footnotes/claim';
import { useTask } from '../../ui/use-task';
import { modelFingerprint } from '../shared/footnote-model';
import { footnoteTasks } from '../task-clients';
import type { L1MarginResult } from './run';
import { l1MarginChartProps, l1Meta } from './charts';
import { L1_MAX, L1_STEPS, l1Lambdas, l1Request, type L1State } from './params';
import { EmbedControls } from '../../ui/embed';

export function L1Margin({ model = null, state, onChange }: SectionProps<L1State>) {
  const screen = useVisible<HTMLElement>('200px');
  const steps = state.steps;
  const lambdaMax = state.maxLambda;
  const lambdas = useMemo(() => l1Lambdas(lambdaMax), [lambdaMax]);
  const task = useTask<L1MarginResult>({
    client: footnoteTasks(),
    enabled: screen.visible && !!model,
    controlsKey: JSON.stringify({ steps, lambdaMax }),
    modelKey: modelFingerprint(model),
    run: (onProgress) => footnoteTasks().run('l1-margin', l1Request(model!, state), { onProgress }),
    maxWaitMs: 10_000,
  });
  const r = task.result;
  const margin = r?.marginLambda != null ? r.rows.find((row) => row.lambda === r.marginLambda) : undefined;
  const meta = l1Meta(model, steps, lambdas, r);

  return (
    <Claim
      id="fn-l1"
      testId="fn-l1"
      title="A free margin of superposition"
      footnotes="footnote 21"
      state={model ? taskState(task) : 'idle'}
      runKey={task.resultKey}
      runs={task.runs}
      stale={task.stale}
      claimRef={screen.ref}
    >
      <p>
        A trained model sits where a small change in how much superposition it uses does not change its loss, to first
        order — if it did, training would already have made that change. So a gentle push against superposition should
        at first cost almost nothing. Here the push is an L1 penalty on the hidden activations, added while training
        continues from the model above, once per strength <Tex>{'\\lambda'}</Tex> (all strengths train side by side on
        the same batches; <Tex>{'\\lambda = 0'}</Tex> is the control):
      </p>
      <Tex display>
        {'L_\\lambda = L + \\lambda \\, \\mathbb{E}_x \\textstyle\\sum_j |h_j|, \\qquad \\text{superposition} = ' +
          '\\sum_i \\sum_{j \\neq i} (\\hat W_i \\cdot W_j)^2.'}
      </Tex>
      <p>
        Each λ is then scored by its reconstruction loss without the penalty (on a fixed set of 100,000 inputs) and its
        total superposition, both relative to the control. A flat start — superposition falling while the loss stays put
        — is the margin.
      </p>
      {model ? (
        <>
          <EmbedControls>
            <div className="fn-controls" role="group" aria-label="L1 margin settings">
              <label className="control">
                <span>continued training</span>
                <EnumSelect
                  name="l1-steps"
                  action="l1-steps"
                  value={steps}
                  options={L1_STEPS.map((v) => ({ value: v, label: `${fmtCount(v)} steps` }))}
                  onChange={(steps) => onChange({ steps })}
                />
              </label>
              <label className="control">
                <span>strongest λ</span>
                <EnumSelect
                  name="l1-lambda-max"
                  action="l1-lambda-max"
                  value={lambdaMax}
                  options={L1_MAX.map((l) => ({
                    value: l,
                    label: `${l.toExponential(0)} (sweep ${(l / 100).toExponential(0)} … ${l.toExponential(0)})`,
                  }))}
                  onChange={(maxLambda) => onChange({ maxLambda })}
                />
              </label>
            </div>
          </EmbedControls>
          <TaskStatusLine task={task} testId="fn-l1" />
          {r ? (
            <>
              <p className="fn-readout" data-testid="l1-margin" data-lambda={r.marginLambda ?? ''}>
                {margin ? (
                  <>
                    At <strong>λ = {margin.lambda.toExponential(1)}</strong> total superposition falls by{' '}
                    <strong>{(-100 * margin.relativeSuperposition).toFixed(1)}%</strong> while the loss changes by only{' '}
                    <strong>{pct(margin.relativeLoss, 2)}</strong>.
                  </>
                ) : (
                  'No λ in this sweep lowered superposition for at most 1% more loss; try a weaker sweep or more steps.'
                )}{' '}
                ({fmtCount(r.steps)} steps per λ, {(r.ms / 1000).toFixed(1)} s)
              </p>
              <div className="fn-panels">
                <ChartFigure
                  title="Loss against superposition, relative to λ = 0"
                  exportName="footnote-l1-margin"
                  exportMeta={meta}
                  table={() => lineChartTable(l1MarginChartProps(r))}
                  caption="One point per λ, in order of strength (labels). Dashed: +1% loss."
                >
                  <LineChart {...l1MarginChartProps(r)} />
                </ChartFigure>
                <div
                  className="fn-table-wrap"
                  tabIndex={0}
                  role="region"
                  aria-label="The L1 sweep, one row per λ (scrolls sideways)"
                >
                  <DataTable className="fn-table" testId="l1-table" head={L1_TABLE_HEAD} rows={l1TableRows(r)} />
                </div>
              </div>
            </>
          ) : null}
        </>
      ) : (
        <NeedsModel />
      )}
    </Claim>
  );
}

const L1_TABLE_HEAD = ['λ', 'loss', 'Δ loss', 'superposition', 'Δ superposition', 'mean Σ|h|'];

/** One row per λ, the margin's marked. */
function l1TableRows(r: L1MarginResult): TableRow[] {
  return r.rows.map((row) => ({
    key: row.lambda,
    className: row.lambda === r.marginLambda ? 'fn-row-mark' : undefined,
    cells: [
      row.lambda === 0 ? '0 (control)' : row.lambda.toExponential(1),
      row.loss.toExponential(3),
      pct(row.relativeLoss, 2),
      fmt(row.superposition),
      pct(row.relativeSuperposition),
      fmt(row.meanAbsHidden),
    ],
  }));
}

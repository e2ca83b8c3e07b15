/**
 * "Inside one forward pass" (footnotes 25, 27, 19): h as a sum of feature vectors, what reads
 * back out, and what removing one feature's direction does to the others (computed in the
 * footnotes worker on the model shown at a glance).
 */
import { BarChart } from '../../charts/BarChart';
import { ChartFigure } from '../../charts/ChartFigure';
import { barChartTable } from '../../charts/tables';
import { fmt } from '../../model/format';
import { Tex } from '../../ui/Tex';
import { useVisible } from '../../ui/use-visible';
import type { SectionProps } from '../experiment';
import { Claim, NeedsModel, TaskStatusLine, taskState } from '../footnotes/claim';
import { useTask } from '../../ui/use-task';
import { modelFingerprint, type FootnoteModel } from '../shared/footnote-model';
import { footnoteTasks } from '../task-clients';
import type { RemoveDirectionResult } from './run';
import { removal, removalChartProps, removalMeta, removedFeature } from './charts';
import { ForwardPassExplorer } from './Explorer';
import { removeDirectionRequest, type ForwardState } from './params';
import { EmbedControls } from '../../ui/embed';

export function ForwardPass({ model = null, state, onChange }: SectionProps<ForwardState>) {
  const screen = useVisible<HTMLElement>('200px');
  const fingerprint = modelFingerprint(model);
  const task = useTask<RemoveDirectionResult>({
    client: footnoteTasks(),
    enabled: screen.visible && !!model,
    controlsKey: 'remove',
    modelKey: fingerprint,
    run: () => footnoteTasks().run('remove-direction', removeDirectionRequest(model!)),
  });
  const n = model?.n ?? 0;
  const f = removedFeature(state, n);
  const result = task.result && task.result.n === n ? task.result : null;

  return (
    <Claim
      id="fn-forward"
      testId="fn-forward"
      title="Inside one forward pass"
      footnotes="footnotes 25, 27, 19"
      state={model ? taskState(task) : 'idle'}
      runKey={task.resultKey}
      runs={task.runs}
      stale={task.stale}
      claimRef={screen.ref}
    >
      <p>
        Read linearly, a hidden vector is just a weighted sum of feature directions: every active feature contributes
        its own vector <Tex>{'W_i'}</Tex>, scaled by its value, <Tex>{'h = Wx = \\sum_i x_i W_i'}</Tex> (footnote 25).
        Several features being on at once is simply several terms in that sum — nothing has to tie “which value belongs
        to which feature” together (footnote 27). Reading feature <Tex>i</Tex> back with <Tex>{'W^\\top'}</Tex> returns
        its own term plus its overlap with every other active feature,
      </p>
      <Tex display>{'(W^\\top W x)_i = x_i \\lVert W_i \\rVert^2 + \\sum_{j \\neq i} x_j \\, W_i \\cdot W_j,'}</Tex>
      <p>
        and that second part, the interference, is what the bias and ReLU have to filter. Turn features on and off and
        drag their values to build <Tex>h</Tex> term by term; where the filtering fails, features you switched off
        appear in the output (red).
      </p>
      {model ? <ForwardPassExplorer model={model} state={state} onChange={onChange} /> : <NeedsModel />}
      <h4>Removing a direction</h4>
      <p>
        If every feature had a direction of its own, deleting one would be surgical. Project feature <Tex>i</Tex>&apos;s
        direction out of the hidden space, <Tex>{'h \\leftarrow h - (h \\cdot \\hat W_i)\\, \\hat W_i'}</Tex>, and in a
        model with superposition every feature whose direction leans on <Tex>{'\\hat W_i'}</Tex> is damaged too
        (footnote 19). The bars show each feature&apos;s change in expected loss{' '}
        <Tex>{"\\mathbb{E}[I_j (x_j - x'_j)^2]"}</Tex> on one fixed set of 20,000 inputs.
      </p>
      {model ? (
        <>
          <EmbedControls>
            <div className="fn-controls" role="group" aria-label="Remove a direction">
              <label className="control">
                <span>remove the direction of feature</span>
                <select
                  name="fn-remove"
                  data-action="fn-remove-feature"
                  value={f}
                  onChange={(e) => onChange({ removed: Number(e.target.value) })}
                >
                  {Array.from({ length: n }, (_, i) => (
                    <option key={i} value={i}>
                      {i}
                      {result ? ` (‖W‖ = ${fmt(result.norms[i])})` : ''}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          </EmbedControls>
          <TaskStatusLine task={task} testId="fn-remove" />
          {result ? <RemovalView model={model} result={result} f={f} /> : null}
        </>
      ) : null}
    </Claim>
  );
}

function RemovalView({ model, result, f }: { model: FootnoteModel; result: RemoveDirectionResult; f: number }) {
  const { after, worst, noDirection } = removal(result, f);
  const ratio = (i: number) => (result.before[i] > 0 ? after[i] / result.before[i] : NaN);
  return (
    <>
      <p className="fn-readout" data-testid="fn-remove-readout" data-feature={f} data-doubled={result.doubledOthers[f]}>
        {noDirection ? (
          <>Feature {f} is not represented (‖W‖ ≈ 0): there is no direction to remove, and nothing changes.</>
        ) : (
          <>
            Removing feature {f}&apos;s direction raises its own loss from {fmt(result.before[f])} to {fmt(after[f])}.{' '}
            <strong>{result.doubledOthers[f]}</strong> other feature{result.doubledOthers[f] === 1 ? '' : 's'} at least
            double{result.doubledOthers[f] === 1 ? 's' : ''} its loss
            {worst >= 0
              ? `; the most damaged is feature ${worst} (${fmt(result.before[worst])} → ${fmt(after[worst])}${Number.isFinite(ratio(worst)) ? `, ×${fmt(ratio(worst))}` : ''})`
              : ''}
            .
          </>
        )}
      </p>
      <ChartFigure
        title={`Change in each feature's expected loss after removing feature ${f}'s direction`}
        exportName={`footnote-remove-direction-${f}`}
        exportMeta={removalMeta(model, result, f)}
        table={() => barChartTable(removalChartProps(result, f))}
        caption={
          'Red: the removed feature itself. Every other non-zero bar is collateral damage from sharing ' + 'directions.'
        }
      >
        <BarChart {...removalChartProps(result, f)} />
      </ChartFigure>
    </>
  );
}

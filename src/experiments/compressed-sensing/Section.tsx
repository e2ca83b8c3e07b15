/**
 * "The compressed-sensing view" (footnotes 23, 24): the compressed-sensing scale of dimensions per
 * feature against sparsity (with the model shown at a glance on it), and exact L1 recovery of
 * random sparse vectors against k/m for several sizes, computed in the task worker.
 */
import { useMemo, useState } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import { lineChartTable } from '../../charts/tables';
import type { ExportMeta } from '../../charts/export';
import { LineChart } from '../../charts/LineChart';
import { fmtFixed } from '../../model/format';
import { DataTable, EnumSelect, type TableRow } from '../../ui/controls';
import { Tex } from '../../ui/Tex';
import { useVisible } from '../../ui/use-visible';
import type { SectionProps } from '../experiment';
import { Claim, TaskStatusLine, taskState } from '../footnotes/claim';
import { useTask } from '../../ui/use-task';
import type { FootnoteModel } from '../shared/footnote-model';
import { footnoteTasks } from '../task-clients';
import type { CompressedSensingCurve, CompressedSensingResult } from './run';
import { scaleChartProps, scaleMeta, transitionChartProps, transitionMeta } from './charts';
import { CS_NS, CS_SCALES, csRequest, type CsState } from './params';
import { modelScalePoint } from './scale';
import { EmbedControls } from '../../ui/embed';

export function CompressedSensing({ model = null, state, onChange }: SectionProps<CsState>) {
  const screen = useVisible<HTMLElement>('200px');
  const { task, curves } = useRecoveryCurves(state, screen.visible);
  return (
    <Claim
      id="fn-cs"
      testId="fn-cs"
      title="The compressed-sensing view"
      footnotes="footnotes 23, 24"
      state={taskState(task)}
      runKey={task.resultKey}
      runs={task.runs}
      stale={task.stale}
      claimRef={screen.ref}
    >
      <ScaleView model={model} />
      <h4>A transition that sharpens with size</h4>
      <p>
        Recovery by L1 minimisation flips from almost always working to almost never as the number of non-zeros{' '}
        <Tex>k</Tex> passes a threshold. Only for infinitely large problems is that a true phase transition; at finite
        size it is a steep but smooth slope, and it steepens as <Tex>n</Tex> grows (footnote 24). Below, random
        non-negative vectors with <Tex>k</Tex> non-zeros out of <Tex>n</Tex> are measured by <Tex>{'m = n/2'}</Tex>{' '}
        random Gaussian projections and recovered by non-negative basis pursuit,{' '}
        <Tex>{'\\min \\textstyle\\sum x \\text{ s.t. } Ax = y,\\ x \\ge 0'}</Tex> — every problem of a size solved at
        once by batched FISTA with Bregman updates.
      </p>
      <SizeControls state={state} onChange={onChange} />
      {state.sizes.length === 0 ? (
        <p className="panel-note">Pick at least one size.</p>
      ) : (
        <TaskStatusLine task={task} testId="fn-cs" />
      )}
      {curves.length > 0 ? (
        <RecoveryTransition
          curves={curves}
          meta={transitionMeta(state, curves)}
          note={task.result ? ` ${(task.result.ms / 1000).toFixed(1)} s on ${task.result.path}.` : ''}
        />
      ) : null}
    </Claim>
  );
}

/**
 * The recovery curves of the chosen sizes, computed in the task worker: the finished result, or while it computes
 * the sizes done so far (each streamed as it finishes), else the last result.
 */
function useRecoveryCurves(state: CsState, visible: boolean) {
  const ns = state.sizes;
  const scale = state.trialsScale;
  const [partial, setPartial] = useState<{ key: string; curves: CompressedSensingCurve[] }>({ key: '', curves: [] });
  const controlsKey = JSON.stringify({ ns, scale });
  const task = useTask<CompressedSensingResult>({
    client: footnoteTasks(),
    enabled: visible && ns.length > 0,
    controlsKey,
    modelKey: '',
    debounceMs: 400,
    run: (onProgress) => {
      setPartial({ key: controlsKey, curves: [] });
      const onPartial = (c: CompressedSensingCurve) =>
        setPartial((s) => (s.key === controlsKey ? { key: s.key, curves: [...s.curves, c] } : s));
      return footnoteTasks().run('compressed-sensing', csRequest(state), { onProgress, onPartial });
    },
  });
  const curves =
    task.result && !task.stale
      ? task.result.curves
      : partial.key === controlsKey
        ? partial.curves
        : (task.result?.curves ?? []);
  return { task, curves };
}

/** Footnote 23: the compressed-sensing scale per feature against sparsity, and where the model sits on it. */
function ScaleView({ model }: { model: FootnoteModel | null }) {
  const modelPoint = useMemo(() => (model ? modelScalePoint(model) : null), [model]);
  return (
    <>
      <p>
        Compressed sensing asks how few linear measurements suffice to recover a sparse vector. The answer scales like
        the number of non-zeros times the information it takes to say where they are. For features that are each active
        with probability <Tex>{'1 - S'}</Tex>, that is
      </p>
      <Tex display>{'m \\;\\propto\\; n\\,(1 - S)\\,\\log\\frac{1}{1 - S}:'}</Tex>
      <p>
        the expected number of active features, <Tex>{'n(1-S)'}</Tex>, times the surprisal{' '}
        <Tex>{'\\log\\frac{1}{1-S}'}</Tex> of learning that any one of them is active (footnote 23). Per feature, it
        gives the curve below — with an unknown constant, so only its shape is the claim; the dot is the trained
        model&apos;s own dimensions per feature, <Tex>{'m / \\lVert W \\rVert_F^2'}</Tex>.
      </p>
      <div className="fn-panels">
        <ChartFigure
          title="Dimensions per feature: the compressed-sensing scale"
          exportName="footnote-cs-scale"
          exportMeta={scaleMeta(model, modelPoint)}
          table={() => lineChartTable(scaleChartProps(modelPoint))}
          caption="Line: (1 − S)·ln(1/(1 − S)) (constant set to 1). Dot: the model above."
        >
          <LineChart {...scaleChartProps(modelPoint)} />
        </ChartFigure>
      </div>
    </>
  );
}

/** Which signal sizes to compute, and how many random problems per point. */
function SizeControls({ state, onChange }: Pick<SectionProps<CsState>, 'state' | 'onChange'>) {
  const ns = state.sizes;
  return (
    <EmbedControls>
      <div className="fn-controls" role="group" aria-label="Compressed sensing settings">
        <fieldset className="control fn-checks">
          <legend>signal sizes n</legend>
          {CS_NS.map((v) => (
            <label key={v} className="fn-check">
              <input
                type="checkbox"
                data-action="cs-n"
                data-n={v}
                checked={ns.includes(v)}
                onChange={(e) =>
                  onChange({
                    sizes: e.target.checked
                      ? [...ns.filter((x) => x !== v), v].sort((a, b) => a - b)
                      : ns.filter((x) => x !== v),
                  })
                }
              />
              {v}
            </label>
          ))}
        </fieldset>
        <label className="control">
          <span>random problems</span>
          <EnumSelect
            name="cs-trials"
            action="cs-trials"
            value={state.trialsScale}
            options={CS_SCALES.map((v) => ({ value: v, label: v === 1 ? 'quick' : `×${v} (smoother, slower)` }))}
            onChange={(trialsScale) => onChange({ trialsScale })}
          />
        </label>
      </div>
    </EmbedControls>
  );
}

/** Recovery probability against k/m per size, with the measured transition widths. */
function RecoveryTransition({
  curves,
  meta,
  note,
}: {
  curves: readonly CompressedSensingCurve[];
  meta: ExportMeta;
  note: string;
}) {
  return (
    <div className="fn-panels">
      <ChartFigure
        title="Probability of exact recovery against k/m"
        exportName="footnote-cs-transition"
        exportMeta={meta}
        table={() => lineChartTable(transitionChartProps(curves))}
        caption={
          'Each point: the fraction of random problems recovered exactly. Dashed: 90% and 10%, between which the ' +
          'transition width is measured.'
        }
      >
        <LineChart {...transitionChartProps(curves)} />
      </ChartFigure>
      <div
        className="fn-table-wrap"
        tabIndex={0}
        role="region"
        aria-label="Transition widths per signal size (scrolls sideways)"
      >
        <DataTable className="fn-table" testId="cs-widths" head={CS_TABLE_HEAD} rows={curves.map(widthRow)} />
        <p className="fine">
          Widths from a monotone fit of each curve; with few problems per point they are noisy — pick more problems for
          steadier numbers.
          {note}
        </p>
      </div>
    </div>
  );
}

const CS_TABLE_HEAD = ['n', 'm', 'problems per k', '90% at k/m', '10% at k/m', 'width'];

/** A size's transition: where 90% and 10% of the problems are recovered, and the width between. */
const widthRow = (c: CompressedSensingCurve): TableRow => ({
  key: c.n,
  data: { n: c.n, width: Number.isFinite(c.width) ? c.width.toFixed(4) : '' },
  cells: [
    c.n,
    c.m,
    c.trials,
    fmtFixed(c.start, 3),
    fmtFixed(c.end, 3),
    <strong key="w">{fmtFixed(c.width, 3)}</strong>,
  ],
});

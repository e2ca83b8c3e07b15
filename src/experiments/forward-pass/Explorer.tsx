/**
 * The forward-pass explorer: toggle features and drag their values, and see h built term by term and what reads back
 * out. Split by what each part does: the input controls, the readout line, and the two charts (props from charts.ts).
 */
import { useMemo } from 'react';
import { BarChart } from '../../charts/BarChart';
import { ChartFigure } from '../../charts/ChartFigure';
import { barChartTable, stackedBarTable, vectorSumTable } from '../../charts/tables';
import { StackedBarChart } from '../../charts/StackedBarChart';
import { VectorSum2D } from '../../charts/VectorSum2D';
import { fmt } from '../../model/format';
import { sub } from '../footnotes/claim';
import type { FootnoteModel } from '../shared/footnote-model';
import { forwardMeta, forwardOutputProps, forwardView, hiddenChart, type ForwardView } from './charts';
import { LEAK_THRESHOLD, sampleInput } from './explore';
import { FORWARD_VALUE_MAX, FORWARD_VALUE_MIN, encodeForward, nextDraw, type ForwardState } from './params';

export function ForwardPassExplorer({
  model,
  state,
  onChange,
}: {
  model: FootnoteModel;
  state: ForwardState;
  onChange(patch: Partial<ForwardState>): void;
}) {
  const { W, b, n, m, kind } = model;
  // The URL's inputs resized to this model's n (a link or a change at a glance may differ).
  const { active: chosen, values: given } = state;
  const view = useMemo(
    () => forwardView({ W, b, n, m, kind }, { active: chosen, values: given }),
    [W, b, n, m, kind, chosen, given],
  );
  const setInput = (nextActive: readonly boolean[], nextValues: readonly number[], patch: Partial<ForwardState> = {}) =>
    onChange({ ...encodeForward(nextActive, nextValues), ...patch });
  const sample = () => {
    const s = sampleInput(state.draw, model.density, view.values);
    setInput(s.active, s.values, { draw: nextDraw(state.draw) });
  };

  return (
    <div className="fn-forward">
      <FeatureInputs active={view.active} values={view.values} onInput={setInput} onSample={sample} />
      <ForwardReadout view={view} kind={kind} />
      <ForwardPanels model={model} view={view} />
    </div>
  );
}

/** A toggle and a value slider per feature, "Sample an input" and "All off". */
function FeatureInputs({
  active,
  values,
  onInput,
  onSample,
}: {
  active: readonly boolean[];
  values: readonly number[];
  onInput(active: readonly boolean[], values: readonly number[]): void;
  onSample(): void;
}) {
  return (
    <div className="fn-features" role="group" aria-label="Input features">
      {active.map((on, i) => (
        <div className={`fn-feature${on ? ' on' : ''}`} key={i}>
          <label className="fn-toggle">
            <input
              type="checkbox"
              data-action="fn-toggle"
              data-feature={i}
              checked={on}
              onChange={(e) =>
                onInput(
                  active.map((v, j) => (j === i ? e.target.checked : v)),
                  values,
                )
              }
            />
            <span>x{sub(i)}</span>
          </label>
          <input
            type="range"
            aria-label={`value of feature ${i}`}
            data-action="fn-value"
            data-feature={i}
            min={FORWARD_VALUE_MIN}
            max={FORWARD_VALUE_MAX}
            step={0.01}
            value={values[i]}
            disabled={!on}
            onChange={(e) =>
              onInput(
                active,
                values.map((v, j) => (j === i ? Number(e.target.value) : v)),
              )
            }
          />
          <output>{on ? values[i].toFixed(2) : '0'}</output>
        </div>
      ))}
      <div className="fn-feature-buttons">
        <button
          type="button"
          data-action="fn-sample"
          onClick={onSample}
          title="Draw an input from the model's training distribution"
        >
          Sample an input
        </button>
        <button
          type="button"
          data-action="fn-clear"
          onClick={() =>
            onInput(
              active.map(() => false),
              values,
            )
          }
        >
          All off
        </button>
      </div>
    </div>
  );
}

/** How many features are on, ‖h‖, and whether a feature that is off reads back something. */
function ForwardReadout({ view, kind }: { view: ForwardView; kind: FootnoteModel['kind'] }) {
  const { d, leaked, filtered } = view;
  return (
    <p className="fn-readout" data-testid="fn-forward-readout" data-leaked={leaked} data-filtered={filtered}>
      {d.contributions.length} active feature{d.contributions.length === 1 ? '' : 's'} · ‖h‖ = {fmt(Math.hypot(...d.h))}{' '}
      ·{' '}
      {leaked > 0 ? (
        <strong className="fn-warn">
          {leaked} feature{leaked === 1 ? '' : 's'} that {leaked === 1 ? 'is' : 'are'} off read
          {leaked === 1 ? 's' : ''} back more than {LEAK_THRESHOLD}
        </strong>
      ) : (
        `no feature that is off reads back more than ${LEAK_THRESHOLD}`
      )}
      {filtered > 0
        ? ` · ${filtered} more receive interference that the ${kind === 'relu' ? 'ReLU and bias filter out' : 'bias cancels'}`
        : ''}
    </p>
  );
}

/** h as a sum of feature vectors, and the input against the output. */
function ForwardPanels({ model, view }: { model: FootnoteModel; view: ForwardView }) {
  const meta = forwardMeta(model, view.x);
  const hidden = hiddenChart(model, view);
  const plane = hidden.chart === 'vector-sum';
  return (
    <div className="fn-panels">
      <ChartFigure
        title={plane ? 'h = Σ xᵢWᵢ, tip to tail' : 'h = Σ xᵢWᵢ over the hidden dimensions'}
        exportName="footnote-forward-hidden"
        exportMeta={meta}
        table={() => (hidden.chart === 'vector-sum' ? vectorSumTable(hidden.props) : stackedBarTable(hidden.props))}
        caption={
          plane
            ? 'Each active feature adds its vector xᵢWᵢ where the previous one ended; the dashed arrow is h. ' +
              'Grey: every feature’s direction Wᵢ.'
            : 'Each bar stacks the active features’ contributions xᵢWᵢₖ to hidden dimension k; the black tick is hₖ.'
        }
      >
        {hidden.chart === 'vector-sum' ? <VectorSum2D {...hidden.props} /> : <StackedBarChart {...hidden.props} />}
      </ChartFigure>
      <ChartFigure
        title="Input x and output x′"
        exportName="footnote-forward-output"
        exportMeta={meta}
        table={() => barChartTable(forwardOutputProps(view))}
        caption={`Grey: the input. Blue: the output ${model.kind === 'relu' ? 'ReLU(WᵀWx + b)' : 'WᵀWx + b'}; red where a feature that is off comes out above ${LEAK_THRESHOLD}. Dashed: the output before the ReLU, Wᵢ·h + bᵢ.`}
      >
        <BarChart {...forwardOutputProps(view)} />
      </ChartFigure>
    </div>
  );
}

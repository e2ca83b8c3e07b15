/**
 * The forward-pass explorer: toggle features and drag their values, and see h built term by term and what reads back
 * out.
 */
import { useMemo } from 'react';
import { BarChart } from '../../charts/BarChart';
import { NEUTRAL_COLOR, seriesColor } from '../../charts/palette';
import { ChartFrame } from '../../charts/ChartFrame';
import { StackedBarChart } from '../../charts/StackedBarChart';
import { LINE_COLOR } from '../../charts/theme';
import { VectorSum2D } from '../../charts/VectorSum2D';
import { decomposeForwardPass } from '../../model/footnotes/forward-pass';
import { fmt } from '../../model/format';
import { sub } from '../footnotes/claim';
import type { FootnoteModel } from '../shared/footnote-model';
import {
  FORWARD_VALUE_MAX,
  FORWARD_VALUE_MIN,
  encodeForward,
  forwardInputs,
  nextDraw,
  type ForwardState,
} from './params';
import { LEAK_THRESHOLD, leaks, sampleInput } from './explore';

export function ForwardPassExplorer({
  model,
  state,
  onChange,
}: {
  model: FootnoteModel;
  state: ForwardState;
  onChange(patch: Partial<ForwardState>): void;
}) {
  const { n, m, W, b, kind } = model;
  // The URL's inputs resized to this model's n (a link or a change at a glance may differ).
  const { active: chosen, values: given } = state;
  const { active, values } = useMemo(() => forwardInputs({ active: chosen, values: given }, n), [chosen, given, n]);
  const setInput = (nextActive: readonly boolean[], nextValues: readonly number[], patch: Partial<ForwardState> = {}) =>
    onChange({ ...encodeForward(nextActive, nextValues), ...patch });
  const x = useMemo(() => values.map((v, i) => (active[i] ? v : 0)), [values, active]);
  const d = useMemo(() => decomposeForwardPass(W, b, x, n, m, kind), [W, b, x, n, m, kind]);
  const { inactiveHit, leaked, filtered } = leaks(d, active);
  const categories = Array.from({ length: n }, (_, i) => String(i));
  const meta = {
    description: `Forward pass of ${model.label} (step ${model.step}) for x = [${x.map((v) => fmt(v)).join(', ')}]`,
    config: { model: model.label, step: model.step, x },
  };
  const sample = () => {
    const s = sampleInput(state.draw, model.density, values);
    setInput(s.active, s.values, { draw: nextDraw(state.draw) });
  };

  return (
    <div className="fn-forward">
      <div className="fn-features" role="group" aria-label="Input features">
        {Array.from({ length: n }, (_, i) => (
          <div className={`fn-feature${active[i] ? ' on' : ''}`} key={i}>
            <label className="fn-toggle">
              <input
                type="checkbox"
                data-action="fn-toggle"
                data-feature={i}
                checked={active[i]}
                onChange={(e) =>
                  setInput(
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
              disabled={!active[i]}
              onChange={(e) =>
                setInput(
                  active,
                  values.map((v, j) => (j === i ? Number(e.target.value) : v)),
                )
              }
            />
            <output>{active[i] ? values[i].toFixed(2) : '0'}</output>
          </div>
        ))}
        <div className="fn-feature-buttons">
          <button
            type="button"
            data-action="fn-sample"
            onClick={sample}
            title="Draw an input from the model's training distribution"
          >
            Sample an input
          </button>
          <button
            type="button"
            data-action="fn-clear"
            onClick={() =>
              setInput(
                active.map(() => false),
                values,
              )
            }
          >
            All off
          </button>
        </div>
      </div>
      <p className="fn-readout" data-testid="fn-forward-readout" data-leaked={leaked} data-filtered={filtered}>
        {d.contributions.length} active feature{d.contributions.length === 1 ? '' : 's'} · ‖h‖ ={' '}
        {fmt(Math.hypot(...d.h))} ·{' '}
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
      <div className="fn-panels">
        <ChartFrame
          title={m === 2 ? 'h = Σ xᵢWᵢ, tip to tail' : 'h = Σ xᵢWᵢ over the hidden dimensions'}
          exportName="footnote-forward-hidden"
          exportMeta={meta}
          caption={
            m === 2
              ? 'Each active feature adds its vector xᵢWᵢ where the previous one ended; the dashed arrow is h. Grey: every feature’s direction Wᵢ.'
              : 'Each bar stacks the active features’ contributions xᵢWᵢₖ to hidden dimension k; the black tick is hₖ.'
          }
        >
          {m === 2 ? (
            <VectorSum2D
              terms={d.contributions.map((c) => ({
                label: `x${sub(c.feature)}W${sub(c.feature)}`,
                vector: [c.vector[0], c.vector[1]] as const,
                color: seriesColor(c.feature),
              }))}
              reference={W}
              referenceLabels={categories}
              sumLabel="h"
              title="The hidden vector as a sum of active feature vectors"
            />
          ) : (
            <StackedBarChart
              categories={Array.from({ length: m }, (_, k) => `h${sub(k)}`)}
              segments={d.contributions.map((c) => ({
                name: `x${sub(c.feature)}W${sub(c.feature)}`,
                values: c.vector,
                color: seriesColor(c.feature),
              }))}
              totals={d.h}
              totalLabel="h"
              yLabel="value"
              xLabel="hidden dimension"
              title="The hidden vector as a sum of active feature vectors"
              chart="hidden-contributions"
            />
          )}
        </ChartFrame>
        <ChartFrame
          title="Input x and output x′"
          exportName="footnote-forward-output"
          exportMeta={meta}
          caption={`Grey: the input. Blue: the output ${kind === 'relu' ? 'ReLU(WᵀWx + b)' : 'WᵀWx + b'}; red where a feature that is off comes out above ${LEAK_THRESHOLD}. Dashed: the output before the ReLU, Wᵢ·h + bᵢ.`}
        >
          <BarChart
            categories={categories}
            series={[
              { name: 'input x', values: x, color: NEUTRAL_COLOR },
              { name: 'output x′', values: d.output, color: LINE_COLOR, highlight: inactiveHit },
              { name: 'Wᵢ·h + bᵢ', values: d.preActivation, color: '#555555', style: 'outline' },
            ]}
            highlightLabel="output of a feature that is off"
            yLabel="value"
            xLabel="feature"
            title="Input and output of one forward pass"
            chart="forward-output"
          />
        </ChartFrame>
      </div>
    </div>
  );
}

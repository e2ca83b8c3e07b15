/**
 * "Many sparse features add up to something Gaussian" (footnote 22): sample a hidden activation
 * of random unit directions (or the model shown at a glance) in the task worker and compare
 * it with a normal: histogram, Q–Q plot, excess kurtosis against features per dimension.
 */
import { ChartFigure } from '../../charts/ChartFigure';
import { histogramTable, lineChartTable, qqTable } from '../../charts/tables';
import type { ExportMeta } from '../../charts/export';
import { HistogramChart } from '../../charts/HistogramChart';
import { LineChart } from '../../charts/LineChart';
import { QQPlot } from '../../charts/QQPlot';
import { fmt, fmtCount } from '../../model/format';
import { EnumSelect, LogDensitySlider } from '../../ui/controls';
import { Tex } from '../../ui/Tex';
import { useVisible } from '../../ui/use-visible';
import type { SectionProps } from '../experiment';
import { Claim, TaskStatusLine, sub, taskState } from '../footnotes/claim';
import { useTask } from '../../ui/use-task';
import { modelFingerprint } from '../shared/footnote-model';
import { footnoteTasks } from '../task-clients';
import type { GaussianResult } from './run';
import { GAUSSIAN_CHARTS, gaussianMeta, histogramProps, kurtosisCurveProps, meanKurtosis, qqProps } from './charts';
import { GAUSS_RANDOM_M, GAUSS_RATIOS, gaussianRequest, gaussianSetting, type GaussianState } from './params';
import { singleFeatureKurtosis } from '../../model/footnotes/gaussian';
import { EmbedControls } from '../../ui/embed';

export function GaussianLatents({ model = null, state, onChange }: SectionProps<GaussianState>) {
  const screen = useVisible<HTMLElement>('200px');
  const source = state.source;
  const ratio = state.featuresPerDimension;
  const density = state.density;
  const logY = state.logScale;
  // Until the model has trained (or with a link asking for it before it has), the random directions stand in.
  const { useModel, m, dimension: dim } = gaussianSetting(model, state);
  const task = useTask<GaussianResult>({
    client: footnoteTasks(),
    enabled: screen.visible,
    controlsKey: JSON.stringify({ source: useModel ? 'model' : 'random', ratio, density, dim }),
    modelKey: useModel ? modelFingerprint(model) : '',
    run: () => footnoteTasks().run('gaussian-latents', gaussianRequest(model, state)),
  });
  const r = task.result;
  const meta = gaussianMeta(model, state, r);

  return (
    <Claim
      id="fn-gaussian"
      testId="fn-gaussian"
      title="Many sparse features add up to something Gaussian"
      footnotes="footnote 22"
      state={taskState(task)}
      runKey={task.resultKey}
      runs={task.runs}
      stale={task.stale}
      claimRef={screen.ref}
    >
      <p>
        One sparse feature looks nothing like a bell curve: it is exactly zero most of the time and occasionally large.
        A hidden dimension, though, adds many of them up, <Tex>{'h_k = \\sum_i x_i W_{ik}'}</Tex>, and sums of many
        independent terms drift towards a normal distribution. The more features share each dimension, the closer the
        fit — measured by the excess kurtosis <Tex>{'\\kappa = \\mathbb{E}[(h-\\mu)^4]/\\sigma^4 - 3'}</Tex>, which is 0
        for a Gaussian and large for a spiky variable. Turned around: a generative model that insists on Gaussian
        latents may be pushing them into superposition.
      </p>
      <EmbedControls>
        <div className="fn-controls" role="group" aria-label="Gaussian latents settings">
          <label className="control">
            <span>features</span>
            <EnumSelect
              name="gauss-source"
              action="gauss-source"
              value={source}
              options={[
                { value: 'random', label: 'random unit directions in 8 dimensions' },
                {
                  value: 'model',
                  label: `the trained model${model ? ` (${model.n} features in ${model.m} dims)` : ''}`,
                  disabled: !model,
                },
              ]}
              onChange={(source) => onChange({ source })}
            />
          </label>
          <label className="control">
            <span>features per dimension</span>
            <EnumSelect
              name="gauss-ratio"
              action="gauss-ratio"
              value={ratio}
              disabled={useModel}
              options={GAUSS_RATIOS.map((v) => ({ value: v, label: `${v} (n = ${v * GAUSS_RANDOM_M})` }))}
              onChange={(featuresPerDimension) => onChange({ featuresPerDimension })}
            />
          </label>
          <LogDensitySlider
            caption="density 1−S"
            name="gauss-density"
            action="gauss-density"
            ariaLabel="feature density, logarithmic"
            value={density}
            onChange={(density) => onChange({ density })}
          />
          <label className="control">
            <span>hidden dimension</span>
            <select
              name="gauss-dim"
              data-action="gauss-dim"
              value={dim}
              onChange={(e) => onChange({ dimension: Number(e.target.value) })}
            >
              {Array.from({ length: m }, (_, k) => (
                <option key={k} value={k}>
                  h{sub(k)}
                </option>
              ))}
            </select>
          </label>
          <label className="control checkbox">
            <input
              type="checkbox"
              name="gauss-logy"
              data-action="gauss-logy"
              checked={logY}
              onChange={(e) => onChange({ logScale: e.target.checked })}
            />
            <span>log density axis</span>
          </label>
        </div>
      </EmbedControls>
      <TaskStatusLine task={task} testId="fn-gaussian" />
      {r ? (
        <GaussianResultView r={r} density={density} logY={logY} useModel={useModel} ratio={ratio} meta={meta} />
      ) : null}
    </Claim>
  );
}

/** The kurtosis readout, the histogram with its fitted normal, the Q–Q plot and the kurtosis curve. */
function GaussianResultView({
  r,
  density,
  logY,
  useModel,
  ratio,
  meta,
}: {
  r: GaussianResult;
  density: number;
  logY: boolean;
  useModel: boolean;
  ratio: number;
  meta: (what: string) => ExportMeta;
}) {
  return (
    <>
      <p
        className="fn-readout"
        data-testid="gauss-kurtosis"
        data-value={Number.isFinite(r.excessKurtosis) ? r.excessKurtosis.toFixed(4) : ''}
      >
        {r.n} features in {r.m} dimensions ({fmt(r.featuresPerDimension)} per dimension): excess kurtosis of h
        {sub(r.dimension)} = <strong>{fmt(r.excessKurtosis)}</strong> (mean over dimensions {fmt(meanKurtosis(r))}; one
        feature alone at this density: {fmt(singleFeatureKurtosis(density))}) · {fmtCount(r.samples)} samples
      </p>
      <div className="fn-panels fn-panels-3">
        <ChartFigure
          title={`Distribution of h${sub(r.dimension)}`}
          exportName="footnote-gaussian-histogram"
          exportMeta={meta(GAUSSIAN_CHARTS.histogram)}
          table={() => histogramTable(histogramProps(r, logY))}
          caption={
            'Bars: the samples (as a density). Red: the normal with the same mean and variance. Values beyond ' +
            '±4σ are gathered in the end bins.'
          }
        >
          <HistogramChart {...histogramProps(r, logY)} />
        </ChartFigure>
        <ChartFigure
          title="Normal Q–Q plot"
          exportName="footnote-gaussian-qq"
          exportMeta={meta(GAUSSIAN_CHARTS.qq)}
          table={() => qqTable(qqProps(r))}
          caption={
            'A Gaussian lies on the dashed diagonal; a flat run means many identical values (the zeros), steep ' +
            'ends mean heavy tails.'
          }
        >
          <QQPlot {...qqProps(r)} />
        </ChartFigure>
        <ChartFigure
          title="Excess kurtosis against features per dimension"
          exportName="footnote-gaussian-kurtosis"
          exportMeta={meta(GAUSSIAN_CHARTS.kurtosis)}
          table={() => lineChartTable(kurtosisCurveProps(r, useModel, ratio))}
          caption={`Random unit directions in ${r.curveM} dimensions at this density. Dashed: a Gaussian (0). Ringed: the setting above.`}
        >
          <LineChart {...kurtosisCurveProps(r, useModel, ratio)} />
        </ChartFigure>
      </div>
    </>
  );
}

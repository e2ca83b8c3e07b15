/**
 * What dictionary learning found: the recovered fraction, atoms against features, and recovery against density and k.
 */
import { HIGHLIGHT_COLOR } from '../../charts/palette';
import { ChartFrame } from '../../charts/ChartFrame';
import { CosineMatrix } from '../../charts/CosineMatrix';
import { DirectionArrows2D } from '../../charts/DirectionArrows2D';
import type { ExportMeta } from '../../charts/export';
import { LineChart, type LinePoint } from '../../charts/LineChart';
import { LINE_COLOR, importanceColor } from '../../charts/theme';
import { fmtCount } from '../../model/format';
import type { DictionaryCurvesResult, DictionaryResult } from './run';

export function DictionaryResultView({
  r,
  m,
  meta,
}: {
  r: DictionaryResult;
  m: number;
  meta: (what: string) => ExportMeta;
}) {
  const p = r.represented.length;
  const hits = Array.from(r.best).filter((v) => v >= r.threshold).length;
  return (
    <>
      <p className="fn-readout" data-testid="dict-fraction" data-value={r.fraction.toFixed(4)}>
        {p === 0 ? (
          'The model represents no feature yet (every ‖Wᵢ‖ < 0.5): nothing to recover.'
        ) : (
          <>
            Recovered <strong>{hits}</strong> of the {p} represented features (
            <strong>{(100 * r.fraction).toFixed(0)}%</strong>) at |cos| ≥ {r.threshold}; the hidden axes alone would
            give {(100 * r.axisFraction).toFixed(0)}%. Reconstruction error {(100 * r.relativeError).toFixed(2)}%,{' '}
            {r.meanActive.toFixed(2)} atoms active per sample · {fmtCount(r.samples)} samples,{' '}
            {(r.ms / 1000).toFixed(1)} s on {r.path}
          </>
        )}
      </p>
      <div className="fn-panels">
        {m === 2 ? (
          <ChartFrame
            title="Learned atoms over the true feature directions"
            exportName="footnote-dictionary-atoms"
            exportMeta={meta('Atoms over features')}
            caption="Solid: each represented feature's direction Ŵᵢ. Dashed: the learned atoms."
          >
            <DirectionArrows2D
              sets={[
                {
                  name: 'feature directions Ŵᵢ',
                  vectors: r.directions,
                  color: importanceColor(0.6),
                  labels: r.represented.map(String),
                  strokeWidth: 2.5,
                },
                { name: 'learned atoms', vectors: r.atoms, color: HIGHLIGHT_COLOR, dashed: true, strokeWidth: 1.5 },
              ]}
              title="Learned atoms over the true feature directions"
            />
          </ChartFrame>
        ) : null}
        <ChartFrame
          title="|cos| between features and atoms"
          exportName="footnote-dictionary-cosines"
          exportMeta={meta('|cos| matrix')}
          caption="Rows: represented features. Columns: atoms, matched one-to-one first so recovered features sit on the diagonal. Outlined: |cos| ≥ 0.9."
        >
          <CosineMatrix
            values={r.cos}
            rows={p}
            cols={r.k}
            colOrder={r.atomOrder}
            rowLabels={r.represented.map(String)}
            colLabels={Array.from({ length: r.k }, (_, j) => `a${j}`)}
            rowTitle="features"
            colTitle="atoms (matched order)"
            threshold={r.threshold}
            size={Math.min(560, 22 * r.k)}
            title="|cos| between true feature directions and learned atoms"
          />
        </ChartFrame>
      </div>
    </>
  );
}

export function RecoveryCurves({
  curves,
  status,
  density,
  kFactor,
  meta,
}: {
  curves: DictionaryCurvesResult;
  status: string;
  density: number;
  kFactor: number;
  meta: (what: string) => ExportMeta;
}) {
  return (
    <div className="fn-panels" data-testid="dict-curves" data-state={status}>
      <ChartFrame
        title="Recovery against data density"
        exportName="footnote-dictionary-by-density"
        exportMeta={meta('Recovery against density')}
        caption="The same model, activations sampled at other densities (k as chosen). Denser data mixes more features into every sample. Ringed: the run above."
      >
        <RecoveryChart
          points={curves.byDensity.map((q) => ({
            x: q.density,
            y: q.fraction,
            highlight: Math.abs(q.density - density) <= 1e-6 * density,
          }))}
          xLabel="density 1 − S of the sampled inputs"
          title="Recovered fraction against data density"
          chart="dictionary-by-density"
        />
      </ChartFrame>
      <ChartFrame
        title="Recovery against atoms per feature"
        exportName="footnote-dictionary-by-k"
        exportMeta={meta('Recovery against k/n')}
        caption="k/n atoms per feature, at the density above. Fewer atoms than features cannot recover them all. Ringed: the run above."
      >
        <RecoveryChart
          points={curves.byRatio.map((q) => ({ x: q.ratio, y: q.fraction, highlight: q.ratio === kFactor }))}
          xTicks={curves.byRatio.map((q) => q.ratio)}
          xLabel="atoms per feature k/n"
          title="Recovered fraction against atoms per feature"
          chart="dictionary-by-k"
        />
      </ChartFrame>
    </div>
  );
}

/** The recovered fraction (0–1) against a log-scaled setting. */
function RecoveryChart({
  points,
  xTicks,
  xLabel,
  title,
  chart,
}: {
  points: LinePoint[];
  xTicks?: number[];
  xLabel: string;
  title: string;
  chart: string;
}) {
  return (
    <LineChart
      series={[{ name: 'recovered fraction', color: LINE_COLOR, points }]}
      xScale="log"
      xTicks={xTicks}
      xLabel={xLabel}
      yLabel="recovered (|cos| ≥ 0.9)"
      yDomain={[0, 1]}
      title={title}
      chart={chart}
    />
  );
}

/**
 * What dictionary learning found: the recovered fraction, atoms against features, and recovery against density and k.
 */
import { ChartFigure } from '../../charts/ChartFigure';
import { arrowsTable, cosineTable, lineChartTable } from '../../charts/tables';
import { CosineMatrix } from '../../charts/CosineMatrix';
import { DirectionArrows2D } from '../../charts/DirectionArrows2D';
import type { ExportMeta } from '../../charts/export';
import { LineChart } from '../../charts/LineChart';
import { fmtCount } from '../../model/format';
import {
  DICTIONARY_CHARTS,
  atomsChartProps,
  cosineMatrixProps,
  recoveryByDensityProps,
  recoveryByRatioProps,
} from './charts';
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
          <ChartFigure
            title="Learned atoms over the true feature directions"
            exportName="footnote-dictionary-atoms"
            exportMeta={meta(DICTIONARY_CHARTS.atoms)}
            table={() => arrowsTable(atomsChartProps(r))}
            caption="Solid: each represented feature's direction Ŵᵢ. Dashed: the learned atoms."
          >
            <DirectionArrows2D {...atomsChartProps(r)} />
          </ChartFigure>
        ) : null}
        <ChartFigure
          title="|cos| between features and atoms"
          exportName="footnote-dictionary-cosines"
          exportMeta={meta(DICTIONARY_CHARTS.cosines)}
          table={() => cosineTable(cosineMatrixProps(r))}
          caption={
            'Rows: represented features. Columns: atoms, matched one-to-one first so recovered features sit on ' +
            'the diagonal. Outlined: |cos| ≥ 0.9.'
          }
        >
          <CosineMatrix {...cosineMatrixProps(r)} />
        </ChartFigure>
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
      <ChartFigure
        title="Recovery against data density"
        exportName="footnote-dictionary-by-density"
        exportMeta={meta(DICTIONARY_CHARTS.byDensity)}
        table={() => lineChartTable(recoveryByDensityProps(curves, density))}
        caption={
          'The same model, activations sampled at other densities (k as chosen). Denser data mixes more features ' +
          'into every sample. Ringed: the run above.'
        }
      >
        <LineChart {...recoveryByDensityProps(curves, density)} />
      </ChartFigure>
      <ChartFigure
        title="Recovery against atoms per feature"
        exportName="footnote-dictionary-by-k"
        exportMeta={meta(DICTIONARY_CHARTS.byRatio)}
        table={() => lineChartTable(recoveryByRatioProps(curves, kFactor))}
        caption={
          'k/n atoms per feature, at the density above. Fewer atoms than features cannot recover them all. ' +
          'Ringed: the run above.'
        }
      >
        <LineChart {...recoveryByRatioProps(curves, kFactor)} />
      </ChartFigure>
    </div>
  );
}

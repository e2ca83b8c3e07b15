/**
 * The chart views of "Beyond the basic model", one per kind of experiment; they render from a snapshot, without a
 * worker.
 */
import { useEffect, useState } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { LineChart } from '../../charts/LineChart';
import { gramTable, neuronStackTable, vectorsTable, weightMatrixTable } from '../../charts/model-tables';
import { NeuronStackChart } from '../../charts/NeuronStackChart';
import { SetGeometry2D, type SetGeometry2DProps } from '../../charts/SetGeometry2D';
import { lineChartTable } from '../../charts/tables';
import { WeightMatrixChart } from '../../charts/WeightMatrixChart';
import { fmtDensity, fmtFixed, fmtLoss } from '../../model/format';
import type { NeuronStatus } from '../../model/variants/analysis';
import type { VariantPreset } from '../../model/variants/presets';
import { DataTable } from '../../ui/controls';
import type { Snapshot } from '../../worker/protocol';
import type { BeyondVariantId } from './params';
import {
  absAnalysis,
  ADVERSARIAL_SAMPLES,
  adversarialPoint,
  densityLabel,
  localBasesAnalysis,
  perDimensionChartProps,
  privilegedAnalyses,
  setAngles,
  setGeometryProps,
  vulnerabilityChartProps,
  type AdvPoint,
} from './run';

export interface ViewProps {
  preset: VariantPreset;
  snap: Snapshot;
  /** Best instance per density group. */
  best: number[];
  exportMeta: { description: string; config: unknown };
  /** The run's JSON (views are drawn only once the run has a snapshot, so there is always one). */
  exportJson: () => object;
  settled: boolean;
}

/** A chart's export props: `beyond-<experiment>-<name>` with the run's metadata and JSON. */
const framing = ({ preset, exportMeta, exportJson }: ViewProps, name: string) => ({
  exportName: `beyond-${preset.id}-${name}`,
  exportMeta,
  exportJson,
});

/** "3 mono · 1 poly · 1 dead": a model's neurons by status. */
const countsCaption = (c: Record<NeuronStatus, number>) =>
  `${c.monosemantic} mono · ${c.polysemantic} poly · ${c.dead} dead`;

function SetsView(props: ViewProps) {
  const { preset, snap, best } = props;
  const anti = preset.config.featureSets?.[0]?.kind === 'anticorrelated';
  return (
    <div className="beyond-grid">
      {best.map((j, g) => {
        const angles = setAngles(preset.config, snap, j);
        const d = preset.densities[g];
        const chart = setGeometryProps(preset, snap, j, g);
        return (
          <ChartFigure
            key={g}
            title={`${anti ? 'Member' : 'Set'} density ${fmtDensity(d)}`}
            {...framing(props, `geometry-${g}`)}
            table={() => setsTable(chart)}
            caption={
              angles.length
                ? `within-set angles: ${angles.map((a) => `${a}°`).join(', ')}`
                : 'within-set angles: — (a member is dropped)'
            }
          >
            <SetGeometry2D {...chart} />
          </ChartFigure>
        );
      })}
    </div>
  );
}

/** A set-geometry panel's table: each feature's vector and the set it belongs to (−1: independent). */
const setsTable = (p: SetGeometry2DProps) =>
  vectorsTable(p.W, p.n, 2, {
    extra: [{ name: 'set', values: Array.from(p.setOf, (k) => (k < 0 ? 'independent' : k)) }],
  });

function LocalBasesView(props: ViewProps) {
  const { preset, snap, best } = props;
  const a = localBasesAnalysis(preset, snap, best[0]);
  const summary = a.sets.map(
    (s) => `set ${s.set}: mean |angle − 90°| = ${fmtFixed(s.meanDeviation, 1)}° over ${s.pairs} pairs`,
  );
  return (
    <div className="beyond-grid">
      <ChartFigure
        title="WᵀW and bias (features 0–9: set 0, 10–19: set 1)"
        {...framing(props, 'wtw')}
        table={() => gramTable(a.chart)}
        caption={summary.join('; ')}
      >
        <GramHeatmap {...a.chart} />
      </ChartFigure>
    </div>
  );
}

function PrivilegedView(props: ViewProps) {
  const { preset, snap, best } = props;
  const rows = privilegedAnalyses(preset, snap, best);
  return (
    <>
      <div className="beyond-grid">
        {rows.map(({ stacks, counts }, g) => (
          <ChartFigure
            key={g}
            title={densityLabel(preset.densities[g])}
            {...framing(props, `stacks-${g}`)}
            table={() => neuronStackTable(stacks)}
            caption={`${countsCaption(counts)} · loss ${fmtLoss(snap.loss[best[g]], 2)}`}
          >
            <NeuronStackChart {...stacks} />
          </ChartFigure>
        ))}
      </div>
      <div className="beyond-grid" data-testid="beyond-weight-matrices">
        {rows.map(({ matrix }, g) => (
          <ChartFigure
            key={g}
            title={`W as a matrix, ${densityLabel(preset.densities[g])}`}
            {...framing(props, `matrix-${g}`)}
            table={() => weightMatrixTable(matrix)}
            caption="Rows: neurons in the stack plot's order. Columns: features, most important first."
          >
            <WeightMatrixChart {...matrix} />
          </ChartFigure>
        ))}
      </div>
      <CountsTable densities={preset.densities} counts={rows.map((r) => r.counts)} />
    </>
  );
}

function CountsTable({
  densities,
  counts,
}: {
  densities: readonly number[];
  counts: readonly Record<NeuronStatus, number>[];
}) {
  return (
    <DataTable
      className="beyond-table"
      testId="beyond-neuron-counts"
      caption={
        'Neurons per density (best seed): a neuron is monosemantic when one represented feature holds ≥ 90% of ' +
        'its squared input weight.'
      }
      head={['1 − S', 'monosemantic', 'polysemantic', 'dead']}
      rows={densities.map((d, g) => ({
        key: g,
        cells: [fmtDensity(d), counts[g].monosemantic, counts[g].polysemantic, counts[g].dead],
      }))}
    />
  );
}

function AbsView(props: ViewProps) {
  const { preset, snap, best } = props;
  const { config } = preset;
  const rows = best.map((j, g) => ({ g, j, ...absAnalysis(preset, snap, j, g) }));
  return (
    <div className={config.n > 10 ? 'beyond-grid beyond-grid-wide' : 'beyond-grid'}>
      {rows.map(({ g, j, stacks, motifs, counts, pairs }) => (
        <ChartFigure
          key={g}
          title={densityLabel(preset.densities[g])}
          {...framing(props, `stacks-${g}`)}
          table={() => neuronStackTable(stacks)}
          caption={
            `${countsCaption(counts)} · ${pairs} / ${config.n} features with a ReLU(x)/ReLU(−x) pair` +
            ` · ${motifs.length ? `${motifs.length} asymmetric motif${motifs.length === 1 ? '' : 's'} (e.g. neuron ${motifs[0].neuron}: feature ${motifs[0].strong} strong, ${motifs[0].victim} victim)` : 'no asymmetric motif'}` +
            ` · loss ${fmtLoss(snap.loss[j], 2)}`
          }
        >
          <NeuronStackChart {...stacks} />
        </ChartFigure>
      ))}
    </div>
  );
}

function AdversarialView(props: ViewProps) {
  const { preset, snap, best, exportMeta, exportJson, settled } = props;
  const [result, setResult] = useState<{ key: string; points: AdvPoint[]; ms: number } | null>(null);
  const key = `${snap.runId}:${snap.step}:${best.join(',')}`;
  // The attack runs on the main thread, one model per task so the page stays responsive.
  useEffect(() => {
    if (!settled) return;
    let cancelled = false;
    const points: AdvPoint[] = [];
    let ms = 0;
    const next = (g: number) => {
      if (cancelled) return;
      if (g === best.length) {
        setResult({ key, points, ms });
        return;
      }
      const t0 = performance.now();
      points.push(adversarialPoint(preset, snap, best[g], g));
      ms += performance.now() - t0;
      timer = window.setTimeout(() => next(g + 1), 0);
    };
    let timer = window.setTimeout(() => next(0), 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // key covers snap, best and the run
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, settled]);
  const current = result && result.key === key ? result : null;
  return (
    <div className="beyond-grid beyond-grid-wide">
      <ChartFigure
        title="Features per dimension ‖W‖_F² / m (live)"
        {...framing(props, 'perdim')}
        table={() => lineChartTable(perDimensionChartProps(preset, snap, best))}
      >
        <LineChart {...perDimensionChartProps(preset, snap, best)} />
      </ChartFigure>
      {current ? (
        <>
          <ChartFigure
            title="Vulnerability ratio vs density"
            exportName={`beyond-${preset.id}-vs-density`}
            exportMeta={exportMeta}
            exportJson={() => ({ ...exportJson(), vulnerability: current.points })}
            table={() => lineChartTable(vulnerabilityChartProps(current.points, 'density'))}
            caption={`Loss increase under the analytic attack relative to the no-superposition baseline (1 = as robust). ${ADVERSARIAL_SAMPLES} inputs per model; computed in ${Math.round(current.ms)} ms.`}
          >
            <LineChart {...vulnerabilityChartProps(current.points, 'density')} />
          </ChartFigure>
          <ChartFigure
            title="Vulnerability ratio vs features per dimension"
            exportName={`beyond-${preset.id}-vs-perdim`}
            exportMeta={exportMeta}
            exportJson={() => ({ ...exportJson(), vulnerability: current.points })}
            table={() => lineChartTable(vulnerabilityChartProps(current.points, 'perdim'))}
          >
            <LineChart {...vulnerabilityChartProps(current.points, 'perdim')} />
          </ChartFigure>
        </>
      ) : (
        <p className="panel-note" data-testid="beyond-adversarial-pending">
          {settled ? 'Computing the attack…' : 'The vulnerability ratio is computed when training is done or paused.'}
        </p>
      )}
    </div>
  );
}

/** The per-preset chart views (exported for tests: they render from a snapshot without a worker). */
export function BeyondView({ id, ...props }: ViewProps & { id: BeyondVariantId }) {
  if (id === 'correlated-pairs' || id === 'anticorrelated-pairs' || id === 'three-correlated-pairs')
    return <SetsView {...props} />;
  if (id === 'local-orthogonal-bases') return <LocalBasesView {...props} />;
  if (id === 'privileged-basis') return <PrivilegedView {...props} />;
  if (id === 'abs-dense' || id === 'abs-sweep') return <AbsView {...props} />;
  return <AdversarialView {...props} />;
}

/**
 * The selected model of the geometry sweep: its feature geometry graph, WᵀW, polytope gallery,
 * 3-D view (m = 3) and learning-dynamics timeline, at the live step or a step scrubbed back to.
 */
import { useMemo, useState } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import type { ExportMeta } from '../../charts/export';
import { DynamicsChart } from '../../charts/DynamicsChart';
import { DEFAULT_VIEW, FeatureGeometry3D, type View3D } from '../../charts/FeatureGeometry3D';
import { GeometryGraphChart } from '../../charts/GeometryGraphChart';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { geometryGraphTable, gramTable, polytopeTable, vectorsTable } from '../../charts/model-tables';
import { PolytopeGallery } from '../../charts/PolytopeGallery';
import { POLYTOPE_LABELS, featureColorsByPolytope, polytopeSummary } from '../../charts/polytopes';
import { dynamicsTable } from '../../charts/tables';
import { fmt, fmtCount } from '../../model/format';
import { featuresByFactor, geometryAnalysis } from '../../model/geometry';
import { featureDimensionality, gram, superposition } from '../../model/metrics';
import type { SweepPoint } from '../../model/uniform-sweep';
import type { MovieSource } from '../../charts/movie/source';
import type { ModelHistory } from './dynamics-recorder';
import { MAX_GRAM_FEATURES } from './params';

/** A chart's export props: `geometry-model-<j>-<name>` with the sweep's metadata and the model's JSON. */
const framing = (selected: number, name: string, exportMeta: ExportMeta, exportJson: (() => unknown) | null) => ({
  exportName: `geometry-model-${selected}-${name}`,
  exportMeta,
  exportJson,
});

export interface DrilldownProps {
  n: number;
  m: number;
  selected: number;
  point: SweepPoint | null;
  /** The model's weights at the shown step (live, or scrubbed back). */
  W: Float32Array;
  b: Float32Array;
  shownStep: number;
  scrubbed: boolean;
  exportMeta: ExportMeta & { config: object };
  exportJson: (() => unknown) | null;
  onClose(): void;
}

export function Drilldown({
  n,
  m,
  selected,
  point,
  W,
  b,
  shownStep,
  scrubbed,
  exportMeta,
  exportJson,
  onClose,
}: DrilldownProps) {
  const analysis = useMemo(() => geometryAnalysis(W, n, m), [W, n, m]);
  const selectedGram = useMemo(() => (n <= MAX_GRAM_FEATURES ? gram(W, n, m) : null), [W, n, m]);
  const featureColors = useMemo(() => featureColorsByPolytope(analysis.polytopes, n), [analysis, n]);
  const features = useMemo(() => featuresByFactor(analysis.polytopes), [analysis]);
  const [view, setView] = useState<View3D>(DEFAULT_VIEW);
  // A feature hovered in the graph or in WᵀW is highlighted in both, with its numbers below.
  const [hovered, setHovered] = useState<number | null>(null);
  const factors = analysis.polytopes.factors.length;
  return (
    <>
      <p className="geometry-drill-title">
        Model {selected}: 1/(1 − S) = <strong>{point ? point.invDensity.toFixed(2) : '—'}</strong> · <i>m</i>/‖<i>W</i>
        ‖²<sub>F</sub> = <strong>{point ? point.dimensionsPerFeature.toFixed(3) : '—'}</strong> · Σ <i>D</i>
        <sub>i</sub> = {point ? point.sumDimensionality.toFixed(2) : '—'} of {m} · {factors} tegum factor
        {factors === 1 ? '' : 's'}:{' '}
        <span data-testid="geometry-polytopes">{polytopeSummary(analysis.polytopes.counts)}</span>
        {scrubbed ? (
          <>
            {' '}
            · <strong data-testid="geometry-shown-step">at step {fmtCount(shownStep)}</strong> (timeline)
          </>
        ) : null}{' '}
        <button type="button" data-action="geometry-close" onClick={onClose}>
          Close
        </button>
      </p>
      <FeatureReadout
        W={W}
        n={n}
        m={m}
        feature={hovered !== null && hovered < n ? hovered : null}
        analysis={analysis}
      />
      <div className="panels">
        <ChartFigure
          title="Feature geometry graph"
          {...framing(selected, 'graph', exportMeta, exportJson)}
          table={() => geometryGraphTable({ W, n, m, analysis })}
          caption={
            'Nodes: learned features, coloured by the polytope their factor forms. Edges: |W_i·W_j|, thicker and ' +
            'darker when larger. Each connected component (tegum factor) has its own circle.'
          }
        >
          <GeometryGraphChart
            W={W}
            n={n}
            m={m}
            analysis={analysis}
            title={`Feature geometry graph of model ${selected}, step ${shownStep}`}
            highlight={hovered}
            onHover={setHovered}
          />
        </ChartFigure>
        <ChartFigure
          title="Its WᵀW and bias"
          {...framing(selected, 'wtw', exportMeta, exportJson)}
          table={selectedGram ? () => gramTable({ gram: selectedGram, bias: b, n }) : null}
        >
          {selectedGram ? (
            <GramHeatmap
              gram={selectedGram}
              bias={b}
              n={n}
              size={n <= 40 ? 220 : 300}
              highlight={hovered}
              onHover={setHovered}
            />
          ) : (
            <p className="panel-note">
              With n = {n} features WᵀW has {fmtCount(n * n)} entries, too many to draw as SVG here; export the model as
              JSON instead.
            </p>
          )}
        </ChartFigure>
        <ChartFigure
          title="Polytope gallery"
          {...framing(selected, 'polytopes', exportMeta, exportJson)}
          table={() => polytopeTable({ counts: analysis.polytopes.counts, features })}
          caption={
            "How many of the model's tegum factors form each polytope (a factor matches when its size, span and " +
            'every D_i fit the reference).'
          }
        >
          <PolytopeGallery
            counts={analysis.polytopes.counts}
            features={features}
            title={`Polytopes in model ${selected}`}
          />
        </ChartFigure>
        {m === 3 ? (
          <ChartFigure
            title="Its features in 3-D"
            exportName={`geometry-model-${selected}-3d`}
            exportMeta={{
              ...exportMeta,
              config: { ...exportMeta.config, shownStep, yaw: view.yaw, pitch: view.pitch },
            }}
            exportJson={exportJson}
            table={() => vectorsTable(W, n, 3, { extra: [{ name: 'polytope', values: polytopeOf(analysis, n) }] })}
            caption={
              'Drag to rotate, or focus the picture and use the arrow keys (Home resets). Farther vectors are ' +
              'lighter and thinner; dashed lines join neighbouring tips to show the solid. Colours as in the ' +
              'graph. Export SVG saves this view.'
            }
          >
            <div className="geometry-3d-view" data-testid="geometry-3d">
              <FeatureGeometry3D
                W={W}
                n={n}
                view={view}
                onViewChange={setView}
                colors={featureColors}
                title={`Features of model ${selected} in its 3 hidden dimensions, step ${shownStep}`}
              />
            </div>
          </ChartFigure>
        ) : null}
      </div>
    </>
  );
}

export interface TimelineProps {
  n: number;
  selected: number;
  history: ModelHistory | null;
  /** Dynamics line colours (by polytope when many features), else one per feature. */
  colors: string[] | undefined;
  shownIndex: number;
  shownStep: number;
  scrubbed: boolean;
  /** null: follow training live. */
  onScrub(step: number | null): void;
  recordsAll: boolean;
  done: boolean;
  exportMeta: ExportMeta;
  exportJson: (() => unknown) | null;
  /** The model's training movie (null: nothing trained yet). */
  movie?: MovieSource | null;
}

export function Timeline({
  n,
  selected,
  history,
  colors,
  shownIndex,
  shownStep,
  scrubbed,
  onScrub,
  recordsAll,
  done,
  exportMeta,
  exportJson,
  movie,
}: TimelineProps) {
  const lastIndex = history ? history.steps.length - 1 : -1;
  return (
    <div className="geometry-timeline">
      <ChartFigure
        title="Learning dynamics"
        {...framing(selected, 'dynamics', exportMeta, exportJson)}
        movie={movie}
        table={
          history
            ? () => dynamicsTable({ steps: history.steps, dimensionalities: history.D, losses: history.loss, n })
            : null
        }
        caption={
          <>
            Each feature&apos;s <i>D</i>
            <sub>i</sub> over training (top; dashed: the paper&apos;s fractions), above the model&apos;s minibatch loss
            on the same steps. Look for features hopping from one level to another: in the paper each such jump comes
            with a drop in the loss.{' '}
            {n > 10 ? 'Lines are coloured by the polytope each feature forms at the latest step. ' : ''}
            Drag the timeline (or click the chart) to show that step in the panels above.
          </>
        }
      >
        {history ? (
          <DynamicsChart
            steps={history.steps}
            dimensionalities={history.D}
            losses={history.loss}
            n={n}
            width={880}
            height={360}
            cursor={scrubbed ? shownStep : null}
            colors={colors}
            onSeek={(s) => onScrub(s)}
            title={`D_i and loss of model ${selected} during training`}
          />
        ) : (
          <p className="panel-note" data-testid="geometry-dynamics-note">
            {recordsAll
              ? 'The timeline fills in as the sweep trains.'
              : `This sweep is too big to keep every model's history, so only the selected model's is recorded, from the moment it is selected. ${done ? 'Press Reset to train again and record this model from step 0.' : 'It starts with the next snapshot.'}`}
          </p>
        )}
        {history && history.steps.length > 1 ? (
          <div className="geometry-scrubber">
            <label htmlFor="geometry-timeline-input">
              step shown: <output data-testid="geometry-timeline-step">{fmtCount(shownStep)}</output>
            </label>
            <input
              id="geometry-timeline-input"
              type="range"
              name="gtimeline"
              data-testid="geometry-scrubber"
              min={0}
              max={lastIndex}
              step={1}
              value={shownIndex}
              aria-valuetext={`step ${shownStep}`}
              onChange={(e) => {
                const k = Number(e.target.value);
                onScrub(k >= lastIndex ? null : history.steps[k]);
              }}
            />
            {scrubbed ? (
              <button type="button" data-action="geometry-live" onClick={() => onScrub(null)}>
                Back to live
              </button>
            ) : (
              <span className="geometry-3d-note">live</span>
            )}
            <span className="geometry-3d-note">
              {history.steps.length} snapshots
              {recordsAll ? '' : ` of model ${selected} (recorded from step ${fmtCount(history.steps[0])})`}
            </span>
          </div>
        ) : null}
      </ChartFigure>
    </div>
  );
}

/** The hovered feature's numbers: its norm, dimensionality, superposition and the factor it is in. */
function FeatureReadout({
  W,
  n,
  m,
  feature,
  analysis,
}: {
  W: Float32Array;
  n: number;
  m: number;
  feature: number | null;
  analysis: ReturnType<typeof geometryAnalysis>;
}) {
  // Only while a feature is hovered: at the paper's n = 400 the Gram matrix costs ~5M multiply-adds a snapshot.
  const hovering = feature !== null;
  const per = useMemo(() => {
    if (!hovering) return null;
    const G = gram(W, n, m);
    return { sup: superposition(W, n, m, G), D: featureDimensionality(W, n, m, G) };
  }, [W, n, m, hovering]);
  if (feature === null || !per) {
    return (
      <p className="fine geometry-feature-readout" data-testid="geometry-feature-readout">
        Hover a feature in the graph or in WᵀW to see it in both, with its numbers.
      </p>
    );
  }
  const factor = analysis.polytopes.factors.find((f) => f.features.includes(feature));
  return (
    <p
      className="geometry-feature-readout"
      data-testid="geometry-feature-readout"
      data-feature={feature}
      aria-live="polite"
    >
      <strong>feature {feature}</strong> · ‖W<sub>{feature}</sub>‖ ={' '}
      <output data-testid="geometry-hover-norm">{fmt(analysis.norms[feature])}</output> · D<sub>{feature}</sub> ={' '}
      <output>{fmt(per.D[feature])}</output> · superposition Σ<sub>j≠i</sub>(Ŵ<sub>i</sub>·W<sub>j</sub>)² ={' '}
      <output>{fmt(per.sup[feature])}</output> ·{' '}
      {factor ? `its factor: ${POLYTOPE_LABELS[factor.name]}` : 'not learned (‖W_i‖ ≤ 0.5)'}
    </p>
  );
}

/** The polytope each feature's tegum factor forms ('—' for a feature that is not learned). */
function polytopeOf(analysis: ReturnType<typeof geometryAnalysis>, n: number): string[] {
  const out = new Array<string>(n).fill('—');
  analysis.polytopes.factors.forEach((f) => f.features.forEach((i) => (out[i] = POLYTOPE_LABELS[f.name])));
  return out;
}

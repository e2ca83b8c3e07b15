/**
 * The lab's pictures of one SAE and of the whole run: decoder rows over the feature directions (m = 2;
 * m = 3 rotatable), the features × latents |cos| matrix, the latents' firing frequencies and how they
 * moved, and the L0–FVU frontier across the run. A feature and its matched latent light up together.
 */
import { memo, useState, type PointerEvent, type ReactNode } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import { CosineMatrix } from '../../charts/CosineMatrix';
import { DirectionArrows2D } from '../../charts/DirectionArrows2D';
import { DEFAULT_VIEW, FeatureGeometry3D, type View3D } from '../../charts/FeatureGeometry3D';
import { HistogramChart } from '../../charts/HistogramChart';
import { LineChart } from '../../charts/LineChart';
import { vectorsTable } from '../../charts/model-tables';
import { HIGHLIGHT_COLOR, seriesColor } from '../../charts/palette';
import { LINE_COLOR } from '../../charts/theme';
import { indexAt } from '../../charts/pointer';
import { arrowsTable, cosineTable, histogramTable, lineChartTable } from '../../charts/tables';
import type { ActivationSource } from '../../model/sae/activations';
import {
  cosProps,
  firingHistoryProps,
  firingProps,
  frontierProps,
  geometryProps,
  latentOfFeature,
  type Hover,
} from './chart-props';
import type { MovieSource } from '../../charts/movie/source';
import type { LabInstance } from './lab';
import type { SaeMovieFigure } from './movie';
import type { InstanceState, LabSnapshot } from './run';

export interface PanelProps {
  source: ActivationSource;
  inst: InstanceState;
  index: number;
  hover: Hover;
  onHover(h: Hover): void;
  exportJson(): unknown;
  meta: { description: string; config: unknown };
  /** The shown SAE's training movie for a panel (null: its run is not done). */
  movie?: (figure: SaeMovieFigure, title: string) => MovieSource | null;
}

/** Pointer over a chart → the hovered feature/latent, from the marks' data attributes. */
function hoverAt(e: PointerEvent, inst: InstanceState): Hover | null {
  const cell = (e.target as Element).closest?.('[data-cell]')?.getAttribute('data-cell');
  if (cell) {
    const [r, j] = cell.split(',').map(Number);
    return { feature: inst.card.represented[r] ?? null, latent: j };
  }
  const v = indexAt(e.target, 'data-vector');
  const set = indexAt(e.target, 'data-set');
  if (v === null || set === null || set > 1) return null;
  if (set === 0) return { feature: v, latent: null };
  const f = inst.card.featureOf[v];
  return { feature: inst.card.matched[v] && f >= 0 ? f : null, latent: v };
}

function Hoverable({ inst, onHover, children }: { inst: InstanceState; onHover(h: Hover): void; children: ReactNode }) {
  return (
    <div
      className="sae-hoverable"
      onPointerOver={(e) => {
        const h = hoverAt(e, inst);
        if (h) onHover(h);
      }}
      onPointerLeave={() => onHover({ feature: null, latent: null })}
    >
      {children}
    </div>
  );
}

export const GeometryPanel = memo(function GeometryPanel(p: PanelProps) {
  const [view, setView] = useState<View3D>(DEFAULT_VIEW);
  const { source, inst } = p;
  if (source.m !== 2 && source.m !== 3) {
    return (
      <p className="sae-note" data-testid="sae-geometry-note">
        The decoder rows live in m = {source.m} dimensions: the |cos| matrix shows them against the features.
      </p>
    );
  }
  if (source.m === 3) {
    const latent = p.hover.latent ?? latentOfFeature(inst.card, p.hover.feature);
    const W = Float32Array.from([...source.W, ...inst.params.wDec]);
    const colors = [
      ...Array.from({ length: source.n }, (_, i) => (i === p.hover.feature ? HIGHLIGHT_COLOR : LINE_COLOR)),
      ...Array.from({ length: inst.params.latents }, (_, j) => (j === latent ? HIGHLIGHT_COLOR : seriesColor(1))),
    ];
    return (
      <ChartFigure
        title="Decoder rows and features in 3-D"
        exportName="sae-geometry-3d"
        exportMeta={p.meta}
        exportJson={p.exportJson}
        table={() =>
          vectorsTable(W, source.n + inst.params.latents, 3, {
            labels: [
              ...Array.from({ length: source.n }, (_, i) => `feature ${i}`),
              ...Array.from({ length: inst.params.latents }, (_, j) => `decoder row ${j}`),
            ],
          })
        }
      >
        <FeatureGeometry3D
          W={W}
          n={source.n + inst.params.latents}
          view={view}
          onViewChange={setView}
          colors={colors}
        />
      </ChartFigure>
    );
  }
  return (
    <ChartFigure
      title={`SAE #${p.index}: decoder rows over the features`}
      exportName="sae-geometry"
      movie={p.movie?.('geometry', `SAE #${p.index}: decoder rows over the features`)}
      exportMeta={p.meta}
      exportJson={p.exportJson}
      table={() => arrowsTable(geometryProps(source, inst, p.hover))}
      caption="Solid: the toy model's feature directions W_i. Dashed: the SAE's unit decoder rows."
    >
      <Hoverable inst={inst} onHover={p.onHover}>
        <DirectionArrows2D {...geometryProps(source, inst, p.hover)} />
      </Hoverable>
    </ChartFigure>
  );
});

export const CosPanel = memo(function CosPanel(p: PanelProps) {
  return (
    <ChartFigure
      title={`SAE #${p.index}: features × latents |cos|`}
      exportName="sae-cos"
      movie={p.movie?.('cos', `SAE #${p.index}: features × latents |cos|`)}
      exportMeta={p.meta}
      exportJson={p.exportJson}
      table={() => cosineTable(cosProps(p.inst.card, p.hover))}
      caption="Latents in matched order (Hungarian); outlined: |cos| ≥ 0.99."
    >
      <Hoverable inst={p.inst} onHover={p.onHover}>
        <CosineMatrix {...cosProps(p.inst.card, p.hover)} />
      </Hoverable>
    </ChartFigure>
  );
});

export const FiringPanel = memo(function FiringPanel(p: PanelProps & { history: LabSnapshot[] }) {
  const hist = firingProps(p.inst.trainFrequency, 'Firing frequency of the latents (training batches)');
  const latent = p.hover.latent ?? latentOfFeature(p.inst.card, p.hover.feature);
  const history = p.history.slice(1).map((s) => ({ step: s.step, freq: s.instances[p.index]?.trainFrequency ?? [] }));
  return (
    <>
      <ChartFigure
        title="Firing frequencies"
        exportName="sae-firing"
        exportMeta={p.meta}
        exportJson={p.exportJson}
        table={() => histogramTable(hist)}
        caption={`${hist.dead} latent${hist.dead === 1 ? '' : 's'} did not fire since the last snapshot (not in the histogram).`}
      >
        <HistogramChart {...hist} />
      </ChartFigure>
      {history.length > 1 ? (
        <ChartFigure
          title="Firing frequency over training"
          exportName="sae-firing-history"
          exportMeta={p.meta}
          exportJson={p.exportJson}
          table={() => lineChartTable(firingHistoryProps(history, latent))}
        >
          <LineChart {...firingHistoryProps(history, latent)} />
        </ChartFigure>
      ) : null}
    </>
  );
});

export const FrontierPanel = memo(function FrontierPanel(p: {
  instances: LabInstance[];
  states: readonly (InstanceState | null)[];
  selected: number;
  exportJson(): unknown;
  meta: { description: string; config: unknown };
}) {
  return (
    <ChartFigure
      title="The L0–FVU frontier of the run"
      exportName="sae-frontier"
      exportMeta={p.meta}
      exportJson={p.exportJson}
      table={() => lineChartTable(frontierProps(p.instances, p.states, p.selected))}
      caption="Each SAE of the run; the ringed one is shown above. The dashed line is the true L0."
    >
      <LineChart {...frontierProps(p.instances, p.states, p.selected)} />
    </ChartFigure>
  );
});

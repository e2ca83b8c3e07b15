/** The phase diagram's hover card and the selected cell's drill-down (its WᵀW, norms and weights). */
import { useState } from 'react';
import { ChartFigure } from '../../charts/ChartFigure';
import type { ExportMeta } from '../../charts/export';
import { FeatureNormBars } from '../../charts/FeatureNormBars';
import { featureNormsTable, gramTable, vectorsTable } from '../../charts/model-tables';
import { GramHeatmap } from '../../charts/GramHeatmap';
import { PHASE_LABELS } from '../../charts/theme';
import { WeightGlyph } from '../../charts/WeightGlyph';
import { fmtDensity, fmtLoss } from '../../model/format';
import { instanceMetrics } from '../../model/metrics';
import { cellAt, type PhaseGrid } from '../../model/phase';
import { experimentImportance, type Phase } from '../../model/theory';
import type { CellModel } from './run';

export interface CellCardProps {
  grid: PhaseGrid;
  n: number;
  m: number;
  /** The hovered cell, else the selected one. */
  focus: number | null;
  hovered: boolean;
  model: CellModel | null;
  trained: Phase | null;
  theory: Phase | null;
  /** Index of the shown seed within the cell. */
  seed: number;
}

export function CellCard({ grid, n, m, focus, hovered, model, trained, theory, seed }: CellCardProps) {
  return (
    <aside className="cell-card" aria-live="polite" data-testid="cell-card">
      {focus !== null && model && theory ? (
        <>
          <p className="cell-title">
            {hovered ? 'Hovered' : 'Selected'} cell: r = <strong>{fmtDensity(cellAt(grid, focus).r)}</strong>, 1 − S ={' '}
            <strong>{fmtDensity(cellAt(grid, focus).density)}</strong>
          </p>
          <p>
            trained: <strong data-testid="cell-phase">{trained ? PHASE_LABELS[trained] : 'not trained yet'}</strong>
            <br />
            theory: {PHASE_LABELS[theory]}
            <br />
            loss {fmtLoss(model.loss, 2)} · seed {seed + 1} of {grid.seeds}
            {model.converged ? ' · converged' : ''}
          </p>
          <WeightGlyph
            W={model.W}
            n={n}
            m={m}
            importance={experimentImportance(grid.experiment, cellAt(grid, focus).r)}
            size={110}
            title="Weights of this cell's model"
          />
        </>
      ) : (
        <p className="panel-note">Hover over a cell to see its model; click to inspect it below.</p>
      )}
    </aside>
  );
}

export function CellDrilldown({
  grid,
  n,
  m,
  cell,
  model,
  exportMeta,
  exportJson,
}: {
  grid: PhaseGrid;
  n: number;
  m: number;
  cell: number;
  model: CellModel;
  exportMeta: ExportMeta;
  exportJson: (() => unknown) | null;
}) {
  const metrics = instanceMetrics(model.W, n, m);
  const { r, density } = cellAt(grid, cell);
  const importance = experimentImportance(grid.experiment, r);
  // A feature hovered in WᵀW or the norms is highlighted in both.
  const [hovered, setHovered] = useState<number | null>(null);
  return (
    <div className="panels drill-down" data-testid="phase-drilldown">
      <ChartFigure
        title={`Cell r = ${fmtDensity(r)}, 1−S = ${fmtDensity(density)}: WᵀW and bias`}
        exportName="phase-cell-wtw"
        exportMeta={exportMeta}
        exportJson={exportJson}
        table={() => gramTable({ gram: metrics.gram, bias: model.b, n })}
      >
        <GramHeatmap gram={metrics.gram} bias={model.b} n={n} size={180} highlight={hovered} onHover={setHovered} />
      </ChartFigure>
      <ChartFigure
        title="Its feature norms"
        exportName="phase-cell-norms"
        exportMeta={exportMeta}
        exportJson={exportJson}
        table={() => featureNormsTable({ norms: metrics.norms, superposition: metrics.superposition, n })}
      >
        <FeatureNormBars
          norms={metrics.norms}
          superposition={metrics.superposition}
          n={n}
          m={m}
          highlight={hovered}
          onHover={setHovered}
        />
      </ChartFigure>
      <ChartFigure
        title="Its weights"
        exportName="phase-cell-weights"
        exportMeta={exportMeta}
        exportJson={exportJson}
        table={() => vectorsTable(model.W, n, m, { extra: [{ name: 'importance Iᵢ', values: importance }] })}
        caption="The last feature is the extra one."
      >
        <WeightGlyph
          W={model.W}
          n={n}
          m={m}
          importance={importance}
          size={200}
          title="Weights of the selected cell's model"
        />
      </ChartFigure>
    </div>
  );
}

/**
 * The scorecards as tables: every SAE of the run (click one to show it above), the run's settings
 * summarised over their seeds (the remedies' counts), and the shown SAE feature by feature.
 */
import { DataTable, type TableRow } from '../../ui/controls';
import type { Hover } from './chart-props';
import type { LabInstance } from './lab';
import type { GroupSummary, InstanceState } from './run';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '–');

export function RunTable(p: {
  instances: LabInstance[];
  states: readonly (InstanceState | null)[];
  selected: number;
  onSelect(j: number): void;
  hierarchy: boolean;
}) {
  const rows: TableRow[] = p.instances.map((inst, j) => {
    const c = p.states[j]?.card;
    const select = (
      <button
        type="button"
        data-action="sae-select"
        data-instance={j}
        aria-pressed={j === p.selected}
        onClick={() => p.onSelect(j)}
      >
        #{j}
      </button>
    );
    if (!c) return { key: j, cells: [select, inst.group, inst.spec.seed, '…', '', '', '', '', '', ''] };
    const gaps = c.absorption.map((a) => a.gap).filter(Number.isFinite);
    return {
      key: j,
      className: j === p.selected ? 'selected' : undefined,
      data: { instance: j, mcc: c.mcc.toFixed(4), l0: c.l0.toFixed(4), recovered: c.recovered },
      cells: [
        select,
        inst.group,
        inst.spec.seed,
        f3(c.mcc),
        `${c.recovered}/${c.represented.length}`,
        `${f2(c.l0)} / ${f2(c.trueL0)}`,
        f3(c.fvu),
        c.dead,
        f2(c.shrinkage),
        p.hierarchy ? (gaps.length ? gaps.map(f2).join(', ') : '–') : (p.states[j]?.resampled ?? 0),
      ],
    };
  });
  return (
    <DataTable
      className="sae-table"
      testId="sae-scorecard"
      caption="Every SAE of the run, scored on the same 4,096 non-zero activations"
      head={[
        'SAE',
        'setting',
        'seed',
        'MCC',
        '|cos| ≥ 0.99',
        'L0 / true',
        'FVU',
        'dead',
        '‖ĥ‖/‖h‖',
        p.hierarchy ? 'absorption gap' : 'resampled',
      ]}
      rows={rows}
    />
  );
}

export function GroupTable({ groups, hierarchy }: { groups: GroupSummary[]; hierarchy: boolean }) {
  return (
    <DataTable
      className="sae-table"
      testId="sae-groups"
      caption="Per setting, over its seeds: how many SAEs recover every feature at |cos| ≥ 0.99"
      head={[
        'setting',
        'all features',
        'mean MCC',
        'mean L0',
        'mean FVU',
        'mean dead',
        ...(hierarchy ? ['mean gap'] : []),
      ]}
      rows={groups.map((g, i) => ({
        key: i,
        data: { group: g.label, full: g.full, seeds: g.seeds },
        cells: [
          g.label,
          `${g.full} of ${g.seeds}`,
          f3(g.meanMcc),
          f2(g.meanL0),
          f3(g.meanFvu),
          f2(g.meanDead),
          ...(hierarchy ? [f2(g.meanGap)] : []),
        ],
      }))}
    />
  );
}

export function FeatureTable({ inst, hover, onHover }: { inst: InstanceState; hover: Hover; onHover(h: Hover): void }) {
  const c = inst.card;
  const rows: TableRow[] = c.represented.map((f, r) => {
    const l = c.latentOf[r];
    return {
      key: f,
      className: hover.feature === f ? 'hovered' : undefined,
      data: { feature: f },
      cells: [
        <span
          key="f"
          onPointerEnter={() => onHover({ feature: f, latent: null })}
          onPointerLeave={() => onHover({ feature: null, latent: null })}
        >
          f{f}
        </span>,
        l >= 0 ? `z${l}` : '–',
        f3(c.matchedCos[r]),
        f3(c.bestCos[r]),
        l >= 0 ? f2(c.precision[l]) : '–',
        l >= 0 ? f2(c.recall[l]) : '–',
      ],
    };
  });
  return (
    <DataTable
      className="sae-table"
      testId="sae-features"
      caption="The shown SAE, feature by feature (precision and recall of the matched latent)"
      head={['feature', 'latent', 'matched |cos|', 'best |cos|', 'precision', 'recall']}
      rows={rows}
    />
  );
}

/** The per-feature importance and density editors of "Superposition at a glance", with the shapes to start from. */
import { BarEditor } from '../../charts/BarEditor';
import { LINE_COLOR, importanceColor } from '../../charts/theme';
import { fmtDensity } from '../../model/format';
import {
  DENSITY_RANGE,
  FEATURE_SHAPES,
  IMPORTANCE_RANGE,
  densitiesOf,
  densityShape,
  importanceShape,
  importancesOf,
  listMismatch,
  withValue,
  type FeatureShape,
} from './features';
import type { GlanceState } from './params';

export interface FeatureEditorsProps {
  state: GlanceState;
  onChange(patch: Partial<GlanceState>): void;
  hovered: number | null;
  onHover(i: number | null): void;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function FeatureEditors({ state, onChange, hovered, onHover }: FeatureEditorsProps) {
  const importances = importancesOf(state);
  const densities = densitiesOf(state);
  const lo = Math.min(...importances);
  const hi = Math.max(...importances);
  const importanceTone = (i: number) => importanceColor(hi - lo > 1e-12 ? (importances[i] - lo) / (hi - lo) : 1);
  const mismatch = listMismatch(state);
  const shapes = (which: 'importance' | 'density') => {
    const current = which === 'importance' ? state.importances : state.densities;
    const listOf = (shape: FeatureShape) =>
      which === 'importance' ? importanceShape(shape, state.n) : densityShape(shape, state.n, state.density);
    return (
      <span className="shape-buttons" role="group" aria-label={`Start the ${which}s from a shape`}>
        {FEATURE_SHAPES.map((s) => (
          <button
            key={s.id}
            type="button"
            data-action={`${which}-shape-${s.id}`}
            aria-pressed={sameList(current, listOf(s.id))}
            title={which === 'importance' ? s.importance : s.density}
            onClick={() =>
              onChange(which === 'importance' ? { importances: listOf(s.id) } : { densities: listOf(s.id) })
            }
          >
            {s.label}
          </button>
        ))}
      </span>
    );
  };

  const editors = [
    {
      which: 'importance' as const,
      head: (
        <>
          importance I<sub>i</sub>
        </>
      ),
      values: importances,
      range: IMPORTANCE_RANGE,
      log: false,
      label: 'I_i',
      color: importanceTone,
      set: (v: number[]) => ({ importances: v }),
    },
    {
      which: 'density' as const,
      head: (
        <>
          density 1−S<sub>i</sub> <small>(log scale)</small>
        </>
      ),
      values: densities,
      range: DENSITY_RANGE,
      log: true,
      label: '1−S_i',
      color: () => LINE_COLOR,
      set: (v: number[]) => ({ densities: v }),
    },
  ];

  return (
    <div className="feature-editors" data-testid="feature-editors">
      {editors.map((e) => (
        <div className="feature-editor" key={e.which}>
          <div className="editor-head">
            <strong>{e.head}</strong>
            {shapes(e.which)}
          </div>
          <BarEditor
            values={e.values}
            range={e.range}
            log={e.log}
            label={e.label}
            name={e.which}
            title={`The ${e.which} of each feature`}
            color={e.color}
            highlight={hovered}
            onHover={onHover}
            onChange={(i, v) => onChange(e.set(withValue(e.values, i, v, e.range)))}
          />
        </div>
      ))}
      <p className="fine editor-note">
        Drag a bar, or focus it (Tab) and use the arrow keys — Shift for fine steps. The model retrains with every
        change; the link keeps every value.{' '}
        {state.importances.length ? '' : `Now Iᵢ = ${state.decay}ⁱ from the decay slider. `}
        {state.densities.length
          ? ''
          : `Now every feature has density ${fmtDensity(state.density)} from the density slider. `}
        Moving the decay or density slider goes back to one value for all.
      </p>
      {mismatch ? (
        <p className="fine" role="status" data-testid="list-mismatch">
          The link’s {mismatch}
        </p>
      ) : null}
    </div>
  );
}

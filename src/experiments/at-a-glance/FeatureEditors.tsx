/** The per-feature importance and density editors of "Superposition at a glance", with the shapes to start from. */
import { BarEditor } from '../../charts/BarEditor';
import { LINE_COLOR, importanceColor } from '../../charts/theme';
import { fmtDensity } from '../../ui/format';
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
    const listOf = (shape: FeatureShape) => (which === 'importance' ? importanceShape(shape, state.n) : densityShape(shape, state.n, state.density));
    return (
      <span className="shape-buttons" role="group" aria-label={`Start the ${which}s from a shape`}>
        {FEATURE_SHAPES.map((s) => (
          <button
            key={s.id}
            type="button"
            data-action={`${which}-shape-${s.id}`}
            aria-pressed={sameList(current, listOf(s.id))}
            title={which === 'importance' ? s.importance : s.density}
            onClick={() => onChange(which === 'importance' ? { importances: listOf(s.id) } : { densities: listOf(s.id) })}
          >
            {s.label}
          </button>
        ))}
      </span>
    );
  };

  return (
    <div className="feature-editors" data-testid="feature-editors">
      <div className="feature-editor">
        <div className="editor-head">
          <strong>
            importance I<sub>i</sub>
          </strong>
          {shapes('importance')}
        </div>
        <BarEditor
          values={importances}
          range={IMPORTANCE_RANGE}
          label="I_i"
          name="importance"
          title="Importance of each feature"
          color={importanceTone}
          highlight={hovered}
          onHover={onHover}
          onChange={(i, v) => onChange({ importances: withValue(importances, i, v, IMPORTANCE_RANGE) })}
        />
      </div>
      <div className="feature-editor">
        <div className="editor-head">
          <strong>
            density 1−S<sub>i</sub> <small>(log scale)</small>
          </strong>
          {shapes('density')}
        </div>
        <BarEditor
          values={densities}
          range={DENSITY_RANGE}
          log
          label="1−S_i"
          name="density"
          title="Density of each feature"
          color={() => LINE_COLOR}
          highlight={hovered}
          onHover={onHover}
          onChange={(i, v) => onChange({ densities: withValue(densities, i, v, DENSITY_RANGE) })}
        />
      </div>
      <p className="fine editor-note">
        Drag a bar, or focus it (Tab) and use the arrow keys — Shift for fine steps. The model retrains with every change; the link keeps
        every value. {state.importances.length ? '' : `Now Iᵢ = ${state.decay}ⁱ from the decay slider. `}
        {state.densities.length ? '' : `Now every feature has density ${fmtDensity(state.density)} from the density slider. `}
        Moving those sliders goes back to one value for all.
      </p>
      {mismatch ? (
        <p className="fine" role="status" data-testid="list-mismatch">
          The link’s {mismatch}
        </p>
      ) : null}
    </div>
  );
}

/** The settings bar of "The geometry of superposition": size, sweep, seed, the 3-D presets and the play bar. */
import { EmbedControls } from '../../ui/embed';
import type { MutableRefObject } from 'react';
import { fmtCount } from '../../model/format';
import { EnumSelect, NumberField, Slider } from '../../ui/controls';
import { TrainingPlaybar } from '../../ui/training-controls';
import type { TrainingRun } from '../../ui/use-training';
import type { Snapshot } from '../../worker/protocol';
import { GEOMETRY_3D_PRESETS, GEOMETRY_PARAMS, GEOMETRY_SIZES, type GeometryState } from './params';
import { matchesSetting } from './run';

export function GeometryControls({
  state,
  onChange,
  run,
  snap,
  userPaused,
  shipped,
}: {
  state: GeometryState;
  onChange(patch: Partial<GeometryState>): void;
  run: TrainingRun;
  snap: Snapshot | null;
  userPaused: MutableRefObject<boolean>;
  /** The sweep shown is the shipped one: a button to train it here replaces the play bar. */
  shipped: boolean;
}) {
  const { n, m, sparsities: count, maxInvDensity, steps, seed } = state;
  const size = GEOMETRY_SIZES.find((p) => matchesSetting(state, p.values));
  const preset3d = GEOMETRY_3D_PRESETS.find((p) => p.values && matchesSetting(state, p.values));
  return (
    <EmbedControls>
      <div className="geometry-controls" role="group" aria-label="Sweep settings">
        <label className="control">
          <span>size</span>
          <EnumSelect
            name="gpreset"
            value={size?.id ?? ''}
            options={[
              ...(size ? [] : [{ value: '', label: 'custom' }]),
              ...GEOMETRY_SIZES.map((p) => ({ value: p.id, label: p.label })),
            ]}
            onChange={(id) => {
              const p = GEOMETRY_SIZES.find((q) => q.id === id);
              if (p) onChange({ ...p.values, selected: -1, live: false });
            }}
          />
        </label>
        <NumberField
          className="geometry-number"
          label="features n"
          name="gn"
          spec={GEOMETRY_PARAMS.n}
          value={n}
          onCommit={(n) => onChange({ n, selected: -1 })}
        />
        <NumberField
          className="geometry-number"
          label="dimensions m"
          name="gm"
          spec={GEOMETRY_PARAMS.m}
          value={m}
          onCommit={(m) => onChange({ m, selected: -1 })}
        />
        <Slider
          label={
            <>
              sparsities <output>{count}</output>
            </>
          }
          name="gcount"
          min={GEOMETRY_PARAMS.sparsities.min}
          max={GEOMETRY_PARAMS.sparsities.max}
          value={count}
          onChange={(sparsities) => onChange({ sparsities, selected: -1 })}
        />
        <Slider
          label={
            <>
              up to 1/(1 − S) = <output>{maxInvDensity}</output>
            </>
          }
          name="maxInvDensity"
          min={GEOMETRY_PARAMS.maxInvDensity.min}
          max={GEOMETRY_PARAMS.maxInvDensity.max}
          value={Math.round(maxInvDensity)}
          onChange={(maxInvDensity) => onChange({ maxInvDensity })}
        />
        <Slider
          label={
            <>
              steps <output>{fmtCount(steps)}</output>
            </>
          }
          name="steps"
          min={GEOMETRY_PARAMS.steps.min}
          max={GEOMETRY_PARAMS.steps.max}
          step={500}
          value={steps}
          onChange={(steps) => onChange({ steps })}
        />
        <NumberField
          className="geometry-number"
          label="seed"
          name="seed"
          spec={GEOMETRY_PARAMS.seed}
          value={seed}
          onCommit={(seed) => onChange({ seed })}
        />
        <label className="control">
          <span>3-D presets (m = 3)</span>
          <EnumSelect
            name="g3d"
            testId="geometry-3d-preset"
            value={preset3d?.id ?? ''}
            options={[
              { value: '', label: preset3d ? '—' : 'choose a polytope…' },
              ...GEOMETRY_3D_PRESETS.map((p) => ({ value: p.id, label: p.label, disabled: !p.values })),
            ]}
            onChange={(id) => {
              const p = GEOMETRY_3D_PRESETS.find((q) => q.id === id);
              if (p?.values) onChange(p.values);
            }}
          />
        </label>
        {shipped ? (
          <div className="playbar">
            <button type="button" data-action="geometry-train-live" onClick={() => onChange({ live: true })}>
              Train it live here
            </button>
          </div>
        ) : (
          <TrainingPlaybar run={run} snap={snap} userPaused={userPaused} prefix="geometry" />
        )}
      </div>
    </EmbedControls>
  );
}

/** What the 3-D presets are and how reliably each polytope arose when we measured them. */
export function ThreeDNote() {
  return (
    <div className="geometry-3d-note" data-testid="geometry-3d-note">
      <p>
        <b>3-D presets.</b> With <i>m</i> = 3 hidden dimensions the solids can be seen directly. Each preset trains a
        small <i>m</i> = 3 sweep and opens the model that formed the polytope when we trained these settings in Node
        (the page trains them the same way):
      </p>
      <ul>
        {GEOMETRY_3D_PRESETS.map((p) => (
          <li key={p.id} data-preset={p.id}>
            <b>{p.label}</b>: {p.note}
          </li>
        ))}
      </ul>
    </div>
  );
}

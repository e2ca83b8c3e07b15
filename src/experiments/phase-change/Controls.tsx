/** The settings bar of "Superposition as a phase change". */
import type { MutableRefObject } from 'react';
import { fmtCount } from '../../model/format';
import { EnumSelect, Slider } from '../../ui/controls';
import { TrainingPlaybar } from '../../ui/training-controls';
import type { TrainingRun } from '../../ui/use-training';
import type { Snapshot } from '../../worker/protocol';
import { PHASE_PARAMS, type PhaseState } from './params';

const EXPERIMENT_OPTIONS = [
  { value: 'phase-2-1', label: 'n = 2, m = 1' },
  { value: 'phase-3-2', label: 'n = 3, m = 2' },
] as const;

export function PhaseControls({
  state,
  onChange,
  run,
  snap,
  userPaused,
}: {
  state: PhaseState;
  onChange(patch: Partial<PhaseState>): void;
  run: TrainingRun;
  snap: Snapshot | null;
  userPaused: MutableRefObject<boolean>;
}) {
  return (
    <div className="phase-controls" role="group" aria-label="Phase diagram settings">
      <label className="control">
        <span>model</span>
        <EnumSelect
          name="pexp"
          value={state.pexp}
          options={EXPERIMENT_OPTIONS}
          onChange={(pexp) => onChange({ pexp, pcell: -1 })}
        />
      </label>
      <Slider
        label={
          <>
            grid{' '}
            <output>
              {state.pgrid}×{state.pgrid}
            </output>
          </>
        }
        name="pgrid"
        min={PHASE_PARAMS.pgrid.min}
        max={PHASE_PARAMS.pgrid.max}
        value={state.pgrid}
        onChange={(pgrid) => onChange({ pgrid, pcell: -1 })}
      />
      <Slider
        label={
          <>
            seeds per cell <output>{state.pseeds}</output>
          </>
        }
        name="pseeds"
        min={PHASE_PARAMS.pseeds.min}
        max={PHASE_PARAMS.pseeds.max}
        value={state.pseeds}
        onChange={(pseeds) => onChange({ pseeds })}
      />
      <Slider
        label={
          <>
            step limit <output>{fmtCount(state.psteps)}</output>
          </>
        }
        name="psteps"
        min={1000}
        max={20_000}
        step={1000}
        value={Math.min(20_000, Math.max(1000, state.psteps))}
        onChange={(psteps) => onChange({ psteps })}
      />
      <label className="control checkbox">
        <input
          type="checkbox"
          name="ptheory"
          checked={state.ptheory}
          onChange={(e) => onChange({ ptheory: e.target.checked })}
        />
        <span>analytic diagram beside</span>
      </label>
      <label className="control checkbox">
        <input
          type="checkbox"
          name="pdiff"
          checked={state.pdiff}
          onChange={(e) => onChange({ pdiff: e.target.checked })}
        />
        <span>show disagreement with theory</span>
      </label>
      <TrainingPlaybar run={run} snap={snap} userPaused={userPaused} prefix="phase" />
    </div>
  );
}

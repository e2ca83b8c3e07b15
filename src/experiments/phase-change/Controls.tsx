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
          value={state.diagram}
          options={EXPERIMENT_OPTIONS}
          onChange={(diagram) => onChange({ diagram, cell: -1 })}
        />
      </label>
      <Slider
        label={
          <>
            grid{' '}
            <output>
              {state.grid}×{state.grid}
            </output>
          </>
        }
        name="pgrid"
        min={PHASE_PARAMS.grid.min}
        max={PHASE_PARAMS.grid.max}
        value={state.grid}
        onChange={(grid) => onChange({ grid, cell: -1 })}
      />
      <Slider
        label={
          <>
            seeds per cell <output>{state.seeds}</output>
          </>
        }
        name="pseeds"
        min={PHASE_PARAMS.seeds.min}
        max={PHASE_PARAMS.seeds.max}
        value={state.seeds}
        onChange={(seeds) => onChange({ seeds })}
      />
      <Slider
        label={
          <>
            step limit <output>{fmtCount(state.steps)}</output>
          </>
        }
        name="psteps"
        min={1000}
        max={20_000}
        step={1000}
        value={Math.min(20_000, Math.max(1000, state.steps))}
        onChange={(steps) => onChange({ steps })}
      />
      <label className="control checkbox">
        <input
          type="checkbox"
          name="ptheory"
          checked={state.showTheory}
          onChange={(e) => onChange({ showTheory: e.target.checked })}
        />
        <span>analytic diagram beside</span>
      </label>
      <label className="control checkbox">
        <input
          type="checkbox"
          name="pdiff"
          checked={state.showDisagreement}
          onChange={(e) => onChange({ showDisagreement: e.target.checked })}
        />
        <span>show disagreement with theory</span>
      </label>
      <TrainingPlaybar run={run} snap={snap} userPaused={userPaused} prefix="phase" />
    </div>
  );
}

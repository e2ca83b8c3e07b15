/**
 * Rewind: a timeline over the run's checkpoints; every panel shows the step scrubbed to, and training can resume from
 * it.
 */
import { fmtCount } from '../../model/format';
import type { Snapshot } from '../../worker/protocol';

export interface TimelineProps {
  snap: Snapshot | null;
  /** The step the panels show when scrubbed back (null: the live run). */
  peekStep: number | null;
  onScrub(step: number | null): void;
  onResume(): void;
  /** Disabled while a hand-placed arrangement is being edited. */
  disabled?: boolean;
}

/** The checkpoint at or before `step` (the one the worker peeks at), as an index. */
export function checkpointIndex(checkpoints: readonly number[], step: number): number {
  let k = 0;
  for (let j = 0; j < checkpoints.length; j++) if (checkpoints[j] <= step) k = j;
  return k;
}

export function Timeline({ snap, peekStep, onScrub, onResume, disabled = false }: TimelineProps) {
  const checkpoints = snap?.checkpoints ?? [];
  const live = snap?.step ?? 0;
  if (checkpoints.length < 2) {
    return (
      <div className="timeline" data-testid="timeline">
        <span className="timeline-label">Rewind</span>
        <span className="fine">
          {snap && !snap.checkpoints
            ? 'This run keeps no checkpoints.'
            : snap && ['wasm', 'webgl', 'webgpu', 'cpu'].includes(snap.path)
              ? `The ${snap.path} path keeps no checkpoints: choose the SIMD or JavaScript path to rewind.`
              : 'Checkpoints appear every 100 steps as the model trains.'}
        </span>
      </div>
    );
  }
  const last = checkpoints.length - 1;
  const index = peekStep === null ? last : checkpointIndex(checkpoints, peekStep);
  const shown = peekStep === null ? live : checkpoints[index];
  const spacing = checkpoints[1] - checkpoints[0];
  return (
    <div className="timeline" data-testid="timeline">
      <label className="timeline-label" htmlFor="glance-timeline">
        Rewind
      </label>
      <input
        {...{
          id: 'glance-timeline',
          type: 'range',
          name: 'timeline',
          'data-testid': 'timeline-scrubber',
          min: 0,
          max: last,
          step: 1,
          value: index,
          disabled,
        }}
        aria-valuetext={`step ${shown}`}
        onChange={(e) => {
          const k = Number(e.target.value);
          onScrub(k === last && checkpoints[k] === live ? null : checkpoints[k]);
        }}
      />
      <span className="timeline-step">
        step <output data-testid="timeline-step">{fmtCount(shown)}</output>
        {peekStep === null ? ' (latest)' : ` of ${fmtCount(live)}`}
      </span>
      <button
        type="button"
        data-action="resume-here"
        disabled={peekStep === null || disabled}
        onClick={onResume}
        title="Go back to this step and train on from it, with the same data stream"
      >
        ▶ Resume from here
      </button>
      <button type="button" data-action="timeline-latest" disabled={peekStep === null} onClick={() => onScrub(null)}>
        Back to latest
      </button>
      <span className="fine">
        {checkpoints.length} checkpoints, every {fmtCount(spacing)} steps
        {peekStep !== null ? ' · training is paused while you look back' : ''}
      </span>
    </div>
  );
}

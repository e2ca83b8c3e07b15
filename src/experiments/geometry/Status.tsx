/** The geometry sweep's status line and, while it trains, the note that the charts are the sweep forming. */
import { fmtCount, formatDuration } from '../../model/format';
import { sweepCounts } from './run';
import type { SweepPoint } from '../../model/uniform-sweep';
import { RunAnnouncement } from '../../ui/training-controls';
import type { Snapshot } from '../../worker/protocol';

/** Seconds left of a running sweep at its current speed (null when not running). */
export const etaSeconds = (snap: Snapshot | null, steps: number) =>
  snap && snap.status === 'running' && snap.stepsPerSecond > 0 ? (steps - snap.step) / snap.stepsPerSecond : null;

/** The run's status line: what it trains, how far it is, and how many models sit on the sticky levels. */
export function GeometryStatus({
  snap,
  steps: gsteps,
  count,
  size,
  summary,
  shipped,
}: {
  snap: Snapshot | null;
  steps: number;
  count: number;
  size: string;
  summary: SweepPoint[] | null;
  /** The snapshot is the shipped sweep (trained when the page was built, not here). */
  shipped: boolean;
}) {
  const counts = summary ? sweepCounts(summary) : null;
  const eta = etaSeconds(snap, gsteps);
  return (
    <>
      <RunAnnouncement
        snap={snap}
        what={`The sweep of ${count} models`}
        done={
          counts
            ? `The sweep of ${count} models has trained: ${counts.dedicated} at one dimension per feature, ` +
              `${counts.plateau} on the ½ plateau.`
            : undefined
        }
      />
      <p className="status geometry-status">
        <span data-testid="geometry-status" data-run={snap?.runId ?? -1} data-run-key={snap?.runKey}>
          {snap ? (shipped ? 'shipped' : snap.status) : 'starting'}
        </span>{' '}
        · step <strong data-testid="geometry-step">{fmtCount(snap?.step ?? 0)}</strong> / {fmtCount(gsteps)} · {count}{' '}
        models of {size}
        {snap && !shipped ? ` · ${(snap.trainingMs / 1000).toFixed(1)} s of training` : ''}
        {eta !== null ? ` · about ${formatDuration(eta)} left` : ''} · path {snap?.path ?? '…'}
        <br />
        models at one dimension per feature (0.9–1.1):{' '}
        <strong data-testid="geometry-dedicated">{counts ? counts.dedicated : '—'}</strong> · on the ½ plateau
        (0.45–0.55): <strong data-testid="geometry-plateau">{counts ? counts.plateau : '—'}</strong>
      </p>
    </>
  );
}

/** While a sweep trains: the step and the time left, and that the charts are the sweep forming. */
export function FormingNote({ snap, steps }: { snap: Snapshot | null; steps: number }) {
  if (!snap || snap.status !== 'running' || snap.step === 0) return null;
  const eta = etaSeconds(snap, steps);
  return (
    <p className="panel-note geometry-forming" data-testid="geometry-forming">
      Forming live: step {fmtCount(snap.step)} of {fmtCount(steps)}
      {eta !== null ? `, about ${formatDuration(eta)} left` : ''}. Both charts redraw as the sweep trains: the sticky
      levels show long before the end.
    </p>
  );
}

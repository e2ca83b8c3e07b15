/**
 * What every training section shares: train only while visible (unless the reader paused it),
 * the Train / Pause / Reset bar, and the status word with its "waiting until visible" state.
 */
import { useEffect, useRef, type MutableRefObject } from 'react';
import type { Snapshot } from '../worker/protocol';
import type { TrainingRun } from './use-training';

/** `snap`: the section's current snapshot (null while it does not match the section's settings). */
export function useTrainWhileVisible(
  run: TrainingRun,
  snap: Snapshot | null,
  seen: boolean,
): MutableRefObject<boolean> {
  const userPaused = useRef(false);
  const status = snap?.status;
  useEffect(() => {
    if (userPaused.current) return;
    if (seen && status === 'paused') run.play();
    if (!seen && status === 'running') run.pause();
    // run's methods are stable enough for this purpose; re-run on visibility/status only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seen, status]);
  return userPaused;
}

/** The run's status word: "waiting" while it has not started because it is off screen. */
export function statusText(snap: Snapshot | null, userPaused: MutableRefObject<boolean>): string {
  if (!snap) return 'starting';
  return snap.status === 'paused' && snap.step === 0 && !userPaused.current
    ? 'waiting (trains when scrolled into view)'
    : snap.status;
}

/** Train / Pause / Reset; data-action hooks are `${prefix}-play|pause|reset`. */
export function TrainingPlaybar({
  run,
  snap,
  userPaused,
  prefix,
}: {
  run: TrainingRun;
  snap: Snapshot | null;
  userPaused: MutableRefObject<boolean>;
  prefix: string;
}) {
  return (
    <div className="playbar">
      {snap?.status === 'running' ? (
        <button
          type="button"
          data-action={`${prefix}-pause`}
          onClick={() => ((userPaused.current = true), run.pause())}
        >
          ❚❚ Pause
        </button>
      ) : (
        <button
          type="button"
          data-action={`${prefix}-play`}
          disabled={!snap || snap.status === 'done' || snap.status === 'error'}
          onClick={() => ((userPaused.current = false), run.play())}
        >
          ▶ Train
        </button>
      )}
      <button type="button" data-action={`${prefix}-reset`} onClick={() => ((userPaused.current = false), run.reset())}>
        ↺ Reset
      </button>
    </div>
  );
}

/**
 * The run's fault notice (fallback, NaN, restarted worker…) with a dismiss button, and Reset when given; nothing when
 * there is none.
 */
export function RunNotice({ run, onReset }: { run: TrainingRun; onReset?: () => void }) {
  if (!run.notice) return null;
  return (
    <div className="notice" role="alert">
      {run.notice}{' '}
      {onReset ? (
        <button type="button" onClick={onReset}>
          Reset
        </button>
      ) : null}
      <button type="button" aria-label="Dismiss" onClick={run.dismissNotice}>
        ×
      </button>
    </div>
  );
}

/**
 * A run's state, said once to a screen reader (a polite live region, visually hidden): when it
 * starts, pauses, ends or fails — not at every step the visible status line counts.
 */
export function RunAnnouncement({ snap, what, done }: { snap: Snapshot | null; what: string; done?: string }) {
  const status = snap?.status;
  const text =
    status === 'running'
      ? `${what}: training.`
      : status === 'done'
        ? (done ?? `${what}: trained.`)
        : status === 'paused'
          ? `${what}: paused.`
          : status === 'error'
            ? `${what}: training failed.`
            : '';
  return (
    <p className="visually-hidden" role="status" data-testid="run-announcement">
      {text}
    </p>
  );
}

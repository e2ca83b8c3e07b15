/** What the footnote experiments share: the claim's frame, the computation's status line, and small formats. */
import type { ReactNode } from 'react';
import { fmtCount } from '../../model/format';
import type { TaskState } from '../../ui/use-task';

export function Claim(props: {
  id: string;
  testId: string;
  title: string;
  footnotes: string;
  state: string;
  /** The settings and model the shown result was computed for (TaskState.resultKey). */
  runKey?: string | null;
  runs?: number;
  stale?: boolean;
  claimRef?: (el: HTMLElement | null) => void;
  children: ReactNode;
}) {
  return (
    <section
      id={props.id}
      className="fn-claim"
      aria-labelledby={`${props.id}-title`}
      data-testid={props.testId}
      data-state={props.state}
      data-run-key={props.runKey ?? undefined}
      data-runs={props.runs ?? 0}
      data-stale={props.stale ? 1 : 0}
      ref={props.claimRef}
    >
      <h3 id={`${props.id}-title`}>
        {props.title} <span className="fn-badge">{props.footnotes}</span>
      </h3>
      {props.children}
    </section>
  );
}

/** "computing… (progress)" / error with retry / nothing. */
export function TaskStatusLine({ task, testId, idle }: { task: TaskState<unknown>; testId: string; idle?: string }) {
  if (task.status === 'error') {
    return (
      <div className="notice fn-error" role="alert" data-testid={`${testId}-error`}>
        Could not compute this: {task.error}{' '}
        <button type="button" data-action={`${testId}-retry`} onClick={task.retry}>
          Retry
        </button>
      </div>
    );
  }
  if (task.status === 'computing') {
    const p = task.progress;
    return (
      <p className="fn-status" data-testid={`${testId}-status`}>
        <span className="fn-spinner" aria-hidden="true" /> computing…
        {p && p.total > 0 ? (
          <>
            {' '}
            <progress value={p.done} max={p.total} /> {p.label} ({fmtCount(p.done)} / {fmtCount(p.total)})
          </>
        ) : null}
      </p>
    );
  }
  if (task.status === 'idle') {
    return (
      <p className="fn-status" data-testid={`${testId}-status`}>
        {idle ?? 'Computes when scrolled into view.'}
      </p>
    );
  }
  return null;
}

export function NeedsModel() {
  return <p className="panel-note">This part needs the trained model from “Superposition at a glance”.</p>;
}

export function taskState(task: TaskState<unknown>): string {
  return task.status;
}

/** A relative change as a signed percentage ('—' when not finite). */
export const pct = (v: number, digits = 1) =>
  Number.isFinite(v) ? `${v >= 0 ? '+' : ''}${(100 * v).toFixed(digits)}%` : '—';

/** Subscript digits for labels like x₁₂. */
export function sub(i: number): string {
  return String(i).replace(/\d/g, (c) => '₀₁₂₃₄₅₆₇₈₉'[Number(c)]);
}

/**
 * React binding of a task worker (worker/task-client.ts): a debounced, supersedable computation
 * that reruns when the reader's controls or the input model change, ignores results of
 * superseded requests, reports errors as text and a crashed worker as an error (the next change
 * starts a fresh worker). Each section computes only while on screen (see use-visible.ts).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isSuperseded, type Progress } from '../worker/tasks';
import type { TaskClient } from '../worker/task-client';

export type TaskStatus = 'idle' | 'computing' | 'ready' | 'error';

export interface TaskState<T> {
  status: TaskStatus;
  result: T | null;
  error: string | null;
  progress: Progress | null;
  /** The result is from other settings than the current ones (a recomputation is due or running). */
  stale: boolean;
  /** The settings (controls § model) the result was computed for: tests wait for the one they set. */
  resultKey: string | null;
  /** Completed computations so far (increments on every fresh result). */
  runs: number;
  retry(): void;
}

export interface TaskOptions<T> {
  /** The worker the task runs in (its crashes become this task's errors). */
  client: TaskClient<Record<string, unknown>>;
  /** Compute at all (e.g. on screen and with a model). */
  enabled: boolean;
  /** Everything the reader controls, serialised. */
  controlsKey: string;
  /** The input model's identity and weights (see modelFingerprint); '' when the task has none. */
  modelKey: string;
  /** The computation (a client.run(...) call); `onProgress` may be handed to the worker. */
  run(onProgress: (p: Progress) => void): Promise<T>;
  /** Delay after a control change (default 250 ms; the first run starts at once). */
  debounceMs?: number;
  /** Delay after a model change: waits for training to settle (default 1000 ms)… */
  modelDebounceMs?: number;
  /** …but never longer than this since the first pending change (default 5000 ms). */
  maxWaitMs?: number;
}

interface Computed<T> {
  status: TaskStatus;
  result: T | null;
  error: string | null;
  progress: Progress | null;
  resultKey: string | null;
  runs: number;
}

const INITIAL: Computed<never> = {
  status: 'idle',
  result: null,
  error: null,
  progress: null,
  resultKey: null,
  runs: 0,
};

export function useTask<T>(opts: TaskOptions<T>): TaskState<T> {
  const { client, enabled, controlsKey, modelKey } = opts;
  const key = `${controlsKey}§${modelKey}`;
  const debounceMs = opts.debounceMs ?? 250;
  const modelDebounceMs = opts.modelDebounceMs ?? 1000;
  const maxWaitMs = opts.maxWaitMs ?? 5000;
  const runRef = useRef(opts.run);
  useEffect(() => {
    runRef.current = opts.run;
  });
  const [state, setState] = useState<Computed<T>>(INITIAL);
  const requestId = useRef(0);
  const started = useRef<{ key: string; controls: string } | null>(null);
  const pendingSince = useRef<number | null>(null);
  const [retries, setRetries] = useState(0);

  const start = useCallback((startKey: string) => {
    const id = ++requestId.current;
    setState((s) => ({ ...s, status: 'computing', error: null, progress: null }));
    const onProgress = (p: Progress) => {
      if (id === requestId.current) setState((s) => ({ ...s, progress: p }));
    };
    let run: Promise<T>;
    try {
      run = runRef.current(onProgress);
    } catch (e) {
      setState((s) => ({ ...s, status: 'error', error: `Could not start the worker: ${message(e)}` }));
      return;
    }
    run
      .then((result) => {
        if (id !== requestId.current) return;
        setState((s) => ({
          status: 'ready',
          result,
          error: null,
          progress: null,
          resultKey: startKey,
          runs: s.runs + 1,
        }));
      })
      .catch((e: unknown) => {
        if (isSuperseded(e) || id !== requestId.current) return;
        setState((s) => ({ ...s, status: 'error', error: message(e), progress: null }));
      });
  }, []);

  // A crashed worker never answers: turn the pending request into an error.
  useEffect(
    () =>
      client.onCrash((reason) => {
        requestId.current++;
        started.current = null;
        setState((s) =>
          s.status === 'computing'
            ? {
                ...s,
                status: 'error',
                error: `The worker stopped (${reason}). Change a setting or press Retry to start it again.`,
                progress: null,
              }
            : s,
        );
      }),
    [client],
  );

  useEffect(() => {
    if (!enabled) return;
    if (started.current?.key === key) {
      pendingSince.current = null; // back where we started: nothing pending
      return;
    }
    const now = performance.now();
    pendingSince.current ??= now;
    const first = started.current === null;
    const controlsChanged = first || started.current!.controls !== controlsKey;
    let delay = first ? 0 : controlsChanged ? debounceMs : modelDebounceMs;
    delay = Math.min(delay, Math.max(0, pendingSince.current + maxWaitMs - now));
    const timer = setTimeout(() => {
      pendingSince.current = null;
      started.current = { key, controls: controlsKey };
      start(key);
    }, delay);
    return () => clearTimeout(timer);
  }, [enabled, key, controlsKey, debounceMs, modelDebounceMs, maxWaitMs, start, retries]);

  const retry = useCallback(() => {
    started.current = null;
    setRetries((r) => r + 1);
  }, []);

  return {
    status: state.status,
    result: state.result,
    error: state.error,
    progress: state.progress,
    stale: state.resultKey !== null && state.resultKey !== key,
    resultKey: state.resultKey,
    runs: state.runs,
    retry,
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

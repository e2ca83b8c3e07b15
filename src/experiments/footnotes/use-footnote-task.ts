/**
 * React binding of the footnotes worker: a debounced, supersedable computation per experiment
 * (each computes only while on screen: see ui/use-visible.ts).
 */
import * as Comlink from 'comlink';
import { useCallback, useEffect, useRef, useState } from 'react';
import { footnotesClient } from '../../worker/footnotes-client';
import { SUPERSEDED, type FootnotesApi, type Progress } from '../../worker/footnotes-protocol';
import type { FootnoteModel } from '../shared/footnote-model';

export type TaskStatus = 'idle' | 'computing' | 'ready' | 'error';

export interface TaskState<T> {
  status: TaskStatus;
  result: T | null;
  error: string | null;
  progress: Progress | null;
  /** The result is from other settings than the current ones (a recomputation is due or running). */
  stale: boolean;
  /** The controls and model (`controlsKey§modelKey`) the result was computed for; null before the first. */
  resultKey: string | null;
  /** Completed computations so far (for tests: increments on every fresh result). */
  runs: number;
  retry(): void;
}

export interface TaskOptions<T> {
  /** Compute at all (e.g. on screen and with a model). */
  enabled: boolean;
  /** Everything the reader controls, serialised. */
  controlsKey: string;
  /** The model's identity and weights (see modelFingerprint); '' when the task has no model. */
  modelKey: string;
  /** The computation; `onProgress` may be handed to the worker (it is a Comlink proxy). */
  run(api: Comlink.Remote<FootnotesApi>, onProgress: (p: Progress) => void): Promise<T>;
  /** Delay after a control change (default 250 ms; the first run starts at once). */
  debounceMs?: number;
  /** Delay after a model change: waits for training to settle (default 1000 ms)… */
  modelDebounceMs?: number;
  /** …but never longer than this since the first pending change (default 5000 ms). */
  maxWaitMs?: number;
}

/**
 * One sub-section's computation in the footnotes worker. Recomputes when the controls or the
 * model change (debounced), ignores results of superseded requests, reports errors as text and
 * a crashed worker as an error (the next change starts a fresh worker).
 */
export function useFootnoteTask<T>(opts: TaskOptions<T>): TaskState<T> {
  const { enabled, controlsKey, modelKey } = opts;
  const key = `${controlsKey}§${modelKey}`;
  const debounceMs = opts.debounceMs ?? 250;
  const modelDebounceMs = opts.modelDebounceMs ?? 1000;
  const maxWaitMs = opts.maxWaitMs ?? 5000;
  const runRef = useRef(opts.run);
  runRef.current = opts.run;
  const [state, setState] = useState<{
    status: TaskStatus;
    result: T | null;
    error: string | null;
    progress: Progress | null;
    resultKey: string | null;
    runs: number;
  }>({
    status: 'idle',
    result: null,
    error: null,
    progress: null,
    resultKey: null,
    runs: 0,
  });
  const requestId = useRef(0);
  const started = useRef<{ key: string; controls: string } | null>(null);
  const pendingSince = useRef<number | null>(null);
  const [retries, setRetries] = useState(0);

  const start = useCallback((startKey: string) => {
    const id = ++requestId.current;
    setState((s) => ({ ...s, status: 'computing', error: null, progress: null }));
    let api: Comlink.Remote<FootnotesApi>;
    try {
      api = footnotesClient().get();
    } catch (e) {
      setState((s) => ({ ...s, status: 'error', error: `Could not start the footnotes worker: ${message(e)}` }));
      return;
    }
    const onProgress = Comlink.proxy((p: Progress) => {
      if (id === requestId.current) setState((s) => ({ ...s, progress: p }));
    });
    runRef
      .current(api, onProgress)
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
        const text = message(e);
        if (text.startsWith(SUPERSEDED) || id !== requestId.current) return;
        setState((s) => ({ ...s, status: 'error', error: text, progress: null }));
      });
  }, []);

  // A crashed worker never answers: turn the pending request into an error.
  useEffect(
    () =>
      footnotesClient().onCrash((reason) => {
        requestId.current++;
        started.current = null;
        setState((s) =>
          s.status === 'computing'
            ? {
                ...s,
                status: 'error',
                error: `The footnotes worker stopped (${reason}). Change a setting or press Retry to start it again.`,
                progress: null,
              }
            : s,
        );
      }),
    [],
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

/**
 * A short fingerprint of a model's identity and weights: the at-a-glance run and step it is from
 * (readable, so a test can wait for the result on the model it trained), and a hash that changes
 * whenever W or b change.
 */
export function modelFingerprint(model: FootnoteModel | null): string {
  if (!model) return '';
  let h = 0;
  for (let q = 0; q < model.W.length; q++) h = (h * 31 + Math.round(model.W[q] * 1e6)) | 0;
  for (let q = 0; q < model.b.length; q++) h = (h * 31 + Math.round(model.b[q] * 1e6)) | 0;
  for (let q = 0; q < model.density.length; q++) h = (h * 31 + Math.round(model.density[q] * 1e6)) | 0;
  for (let q = 0; q < model.importance.length; q++) h = (h * 31 + Math.round(model.importance[q] * 1e6)) | 0;
  return `${model.runKey}@${model.step}:${model.n}x${model.m}:${model.kind}:${h >>> 0}`;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

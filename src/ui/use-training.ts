/**
 * React binding of one training run in the worker: configures it, forwards parameter changes
 * (debounced in the worker), collects the loss history, and re-renders at most once per frame.
 * With `history` the run keeps checkpoints: peek, rewind and hand-set weights go through here.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TrainConfig } from '../model/config';
import type { ConvergenceOptions } from '../train/convergence';
import type { PathChoice, PathReport, RunOptions, RunStatus, Snapshot } from '../worker/protocol';
import { TrainerClient } from '../worker/client';
import { ShardedTrainerClient, type TrainingClient } from '../worker/sharded-client';
import { pointerHeld, useReleaseGate } from './change-gate';
import { useEmbed } from './embed';

export interface LossHistory {
  step: number[];
  /** loss[j][t]: instance j at step[t] */
  loss: number[][];
}

export interface TrainingRun {
  snapshot: Snapshot | null;
  history: LossHistory;
  report: PathReport | null;
  notice: string | null;
  dismissNotice(): void;
  play(): void;
  pause(): void;
  reset(): void;
  stepBy(k: number): void;
  /** Train on, raising the run's step cap to `maxSteps` first (a finished run goes on). */
  continueTo(maxSteps: number): void;
  /** The run at its checkpoint at or before `step`, without changing it (null: none, or it failed with a notice). */
  peek(step: number): Promise<Snapshot | null>;
  /** Pause and go back to that checkpoint; training resumes from it with the same data. */
  rewind(step: number): Promise<Snapshot | null>;
  /** Pause and set every instance's weights ([I, n, m], [I, n]); training resumes from them. */
  setWeights(W: Float32Array, b: Float32Array): Promise<Snapshot | null>;
}

const MAX_HISTORY = 1500;

export interface TrainingRunOptions {
  /**
   * The settings the run trains, as a canonical string (state/run-key.ts): every snapshot of the
   * run carries it, so a section draws and exports a snapshot with the settings it was trained
   * with, never the settings asked for since. A change of key restarts the run.
   */
  runKey: string;
  maxSteps: number;
  warmStart: boolean;
  path: PathChoice;
  /** Train each instance until its loss plateaus (see train/convergence.ts). */
  convergence?: ConvergenceOptions | null;
  /** Start as soon as configured (default true). */
  autoStart?: boolean;
  /** Keep the per-instance loss history (default true; off for big grids). */
  keepHistory?: boolean;
  /** Re-render at most this often while running (default 60). */
  maxHz?: number;
  /** Test hook, see RunOptions.simulateFailure. */
  simulateFailure?: RunOptions['simulateFailure'];
  /** Workers to split the instances over (default 1). */
  shards?: number;
  /** Start from these weights instead of the seeds' (see RunOptions.initial); a function of the config. */
  initial?: RunOptions['initial'];
  /** Keep checkpoints to rewind to (RunOptions.history). */
  history?: RunOptions['history'];
  /**
   * Restart as soon as the reader lets go of a change (a slider released, a key, a click), and
   * hold back changes while a pointer is down or in a quick burst (ui/change-gate.ts), instead of
   * the worker's fixed debounce after every change (default false).
   */
  restartOnRelease?: boolean;
}

export function useTrainingRun(config: TrainConfig, opts: TrainingRunOptions): TrainingRun {
  const keepHistory = opts.keepHistory ?? true;
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [report, setReport] = useState<PathReport | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const history = useRef<LossHistory>({ step: [], loss: [] });
  const latest = useRef<Snapshot | null>(null);
  const clientRef = useRef<TrainingClient | null>(null);
  const shards = opts.shards ?? 1;
  const maxHz = opts.maxHz ?? 60;
  const pacer = useMemo(() => new RenderPacer(() => setSnapshot(latest.current), maxHz), [maxHz]);
  const configured = useRef(false);
  const lastMessage = useRef<string | undefined>(undefined);
  // An embed's `from`: a running run is drawn from that step on (its loss history from the start).
  const drawFrom = useEmbed()?.from ?? 0;

  const onSnapshot = useCallback(
    (s: Snapshot) => {
      const h = history.current;
      if (latest.current && s.runId !== latest.current.runId) {
        h.step = [];
        h.loss = [];
      } else if (h.step.length && s.step < h.step[h.step.length - 1]) {
        // Rewound: the curve goes on from the checkpoint, not from where the run had got to.
        const keep = h.step.findIndex((t) => t > s.step);
        h.step = h.step.slice(0, keep);
        h.loss = h.loss.map((l) => l.slice(0, keep));
      }
      if (keepHistory && s.step > 0 && (h.step.length === 0 || s.step > h.step[h.step.length - 1])) {
        h.step.push(s.step);
        s.loss.forEach((v, j) => (h.loss[j] ??= []).push(v));
        if (h.step.length > MAX_HISTORY) thin(h);
      }
      latest.current = s;
      if (s.message && s.message !== lastMessage.current) setNotice(s.message);
      lastMessage.current = s.message;
      if (s.status === 'running' && s.step < drawFrom) return;
      pacer.schedule(s.status);
    },
    [keepHistory, pacer, drawFrom],
  );

  // One client (one worker) per mounted section.
  useEffect(() => {
    const events = { onSnapshot, onPath: setReport, onNotice: setNotice };
    const client: TrainingClient = shards > 1 ? new ShardedTrainerClient(events, shards) : new TrainerClient(events);
    clientRef.current = client;
    return () => {
      pacer.cancel();
      client.dispose();
      clientRef.current = null;
      configured.current = false;
    };
  }, [onSnapshot, shards, pacer]);

  // With restartOnRelease, changes wait here for the reader to let go, then restart with no further debounce.
  const gate = useReleaseGate(opts.restartOnRelease ?? false);

  // Memoised: for a phase grid the key covers thousands of instances.
  const key = useMemo(
    () => configKey(config, opts.path, opts.maxSteps) + JSON.stringify(opts.convergence ?? null) + opts.runKey,
    [config, opts.path, opts.maxSteps, opts.convergence, opts.runKey],
  );
  useEffect(() => {
    const client = clientRef.current;
    if (!client) return;
    const fail = (e: unknown) => setNotice(`Could not start training: ${e instanceof Error ? e.message : String(e)}`);
    if (!configured.current) {
      configured.current = true;
      client
        .configure(config, {
          path: opts.path,
          maxSteps: opts.maxSteps,
          autoStart: opts.autoStart ?? true,
          convergence: opts.convergence ?? null,
          simulateFailure: opts.simulateFailure ?? null,
          initial: opts.initial ?? null,
          history: opts.history ?? null,
          runKey: opts.runKey,
        })
        .catch(fail);
    } else {
      const change = {
        path: opts.path,
        maxSteps: opts.maxSteps,
        warmStart: opts.warmStart,
        convergence: opts.convergence ?? null,
        initial: opts.initial ?? null,
        history: opts.history ?? null,
        runKey: opts.runKey,
      };
      const g = gate.current;
      // The client of the moment when the change goes out (it may wait for the reader to let go).
      if (g)
        g.submit(
          () => clientRef.current?.changeParams(config, { ...change, debounceMs: 0 }).catch(fail),
          pointerHeld(),
        );
      else client.changeParams(config, change).catch(fail);
    }
    // config is described completely by key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const act = (f: (c: TrainingClient) => Promise<unknown>) => () => {
    const c = clientRef.current;
    if (c) f(c).catch((e: unknown) => setNotice(e instanceof Error ? e.message : String(e)));
  };
  /** A call whose answer the caller uses: null when there is no worker or it failed (with a notice). */
  const ask = async <T>(f: (c: TrainingClient) => Promise<T>): Promise<T | null> => {
    const c = clientRef.current;
    if (!c) return null;
    try {
      return await f(c);
    } catch (e) {
      setNotice(e instanceof Error ? e.message : String(e));
      return null;
    }
  };
  return {
    snapshot,
    history: history.current,
    report,
    notice,
    dismissNotice: () => setNotice(null),
    play: act((c) => c.start()),
    pause: act((c) => c.pause()),
    reset: act((c) => c.reset()),
    stepBy: (k: number) => act((c) => c.stepN(k))(),
    continueTo: (maxSteps: number) => act((c) => c.start({ maxSteps }))(),
    peek: (step: number) => ask((c) => c.peek(step)),
    rewind: (step: number) => ask((c) => c.rewind(step)),
    setWeights: (W: Float32Array, b: Float32Array) => ask((c) => c.setWeights(W, b)),
  };
}

/**
 * When snapshots are handed to React: at most one render per frame, and at most maxHz per second
 * while running (a big grid's charts cost more to redraw than the eye gains at 30 Hz, and the main
 * thread shares the cores with the workers); a run's last snapshot at once.
 */
class RenderPacer {
  private frame = 0;
  private timer: number | undefined;
  private last = 0;

  constructor(
    private readonly render: () => void,
    private readonly maxHz: number,
  ) {}

  /** A snapshot with this status arrived. */
  schedule(status: RunStatus): void {
    if (status === 'done' || status === 'error') {
      // Ahead of any render waiting for a frame or the throttle: it is what the reader waits for,
      // and no more follow.
      this.cancel();
      this.draw();
      return;
    }
    if (this.frame || this.timer !== undefined) return;
    const wait = status === 'running' ? Math.max(0, this.last + 1000 / this.maxHz - performance.now()) : 0;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      if (wait <= 16) return this.draw();
      this.timer = window.setTimeout(() => {
        this.timer = undefined;
        this.frame = requestAnimationFrame(() => this.draw());
      }, wait - 16);
    });
  }

  cancel(): void {
    cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = undefined;
  }

  private draw(): void {
    this.frame = 0;
    this.last = performance.now();
    this.render();
  }
}

/** Keep every other point: the curve keeps its shape at half the memory. */
function thin(h: LossHistory): void {
  const keep = (_: unknown, i: number) => i % 2 === 0 || i === h.step.length - 1;
  h.step = h.step.filter(keep);
  h.loss = h.loss.map((l) => l.filter(keep));
}

function configKey(c: TrainConfig, path: string, maxSteps: number): string {
  return JSON.stringify({
    n: c.n,
    m: c.m,
    kind: c.kind,
    b: c.batchSize,
    o: c.optimizer,
    i: c.instances.map((x) => [x.seed, Array.from(x.density), Array.from(x.importance)]),
    path,
    maxSteps,
  });
}

/**
 * What the reader does with the at-a-glance model, as React state: which feature is hovered,
 * which checkpoint is scrubbed back to (peek), the hand-placed arrangement being edited, and what
 * the panels therefore show — the live run, an earlier step, or "your arrangement". The worker does
 * the rewinding and the hand-set weights (worker/service.ts); this hook only asks it.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureKeyEdit } from '../../charts/FeatureGeometry2D';
import type { DragPhase } from '../../charts/pointer';
import type { TrainConfig } from '../../model/config';
import type { TrainingRun } from '../../ui/use-training';
import type { Snapshot } from '../../worker/protocol';
import {
  handArrangement,
  placeFeature,
  readout,
  replicate,
  rotateFeature,
  scaleFeature,
  type DataSetting,
  type HandArrangement,
  type Readout,
} from './arrangement';
import { shownModel, type ShownModel } from './run';

/** Where the panels' model comes from. */
export type ViewSource = 'live' | 'rewound' | 'hand-placed';

export interface GlanceView extends ShownModel {
  source: ViewSource;
  step: number;
}

export interface HandsOn {
  view: GlanceView | null;
  /** The batched snapshot behind a live or rewound view (null while editing). */
  viewSnap: Snapshot | null;
  /** Expected loss and per-feature shares of the view (throttled while training). */
  readout: Readout | null;
  hovered: number | null;
  setHovered(i: number | null): void;
  /** The step scrubbed back to (null: following the run). */
  peekStep: number | null;
  scrub(step: number | null): void;
  /** Rewind the run to the scrubbed checkpoint and train on from there. */
  resumeHere(): void;
  edit: HandArrangement | null;
  /** The model the edit started from, and its loss on the same samples. */
  editBase: (Readout & { step: number; source: ViewSource }) | null;
  place(i: number, to: [number, number], phase: DragPhase): void;
  keyEdit(i: number, e: FeatureKeyEdit): void;
  /** Hand the arrangement to the optimiser: every seed starts from it. */
  letGo(): void;
  discard(): void;
  /** The step cap after "let go" raised it (null: the URL's `steps`). */
  cap: number | null;
}

/** "Let go" of a finished run trains on at least this many steps (as many as it had, up to half of `steps`). */
const LET_GO_MIN_STEPS = 1000;
/** While training, the readout is recomputed at most this often. */
const READOUT_EVERY_MS = 1000;

export function useHandsOn(
  run: TrainingRun,
  live: Snapshot | null,
  shown: number,
  config: TrainConfig,
  steps: number,
): HandsOn {
  const { n, m } = config;
  const count = config.instances.length;
  const setting: DataSetting = useMemo(
    () => ({ importance: config.instances[0].importance, density: config.instances[0].density, m, kind: config.kind }),
    [config, m],
  );
  const [hovered, setHovered] = useState<number | null>(null);
  const [peek, setPeek] = useState<{ step: number; snap: Snapshot | null } | null>(null);
  const [edit, setEdit] = useState<HandArrangement | null>(null);
  const [editBase, setEditBase] = useState<HandsOn['editBase']>(null);
  const [cap, setCap] = useState<number | null>(null);
  const asked = useRef(0);
  // The edited weights, ahead of the render: pointer moves and key repeats come faster than frames.
  const editW = useRef<Float32Array | null>(null);
  const frame = useRef(0);
  const stopEditing = () => {
    editW.current = null;
    cancelAnimationFrame(frame.current);
    frame.current = 0;
    setEdit(null);
    setEditBase(null);
  };

  // A new run (other settings, reset) starts from scratch: nothing to peek at or edit.
  const runId = live?.runId ?? -1;
  useEffect(() => {
    setPeek(null);
    stopEditing();
    setCap(null);
  }, [runId]);
  // Training again follows the run.
  const running = live?.status === 'running';
  useEffect(() => {
    if (running) setPeek(null);
  }, [running]);
  useEffect(() => setHovered((h) => (h !== null && h >= n ? null : h)), [n]);

  const fits = (s: Snapshot | null) => (s && s.W.length === n * m * count ? s : null);
  const peeked = fits(peek?.snap ?? null);
  const view: GlanceView | null = useMemo(() => {
    // Hand-set weights take effect at the step shown: the rewound one, else the run's (paused) step.
    if (edit) return { ...edit, source: 'hand-placed', step: peeked?.step ?? live?.step ?? 0 };
    const s = peeked ?? fits(live);
    return s ? { ...shownModel(s.W, s.b, shown, n, m), source: peeked ? 'rewound' : 'live', step: s.step } : null;
    // fits reads n, m, count only
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [edit, peeked, live, shown, n, m, count]);
  const throttled = useThrottledReadout(edit ? null : view, setting, running);
  const viewSnap = edit ? null : (peeked ?? fits(live));

  const scrub = useCallback(
    (step: number | null) => {
      const ask = ++asked.current;
      if (step === null) return setPeek(null);
      if (running) run.pause();
      setPeek((p) => ({ step, snap: p?.snap ?? null }));
      void run.peek(step).then((snap) => {
        if (ask === asked.current) setPeek({ step, snap });
      });
    },
    [run, running],
  );

  /** The weights being edited, starting an edit from the view if there is none. */
  const begin = (): Float32Array | null => {
    if (editW.current) return editW.current;
    if (!view || m !== 2) return null;
    if (running) run.pause();
    setEditBase({ ...readout(view.W, view.b, setting), step: view.step, source: view.source });
    return (editW.current = view.W.slice());
  };
  /** New weights now; their bias and readouts once per frame (they cost more than a pointer move). */
  const update = (W: Float32Array) => {
    editW.current = W;
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (editW.current) setEdit(handArrangement(editW.current, setting));
    });
  };

  return {
    view,
    viewSnap,
    readout: edit ? { loss: edit.loss, shares: edit.shares } : throttled,
    hovered,
    setHovered,
    peekStep: peek?.step ?? null,
    scrub,
    resumeHere: () => {
      if (!peek) return;
      const step = peek.snap?.step ?? peek.step;
      setPeek(null);
      void run.rewind(step).then((s) => s && run.play());
    },
    edit,
    editBase,
    place: (i, to, phase) => {
      const W = begin();
      if (W && phase !== 'end') update(placeFeature(W, i, to));
      setHovered(i);
    },
    keyEdit: (i, e) => {
      const W = begin();
      if (W) update('rotate' in e ? rotateFeature(W, i, e.rotate) : scaleFeature(W, i, e.scale));
    },
    letGo: () => {
      if (!edit || !editW.current) return;
      // The bias is the best response to the weights as they are now (the last frame's may lag a move).
      const final = handArrangement(editW.current, setting);
      const from = peek ? (peek.snap?.step ?? peek.step) : null;
      const W = replicate(final.W, count);
      const b = replicate(final.b, count);
      stopEditing();
      setPeek(null);
      void (async () => {
        if (from !== null) await run.rewind(from);
        const s = await run.setWeights(W, b);
        if (!s) return;
        const target = Math.max(steps, s.step + Math.max(LET_GO_MIN_STEPS, Math.min(Math.round(steps / 2), s.step)));
        setCap(target > steps ? target : null);
        run.continueTo(target);
      })();
    },
    discard: stopEditing,
    cap,
  };
}

/** The view's readout: at once while paused, at most every READOUT_EVERY_MS while training. */
function useThrottledReadout(model: ShownModel | null, setting: DataSetting, running: boolean): Readout | null {
  const [out, setOut] = useState<Readout | null>(null);
  const last = useRef(0);
  useEffect(() => {
    if (!model) return;
    const wait = running ? Math.max(0, last.current + READOUT_EVERY_MS - performance.now()) : 0;
    const t = setTimeout(() => {
      last.current = performance.now();
      setOut(readout(model.W, model.b, setting));
    }, wait);
    return () => clearTimeout(t);
  }, [model, setting, running]);
  return model ? out : null;
}

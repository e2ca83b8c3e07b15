/**
 * The page's side of a lab run: splits the run's instances over the lab's workers (labShards), starts
 * 'sae-train' on each, merges their partial snapshots into one view (coalesced to one update per
 * animation frame) and, when every shard is done, their checkpoint snapshots into the run's timeline.
 * A change of settings or model supersedes the run (after a short debounce); a crashed worker is an error.
 */
import { useEffect, useRef, useState } from 'react';
import { isSuperseded } from '../../worker/tasks';
import { SAE_WORKERS, saeTasks } from '../task-clients';
import { labInstances, labShards, type LabInstance, type LabSettings } from './lab';
import type { InstanceState, LabSnapshot } from './run';
import type { ModelRequest, SaeRunInfo } from './task';

export interface LabView {
  status: 'idle' | 'training' | 'done' | 'error';
  /** The key of the settings and model the view is of (e2e tests wait for theirs). */
  runKey: string | null;
  info: SaeRunInfo | null;
  instances: LabInstance[];
  /** Latest state of every instance (null until its shard reports), and the step all have reached. */
  current: (InstanceState | null)[];
  step: number;
  /** Full snapshots at the checkpoints, once the run is done. */
  timeline: LabSnapshot[];
  error: string | null;
  seconds: number;
}

/** The view follows the workers at most this often while they train. */
const PUBLISH_MS = 200;

const IDLE: LabView = {
  status: 'idle',
  runKey: null,
  info: null,
  instances: [],
  current: [],
  step: 0,
  timeline: [],
  error: null,
  seconds: 0,
};

export function useLabRun(opts: {
  enabled: boolean;
  model: ModelRequest | null;
  settings: LabSettings;
  features: number;
  key: string;
  debounceMs: number;
}): LabView {
  const [view, setView] = useState<LabView>(IDLE);
  const optsRef = useRef(opts);
  useEffect(() => {
    optsRef.current = opts;
  });
  const { enabled, key, debounceMs } = opts;
  const hasModel = opts.model !== null;

  const started = useRef(false);
  // Once the section has been on screen its runs go on off screen too (scrolling away and back must not
  // restart a long run from step 0); a change of settings or model still supersedes the run.
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (enabled) setArmed(true);
  }, [enabled]);

  useEffect(() => {
    if (!armed || !hasModel) return;
    let cancelled = false;
    let finished = false;
    let frame = 0;
    let later: ReturnType<typeof setTimeout> | undefined;
    // The first run starts at once (the first scorecard is due within seconds of scrolling here).
    const delay = started.current ? debounceMs : 0;
    started.current = true;
    const timer = setTimeout(() => {
      const { model, settings, features } = optsRef.current;
      if (!model) return;
      const instances = labInstances(settings, features);
      // Every worker gets a request (an empty shard trains nothing), so each supersedes its older run.
      const shards = labShards(instances, SAE_WORKERS);
      while (shards.length < SAE_WORKERS) shards.push([]);
      const current: (InstanceState | null)[] = instances.map(() => null);
      const steps = shards.map(() => 0);
      let info: SaeRunInfo | null = null;
      const t0 = performance.now();
      // At most one update of the view per PUBLISH_MS (two workers stream ~10 snapshots/s each), in an animation frame.
      let lastPublish = 0;
      let pending = false;
      const publish = () => {
        if (cancelled || pending) return;
        pending = true;
        const wait = Math.max(0, lastPublish + PUBLISH_MS - performance.now());
        later = setTimeout(() => {
          frame = requestAnimationFrame(() => {
            pending = false;
            if (cancelled) return;
            lastPublish = performance.now();
            setView((v) => ({ ...v, info, current: current.slice(), step: Math.min(...steps) }));
          });
        }, wait);
      };
      setView({ ...IDLE, status: 'training', runKey: key, instances, current: current.slice() });
      const runs = shards.map((only, s) =>
        saeTasks(s).run(
          'sae-train',
          { model, settings, only },
          {
            onPartial: (p) => {
              info ??= p.info;
              p.snapshot.instances.forEach((inst, q) => (current[only[q]] = inst));
              steps[s] = p.snapshot.step;
              publish();
            },
          },
        ),
      );
      Promise.all(runs)
        .then((results) => {
          finished = true;
          if (cancelled) return;
          info = results.find((r) => r.snapshots.length > 0)!.info;
          const timeline = results
            .find((r) => r.snapshots.length > 0)!
            .snapshots.map((snap, c) => {
              const all: InstanceState[] = new Array(instances.length);
              results.forEach((r, s) => r.snapshots[c]?.instances.forEach((inst, q) => (all[shards[s][q]] = inst)));
              return { step: snap.step, instances: all };
            });
          const last = timeline[timeline.length - 1];
          cancelAnimationFrame(frame);
          clearTimeout(later);
          setView({
            status: 'done',
            runKey: key,
            info,
            instances,
            current: last.instances,
            step: last.step,
            timeline,
            error: null,
            seconds: (performance.now() - t0) / 1000,
          });
        })
        .catch((e: unknown) => {
          finished = true;
          if (cancelled || isSuperseded(e)) return;
          cancelAnimationFrame(frame);
          clearTimeout(later);
          setView((v) => ({ ...v, status: 'error', error: e instanceof Error ? e.message : String(e) }));
        });
    }, delay);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearTimeout(later);
      cancelAnimationFrame(frame);
      // A run still going when its settings change (or the section unmounts) stops: an empty request
      // supersedes it in every worker.
      const { model, settings } = optsRef.current;
      if (!finished && model) {
        for (let s = 0; s < SAE_WORKERS; s++)
          saeTasks(s)
            .run('sae-train', { model, settings, only: [] })
            .catch(() => undefined);
      }
    };
  }, [armed, hasModel, key, debounceMs]);

  return view;
}

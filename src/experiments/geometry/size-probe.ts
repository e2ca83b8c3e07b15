/**
 * How long the big sweeps take here: time a few steps of the notebook's sweep on the page's own
 * workers (simd path, split as the section splits it). An untouched section opens live where the
 * paper's whole run fits in a few minutes (run.ts: sizeForSpeed), and the shipped sweeps' "train
 * it live here" shows the time. The probe trains nothing the page keeps; it costs a fraction of a
 * second.
 */
import { useEffect, useState } from 'react';
import { GEOMETRY_PARAMS, type GeometryState } from './params';
import { matchesSetting } from './run';
import { instanceCosts } from '../../train/shards';
import { pageWorkers } from '../../worker/cores';
import { ShardedTrainerClient } from '../../worker/sharded-client';
import { GEOMETRY_SIZES, geometryTrainConfig } from './params';
import { sizeForSpeed } from './run';

export interface SizeProbe {
  id: 'small' | 'notebook' | 'paper';
  /** Estimated seconds for the chosen size's whole run (or the notebook's, when staying small). */
  seconds: number;
  /** Estimated seconds for each big size's whole run (10,000 steps) on `workers` workers. */
  notebook: number;
  paper: number;
  workers: number;
  path: string;
}

const sweepOf = (id: 'notebook' | 'paper') =>
  geometryTrainConfig({ ...GEOMETRY_SIZES.find((s) => s.id === id)!.values, seed: 1 });
const work = (id: 'notebook' | 'paper') => instanceCosts(sweepOf(id)).reduce((a, v) => a + v, 0);

/**
 * Runs the probe once `enabled` turns true, on as many workers as the notebook's and the paper's
 * sweeps (20 models each) would get here, so the estimate counts the cores they will use;
 * resolves to the size to open at (null until measured).
 */
export function useSizeProbe(enabled: boolean): SizeProbe | null {
  const workers = pageWorkers(sweepOf('notebook').instances.length);
  const [result, setResult] = useState<SizeProbe | null>(null);
  useEffect(() => {
    if (!enabled || result) return;
    let cancelled = false;
    const client = new ShardedTrainerClient({ onSnapshot: () => undefined }, workers);
    void (async () => {
      try {
        const report = await client.configure(sweepOf('notebook'), { path: 'simd', maxSteps: 1e9, autoStart: false });
        await client.stepN(2); // compile and warm up the kernel
        const t0 = performance.now();
        await client.stepN(4);
        const perStep = (performance.now() - t0) / 4 / 1000;
        const ratio = work('paper') / work('notebook');
        if (!cancelled)
          setResult({
            ...sizeForSpeed(perStep, ratio),
            notebook: perStep * 10_000,
            paper: perStep * 10_000 * ratio,
            workers,
            path: report.path,
          });
      } catch {
        if (!cancelled)
          setResult({ id: 'small', seconds: Infinity, notebook: Infinity, paper: Infinity, workers, path: 'unknown' });
      } finally {
        client.dispose();
      }
    })();
    return () => {
      cancelled = true;
      client.dispose();
    };
  }, [enabled, result, workers]);
  return result;
}

/** What an untouched section does once the probe has timed this machine: train the paper's sweep live, or not. */
export const opensLive = (probe: SizeProbe) => probe.id === 'paper';

/**
 * An untouched section (the URL's default size) opens on the paper's shipped sweep at every machine, once it comes
 * into view; it opens live where this machine trains the paper's sweep in a few minutes (timed on the page's own
 * workers). The probe also times "train it live here" wherever a shipped sweep is shown (`shipped`).
 */
export function useOpening(
  state: GeometryState,
  onChange: (patch: Partial<GeometryState>) => void,
  visible: boolean,
  shipped: boolean,
): { probe: SizeProbe | null; opening: boolean; openedLive: boolean } {
  const atDefault = matchesSetting(state, {
    ...GEOMETRY_SIZES[0].values,
    seed: GEOMETRY_PARAMS.seed.default,
    selected: -1,
    live: false,
  });
  const [opening, setOpening] = useState(atDefault);
  useEffect(() => {
    if (opening && visible && atDefault)
      onChange({ ...GEOMETRY_SIZES.find((s) => s.id === 'paper')!.values, selected: -1 });
  }, [opening, visible, atDefault, onChange]);
  const probe = useSizeProbe((opening || shipped) && visible);
  const [openedLive, setOpenedLive] = useState(false);
  useEffect(() => {
    if (!opening || !probe) return;
    setOpening(false);
    if (opensLive(probe)) {
      setOpenedLive(true);
      onChange({ live: true });
    }
  }, [opening, probe, onChange]);
  return { probe, opening, openedLive };
}

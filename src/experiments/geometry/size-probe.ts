/**
 * "Defaults follow the speed": when the reader has not chosen a size, time a few steps of the
 * notebook's sweep on the page's own workers (simd path, split as the section splits it) and
 * open at the biggest size whose whole run fits in a few minutes on this machine (run.ts:
 * sizeForSpeed). The probe trains nothing the page keeps; it costs a fraction of a second.
 */
import { useEffect, useState } from 'react';
import { instanceCosts } from '../../train/shards';
import { pageWorkers } from '../../worker/cores';
import { ShardedTrainerClient } from '../../worker/sharded-client';
import { GEOMETRY_SIZES, geometryTrainConfig } from './params';
import { sizeForSpeed } from './run';

export interface SizeProbe {
  id: 'small' | 'notebook' | 'paper';
  /** Estimated seconds for the chosen size's whole run (or the notebook's, when staying small). */
  seconds: number;
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
        if (!cancelled) setResult({ ...sizeForSpeed(perStep, work('paper') / work('notebook')), path: report.path });
      } catch {
        if (!cancelled) setResult({ id: 'small', seconds: Infinity, path: 'unknown' });
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

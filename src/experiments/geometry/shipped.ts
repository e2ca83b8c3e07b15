/**
 * The sweeps the section ships (`npm run sweep-asset`): the paper's n = 400, m = 30 and the notebook's n = 200,
 * m = 20, each 20 sparsities × 10,000 steps, seed 1, trained by this project's simd kernel. The section opens on them
 * at every machine instead of asking a reader to wait half an hour, and draws them through the same snapshot a live
 * run gives, so every drill-down and export works on them. Each file is fetched only once the section is near view.
 */
import { useEffect, useMemo, useState } from 'react';
import { decodeSweepAsset, SweepAssetError, type SweepAsset } from '../../model/io/sweep-asset';
import type { TrainPath } from '../../train/trainer';
import type { Snapshot } from '../../worker/protocol';
import { GEOMETRY_PARAMS, GEOMETRY_SIZES, type GeometryState } from './params';
import notebookUrl from './shipped/notebook.sweep?url';
import paperUrl from './shipped/paper.sweep?url';

export type ShippedSize = 'paper' | 'notebook';
const URLS: Record<ShippedSize, string> = { paper: paperUrl, notebook: notebookUrl };

/** The shipped sweep these settings are, if any (live: the reader asked to train it here instead). */
export function shippedSizeOf(
  s: Pick<GeometryState, 'n' | 'm' | 'sparsities' | 'maxInvDensity' | 'steps' | 'seed' | 'live'>,
): ShippedSize | null {
  if (s.live || s.seed !== GEOMETRY_PARAMS.seed.default) return null;
  const size = GEOMETRY_SIZES.find(
    ({ id, values: v }) =>
      id !== 'small' &&
      v.n === s.n &&
      v.m === s.m &&
      v.sparsities === s.sparsities &&
      v.maxInvDensity === s.maxInvDensity &&
      v.steps === s.steps,
  );
  return size ? (size.id as ShippedSize) : null;
}

const loads = new Map<ShippedSize, Promise<SweepAsset>>();

/** The shipped sweep of a size, fetched once per page (a failed fetch may be tried again). */
export function loadShipped(size: ShippedSize): Promise<SweepAsset> {
  let p = loads.get(size);
  if (!p) {
    p = fetchSweep(URLS[size])
      .then((asset) => {
        // A file for other settings would draw another sweep under these labels.
        const got = asset.header.settings;
        if (shippedSizeOf({ ...got, live: false }) !== size)
          throw new SweepAssetError(`the file holds another sweep (n = ${got.n}, m = ${got.m}, seed ${got.seed})`);
        return asset;
      })
      .catch((e: unknown) => {
        loads.delete(size);
        throw e;
      });
    loads.set(size, p);
  }
  return p;
}

async function fetchSweep(url: string): Promise<SweepAsset> {
  const res = await fetch(url);
  if (!res.ok) throw new SweepAssetError(`the file could not be loaded (HTTP ${res.status})`);
  let bytes = new Uint8Array(await res.arrayBuffer());
  // gzip inside the file, so any static server sends it small; one that already decoded it sends the format's mark.
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  }
  return decodeSweepAsset(bytes);
}

export interface ShippedSweep {
  size: ShippedSize;
  asset: SweepAsset | null;
  error: string | null;
}

/**
 * The shipped sweep of `size` once `wanted` has been true (it stays loaded when the section scrolls away); null
 * where the settings are not a shipped sweep.
 */
export function useShippedSweep(size: ShippedSize | null, wanted: boolean): ShippedSweep | null {
  const [loaded, setLoaded] = useState<Partial<Record<ShippedSize, SweepAsset>>>({});
  const [errors, setErrors] = useState<Partial<Record<ShippedSize, string>>>({});
  const need = size !== null && wanted && !loaded[size] && !errors[size];
  useEffect(() => {
    if (!need || size === null) return;
    let live = true;
    loadShipped(size).then(
      (asset) => live && setLoaded((l) => ({ ...l, [size]: asset })),
      (e: unknown) => live && setErrors((x) => ({ ...x, [size]: e instanceof Error ? e.message : String(e) })),
    );
    return () => {
      live = false;
    };
  }, [need, size]);
  if (size === null) return null;
  return { size, asset: loaded[size] ?? null, error: errors[size] ?? null };
}

/** Run ids of shipped sweeps: negative, so never one of a worker's. */
const SHIPPED_RUN_ID: Record<ShippedSize, number> = { paper: -2, notebook: -3 };

/** A shipped sweep as the finished snapshot of a run with these settings (`runKey`). */
export function shippedSnapshot(size: ShippedSize, asset: SweepAsset, runKey: string): Snapshot {
  const { header, W, b } = asset;
  return {
    runId: SHIPPED_RUN_ID[size],
    runKey,
    seq: 0,
    step: header.settings.steps,
    W,
    b,
    loss: Float32Array.from(header.loss),
    status: 'done',
    path: header.path as TrainPath,
    stepsPerSecond: 0,
    trainingMs: header.trainingSeconds * 1000,
  };
}

export const isShippedRun = (runId: number) => runId === SHIPPED_RUN_ID.paper || runId === SHIPPED_RUN_ID.notebook;

/** The shipped sweep, once loaded, as the snapshot of the run `runKey` (stable while they are). */
export function useShippedSnapshot(shipped: ShippedSweep | null, runKey: string): Snapshot | null {
  const asset = shipped?.asset ?? null;
  const size = shipped?.size ?? null;
  return useMemo(() => (asset && size ? shippedSnapshot(size, asset, runKey) : null), [asset, size, runKey]);
}

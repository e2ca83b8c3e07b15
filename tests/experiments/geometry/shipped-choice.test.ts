/** Which settings the section shows a shipped sweep for, and the snapshot it draws it through. */
import { describe, expect, it } from 'vitest';
import { GEOMETRY_PARAMS, GEOMETRY_SIZES } from '../../../src/experiments/geometry/params';
import { isShippedRun, shippedSizeOf, shippedSnapshot } from '../../../src/experiments/geometry/shipped';
import { opensLive } from '../../../src/experiments/geometry/size-probe';
import { defaults } from '../../../src/state/url-params';
import { SWEEP_ASSET_FORMAT, type SweepAsset } from '../../../src/model/io/sweep-asset';

const size = (id: string) => GEOMETRY_SIZES.find((s) => s.id === id)!.values;
const state = { ...defaults(GEOMETRY_PARAMS) };

describe('shipped sweeps: when and how', () => {
  it("are the paper's and the notebook's sizes with the default seed, unless the reader trains them live", () => {
    expect(shippedSizeOf({ ...state, ...size('paper') })).toBe('paper');
    expect(shippedSizeOf({ ...state, ...size('notebook') })).toBe('notebook');
    expect(shippedSizeOf({ ...state, ...size('paper'), live: true })).toBeNull();
    expect(shippedSizeOf({ ...state, ...size('paper'), seed: 2 })).toBeNull();
    expect(shippedSizeOf({ ...state, ...size('paper'), steps: 9500 })).toBeNull();
    expect(shippedSizeOf({ ...state, ...size('notebook'), maxInvDensity: 21 })).toBeNull();
    expect(shippedSizeOf(state)).toBeNull(); // the small size trains in seconds
  });

  it('an untouched section opens live only where the paper’s whole run fits in a few minutes', () => {
    const probe = { seconds: 100, notebook: 30, paper: 100, workers: 2, path: 'simd' };
    expect(opensLive({ ...probe, id: 'paper' })).toBe(true);
    expect(opensLive({ ...probe, id: 'notebook' })).toBe(false);
    expect(opensLive({ ...probe, id: 'small' })).toBe(false);
  });

  it('draws a shipped sweep as the finished snapshot of a run with these settings', () => {
    const asset: SweepAsset = {
      header: {
        format: SWEEP_ASSET_FORMAT,
        settings: { ...size('notebook'), seed: 1 },
        path: 'simd',
        threads: 2,
        command: 'npm run sweep-asset -- --size notebook',
        trainedAt: '2026-12-08T00:00:00.000Z',
        trainingSeconds: 300,
        loss: Array.from({ length: 20 }, (_, j) => j / 100),
        checkpoint: { step: 200, sha256: [] },
        final: { sha256: [] },
        dimsPerFeature: [],
      },
      W: new Float32Array(20 * 200 * 20),
      b: new Float32Array(20 * 200),
    };
    const snap = shippedSnapshot('notebook', asset, 'gn=200&gm=20');
    expect(snap).toMatchObject({ runKey: 'gn=200&gm=20', step: 10_000, status: 'done', path: 'simd' });
    expect(snap.trainingMs).toBe(300_000);
    expect(Array.from(snap.loss)).toEqual(asset.header.loss.map((v) => Math.fround(v)));
    expect(isShippedRun(snap.runId)).toBe(true);
    expect(isShippedRun(0)).toBe(false);
  });
});

/** The shipped-sweep format: it reads back what it wrote (to half precision) and says what is wrong with a bad file. */
import { describe, expect, it } from 'vitest';
import {
  SWEEP_ASSET_FORMAT,
  SweepAssetError,
  decodeSweepAsset,
  encodeSweepAsset,
  modelBytes,
  type SweepAsset,
} from '../../../src/model/io/sweep-asset';
import { fromHalf, toHalf } from '../../../src/model/io/half';
import { Rng } from '../../../src/model/rng';

const hash = (c: string) => c.repeat(64);

function sample(): SweepAsset {
  const [n, m, sparsities] = [5, 2, 3];
  const rng = new Rng(7);
  const W = Float32Array.from({ length: sparsities * n * m }, () => rng.normal());
  const b = Float32Array.from({ length: sparsities * n }, () => 0.1 * rng.normal());
  return {
    header: {
      format: SWEEP_ASSET_FORMAT,
      settings: { n, m, sparsities, maxInvDensity: 20, steps: 1000, seed: 1 },
      path: 'simd',
      threads: 2,
      command: 'npm run sweep-asset -- --size paper',
      trainedAt: '2026-12-08T00:00:00.000Z',
      trainingSeconds: 12,
      loss: [0.1, 0.2, 0.3],
      checkpoint: { step: 200, sha256: [hash('a'), hash('b'), hash('c')] },
      final: { sha256: [hash('d'), hash('e'), hash('f')] },
      dimsPerFeature: [1, 0.5, 0.4],
    },
    W,
    b,
  };
}

/** The file's bytes with its header JSON replaced (the weights as they were). */
function withHeader(asset: SweepAsset, header: unknown): Uint8Array {
  const good = encodeSweepAsset(asset);
  const old = new DataView(good.buffer).getUint32(8, true);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(good.length - old + json.length);
  out.set(good.subarray(0, 8));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(good.subarray(12 + old), 12 + json.length);
  return out;
}

describe('sweep asset', () => {
  it('reads back the header exactly and the weights to the nearest half float', () => {
    const a = sample();
    const back = decodeSweepAsset(encodeSweepAsset(a));
    expect(back.header).toEqual(a.header);
    expect(Array.from(back.W)).toEqual(Array.from(a.W, (v) => fromHalf(toHalf(v))));
    expect(Array.from(back.b)).toEqual(Array.from(a.b, (v) => fromHalf(toHalf(v))));
    // Half precision: 11 significant bits.
    a.W.forEach((v, i) => expect(Math.abs(back.W[i] - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 1e-7));
  });

  it('stores the weights byte-planed: every high byte, then every low byte', () => {
    const a = sample();
    const bytes = encodeSweepAsset(a);
    const len = a.W.length;
    const start = bytes.length - 2 * (a.W.length + a.b.length);
    expect(bytes[start]).toBe(toHalf(a.W[0]) >>> 8);
    expect(bytes[start + len]).toBe(toHalf(a.W[0]) & 0xff);
  });

  it('says what is wrong with a file that is not a sweep', () => {
    const a = sample();
    const good = encodeSweepAsset(a);
    const bad = (bytes: Uint8Array, why: RegExp) => {
      expect(() => decodeSweepAsset(bytes)).toThrow(SweepAssetError);
      expect(() => decodeSweepAsset(bytes)).toThrow(why);
    };
    bad(new TextEncoder().encode('<!doctype html><html></html>'), /format’s mark/);
    bad(good.subarray(0, 20), /header is cut short/);
    bad(good.subarray(0, good.length - 1), /bytes of weights/);
    bad(withHeader(a, { ...a.header, format: 'something@1' }), /its format is "something@1"/);
    bad(withHeader(a, { ...a.header, settings: { ...a.header.settings, n: 401 } }), /settings\.n/);
    bad(withHeader(a, { ...a.header, loss: [1, 2] }), /loss must list 3/);
    bad(withHeader(a, { ...a.header, final: { sha256: ['x', 'y', 'z'] } }), /final\.sha256/);
    bad(withHeader(a, { ...a.header, checkpoint: { step: 5000, sha256: a.header.checkpoint.sha256 } }), /checkpoint/);
    const json = new TextEncoder().encode('{not json');
    const broken = new Uint8Array(12 + json.length);
    broken.set(good.subarray(0, 8));
    new DataView(broken.buffer).setUint32(8, json.length, true);
    broken.set(json, 12);
    bad(broken, /not JSON/);
    const infinite = { ...a, W: a.W.slice() };
    infinite.W[3] = 1e6; // beyond half precision: Infinity
    bad(encodeSweepAsset(infinite), /not a finite number/);
  });

  it('hashes a model as its float32 W then b, little-endian', () => {
    const a = sample();
    const bytes = modelBytes(a.W, a.b, 1, 5, 2);
    const view = new DataView(bytes.buffer);
    expect(bytes.length).toBe(4 * (10 + 5));
    expect(view.getFloat32(0, true)).toBe(a.W[10]);
    expect(view.getFloat32(40, true)).toBe(a.b[5]);
  });
});

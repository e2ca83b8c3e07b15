/**
 * A trained geometry sweep shipped with the page (`npm run sweep-asset`): the weights of every model at the last step
 * in half precision, and what a reader needs to trust and remake them — the settings, the path and seed, the command,
 * and SHA-256 hashes of the exact float32 weights at an early checkpoint and at the end (a test re-trains the
 * checkpoint and compares).
 *
 *   "TMSSWEEP" | header bytes (u32 LE) | header JSON (UTF-8) | W as float16, then b as float16
 *
 * Each float16 array is stored byte-planed (every high byte, then every low byte): the high bytes (sign and
 * exponent) repeat a lot, so gzip, which the file is wrapped in, packs them far better that way. Decoding checks
 * every field and says what is wrong; it never returns a partly read sweep.
 */
import { fromHalf, toHalf } from './half';

export const SWEEP_ASSET_FORMAT = 'superposition-explorable/sweep-asset@1';
const MAGIC = 'TMSSWEEP';
/** Bounds a decoder accepts (the geometry section's own limits). */
const LIMITS = { n: 400, m: 30, sparsities: 40, steps: 1_000_000, header: 1 << 20 };

/** The sweep's settings: the geometry section's URL values it was trained with. */
export interface SweepAssetSettings {
  n: number;
  m: number;
  sparsities: number;
  maxInvDensity: number;
  steps: number;
  seed: number;
}

export interface SweepAssetHeader {
  format: typeof SWEEP_ASSET_FORMAT;
  settings: SweepAssetSettings;
  /** The training path and the threads it ran on (any number of threads trains the same weights). */
  path: string;
  threads: number;
  /** The command that remakes the file. */
  command: string;
  trainedAt: string;
  trainingSeconds: number;
  /** Minibatch loss of each model at the last step. */
  loss: number[];
  /** SHA-256 (hex) of each model's float32 W then b, little-endian, at an early step and at the end. */
  checkpoint: { step: number; sha256: string[] };
  final: { sha256: string[] };
  /** m/‖W‖²_F of each model, from the float32 weights (the shipped half floats re-derive it to ~1e-3). */
  dimsPerFeature: number[];
}

export interface SweepAsset {
  header: SweepAssetHeader;
  /** [sparsities, n, m] */
  W: Float32Array;
  /** [sparsities, n] */
  b: Float32Array;
}

/** Why a file is not a sweep this page can show. */
export class SweepAssetError extends Error {}

/** The bytes of a sweep asset (before gzip). */
export function encodeSweepAsset(asset: SweepAsset): Uint8Array {
  const { header, W, b } = asset;
  const { n, m, sparsities } = header.settings;
  if (W.length !== sparsities * n * m || b.length !== sparsities * n)
    throw new RangeError(`W and b must hold ${sparsities} models of n = ${n}, m = ${m}`);
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(MAGIC.length + 4 + json.length + 2 * (W.length + b.length));
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(MAGIC.length, json.length, true);
  out.set(json, MAGIC.length + 4);
  let o = MAGIC.length + 4 + json.length;
  for (const values of [W, b]) {
    const len = values.length;
    for (let i = 0; i < len; i++) {
      const h = toHalf(values[i]);
      out[o + i] = h >>> 8;
      out[o + len + i] = h & 0xff;
    }
    o += 2 * len;
  }
  return out;
}

/** A sweep asset from its bytes (after gunzip); a SweepAssetError says what is wrong. */
export function decodeSweepAsset(bytes: Uint8Array): SweepAsset {
  const fail = (why: string): never => {
    throw new SweepAssetError(`not a sweep of this page: ${why}`);
  };
  if (bytes.length < MAGIC.length + 4 || new TextDecoder().decode(bytes.subarray(0, MAGIC.length)) !== MAGIC)
    fail('it does not start with the format’s mark');
  const headerBytes = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(MAGIC.length, true);
  if (headerBytes > LIMITS.header || MAGIC.length + 4 + headerBytes > bytes.length) fail('its header is cut short');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(12, 12 + headerBytes)));
  } catch {
    fail('its header is not JSON');
  }
  const header = checkHeader(parsed, fail);
  const { n, m, sparsities } = header.settings;
  const sizes = [sparsities * n * m, sparsities * n];
  let o = MAGIC.length + 4 + headerBytes;
  if (bytes.length !== o + 2 * (sizes[0] + sizes[1]))
    fail(`it holds ${bytes.length - o} bytes of weights, not ${2 * (sizes[0] + sizes[1])}`);
  const [W, b] = sizes.map((len) => {
    const values = new Float32Array(len);
    for (let i = 0; i < len; i++) {
      const v = fromHalf((bytes[o + i] << 8) | bytes[o + len + i]);
      if (!Number.isFinite(v)) fail('a weight is not a finite number');
      values[i] = v;
    }
    o += 2 * len;
    return values;
  });
  return { header, W, b };
}

function checkHeader(v: unknown, fail: (why: string) => never): SweepAssetHeader {
  if (typeof v !== 'object' || v === null) return fail('its header is not an object');
  const h = v as Record<string, unknown>;
  if (h.format !== SWEEP_ASSET_FORMAT) fail(`its format is ${JSON.stringify(h.format)}, not ${SWEEP_ASSET_FORMAT}`);
  const s = (typeof h.settings === 'object' && h.settings !== null ? h.settings : {}) as Record<string, unknown>;
  const int = (k: string, lo: number, hi: number) => {
    const x = s[k];
    if (typeof x !== 'number' || !Number.isInteger(x) || x < lo || x > hi)
      fail(`settings.${k} must be a whole number from ${lo} to ${hi}`);
    return x as number;
  };
  const settings: SweepAssetSettings = {
    n: int('n', 2, LIMITS.n),
    m: int('m', 1, LIMITS.m),
    sparsities: int('sparsities', 2, LIMITS.sparsities),
    maxInvDensity: typeof s.maxInvDensity === 'number' && s.maxInvDensity >= 1 ? s.maxInvDensity : NaN,
    steps: int('steps', 1, LIMITS.steps),
    seed: int('seed', 1, 2 ** 31 - 1),
  };
  if (!Number.isFinite(settings.maxInvDensity)) fail('settings.maxInvDensity must be a number ≥ 1');
  const count = settings.sparsities;
  const numbers = (x: unknown, what: string) => {
    if (!Array.isArray(x) || x.length !== count || !x.every((y) => typeof y === 'number' && Number.isFinite(y)))
      fail(`${what} must list ${count} finite numbers`);
    return x as number[];
  };
  const hashes = (x: unknown, what: string) => {
    if (!Array.isArray(x) || x.length !== count || !x.every((y) => typeof y === 'string' && /^[0-9a-f]{64}$/.test(y)))
      fail(`${what} must list ${count} SHA-256 hashes`);
    return x as string[];
  };
  const text = (k: string) => {
    if (typeof h[k] !== 'string') fail(`${k} must be text`);
    return h[k] as string;
  };
  const cp = (typeof h.checkpoint === 'object' && h.checkpoint !== null ? h.checkpoint : {}) as Record<string, unknown>;
  const fin = (typeof h.final === 'object' && h.final !== null ? h.final : {}) as Record<string, unknown>;
  if (typeof cp.step !== 'number' || !Number.isInteger(cp.step) || cp.step < 1 || cp.step > settings.steps)
    fail('checkpoint.step must be a step of the run');
  const threads = h.threads;
  if (typeof threads !== 'number' || !Number.isInteger(threads) || threads < 1) fail('threads must be ≥ 1');
  const seconds = h.trainingSeconds;
  if (typeof seconds !== 'number' || !(seconds >= 0)) fail('trainingSeconds must be a number ≥ 0');
  return {
    format: SWEEP_ASSET_FORMAT,
    settings,
    path: text('path'),
    threads: threads as number,
    command: text('command'),
    trainedAt: text('trainedAt'),
    trainingSeconds: seconds as number,
    loss: numbers(h.loss, 'loss'),
    checkpoint: { step: cp.step as number, sha256: hashes(cp.sha256, 'checkpoint.sha256') },
    final: { sha256: hashes(fin.sha256, 'final.sha256') },
    dimsPerFeature: numbers(h.dimsPerFeature, 'dimsPerFeature'),
  };
}

/** One model's float32 W then b, little-endian: the bytes the header's hashes are of. */
export function modelBytes(W: Float32Array, b: Float32Array, model: number, n: number, m: number): Uint8Array {
  const out = new Uint8Array(4 * n * (m + 1));
  const view = new DataView(out.buffer);
  for (let i = 0; i < n * m; i++) view.setFloat32(4 * i, W[model * n * m + i], true);
  for (let i = 0; i < n; i++) view.setFloat32(4 * (n * m + i), b[model * n + i], true);
  return out;
}

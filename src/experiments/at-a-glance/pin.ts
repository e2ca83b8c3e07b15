/**
 * A pinned result in the URL (`pin=`): one model of the at-a-glance section — its weights, biases
 * and the importances and densities it was trained (or placed) for — so a comparison can be
 * shared and survives a reload. Compact and validated:
 *
 *   base64url of  [version 1 | n | m | flags] [step, u32 LE] then float16 LE ×
 *                 (n·m weights W feature-major, n biases b, n importances I_i, n densities 1 − S_i)
 *
 * flags: bit 0 the linear model (else ReLU output), bit 1 hand-placed weights. Half precision keeps
 * three significant digits, plenty to redraw the picture and recompute the loss; n = 5, m = 2 is
 * 58 bytes, 78 characters. Decoding checks every field and says what is wrong.
 */
import { fromHalf, toHalf } from '../../model/io/half';

export { fromHalf, toHalf };

export interface PinnedModel {
  n: number;
  m: number;
  kind: 'relu' | 'linear';
  step: number;
  /** The weights were placed by hand (not trained to this step). */
  handPlaced: boolean;
  /** [n, m] feature-major. */
  W: Float32Array;
  b: Float32Array;
  importance: Float32Array;
  density: Float32Array;
}

/** The format's version, its header's bytes, and the largest n and m it holds (the section's). */
const [VERSION, HEADER, N_MAX, M_MAX] = [1, 8, 20, 10];
/** Largest weight or bias a pin holds (hand-placed norms are capped far below). */
const VALUE_MAX = 100;
export const PIN_MAX_LENGTH = Math.ceil(((HEADER + 2 * (N_MAX * M_MAX + 3 * N_MAX)) * 4) / 3);

const pinBytes = (n: number, m: number) => HEADER + 2 * (n * m + 3 * n);

export function encodePin(p: PinnedModel): string {
  const { n, m } = p;
  const bytes = new Uint8Array(pinBytes(n, m));
  const view = new DataView(bytes.buffer);
  bytes.set([VERSION, n, m, (p.kind === 'linear' ? 1 : 0) | (p.handPlaced ? 2 : 0)]);
  view.setUint32(4, Math.max(0, Math.min(0xffffffff, Math.round(p.step))), true);
  let o = HEADER;
  for (const arr of [
    p.W.subarray(0, n * m),
    p.b.subarray(0, n),
    p.importance.subarray(0, n),
    p.density.subarray(0, n),
  ]) {
    for (const v of arr) {
      view.setUint16(o, toHalf(v), true);
      o += 2;
    }
  }
  return base64url(bytes);
}

export type PinResult = { ok: true; pin: PinnedModel } | { ok: false; reason: string };

export function decodePin(raw: string): PinResult {
  const fail = (reason: string): PinResult => ({ ok: false, reason: `not a pinned model: ${reason}` });
  const bytes = fromBase64url(raw);
  if (!bytes) return fail('not base64url text');
  if (bytes.length < HEADER) return fail('too short');
  if (bytes[0] !== VERSION) return fail(`unknown version ${bytes[0]}`);
  const [, n, m, flags] = bytes;
  if (n < 2 || n > N_MAX) return fail(`n = ${n} outside [2, ${N_MAX}]`);
  if (m < 1 || m > M_MAX) return fail(`m = ${m} outside [1, ${M_MAX}]`);
  if (flags > 3) return fail('unknown flags');
  if (bytes.length !== pinBytes(n, m))
    return fail(`${bytes.length} bytes, expected ${pinBytes(n, m)} for n = ${n}, m = ${m}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let o = HEADER;
  const read = (count: number) =>
    Float32Array.from({ length: count }, () => {
      const v = fromHalf(view.getUint16(o, true));
      o += 2;
      return v;
    });
  const pin: PinnedModel = {
    n,
    m,
    kind: flags & 1 ? 'linear' : 'relu',
    handPlaced: (flags & 2) !== 0,
    step: view.getUint32(4, true),
    W: read(n * m),
    b: read(n),
    importance: read(n),
    density: read(n),
  };
  if (![...pin.W, ...pin.b].every((v) => Math.abs(v) <= VALUE_MAX))
    return fail(`a weight or bias is not a finite number within ±${VALUE_MAX}`);
  if (!pin.importance.every((v) => v >= 0 && v <= 1)) return fail('an importance outside [0, 1]');
  if (!pin.density.every((v) => v > 0 && v <= 1)) return fail('a density outside (0, 1]');
  return { ok: true, pin };
}

/** The URL check: why `raw` is not a pin, or null. */
export function pinProblem(raw: string): string | null {
  const r = decodePin(raw);
  return r.ok ? null : r.reason;
}

// --- base64url -------------------------------------------------------------

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  try {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(s, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

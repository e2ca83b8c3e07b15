/**
 * Feature vectors placed by hand (m = 2), headless: moving, rotating and scaling one feature's
 * W_i, the bias that goes with a hand-set W (the exact best response, model/expected-loss.ts), and
 * the readouts the section shows while a reader drags — the expected loss and each feature's
 * share of it, on the stratified samples the page evaluates every model with.
 */
import type { ModelKind } from '../../model/config';
import { STRATIFIED_MAX_N } from '../../model/evaluate';
import { bestResponseBias, perFeatureExpectedLoss } from '../../model/expected-loss';
import { instanceMetrics, type InstanceMetrics } from '../../model/metrics';

/** Longest vector a reader can drag out (the view grows to fit up to this). */
export const MAX_HAND_NORM = 2;

/**
 * Samples per on/off pattern for the readouts: about 8,000 rows in all, so a readout follows a
 * drag (n = 5: 256 per pattern, n = 10: 8). Every readout of a setting uses the same samples, so
 * "your arrangement" and the trained model are compared on equal terms. Above
 * STRATIFIED_MAX_N the estimator samples 20,000 rows instead.
 */
export function readoutSamples(n: number): number {
  return Math.max(8, Math.min(256, Math.floor(8192 / 2 ** Math.min(n, STRATIFIED_MAX_N))));
}

/** What a model's data is: per-feature importance and density, and the model kind. */
export interface DataSetting {
  importance: Float32Array;
  density: Float32Array;
  m: number;
  kind: ModelKind;
}

export interface Readout {
  /** Expected loss (notebook normalisation: the mean over features). */
  loss: number;
  /** Each feature's part of `loss` (they add up to it). */
  shares: Float64Array;
}

/** Expected loss and per-feature shares of one model (W [n, m], b [n]). */
export function readout(W: Float32Array, b: Float32Array, d: DataSetting): Readout {
  const inst = { W, b, importance: d.importance, density: d.density };
  const spp = readoutSamples(d.density.length);
  const shares = perFeatureExpectedLoss(inst, d.m, d.kind, spp);
  return { loss: shares.reduce((a, v) => a + v, 0), shares };
}

/** A hand-set W with its best-response bias, its metrics and its readout. */
export interface HandArrangement extends Readout {
  W: Float32Array;
  b: Float32Array;
  metrics: InstanceMetrics;
}

export function handArrangement(W: Float32Array, d: DataSetting): HandArrangement {
  const n = d.density.length;
  const b = bestResponseBias(W, d.density, d.m, d.kind, readoutSamples(n));
  return { W, b, metrics: instanceMetrics(W, n, d.m), ...readout(W, b, d) };
}

/** W with feature i's 2-D vector set to `to`, its length capped at MAX_HAND_NORM. */
export function placeFeature(W: Float32Array, i: number, to: readonly [number, number]): Float32Array {
  const out = W.slice();
  const len = Math.hypot(to[0], to[1]);
  const s = len > MAX_HAND_NORM ? MAX_HAND_NORM / len : 1;
  out[i * 2] = Number.isFinite(to[0]) ? to[0] * s : 0;
  out[i * 2 + 1] = Number.isFinite(to[1]) ? to[1] * s : 0;
  return out;
}

/** Feature i turned by `radians` (counter-clockwise). */
export function rotateFeature(W: Float32Array, i: number, radians: number): Float32Array {
  const [x, y] = [W[i * 2], W[i * 2 + 1]];
  const c = Math.cos(radians);
  const s = Math.sin(radians);
  return placeFeature(W, i, [c * x - s * y, s * x + c * y]);
}

/**
 * Feature i lengthened by `factor`. A vector at (or near) zero grows from a short one along the
 * first axis, so + always does something.
 */
export function scaleFeature(W: Float32Array, i: number, factor: number): Float32Array {
  const [x, y] = [W[i * 2], W[i * 2 + 1]];
  if (Math.hypot(x, y) < 0.02) return factor > 1 ? placeFeature(W, i, [0.05, 0]) : W.slice();
  return placeFeature(W, i, [x * factor, y * factor]);
}

/** One instance's [n, m] weights (or [n] biases) copied into every one of `count` instances. */
export function replicate(v: Float32Array, count: number): Float32Array {
  const out = new Float32Array(v.length * count);
  for (let j = 0; j < count; j++) out.set(v, j * v.length);
  return out;
}

/** At a glance, headless: the editors' shapes, the pin codec and the hand-placed arrangement's readouts. */
import { describe, expect, it } from 'vitest';
import { stratifiedExpectedLoss } from '../../../src/model/evaluate';
import { bestResponseBias } from '../../../src/model/expected-loss';
import {
  MAX_HAND_NORM,
  handArrangement,
  placeFeature,
  readout,
  readoutSamples,
  replicate,
  rotateFeature,
  scaleFeature,
} from '../../../src/experiments/at-a-glance/arrangement';
import {
  FEATURE_SHAPES,
  densityShape,
  importanceShape,
  resizeList,
  withValue,
} from '../../../src/experiments/at-a-glance/features';
import { decodePin, encodePin, fromHalf, toHalf, type PinnedModel } from '../../../src/experiments/at-a-glance/pin';

describe('feature shapes', () => {
  it('every shape gives n values in range, or [] for the shorthand it stands for', () => {
    for (const { id } of FEATURE_SHAPES) {
      for (const n of [2, 5, 20]) {
        const I = importanceShape(id, n);
        const D = densityShape(id, n, 0.01);
        for (const list of [I, D]) expect(list.length === 0 || list.length === n).toBe(true);
        for (const v of I) expect(v >= 0 && v <= 1).toBe(true);
        for (const v of D) expect(v >= 0.001 && v <= 1).toBe(true);
      }
    }
    expect(importanceShape('geometric', 5)).toEqual([]);
    expect(densityShape('uniform', 5, 0.1)).toEqual([]);
    expect(importanceShape('one', 4)).toEqual([1, 0.1, 0.1, 0.1]);
    expect(importanceShape('groups', 5)).toEqual([1, 1, 1, 0.25, 0.25]);
    expect(densityShape('geometric', 3, 0.1)).toEqual([0.1, 0.0316, 0.01]);
    expect(densityShape('one', 3, 0.2)).toEqual([1, 0.2, 0.2]);
    expect(densityShape('groups', 4, 0.005)).toEqual([0.005, 0.005, 0.001, 0.001]);
  });

  it('resizing cuts or pads with the last value; an edit clamps and rounds to three digits', () => {
    expect(resizeList([0.5, 0.2], 4)).toEqual([0.5, 0.2, 0.2, 0.2]);
    expect(resizeList([0.5, 0.2, 0.1], 2)).toEqual([0.5, 0.2]);
    expect(resizeList([], 3)).toEqual([]);
    expect(withValue([1, 0.9, 0.81], 1, 0.123456, { min: 0, max: 1 })).toEqual([1, 0.123, 0.81]);
    expect(withValue([1, 0.9], 0, 7, { min: 0, max: 1 })).toEqual([1, 0.9]);
    expect(withValue([0.1, 0.1], 1, 1e-6, { min: 0.001, max: 1 })).toEqual([0.1, 0.001]);
  });
});

describe('pin codec', () => {
  const pin: PinnedModel = {
    n: 5,
    m: 2,
    kind: 'linear',
    step: 123_456,
    handPlaced: true,
    W: Float32Array.from({ length: 10 }, (_, q) => Math.cos(q) * 1.1),
    b: Float32Array.from([-0.25, -0.1, 0, 0.05, 0.5]),
    importance: Float32Array.from({ length: 5 }, (_, i) => 0.9 ** i),
    density: Float32Array.from([1, 0.1, 0.01, 0.0011, 0.001]),
  };

  it('round-trips every field to half precision (3 significant digits), compactly and URL-safely', () => {
    const text = encodePin(pin);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(text.length).toBe(78);
    const r = decodePin(text);
    if (!r.ok) throw new Error(r.reason);
    expect(r.pin).toMatchObject({ n: 5, m: 2, kind: 'linear', step: 123_456, handPlaced: true });
    for (const k of ['W', 'b', 'importance', 'density'] as const) {
      pin[k].forEach((v, i) => expect(Math.abs(r.pin[k][i] - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 1e-7));
    }
  });

  it('half floats: exact where representable, round to nearest even, overflow to infinity, tiny to zero', () => {
    for (const v of [0, 1, -2, 0.5, 0.25, 65504, 2 ** -24]) expect(fromHalf(toHalf(v))).toBe(v);
    expect(fromHalf(toHalf(1 + 2 ** -11))).toBe(1); // a tie rounds to the even mantissa
    expect(fromHalf(toHalf(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9);
    expect(fromHalf(toHalf(1e6))).toBe(Infinity);
    expect(fromHalf(toHalf(1e-9))).toBe(0);
    expect(Number.isNaN(fromHalf(toHalf(NaN)))).toBe(true);
  });

  it('rejects bad input with the reason', () => {
    const text = encodePin(pin);
    const reason = (raw: string) => {
      const r = decodePin(raw);
      return r.ok ? 'accepted' : r.reason;
    };
    expect(reason('***')).toBe('not a pinned model: not base64url text');
    expect(reason('')).toBe('not a pinned model: too short');
    expect(reason(text.slice(0, -4))).toMatch(/bytes, expected 58 for n = 5, m = 2/);
    expect(reason(encodePin({ ...pin, W: pin.W.map(() => 1e6) }))).toMatch(/weight or bias is not a finite number/);
    expect(reason(encodePin({ ...pin, density: pin.density.map(() => 0) }))).toMatch(/density outside/);
    expect(reason(encodePin({ ...pin, importance: pin.importance.map(() => 2) }))).toMatch(/importance outside/);
  });
});

describe('hand-placed arrangement', () => {
  const n = 5;
  const m = 2;
  const setting = {
    importance: Float32Array.from({ length: n }, (_, i) => 0.9 ** i),
    density: new Float32Array(n).fill(0.05),
    m,
    kind: 'relu' as const,
  };
  const pentagon = Float32Array.from({ length: n * m }, (_, q) =>
    (q % 2 === 0 ? Math.cos : Math.sin)((2 * Math.PI * Math.floor(q / 2)) / n),
  );

  it('the bias is the best response to W, and the readout is the stratified expected loss split by feature', () => {
    const a = handArrangement(pentagon, setting);
    const spp = readoutSamples(n);
    expect(Array.from(a.b)).toEqual(Array.from(bestResponseBias(pentagon, setting.density, m, 'relu', spp)));
    const total = stratifiedExpectedLoss(
      { W: pentagon, b: a.b, importance: setting.importance, density: setting.density },
      m,
      'relu',
      spp,
    );
    expect(Math.abs(a.loss - total)).toBeLessThan(1e-12);
    expect(a.shares.reduce((s, v) => s + v, 0)).toBeCloseTo(a.loss, 14);
    expect(a.metrics.norms[0]).toBeCloseTo(1, 6);
    // The best response never loses to any other bias, e.g. zero.
    expect(a.loss).toBeLessThanOrEqual(readout(pentagon, new Float32Array(n), setting).loss);
  });

  it('dragging a feature onto another one costs loss; the pentagon beats dropping a feature', () => {
    const collided = placeFeature(pentagon, 1, [pentagon[0], pentagon[1]]);
    expect(handArrangement(collided, setting).loss).toBeGreaterThan(handArrangement(pentagon, setting).loss);
    const dropped = placeFeature(pentagon, 4, [0, 0]);
    expect(handArrangement(dropped, setting).loss).toBeGreaterThan(handArrangement(pentagon, setting).loss);
  });

  it('moves, rotates and scales one feature only, capping its length', () => {
    const far = placeFeature(pentagon, 2, [30, 40]);
    expect(Math.hypot(far[4], far[5])).toBeCloseTo(MAX_HAND_NORM, 5);
    expect(far[5] / far[4]).toBeCloseTo(4 / 3, 5);
    expect(Array.from(far.subarray(0, 4))).toEqual(Array.from(pentagon.subarray(0, 4)));
    const turned = rotateFeature(pentagon, 0, Math.PI / 2);
    expect(turned[0]).toBeCloseTo(0, 6);
    expect(turned[1]).toBeCloseTo(1, 6);
    const longer = scaleFeature(pentagon, 0, 1.5);
    expect(Math.hypot(longer[0], longer[1])).toBeCloseTo(1.5, 6);
    const fromZero = scaleFeature(placeFeature(pentagon, 3, [0, 0]), 3, 1.1);
    expect(Math.hypot(fromZero[6], fromZero[7])).toBeGreaterThan(0);
    expect(Array.from(replicate(Float32Array.from([1, 2]), 3))).toEqual([1, 2, 1, 2, 1, 2]);
  });
});

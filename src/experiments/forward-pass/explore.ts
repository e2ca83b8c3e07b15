/**
 * What "Inside one forward pass" computes, without React: which features that are off read back
 * something (the filtering failed) or receive interference the bias and ReLU cut off, and the
 * "Sample an input" draw from the model's own input distribution.
 */
import type { ForwardDecomposition } from '../../model/footnotes/forward-pass';
import { Rng } from '../../model/rng';

/** An output below this counts as zero (a feature that is off reads back "nothing"). */
export const LEAK_THRESHOLD = 0.01;

/**
 * Per feature, whether it is off yet reads back more than LEAK_THRESHOLD; and how many others' interference was
 * filtered out.
 */
export function leaks(
  d: Pick<ForwardDecomposition, 'output' | 'interference'>,
  active: readonly boolean[],
): { inactiveHit: boolean[]; leaked: number; filtered: number } {
  const n = active.length;
  const inactiveHit = Array.from({ length: n }, (_, i) => !active[i] && Math.abs(d.output[i]) > LEAK_THRESHOLD);
  const filtered = Array.from(
    { length: n },
    (_, i) => !active[i] && Math.abs(d.interference[i]) > LEAK_THRESHOLD && Math.abs(d.output[i]) <= LEAK_THRESHOLD,
  ).filter(Boolean).length;
  return { inactiveHit, leaked: inactiveHit.filter(Boolean).length, filtered };
}

/**
 * An input as in training — each feature on with its density, value uniform on (0, 1], at least
 * one on — seeded by the draw counter, so a link samples the same next input. Off features keep
 * their slider values.
 */
export function sampleInput(
  draw: number,
  density: ArrayLike<number>,
  values: readonly number[],
): { active: boolean[]; values: number[] } {
  const n = values.length;
  const rng = new Rng(draw * 7919 + n);
  let on = Array.from({ length: n }, (_, i) => rng.uniform() < density[i]);
  if (!on.some(Boolean)) on = on.map((_, i) => i === rng.int(n));
  return { active: on, values: values.map((v, i) => (on[i] ? Number((1 - rng.uniform()).toFixed(2)) : v)) };
}

/** What "Many sparse features add up to something Gaussian" compares the samples with. */

/** Excess kurtosis of one feature: 0 with probability S, else uniform on (0, 1]. */
export function singleFeatureKurtosis(p: number): number {
  // Raw moments of x: E[x^k] = p/(k+1).
  const m1 = p / 2;
  const m2 = p / 3;
  const m3 = p / 4;
  const m4 = p / 5;
  const v = m2 - m1 * m1;
  const c4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
  return v > 0 ? c4 / (v * v) - 3 : NaN;
}

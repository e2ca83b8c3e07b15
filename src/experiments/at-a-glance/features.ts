/**
 * Per-feature importance and density at a glance: the URL's `importances` / `densities` lists,
 * the `decay` / `density` shorthands they fall back to, the shapes the bar editors start from, and
 * how a list follows n. Headless: the section, the figures CLI and the tests share it.
 */

/** The editors' ranges (the URL lists are validated against the same). */
export const IMPORTANCE_RANGE = { min: 0, max: 1 } as const;
export const DENSITY_RANGE = { min: 0.001, max: 1 } as const;

export type FeatureShape = 'geometric' | 'uniform' | 'one' | 'groups';

export const FEATURE_SHAPES: readonly { id: FeatureShape; label: string; importance: string; density: string }[] = [
  {
    id: 'geometric',
    label: 'geometric decay',
    importance: 'I_i = decay^i (the decay slider)',
    density: '1−S falls geometrically from the density slider’s value to a tenth of it',
  },
  {
    id: 'uniform',
    label: 'uniform',
    importance: 'every I_i = 1',
    density: 'every feature at the density slider’s value',
  },
  {
    id: 'one',
    label: 'one important',
    importance: 'feature 0 at 1, the others at 0.1',
    density: 'feature 0 ten times denser than the others',
  },
  {
    id: 'groups',
    label: 'two groups',
    importance: 'the first half at 1, the second at 0.25',
    density: 'the second half ten times sparser than the first',
  },
];

/** What the lists are read from: the section's URL state. */
export interface FeatureSettings {
  n: number;
  decay: number;
  density: number;
  /** Empty: the shorthand (decay^i, or one density for all). */
  importances: readonly number[];
  densities: readonly number[];
}

/** Three significant digits: what the editors write, so links stay short. */
export const round3 = (v: number): number => Number(v.toPrecision(3));

const clampTo = (v: number, r: { min: number; max: number }) => Math.min(r.max, Math.max(r.min, v));

/**
 * A list made n long: cut, or padded with copies of its last value (a new feature gets the
 * setting of the feature before it). The empty list stays empty (it means "the shorthand").
 */
export function resizeList(list: readonly number[], n: number): number[] {
  if (list.length === 0) return [];
  return Array.from({ length: n }, (_, i) => list[Math.min(i, list.length - 1)]);
}

/** I_i of every feature: the list (resized to n) or decay^i. */
export function importancesOf(s: FeatureSettings): number[] {
  return s.importances.length
    ? resizeList(s.importances, s.n)
    : Array.from({ length: s.n }, (_, i) => Math.pow(s.decay, i));
}

/** 1 − S_i of every feature: the list (resized to n) or the one density. */
export function densitiesOf(s: FeatureSettings): number[] {
  return s.densities.length ? resizeList(s.densities, s.n) : Array.from({ length: s.n }, () => s.density);
}

/** Why a list from a link does not fit n (it is then cut or padded as resizeList does), or null. */
export function listMismatch(s: FeatureSettings): string | null {
  const bad = (['importances', 'densities'] as const).filter((k) => s[k].length > 0 && s[k].length !== s.n);
  if (!bad.length) return null;
  return (
    bad.map((k) => `${k} has ${s[k].length} values for n = ${s.n}`).join('; ') + ': cut or padded with the last value.'
  );
}

/** The importance list of a shape ([] for geometric: the decay shorthand). */
export function importanceShape(shape: FeatureShape, n: number): number[] {
  switch (shape) {
    case 'geometric':
      return [];
    case 'uniform':
      return Array.from({ length: n }, () => 1);
    case 'one':
      return Array.from({ length: n }, (_, i) => (i === 0 ? 1 : 0.1));
    case 'groups':
      return Array.from({ length: n }, (_, i) => (i < Math.ceil(n / 2) ? 1 : 0.25));
  }
}

/** The density list of a shape around the slider's density d ([] for uniform: the shorthand). */
export function densityShape(shape: FeatureShape, n: number, d: number): number[] {
  const at = (v: number) => round3(clampTo(v, DENSITY_RANGE));
  switch (shape) {
    case 'geometric':
      return Array.from({ length: n }, (_, i) => at(d * Math.pow(10, -i / Math.max(1, n - 1))));
    case 'uniform':
      return [];
    case 'one':
      return Array.from({ length: n }, (_, i) => at(i === 0 ? 10 * d : d));
    case 'groups':
      return Array.from({ length: n }, (_, i) => at(i < Math.ceil(n / 2) ? d : d / 10));
  }
}

/** One bar edited: the whole list (from the effective values), with value i replaced. */
export function withValue(
  values: readonly number[],
  i: number,
  v: number,
  range: { min: number; max: number },
): number[] {
  const out = values.map(round3);
  out[i] = round3(clampTo(v, range));
  return out;
}

/** "I = 0.9^i" or "I = (1, 0.5, …)" for captions and exports. */
export function describeImportance(s: FeatureSettings): string {
  return s.importances.length ? `I=(${resizeList(s.importances, s.n).join(', ')})` : `I=${s.decay}^i`;
}

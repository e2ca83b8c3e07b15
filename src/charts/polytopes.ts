/**
 * The polytopes that tegum factors form (the paper's "Uniform Superposition"), as the charts show them: a colour and a
 * label per name, a one-line tally, and a colour per feature by its factor's polytope.
 */
import { FACTOR_NAMES, type FactorName, type PolytopeCounts } from '../model/geometry';

/**
 * One colour per polytope: Paul Tol's "bright" scheme (distinct under the common colour-vision
 * deficiencies). Nodes carry a dark outline, so the light members stay visible on the background.
 */
export const POLYTOPE_COLORS: Record<FactorName, string> = {
  dedicated: '#4477AA',
  digon: '#EE6677',
  triangle: '#228833',
  tetrahedron: '#AA3377',
  pentagon: '#CCBB44',
  'square-antiprism': '#66CCEE',
  other: '#BBBBBB',
};

export const POLYTOPE_LABELS: Record<FactorName, string> = {
  dedicated: 'dedicated',
  digon: 'digon',
  triangle: 'triangle',
  tetrahedron: 'tetrahedron',
  pentagon: 'pentagon',
  'square-antiprism': 'square antiprism',
  other: 'other',
};

/** "4 digons, 1 pentagon" (names with a zero count left out). */
export function polytopeSummary(counts: Record<FactorName, number>): string {
  const one = (name: FactorName) => (name === 'dedicated' ? 'dedicated feature' : POLYTOPE_LABELS[name]);
  const many = (name: FactorName) =>
    name === 'dedicated' ? 'dedicated features' : name === 'other' ? 'other' : `${POLYTOPE_LABELS[name]}s`;
  const parts = FACTOR_NAMES.filter((name) => counts[name] > 0).map(
    (name) => `${counts[name]} ${counts[name] === 1 ? one(name) : many(name)}`,
  );
  return parts.length ? parts.join(', ') : 'none (no learned features)';
}

/** A colour per feature by the polytope its tegum factor forms (unlearned features: 'other'). */
export function featureColorsByPolytope(polytopes: PolytopeCounts, n: number): string[] {
  const out: string[] = new Array(n).fill(POLYTOPE_COLORS.other);
  polytopes.factors.forEach((f) => f.features.forEach((i) => (out[i] = POLYTOPE_COLORS[f.name])));
  return out;
}

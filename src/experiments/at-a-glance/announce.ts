/**
 * The sentence the at-a-glance section announces (politely, to screen readers, and on screen) when
 * the run of the settings on screen has finished: how many features the model represents and the
 * arrangement they form, named by the polytopes of the paper's "Uniform Superposition" where every
 * tegum factor matches one (model/geometry.ts), else how many are in superposition (by the phase
 * diagram's test, model/phase.ts: Σ_{j≠i}(Ŵ_i·W_j)² > 0.25, over the represented features j).
 */
import { GEOMETRY_NODE_NORM, polytopeCounts, type FactorName } from '../../model/geometry';
import { instanceMetrics } from '../../model/metrics';
import { SUPERPOSED } from '../../model/phase';

const NUMBER_WORDS = ['no', 'a', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

const NOUNS: Record<Exclude<FactorName, 'dedicated' | 'other'>, [string, string]> = {
  digon: ['digon', 'digons'],
  triangle: ['triangle', 'triangles'],
  tetrahedron: ['tetrahedron', 'tetrahedra'],
  pentagon: ['pentagon', 'pentagons'],
  'square-antiprism': ['square antiprism', 'square antiprisms'],
};

const counted = (k: number, [one, many]: [string, string]) => `${NUMBER_WORDS[k] ?? String(k)} ${k === 1 ? one : many}`;

/** "a, b and c" */
const listed = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;

/**
 * "5 of 5 features represented: a pentagon." · "4 of 5 features represented: two digons." ·
 * "2 of 5 features represented, each in a dimension of its own." · "3 of 5 features represented: a
 * digon and 1 in a dimension of its own." · "3 of 5 features represented, 3 in superposition." A
 * feature is represented when ‖W_i‖ > 0.5 (the geometry graph's node threshold); an arrangement
 * with no name and no feature in superposition is said to give each its own dimension (two nearly
 * orthogonal features, not yet quite at 90°). W is feature-major [n, m].
 */
export function arrangementSentence(W: Float32Array, n: number, m: number): string {
  const { norms, gram } = instanceMetrics(W, n, m);
  const learned = Array.from({ length: n }, (_, i) => i).filter((i) => norms[i] > GEOMETRY_NODE_NORM);
  // Σ_{j≠i}(Ŵ_i·W_j)² over the other represented features (sharing with a dropped one is not superposition)
  const overlap = (i: number) =>
    learned.reduce((a, j) => (j === i ? a : a + (gram[i * n + j] * gram[i * n + j]) / gram[i * n + i]), 0);
  const represented = learned.length;
  const head = `${represented} of ${n} feature${n === 1 ? '' : 's'} represented`;
  if (represented === 0) return `${head}.`;
  const { counts } = polytopeCounts(W, n, m);
  const shared = learned.filter((i) => overlap(i) > SUPERPOSED).length;
  if (counts.other > 0 && shared > 0) return `${head}, ${shared} in superposition.`;
  const dedicated = counts.other > 0 ? represented : counts.dedicated;
  if (dedicated === represented)
    return represented === 1 ? `${head}, in a dimension of its own.` : `${head}, each in a dimension of its own.`;
  const shapes = (Object.keys(NOUNS) as (keyof typeof NOUNS)[])
    .filter((name) => counts[name] > 0)
    .map((name) => counted(counts[name], NOUNS[name]));
  if (dedicated > 0)
    shapes.push(`${dedicated} in ${dedicated === 1 ? 'a dimension of its own' : 'dimensions of their own'}`);
  return `${head}: ${listed(shapes)}.`;
}

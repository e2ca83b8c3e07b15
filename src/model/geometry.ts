/**
 * Feature geometry of a trained instance (the paper's "The Geometry of Superposition": feature dimensionality, uniform
 * and non-uniform superposition): the feature geometry graph, its connected components (tegum factors), the polytope
 * each factor forms, and a canonical orientation for m = 2 solutions. Pure functions; W is feature-major [n, m] (`W[i *
 * m + k]` = component k of feature i).
 *
 * Everything except canonicalise2D depends on W only through the Gram matrix WᵀW, so it is
 * invariant under W → O W for any orthogonal O.
 */
import { featureDimensionality, featureNorms, gram } from './metrics';

/** A feature with ‖W_i‖ at or below this is "not learned" and left out of the graph (learned ≈ 1). */
export const GEOMETRY_NODE_NORM = 0.5;

/**
 * Edges with |W_i · W_j| at or below this are dropped. Between tegum factors the exact value is 0;
 * trained models leave small residual overlaps there (a few hundredths). Inside every reference
 * polytope each feature has at least one neighbour with |W_i · W_j| ≥ 1/3 (triangle ½, pentagon
 * cos 72° = 0.309 and cos 144° = 0.809, tetrahedron ⅓, tight square antiprism ⅓ and 0.805), so a
 * cut at 0.1 keeps every polytope connected while separating factors with up to 0.1 of noise.
 */
export const GEOMETRY_EDGE_THRESHOLD = 0.1;

/**
 * A factor's dimension counts the eigenvalues of its Gram matrix above this fraction of the
 * largest. A tight frame of k unit vectors in d dimensions has d equal eigenvalues k/d and the
 * rest 0, so any cut in (0, 1) reads the reference polytopes right; 0.1 treats a factor whose
 * extra directions carry under a tenth of the main one's weight as noise (e.g. one triangle vertex
 * lifted 0.45 out of the plane: third eigenvalue 0.06 against 1.64 — still a planar triangle).
 */
export const RANK_TOLERANCE = 0.1;

/**
 * Each feature's D_i must lie within this of the reference d/k. The spec's acceptance checks use
 * ± 0.03 for trained pentagons and digons; 0.05 leaves room for the interference that
 * small, not-learned features add, and is still far from D of a different polytope with the same
 * (k, d) — none exist among the references, since (k, d) already identifies the polytope.
 */
export const DIMENSIONALITY_TOLERANCE = 0.05;

export type FactorName = 'dedicated' | 'digon' | 'triangle' | 'tetrahedron' | 'pentagon' | 'square-antiprism' | 'other';

/**
 * Reference polytopes: k unit vectors forming a tight frame in d dimensions, D_i = d/k (the paper's "Feature
 * Dimensionality").
 */
export const REFERENCE_POLYTOPES: readonly { name: Exclude<FactorName, 'other'>; k: number; d: number }[] = [
  { name: 'dedicated', k: 1, d: 1 },
  { name: 'digon', k: 2, d: 1 },
  { name: 'triangle', k: 3, d: 2 },
  { name: 'tetrahedron', k: 4, d: 3 },
  { name: 'pentagon', k: 5, d: 2 },
  { name: 'square-antiprism', k: 8, d: 3 },
];

export const FACTOR_NAMES: readonly FactorName[] = [...REFERENCE_POLYTOPES.map((p) => p.name), 'other'];

/** The dimensionality clusters the paper names ("Uniform Superposition"), for reference lines in the D_i scatter. */
export const DIMENSIONALITY_LEVELS: readonly { value: number; label: string; geometry: string }[] = [
  { value: 1, label: '1', geometry: 'dedicated dimension' },
  { value: 3 / 4, label: '3/4', geometry: 'tetrahedron' },
  { value: 2 / 3, label: '2/3', geometry: 'triangle' },
  { value: 1 / 2, label: '1/2', geometry: 'digon (antipodal pair)' },
  { value: 2 / 5, label: '2/5', geometry: 'pentagon' },
  { value: 3 / 8, label: '3/8', geometry: 'square antiprism' },
];

export interface GeometryEdge {
  i: number;
  j: number;
  /** |W_i · W_j| (unnormalised, as in the spec's definition of the graph). */
  weight: number;
}

export interface GeometryGraph {
  /** Learned features (‖W_i‖ > nodeNorm), ascending. */
  nodes: number[];
  /** i < j, both nodes, weight > edgeThreshold; sorted by (i, j). */
  edges: GeometryEdge[];
}

export interface GeometryOptions {
  nodeNorm?: number;
  edgeThreshold?: number;
}

export interface ClassifyOptions {
  rankTolerance?: number;
  dimensionalityTolerance?: number;
}

const asF32 = (W: ArrayLike<number>): Float32Array => (W instanceof Float32Array ? W : Float32Array.from(W));

function checkShape(W: ArrayLike<number>, n: number, m: number): void {
  if (W.length !== n * m) throw new RangeError(`W needs n·m = ${n * m} entries, got ${W.length}`);
}

/**
 * The feature geometry graph (as the paper draws it in "Uniform Superposition"): nodes are the learned features, edges
 * join features whose embeddings overlap, weighted by |W_i · W_j|. Features with no overlap above the threshold with
 * any other node are isolated nodes (their own tegum factor).
 */
export function featureGeometryGraph(
  W: ArrayLike<number>,
  n: number,
  m: number,
  opts: GeometryOptions = {},
): GeometryGraph {
  checkShape(W, n, m);
  const nodeNorm = opts.nodeNorm ?? GEOMETRY_NODE_NORM;
  const threshold = opts.edgeThreshold ?? GEOMETRY_EDGE_THRESHOLD;
  const Wf = asF32(W);
  const norms = featureNorms(Wf, n, m);
  const nodes: number[] = [];
  for (let i = 0; i < n; i++) if (norms[i] > nodeNorm) nodes.push(i);
  const G = gram(Wf, n, m);
  const edges: GeometryEdge[] = [];
  for (let a = 0; a < nodes.length; a++) {
    for (let c = a + 1; c < nodes.length; c++) {
      const i = nodes[a];
      const j = nodes[c];
      const weight = Math.abs(G[i * n + j]);
      if (weight > threshold) edges.push({ i, j, weight });
    }
  }
  return { nodes, edges };
}

/**
 * Connected components of the geometry graph: sets of features that share no subspace (up to the
 * edge threshold) with the rest — the tegum factors. Each factor is sorted ascending; factors are
 * sorted by size, largest first, ties by their lowest feature.
 */
export function tegumFactors(graph: GeometryGraph): number[][] {
  const parent = new Map<number, number>();
  for (const v of graph.nodes) parent.set(v, v);
  const find = (v: number): number => {
    let r = v;
    while (parent.get(r) !== r) r = parent.get(r)!;
    while (parent.get(v) !== r) {
      const next = parent.get(v)!;
      parent.set(v, r);
      v = next;
    }
    return r;
  };
  for (const { i, j } of graph.edges) {
    if (!parent.has(i) || !parent.has(j)) throw new RangeError(`edge (${i}, ${j}) joins a feature that is not a node`);
    const ri = find(i);
    const rj = find(j);
    if (ri !== rj) parent.set(Math.max(ri, rj), Math.min(ri, rj));
  }
  const groups = new Map<number, number[]>();
  for (const v of graph.nodes) {
    const r = find(v);
    const g = groups.get(r);
    if (g) g.push(v);
    else groups.set(r, [v]);
  }
  const factors = [...groups.values()].map((g) => g.sort((a, b) => a - b));
  return factors.sort((a, b) => b.length - a.length || a[0] - b[0]);
}

/** Eigenvalues of a symmetric d×d matrix (row-major, not modified), by cyclic Jacobi rotations. */
export function symmetricEigenvalues(A: ArrayLike<number>, d: number): Float64Array {
  const a = Float64Array.from(A);
  if (a.length !== d * d) throw new RangeError(`expected a ${d}×${d} matrix`);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let p = 0; p < d; p++) {
      diag += a[p * d + p] ** 2;
      for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (apq === 0) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
      }
    }
  }
  const out = new Float64Array(d);
  for (let p = 0; p < d; p++) out[p] = a[p * d + p];
  return out.sort((x, y) => y - x);
}

/**
 * Number of dimensions the given features span: eigenvalues of their Gram matrix (or, when there
 * are more features than m, of the m×m frame operator Σ W_i W_iᵀ — the same non-zero spectrum)
 * above rankTolerance × the largest.
 */
export function spannedDimension(
  W: ArrayLike<number>,
  n: number,
  m: number,
  features: readonly number[],
  rankTolerance = RANK_TOLERANCE,
): number {
  checkShape(W, n, m);
  const k = features.length;
  if (k === 0) return 0;
  let M: Float64Array;
  let d: number;
  if (k <= m) {
    d = k;
    M = new Float64Array(k * k);
    for (let a = 0; a < k; a++) {
      for (let c = a; c < k; c++) {
        let s = 0;
        for (let q = 0; q < m; q++) s += W[features[a] * m + q] * W[features[c] * m + q];
        M[a * k + c] = s;
        M[c * k + a] = s;
      }
    }
  } else {
    d = m;
    M = new Float64Array(m * m);
    for (const i of features) {
      for (let p = 0; p < m; p++) for (let q = 0; q < m; q++) M[p * m + q] += W[i * m + p] * W[i * m + q];
    }
  }
  const ev = symmetricEigenvalues(M, d);
  if (!(ev[0] > 0)) return 0;
  let rank = 0;
  for (const v of ev) if (v > rankTolerance * ev[0]) rank++;
  return rank;
}

/**
 * The polytope a tegum factor forms: a reference polytope matches when the factor has its number
 * of features k, spans its dimension d (numerical rank, see RANK_TOLERANCE) and every feature's
 * D_i (computed over the whole model, so interference from outside the factor counts) lies within
 * dimensionalityTolerance of d/k. Anything else — bipyramids are two factors, so they never reach
 * here as one — is 'other'.
 */
export function classifyFactor(
  W: ArrayLike<number>,
  n: number,
  m: number,
  features: readonly number[],
  opts: ClassifyOptions & { dimensionality?: Float64Array } = {},
): FactorName {
  checkShape(W, n, m);
  const k = features.length;
  const ref = REFERENCE_POLYTOPES.find((p) => p.k === k);
  if (!ref) return 'other';
  const tol = opts.dimensionalityTolerance ?? DIMENSIONALITY_TOLERANCE;
  const D = opts.dimensionality ?? featureDimensionality(asF32(W), n, m);
  const target = ref.d / ref.k;
  for (const i of features) if (!(Math.abs(D[i] - target) <= tol)) return 'other';
  if (spannedDimension(W, n, m, features, opts.rankTolerance ?? RANK_TOLERANCE) !== ref.d) return 'other';
  return ref.name;
}

export interface ClassifiedFactor {
  /** Feature indices, ascending. */
  features: number[];
  name: FactorName;
  /** Dimensions the factor spans (numerical rank). */
  dimension: number;
  /** D_i of the factor's features, in the order of `features`. */
  dimensionalities: number[];
}

export interface PolytopeCounts {
  /** How many factors of each kind (every name present, 0 when absent). */
  counts: Record<FactorName, number>;
  /** Factors largest first (see tegumFactors). */
  factors: ClassifiedFactor[];
}

/** Build the geometry graph, split it into tegum factors and name each one. */
export function polytopeCounts(
  W: ArrayLike<number>,
  n: number,
  m: number,
  opts: GeometryOptions & ClassifyOptions = {},
): PolytopeCounts {
  checkShape(W, n, m);
  const Wf = asF32(W);
  const D = featureDimensionality(Wf, n, m);
  const counts = Object.fromEntries(FACTOR_NAMES.map((name) => [name, 0])) as Record<FactorName, number>;
  const factors = tegumFactors(featureGeometryGraph(Wf, n, m, opts)).map((features): ClassifiedFactor => {
    const name = classifyFactor(Wf, n, m, features, { ...opts, dimensionality: D });
    counts[name]++;
    return {
      features,
      name,
      dimension: spannedDimension(Wf, n, m, features, opts.rankTolerance ?? RANK_TOLERANCE),
      dimensionalities: features.map((i) => D[i]),
    };
  });
  return { counts, factors };
}

/**
 * Canonical orientation of an m = 2 solution, for drawing solutions side by side (the paper's "Non-Uniform
 * Superposition"): rotate so the lowest-index learned feature (‖W_i‖ > nodeNorm; features are ordered by importance)
 * points along +x, then reflect across the x-axis if needed so the next learned feature, by index, lies
 * counter-clockwise from it (angle in (0°, 180°)). A feature exactly on the x-axis (angle 0° or 180°) cannot fix the
 * reflection, so the next one decides. Returns a new array; W with no learned feature comes back unchanged.
 */
export function canonicalise2D(W: ArrayLike<number>, n: number, nodeNorm = GEOMETRY_NODE_NORM): Float32Array {
  checkShape(W, n, 2);
  const out = Float32Array.from(W);
  const learned: number[] = [];
  for (let i = 0; i < n; i++) if (Math.hypot(W[2 * i], W[2 * i + 1]) > nodeNorm) learned.push(i);
  if (learned.length === 0) return out;
  const a = learned[0];
  const r = Math.hypot(W[2 * a], W[2 * a + 1]);
  const c = W[2 * a] / r;
  const s = W[2 * a + 1] / r;
  // rotation by −angle(W_a): (x, y) → (c x + s y, −s x + c y)
  const rot = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const x = W[2 * i];
    const y = W[2 * i + 1];
    rot[2 * i] = c * x + s * y;
    rot[2 * i + 1] = -s * x + c * y;
  }
  let flip = false;
  for (const i of learned.slice(1)) {
    const y = rot[2 * i + 1];
    // "on the axis": sin(angle) below 1e-6 relative to the vector's length
    if (Math.abs(y) <= 1e-6 * Math.hypot(rot[2 * i], y)) continue;
    flip = y < 0;
    break;
  }
  for (let i = 0; i < n; i++) {
    out[2 * i] = rot[2 * i];
    out[2 * i + 1] = flip ? -rot[2 * i + 1] : rot[2 * i + 1];
  }
  out[2 * a + 1] = 0; // exactly on the axis (removes rounding noise)
  return out;
}

export type PentagonSolution = 'pentagon' | 'digons' | 'other';

/**
 * Type of a perturbed-pentagon solution ("Non-Uniform Superposition"; n = 5, m = 2, the varied feature last):
 * 'pentagon' when all five features are learned and the varied one interferes with the others,
 * 'digons' when the varied feature is not learned and the other four form two digons, else 'other'.
 */
export function pentagonSolutionType(
  W: ArrayLike<number>,
  opts: GeometryOptions & ClassifyOptions = {},
): PentagonSolution {
  checkShape(W, 5, 2);
  const { factors } = polytopeCounts(W, 5, 2, opts);
  const learned = factors.reduce((s, f) => s + f.features.length, 0);
  if (learned === 5 && factors.length === 1) return 'pentagon';
  if (learned === 4 && !factors.some((f) => f.features.includes(4)) && factors.every((f) => f.name === 'digon'))
    return 'digons';
  return 'other';
}

export interface GeometryAnalysis {
  graph: GeometryGraph;
  polytopes: PolytopeCounts;
  norms: Float64Array;
}

/** Graph, named factors and norms of one model (W feature-major [n, m]). */
export function geometryAnalysis(W: Float32Array, n: number, m: number): GeometryAnalysis {
  return { graph: featureGeometryGraph(W, n, m), polytopes: polytopeCounts(W, n, m), norms: featureNorms(W, n, m) };
}

/** The features of each named polytope in a model (a name with no factor is absent). */
export function featuresByFactor(polytopes: PolytopeCounts): Partial<Record<FactorName, number[]>> {
  const out: Partial<Record<FactorName, number[]>> = {};
  polytopes.factors.forEach((f) => (out[f.name] ??= []).push(...f.features));
  return out;
}

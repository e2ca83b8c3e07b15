/**
 * Closed-form theory of the small phase diagrams (the paper's "Superposition as a Phase Change"; the losses of the
 * hand-built solutions are derived in the comments below).
 *
 * The paper explains its trained phase diagrams by comparing the expected losses of a few
 * hand-built solutions: whichever is cheapest at (r, density) is the phase the optimiser
 * should find. This module builds those solutions as real (W, b) pairs — so the UI can draw
 * them and tests can check their losses by Monte-Carlo on the model's own forward pass — and
 * draws the boundaries where their losses cross.
 *
 * Conventions: density d = 1 − S (probability a feature is non-zero, its value then U[0, 1]);
 * losses are the paper's per-sample loss Σ_i I_i (x_i − x'_i)² (the notebook's reported loss
 * is this divided by n); W is feature-major, `W[i * m + k]` = component k of W_i.
 * Pure: no DOM, no tfjs.
 */
import { logSpace } from './log-space';

export type Phase = 'not-represented' | 'dedicated' | 'superposition';

/**
 * n = 2, m = 1 and n = 3, m = 2 (the paper's two phase diagrams); the last feature is the "extra" one of importance r.
 */
export type PhaseExperiment = 'phase-2-1' | 'phase-3-2';

/**
 * Where all three 2-1 losses (and the three 3-2 phases) meet: r = 1, d = 4/7. Denser than
 * this, superposition never pays.
 */
export const TRIPLE_POINT: { r: number; density: number } = Object.freeze({ r: 1, density: 4 / 7 });

/** The density above which the not-learned|superposition line runs off to r = ∞ (4 − 5d ≤ 0). */
const NOT_LEARNED_ASYMPTOTE = 4 / 5;

function checkDensity(density: number): void {
  if (!(density >= 0 && density <= 1)) throw new RangeError(`density (1 − S) must lie in [0, 1], got ${density}`);
}

function checkImportance(name: string, v: number): void {
  if (!(v >= 0 && Number.isFinite(v))) throw new RangeError(`${name} must be finite and >= 0, got ${v}`);
}

/**
 * Loss of a feature the model gives up on: W_i = 0 and the bias set to the feature's mean d/2
 * (the best constant under squared error), leaving the variance, I·Var(x) = I (d/3 − d²/4).
 * The bias is positive, so the ReLU output passes it through unchanged.
 */
export function droppedFeatureLoss(importance: number, density: number): number {
  checkImportance('importance', importance);
  checkDensity(density);
  return importance * (density / 3 - (density * density) / 4);
}

/**
 * Loss of two features sharing one direction with opposite signs, bias 0. ReLU clips the
 * negative interference, so the pair only errs when both are on (probability d²), and then
 * each output loses min(x_a, x_b); E[min(u, v)²] = 1/6 for independent uniforms.
 */
export function antipodalPairLoss(importanceA: number, importanceB: number, density: number): number {
  checkImportance('importanceA', importanceA);
  checkImportance('importanceB', importanceB);
  checkDensity(density);
  return ((importanceA + importanceB) * density * density) / 6;
}

/** One hand-built solution of a phase experiment, ready to evaluate or draw. */
export interface Candidate {
  /** 'A' | 'B' | 'C' for 2-1; for 3-2 the direction W ignores, e.g. 'perp-001'. */
  id: string;
  /** Human-readable, e.g. 'extra feature not learned'. */
  label: string;
  /** Phase of the extra (last) feature in this solution. */
  phase: Phase;
  /** Feature-major n×m weights: unit norms, antipodal features with opposite signs, dropped rows 0. */
  W: Float32Array;
  /** Biases: a dropped feature's is d/2 (its mean), all others 0. */
  b: Float32Array;
  /** Closed-form expected loss per sample (paper normalisation). */
  loss: number;
}

/** Shape of each experiment, so callers never hard-code it. */
export function experimentShape(e: PhaseExperiment): { n: number; m: number } {
  switch (e) {
    case 'phase-2-1':
      return { n: 2, m: 1 };
    case 'phase-3-2':
      return { n: 3, m: 2 };
    default:
      throw new RangeError(`unknown phase experiment ${String(e)}`);
  }
}

/** Importances of the features: [1, r] for 2-1, [1, 1, r] for 3-2 (the extra feature is last). */
export function experimentImportance(e: PhaseExperiment, r: number): Float32Array {
  checkImportance('r', r);
  const { n } = experimentShape(e);
  const out = new Float32Array(n).fill(1);
  out[n - 1] = r;
  return out;
}

/**
 * What each feature does in a hand-built solution: 'drop' (W_i = 0, b_i = d/2), or a unit
 * embedding `±e_axis`. Losses are summed from the pieces, so the table below is the only place
 * a solution is described and W, b and the loss cannot disagree.
 */
type Role = { kind: 'drop' } | { kind: 'axis'; axis: number; sign: 1 | -1 };

interface Recipe {
  id: string;
  label: string;
  phase: Phase;
  roles: Role[];
}

const drop: Role = { kind: 'drop' };
const axis = (a: number, sign: 1 | -1 = 1): Role => ({ kind: 'axis', axis: a, sign });

const RECIPES: Record<PhaseExperiment, Recipe[]> = {
  // n = 2, m = 1, in a fixed order (which is also the tie-break order).
  'phase-2-1': [
    { id: 'A', label: 'extra feature not learned', phase: 'not-represented', roles: [axis(0), drop] },
    { id: 'B', label: 'extra feature gets the dimension (first dropped)', phase: 'dedicated', roles: [drop, axis(0)] },
    { id: 'C', label: 'antipodal superposition', phase: 'superposition', roles: [axis(0), axis(0, -1)] },
  ],
  // n = 3, m = 2, named by the null direction of the (paper's m×n) W: W·v = Σ_i v_i W_i = 0.
  'phase-3-2': [
    { id: 'perp-001', label: 'extra feature not learned', phase: 'not-represented', roles: [axis(0), axis(1), drop] },
    {
      id: 'perp-100',
      label: 'extra feature dedicated, one other feature dropped',
      phase: 'dedicated',
      roles: [drop, axis(0), axis(1)],
    },
    {
      id: 'perp-011',
      label: 'extra feature antipodal with one other feature',
      phase: 'superposition',
      roles: [axis(0), axis(1), axis(1, -1)],
    },
    {
      id: 'perp-110',
      label: 'other two features antipodal, extra feature dedicated',
      phase: 'dedicated',
      roles: [axis(0), axis(0, -1), axis(1)],
    },
  ],
};

/**
 * Closed-form loss of a recipe: dropped features cost their variance; features sharing an
 * axis with opposite signs form an antipodal pair; a feature alone on its axis is exact.
 */
function recipeLoss(roles: Role[], importance: ArrayLike<number>, density: number): number {
  let loss = 0;
  const byAxis = new Map<number, number[]>();
  roles.forEach((role, i) => {
    if (role.kind === 'drop') loss += droppedFeatureLoss(importance[i], density);
    else byAxis.set(role.axis, [...(byAxis.get(role.axis) ?? []), i]);
  });
  for (const features of byAxis.values()) {
    if (features.length === 1) continue;
    if (features.length !== 2) throw new Error('theory recipes only share an axis between two features');
    const [a, c] = features;
    loss += antipodalPairLoss(importance[a], importance[c], density);
  }
  return loss;
}

/**
 * The hand-built solutions of an experiment at (r, d), with their weights and closed-form
 * losses. Importances are taken as exact doubles (not the Float32 of experimentImportance),
 * so boundary crossings land exactly where the boundary functions say.
 */
export function candidates(e: PhaseExperiment, r: number, density: number): Candidate[] {
  checkImportance('r', r);
  checkDensity(density);
  const { n, m } = experimentShape(e);
  const importance = Array.from({ length: n }, (_, i) => (i === n - 1 ? r : 1));
  return RECIPES[e].map((recipe) => {
    const W = new Float32Array(n * m);
    const b = new Float32Array(n);
    recipe.roles.forEach((role, i) => {
      if (role.kind === 'drop') b[i] = density / 2;
      else W[i * m + role.axis] = role.sign;
    });
    return {
      id: recipe.id,
      label: recipe.label,
      phase: recipe.phase,
      W,
      b,
      loss: recipeLoss(recipe.roles, importance, density),
    };
  });
}

/**
 * The phase theory predicts: the cheapest candidate. Ties (exactly on a boundary, e.g. r = 1)
 * go to the earlier candidate in the spec's table order, so the answer is deterministic.
 */
export function theoryPhase(e: PhaseExperiment, r: number, density: number): { phase: Phase; candidate: Candidate } {
  const cs = candidates(e, r, density);
  let best = cs[0];
  for (const c of cs) if (c.loss < best.loss) best = c;
  return { phase: best.phase, candidate: best };
}

/**
 * Importance r at which "not learned" and "antipodal superposition" cost the same:
 * r (d/3 − d²/4) = (1 + r) d²/6  ⇔  r = 2d/(4 − 5d). For d ≥ 4/5 superposition never beats
 * dropping (+Infinity). Only a phase boundary for d < 4/7; above it dedicated wins first.
 */
export function boundaryNotLearned(density: number): number {
  checkDensity(density);
  if (density >= NOT_LEARNED_ASYMPTOTE) return Infinity;
  return (2 * density) / (4 - 5 * density);
}

/**
 * Importance r at which "antipodal superposition" and "extra dedicated, other dropped" cost
 * the same: (1 + r) d²/6 = d/3 − d²/4  ⇔  r = (4 − 5d)/(2d), the reciprocal of
 * boundaryNotLearned (the diagram is mirror-symmetric in log r). 0 for d ≥ 4/5, matching 1/∞.
 */
export function boundaryDedicated(density: number): number {
  checkDensity(density);
  if (density >= NOT_LEARNED_ASYMPTOTE) return 0;
  return (4 - 5 * density) / (2 * density);
}

/** A polyline to draw over a phase diagram; `id` joins the ids of the candidates it separates. */
export interface BoundaryCurve {
  id: string;
  label: string;
  points: { r: number; density: number }[];
}

const CURVE_SAMPLES = 128;

/**
 * A boundary r = f(d) sampled in d over [dLo, dHi] (already intersected with the box's r
 * range by the caller through f's inverse), so every point lies inside the box.
 */
function curve(
  id: string,
  label: string,
  dLo: number,
  dHi: number,
  f: (d: number) => number,
  rMin: number,
  rMax: number,
): BoundaryCurve | null {
  if (!(dLo < dHi)) return null;
  const points = Array.from(logSpace(dLo, dHi, CURVE_SAMPLES), (density) => ({
    r: Math.min(rMax, Math.max(rMin, f(density))),
    density,
  }));
  return { id, label, points };
}

/**
 * Boundary polylines over a diagram spanning r ∈ [rMin, rMax], density ∈ [dMin, dMax]. Each
 * curve is sampled log-spaced in density only over the part inside the box (using the
 * inverses d = 4r/(2 + 5r) of the not-learned line and d = 4/(2r + 5) of the dedicated line),
 * so no point is clipped away and every curve present has CURVE_SAMPLES points. Curves that
 * miss the box are left out. The r = 1 line is split at d = 4/7 where its meaning changes.
 */
export function boundaryCurves(
  e: PhaseExperiment,
  box: { rMin: number; rMax: number; dMin: number; dMax: number },
): BoundaryCurve[] {
  const { rMin, rMax, dMin, dMax } = box;
  if (!(rMin > 0 && rMax > rMin && Number.isFinite(rMax))) throw new RangeError(`bad r range [${rMin}, ${rMax}]`);
  if (!(dMin > 0 && dMax > dMin && dMax <= 1)) throw new RangeError(`bad density range [${dMin}, ${dMax}]`);
  const dTriple = TRIPLE_POINT.density;
  const dNotLearned = (r: number) => (4 * r) / (2 + 5 * r); // inverse of boundaryNotLearned (increasing)
  const dDedicated = (r: number) => 4 / (2 * r + 5); // inverse of boundaryDedicated (decreasing)
  const rOne = () => 1;
  const hasROne = rMin <= 1 && 1 <= rMax;

  const notLearned = (id: string) =>
    curve(
      id,
      'not learned | superposition',
      Math.max(dMin, dNotLearned(rMin)),
      Math.min(dMax, dTriple, dNotLearned(rMax)),
      boundaryNotLearned,
      rMin,
      rMax,
    );
  const out: (BoundaryCurve | null)[] = [];
  if (e === 'phase-2-1') {
    out.push(notLearned('A|C'));
    out.push(
      curve(
        'C|B',
        'superposition | dedicated',
        Math.max(dMin, dDedicated(rMax)),
        Math.min(dMax, dTriple, dDedicated(rMin)),
        boundaryDedicated,
        rMin,
        rMax,
      ),
    );
    if (hasROne) out.push(curve('A|B', 'not learned | dedicated', Math.max(dMin, dTriple), dMax, rOne, rMin, rMax));
  } else if (e === 'phase-3-2') {
    out.push(notLearned('perp-001|perp-011'));
    if (hasROne) {
      out.push(
        curve('perp-011|perp-110', 'superposition | dedicated', dMin, Math.min(dMax, dTriple), rOne, rMin, rMax),
        curve('perp-001|perp-100', 'not learned | dedicated', Math.max(dMin, dTriple), dMax, rOne, rMin, rMax),
      );
    }
  } else {
    throw new RangeError(`unknown phase experiment ${String(e)}`);
  }
  return out.filter((c): c is BoundaryCurve => c !== null);
}

/**
 * Per-instance convergence: train until the loss has stopped falling, not for a fixed count.
 * The loss is averaged over consecutive windows of `window` steps; an instance has converged
 * when its latest window's mean is within `tolerance` (relative) of the window before, beyond
 * what the minibatch noise of the two means explains, and it has trained `minSteps`.
 * Window means (not single minibatch losses) matter: at density 0.01 one batch's loss varies
 * by ±20%, which no sensible tolerance could tell from progress.
 */
export interface ConvergenceOptions {
  window: number;
  tolerance: number;
  minSteps: number;
}

export const DEFAULT_CONVERGENCE: Readonly<ConvergenceOptions> = Object.freeze({
  window: 1000,
  tolerance: 0.01,
  minSteps: 3000,
});

interface Bucket {
  start: number;
  sum: number;
  sumSq: number;
  weight: number;
  obs: number;
}

export class ConvergenceTracker {
  /** 1 where the instance has converged (and may be frozen). */
  readonly converged: Uint8Array;
  /** Step at which each instance converged (−1: not yet). */
  readonly convergedAt: Int32Array;
  private readonly current: Bucket[];
  private readonly previous: ({ mean: number; se: number } | null)[];

  constructor(
    readonly instances: number,
    readonly options: ConvergenceOptions = DEFAULT_CONVERGENCE,
  ) {
    if (!(options.window >= 1 && options.tolerance >= 0 && options.minSteps >= 0))
      throw new RangeError('invalid convergence options');
    this.converged = new Uint8Array(instances);
    this.convergedAt = new Int32Array(instances).fill(-1);
    this.current = Array.from({ length: instances }, () => ({ start: 0, sum: 0, sumSq: 0, weight: 0, obs: 0 }));
    this.previous = new Array(instances).fill(null);
  }

  get convergedCount(): number {
    let c = 0;
    for (let j = 0; j < this.instances; j++) c += this.converged[j];
    return c;
  }

  /**
   * Feed each instance's mean loss over the `steps` steps ending at `step` (or one minibatch
   * loss with steps = 1). Returns how many instances converged with this observation.
   */
  observe(step: number, meanLoss: ArrayLike<number>, steps: ArrayLike<number> | number = 1): number {
    const { window, tolerance, minSteps } = this.options;
    let newly = 0;
    for (let j = 0; j < this.instances; j++) {
      if (this.converged[j]) continue;
      const v = meanLoss[j];
      const w = typeof steps === 'number' ? steps : steps[j];
      if (!Number.isFinite(v) || !(w > 0)) continue;
      const b = this.current[j];
      if (b.obs === 0) b.start = step - w;
      b.sum += v * w;
      b.sumSq += v * v * w;
      b.weight += w;
      b.obs++;
      if (step - b.start < window) continue;
      const mean = b.sum / b.weight;
      // Observations are means over w steps: per-step variance ≈ Σ w (v − mean)² / (obs − 1).
      const perStepVar = b.obs > 1 ? Math.max(0, b.sumSq - b.weight * mean * mean) / (b.obs - 1) : mean * mean;
      const se = Math.sqrt(perStepVar / b.weight);
      const prev = this.previous[j];
      this.previous[j] = { mean, se };
      this.current[j] = { start: step, sum: 0, sumSq: 0, weight: 0, obs: 0 };
      if (!prev || step < minSteps) continue;
      const change = prev.mean - mean; // > 0: still improving
      const noise = 2 * Math.sqrt(prev.se * prev.se + se * se);
      if (change <= tolerance * mean + noise) {
        this.converged[j] = 1;
        this.convergedAt[j] = step;
        newly++;
      }
    }
    return newly;
  }
}

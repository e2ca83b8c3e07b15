/**
 * Per-instance loss bookkeeping every CPU trainer keeps: the last minibatch loss and the mean over
 * the steps since the last read (what snapshots report as meanLoss / meanLossSteps).
 */
export class LossLedger {
  /** Last minibatch loss per instance (NaN before the first step). */
  readonly last: Float32Array;
  private readonly sum: Float64Array;
  private readonly count: Float64Array;

  constructor(instances: number) {
    this.last = new Float32Array(instances).fill(NaN);
    this.sum = new Float64Array(instances);
    this.count = new Float64Array(instances);
  }

  record(j: number, loss: number): void {
    this.last[j] = loss;
    this.sum[j] += loss;
    this.count[j]++;
  }

  /** The mean loss since the last take (NaN where no step ran) and the step counts; starts a new window. */
  takeMeans(): { meanLoss: Float32Array; meanLossSteps: Float32Array } {
    const meanLoss = Float32Array.from(this.sum, (s, j) => (this.count[j] > 0 ? s / this.count[j] : NaN));
    const meanLossSteps = Float32Array.from(this.count);
    this.clear();
    return { meanLoss, meanLossSteps };
  }

  /** Forget the running means (new parameters, or a restored checkpoint). */
  clear(): void {
    this.sum.fill(0);
    this.count.fill(0);
  }
}

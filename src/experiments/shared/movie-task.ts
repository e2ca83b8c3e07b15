/**
 * The movie worker's task (src/experiments/tasks.ts, 'movie-train'): a run trained again from step 0
 * with its settings, seeds and path, its state kept at every frame's step. The trainers are bit-for-
 * bit deterministic whatever the chunking of their steps, so these are the states the page's run
 * passed through, and the same link always gives the same frames.
 */
import type { TrainConfig } from '../../model/config';
import { evaluationLoss } from '../../model/evaluate';
import { instanceWeights } from '../../model/metrics';
import { activatePath, createTrainer } from '../../train/basic/paths';
import type { TrainPath } from '../../train/trainer';
import type { TaskContext } from '../../worker/tasks';

export interface MovieTrainRequest {
  config: TrainConfig;
  path: TrainPath;
  /** The steps to keep the state at, ascending (the frames' steps). */
  steps: number[];
}

export interface MovieTrainResult {
  path: TrainPath;
  steps: number[];
  /** Per frame: W [I, n, m], b [I, n] and the last minibatch loss [I], frame after frame. */
  W: Float32Array;
  b: Float32Array;
  loss: Float32Array;
  /** Each instance's evaluation loss at the last frame (the shown seed is the lowest, as headless). */
  evalLoss: number[];
}

/** Report progress (and let a newer request in) about this often, in frames. */
const PROGRESS_EVERY = 10;

export async function movieTrain(req: MovieTrainRequest, ctx: TaskContext): Promise<MovieTrainResult> {
  const { config, path, steps } = req;
  if (!(await activatePath(path))) throw new Error(`the ${path} training path does not run in this browser`);
  const { n, m } = config;
  const I = config.instances.length;
  const frames = steps.length;
  const W = new Float32Array(frames * I * n * m);
  const b = new Float32Array(frames * I * n);
  const loss = new Float32Array(frames * I);
  const trainer = await createTrainer(config, path);
  const total = steps[frames - 1] ?? 0;
  try {
    for (let f = 0; f < frames; f++) {
      const k = steps[f] - trainer.stepCount;
      if (k > 0) await trainer.step(k);
      const st = await trainer.read();
      W.set(st.W, f * I * n * m);
      b.set(st.b, f * I * n);
      loss.set(st.loss, f * I);
      if (f % PROGRESS_EVERY === PROGRESS_EVERY - 1 || f === frames - 1) {
        ctx.progress({ done: st.step, total, label: 'training' });
        await ctx.breathe();
      }
    }
  } finally {
    trainer.dispose();
  }
  const last = Math.max(0, frames - 1);
  const evalLoss = config.instances.map((inst, j) =>
    evaluationLoss(
      {
        W: instanceWeights(W.subarray(last * I * n * m), j, n, m),
        b: b.subarray(last * I * n + j * n, last * I * n + (j + 1) * n),
        density: inst.density,
        importance: inst.importance,
      },
      m,
      config.kind,
    ),
  );
  return { path, steps, W, b, loss, evalLoss };
}

/**
 * The sparse-autoencoder lab's workloads in Node, one thread, as `npm run bench -- --sae` prints them:
 * ARENA's pentagon with 10 seeds as instances, and n = 20, m = 5 with 40 latents and 8 sparsity
 * coefficients as instances, each trained and scored as the page's task does (runLab: the toy model
 * trained first, 10 scored snapshots). The page splits the same work over two workers.
 */
import type { LabSettings } from '../src/experiments/sparse-autoencoders/lab';
import { toyLabModel, type ToyModelId } from '../src/experiments/sparse-autoencoders/models';
import { runLab } from '../src/experiments/sparse-autoencoders/run';

export interface SaeBenchRow {
  workload: string;
  instances: number;
  steps: number;
  /** Toy model + SAEs + scoring, seconds. */
  seconds: number;
  /** Microseconds per instance-step of the SAE training (the whole run over instances × steps). */
  usPerInstanceStep: number;
  bestMcc: number;
}

const base: LabSettings = {
  kind: 'l1',
  latents: 5,
  coefficient: 0.25,
  k: 1,
  tied: false,
  resample: 'none',
  auxK: false,
  warmup: 0,
  matryoshka: false,
  sweep: 'seeds',
  seeds: 10,
  seed: 1,
  steps: 10_000,
};

export const SAE_WORKLOADS: { name: string; model: ToyModelId; settings: LabSettings }[] = [
  { name: 'pentagon n5 m2, 5 latents, 10 seeds', model: 'pentagon', settings: base },
  {
    name: 'n20 m5, 40 latents, 8 coefficients',
    model: 'n20',
    settings: { ...base, latents: 40, coefficient: 0.16, sweep: 'coefficient', seeds: 1, resample: 'loss' },
  },
];

export async function benchSae(log: (s: string) => void, quick: boolean): Promise<SaeBenchRow[]> {
  const rows: SaeBenchRow[] = [];
  log(
    '\n| SAE lab workload (Node, 1 thread) | instances | steps | seconds (toy model + SAEs + scoring) | µs per instance-step | best MCC |\n|---|---|---|---|---|---|',
  );
  for (const w of SAE_WORKLOADS) {
    const settings = quick ? { ...w.settings, steps: 2000 } : w.settings;
    const t0 = performance.now();
    const model = await toyLabModel(w.model);
    const run = await runLab(model, settings);
    const seconds = (performance.now() - t0) / 1000;
    const instances = run.instances.length;
    const row = {
      workload: w.name,
      instances,
      steps: settings.steps,
      seconds,
      usPerInstanceStep: (run.seconds * 1e6) / (instances * settings.steps),
      bestMcc: run.final.instances[run.best].card.mcc,
    };
    rows.push(row);
    log(
      `| ${row.workload} | ${instances} | ${row.steps} | ${seconds.toFixed(1)} | ${row.usPerInstanceStep.toFixed(0)} | ${row.bestMcc.toFixed(3)} |`,
    );
  }
  return rows;
}

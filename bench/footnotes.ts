/**
 * The footnote experiments' tasks at their section defaults, timed (npm run bench -- --footnotes):
 * each runs as the page's task worker runs it (a TaskRunner over src/experiments/tasks.ts), on a
 * trained n = 20, m = 5 model. Prints a table of seconds and each result's key numbers.
 */
import { constantVector, geometricImportance, paperConfig } from '../src/model/config';
import type { ModelData } from '../src/experiments/shared/footnote-model';
import { TASKS, type TaskName, type Tasks } from '../src/experiments/tasks';
import { fmtFixed } from '../src/model/format';
import { JsTrainer } from '../src/train/basic/js-trainer';
import { TaskRunner, type RequestOf, type ResultOf } from '../src/worker/tasks';

export interface FootnoteTiming {
  workload: string;
  seconds: number;
  result: string;
}

/** A model trained 3,000 steps (js path, seed 1): n = 20, m = 5, 1 − S = 0.1, importance 0.9^i. */
async function trainedModel(): Promise<ModelData> {
  const n = 20;
  const m = 5;
  const importance = geometricImportance(n, 0.9);
  const density = constantVector(n, 0.1);
  const trainer = new JsTrainer(paperConfig(n, m, 'relu', [{ seed: 1, density, importance }]));
  trainer.stepSync(3000);
  const st = await trainer.read();
  trainer.dispose();
  return { W: st.W, b: st.b, n, m, kind: 'relu', importance, density };
}

export async function benchFootnotes(print: (line: string) => void): Promise<FootnoteTiming[]> {
  const runner = new TaskRunner(TASKS);
  const model = await trainedModel();
  const out: FootnoteTiming[] = [];
  const time = async <K extends TaskName>(
    workload: string,
    name: K,
    request: RequestOf<Tasks[K]>,
    describe: (r: ResultOf<Tasks[K]>) => string,
  ): Promise<ResultOf<Tasks[K]>> => {
    const t0 = performance.now();
    const r = (await runner.run(name, request)) as ResultOf<Tasks[K]>;
    const row = { workload, seconds: (performance.now() - t0) / 1000, result: describe(r) };
    out.push(row);
    print(`| ${row.workload} | ${row.seconds.toFixed(2)} | ${row.result} |`);
    return r;
  };
  const pct = (v: number) => `${(100 * v).toFixed(0)}%`;
  print('\n| footnote task at its section default (n = 20, m = 5, 1−S = 0.1 model; wasm) | seconds | result |');
  print('|---|---|---|');
  await time(
    'remove-direction, all 20 features, 20k samples',
    'remove-direction',
    { model },
    (r) => `others doubled per removed feature: ${Array.from(r.doubledOthers).join(' ')}`,
  );
  const dict = await time(
    'dictionary, k = 2n, 1000 samples, 40 × 30',
    'dictionary',
    { model, k: 40 },
    (r) => `recovered ${pct(r.fraction)} of ${r.represented.length} (axes ${pct(r.axisFraction)})`,
  );
  await time('dictionary, k = 4n', 'dictionary', { model, k: 80 }, (r) => `recovered ${pct(r.fraction)}`);
  const known = [{ density: 0.1, k: 40, fraction: dict.fraction }];
  await time('dictionary-curves, 4 densities + 4 k/n (k = 2n reused)', 'dictionary-curves', { model, known }, (r) =>
    [
      `by 1−S ${r.byDensity.map((p) => `${p.density}:${p.fraction.toFixed(2)}`).join(' ')}`,
      `by k/n ${r.byRatio.map((p) => `${p.ratio}:${p.fraction.toFixed(2)}`).join(' ')}`,
    ].join(' · '),
  );
  await time(
    'l1-margin, 6 λ, 500 steps, 100k evaluation',
    'l1-margin',
    { model },
    (r) =>
      `margin λ ${r.marginLambda ?? '—'}; Δsuperposition at the largest λ ${pct(r.rows.at(-1)!.relativeSuperposition)}`,
  );
  await time(
    'gaussian-latents, random m = 8, 8 per dimension',
    'gaussian-latents',
    { source: 'random', density: 0.1 },
    (r) =>
      `excess kurtosis ${r.excessKurtosis.toFixed(2)}; curve ${r.curve.map((c) => `${c.ratio}:${c.mean.toFixed(2)}`).join(' ')}`,
  );
  await time(
    'compressed-sensing, n = 25…200, default trials',
    'compressed-sensing',
    {},
    (r) => `10–90% widths ${r.curves.map((c) => fmtFixed(c.width, 2)).join(' / ')}`,
  );
  return out;
}

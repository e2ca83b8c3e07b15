/**
 * Headless training on the same model/train code as the page:
 *   npm run train -- --n 5 --m 2 --sparsity 0.99 --importance-decay 0.9 --steps 10000 --seed 1 --out model.json
 * Writes JSON with the config, W, b, the loss history and the metrics of every instance.
 */
import { writeFileSync } from 'node:fs';
import { PAPER_BATCH_SIZE, PAPER_OPTIMIZER, settingInstances, type TrainConfig } from '../model/config';
import { activatePath, createTrainer, defaultHeadlessPath } from '../train/basic/paths';
import { trainWithHistory } from '../train/trainer';
import { buildModelJson } from '../model/io/model-json';
import { UsageError, cliPath, parseOptions, print, runCommand } from './command';

const USAGE = `Usage: npm run train -- [options]
  --n <int>                 features (default 5)
  --m <int>                 hidden dimensions (default 2)
  --sparsity <S>            probability a feature is zero, in [0, 1) (default 0.9)
  --density <1-S>           alternative to --sparsity, in (0, 1]
  --importance-decay <r>    importance of feature i is r^i, r in (0, 1] (default 0.9)
  --importances <list>      per-feature importances instead, n comma-separated numbers ≥ 0
  --densities <list>        per-feature densities 1−S_i instead of --density, n numbers in [0.0001, 1]
  --kind <relu|linear>      model (default relu)
  --steps <int>             training steps (default 10000)
  --batch <int>             batch size (default 1024)
  --lr <x>                  learning rate (default 1e-3)
  --seed <int>              seed of the first instance (default 1)
  --seeds <int>             seeds trained as instances, seed, seed+1, … (default 1)
  --path <simd|js|wasm|cpu> training path (default simd, the SIMD WebAssembly kernel, where it runs,
                            else js, the plain-JavaScript step; wasm and cpu: tfjs)
  --history-every <int>     record the loss every k steps (default 100)
  --out <file>              write JSON here (default: print a summary only)
  --help`;

function num(
  name: string,
  raw: string | undefined,
  fallback: number,
  ok: (v: number) => boolean,
  what: string,
): number {
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || !ok(v))
    throw new UsageError(`--${name} must be ${what}, got "${raw}"`);
  return v;
}
const isInt = (lo: number, hi: number) => (v: number) => Number.isInteger(v) && v >= lo && v <= hi;

/** A comma-separated list of exactly n numbers, each accepted by `ok` (undefined when absent). */
function perFeatureList(
  name: string,
  raw: string | undefined,
  n: number,
  ok: (v: number) => boolean,
  what: string,
): Float32Array | undefined {
  if (raw === undefined) return undefined;
  const items = raw.split(',');
  if (items.length !== n)
    throw new UsageError(`--${name} needs ${n} comma-separated numbers (one per feature), got ${items.length}`);
  return Float32Array.from(items, (item, i) => {
    const v = Number(item);
    if (item.trim() === '' || !Number.isFinite(v) || !ok(v))
      throw new UsageError(`--${name}: item ${i + 1} must be a number ${what}, got "${item}"`);
    return v;
  });
}

export function parseTrainArgs(argv: string[]) {
  const opts = parseOptions(
    argv,
    [
      'n',
      'm',
      'sparsity',
      'density',
      'densities',
      'importance-decay',
      'importances',
      'kind',
      'steps',
      'batch',
      'lr',
      'seed',
      'seeds',
      'path',
      'history-every',
      'out',
    ],
    ['help'],
  );
  if (opts.flag('help')) return null;
  const s = opts.value;
  const n = num('n', s('n'), 5, isInt(1, 1024), 'an integer in [1, 1024]');
  const m = num('m', s('m'), 2, isInt(1, 256), 'an integer in [1, 256]');
  if ([s('sparsity'), s('density'), s('densities')].filter((v) => v !== undefined).length > 1)
    throw new UsageError('give one of --sparsity, --density and --densities');
  if (s('importance-decay') !== undefined && s('importances') !== undefined)
    throw new UsageError('give --importance-decay or --importances, not both');
  const density =
    s('density') !== undefined
      ? num('density', s('density'), 1, (v) => v >= 1e-4 && v <= 1, 'a density 1−S in [0.0001, 1]')
      : 1 - num('sparsity', s('sparsity'), 0.9, (v) => v >= 0 && v <= 0.9999, 'a sparsity S in [0, 0.9999]');
  const decay = num('importance-decay', s('importance-decay'), 0.9, (v) => v > 0 && v <= 1, 'a number in (0, 1]');
  const kind = s('kind') ?? 'relu';
  if (kind !== 'relu' && kind !== 'linear') throw new UsageError(`--kind must be relu or linear, got "${kind}"`);
  const path = cliPath(s('path'));
  const steps = num('steps', s('steps'), 10_000, isInt(0, 10_000_000), 'an integer in [0, 1e7]');
  const batch = num('batch', s('batch'), PAPER_BATCH_SIZE, isInt(1, 65536), 'an integer in [1, 65536]');
  const lr = num('lr', s('lr'), PAPER_OPTIMIZER.learningRate, (v) => v > 0 && v < 10, 'a number in (0, 10)');
  const seed = num('seed', s('seed'), 1, isInt(-(2 ** 31), 2 ** 31 - 1), 'a 32-bit integer');
  const seeds = num('seeds', s('seeds'), 1, isInt(1, 4096), 'an integer in [1, 4096]');
  const historyEvery = num('history-every', s('history-every'), 100, isInt(1, 1e7), 'a positive integer');
  const config: TrainConfig = {
    n,
    m,
    kind,
    batchSize: batch,
    optimizer: { ...PAPER_OPTIMIZER, learningRate: lr },
    instances: settingInstances(n, density, decay, seed, seeds).map((inst) => ({
      ...inst,
      density:
        perFeatureList('densities', s('densities'), n, (v) => v >= 1e-4 && v <= 1, 'in [0.0001, 1]') ?? inst.density,
      importance:
        perFeatureList('importances', s('importances'), n, (v) => v >= 0 && v <= 1e6, 'in [0, 1e6]') ?? inst.importance,
    })),
  };
  return { config, steps, path, historyEvery, out: s('out') };
}

export async function runTrain(argv: string[], log: (s: string) => void = print): Promise<void> {
  const args = parseTrainArgs(argv);
  if (!args) {
    log(USAGE);
    return;
  }
  const { config, steps, historyEvery, out } = args;
  const path = args.path === 'auto' ? await defaultHeadlessPath(config) : args.path;
  if (!(await activatePath(path))) throw new Error(`the ${path} backend is not available here`);
  const trainer = await createTrainer(config, path);
  let lastLog = performance.now();
  try {
    const {
      final: state,
      history,
      seconds,
    } = await trainWithHistory(trainer, steps, historyEvery, (st) => {
      if (performance.now() - lastLog > 2000) {
        lastLog = performance.now();
        log(`step ${st.step}/${steps}  loss ${Array.from(st.loss, (v) => v.toExponential(3)).join(' ')}`);
      }
    });
    const json = buildModelJson(config, state, history, { path, seconds });
    for (const inst of json.instances) {
      log(
        `seed ${inst.seed}: eval loss ${inst.evalLoss.toExponential(4)}, ‖W‖_F² ${inst.metrics.frobeniusSquared.toFixed(3)}, ` +
          `m/‖W‖_F² ${inst.metrics.dimensionsPerFeature.toFixed(3)}, D ${inst.metrics.dimensionality.map((d) => d.toFixed(2)).join(' ')}`,
      );
    }
    log(
      `trained ${config.instances.length} instance(s) × ${steps} steps on ${path} in ${json.run.seconds.toFixed(1)} s; best seed ${json.instances[json.best].seed}`,
    );
    if (out) {
      writeFileSync(out, JSON.stringify(json));
      log(`wrote ${out}`);
    }
  } finally {
    trainer.dispose();
  }
}

runCommand(/cli[\\/]train\.ts$/, () => runTrain(process.argv.slice(2)));

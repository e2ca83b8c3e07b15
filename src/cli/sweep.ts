/**
 * Headless phase-diagram sweeps on the same trainer as the page:
 *   npm run sweep -- --experiment phase-2-1 --grid 24 --seeds 5 --steps 10000 --out phase.json
 * The sweep itself is src/experiments/phase-change/sweep.ts; this is its command line. The grid's defaults
 * are the page's (PHASE_PARAMS): with --converge, a bare sweep trains the models a bare link does.
 */
import { writeFileSync } from 'node:fs';
import { PHASE_PARAMS } from '../experiments/phase-change/params';
import { asciiDiagram, runPhaseSweep, summarise } from '../experiments/phase-change/sweep';
import { phaseGrid } from '../model/phase';
import { DEFAULT_CONVERGENCE } from '../train/convergence';
import { UsageError, cliPath, cliThreads, parseOptions, print, runCommand } from './command';

const P = PHASE_PARAMS;
const USAGE = `Usage: npm run sweep -- [options]
  --experiment <phase-2-1|phase-3-2>   n=2,m=1 or n=3,m=2 (default ${P.diagram.default})
  --grid <int>                         cells per axis, r ∈ [0.1, 10] × 1−S ∈ [1, 0.01] log-spaced
                                       (default ${P.grid.default})
  --seeds <int>                        seeds per cell; the lowest-loss one is kept (default ${P.seeds.default})
  --seed <int>                         base seed (default 1)
  --steps <int>                        step limit (default ${P.steps.default})
  --converge                           stop instances whose loss has plateaued (window 1000, 1%)
  --path <simd|js|wasm|cpu>            training path (default simd where WebAssembly SIMD runs, else js)
  --threads <int|auto>                 worker threads for the simd and js paths (default auto: every core)
  --out <file>                         write JSON here
  --help`;

export function parseSweepArgs(argv: string[]) {
  const opts = parseOptions(
    argv,
    ['experiment', 'grid', 'seeds', 'seed', 'steps', 'path', 'threads', 'out'],
    ['converge', 'help'],
  );
  if (opts.flag('help')) return null;
  const int = (k: 'grid' | 'seeds' | 'seed' | 'steps', def: number, lo: number, hi: number) => {
    const raw = opts.value(k);
    if (raw === undefined) return def;
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(v) || v < lo || v > hi)
      throw new UsageError(`--${k} must be an integer in [${lo}, ${hi}], got "${raw}"`);
    return v;
  };
  const experiment = opts.value('experiment') ?? P.diagram.default;
  if (experiment !== 'phase-2-1' && experiment !== 'phase-3-2')
    throw new UsageError(`--experiment must be phase-2-1 or phase-3-2, got "${experiment}"`);
  const path = cliPath(opts.value('path'));
  return {
    grid: phaseGrid(
      experiment,
      int('grid', P.grid.default, 2, 64),
      int('seeds', P.seeds.default, 1, 16),
      int('seed', 1, 1, 2 ** 31 - 1),
    ),
    options: {
      maxSteps: int('steps', P.steps.default, 1, 1_000_000),
      path,
      convergence: opts.flag('converge') ? { ...DEFAULT_CONVERGENCE } : null,
      threads: cliThreads(opts.value('threads')),
    },
    out: opts.value('out'),
  };
}

/** Train the grid from the command line, print the diagram and the agreement, write the JSON. */
async function main(argv: string[]): Promise<void> {
  const args = parseSweepArgs(argv);
  if (!args) return print(USAGE);
  let last = 0;
  const res = await runPhaseSweep(args.grid, {
    ...args.options,
    onProgress: (step, conv, total) => {
      if (performance.now() - last > 2000) {
        last = performance.now();
        print(`step ${step}: ${conv}/${total} instances converged`);
      }
    },
  });
  print(asciiDiagram(res));
  print(summarise(res));
  if (args.out) {
    writeFileSync(args.out, JSON.stringify(res));
    print(`wrote ${args.out}`);
  }
}

runCommand(/cli[\\/]sweep\.ts$/, () => main(process.argv.slice(2)));

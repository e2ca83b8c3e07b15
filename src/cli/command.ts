/**
 * What the three commands (train, sweep, figures) share: bad arguments, the paths a CPU can train on, and how a command
 * exits.
 */
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import type { TrainPath } from '../train/trainer';

/** Bad command-line arguments: one line on stderr and exit status 2. */
export class UsageError extends Error {}

/** The training paths a command line may pick (the GPU path needs a browser). */
export const CLI_PATHS: readonly TrainPath[] = ['simd', 'js', 'wasm', 'cpu'];

/**
 * The --path option: one of CLI_PATHS, or 'auto' when absent (simd where WebAssembly SIMD runs
 * and the model is the basic one, else js: see defaultHeadlessPath).
 */
export function cliPath(raw: string | undefined): TrainPath | 'auto' {
  if (raw === undefined) return 'auto';
  const path = CLI_PATHS.find((p) => p === raw);
  if (!path)
    throw new UsageError(
      `--path must be ${CLI_PATHS.slice(0, -1).join(', ')} or ${CLI_PATHS[CLI_PATHS.length - 1]}, got "${raw}"`,
    );
  return path;
}

/**
 * The --threads option: a whole number from 1 to 64, or `auto` (the default): every core, since a
 * command has no page to keep smooth. Threads split a batched run's instances; the weights are the
 * same on any number of them.
 */
export function cliThreads(raw: string | undefined, cores = availableParallelism()): number {
  if (raw === undefined || raw === 'auto') return Math.max(1, Math.min(64, cores));
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(v) || v < 1 || v > 64)
    throw new UsageError(`--threads must be auto or a whole number from 1 to 64, got "${raw}"`);
  return v;
}

/** Parsed options: `--name value` strings and `--flag` switches. */
export interface Options<S extends string, F extends string> {
  value(name: S): string | undefined;
  flag(name: F): boolean;
}

/**
 * Parse `--name value` options and `--flag` switches strictly: an unknown option or a stray argument is a UsageError.
 */
export function parseOptions<S extends string, F extends string>(
  argv: string[],
  strings: readonly S[],
  flags: readonly F[],
): Options<S, F> {
  const options = Object.fromEntries([
    ...strings.map((k) => [k, { type: 'string' as const }]),
    ...flags.map((k) => [k, { type: 'boolean' as const }]),
  ]);
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, allowPositionals: false, options }));
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  return {
    value: (name) => (typeof values[name] === 'string' ? values[name] : undefined),
    flag: (name) => values[name] === true,
  };
}

/** A line on standard output: what the CLIs print (the page says things through its own elements). */
export function print(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** A line on standard error. */
export function printError(line: string): void {
  process.stderr.write(`${line}\n`);
}

/**
 * Run `main` when `script` is the file Node was started with: a usage error exits with status 2
 * and a hint, any other error with status 1, both as one line without a stack trace.
 */
export function runCommand(script: RegExp, main: () => Promise<unknown>): void {
  if (!process.argv[1] || !script.test(process.argv[1])) return;
  main().catch((e: unknown) => {
    const usage = e instanceof UsageError;
    printError(`error: ${e instanceof Error ? e.message : String(e)}`);
    if (usage) printError('run with --help for the options');
    process.exit(usage ? 2 : 1);
  });
}

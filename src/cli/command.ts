/** What the three commands (train, sweep, figures) share: bad arguments, the paths a CPU can train on, and how a command exits. */
import type { TrainPath } from '../train/trainer';

/** Bad command-line arguments: one line on stderr and exit status 2. */
export class UsageError extends Error {}

/** The training paths a command line may pick (the GPU path needs a browser). */
export const CLI_PATHS: readonly TrainPath[] = ['js', 'wasm', 'cpu'];

/**
 * Run `main` when `script` is the file Node was started with: a usage error exits with status 2
 * and a hint, any other error with status 1, both as one line without a stack trace.
 */
export function runCommand(script: RegExp, main: () => Promise<unknown>): void {
  if (!process.argv[1] || !script.test(process.argv[1])) return;
  main().catch((e: unknown) => {
    const usage = e instanceof UsageError;
    console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
    if (usage) console.error('run with --help for the options');
    process.exit(usage ? 2 : 1);
  });
}

/**
 * Waiting for the run of the settings a test set, never for "some new run" or for the first "done":
 * every training section's status line carries its run key (data-run-key, src/state/run-key.ts),
 * the settings the run it shows was trained with. The key a test waits for is computed from the
 * page's address, after the address holds the values the test just set.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { GLANCE_PARAMS, GLANCE_RUN_KEYS } from '../../src/experiments/at-a-glance/params';
import { BEYOND_PARAMS, BEYOND_RUN_KEYS } from '../../src/experiments/beyond-basic/params';
import { GEOMETRY_PARAMS, GEOMETRY_RUN_KEYS } from '../../src/experiments/geometry/params';
import { PENTAGON_RUN_KEYS, PENTAGON_RUN_TABLE } from '../../src/experiments/perturbed-pentagon/params';
import { PHASE_PARAMS, PHASE_RUN_KEYS } from '../../src/experiments/phase-change/params';
import { runKeyOfAddress } from '../../src/state/run-key';

/** Each training section's status line and how its run key is read from an address. */
export const RUNS = {
  glance: { status: 'status', key: (url: string) => runKeyOfAddress(GLANCE_PARAMS, GLANCE_RUN_KEYS, url) },
  phase: { status: 'phase-status', key: (url: string) => runKeyOfAddress(PHASE_PARAMS, PHASE_RUN_KEYS, url) },
  geometry: {
    status: 'geometry-status',
    key: (url: string) => runKeyOfAddress(GEOMETRY_PARAMS, GEOMETRY_RUN_KEYS, url),
  },
  pentagon: {
    status: 'pentagon-status',
    key: (url: string) => runKeyOfAddress(PENTAGON_RUN_TABLE, PENTAGON_RUN_KEYS, url),
  },
  beyond: { status: 'beyond-status', key: (url: string) => runKeyOfAddress(BEYOND_PARAMS, BEYOND_RUN_KEYS, url) },
} as const;

export type TrainingSection = keyof typeof RUNS;

export interface RunWait {
  /** URL values the test has just set: the address must hold them before the run key is read. */
  settings?: Record<string, string | null>;
  /** The status word to wait for (a regular expression's source; default 'done'). */
  state?: string;
  timeout?: number;
}

/** The address's value of each setting (null: absent, i.e. at its default). */
export async function addressHolds(page: Page, settings: Record<string, string | null>): Promise<void> {
  for (const [key, value] of Object.entries(settings))
    await expect.poll(() => new URL(page.url()).searchParams.get(key), { timeout: 10_000, message: key }).toBe(value);
}

/**
 * Wait until `section`'s status line shows the run of the settings in the page's address, in the
 * given state; resolves with that run key.
 */
export async function waitForRun(page: Page, section: TrainingSection, opts: RunWait = {}): Promise<string> {
  await addressHolds(page, opts.settings ?? {});
  const { status } = RUNS[section];
  const key = RUNS[section].key(page.url());
  await page.waitForFunction(
    ([id, runKey, state]) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return el?.getAttribute('data-run-key') === runKey && new RegExp(`^(?:${state})$`).test(el.textContent ?? '');
    },
    [status, key, opts.state ?? 'done'] as const,
    { timeout: opts.timeout ?? 90_000 },
  );
  return key;
}

/**
 * Wait until a footnote experiment shows a result computed for its current controls and, when
 * given, on the at-a-glance model of run `model` (`<run key>@<step>`): data-state ready, not stale.
 */
export async function waitForTask(page: Page, testId: string, model?: string, timeout = 90_000): Promise<void> {
  await page.waitForFunction(
    ([id, from]) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      const key = el?.getAttribute('data-run-key') ?? '';
      const onModel = from === '' || key.includes(`§${from}:`);
      return el?.getAttribute('data-state') === 'ready' && el.getAttribute('data-stale') === '0' && onModel;
    },
    [testId, model ?? ''] as const,
    { timeout },
  );
}

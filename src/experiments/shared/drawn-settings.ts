/**
 * What a training section draws: the latest snapshot with the settings it was trained with. A change
 * of settings restarts the run after the worker's debounce; until the new run's first snapshot, the
 * charts (and every export of them) go on showing the previous run, whole — never its weights with
 * the new settings' labels, and never nothing.
 */
import { useMemo } from 'react';
import { runSettings } from '../../state/run-key';
import type { ParamTable, ParamValues } from '../../state/url-params';

/** The settings of the run behind `snapshot` (its run key read back) over `state`; `state` before any snapshot. */
export function useDrawnSettings<T extends ParamTable, S extends ParamValues<T>>(
  table: T,
  keys: readonly (keyof T & string)[],
  snapshot: { runKey: string } | null,
  state: S,
): S {
  const key = snapshot?.runKey ?? null;
  return useMemo(() => (key === null ? state : runSettings(table, keys, key, state)), [table, keys, key, state]);
}

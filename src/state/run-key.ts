/**
 * A run's key: the settings a training run trains, written as the part of the page's address that
 * holds them — the run's fields under their URL keys, in their table's order, values at their defaults left out (so
 * the defaults' run has the key ''). E.g. at a glance with `?density=0.05&steps=3000&pin=…` the run
 * key is `density=0.05&steps=3000`.
 *
 * The page hands it to the worker with the run; every snapshot of the run carries it back, so a
 * section draws and exports a snapshot with the settings it was trained with (runSettings), even
 * while a newer run is starting; and the status line shows it (data-run-key), so a test can wait
 * for the run of exactly the settings it set.
 */
import { parseParams, queryString, serializeParams, type ParamTable, type ParamValues } from './url-params';

/** The part of a table a run trains (`fields`), in the table's order. */
function runTable(table: ParamTable, fields: readonly string[]): ParamTable {
  for (const f of fields) if (!(f in table)) throw new Error(`run key: "${f}" is not a field of the table`);
  return Object.fromEntries(Object.entries(table).filter(([f]) => fields.includes(f)));
}

/** The run key of `values`: its `keys` that differ from their defaults, as a query string. */
export function runKey<T extends ParamTable>(
  table: T,
  keys: readonly (keyof T & string)[],
  values: ParamValues<T>,
): string {
  const sub = runTable(table, keys);
  return queryString(serializeParams(sub, values as ParamValues<typeof sub>));
}

/**
 * The settings a run key stands for, over `values` (keys that are not the run's keep their value
 * there). Throws on a key that is not one of runKey's: keys come from the page, never from a reader.
 */
export function runSettings<T extends ParamTable, S extends ParamValues<T>>(
  table: T,
  keys: readonly (keyof T & string)[],
  key: string,
  values: S,
): S {
  const { values: run, ignored } = parseParams(runTable(table, keys), key);
  if (ignored.length) throw new Error(`not a run key of this table: ${key} (${ignored.join('; ')})`);
  return { ...values, ...run };
}

/** The run key of the settings in a page address (its search part, or a whole URL). */
export function runKeyOfAddress<T extends ParamTable>(table: T, keys: readonly (keyof T & string)[], address: string) {
  const search = address.includes('?') ? address.slice(address.indexOf('?')) : address;
  return runKey(table, keys, parseParams(table, search).values);
}

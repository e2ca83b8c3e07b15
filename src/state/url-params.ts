/**
 * URL state: each control is a short query key, parsed at one validated boundary. Anything
 * malformed, out of range or unknown falls back to its default and is reported in `ignored`,
 * so the page can show a notice instead of a blank figure.
 *
 * A table maps readable field names (what the code reads: `state.sparsities`) to specs; a spec's
 * `key` is the short code the link carries (`gcount`), and a spec without one is written in the
 * link under its field name (`n`, `density`).
 */

export type ParamSpec = (
  | { kind: 'int'; min: number; max: number; default: number }
  | { kind: 'number'; min: number; max: number; default: number }
  | { kind: 'enum'; values: readonly string[]; default: string }
  /** A number from a fixed menu (a select of sizes or strengths), written as the menu shows it. */
  | { kind: 'choice'; values: readonly number[]; default: number }
  | { kind: 'bool'; default: boolean }
  | ListSpec
  | TextSpec
) & {
  /** The code in the link (absent: the field's own name). */
  key?: string;
};

/**
 * A comma-separated list of numbers (`fon=0,2,4`), for controls with one value per item (per
 * feature, per chosen size). Every item must pass; a bad item rejects the whole list, so a link
 * never half-applies. `set` lists are unordered choices: duplicates are rejected and the order
 * normalised ascending; `allowed` restricts items to a fixed menu (a row of checkboxes).
 */
export interface ListSpec {
  kind: 'list';
  item: 'int' | 'number';
  min: number;
  max: number;
  maxLength: number;
  set?: boolean;
  allowed?: readonly number[];
  default: readonly number[];
}

/**
 * A short opaque string with its own format (a pinned model), checked by `check` at the same
 * boundary as every key: a value it rejects falls back to the default with its reason. `sticky`
 * keys are not settings of a figure: picking a preset leaves them as they are.
 */
export interface TextSpec {
  kind: 'text';
  maxLength: number;
  /** Why the value is not acceptable, or null when it is. */
  check(raw: string): string | null;
  sticky?: boolean;
  default: string;
}

export type ParamTable = Record<string, ParamSpec>;

/** The link's code for a field of a table. */
export function urlKey(table: ParamTable, field: string): string {
  return table[field].key ?? field;
}

/** The field a link's code stands for in a table (undefined: not one of its codes). */
export function fieldOfKey(table: ParamTable, key: string): string | undefined {
  return Object.keys(table).find((field) => urlKey(table, field) === key);
}

/** Every code a table accepts in a link, in the table's order. */
export function urlKeys(table: ParamTable): string[] {
  return Object.keys(table).map((field) => urlKey(table, field));
}

/** The parsed values of a table: an enum is the union of its values (declare tables `as const`). */
export type ParamValues<T extends ParamTable> = {
  [K in keyof T]: T[K] extends { kind: 'enum'; values: readonly (infer V)[] }
    ? V
    : T[K] extends { kind: 'bool' }
      ? boolean
      : T[K] extends { kind: 'list' }
        ? readonly number[]
        : T[K] extends { kind: 'text' }
          ? string
          : number;
};

export interface Parsed<T extends ParamTable> {
  values: ParamValues<T>;
  /** Human-readable reasons for every ignored key. */
  ignored: string[];
}

const MAX_SHOWN = 40;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const shown = (raw: string) => JSON.stringify(raw.length > MAX_SHOWN ? raw.slice(0, MAX_SHOWN) + '…' : raw);

export function defaults<T extends ParamTable>(table: T): ParamValues<T> {
  return Object.fromEntries(Object.entries(table).map(([k, s]) => [k, s.default])) as ParamValues<T>;
}

/** Parse `search` (a location.search string or URLSearchParams) against the table. */
export function parseParams<T extends ParamTable>(
  table: T,
  search: string | URLSearchParams,
  knownElsewhere: readonly string[] = [],
): Parsed<T> {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const values = defaults(table) as Record<string, Value>;
  const fieldOf = new Map(Object.keys(table).map((field) => [urlKey(table, field), field]));
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    const field = fieldOf.get(key);
    if (field === undefined) {
      if (!knownElsewhere.includes(key)) ignored.push(`unknown setting ${shown(key)}`);
      continue;
    }
    if (seen.has(key)) {
      ignored.push(`${key}: given more than once, kept the first`);
      continue;
    }
    seen.add(key);
    const spec = table[field];
    const v = parseValue(spec, raw);
    if (v.ok) values[field] = v.value;
    else ignored.push(`${key}=${shown(raw)}: ${v.reason}; using ${shownDefault(spec)}`);
  }
  return { values: values as ParamValues<T>, ignored };
}

type Value = number | string | boolean | readonly number[];
type Result<V> = { ok: true; value: V } | { ok: false; reason: string };

const shownDefault = (spec: ParamSpec) =>
  spec.kind === 'list'
    ? spec.default.length
      ? spec.default.join(',')
      : '(none)'
    : spec.kind === 'text' && spec.default === ''
      ? '(none)'
      : String(spec.default);

function parseNumber(raw: string, kind: 'int' | 'number', min: number, max: number): Result<number> {
  const t = raw.trim();
  // Plain decimal or scientific literals only: Number() would also take '0x10', '0b1', ' '.
  const v = DECIMAL.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(v)) return { ok: false, reason: 'not a number' };
  if (kind === 'int' && !Number.isInteger(v)) return { ok: false, reason: 'not a whole number' };
  if (v < min || v > max) return { ok: false, reason: `outside [${min}, ${max}]` };
  return { ok: true, value: v };
}

function parseList(spec: ListSpec, raw: string): Result<readonly number[]> {
  // An empty value is the empty list (every box unticked), not a list with one blank item.
  if (raw.trim() === '') return { ok: true, value: [] };
  const items = raw.split(',');
  if (items.length > spec.maxLength) return { ok: false, reason: `more than ${spec.maxLength} items` };
  const out: number[] = [];
  for (const [i, item] of items.entries()) {
    const v = parseNumber(item, spec.item, spec.min, spec.max);
    if (!v.ok) return { ok: false, reason: `item ${i + 1} ${shown(item)}: ${v.reason}` };
    if (spec.allowed && !spec.allowed.includes(v.value))
      return { ok: false, reason: `item ${i + 1} ${shown(item)}: not one of ${spec.allowed.join(', ')}` };
    if (spec.set && out.includes(v.value)) return { ok: false, reason: `item ${i + 1} ${shown(item)}: given twice` };
    out.push(v.value);
  }
  return { ok: true, value: spec.set ? out.sort((a, b) => a - b) : out };
}

function parseValue(spec: ParamSpec, raw: string): Result<Value> {
  switch (spec.kind) {
    case 'int':
    case 'number':
      return parseNumber(raw, spec.kind, spec.min, spec.max);
    case 'list':
      return parseList(spec, raw);
    case 'enum':
      return spec.values.includes(raw)
        ? { ok: true, value: raw }
        : { ok: false, reason: `not one of ${spec.values.join(', ')}` };
    case 'choice': {
      // Exactly as the menu writes it ('0.01', not '1e-2'), so every value has one link.
      const value = spec.values.find((v) => String(v) === raw);
      return value !== undefined ? { ok: true, value } : { ok: false, reason: `not one of ${spec.values.join(', ')}` };
    }
    case 'text': {
      if (raw.length > spec.maxLength) return { ok: false, reason: `longer than ${spec.maxLength} characters` };
      if (raw === spec.default) return { ok: true, value: raw };
      const why = spec.check(raw);
      return why === null ? { ok: true, value: raw } : { ok: false, reason: why };
    }
    case 'bool':
      if (raw === '1' || raw === 'true') return { ok: true, value: true };
      if (raw === '0' || raw === 'false') return { ok: true, value: false };
      return { ok: false, reason: 'not 1/0' };
  }
}

/** The table's sticky fields (TextSpec.sticky): a preset leaves them as they are. */
export function stickyFields(table: ParamTable): string[] {
  return Object.entries(table)
    .filter(([, s]) => s.kind === 'text' && s.sticky)
    .map(([k]) => k);
}

/** The values of a table's own fields, in its order (a section's settings without what it also reads). */
export function ownValues<T extends ParamTable>(table: T, values: ParamValues<T>): ParamValues<T> {
  const all: Record<string, unknown> = values;
  return Object.fromEntries(Object.keys(table).map((k) => [k, all[k]])) as ParamValues<T>;
}

/** Serialise the values that differ from their defaults (short, readable links). */
export function serializeParams<T extends ParamTable>(table: T, values: ParamValues<T>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [field, spec] of Object.entries(table)) {
    const v = (values as Record<string, unknown>)[field];
    const key = spec.key ?? field;
    if (v === spec.default) continue;
    if (spec.kind === 'list' && Array.isArray(v)) {
      if (sameList(v, spec.default)) continue;
      out.set(key, v.join(','));
      continue;
    }
    out.set(key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  return out;
}

/**
 * Values written as a link's parameters (code → text), every given field whether default or not:
 * a preset written in fields (`{ diagram: 'phase-3-2', grid: 24 }`) as the link that shows it.
 */
export function linkParams<T extends ParamTable>(table: T, values: Partial<ParamValues<T>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, v] of Object.entries(values)) {
    if (!(field in table)) throw new Error(`linkParams: no field "${field}" in the table`);
    out[urlKey(table, field)] = Array.isArray(v) ? v.join(',') : typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}

const sameList = (a: readonly unknown[], b: readonly unknown[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The query string for the address bar. URLSearchParams escapes ',' as %2C; a list reads better
 * as `fon=0,2,4`, and ',' is legal in a query, so it is left as is (parsing accepts both).
 */
export function queryString(params: URLSearchParams): string {
  return params.toString().replace(/%2C/gi, ',');
}

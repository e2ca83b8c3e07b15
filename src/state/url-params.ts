/**
 * URL state: each control is a readable query key, parsed at one validated boundary. Anything
 * malformed, out of range or unknown falls back to its default and is reported in `ignored`,
 * so the page can show a notice instead of a blank figure.
 */

export type ParamSpec =
  | { kind: 'int'; min: number; max: number; default: number }
  | { kind: 'number'; min: number; max: number; default: number }
  | { kind: 'enum'; values: readonly string[]; default: string }
  | { kind: 'bool'; default: boolean };

export type ParamTable = Record<string, ParamSpec>;

export type ParamValues<T extends ParamTable> = {
  [K in keyof T]: T[K] extends { kind: 'enum' } ? string : T[K] extends { kind: 'bool' } ? boolean : number;
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
export function parseParams<T extends ParamTable>(table: T, search: string | URLSearchParams, knownElsewhere: readonly string[] = []): Parsed<T> {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const values = defaults(table) as Record<string, number | string | boolean>;
  const ignored: string[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    const spec = table[key];
    if (!spec) {
      if (!knownElsewhere.includes(key)) ignored.push(`unknown setting ${shown(key)}`);
      continue;
    }
    if (seen.has(key)) {
      ignored.push(`${key}: given more than once, kept the first`);
      continue;
    }
    seen.add(key);
    const v = parseValue(spec, raw);
    if (v.ok) values[key] = v.value;
    else ignored.push(`${key}=${shown(raw)}: ${v.reason}; using ${String(spec.default)}`);
  }
  return { values: values as ParamValues<T>, ignored };
}

function parseValue(spec: ParamSpec, raw: string): { ok: true; value: number | string | boolean } | { ok: false; reason: string } {
  switch (spec.kind) {
    case 'int':
    case 'number': {
      const t = raw.trim();
      // Plain decimal or scientific literals only: Number() would also take '0x10', '0b1', ' '.
      const v = DECIMAL.test(t) ? Number(t) : NaN;
      if (!Number.isFinite(v)) return { ok: false, reason: 'not a number' };
      if (spec.kind === 'int' && !Number.isInteger(v)) return { ok: false, reason: 'not a whole number' };
      if (v < spec.min || v > spec.max) return { ok: false, reason: `outside [${spec.min}, ${spec.max}]` };
      return { ok: true, value: v };
    }
    case 'enum':
      return spec.values.includes(raw) ? { ok: true, value: raw } : { ok: false, reason: `not one of ${spec.values.join(', ')}` };
    case 'bool':
      if (raw === '1' || raw === 'true') return { ok: true, value: true };
      if (raw === '0' || raw === 'false') return { ok: true, value: false };
      return { ok: false, reason: 'not 1/0' };
  }
}

/** Serialise the values that differ from their defaults (short, readable links). */
export function serializeParams<T extends ParamTable>(table: T, values: ParamValues<T>): URLSearchParams {
  const out = new URLSearchParams();
  for (const [key, spec] of Object.entries(table)) {
    const v = (values as Record<string, unknown>)[key];
    if (v === spec.default) continue;
    out.set(key, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
  }
  return out;
}

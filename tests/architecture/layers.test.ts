/**
 * The layers point down only: model ← train ← worker ← {charts, state, ui} ← experiments ←
 * {app, cli}. Reads every import of every file in src/ with TypeScript's own pre-processor and
 * fails on an import of a higher layer or of a sibling at the same level, on any import circle
 * between files, and on worker/ reaching an experiment's maths or solvers (it knows no experiment).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

/** Each top-level folder of src/ and its level; a folder may import only folders of a lower level. */
export const LAYERS: Readonly<Record<string, number>> = {
  model: 0,
  train: 1,
  worker: 2,
  charts: 3,
  state: 3,
  ui: 3,
  experiments: 4,
  app: 5,
  cli: 5,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|mts|mjs)$/.test(name) ? [path] : [];
  });
}

/** The relative imports of a file (static, `import type`, re-exports and literal dynamic imports). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.'));
}

/** The top-level folder of src/ that a path (a file, or a folder imported through its index) lies in. */
function layerOf(path: string): string {
  return relative(SRC, path).split(sep)[0];
}

/** Why an import from one folder to another breaks the layering, or null when it is allowed. */
export function violation(from: string, to: string): string | null {
  if (from === to) return null;
  if (!(from in LAYERS)) return `${from}/ is not a known layer`;
  if (!(to in LAYERS)) return `${to}/ is not a known layer`;
  if (LAYERS[to] > LAYERS[from]) return `${from}/ (level ${LAYERS[from]}) imports ${to}/ (level ${LAYERS[to]}): upward`;
  if (LAYERS[to] === LAYERS[from]) return `${from}/ imports ${to}/ at the same level: siblings stay independent`;
  return null;
}

describe('the import graph of src/', () => {
  const files = sourceFiles(SRC);
  const edges = files.flatMap((file) =>
    importsOf(file).map((spec) => ({
      file: relative(SRC, file),
      from: layerOf(file),
      to: layerOf(resolve(dirname(file), spec)),
      spec,
    })),
  );

  it('reads every source file and finds the imports between layers', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.some((e) => e.from === 'experiments' && e.to === 'worker')).toBe(true);
    expect(edges.some((e) => e.from === 'app' && e.to === 'experiments')).toBe(true);
  });

  it('puts every file in a known layer', () => {
    expect(files.map(layerOf).filter((l) => !(l in LAYERS))).toEqual([]);
  });

  it('has no upward or sideways import between layers', () => {
    const bad = edges.flatMap((e) => {
      const why = violation(e.from, e.to);
      return why ? [`src/${e.file} → ${e.spec}: ${why}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('would catch one (the rule itself)', () => {
    expect(violation('model', 'train')).toMatch(/upward/);
    expect(violation('charts', 'experiments')).toMatch(/upward/);
    expect(violation('charts', 'state')).toMatch(/same level/);
    expect(violation('experiments', 'app')).toMatch(/upward/);
    expect(violation('app', 'experiments')).toBeNull();
    expect(violation('experiments', 'model')).toBeNull();
  });

  it('has no import circle between files', () => {
    const resolved = (file: string, spec: string) => {
      const base = resolve(dirname(file), spec);
      const hit = ['', '.ts', '.tsx', '.mjs', '/index.ts', '/index.tsx']
        .map((e) => base + e)
        .find((p) => fileSet.has(p));
      return hit ?? null;
    };
    const fileSet = new Set(files);
    const next = new Map(files.map((f) => [f, importsOf(f).flatMap((spec) => resolved(f, spec) ?? [])]));
    expect(circles(next).map((c) => c.map((f) => relative(SRC, f)).join(' → '))).toEqual([]);
    expect(
      circles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['a']],
        ]),
      ),
    ).toHaveLength(1);
  });

  it('worker/ imports no experiment maths and no solver (it knows no experiment)', () => {
    const bad = edges.filter(
      (e) =>
        e.from === 'worker' &&
        /(^|\/)(model\/footnotes|train\/solvers|experiments)(\/|$)/.test(
          relative(SRC, resolve(dirname(join(SRC, e.file)), e.spec)),
        ),
    );
    expect(bad.map((e) => `src/${e.file} → ${e.spec}`)).toEqual([]);
  });
});

/** The strongly connected groups of more than one file (Tarjan): each is an import circle. */
function circles(next: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) === order.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) out.push(group);
    }
  };
  for (const v of next.keys()) if (!order.has(v)) visit(v);
  return out;
}

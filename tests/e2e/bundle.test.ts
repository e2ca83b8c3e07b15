/**
 * Lean, self-contained build: the entry chunk stays under its budget (tfjs backends and KaTeX
 * load lazily), the page's chunks (the entry and every section it loads) hold neither tfjs nor
 * the footnotes' solvers (those load only in the workers), and the built page references nothing
 * outside its own folder.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { verbose } from '../helpers/log';

/** gzip budget of the entry chunk (React, d3 scales, the first section; later sections load lazily). Measured 86 kB. */
export const ENTRY_BUDGET_GZIP_KB = 110;

const DIST = process.env.E2E_DIST ?? 'dist';

describe('built bundle', () => {
  const html = readFileSync(`${DIST}/index.html`, 'utf8');
  const entry = /<script type="module" crossorigin src="\.\/(assets\/index-[\w-]+\.js)"><\/script>/.exec(html)?.[1];

  it(`the entry chunk is under ${ENTRY_BUDGET_GZIP_KB} kB gzipped and holds neither tfjs nor KaTeX`, () => {
    expect(entry).toBeDefined();
    const code = readFileSync(join(DIST, entry!));
    const kb = gzipSync(code).length / 1024;
    verbose(
      `entry chunk ${entry}: ${(code.length / 1024).toFixed(0)} kB, ${kb.toFixed(1)} kB gzipped (budget ${ENTRY_BUDGET_GZIP_KB})`,
    );
    expect(kb).toBeLessThan(ENTRY_BUDGET_GZIP_KB);
    const text = code.toString('utf8');
    // booleans, not toContain: a failure must not print a 340 kB file
    expect(text.includes('WEBGL_VERSION'), 'tfjs-backend-webgl in the entry chunk').toBe(false);
    expect(text.includes('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE'), 'tfjs-backend-webgpu in the entry chunk').toBe(false);
    expect(text.includes('KaTeX parse error'), 'KaTeX in the entry chunk').toBe(false);
  });

  it("the page's chunks (entry, sections and what they import) hold neither tfjs nor the solvers", () => {
    const manifest = JSON.parse(readFileSync(`${DIST}/.vite/manifest.json`, 'utf8')) as Record<
      string,
      { file: string; imports?: string[]; dynamicImports?: string[] }
    >;
    // Walk from the page's entry through static and lazy imports; the workers are built apart and never reached.
    const seen = new Set<string>();
    const walk = (key: string) => {
      if (seen.has(key)) return;
      seen.add(key);
      for (const next of [...(manifest[key].imports ?? []), ...(manifest[key].dynamicImports ?? [])]) walk(next);
    };
    walk('index.html');
    const files = [...seen].map((k) => manifest[k].file);
    expect(files.filter((f) => /Section-/.test(f)).length).toBeGreaterThan(5);
    const markers = {
      'tfjs-core': 'Cannot evaluate flag',
      'tfjs-backend-webgl': 'WEBGL_VERSION',
      'tfjs-backend-webgpu': 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE',
      'the L1-margin solver': 'L1MarginTrainer: W must be',
    };
    const found = files.flatMap((f) => {
      const text = readFileSync(join(DIST, f), 'utf8');
      return Object.entries(markers)
        .filter(([, marker]) => text.includes(marker))
        .map(([what]) => `${what} in ${f}`);
    });
    expect(found).toEqual([]);
  });

  it("the training worker's own chunk holds no GPU backend: tfjs WebGL and WebGPU load when their path starts", () => {
    const workers = readdirSync(`${DIST}/assets`).filter((f) => /^trainer\.worker-[\w-]+\.js$/.test(f));
    expect(workers.length).toBe(1);
    const text = readFileSync(join(DIST, 'assets', workers[0]), 'utf8');
    expect(text.includes('WEBGL_VERSION'), 'tfjs-backend-webgl in the worker chunk').toBe(false);
    expect(text.includes('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE'), 'tfjs-backend-webgpu in the worker chunk').toBe(false);
  });

  it('index.html loads only same-folder assets (relative URLs, no CDN)', () => {
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(1);
    for (const r of refs) expect(r.startsWith('./')).toBe(true);
    const assets = readdirSync(`${DIST}/assets`);
    expect(assets.some((f) => f.endsWith('.wasm'))).toBe(true); // tfjs wasm binaries are bundled
    expect(assets.some((f) => f.endsWith('.woff2'))).toBe(true); // KaTeX fonts are bundled
  });
});

/**
 * A figure's training movie, from the command line (for lecture slides):
 *   npm run movie -- --link '?backend=simd&seed=1&steps=3000' --figure at-a-glance.feature-geometry \
 *     --format webm --out geometry.webm
 * serves the built page (dist/, from `npm run build`; --dist for another folder) with vite's preview
 * server, opens the link in headless Chromium (playwright-core, Debian's /usr/bin/chromium or
 * CHROMIUM_PATH) and clicks the figure's Movie menu as a reader would, saving the download: the
 * same frames as the page's export of that link (they are rendered from the re-trained run, not
 * recorded), WebM/MP4 encoded by the browser's WebCodecs, GIF in JavaScript.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { MOVIE_FORMATS, type MovieFormat } from '../charts/movie/formats';
import { UsageError, parseOptions, print, printError, runCommand } from './command';
import { exportMovie } from './movie-driver';

/** The figures with a movie, by embed id (`<experiment>.<export name>`, as `?embed=` takes them). */
export const MOVIE_FIGURES: Readonly<Record<string, string>> = {
  'at-a-glance.wtw-bias': 'at a glance: WᵀW and bias',
  'at-a-glance.feature-norms': 'at a glance: feature norms',
  'at-a-glance.feature-geometry': 'at a glance: the hidden plane (m = 2)',
  'at-a-glance.loss-curve': 'at a glance: the loss curve, a cursor moving along it',
  'phase-change.phase-phase-2-1-trained': 'the trained phase diagram filling in (pexp=phase-3-2: …-3-2-…)',
  'geometry.geometry-model-<j>-dynamics': 'learning dynamics of sweep model j (the link sets gmodel=j)',
  'sparse-autoencoders.sae-geometry': "the shown SAE's decoder rows over the features (m = 2)",
  'sparse-autoencoders.sae-cos': "the shown SAE's features × latents |cos|",
};

export function usage(): string {
  return `Usage: npm run movie -- --link '<query>' --figure <id> [--format webm|mp4|gif] [--out <file>] [--manifest]
  --link <query>    the page's settings, as in its address ('?backend=simd&seed=1&steps=3000';
                    default: the page's defaults)
  --figure <id>     the figure, by its embed id (default at-a-glance.feature-geometry):
${Object.entries(MOVIE_FIGURES)
  .map(([id, what]) => `                      ${id.padEnd(40)} ${what}`)
  .join('\n')}
  --format <f>      webm (VP9, else VP8), mp4 (H.264) or gif (default webm)
  --out <file>      where to write it (default <figure name>.<format>)
  --manifest        also write <out>.json: settings, each frame's step and SHA-256 of its pixels
  --dist <dir>      the built page to serve (default dist; build it with npm run build)
  --help
Frames: one per steps/300 training steps (at most 300), 30 fps; the run is re-trained with the link's seed and path.
`;
}

/** The query string of a link: '?a=1', 'a=1' or a whole URL. */
export function linkQuery(link: string): string {
  const q = /^[a-z]+:\/\//i.test(link) ? new URL(link).search : link;
  return q.replace(/^\?/, '');
}

export async function main(argv: string[]): Promise<void> {
  const opts = parseOptions(argv, ['link', 'figure', 'format', 'out', 'dist'], ['manifest', 'help']);
  if (opts.flag('help')) return print(usage());
  const figure = opts.value('figure') ?? 'at-a-glance.feature-geometry';
  if (!/^[\w-]+\.[\w-]+$/.test(figure))
    throw new UsageError(`--figure takes an embed id such as at-a-glance.feature-geometry, got "${figure}"`);
  const format = (opts.value('format') ?? 'webm') as MovieFormat;
  if (!MOVIE_FORMATS.includes(format)) throw new UsageError(`--format must be webm, mp4 or gif, got "${format}"`);
  const query = linkQuery(opts.value('link') ?? '');
  const out = opts.value('out') ?? `${figure.split('.')[1]}.${format}`;
  const dist = opts.value('dist') ?? 'dist';
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/ holds no built page: run npm run build first`);

  const t0 = performance.now();
  const server = await preview({
    build: { outDir: dist },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
    logLevel: 'warn',
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => printError(`page error: ${e.message}`));
    await page.goto(`${server.resolvedUrls!.local[0]}${query ? `?${query}` : ''}`);
    print(`${figure}: exporting ${format} of ${query ? `?${query}` : 'the default settings'}…`);
    const made = await exportMovie(page, figure, format, { manifest: opts.flag('manifest') });
    writeFileSync(out, made.bytes);
    const t = made.timings;
    const s = (ms: number | undefined) => `${((ms ?? NaN) / 1000).toFixed(1)} s`;
    print(
      `wrote ${out} (${(made.bytes.length / 1e6).toFixed(2)} MB) in ${s(performance.now() - t0)}: ` +
        `frames built in ${s(t.load)}, rendered and encoded in ${s(t.total - t.load)}`,
    );
    if (made.manifest) {
      const json = `${out.replace(/\.[^./]+$/, '')}.json`;
      writeFileSync(json, `${JSON.stringify(made.manifest, null, 1)}\n`);
      print(`wrote ${json}: ${made.manifest.frames} frames, ${made.manifest.width}×${made.manifest.height} px`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

runCommand(/cli[\\/]movie\.ts$/, () => main(process.argv.slice(2)));

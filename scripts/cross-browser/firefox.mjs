// Embeds in Firefox ESR (puppeteer-core over WebDriver BiDi): each URL must show its figure with no console error.
// Not part of `npm test` (Chromium is the suite's browser). Set-up, once:
//   apt-get install -y firefox-esr && npm install --no-save puppeteer-core
// Run from the repository root on a build (DIST, default dist):
//   node scripts/cross-browser/firefox.mjs '?embed=at-a-glance.wtw-bias&backend=js' …
// The last lines check that a console error would be seen (a probe) and count the clean embeds.
import puppeteer from 'puppeteer-core';
import { preview } from 'vite';

const server = await preview({
  build: { outDir: process.env.DIST ?? 'dist' },
  preview: { host: '127.0.0.1', port: 0 },
  logLevel: 'warn',
});
const base = server.resolvedUrls.local[0];
const browser = await puppeteer.launch({
  browser: 'firefox',
  executablePath: '/usr/bin/firefox-esr',
  headless: true,
  args: ['--width=1000', '--height=900'],
});
const page = await browser.newPage();
// (setViewport is not in this Firefox's BiDi)
let problems = [];
page.on('console', (m) => {
  if (m.type() === 'error' || m.type() === 'warn') problems.push(`${m.type()}: ${m.text()}`);
});
page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
const urls = process.argv.slice(2);
let bad = 0;
for (const q of urls) {
  problems = [];
  const t0 = Date.now();
  await page.goto(base + q);
  let ok = true;
  try {
    await page.waitForSelector('.embed-page[data-embed-state="found"] .embed-figure-slot .chart-body > *', {
      timeout: 60000,
    });
  } catch {
    ok = false;
  }
  const svg = await page.evaluate(() => document.querySelectorAll('.embed-figure-slot svg').length);
  if (!ok || problems.length) bad++;
  console.log(
    `${ok ? 'ok ' : 'NO '} ${(Date.now() - t0) / 1000}s svg=${svg} errors=${problems.length} ${q}${problems.length ? '\n   ' + problems.join('\n   ') : ''}`,
  );
  if (process.env.SHOT) await page.screenshot({ path: `/tmp/ff-${urls.indexOf(q)}.png` });
}
problems = [];
await page.evaluate(() => console.error('probe-error'));
await new Promise((r) => setTimeout(r, 500));
console.log('probe captured:', problems.join().includes('probe-error'));
console.log(`firefox ${await browser.version()}: ${urls.length - bad}/${urls.length} embeds clean`);
await browser.close();
await server.close();

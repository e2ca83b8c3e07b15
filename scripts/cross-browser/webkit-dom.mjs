// Embeds in WebKitGTK (MiniBrowser through WebKitWebDriver, under xvfb-run): each URL must show its figure. Console
// messages do not reach WebKitWebDriver's output (the probe at the end says so): webkit-console.mjs reads them.
// Not part of `npm test`. Set-up, once: apt-get install -y webkit2gtk-driver xvfb xauth && npm install --no-save
// selenium-webdriver. Run from the repository root on a build (DIST, default dist):
//   xvfb-run -a node scripts/cross-browser/webkit-dom.mjs '?embed=at-a-glance.wtw-bias&backend=js' …
import { spawn } from 'node:child_process';
import { Builder, By, until } from 'selenium-webdriver';
import { preview } from 'vite';

const server = await preview({
  build: { outDir: process.env.DIST ?? 'dist' },
  preview: { host: '127.0.0.1', port: 0 },
  logLevel: 'warn',
});
const base = server.resolvedUrls.local[0];
const driverProc = spawn('WebKitWebDriver', ['--port=4455'], { stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
driverProc.stdout.on('data', (d) => (out += d));
driverProc.stderr.on('data', (d) => (out += d));
await new Promise((r) => setTimeout(r, 1500));
const caps = {
  browserName: 'MiniBrowser',
  'webkitgtk:browserOptions': {
    binary: '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
    args: ['--automation', '--enable-write-console-messages-to-stdout=true'],
  },
};
const driver = await new Builder().usingServer('http://127.0.0.1:4455').withCapabilities(caps).build();
const urls = process.argv.slice(2);
let bad = 0;
for (const q of urls) {
  const mark = out.length;
  const t0 = Date.now();
  await driver.get(base + q);
  let ok = true;
  try {
    await driver.wait(
      until.elementLocated(By.css('.embed-page[data-embed-state="found"] .embed-figure-slot .chart-body > *')),
      60000,
    );
  } catch {
    ok = false;
  }
  const svg = (await driver.findElements(By.css('.embed-figure-slot svg'))).length;
  await new Promise((r) => setTimeout(r, 300));
  const msgs = out
    .slice(mark)
    .split('\n')
    .filter((l) => /CONSOLE.*(ERROR|WARN)|error/i.test(l));
  if (!ok || msgs.length) bad++;
  console.log(
    `${ok ? 'ok ' : 'NO '} ${(Date.now() - t0) / 1000}s svg=${svg} errors=${msgs.length} ${q.slice(0, 70)}${msgs.length ? '\n   ' + msgs.join('\n   ') : ''}`,
  );
  if (process.env.SHOT)
    await import('node:fs').then((fs) =>
      driver.takeScreenshot().then((b) => fs.writeFileSync(`/tmp/wk-${urls.indexOf(q)}.png`, b, 'base64')),
    );
}
await driver.executeScript("console.error('probe-error')");
await new Promise((r) => setTimeout(r, 500));
console.log('probe captured:', out.includes('probe-error'));
const all = out.split('\n').filter((l) => l.includes('CONSOLE'));
console.log(`webkitgtk: ${urls.length - bad}/${urls.length} embeds clean; console lines seen in all: ${all.length}`);
if (process.env.SHOW) console.log(all.slice(0, 20).join('\n'));
await driver.quit();
driverProc.kill();
await server.close();

// Console messages of each embed in WebKitGTK's MiniBrowser (--enable-write-console-messages-to-stdout), 10 s each,
// and a probe page that logs an error (to show messages are seen). Not part of `npm test`. Set-up, once:
//   apt-get install -y webkit2gtk-driver xvfb xauth
// Run from the repository root on a build (DIST, default dist):
//   xvfb-run -a node scripts/cross-browser/webkit-console.mjs '?embed=at-a-glance.wtw-bias&backend=js' …
import { spawn } from 'node:child_process';
import { preview } from 'vite';

const server = await preview({
  build: { outDir: process.env.DIST ?? 'dist' },
  preview: { host: '127.0.0.1', port: 0 },
  logLevel: 'warn',
});
const base = server.resolvedUrls.local[0];
const urls = process.argv.slice(2);
let bad = 0;
for (const q of [...urls, 'PROBE']) {
  const url = q === 'PROBE' ? "data:text/html,<script>console.error('probe-error')</script>" : base + q;
  const proc = spawn('/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser', [
    '--enable-write-console-messages-to-stdout=true',
    url,
  ]);
  let out = '';
  proc.stdout.on('data', (d) => (out += d));
  proc.stderr.on('data', (d) => (out += d));
  await new Promise((r) => setTimeout(r, q === 'PROBE' ? 3000 : 10000));
  proc.kill();
  const lines = out.split('\n').filter((l) => l.includes('CONSOLE'));
  if (q !== 'PROBE' && lines.length) bad++;
  console.log(`${q.slice(0, 70)}: ${lines.length} console lines${lines.length ? '\n   ' + lines.join('\n   ') : ''}`);
}
console.log(`webkitgtk console: ${urls.length - bad}/${urls.length} embeds with no console message`);
await server.close();

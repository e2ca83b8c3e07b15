#!/usr/bin/env node
/**
 * npm run test:stress [-- --runs N] [--hogs K] [--build] [-- <vitest args>]
 * The browser tests under load: runs the e2e suite N times (default 10) with K busy processes
 * (default 2, `yes > /dev/null` alike: one spinning Node process each) beside it, started before
 * the first run and ended after the last, and prints a table of pass/fail per run and every
 * failed test. A test that fails here depends on timing or load. Needs dist/ (built first when
 * it is missing, or with --build). Exits 1 when any run failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) fail(`${name} needs a whole number, got ${JSON.stringify(args[i + 1])}`);
  return v;
};
const runs = option('--runs', 10);
const hogs = option('--hogs', 2);
const extra = args.includes('--') ? args.slice(args.indexOf('--') + 1) : [];
const print = (line = '') => process.stdout.write(`${line}\n`);

function fail(message) {
  process.stderr.write(`stress: ${message}\n`);
  process.exit(2);
}

if (runs < 1) fail('--runs must be at least 1');
if (args.includes('--build') || !existsSync('dist/index.html')) {
  print('building dist/ once (npm run build)…');
  const built = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (built.status !== 0) fail('npm run build failed');
}

// The busy processes: each spins one core until killed.
const busy = Array.from({ length: hogs }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stopBusy = () => busy.forEach((p) => p.exitCode === null && p.kill('SIGKILL'));
process.on('exit', stopBusy);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

const lastLines = (text) =>
  (text ?? '')
    .trim()
    .split('\n')
    .filter((l) => l.trim())
    .slice(-3)
    .join(' ')
    .slice(0, 300);

/** One run of the e2e suite: its exit status, the tests that failed, counts and seconds. */
function runSuite(k) {
  const dir = mkdtempSync(join(tmpdir(), 'stress-'));
  const report = join(dir, 'report.json');
  const t0 = Date.now();
  const res = spawnSync(
    'npx',
    ['vitest', 'run', '--config', 'vitest.e2e.config.ts', '--reporter=json', `--outputFile=${report}`, ...extra],
    { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const seconds = (Date.now() - t0) / 1000;
  const failed = [];
  let passed = 0;
  let total = 0;
  if (existsSync(report)) {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed = json.numPassedTests ?? 0;
    total = json.numTotalTests ?? 0;
    for (const file of json.testResults ?? [])
      for (const t of file.assertionResults ?? [])
        if (t.status === 'failed')
          failed.push({
            run: k,
            test: `${file.name.replace(`${process.cwd()}/`, '')} › ${t.fullName}`,
            why: (t.failureMessages?.[0] ?? '').split('\n')[0].slice(0, 300),
          });
    if ((json.success === false || res.status !== 0) && failed.length === 0)
      failed.push({ run: k, test: '(suite)', why: lastLines(res.stderr) || 'vitest failed with no failed test' });
  } else {
    failed.push({ run: k, test: '(suite)', why: lastLines(res.stderr) || 'vitest wrote no report' });
  }
  rmSync(dir, { recursive: true, force: true });
  return { k, ok: res.status === 0 && failed.length === 0, passed, total, seconds, failed };
}

print(`e2e suite × ${runs}, with ${hogs} busy process${hogs === 1 ? '' : 'es'} beside it`);
const results = [];
try {
  for (let k = 1; k <= runs; k++) {
    const r = runSuite(k);
    results.push(r);
    print(`run ${k}/${runs}: ${r.ok ? 'pass' : 'FAIL'} (${r.passed}/${r.total} tests, ${r.seconds.toFixed(0)} s)`);
    // At once, not only in the table at the end: a long stress run can be read (or stopped) as it goes.
    for (const f of r.failed) print(`  failed: ${f.test}: ${f.why}`);
  }
} finally {
  stopBusy();
}

print();
print('| run | result | tests passed | seconds |');
print('|---|---|---|---|');
for (const r of results)
  print(`| ${r.k} | ${r.ok ? 'pass' : 'FAIL'} | ${r.passed}/${r.total} | ${r.seconds.toFixed(0)} |`);
const green = results.filter((r) => r.ok).length;
print();
print(`${green}/${runs} runs green`);
const failures = results.flatMap((r) => r.failed);
if (failures.length) {
  print();
  print('| run | failed test | first line of the failure |');
  print('|---|---|---|');
  for (const f of failures) print(`| ${f.run} | ${f.test} | ${f.why.replace(/\|/g, '\\|')} |`);
}
process.exit(green === runs ? 0 : 1);

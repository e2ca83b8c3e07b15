/** The headless CLI: argument errors are clear usage errors; a run writes JSON that round-trips. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseModelJson, weightsFromJson } from '../../src/model/io/model-json';
import { UsageError } from '../../src/cli/command';
import { parseTrainArgs, runTrain } from '../../src/cli/train';
import { instanceMetrics } from '../../src/model/metrics';

const dir = mkdtempSync(join(tmpdir(), 'superposition-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train CLI', () => {
  it.each([
    [['--n', 'five'], /--n must be an integer in \[1, 1024\], got "five"/],
    [['--sparsity', '1'], /--sparsity must be a sparsity S in \[0, 0.9999\]/],
    [['--sparsity', '0.9', '--density', '0.1'], /give one of --sparsity, --density and --densities/],
    [['--n', '3', '--densities', '0.1,0.2'], /--densities needs 3 comma-separated numbers \(one per feature\), got 2/],
    [['--n', '3', '--densities', '0.1,0,0.2'], /--densities: item 2 must be a number in \[0.0001, 1\], got "0"/],
    [['--n', '2', '--importances', '1,x'], /--importances: item 2 must be a number in \[0, 1e6\], got "x"/],
    [['--importance-decay', '0.9', '--importances', '1,1,1,1,1'], /give --importance-decay or --importances, not both/],
    [['--kind', 'tanh'], /--kind must be relu or linear/],
    [['--path', 'webgl'], /--path must be simd, js, wasm or cpu/],
    [['--steps', '1.5'], /--steps must be an integer/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with a usage error', (argv, message) => {
    expect(() => parseTrainArgs(argv)).toThrow(UsageError);
    expect(() => parseTrainArgs(argv)).toThrow(message);
  });

  it('builds the paper configuration from flags', () => {
    const args = parseTrainArgs([
      '--n',
      '6',
      '--m',
      '3',
      '--sparsity',
      '0.99',
      '--importance-decay',
      '0.8',
      '--seeds',
      '2',
      '--seed',
      '7',
    ])!;
    expect(args.config.n).toBe(6);
    expect(args.config.instances.map((i) => i.seed)).toEqual([7, 8]);
    expect(args.config.instances[0].density[5]).toBeCloseTo(0.01, 6);
    expect(args.config.instances[0].importance[2]).toBeCloseTo(0.64, 6);
    expect(args.config.batchSize).toBe(1024);
  });

  it('takes per-feature importances and densities, and writes them into the JSON', async () => {
    const args = parseTrainArgs(['--n', '3', '--importances', '1,0.5,2', '--densities', '1,0.05,0.3', '--seeds', '2'])!;
    for (const inst of args.config.instances) {
      expect(Array.from(inst.importance)).toEqual([1, 0.5, 2]);
      expect(Array.from(inst.density, (v) => Number(v.toFixed(6)))).toEqual([1, 0.05, 0.3]);
    }
    const out = join(dir, 'per-feature.json');
    await runTrain(
      ['--n', '3', '--m', '2', '--importances', '1,0.5,2', '--densities', '1,0.05,0.3', '--steps', '50', '--out', out],
      () => undefined,
    );
    const json = parseModelJson(readFileSync(out, 'utf8'));
    // Stored as the float32 values trained on (exact round trip).
    expect(json.instances[0].importance).toEqual([1, 0.5, 2]);
    expect(json.instances[0].density).toEqual([1, Math.fround(0.05), Math.fround(0.3)]);
  });

  it('trains and writes JSON whose weights reproduce the stored metrics', async () => {
    const out = join(dir, 'model.json');
    const lines: string[] = [];
    await runTrain(
      [
        '--n',
        '5',
        '--m',
        '2',
        '--density',
        '1',
        '--steps',
        '300',
        '--seeds',
        '2',
        '--history-every',
        '100',
        '--out',
        out,
      ],
      (s) => lines.push(s),
    );
    expect(lines.at(-1)).toBe(`wrote ${out}`);
    const json = parseModelJson(readFileSync(out, 'utf8'));
    expect(json.instances).toHaveLength(2);
    expect(json.lossHistory.step).toEqual([100, 200, 300]);
    const inst = json.instances[0];
    const W = weightsFromJson(inst);
    expect(W).toHaveLength(10);
    const m = instanceMetrics(W, 5, 2);
    inst.metrics.norms.forEach((v, i) => expect(m.norms[i]).toBeCloseTo(v, 5));
    // the loss fell over the run
    expect(json.lossHistory.loss[0][2]).toBeLessThan(json.lossHistory.loss[0][0]);
    expect(() => parseModelJson('{"format":"other"}')).toThrow();
  });

  it('exits with status 2 and no stack trace on bad arguments', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/train.ts', '--m', '0'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error: --m must be an integer in [1, 256], got "0"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const help = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/train.ts', '--help'], {
      encoding: 'utf8',
    });
    expect(help).toContain('--importance-decay');
  });
});

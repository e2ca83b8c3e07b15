/** npm run sae: clear usage errors, --help lists the presets, a quick run writes SVGs and a JSON that parses. */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command';
import { main, usage } from '../../src/cli/sae';

const dir = mkdtempSync(join(tmpdir(), 'superposition-sae-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('sae CLI', () => {
  it.each([
    [[], /--preset is required/],
    [
      ['--preset', 'intro-s90'],
      /--preset must be one of sae-pentagon, sae-n20, sae-absorption, sae-splitting, got "intro-s90"/,
    ],
    [['--preset'], /--preset/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j with a usage error', async (argv, message) => {
    await expect(main(argv, () => undefined)).rejects.toThrow(UsageError);
    await expect(main(argv, () => undefined)).rejects.toThrow(message);
  });

  it('lists every lab preset in --help', async () => {
    let out = '';
    await main(['--help'], (s) => (out += s));
    expect(out).toBe(usage());
    for (const id of ['sae-pentagon', 'sae-n20', 'sae-pentagon', 'sae-splitting']) expect(out).toContain(id);
  });

  it('writes the section’s figures and its JSON export for a preset', async () => {
    let out = '';
    await main(['--preset', 'sae-pentagon', '--quick', '--out', dir], (s) => (out += s));
    const files = readdirSync(dir).sort();
    expect(files).toEqual(
      ['cos', 'firing', 'firing-history', 'frontier', 'geometry']
        .map((f) => `sae-pentagon-${f}.svg`)
        .concat('sae-pentagon.json')
        .sort(),
    );
    for (const f of files.filter((f) => f.endsWith('.svg')))
      expect(readFileSync(join(dir, f), 'utf8')).toMatch(/^<\?xml[^]*<svg/);
    const json = JSON.parse(readFileSync(join(dir, 'sae-pentagon.json'), 'utf8'));
    expect(json.format).toBe('superposition-explorable/sae-lab@1');
    expect(json.model.W).toHaveLength(5);
    expect(json.instances).toHaveLength(2 * 8); // 2 seeds (quick) × 8 remedies
    expect(json.instances[0].W_enc).toHaveLength(5);
    expect(json.instances[0].scorecard.represented).toEqual([0, 1, 2, 3, 4]);
    expect(out).toMatch(/Matryoshka/);
  });
});

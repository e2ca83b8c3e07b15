/**
 * The sparse-autoencoder lab, headless:
 *   npm run sae -- --preset sae-pentagon --out sae-out [--quick]
 * trains a preset's toy model and SAEs exactly as the page's section does, prints the scorecard of
 * every setting (the remedies' counts, the frontier), and writes the section's figures as standalone
 * SVGs and its JSON export (the toy model's W, every SAE's encoder, decoder and scorecard).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRESETS } from '../experiments';
import { figures } from '../experiments/sparse-autoencoders/figures';
import { UsageError, parseOptions, runCommand } from './command';

const LAB_PRESETS = () => PRESETS.filter((p) => p.experiment === 'sparse-autoencoders');

export function usage(): string {
  return `Usage: npm run sae -- --preset <id> [--out <dir>] [--quick]
  --preset <id>   one of:
${LAB_PRESETS()
  .map((p) => `                    ${p.id.padEnd(16)} ${p.title}`)
  .join('\n')}
  --out <dir>     output folder, created if missing (default sae-out)
  --quick         ${figures.quick}
  --help
`;
}

interface GroupRow {
  label: string;
  seeds: number;
  full: number;
  meanMcc: number;
  meanL0: number;
  meanFvu: number;
  meanDead: number;
  meanGap: number | null;
}

export async function main(argv: string[], print: (s: string) => void): Promise<void> {
  const opts = parseOptions(argv, ['preset', 'out'], ['quick', 'help']);
  if (opts.flag('help')) {
    print(usage());
    return;
  }
  const id = opts.value('preset');
  if (id === undefined) throw new UsageError('--preset is required');
  const preset = LAB_PRESETS().find((p) => p.id === id);
  if (!preset)
    throw new UsageError(
      `--preset must be one of ${LAB_PRESETS()
        .map((p) => p.id)
        .join(', ')}, got "${id}"`,
    );
  const out = opts.value('out') ?? 'sae-out';
  const t0 = performance.now();
  const result = await figures.render(preset, { quick: opts.flag('quick'), threads: 1 }, (s) => print(`${s}\n`));
  mkdirSync(out, { recursive: true });
  const files: string[] = [];
  for (const f of result.figures) {
    const name = `${preset.id}-${f.name}.svg`;
    writeFileSync(join(out, name), f.svg);
    files.push(name);
  }
  writeFileSync(join(out, `${preset.id}.json`), JSON.stringify(result.json, null, 1));
  files.push(`${preset.id}.json`);
  const groups = (result.json as { groups: GroupRow[] }).groups;
  print(`${preset.title}\n`);
  print(`${'setting'.padEnd(22)} all features   MCC     L0      FVU     dead   gap\n`);
  for (const g of groups) {
    print(
      `${g.label.padEnd(22)} ${`${g.full} of ${g.seeds}`.padEnd(14)} ${g.meanMcc.toFixed(3)}   ${g.meanL0.toFixed(2).padStart(5)}   ${g.meanFvu.toFixed(3)}   ${g.meanDead.toFixed(1).padStart(4)}   ${g.meanGap === null ? '–' : g.meanGap.toFixed(2)}\n`,
    );
  }
  print(`wrote ${files.length} files to ${out}/ in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
}

runCommand(/sae\.ts$/, () => main(process.argv.slice(2), (s) => process.stdout.write(s)));

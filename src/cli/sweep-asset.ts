/**
 * The trained sweeps the geometry section ships and opens on (src/experiments/geometry/shipped/):
 *   npm run sweep-asset -- --size paper             train and write src/experiments/geometry/shipped/paper.sweep
 *   npm run sweep-asset -- --size paper --verify    train again and compare with the shipped file's hashes
 * The sweep is the section's own (geometryTrainConfig of the named size, seed 1) on the simd path, the instances split
 * over threads (the same weights on any number). The file is gzip of model/io/sweep-asset.ts's format.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GEOMETRY_PARAMS, GEOMETRY_SIZES, geometryTrainConfig } from '../experiments/geometry/params';
import { dimensionsPerFeature, instanceWeights } from '../model/metrics';
import { fmtCount, formatDuration } from '../model/format';
import {
  SWEEP_ASSET_FORMAT,
  decodeSweepAsset,
  encodeSweepAsset,
  modelBytes,
  type SweepAsset,
  type SweepAssetSettings,
} from '../model/io/sweep-asset';
import { defaultHeadlessPath } from '../train/basic/paths';
import { ThreadedTrainer } from '../train/threads/threaded-trainer';
import type { TrainerState } from '../train/trainer';
import { UsageError, cliThreads, parseOptions, print, runCommand } from './command';

/** The step whose exact weights a test re-trains (a few seconds for two of the paper's models). */
export const CHECKPOINT_STEP = 200;
export const SHIPPED_SIZES = ['paper', 'notebook'] as const;
export type ShippedSize = (typeof SHIPPED_SIZES)[number];

/** Where the section's shipped file of a size lives. */
export const shippedFile = (size: ShippedSize) =>
  fileURLToPath(new URL(`../experiments/geometry/shipped/${size}.sweep`, import.meta.url));

/** The shipped sweep's settings: the named size with the section's default seed. */
export function shippedSettings(size: ShippedSize): SweepAssetSettings {
  const values = GEOMETRY_SIZES.find((s) => s.id === size)!.values;
  return { ...values, seed: GEOMETRY_PARAMS.seed.default };
}

/** SHA-256 of each model's float32 W then b. */
export function modelHashes(state: Pick<TrainerState, 'W' | 'b'>, s: SweepAssetSettings): string[] {
  return Array.from({ length: s.sparsities }, (_, j) =>
    createHash('sha256')
      .update(modelBytes(state.W, state.b, j, s.n, s.m))
      .digest('hex'),
  );
}

/** A shipped file read back (gunzipped and decoded). */
export const readShipped = (file: string): SweepAsset => decodeSweepAsset(gunzipSync(readFileSync(file)));

const USAGE = `Usage: npm run sweep-asset -- --size <paper|notebook> [options]
  --size <paper|notebook>  n = 400, m = 30 or n = 200, m = 20; 20 sparsities, 10,000 steps, seed 1
  --threads <int|auto>     worker threads (default auto: every core; the weights are the same on any number)
  --out <file>             where to write (default src/experiments/geometry/shipped/<size>.sweep)
  --verify                 train again and compare with the file's hashes; write nothing
  --help`;

async function main(argv: string[]): Promise<void> {
  const opts = parseOptions(argv, ['size', 'threads', 'out'], ['verify', 'help']);
  if (opts.flag('help')) return print(USAGE);
  const size = SHIPPED_SIZES.find((s) => s === opts.value('size'));
  if (!size) throw new UsageError(`--size must be paper or notebook, got "${opts.value('size') ?? ''}"`);
  const threads = cliThreads(opts.value('threads'));
  const out = opts.value('out') ?? shippedFile(size);
  const settings = shippedSettings(size);
  const config = geometryTrainConfig(settings);
  const path = await defaultHeadlessPath(config);
  if (path !== 'simd' && path !== 'js') throw new Error(`the sweep trains on simd or js, not ${path}`);
  print(
    `${size}: n = ${settings.n}, m = ${settings.m}, ${settings.sparsities} sparsities, ${fmtCount(settings.steps)} steps,`,
  );
  print(`  seed ${settings.seed}, path ${path}, ${threads} thread(s)`);

  const trainer = new ThreadedTrainer(config, threads, path);
  const t0 = performance.now();
  let checkpoint: string[] = [];
  let final: TrainerState;
  try {
    let lastLog = t0;
    while (trainer.stepCount < settings.steps) {
      const target = trainer.stepCount < CHECKPOINT_STEP ? CHECKPOINT_STEP : settings.steps;
      await trainer.step(Math.min(25, target - trainer.stepCount));
      if (trainer.stepCount === CHECKPOINT_STEP) checkpoint = modelHashes(await trainer.read(), settings);
      const now = performance.now();
      if (now - lastLog > 30_000) {
        lastLog = now;
        const rate = trainer.stepCount / ((now - t0) / 1000);
        const left = formatDuration((settings.steps - trainer.stepCount) / rate);
        print(`  step ${fmtCount(trainer.stepCount)} / ${fmtCount(settings.steps)}, about ${left} left`);
      }
    }
    final = await trainer.read();
  } finally {
    trainer.dispose();
  }
  const seconds = (performance.now() - t0) / 1000;
  const finalHashes = modelHashes(final, settings);
  print(`trained in ${formatDuration(seconds)}`);

  if (opts.flag('verify')) {
    const shipped = readShipped(out).header;
    const same = (a: string[], b: string[]) => a.length === b.length && a.every((h, j) => h === b[j]);
    const okCheckpoint = shipped.checkpoint.step === CHECKPOINT_STEP && same(checkpoint, shipped.checkpoint.sha256);
    const okFinal = same(finalHashes, shipped.final.sha256);
    print(
      `step ${CHECKPOINT_STEP}: ${okCheckpoint ? 'identical' : 'DIFFERENT'}; step ${settings.steps}: ${okFinal ? 'identical' : 'DIFFERENT'}`,
    );
    if (!okCheckpoint || !okFinal) throw new Error(`${out} is not what this command trains here`);
    return;
  }
  const asset: SweepAsset = {
    header: {
      format: SWEEP_ASSET_FORMAT,
      settings,
      path,
      threads,
      command: `npm run sweep-asset -- --size ${size}`,
      trainedAt: new Date().toISOString(),
      trainingSeconds: Math.round(seconds),
      loss: Array.from(final.loss),
      checkpoint: { step: CHECKPOINT_STEP, sha256: checkpoint },
      final: { sha256: finalHashes },
      dimsPerFeature: Array.from({ length: settings.sparsities }, (_, j) =>
        dimensionsPerFeature(instanceWeights(final.W, j, settings.n, settings.m), settings.m),
      ),
    },
    W: final.W,
    b: final.b,
  };
  const bytes = gzipSync(encodeSweepAsset(asset), { level: 9 });
  writeFileSync(out, bytes);
  // The exact float32 weights beside it, for whoever wants them (not shipped).
  if (process.env.SWEEP_ASSET_RAW)
    writeFileSync(process.env.SWEEP_ASSET_RAW, new Uint8Array(new Float32Array([...final.W, ...final.b]).buffer));
  print(`wrote ${out}: ${(bytes.length / 1024).toFixed(0)} KiB gzipped`);
}

runCommand(/cli[\\/]sweep-asset\.ts$/, () => main(process.argv.slice(2)));

/**
 * Training movies in headless Chromium: rendered offline from the run (re-trained with the link's seed
 * and path), never recorded from the screen, so two exports of the same link — each from a freshly
 * opened page — give the same frames, pixel for pixel (the manifests' per-frame SHA-256s). The WebM
 * and MP4 are valid files with one frame per step shown (read back with mediabunny's demuxer), and
 * where WebCodecs is missing the menu says so and GIF is the fallback. Timings live in the bench.
 */
import { readFileSync } from 'node:fs';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { frameSteps } from '../../src/charts/movie/timing';
import { exportMovie, type DrivenMovie } from '../../src/cli/movie-driver';
import { openPage, type OpenPage } from './browser';
import { waitForRun } from './runs';

const baseUrl = inject('baseUrl');
const DIST = process.env.E2E_DIST ?? 'dist';
/** A pinned link: path, seed and length fixed (3,000 steps: 300 frames, one every 10 steps). */
const LINK = '?backend=simd&seed=1&steps=3000';
/** The same, short (100 steps: 100 frames, one a step), where the test is of the format, not of 300 frames. */
const SHORT = '?backend=simd&seed=1&steps=100';
const FIGURE = 'at-a-glance.feature-geometry';

let open: OpenPage | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** Open the pinned link in a fresh browser, let its run finish, and export the figure's movie. */
async function exportOnce(format: 'webm' | 'mp4' | 'gif', link = LINK, init?: () => void): Promise<DrivenMovie> {
  await open?.close();
  open = await openPage(baseUrl, init ? '?steps=100' : link);
  if (init) {
    await open.page.addInitScript(init);
    await open.page.goto(baseUrl + link);
  }
  await waitForRun(open.page, 'glance');
  const made = await exportMovie(open.page, FIGURE, format, { manifest: true, timeoutMs: 100_000 });
  expect(open.problems).toEqual([]);
  return made;
}

/** What the demuxer reads of a video: codec, size, frame (packet) count, duration. */
async function readVideo(bytes: Buffer) {
  const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(bytes) });
  const track = (await input.getPrimaryVideoTrack())!;
  const stats = await track.computePacketStats();
  return {
    mime: await input.getMimeType(),
    codec: track.codec,
    width: track.displayWidth,
    height: track.displayHeight,
    packets: stats.packetCount,
    duration: await input.computeDuration(),
  };
}

describe('training movies', () => {
  it('two exports of the same link give the same frames; the WebM is valid, 300 frames over 10 s', async () => {
    const a = await exportOnce('webm');
    const b = await exportOnce('webm');
    for (const made of [a, b]) {
      expect(made.fileName).toBe('feature-geometry.webm');
      expect([...made.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]); // EBML magic
    }
    const m = a.manifest!;
    expect(m).toMatchObject({ container: 'webm', fps: 30, frames: 300, duration: 10, figure: 'feature-geometry' });
    expect(m.steps).toEqual(frameSteps(3000));
    expect(m.settings).toMatchObject({ n: 5, m: 2, seed: 1, steps: 3000, path: 'simd' });
    expect(m.frameSha256).toHaveLength(300);
    expect(m.frameSha256.every((h) => /^[0-9a-f]{64}$/.test(h))).toBe(true);
    // Training moves the vectors: the frames are not all one picture.
    expect(new Set(m.frameSha256).size).toBeGreaterThan(100);
    // Deterministic: the second export, from a fresh page, has every frame identical.
    expect(b.manifest!.frameSha256).toEqual(m.frameSha256);

    const video = await readVideo(a.bytes);
    expect(video.mime).toMatch(/^video\/webm/);
    expect(['vp9', 'vp8']).toContain(video.codec);
    expect({ width: video.width, height: video.height }).toEqual({ width: m.width, height: m.height });
    expect(video.packets).toBe(300);
    expect(video.duration).toBeCloseTo(10, 1);
  });

  it('MP4 (H.264) where the encoder allows: a valid file, 100 frames over 3⅓ s', async () => {
    const made = await exportOnce('mp4', SHORT);
    expect(made.fileName).toBe('feature-geometry.mp4');
    expect(made.bytes.subarray(4, 8).toString('ascii')).toBe('ftyp');
    const video = await readVideo(made.bytes);
    expect(video.codec).toBe('avc');
    expect(video.packets).toBe(100);
    expect(video.duration).toBeCloseTo(100 / 30, 1);
    expect(made.manifest!.frameSha256).toHaveLength(100);
  });

  it('without WebCodecs, WebM and MP4 are disabled with the reason and the movie is a GIF', async () => {
    const made = await exportOnce('gif', SHORT, () => {
      // A browser without WebCodecs (older Safari and Firefox).
      Reflect.deleteProperty(window, 'VideoEncoder');
    });
    const page = open!.page;
    const menu = page.locator(`[data-figure-id="${FIGURE}"] .movie-menu`);
    for (const format of ['webm', 'mp4']) {
      await expect.poll(() => menu.locator(`input[data-format="${format}"]`).isDisabled()).toBe(true);
      expect(await menu.locator(`label:has(input[data-format="${format}"])`).textContent()).toMatch(/WebCodecs/);
    }
    expect(made.fileName).toBe('feature-geometry.gif');
    expect(made.bytes.subarray(0, 6).toString('ascii')).toBe('GIF89a');
    expect(made.manifest).toMatchObject({ container: 'gif', frames: 100, codec: null });
    // The same frames as the video's, at 1× (GIF) rather than 2×: different hashes, same count and steps.
    expect(made.manifest!.steps).toEqual(frameSteps(100));
  });

  it('the phase grid fills in cell by cell in a fixed order: one frame per cell of a 6×6 grid', async () => {
    open = await openPage(baseUrl, '?pgrid=6&pseeds=1&psteps=500');
    const made = await exportMovie(open.page, 'phase-change.phase-phase-2-1-trained', 'webm', {
      manifest: true,
      timeoutMs: 100_000,
    });
    expect(made.manifest).toMatchObject({ frames: 36, container: 'webm' });
    expect(made.manifest!.steps).toEqual(Array.from({ length: 36 }, (_, k) => k + 1));
    expect(new Set(made.manifest!.frameSha256).size).toBeGreaterThan(30);
    expect((await readVideo(made.bytes)).packets).toBe(36);
    expect(open.problems).toEqual([]);
  });

  it("the encoder and muxers load on demand: none of them is in the page's entry chunk", () => {
    const html = readFileSync(`${DIST}/index.html`, 'utf8');
    const entry = /src="\.\/(assets\/index-[\w-]+\.js)"/.exec(html)![1];
    const code = readFileSync(`${DIST}/${entry}`, 'utf8');
    expect(code.includes('Mediabunny'), 'mediabunny in the entry chunk').toBe(false);
    expect(code.includes('First frame must include a { palette }'), 'gifenc in the entry chunk').toBe(false);
    expect(code.includes('renderToStaticMarkup'), 'react-dom/server in the entry chunk').toBe(false);
  });
});

/**
 * The worker protocol end to end over a real MessageChannel with Comlink (the same transport
 * the page uses with its Worker), against the real TrainerService.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import type { TrainConfig } from '../../src/model/config';
import type { Snapshot, TrainerApi } from '../../src/worker/protocol';
import { TrainerService } from '../../src/worker/service';
import { seedsConfig } from '../train/basic/helpers';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

function connect() {
  const { port1, port2 } = new MessageChannel();
  const service = new TrainerService();
  Comlink.expose(service, port1 as unknown as Comlink.Endpoint);
  const api = Comlink.wrap<TrainerApi>(port2 as unknown as Comlink.Endpoint);
  const snaps: Snapshot[] = [];
  cleanups.push(() => {
    void service.dispose();
    api[Comlink.releaseProxy]();
    port1.close();
    port2.close();
  });
  return { api, snaps, service, ready: api.subscribe(Comlink.proxy((s: Snapshot) => void snaps.push(s))) };
}

const small = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  ...seedsConfig({ n: 5, m: 2, density: 0.1, decay: 0.9, seeds: [1, 2], batchSize: 256 }),
  ...over,
});

async function until(cond: () => boolean, ms = 20_000) {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('worker protocol', () => {
  it('configure + start trains to maxSteps, streaming throttled snapshots with transferable arrays', async () => {
    const { api, snaps, ready } = connect();
    await ready;
    const report = await api.configure(small(), { path: 'js', maxSteps: 1500, autoStart: true });
    expect(report.path).toBe('js');
    const t0 = Date.now();
    await until(() => snaps.at(-1)?.status === 'done');
    const seconds = (Date.now() - t0) / 1000;
    const last = snaps.at(-1)!;
    expect(last.step).toBe(1500);
    expect(last.W).toBeInstanceOf(Float32Array);
    expect(last.W.length).toBe(2 * 5 * 2);
    expect(last.b.length).toBe(2 * 5);
    expect(Array.from(last.loss).every(Number.isFinite)).toBe(true);
    // Steps only grow, and no more than ~30 snapshots per second arrive.
    for (let i = 1; i < snaps.length; i++) expect(snaps[i].step).toBeGreaterThanOrEqual(snaps[i - 1].step);
    expect(snaps.length).toBeLessThanOrEqual(Math.ceil(seconds * 30) + 3);
    // The loss falls.
    const first = snaps.find((s) => s.step > 0)!;
    expect(last.loss[0]).toBeLessThan(first.loss[0]);
  });

  it('pause stops the steps, stepN runs exactly N, start resumes', async () => {
    const { api, snaps, ready } = connect();
    await ready;
    await api.configure(small(), { path: 'js', maxSteps: 1e6, autoStart: true });
    await until(() => (snaps.at(-1)?.step ?? 0) > 20);
    const paused = (await api.pause())!;
    expect(paused.status).toBe('paused');
    await until(() => snaps.at(-1)!.status === 'paused');
    await new Promise((r) => setTimeout(r, 150));
    expect(snaps.at(-1)!.step).toBe(paused.step);
    const after = await api.stepN(7);
    expect(after.step).toBe(paused.step + 7);
    await api.start();
    await until(() => snaps.at(-1)!.step > paused.step + 50);
    await api.pause();
  });

  it('a burst of parameter changes restarts once; warm start keeps the weights; reset restores the init', async () => {
    const { api, snaps, ready } = connect();
    await ready;
    await api.configure(small(), { path: 'js', maxSteps: 1e6, autoStart: false });
    await until(() => snaps.length > 0);
    const initial = snaps.at(-1)!;
    expect(initial.step).toBe(0);
    const trained = await api.stepN(200);
    const runId = trained.runId;
    const changes = [0.2, 0.3, 0.4, 0.5].map((d) => {
      const c = small();
      c.instances.forEach((inst) => inst.density.fill(d));
      return api.changeParams(c, { warmStart: true });
    });
    await Promise.all(changes);
    await until(() => snaps.at(-1)!.runId !== runId);
    const warm = snaps.at(-1)!;
    expect(warm.runId).toBe(runId + 1); // four calls, one restart
    expect(warm.step).toBe(0);
    expect(Array.from(warm.W)).toEqual(Array.from(trained.W));
    await api.reset();
    await until(() => snaps.at(-1)!.runId === runId + 2);
    expect(Array.from(snaps.at(-1)!.W)).toEqual(Array.from(initial.W));
  });

  it('NaN/Inf stops training with a message instead of drawing garbage', async () => {
    const { api, snaps, ready } = connect();
    await ready;
    const c = small();
    c.optimizer = { ...c.optimizer, learningRate: 1e30 };
    await api.configure(c, { path: 'js', maxSteps: 1e6, autoStart: true });
    await until(() => snaps.at(-1)?.status === 'error');
    expect(snaps.at(-1)!.message).toMatch(/NaN or Inf/);
    const step = snaps.at(-1)!.step;
    await new Promise((r) => setTimeout(r, 100));
    expect(snaps.at(-1)!.step).toBe(step);
  });

  it('a backend that fails mid-run hands over to the next one from the last good weights and step', async () => {
    const { api, snaps, ready } = connect();
    await ready;
    await api.configure(small(), {
      path: 'wasm',
      maxSteps: 400,
      autoStart: true,
      simulateFailure: { path: 'wasm', afterSteps: 150 },
    });
    await until(() => snaps.at(-1)?.status === 'done', 60_000);
    const firstAfter = snaps.findIndex((s) => s.path !== 'wasm' && s.step > 0);
    expect(firstAfter).toBeGreaterThan(0);
    const before = snaps
      .slice(0, firstAfter)
      .filter((s) => s.path === 'wasm')
      .at(-1)!;
    const after = snaps[firstAfter];
    expect(after.path).toBe('simd');
    expect(after.message).toMatch(
      /The wasm backend failed \(simulated loss of the WebGL context\); training continues on simd from step \d+/,
    );
    expect(before.step).toBeGreaterThan(0);
    // no restart: steps never go back, and the weights continue from where wasm left them
    for (let k = 1; k < snaps.length; k++) expect(snaps[k].step).toBeGreaterThanOrEqual(snaps[k - 1].step);
    const resumedAt = Number(/from step (\d+)/.exec(after.message!)![1]);
    expect(resumedAt).toBe(before.step);
    const drift = Math.max(...Array.from(after.W, (w, i) => Math.abs(w - before.W[i])));
    expect(drift).toBeLessThan(0.05 * (after.step - before.step + 1));
    expect(snaps.at(-1)!.step).toBe(400);
  });

  it('rejects an invalid configuration with a clear error', async () => {
    const { api, ready } = connect();
    await ready;
    await expect(api.configure(small({ m: 0 }), { path: 'js', maxSteps: 10, autoStart: false })).rejects.toThrow(
      /m must be/,
    );
  });

  it('auto path: measures the candidate paths and picks the fastest', async () => {
    const { api, ready } = connect();
    await ready;
    const report = await api.configure(small(), { path: 'auto', maxSteps: 10, autoStart: false });
    // js, simd and tfjs wasm in Node; the measured fastest is chosen (simd here, by far, but the
    // test asserts the rule, not the machine).
    expect(report.timings.map((t) => t.path).sort()).toEqual(['js', 'simd', 'wasm']);
    expect(report.path).toBe(report.timings[0].path);
    for (let i = 1; i < report.timings.length; i++) {
      expect(report.timings[i - 1].stepsPerSecond).toBeGreaterThanOrEqual(report.timings[i].stepsPerSecond);
    }
  });

  describe.each(['js', 'simd'] as const)('rewinding and hand-set weights (%s path)', (path) => {
    it('keeps checkpoints on round steps; rewinding and training again repeats the run bit for bit', async () => {
      const { api, snaps, ready } = connect();
      await ready;
      await api.configure(small(), { path, maxSteps: 400, autoStart: true, history: { every: 50, max: 100 } });
      await until(() => snaps.at(-1)?.status === 'done');
      const end = snaps.at(-1)!;
      expect(end.checkpoints).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400]);
      // Peeking shows an earlier step without changing the run.
      const peeked = (await api.peek(230))!;
      expect(peeked.step).toBe(200);
      expect(Array.from(peeked.W)).not.toEqual(Array.from(end.W));
      expect((await api.snapshot())!.step).toBe(400);
      // Rewind to 200 and train the same 200 steps again: the same weights as before.
      const back = (await api.rewind(200))!;
      expect(back.step).toBe(200);
      expect(back.status).toBe('paused');
      expect(Array.from(back.W)).toEqual(Array.from(peeked.W));
      expect(back.checkpoints).toEqual([0, 50, 100, 150, 200]);
      const again = await api.stepN(200);
      expect(again.step).toBe(400);
      expect(Array.from(again.W)).toEqual(Array.from(end.W));
      expect(Array.from(again.b)).toEqual(Array.from(end.b));
      expect(again.checkpoints).toEqual([0, 50, 100, 150, 200, 250, 300, 350, 400]);
    });

    it('thins the checkpoints when full (bounded memory), keeping step 0', async () => {
      const { api, snaps, ready } = connect();
      await ready;
      await api.configure(small(), { path, maxSteps: 1000, autoStart: true, history: { every: 50, max: 8 } });
      await until(() => snaps.at(-1)?.status === 'done');
      const cps = snaps.at(-1)!.checkpoints!;
      expect(cps.length).toBeLessThanOrEqual(8);
      expect(cps[0]).toBe(0);
      expect(cps.at(-1)).toBe(1000);
      for (let k = 1; k < cps.length; k++) expect(cps[k] - cps[k - 1]).toBe(cps[1] - cps[0]);
    });

    it('sets hand-placed weights while paused; training resumes from them', async () => {
      const { api, ready } = connect();
      await ready;
      await api.configure(small(), { path, maxSteps: 10_000, autoStart: false, history: { every: 50, max: 100 } });
      await api.stepN(120);
      const W = Float32Array.from({ length: 2 * 5 * 2 }, (_, i) => Math.cos(i));
      const b = new Float32Array(2 * 5).fill(-0.1);
      const set = await api.setWeights(W, b);
      expect(set.status).toBe('paused');
      expect(set.step).toBe(120);
      expect(Array.from(set.W)).toEqual(Array.from(W));
      expect(Array.from(set.b)).toEqual(Array.from(b));
      expect(set.checkpoints).toEqual([0, 50, 100, 120]);
      const after = await api.stepN(30);
      expect(after.step).toBe(150);
      expect(Array.from(after.W)).not.toEqual(Array.from(W));
      // Going back to the hand-set state is possible, and bad input is refused clearly.
      expect(Array.from((await api.rewind(120))!.W)).toEqual(Array.from(W));
      await expect(api.setWeights(new Float32Array(3), b)).rejects.toThrow(/expected W of 20/);
      await expect(
        api.setWeights(
          W.map(() => NaN),
          b,
        ),
      ).rejects.toThrow(/finite/);
    });

    it('a finished run goes on from hand-set weights when start raises the cap (never lowers it)', async () => {
      const { api, snaps, ready } = connect();
      await ready;
      await api.configure(small(), { path, maxSteps: 100, autoStart: true, history: { every: 50, max: 100 } });
      await until(() => snaps.at(-1)?.status === 'done');
      const W = Float32Array.from({ length: 2 * 5 * 2 }, (_, i) => Math.sin(i));
      const set = await api.setWeights(W, new Float32Array(2 * 5));
      expect(set.step).toBe(100);
      await api.start(); // at the cap: nothing to do
      expect((await api.snapshot())!.step).toBe(100);
      await api.start({ maxSteps: 50 }); // a lower cap is ignored
      expect((await api.snapshot())!.step).toBe(100);
      await api.start({ maxSteps: 180 });
      await until(() => snaps.at(-1)?.status === 'done' && snaps.at(-1)!.step === 180);
      expect(Array.from(snaps.at(-1)!.W)).not.toEqual(Array.from(W));
      expect(snaps.at(-1)!.checkpoints).toEqual([0, 50, 100, 150]);
    });
  });
});

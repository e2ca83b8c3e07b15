/**
 * The worker protocol end to end over a real MessageChannel with Comlink (the same transport
 * the page uses with its Worker), against the real TrainerService. Waits are on snapshots (events)
 * and on the service's own state, never on time; the debounce runs on fake timers.
 */
import * as Comlink from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageChannel } from 'node:worker_threads';
import type { TrainConfig } from '../../src/model/config';
import { CHANGE_DEBOUNCE_MS, type Snapshot, type TrainerApi } from '../../src/worker/protocol';
import { PathChooser } from '../../src/worker/path-choice';
import { TrainerService } from '../../src/worker/service';
import { SnapshotLog } from '../helpers/snapshots';
import { seedsConfig } from '../train/basic/helpers';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.useRealTimers();
  cleanups.splice(0).forEach((f) => f());
});

function connect() {
  const { port1, port2 } = new MessageChannel();
  const service = new TrainerService();
  Comlink.expose(service, port1 as unknown as Comlink.Endpoint);
  const api = Comlink.wrap<TrainerApi>(port2 as unknown as Comlink.Endpoint);
  const log = new SnapshotLog();
  cleanups.push(() => {
    void service.dispose();
    api[Comlink.releaseProxy]();
    port1.close();
    port2.close();
  });
  return { api, log, snaps: log.all, service, ready: api.subscribe(Comlink.proxy((s: Snapshot) => log.push(s))) };
}

const small = (over: Partial<TrainConfig> = {}): TrainConfig => ({
  ...seedsConfig({ n: 5, m: 2, density: 0.1, decay: 0.9, seeds: [1, 2], batchSize: 256 }),
  ...over,
});

describe('worker protocol: a run', () => {
  it('configure + start trains to maxSteps, streaming snapshots with transferable arrays', async () => {
    const { api, log, snaps, ready } = connect();
    await ready;
    const report = await api.configure(small(), { path: 'js', maxSteps: 1500, autoStart: true, runKey: 'seeds=2' });
    expect(report.path).toBe('js');
    const last = await log.until((s) => s.status === 'done');
    expect(last.step).toBe(1500);
    expect(last.runKey).toBe('seeds=2');
    expect(last.W).toBeInstanceOf(Float32Array);
    expect(last.W.length).toBe(2 * 5 * 2);
    expect(last.b.length).toBe(2 * 5);
    expect(Array.from(last.loss).every(Number.isFinite)).toBe(true);
    // Steps only grow, every snapshot names the run, and the loss falls.
    for (let i = 1; i < snaps.length; i++) expect(snaps[i].step).toBeGreaterThanOrEqual(snaps[i - 1].step);
    expect(new Set(snaps.map((s) => s.runKey))).toEqual(new Set(['seeds=2']));
    const first = snaps.find((s) => s.step > 0)!;
    expect(last.loss[0]).toBeLessThan(first.loss[0]);
  });

  it('snapshots are throttled by the clock, not by the steps: with the clock stopped, only the first and the last', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    vi.advanceTimersByTime(1000); // a page that has been open a second; then the clock stands still
    const service = new TrainerService();
    const log = new SnapshotLog();
    await service.subscribe(log.push);
    await service.configure(small(), { path: 'js', maxSteps: 1500, autoStart: true });
    await log.until((s) => s.status === 'done');
    await service.dispose();
    expect(log.all.map((s) => s.status)).toEqual(['running', 'done']);
    expect(log.all.at(-1)!.step).toBe(1500);
  });

  it('pause stops the steps, stepN runs exactly N, start resumes', async () => {
    const { api, log, service, ready } = connect();
    await ready;
    await api.configure(small(), { path: 'js', maxSteps: 1e6, autoStart: true });
    await log.until((s) => s.step > 20);
    const paused = (await api.pause())!;
    expect(paused.status).toBe('paused');
    // The step loop has ended, so no step can follow: the run stays where the pause left it.
    expect(service.looping).toBe(false);
    expect((await api.snapshot())!.step).toBe(paused.step);
    expect(log.latest).toMatchObject({ status: 'paused', step: paused.step });
    const after = await api.stepN(7);
    expect(after.step).toBe(paused.step + 7);
    expect(service.looping).toBe(false);
    await api.start();
    expect(service.looping).toBe(true);
    await log.until((s) => s.step > paused.step + 50);
    await api.pause();
  });

  it('NaN/Inf stops training with a message instead of drawing garbage, and start does not go on', async () => {
    const { api, log, service, ready } = connect();
    await ready;
    const c = small();
    c.optimizer = { ...c.optimizer, learningRate: 1e30 };
    await api.configure(c, { path: 'js', maxSteps: 1e6, autoStart: true });
    const failed = await log.until((s) => s.status === 'error');
    expect(failed.message).toMatch(/NaN or Inf/);
    // pause waits for the step loop to end; the run stays errored, at the failed step.
    expect(await api.pause()).toMatchObject({ status: 'error', step: failed.step });
    expect(service.looping).toBe(false);
    // start trains an errored run no further (a started loop would take its first step at once).
    await api.start();
    expect(service.looping).toBe(false);
    expect(await api.snapshot()).toMatchObject({ status: 'error', step: failed.step });
  });
});

describe('worker protocol: changes of settings', () => {
  it('a burst of parameter changes restarts once, a debounce after the last; warm start keeps the weights; reset restores the init', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const service = new TrainerService();
    cleanups.push(() => void service.dispose());
    const log = new SnapshotLog();
    await service.subscribe(log.push);
    await service.configure(small(), { path: 'js', maxSteps: 1e6, autoStart: false, runKey: 'd=0.1' });
    const initial = await log.until((s) => s.step === 0);
    const trained = await service.stepN(200);
    const changes: Promise<void>[] = [];
    for (const d of [0.2, 0.3, 0.4, 0.5]) {
      const c = small();
      c.instances.forEach((inst) => inst.density.fill(d));
      changes.push(service.changeParams(c, { warmStart: true, runKey: `d=${d}` }));
      // Each change comes just inside the debounce of the one before.
      await vi.advanceTimersByTimeAsync(CHANGE_DEBOUNCE_MS - 1);
    }
    expect(log.latest).toMatchObject({ runId: trained.runId, runKey: 'd=0.1', step: 200 }); // not restarted yet
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(changes);
    const warm = log.latest!;
    expect(warm).toMatchObject({ runId: trained.runId + 1, runKey: 'd=0.5', step: 0 }); // four calls, one restart
    expect(log.all.filter((s) => s.runId === trained.runId + 1)).toHaveLength(1);
    expect(Array.from(warm.W)).toEqual(Array.from(trained.W));
    await service.reset();
    expect(log.latest).toMatchObject({ runId: trained.runId + 2, runKey: 'd=0.5' });
    expect(Array.from(log.latest!.W)).toEqual(Array.from(initial.W));
  });
});

describe('worker protocol: a change the page has already waited for', () => {
  it('with debounceMs 0 restarts on the next turn, with the same weights as a debounced change of the same settings', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const runs: Snapshot[] = [];
    for (const debounceMs of [0, undefined]) {
      const service = new TrainerService();
      cleanups.push(() => void service.dispose());
      const log = new SnapshotLog();
      await service.subscribe(log.push);
      await service.configure(small(), { path: 'js', maxSteps: 1e6, autoStart: false, runKey: 'd=0.1' });
      const first = await service.stepN(50);
      const c = small();
      c.instances.forEach((inst) => inst.density.fill(0.3));
      const change = service.changeParams(c, { runKey: 'd=0.3', debounceMs });
      await vi.advanceTimersByTimeAsync(0);
      if (debounceMs === undefined) {
        expect(log.latest).toMatchObject({ runId: first.runId, step: 50 }); // still waiting
        await vi.advanceTimersByTimeAsync(CHANGE_DEBOUNCE_MS);
      }
      await change;
      expect(log.latest).toMatchObject({ runId: first.runId + 1, runKey: 'd=0.3', step: 0 });
      runs.push(await service.stepN(50));
    }
    // The timing of a restart changes nothing of the run: same seeds, same data, same weights.
    expect(Array.from(runs[0].W)).toEqual(Array.from(runs[1].W));
  });

  it('a change of densities keeps the chosen path without asking the chooser again; a change of shape asks', async () => {
    const choose = vi.spyOn(PathChooser.prototype, 'choose');
    cleanups.push(() => choose.mockRestore());
    const service = new TrainerService();
    cleanups.push(() => void service.dispose());
    const log = new SnapshotLog();
    await service.subscribe(log.push);
    await service.configure(small(), { path: 'simd', maxSteps: 1e6, autoStart: false, runKey: 'a' });
    expect(choose).toHaveBeenCalledTimes(1);
    const denser = small();
    denser.instances.forEach((inst) => inst.density.fill(0.5));
    await service.changeParams(denser, { runKey: 'b', debounceMs: 0 });
    expect(choose).toHaveBeenCalledTimes(1);
    expect(log.latest).toMatchObject({ runKey: 'b', path: 'simd' });
    const wider = seedsConfig({ n: 6, m: 2, density: 0.1, decay: 0.9, seeds: [1, 2], batchSize: 256 });
    await service.changeParams(wider, { runKey: 'c', debounceMs: 0 });
    expect(choose).toHaveBeenCalledTimes(2);
    await service.changeParams(small(), { runKey: 'd', path: 'js', debounceMs: 0 });
    expect(choose).toHaveBeenCalledTimes(3);
    expect(log.latest).toMatchObject({ runKey: 'd', path: 'js' });
  });
});

describe('worker protocol: paths and bad input', () => {
  it('a path that fails mid-run hands over to the next one from the last good weights and step', async () => {
    const { api, log, snaps, ready } = connect();
    await ready;
    await api.configure(small(), {
      path: 'wasm',
      maxSteps: 400,
      autoStart: true,
      simulateFailure: { path: 'wasm', afterSteps: 150 },
    });
    await log.until((s) => s.status === 'done');
    const firstAfter = snaps.findIndex((s) => s.path !== 'wasm' && s.step > 0);
    expect(firstAfter).toBeGreaterThan(0);
    const before = snaps
      .slice(0, firstAfter)
      .filter((s) => s.path === 'wasm')
      .at(-1)!;
    const after = snaps[firstAfter];
    expect(after.path).toBe('simd');
    expect(after.message).toMatch(
      /The wasm path failed \(simulated loss of the WebGL context\); training continues on simd from step \d+/,
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
});

describe.each(['js', 'simd'] as const)('rewinding and hand-set weights (%s path)', (path) => {
  it('keeps checkpoints on round steps; rewinding and training again repeats the run bit for bit', async () => {
    const { api, log, snaps, ready } = connect();
    await ready;
    await api.configure(small(), { path, maxSteps: 400, autoStart: true, history: { every: 50, max: 100 } });
    await log.until((s) => s.status === 'done');
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
    const { api, log, snaps, ready } = connect();
    await ready;
    await api.configure(small(), { path, maxSteps: 1000, autoStart: true, history: { every: 50, max: 8 } });
    await log.until((s) => s.status === 'done');
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
    const { api, log, snaps, ready } = connect();
    await ready;
    await api.configure(small(), { path, maxSteps: 100, autoStart: true, history: { every: 50, max: 100 } });
    await log.until((s) => s.status === 'done');
    const W = Float32Array.from({ length: 2 * 5 * 2 }, (_, i) => Math.sin(i));
    const set = await api.setWeights(W, new Float32Array(2 * 5));
    expect(set.step).toBe(100);
    await api.start(); // at the cap: nothing to do
    expect((await api.snapshot())!.step).toBe(100);
    await api.start({ maxSteps: 50 }); // a lower cap is ignored
    expect((await api.snapshot())!.step).toBe(100);
    await api.start({ maxSteps: 180 });
    await log.until((s) => s.status === 'done' && s.step === 180);
    expect(Array.from(snaps.at(-1)!.W)).not.toEqual(Array.from(W));
    expect(snaps.at(-1)!.checkpoints).toEqual([0, 50, 100, 150]);
  });
});

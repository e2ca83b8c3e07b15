/** The task worker's machinery with tasks of its own (it knows no experiment). */
import { describe, expect, it } from 'vitest';
import { TaskRunner, isSuperseded, type Progress, type TaskContext } from '../../src/worker/tasks';

/** A task that waits for `release` before it finishes, breathing in between (so a newer request can supersede it). */
function gated() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const started: number[] = [];
  let onStart: () => void = () => undefined;
  /** Resolves when the next request of this task starts. */
  const nextStart = () => new Promise<void>((resolve) => (onStart = resolve));
  const task = async (req: { id: number }, ctx: TaskContext<number>) => {
    started.push(req.id);
    onStart();
    ctx.progress({ done: 0, total: 1, label: `task ${req.id}` });
    ctx.partial(req.id);
    await gate;
    await ctx.breathe();
    return req.id * 10;
  };
  return { task, started, nextStart, release: () => open() };
}

describe('TaskRunner', () => {
  it('runs requests in arrival order, one at a time, and streams progress and partial results', async () => {
    const g = gated();
    const other = async (req: { id: number }) => -req.id;
    const runner = new TaskRunner({ slow: async () => g.task, other: async () => other });
    const progress: Progress[] = [];
    const partial: unknown[] = [];
    const aStarted = g.nextStart();
    const a = runner.run(
      'slow',
      { id: 1 },
      (p) => progress.push(p),
      (v) => partial.push(v),
    );
    let bDone = false;
    const b = runner.run('other', { id: 2 }).finally(() => (bDone = true));
    // a starts; b waits behind it while a holds the queue.
    await aStarted;
    expect(g.started).toEqual([1]);
    expect(bDone).toBe(false);
    g.release();
    expect(await a).toBe(10);
    expect(await b).toBe(-2);
    expect(progress).toEqual([{ done: 0, total: 1, label: 'task 1' }]);
    expect(partial).toEqual([1]);
  });

  it('a newer request of the same name supersedes a running one and one still waiting; other names are untouched', async () => {
    const g = gated();
    const other = async () => 'other';
    const runner = new TaskRunner({ slow: async () => g.task, other: async () => other });
    const firstStarted = g.nextStart();
    const first = runner.run('slow', { id: 1 });
    await firstStarted;
    const keep = runner.run('other', {});
    const waiting = runner.run('slow', { id: 2 });
    const newest = runner.run('slow', { id: 3 });
    g.release();
    await expect(first).rejects.toThrow(/^superseded/);
    await expect(waiting).rejects.toThrow(/^superseded/);
    expect(await keep).toBe('other');
    expect(await newest).toBe(30);
    // The waiting request never started: superseded before its turn.
    expect(g.started).toEqual([1, 3]);
    expect(isSuperseded(await first.catch((e: unknown) => e))).toBe(true);
  });

  it('loads each task once; a failed import is tried again; an unknown name is a clear error', async () => {
    let loads = 0;
    let fail = true;
    const runner = new TaskRunner({
      double: async () => {
        loads++;
        if (fail) throw new Error('chunk failed to load');
        return async (x: number) => 2 * x;
      },
    });
    await expect(runner.run('double', 1)).rejects.toThrow('chunk failed to load');
    fail = false;
    expect(await runner.run('double', 2)).toBe(4);
    expect(await runner.run('double', 3)).toBe(6);
    expect(loads).toBe(2);
    await expect(runner.run('triple', 1)).rejects.toThrow('unknown task "triple"');
  });

  it('a failing page callback never stops the task; a failing task does not block the next', async () => {
    const runner = new TaskRunner({
      chatty: async () => async (_: unknown, ctx: TaskContext<number>) => {
        ctx.progress({ done: 1, total: 1, label: 'x' });
        ctx.partial(1);
        return 'finished';
      },
      broken: async () => async () => {
        throw new RangeError('bad request');
      },
    });
    const throws = () => {
      throw new Error('page gone');
    };
    const rejects = () => Promise.reject(new Error('proxy closed'));
    expect(await runner.run('chatty', null, throws, rejects)).toBe('finished');
    await expect(runner.run('broken', null)).rejects.toThrow('bad request');
    expect(await runner.run('chatty', null)).toBe('finished');
  });
});

import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { closeWorkers, runInWorker, workerPool } from './worker-pool.ts';

const pool = workerPool<{ kind: 'thread' | 'fail' | 'forever' }, number>(new URL('./worker-pool-fixture.ts', import.meta.url), { maxThreads: 1, idleTimeoutMs: 1_000 });
afterAll(() => Promise.all([pool.close(), closeWorkers()]));

describe('a worker pool', () => {
  it('runs a task, written in TypeScript, on a thread other than the caller’s', async () => {
    const ranOn = await pool.run({ kind: 'thread' });
    expect(ranOn).not.toBe(threadId);
    expect(ranOn).toBeGreaterThan(0);
  });

  it('rejects with the task’s own error when it fails, and runs the next task', async () => {
    await expect(pool.run({ kind: 'fail' })).rejects.toThrow('The task failed as asked');
    await expect(pool.run({ kind: 'thread' })).resolves.toBeGreaterThan(0);
  });

  it('ends a task that never finishes when its signal aborts, and runs the next task on a new thread', async () => {
    const before = await pool.run({ kind: 'thread' });
    const stop = new AbortController();
    const running = pool.run({ kind: 'forever' }, { signal: stop.signal });
    setTimeout(() => stop.abort(new Error('took too long')), 200);
    await expect(running).rejects.toThrow();
    const after = await pool.run({ kind: 'thread' });
    expect(after).not.toBe(before);
  });
});

describe('the shared pool of document threads', () => {
  const fixture = new URL('./worker-pool-fixture.ts', import.meta.url);
  const other = new URL('./worker-pool-other-fixture.ts', import.meta.url);

  it('runs the tasks of different modules, each through its own default export, on one thread', async () => {
    const ranOn = await runInWorker<{ kind: 'thread' }, number>(fixture, { kind: 'thread' });
    const result = await runInWorker<{ text: string }, { threadId: number; shouted: string }>(other, { text: 'Łucja’s plan' });
    expect(result).toEqual({ threadId: ranOn, shouted: 'ŁUCJA’S PLAN' });
    expect(ranOn).not.toBe(threadId);
  });

  it('ends a task whose signal aborts, and runs the next one', async () => {
    const stop = new AbortController();
    const running = runInWorker(fixture, { kind: 'forever' }, { signal: stop.signal });
    setTimeout(() => stop.abort(new Error('took too long')), 200);
    await expect(running).rejects.toThrow();
    await expect(runInWorker(other, { text: 'next' })).resolves.toMatchObject({ shouted: 'NEXT' });
  });
});

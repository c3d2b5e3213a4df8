import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type DatabaseHandle } from '../../db/database.ts';
import { job } from '../../db/schema/index.ts';
import { adjustableClock } from '../../lib/clock.ts';
import { createTestDatabase, testEngine } from '../../test/database.ts';
import { anAuthority } from '../../test/factories/index.ts';
import { enqueueJob, JobFailure, JobRunner, type JobHandler } from './index.ts';

const RETRY = { baseDelayMs: 1_000, maxDelayMs: 8_000 };

describe('the job runner', () => {
  let database: DatabaseHandle;
  let authorityId: string;
  const clock = adjustableClock('2026-11-30T09:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    authorityId = (await anAuthority(database.db)).id;
  });
  afterAll(async () => database.close());

  const queue = (kind: string, options: { maxAttempts?: number; payload?: Record<string, unknown> } = {}) =>
    enqueueJob(database.db, clock, { authorityId, kind, payload: options.payload ?? {}, ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) });
  const read = async (id: string) => (await database.db.select().from(job).where(sql`${job.authorityId} = ${authorityId} AND ${job.id} = ${id}`))[0]!;
  const runner = (handlers: Record<string, JobHandler>, name = 'runner-a') => new JobRunner(database.db, clock, handlers, { name, retry: RETRY, random: () => 0, leaseMs: 60_000 });

  it('runs a due job once, with its payload, and marks it done', async () => {
    const seen: unknown[] = [];
    const id = await queue('test.once', { payload: { messageId: 'm-1' } });
    const ran = await runner({ 'test.once': async (claimed) => void seen.push(claimed.payload) }).runUntilIdle();
    expect(ran).toBe(1);
    expect(seen).toEqual([{ messageId: 'm-1' }]);
    expect(await read(id)).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lastError: null });
    expect((await read(id)).finishedAt?.toISOString()).toBe(clock.now().toISOString());
  });

  it('claims only the kinds it has a handler for', async () => {
    const id = await queue('test.nobody-handles');
    expect(await runner({ 'test.other': async () => undefined }).runOnce()).toBe('idle');
    expect((await read(id)).status).toBe('queued');
  });

  it('tries a failing job again after a doubling wait, then gives up: dead, with no personal data in the error', async () => {
    const id = await queue('test.failing', { maxAttempts: 3 });
    const failing = runner({ 'test.failing': async () => Promise.reject(new Error('Could not write to Jo Bloggs at 2 Refuge Road')) });
    expect(await failing.runOnce()).toBe('retry');
    let row = await read(id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1, lastError: 'Error', lockedBy: null });
    // random() = 0: half of the first step (1 s).
    expect(row.runAfter.getTime() - clock.now().getTime()).toBe(500);
    expect(await failing.runOnce()).toBe('idle');

    clock.advance(500);
    expect(await failing.runOnce()).toBe('retry');
    row = await read(id);
    expect(row.runAfter.getTime() - clock.now().getTime()).toBe(1_000);

    clock.advance(1_000);
    expect(await failing.runOnce()).toBe('dead');
    row = await read(id);
    expect(row).toMatchObject({ status: 'dead', attempts: 3, lastError: 'Error' });
    expect(JSON.stringify(row)).not.toContain('Refuge');
    clock.advance(60 * 60_000);
    expect(await failing.runOnce()).toBe('idle');
  });

  it('gives up at once on a failure that trying again cannot change, keeping its words', async () => {
    const id = await queue('test.permanent');
    const outcome = await runner({ 'test.permanent': async () => Promise.reject(new JobFailure('GOV.UK Notify answered 400 (BadRequestError)', { permanent: true })) }).runOnce();
    expect(outcome).toBe('dead');
    expect(await read(id)).toMatchObject({ status: 'dead', attempts: 1, lastError: 'GOV.UK Notify answered 400 (BadRequestError)' });
  });

  it('takes back a job whose runner stopped (its lease ran out); the first runner cannot then record it', async () => {
    const id = await queue('test.lease');
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    const first = runner({ 'test.lease': async () => { runs += 1; await stuck; } }, 'runner-first');
    const firstTry = first.runOnce();
    await expect.poll(async () => (await read(id)).status).toBe('running');
    expect((await read(id)).lockedBy).toBe('runner-first');

    const second = runner({ 'test.lease': async () => { runs += 1; } }, 'runner-second');
    expect(await second.runOnce()).toBe('idle'); // the lease still holds
    clock.advance(60_001);
    expect(await second.runOnce()).toBe('done');
    expect(await read(id)).toMatchObject({ status: 'done', attempts: 2 });

    release();
    expect(await firstTry).toBe('lost');
    expect(runs).toBe(2);
    expect((await read(id)).status).toBe('done');
  });

  it('a job abandoned on its last try is dead, not run again', async () => {
    const id = await queue('test.abandoned', { maxAttempts: 1 });
    await database.db.update(job).set({ status: 'running', attempts: 1, lockedAt: clock.now(), lockedBy: 'a-stopped-instance' }).where(sql`${job.authorityId} = ${authorityId} AND ${job.id} = ${id}`);
    clock.advance(60_001);
    let runs = 0;
    expect(await runner({ 'test.abandoned': async () => void (runs += 1) }).runOnce()).toBe('idle');
    expect(runs).toBe(0);
    expect(await read(id)).toMatchObject({ status: 'dead', lastError: 'The instance running it stopped on its last try', lockedBy: null });
  });

  it('stops gracefully: takes no new job, and waits for the one in hand to finish and be recorded', async () => {
    const first = await queue('test.graceful');
    const second = await queue('test.graceful');
    let release!: () => void;
    const inHand = new Promise<void>((resolve) => (release = resolve));
    let started = 0;
    const graceful = new JobRunner(database.db, clock, { 'test.graceful': async () => { started += 1; await inHand; } }, { name: 'runner-graceful', pollIntervalMs: 10 });
    graceful.start();
    await expect.poll(() => started).toBe(1);
    let stopped = false;
    const stopping = graceful.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(started).toBe(1);
    const statuses = [(await read(first)).status, (await read(second)).status].sort();
    expect(statuses).toEqual(['done', 'queued']);
  });

  it('never runs one job twice with two runners claiming at once', { timeout: 120_000 }, async () => {
    const total = 300;
    const kind = 'test.race';
    await database.db.transaction(async (tx) => {
      for (let index = 0; index < total; index += 1) await enqueueJob(tx, clock, { authorityId, kind, payload: { index } });
    });
    const runs = new Map<number, string[]>();
    const handler = (name: string): JobHandler => async (claimed) => {
      const index = claimed.payload.index as number;
      runs.set(index, [...(runs.get(index) ?? []), name]);
      // A round trip inside the job widens the window in which the other runner claims.
      await database.db.execute(sql`SELECT 1`);
    };
    // Two runners, each with two claims in flight: four claimers racing for the same rows.
    const a = new JobRunner(database.db, clock, { [kind]: handler('a') }, { name: 'instance-a' });
    const b = new JobRunner(database.db, clock, { [kind]: handler('b') }, { name: 'instance-b' });
    const counts = await Promise.all([a.runUntilIdle(total), a.runUntilIdle(total), b.runUntilIdle(total), b.runUntilIdle(total)]);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(total);
    expect(runs.size).toBe(total);
    expect([...runs.values()].filter((names) => names.length !== 1)).toEqual([]);
    const byRunner = await queryRows<{ status: string; attempts: number; count: number }>(
      database.db,
      sql`SELECT "status", "attempts", count(*)::int AS "count" FROM "job" WHERE "authority_id" = ${authorityId} AND "kind" = ${kind} GROUP BY 1, 2`,
    );
    expect(byRunner).toEqual([{ status: 'done', attempts: 1, count: total }]);
    // On PostgreSQL the claims really were concurrent: both instances ran some of the jobs.
    if (testEngine === 'postgres') expect(new Set([...runs.values()].flat())).toEqual(new Set(['a', 'b']));
  });
});

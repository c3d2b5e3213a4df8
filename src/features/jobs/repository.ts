import { and, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.ts';
import { job } from '../../db/schema/index.ts';

export interface NewJobRow {
  id: string;
  authorityId: string;
  kind: string;
  payload: Record<string, unknown>;
  maxAttempts: number;
  runAfter: Date;
  createdAt: Date;
}

export async function insertJobs(executor: Executor, rows: readonly NewJobRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(job).values(rows.map((row) => ({ ...row, status: 'queued' as const, attempts: 0 })));
}

export interface ClaimedJobRow {
  id: string;
  authorityId: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
}

/**
 * Claims the job due first, across every authority, for one runner: a queued job whose time has
 * come, or a running one whose lease has run out (its instance stopped). One statement, so its own
 * short transaction: the row is locked FOR UPDATE SKIP LOCKED (a row another runner is claiming is
 * passed over, never waited for), then marked running under this runner's name. A runner that
 * loses the race to a row re-reads it as the winner left it, running and leased, and claims nothing.
 */
export async function claimDueJob(executor: Executor, now: Date, leaseExpiredBefore: Date, runner: string, kinds: readonly string[]): Promise<ClaimedJobRow | undefined> {
  if (kinds.length === 0) return undefined;
  const rows = await queryRows<ClaimedJobRow>(
    executor,
    sql`/* cross-authority: the job runner serves every authority */
      WITH due AS (
        SELECT "id" FROM "job"
         WHERE "kind" IN (${sql.join(kinds.map((kind) => sql`${kind}`), sql`, `)})
           AND (("status" = 'queued' AND "run_after" <= ${now.toISOString()}::timestamptz)
             OR ("status" = 'running' AND "locked_at" < ${leaseExpiredBefore.toISOString()}::timestamptz AND "attempts" < "max_attempts"))
         ORDER BY "run_after"
         LIMIT 1
         FOR UPDATE SKIP LOCKED
      )
      UPDATE "job" j
         SET "status" = 'running', "attempts" = j."attempts" + 1, "locked_at" = ${now.toISOString()}::timestamptz, "locked_by" = ${runner}
        FROM due
       WHERE j."id" = due."id"
         AND (j."status" = 'queued' OR j."locked_at" < ${leaseExpiredBefore.toISOString()}::timestamptz)
      RETURNING j."id", j."authority_id" AS "authorityId", j."kind", j."payload", j."attempts", j."max_attempts" AS "maxAttempts"`,
  );
  return rows[0];
}

/**
 * A running job whose lease ran out on its last try (its instance stopped every time) is not tried
 * again: it is dead. Returns how many.
 */
export async function buryAbandonedJobs(executor: Executor, now: Date, leaseExpiredBefore: Date, reason: string): Promise<number> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`/* cross-authority: the job runner serves every authority */
      UPDATE "job" SET "status" = 'dead', "finished_at" = ${now.toISOString()}::timestamptz, "locked_at" = NULL, "locked_by" = NULL, "last_error" = ${reason}
       WHERE "status" = 'running' AND "locked_at" < ${leaseExpiredBefore.toISOString()}::timestamptz AND "attempts" >= "max_attempts"
      RETURNING "id"`,
  );
  return rows.length;
}

/** The runner's own claim on the job: nothing changes if the job was reclaimed from it meanwhile. */
const heldBy = (authorityId: string, id: string, runner: string) =>
  and(eq(job.authorityId, authorityId), eq(job.id, id), eq(job.status, 'running'), eq(job.lockedBy, runner));

/** Marks a claimed job done; false when it was no longer this runner's. */
export async function markDone(executor: Executor, authorityId: string, id: string, runner: string, now: Date): Promise<boolean> {
  const rows = await executor
    .update(job)
    .set({ status: 'done', finishedAt: now, lockedAt: null, lockedBy: null, lastError: null })
    .where(heldBy(authorityId, id, runner))
    .returning({ id: job.id });
  return rows.length === 1;
}

export async function scheduleRetry(executor: Executor, authorityId: string, id: string, runner: string, runAfter: Date, error: string): Promise<boolean> {
  const rows = await executor
    .update(job)
    .set({ status: 'queued', runAfter, lockedAt: null, lockedBy: null, lastError: error })
    .where(heldBy(authorityId, id, runner))
    .returning({ id: job.id });
  return rows.length === 1;
}

export async function markDead(executor: Executor, authorityId: string, id: string, runner: string, now: Date, error: string): Promise<boolean> {
  const rows = await executor
    .update(job)
    .set({ status: 'dead', finishedAt: now, lockedAt: null, lockedBy: null, lastError: error })
    .where(heldBy(authorityId, id, runner))
    .returning({ id: job.id });
  return rows.length === 1;
}

/** A dead job queued again, from its first try, to run now; false when it is not dead. */
export async function requeueDeadJob(executor: Executor, authorityId: string, id: string, now: Date): Promise<boolean> {
  const rows = await executor
    .update(job)
    .set({ status: 'queued', attempts: 0, runAfter: now, finishedAt: null })
    .where(and(eq(job.authorityId, authorityId), eq(job.id, id), eq(job.status, 'dead')))
    .returning({ id: job.id });
  return rows.length === 1;
}

/** Stops trying a queued job: it is dead, with the reason given. False when it was not queued. */
export async function giveUpQueuedJob(executor: Executor, authorityId: string, id: string, now: Date, reason: string): Promise<boolean> {
  const rows = await executor
    .update(job)
    .set({ status: 'dead', finishedAt: now, lastError: reason })
    .where(and(eq(job.authorityId, authorityId), eq(job.id, id), eq(job.status, 'queued')))
    .returning({ id: job.id });
  return rows.length === 1;
}

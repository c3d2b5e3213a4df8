import type { Executor } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { DEFAULT_RETRY_POLICY } from './backoff.ts';
import * as jobsRepository from './repository.ts';

export interface NewJob {
  authorityId: string;
  /** The handler's name, e.g. 'outbox.send'. */
  kind: string;
  /** Ids, never names or addresses: the payload outlives the casework it came from. */
  payload: Record<string, unknown>;
  maxAttempts?: number;
  /** Not before this moment; now when not given. */
  runAfter?: Date;
}

/**
 * Queues a job in the caller's transaction: it exists only if the caller's work commits, and a
 * runner can claim it only then.
 */
export async function enqueueJob(executor: Executor, clock: Clock, job: NewJob): Promise<string> {
  const [id] = await enqueueJobs(executor, clock, [job]);
  return id!;
}

/** Many jobs in one statement (a hand-over's letters), each with its own id, in the order given. */
export async function enqueueJobs(executor: Executor, clock: Clock, jobs: readonly NewJob[]): Promise<string[]> {
  if (jobs.length === 0) return [];
  const now = clock.now();
  const rows = jobs.map((job) => ({
    id: uuidv7(),
    authorityId: job.authorityId,
    kind: job.kind,
    payload: job.payload,
    maxAttempts: job.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    runAfter: job.runAfter ?? now,
    createdAt: now,
  }));
  await jobsRepository.insertJobs(executor, rows);
  return rows.map((row) => row.id);
}

/** A dead job queued again from its first try, to run at once; false when it was not dead. */
export async function requeueDeadJob(executor: Executor, clock: Clock, authorityId: string, jobId: string): Promise<boolean> {
  return jobsRepository.requeueDeadJob(executor, authorityId, jobId, clock.now());
}

/** Stops trying a queued job, which becomes dead with the reason given (no personal data); false when it was not queued. */
export async function giveUpJob(executor: Executor, clock: Clock, authorityId: string, jobId: string, reason: string): Promise<boolean> {
  return jobsRepository.giveUpQueuedJob(executor, authorityId, jobId, clock.now(), reason);
}

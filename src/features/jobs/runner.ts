// The job runner (ADR 0012): claims due jobs one at a time from the job table, runs each with the
// handler registered for its kind, and records the outcome. Any number of instances of the app may
// run one each: a job is claimed with FOR UPDATE SKIP LOCKED, so only one runner ever holds it.
import { hostname } from 'node:os';
import type { Database } from '../../db/database.ts';
import { loggableError } from '../../db/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './backoff.ts';
import * as jobsRepository from './repository.ts';

export interface ClaimedJob {
  id: string;
  authorityId: string;
  kind: string;
  payload: Record<string, unknown>;
  /** This try's number: 1 for the first. */
  attempt: number;
  maxAttempts: number;
}

export interface JobContext {
  /** Aborted when the try has run too long (half the lease): a handler passes it to what it waits on. */
  signal: AbortSignal;
}

export type JobHandler = (job: ClaimedJob, context: JobContext) => Promise<void>;

/** The handler for each kind of job; a runner claims only the kinds it has a handler for. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/**
 * A failure a handler reports in words fit for the job table and the administrators' page: no
 * names, addresses or other personal data. `permanent`: trying again cannot help (the job is dead
 * at once).
 */
export class JobFailure extends Error {
  override readonly name = 'JobFailure';
  readonly permanent: boolean;

  constructor(message: string, options: { permanent?: boolean } = {}) {
    super(message);
    this.permanent = options.permanent ?? false;
  }
}

/**
 * What is kept of a failure: a JobFailure's own words; of anything else only its kind and code,
 * as a driver's or library's message may quote the data it was given.
 */
export function describeFailure(error: unknown): string {
  if (error instanceof JobFailure) return error.message.slice(0, 300);
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''}`.slice(0, 300);
  }
  return 'The job failed';
}

export interface RunnerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

const silent: RunnerLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

export interface JobRunnerOptions {
  /** The runner's name in locked_by: host, process and a random part, unless given. */
  name?: string;
  /** How long to wait for more work when none is due. */
  pollIntervalMs?: number;
  /** A running job whose runner has not finished it within this is taken to be abandoned and claimed again. */
  leaseMs?: number;
  retry?: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
  /** In [0, 1): the jitter of the waits between tries. */
  random?: () => number;
  log?: RunnerLog;
}

export type RunOutcome = 'idle' | 'done' | 'retry' | 'dead' | 'lost';

export const DEFAULT_LEASE_MS = 10 * 60_000;

export class JobRunner {
  readonly name: string;
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly handlers: JobHandlers;
  private readonly kinds: string[];
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly retry: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>;
  private readonly random: () => number;
  private readonly log: RunnerLog;
  private loop: Promise<void> | undefined;
  private stopping = false;
  private wake: (() => void) | undefined;

  constructor(db: Database, clock: Clock, handlers: JobHandlers, options: JobRunnerOptions = {}) {
    this.db = db;
    this.clock = clock;
    this.handlers = handlers;
    this.kinds = Object.keys(handlers);
    this.name = options.name ?? `${hostname()}/${process.pid}/${uuidv7().slice(-8)}`;
    this.pollIntervalMs = options.pollIntervalMs ?? 2_000;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    this.random = options.random ?? Math.random;
    this.log = options.log ?? silent;
  }

  /** Starts working through due jobs, in the background, until stop(). */
  start(): void {
    if (this.loop) return;
    this.stopping = false;
    this.loop = this.work();
  }

  /** Takes no more jobs and resolves when the one in hand, if any, is finished and recorded. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async work(): Promise<void> {
    while (!this.stopping) {
      let outcome: RunOutcome = 'idle';
      try {
        outcome = await this.runOnce();
      } catch (error) {
        // The database is unreachable, or the claim failed: wait, and try again.
        this.log.error({ err: loggableError(error as Error), runner: this.name }, 'job runner could not claim a job');
      }
      if (outcome === 'idle' && !this.stopping) await this.sleep(this.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  /** Claims one due job and runs it; 'idle' when none is due. */
  async runOnce(): Promise<RunOutcome> {
    const now = this.clock.now();
    const leaseExpiredBefore = new Date(now.getTime() - this.leaseMs);
    const buried = await jobsRepository.buryAbandonedJobs(this.db, now, leaseExpiredBefore, 'The instance running it stopped on its last try');
    if (buried > 0) this.log.warn({ jobs: buried, runner: this.name }, 'abandoned jobs are dead');
    const row = await jobsRepository.claimDueJob(this.db, now, leaseExpiredBefore, this.name, this.kinds);
    if (!row) return 'idle';
    const claimed: ClaimedJob = { id: row.id, authorityId: row.authorityId, kind: row.kind, payload: row.payload, attempt: row.attempts, maxAttempts: row.maxAttempts };
    return this.runClaimed(claimed);
  }

  /** Runs until no job is due (or `limit` jobs have run); returns how many ran. For tests and the command line. */
  async runUntilIdle(limit = 1_000): Promise<number> {
    let ran = 0;
    while (ran < limit && (await this.runOnce()) !== 'idle') ran += 1;
    return ran;
  }

  private async runClaimed(claimed: ClaimedJob): Promise<RunOutcome> {
    const handler = this.handlers[claimed.kind]!;
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(new JobFailure('The try took longer than allowed')), Math.max(1, Math.floor(this.leaseMs / 2)));
    let failure: unknown;
    try {
      await handler(claimed, { signal: timeout.signal });
    } catch (error) {
      failure = error ?? new Error('The job failed');
    } finally {
      clearTimeout(timer);
    }
    const finishedAt = this.clock.now();
    const fields = { job: claimed.id, kind: claimed.kind, attempt: claimed.attempt, runner: this.name };
    let outcome: RunOutcome;
    let recorded: boolean;
    if (failure === undefined) {
      outcome = 'done';
      recorded = await jobsRepository.markDone(this.db, claimed.authorityId, claimed.id, this.name, finishedAt);
    } else {
      const error = describeFailure(failure);
      const permanent = failure instanceof JobFailure && failure.permanent;
      if (permanent || claimed.attempt >= claimed.maxAttempts) {
        outcome = 'dead';
        recorded = await jobsRepository.markDead(this.db, claimed.authorityId, claimed.id, this.name, finishedAt, error);
        this.log.error({ ...fields, error }, 'job is dead');
      } else {
        outcome = 'retry';
        const runAfter = new Date(finishedAt.getTime() + retryDelayMs(claimed.attempt, this.retry, this.random()));
        recorded = await jobsRepository.scheduleRetry(this.db, claimed.authorityId, claimed.id, this.name, runAfter, error);
        this.log.warn({ ...fields, error, runAfter: runAfter.toISOString() }, 'job failed; it will be tried again');
      }
    }
    if (!recorded) {
      // Its lease ran out and another runner took it: that runner records the outcome.
      this.log.warn(fields, 'job was reclaimed before it finished');
      return 'lost';
    }
    return outcome;
  }
}

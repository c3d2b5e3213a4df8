// Background jobs: a job table of our own, claimed with FOR UPDATE SKIP LOCKED by a runner in each
// instance of the app (ADR 0012). Other features queue work with enqueueJob in their own
// transaction and register a handler for its kind in src/composition.ts.
export { DEFAULT_RETRY_POLICY, retryDelayMs, type RetryPolicy } from './backoff.ts';
export { DEFAULT_LEASE_MS, describeFailure, JobFailure, JobRunner, type ClaimedJob, type JobContext, type JobHandler, type JobHandlers, type JobRunnerOptions, type RunnerLog, type RunOutcome } from './runner.ts';
export { enqueueJob, enqueueJobs, giveUpJob, requeueDeadJob, type NewJob } from './service.ts';

/** How long to wait before the next try, and how many tries a job has. */
export interface RetryPolicy {
  /** The wait before the second try; each later wait doubles, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Tries in all, the first included; after the last failure the job is dead. */
  maxAttempts: number;
}

/** Eight tries over about an hour and a half: 30 s, 1, 2, 4, 8, 16 and 32 minutes (each less up to half, at random). */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 30_000, maxDelayMs: 60 * 60_000, maxAttempts: 8 };

/**
 * The wait after the given failed try (1 for the first): exponential, capped, with "equal jitter"
 * (somewhere between half and all of it), so jobs that failed together, against a service that was
 * down, do not all come back at the same moment. `random` is in [0, 1).
 */
export function retryDelayMs(failedAttempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: number): number {
  const exponent = Math.max(0, failedAttempt - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

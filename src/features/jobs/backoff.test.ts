import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, retryDelayMs } from './backoff.ts';

describe('retry delay', () => {
  const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

  it('doubles after each failed try, between half and all of the step', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy, 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, policy, 0.999_999))).toEqual([1_000, 2_000, 4_000, 8_000]);
  });

  it('never waits longer than the maximum, however many tries have failed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
        const delay = retryDelayMs(attempt, policy, random);
        return delay >= 0 && delay <= policy.maxDelayMs;
      }),
    );
    expect(retryDelayMs(50, policy, 0)).toBe(30_000);
  });

  it('by default spreads eight tries over about an hour and a half at most', () => {
    const longest = Array.from({ length: DEFAULT_RETRY_POLICY.maxAttempts - 1 }, (_, index) => retryDelayMs(index + 1, DEFAULT_RETRY_POLICY, 0.999_999));
    expect(longest.reduce((sum, delay) => sum + delay, 0)).toBeLessThanOrEqual(64 * 60_000);
  });
});

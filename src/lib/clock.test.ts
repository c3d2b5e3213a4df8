import { describe, expect, it } from 'vitest';
import { fixedClock, londonDateOf, londonMidnight } from './clock.ts';

describe('clock', () => {
  it('gives the date in Europe/London, not UTC: 23:30 UTC in summer is already tomorrow', () => {
    expect(londonDateOf(new Date('2026-06-30T23:30:00Z'))).toBe('2026-07-01');
  });

  it('gives the same date as UTC in winter (GMT)', () => {
    expect(londonDateOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12-31');
  });

  it('a fixed clock always answers the same moment', () => {
    const clock = fixedClock('2026-11-23T09:00:00Z');
    expect(clock.today()).toBe('2026-11-23');
    expect(clock.now().toISOString()).toBe('2026-11-23T09:00:00.000Z');
  });

  it('finds the moment a London day begins, in winter, in summer and on the days the clocks change', () => {
    expect(londonMidnight('2026-12-01').toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(londonMidnight('2026-07-01').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    // Clocks go forward at 01:00 GMT on 29 March 2026 and back at 02:00 BST on 25 October 2026.
    expect(londonMidnight('2026-03-29').toISOString()).toBe('2026-03-29T00:00:00.000Z');
    expect(londonMidnight('2026-03-30').toISOString()).toBe('2026-03-29T23:00:00.000Z');
    expect(londonMidnight('2026-10-25').toISOString()).toBe('2026-10-24T23:00:00.000Z');
    expect(londonMidnight('2026-10-26').toISOString()).toBe('2026-10-26T00:00:00.000Z');
  });
});

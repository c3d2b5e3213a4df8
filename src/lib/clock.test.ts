import { describe, expect, it } from 'vitest';
import { fixedClock, londonDateOf } from './clock.ts';

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
});

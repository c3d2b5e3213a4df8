import { describe, expect, it } from 'vitest';
import { longDate, longMoment, withLongDates } from './long-date.ts';

const intl = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

describe('long dates on pages', () => {
  it('match Intl en-GB for every day from 2000 to 2040', () => {
    for (let time = Date.UTC(2000, 0, 1); time <= Date.UTC(2040, 11, 31); time += 86_400_000) {
      const iso = new Date(time).toISOString();
      expect(longDate(iso.slice(0, 10))).toBe(intl.format(new Date(time)));
    }
  });

  it('read a timestamp by its date part', () => {
    expect(longDate('2026-11-24T09:30:00.000Z')).toBe('24 November 2026');
  });

  it('leave anything that is not a real date as it was', () => {
    expect(longDate('2026-02-30')).toBe('2026-02-30');
    expect(longDate('2026-13-01')).toBe('2026-13-01');
    expect(longDate('next week')).toBe('next week');
    expect(longDate(undefined)).toBe('');
    expect(longDate(null)).toBe('');
  });

  it('rewrite every ISO date in a basis text, and only real dates', () => {
    expect(withLongDates('6 weeks from 2026-01-05, so by 2026-02-16; not 2026-02-30')).toBe('6 weeks from 5 January 2026, so by 16 February 2026; not 2026-02-30');
  });

  it('say a moment in London time, in GMT and in summer time, with the hour as people write it', () => {
    expect(longMoment(new Date('2026-01-05T09:05:00Z'))).toBe('5 January 2026 at 9:05am');
    expect(longMoment(new Date('2026-07-01T23:30:00Z'))).toBe('2 July 2026 at 12:30am');
    expect(longMoment('2026-07-01T11:00:00Z')).toBe('1 July 2026 at 12:00pm');
    expect(longMoment(new Date('2026-11-23T17:45:00Z'))).toBe('23 November 2026 at 5:45pm');
    expect(longMoment(null)).toBe('');
  });
});

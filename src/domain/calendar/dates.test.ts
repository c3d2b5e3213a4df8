import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  addWeeks,
  checkIsoDate,
  compareDates,
  dateFromParts,
  dateParts,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  earlierOf,
  fromDayNumber,
  isIsoDate,
  isoDate,
  isoDateSchema,
  laterOf,
  monthsLandOnShorterMonth,
  parseIsoDate,
  toDayNumber,
  weekdayName,
  type IsoDate,
} from './dates.ts';

// Day numbers for 1900-01-01 .. 2999-12-31, the range the public calculator accepts.
const MIN_DAY = toDayNumber(isoDate('1900-01-01'));
const MAX_DAY = toDayNumber(isoDate('2999-12-31'));
const anyDate = fc.integer({ min: MIN_DAY, max: MAX_DAY }).map(fromDayNumber);
const RUNS = { numRuns: 300 };

describe('parsing dates strictly', () => {
  it.each(['2026-01-05', '2024-02-29', '2000-02-29', '1900-01-01', '2999-12-31', '0001-01-01'])(
    'accepts the real date %s',
    (value) => {
      expect(parseIsoDate(value)).toBe(value);
      expect(isIsoDate(value)).toBe(true);
    },
  );

  it.each([
    '2026-02-30',
    '2025-02-29',
    '2100-02-29',
    '1900-02-29',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-01-00',
    '0000-01-01',
  ])('rejects the impossible date %s', (value) => {
    expect(checkIsoDate(value)).toEqual({ ok: false, problem: 'impossible' });
    expect(parseIsoDate(value)).toBeUndefined();
  });

  it.each([
    '2026-1-05',
    '26-01-05',
    '2026/01/05',
    ' 2026-01-05',
    '2026-01-05 ',
    '2026-01-05T00:00:00Z',
    '20260105',
    '',
    '２０２６-01-05',
  ])('rejects the malformed value %j', (value) => {
    expect(checkIsoDate(value)).toEqual({ ok: false, problem: 'malformed' });
  });

  it.each([undefined, null, 20260105, {}, ['2026-01-05'], new Date(0)])(
    'rejects the non-string %j',
    (value) => {
      expect(checkIsoDate(value)).toEqual({ ok: false, problem: 'malformed' });
    },
  );

  it('throws for a bad literal, which is a programming error', () => {
    expect(() => isoDate('2026-02-30')).toThrow(RangeError);
  });

  it('has a zod schema that accepts real dates and rejects others', () => {
    expect(isoDateSchema.safeParse('2024-02-29')).toMatchObject({ success: true, data: '2024-02-29' });
    expect(isoDateSchema.safeParse('2026-02-30').success).toBe(false);
    expect(isoDateSchema.safeParse('5 Jan 2026').success).toBe(false);
  });

  it('builds dates from parts only when the day exists', () => {
    expect(dateFromParts(2024, 2, 29)).toBe('2024-02-29');
    expect(dateFromParts(2025, 2, 29)).toBeUndefined();
    expect(dateFromParts(2025, 1.5, 1)).toBeUndefined();
    expect(dateFromParts(10000, 1, 1)).toBeUndefined();
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2026-01-05', 140, '2026-05-25'],
    ['2026-03-29', 1, '2026-03-30'], // clocks go forward in London; the date must not care
    ['2026-10-25', 1, '2026-10-26'], // clocks go back
  ] as const)('%s + %i days = %s', (start, days, expected) => {
    expect(addDays(isoDate(start), days)).toBe(expected);
  });

  it('adds weeks as 7 days each', () => {
    expect(addWeeks(isoDate('2026-01-05'), 6)).toBe('2026-02-16');
    expect(addWeeks(isoDate('2026-01-05'), -2)).toBe('2025-12-22');
  });

  it.each([
    ['1970-01-01', 4],
    ['2000-01-01', 6],
    ['2024-02-29', 4],
    ['2026-01-05', 1],
    ['2026-01-04', 7],
  ] as const)('%s is ISO weekday %i', (date, weekday) => {
    expect(dayOfWeek(isoDate(date))).toBe(weekday);
  });

  it('names weekdays', () => {
    expect(weekdayName(isoDate('2026-01-05'))).toBe('Monday');
    expect(weekdayName(isoDate('2026-01-04'))).toBe('Sunday');
  });

  it('counts days between dates across a leap day', () => {
    expect(daysBetween(isoDate('2024-02-28'), isoDate('2024-03-01'))).toBe(2);
    expect(daysBetween(isoDate('2025-02-28'), isoDate('2025-03-01'))).toBe(1);
    expect(daysBetween(isoDate('2026-05-25'), isoDate('2026-01-05'))).toBe(-140);
  });

  it('orders dates', () => {
    const a = isoDate('2026-01-05');
    const b = isoDate('2026-11-01');
    expect(compareDates(a, b)).toBeLessThan(0);
    expect(compareDates(b, a)).toBeGreaterThan(0);
    expect(compareDates(a, a)).toBe(0);
    expect(laterOf(a, b)).toBe(b);
    expect(earlierOf(a, b)).toBe(a);
  });

  it('agrees with UTC calendar arithmetic for every day from 1900 to 2999 sampled', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (dayNumber) => {
        const expected = new Date(dayNumber * 86_400_000);
        const date = fromDayNumber(dayNumber);
        expect(date).toBe(expected.toISOString().slice(0, 10));
        expect(toDayNumber(date)).toBe(dayNumber);
        expect(dayOfWeek(date) % 7).toBe(expected.getUTCDay());
      }),
      RUNS,
    );
  });

  it('daysBetween undoes addDays', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -5000, max: 5000 }), (date, days) => {
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
      RUNS,
    );
  });
});

describe('months by the corresponding-date rule', () => {
  it.each([
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 1, '2026-09-30'],
    ['2026-10-31', 2, '2026-12-31'],
    ['2026-12-15', 2, '2027-02-15'],
    ['2026-01-15', -1, '2025-12-15'],
    ['2026-07-31', -5, '2026-02-28'],
    ['2026-03-15', 12, '2027-03-15'],
  ] as const)('%s + %i months = %s', (start, months, expected) => {
    expect(addMonths(isoDate(start), months)).toBe(expected);
  });

  it('says when a month had no corresponding day', () => {
    expect(monthsLandOnShorterMonth(isoDate('2024-02-29'), 12)).toBe(true);
    expect(monthsLandOnShorterMonth(isoDate('2024-02-28'), 12)).toBe(false);
  });

  it('keeps the day of the month unless that month is shorter, then takes its last day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -60, max: 60 }), (date, months) => {
        const start = dateParts(date);
        const result = dateParts(addMonths(date, months));
        const monthIndex = start.year * 12 + start.month - 1 + months;
        expect(result.year * 12 + result.month - 1).toBe(monthIndex);
        const length = daysInMonth(result.year, result.month);
        expect(result.day).toBe(Math.min(start.day, length));
      }),
      RUNS,
    );
  });

  it('never goes backwards for a positive number of months', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 60 }), (date: IsoDate, months) => {
        expect(addMonths(date, months) >= date).toBe(true);
      }),
      RUNS,
    );
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { NO_BANK_HOLIDAYS } from './bank-holidays.ts';
import { addDays, fromDayNumber, isoDate, toDayNumber } from './dates.ts';
import { englandAndWales } from './test-fixtures.ts';
import {
  addWorkingDays,
  addWorkingDaysBeginningWith,
  firstWorkingDayAfter,
  isWorkingDay,
  mergeUnloadedYears,
  nextWorkingDayOnOrAfter,
  nonWorkingDayReason,
  unloadedYearsNote,
} from './working-days.ts';

const RUNS = { numRuns: 200 };
// 2017 to 2031: loaded years and unloaded years on both sides of them.
const anyDate = fc
  .integer({ min: toDayNumber(isoDate('2017-01-01')), max: toDayNumber(isoDate('2031-12-31')) })
  .map(fromDayNumber);

describe('working days: not Saturday, Sunday, Christmas Day, Good Friday or a bank holiday', () => {
  it.each([
    ['2026-01-05', undefined], // Monday
    ['2026-01-03', 'Saturday'],
    ['2026-01-04', 'Sunday'],
    ['2026-04-03', 'Good Friday'],
    ['2026-04-06', 'Easter Monday'],
    ['2026-08-31', 'Summer bank holiday'],
    ['2026-12-25', 'Christmas Day'],
    ['2026-12-28', 'Boxing Day'], // 26th is a Saturday: substitute on Monday
    // 2021: Christmas Day and Boxing Day on Saturday and Sunday; substitutes 27 and 28 December.
    ['2021-12-27', 'Christmas Day'],
    ['2021-12-28', 'Boxing Day'],
    ['2021-12-29', undefined],
    // 2022: Christmas Day on a Sunday; Boxing Day Monday, Christmas substitute Tuesday 27th.
    ['2022-12-26', 'Boxing Day'],
    ['2022-12-27', 'Christmas Day'],
    ['2022-12-28', undefined],
    // 2027: as 2021.
    ['2027-12-27', 'Christmas Day'],
    ['2027-12-28', 'Boxing Day'],
    ['2027-12-29', undefined],
    // New Year's Day on a Saturday in 2022 and a Sunday in 2023: substitute Mondays.
    ['2022-01-03', "New Year’s Day"],
    ['2023-01-02', "New Year’s Day"],
  ] as const)('%s: %s', (date, reason) => {
    expect(nonWorkingDayReason(isoDate(date), englandAndWales)).toBe(reason);
    expect(isWorkingDay(isoDate(date), englandAndWales)).toBe(reason === undefined);
  });

  it('keeps Christmas Day and Good Friday in a year with no list loaded', () => {
    expect(nonWorkingDayReason(isoDate('2029-03-30'), englandAndWales)).toBe('Good Friday');
    expect(nonWorkingDayReason(isoDate('2029-12-25'), englandAndWales)).toBe('Christmas Day');
    expect(nonWorkingDayReason(isoDate('2026-04-03'), NO_BANK_HOLIDAYS)).toBe('Good Friday');
    // Boxing Day 2029 is not known without a list: the result must say so (below).
    expect(isWorkingDay(isoDate('2029-12-26'), englandAndWales)).toBe(true);
  });
});

describe('adding working days', () => {
  it.each([
    ['2026-01-09', 3, '2026-01-14'], // Friday + 3 = Wednesday
    ['2026-01-05', 0, '2026-01-05'],
    ['2026-01-03', 1, '2026-01-05'], // from a Saturday
    ['2026-04-02', 1, '2026-04-07'], // over Good Friday and Easter Monday
    ['2022-12-23', 1, '2022-12-28'], // over Christmas 2022's substitute day
    ['2021-12-24', 1, '2021-12-29'],
    ['2027-12-24', 1, '2027-12-29'],
    ['2026-01-05', 20, '2026-02-02'],
  ] as const)('%s + %i working days = %s', (start, n, expected) => {
    const result = addWorkingDays(isoDate(start), n, englandAndWales);
    expect(result).toEqual({ date: expected, unloadedYears: [] });
  });

  it('counts a period beginning with a working day from that day', () => {
    expect(addWorkingDaysBeginningWith(isoDate('2026-01-05'), 3, englandAndWales).date).toBe(
      '2026-01-07',
    );
    expect(addWorkingDaysBeginningWith(isoDate('2026-01-03'), 3, englandAndWales).date).toBe(
      '2026-01-07',
    );
  });

  it('reports the years it crossed with no bank holidays loaded', () => {
    expect(addWorkingDays(isoDate('2028-12-28'), 5, englandAndWales)).toEqual({
      date: isoDate('2029-01-04'),
      unloadedYears: [2029],
    });
    // Only weekends of 2017 were crossed: no list could change those.
    expect(addWorkingDays(isoDate('2017-12-29'), 1, englandAndWales)).toEqual({
      date: isoDate('2018-01-02'),
      unloadedYears: [],
    });
    expect(addWorkingDays(isoDate('2016-12-29'), 300, englandAndWales).unloadedYears).toEqual([
      2016, 2017,
    ]);
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(isoDate('2026-01-05'), -1, englandAndWales)).toThrow(RangeError);
    expect(() => addWorkingDays(isoDate('2026-01-05'), 1.5, englandAndWales)).toThrow(RangeError);
    expect(() => addWorkingDaysBeginningWith(isoDate('2026-01-05'), 0, englandAndWales)).toThrow(
      RangeError,
    );
  });

  it('always lands on a working day, with exactly n working days after the start', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (start, n) => {
        const { date } = addWorkingDays(start, n, englandAndWales);
        expect(isWorkingDay(date, englandAndWales)).toBe(true);
        let counted = 0;
        for (let day = addDays(start, 1); day <= date; day = addDays(day, 1)) {
          if (isWorkingDay(day, englandAndWales)) counted += 1;
        }
        expect(counted).toBe(n);
      }),
      RUNS,
    );
  });
});

describe('the next working day', () => {
  it.each([
    ['2026-01-05', '2026-01-05'],
    ['2026-01-03', '2026-01-05'],
    ['2026-04-03', '2026-04-07'],
    ['2022-12-24', '2022-12-28'],
    ['2022-12-31', '2023-01-03'],
  ] as const)('on or after %s is %s', (date, expected) => {
    expect(nextWorkingDayOnOrAfter(isoDate(date), englandAndWales).date).toBe(expected);
  });

  it('strictly after a day', () => {
    expect(firstWorkingDayAfter(isoDate('2023-01-01'), englandAndWales).date).toBe('2023-01-03');
    expect(firstWorkingDayAfter(isoDate('2026-08-31'), englandAndWales).date).toBe('2026-09-01');
  });

  it('is a working day on or after the date with none between', () => {
    fc.assert(
      fc.property(anyDate, (date) => {
        const result = nextWorkingDayOnOrAfter(date, englandAndWales).date;
        expect(result >= date).toBe(true);
        expect(isWorkingDay(result, englandAndWales)).toBe(true);
        for (let day = date; day < result; day = addDays(day, 1)) {
          expect(isWorkingDay(day, englandAndWales)).toBe(false);
        }
      }),
      RUNS,
    );
  });
});

describe('saying which years were not loaded', () => {
  it('says nothing when every year was loaded', () => {
    expect(unloadedYearsNote([])).toBe('');
  });

  it('names one year', () => {
    expect(unloadedYearsNote([2029])).toMatch(/^Bank holidays for 2029 not loaded/);
  });

  it('names several years', () => {
    expect(unloadedYearsNote(mergeUnloadedYears([2030], [2029, 2030], [2031]))).toMatch(
      /^Bank holidays for 2029, 2030 and 2031 not loaded/,
    );
  });
});

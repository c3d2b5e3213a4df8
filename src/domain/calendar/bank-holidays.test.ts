import { describe, it, expect } from 'vitest';
import {
  bankHolidayCalendarFromGovUk,
  bankHolidayOn,
  createBankHolidayCalendar,
  isYearLoaded,
  NO_BANK_HOLIDAYS,
  parseGovUkBankHolidays,
} from './bank-holidays.ts';
import { isoDate } from './dates.ts';
import { easterSunday, goodFriday } from './easter.ts';
import { englandAndWales, shippedBankHolidays } from './test-fixtures.ts';

describe('the shipped England and Wales list', () => {
  it('covers 2018 to 2028 and no other year', () => {
    expect([...englandAndWales.coveredYears].sort()).toEqual([
      2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028,
    ]);
    expect(isYearLoaded(englandAndWales, 2029)).toBe(false);
  });

  it.each([
    ['2020-05-08', 'Early May bank holiday (VE day)'],
    ['2022-06-03', 'Platinum Jubilee bank holiday'],
    ['2023-05-08', 'Bank holiday for the coronation of King Charles III'],
    ['2021-12-27', 'Christmas Day'],
    ['2022-12-27', 'Christmas Day'],
    ['2027-12-28', 'Boxing Day'],
  ])('holds the proclaimed or substitute day %s', (date, title) => {
    expect(bankHolidayOn(englandAndWales, isoDate(date))).toBe(title);
  });
});

describe('Easter by the Gregorian computus', () => {
  it('gives the Good Friday GOV.UK lists for every year shipped', () => {
    const parsed = parseGovUkBankHolidays(shippedBankHolidays);
    if (!parsed.ok) throw new Error(parsed.detail);
    const listed = parsed.holidays.filter((holiday) => holiday.title === 'Good Friday');
    expect(listed).toHaveLength(11);
    for (const holiday of listed) {
      expect(goodFriday(Number(holiday.date.slice(0, 4)))).toBe(holiday.date);
    }
  });

  it.each([
    [2024, '2024-03-31'],
    [2029, '2029-04-01'],
    [2038, '2038-04-25'], // the latest Easter can fall
    [2285, '2285-03-22'], // the earliest
    [1900, '1900-04-15'],
  ])('Easter Sunday %i is %s', (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });
});

describe('reading a GOV.UK bank-holidays document', () => {
  it('reports a document that is not an object', () => {
    expect(parseGovUkBankHolidays([])).toMatchObject({ ok: false });
    expect(parseGovUkBankHolidays(null)).toMatchObject({ ok: false });
    expect(parseGovUkBankHolidays('{}')).toMatchObject({ ok: false });
  });

  it('reports a missing division', () => {
    expect(parseGovUkBankHolidays({ scotland: { division: 'scotland', events: [] } })).toEqual({
      ok: false,
      detail: 'The document has no "england-and-wales" division',
    });
  });

  it('reports an impossible date, naming where it is', () => {
    const result = parseGovUkBankHolidays({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [{ title: 'Nonsense', date: '2029-02-30', notes: '', bunting: true }],
      },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toContain('england-and-wales.events.0.date');
  });

  it('ignores other divisions and sorts the events', () => {
    const result = bankHolidayCalendarFromGovUk({
      'england-and-wales': {
        division: 'england-and-wales',
        events: [
          { title: 'Boxing Day', date: '2029-12-26' },
          { title: "New Year's Day", date: '2029-01-01' },
        ],
      },
      scotland: { anything: 'else' },
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect([...result.calendar.coveredYears]).toEqual([2029]);
      expect(bankHolidayOn(result.calendar, isoDate('2029-12-26'))).toBe('Boxing Day');
    }
  });
});

describe('building a calendar', () => {
  it('keeps both names when a day is listed twice', () => {
    const calendar = createBankHolidayCalendar([
      { date: isoDate('2030-12-26'), title: 'Boxing Day' },
      { date: isoDate('2030-12-26'), title: 'Special day' },
    ]);
    expect(bankHolidayOn(calendar, isoDate('2030-12-26'))).toBe('Boxing Day; Special day');
  });

  it('takes covered years as given, even a year with no holidays listed', () => {
    const calendar = createBankHolidayCalendar([], [2040]);
    expect(isYearLoaded(calendar, 2040)).toBe(true);
    expect(isYearLoaded(NO_BANK_HOLIDAYS, 2026)).toBe(false);
  });
});

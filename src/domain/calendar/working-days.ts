// A working day is any day but Saturday, Sunday, Christmas Day, Good Friday or an England and
// Wales bank holiday (the statutory convention, e.g. FOIA s.10(6) and HESC r.12(4); the SEND
// Regulations use "working days" without defining them). Christmas Day and Good Friday are
// common-law holidays, so they are excluded in every year, loaded or not; the other bank holidays
// are known only for years whose list is loaded, and every result reports the years it crossed
// without one.
import { addDays, dayOfWeek, dateParts, yearOf, type IsoDate } from './dates.ts';
import { bankHolidayOn, isYearLoaded, type BankHolidayCalendar } from './bank-holidays.ts';
import { goodFriday } from './easter.ts';

export interface WorkingDayResult {
  readonly date: IsoDate;
  /** Years the count passed through with no bank-holiday list loaded, ascending. */
  readonly unloadedYears: readonly number[];
}

// Whether a day works, and whether the answer rested on the bank-holiday list (only a weekday
// other than Christmas Day and Good Friday can be a bank holiday).
function classify(
  date: IsoDate,
  calendar: BankHolidayCalendar,
): { reason: string | undefined; usesList: boolean } {
  const weekday = dayOfWeek(date);
  if (weekday === 6) return { reason: 'Saturday', usesList: false };
  if (weekday === 7) return { reason: 'Sunday', usesList: false };
  const { month, day } = dateParts(date);
  if (month === 12 && day === 25) return { reason: 'Christmas Day', usesList: false };
  if (date === goodFriday(yearOf(date))) return { reason: 'Good Friday', usesList: false };
  return { reason: bankHolidayOn(calendar, date), usesList: true };
}

/** Why a day is not a working day ('Saturday', 'Christmas Day', a bank holiday's title), or undefined. */
export function nonWorkingDayReason(
  date: IsoDate,
  calendar: BankHolidayCalendar,
): string | undefined {
  return classify(date, calendar).reason;
}

export function isWorkingDay(date: IsoDate, calendar: BankHolidayCalendar): boolean {
  return classify(date, calendar).reason === undefined;
}

// Walks days one at a time, remembering each year whose missing list could have changed the
// answer for a day it looked at.
function dayWalker(calendar: BankHolidayCalendar): {
  works: (date: IsoDate) => boolean;
  unloadedYears: () => number[];
} {
  const years = new Set<number>();
  return {
    works(date) {
      const { reason, usesList } = classify(date, calendar);
      if (usesList && !isYearLoaded(calendar, yearOf(date))) years.add(yearOf(date));
      return reason === undefined;
    },
    unloadedYears: () => [...years].sort((a, b) => a - b),
  };
}

/**
 * The day `workingDays` working days after `start`, counting from the day after it (so 3
 * working days after a Friday is the Wednesday). 0 gives `start` itself.
 */
export function addWorkingDays(
  start: IsoDate,
  workingDays: number,
  calendar: BankHolidayCalendar,
): WorkingDayResult {
  if (!Number.isInteger(workingDays) || workingDays < 0) {
    throw new RangeError(`workingDays must be a whole number of days, 0 or more: ${workingDays}`);
  }
  const walker = dayWalker(calendar);
  let date = start;
  let remaining = workingDays;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (walker.works(date)) remaining -= 1;
  }
  return { date, unloadedYears: walker.unloadedYears() };
}

/**
 * The last day of a period of `workingDays` working days beginning with `start`: `start` is the
 * first of them when it is a working day (so 3 working days beginning with a Monday end on the
 * Wednesday; beginning with a Saturday, on the Wednesday after).
 */
export function addWorkingDaysBeginningWith(
  start: IsoDate,
  workingDays: number,
  calendar: BankHolidayCalendar,
): WorkingDayResult {
  if (!Number.isInteger(workingDays) || workingDays < 1) {
    throw new RangeError(`workingDays must be a whole number of days, 1 or more: ${workingDays}`);
  }
  return addWorkingDays(addDays(start, -1), workingDays, calendar);
}

/** `date` when it is a working day, otherwise the next working day after it. */
export function nextWorkingDayOnOrAfter(
  date: IsoDate,
  calendar: BankHolidayCalendar,
): WorkingDayResult {
  const walker = dayWalker(calendar);
  let day = date;
  while (!walker.works(day)) day = addDays(day, 1);
  return { date: day, unloadedYears: walker.unloadedYears() };
}

/** The first working day strictly after `date`. */
export function firstWorkingDayAfter(
  date: IsoDate,
  calendar: BankHolidayCalendar,
): WorkingDayResult {
  return nextWorkingDayOnOrAfter(addDays(date, 1), calendar);
}

/** Joins two results' unloaded years, for a date computed in more than one step. */
export function mergeUnloadedYears(...lists: ReadonlyArray<readonly number[]>): number[] {
  return [...new Set(lists.flat())].sort((a, b) => a - b);
}

/**
 * The sentence a basis text adds when a working-day count crossed a year with no list, e.g.
 * "Bank holidays for 2029 not loaded: ...". Empty when none.
 */
export function unloadedYearsNote(unloadedYears: readonly number[]): string {
  if (unloadedYears.length === 0) return '';
  const years =
    unloadedYears.length === 1
      ? String(unloadedYears[0])
      : `${unloadedYears.slice(0, -1).join(', ')} and ${String(unloadedYears[unloadedYears.length - 1])}`;
  return (
    `Bank holidays for ${years} not loaded: only weekends, Christmas Day and Good Friday were ` +
    `treated as non-working days in ${unloadedYears.length === 1 ? 'that year' : 'those years'}, ` +
    'so check this date once the list is published.'
  );
}

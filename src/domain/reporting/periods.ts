// The reporting periods of the service's dashboard: whole calendar months, named YYYY-MM, a
// period being a run of them from its first month to its last, both included. Today is given.
import { daysInMonth, type IsoDate } from '../calendar/dates.ts';

/** A calendar month as YYYY-MM. */
export type Month = string & { readonly __month: true };

export interface MonthPeriod {
  /** The first month, included. */
  readonly from: Month;
  /** The last month, included. */
  readonly to: Month;
}

/** How many months a period may hold: five years of monthly figures. */
export const MAX_PERIOD_MONTHS = 60;
/** The months the dashboard shows when no period is asked for: the year to this month. */
export const DEFAULT_PERIOD_MONTHS = 12;

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/;

/** The text as a month, or undefined when it is not one from 2000-01 to 2099-12. */
export function parseMonth(text: string): Month | undefined {
  const match = MONTH_PATTERN.exec(text.trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  if (year < 2000 || year > 2099 || month < 1 || month > 12) return undefined;
  return `${match[1]}-${match[2]}` as Month;
}

/** The month a day falls in. */
export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7) as Month;
}

/** The month n months after (or before, when negative) the one given. */
export function addMonthsToMonth(month: Month, n: number): Month {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}` as Month;
}

/** The first day of the month. */
export function firstDayOf(month: Month): IsoDate {
  return `${month}-01` as IsoDate;
}

/** The last day of the month (28 February, or the 29th in a leap year). */
export function lastDayOf(month: Month): IsoDate {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(year, number)).padStart(2, '0')}` as IsoDate;
}

/** Every month of the period, the first first. */
export function monthsOf(period: MonthPeriod): Month[] {
  const months: Month[] = [];
  for (let month = period.from; month <= period.to; month = addMonthsToMonth(month, 1)) months.push(month);
  return months;
}

/** The period's first and last days. */
export function periodDays(period: MonthPeriod): { from: IsoDate; to: IsoDate } {
  return { from: firstDayOf(period.from), to: lastDayOf(period.to) };
}

/** The twelve months to this one. */
export function defaultPeriod(today: IsoDate): MonthPeriod {
  const to = monthOf(today);
  return { from: addMonthsToMonth(to, 1 - DEFAULT_PERIOD_MONTHS), to };
}

/** "March 2026". */
export function monthName(month: Month): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[number - 1]} ${year}`;
}

/** "Mar 2026", for a chart's axis. */
export function shortMonthName(month: Month): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[number - 1]!.slice(0, 3)} ${year}`;
}

/** "April 2025 to March 2026", or "March 2026" for a period of one month. */
export function periodName(period: MonthPeriod): string {
  return period.from === period.to ? monthName(period.from) : `${monthName(period.from)} to ${monthName(period.to)}`;
}

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

export type PeriodProblem = { field: 'from' | 'to'; message: string };

/**
 * The period asked for, checked: each end a month (YYYY-MM) or empty for the default, the start
 * not after the end, the end not after this month, and no more than five years of months.
 */
export function checkPeriod(input: { from?: string | undefined; to?: string | undefined }, today: IsoDate): { period: MonthPeriod; problems: PeriodProblem[] } {
  const defaults = defaultPeriod(today);
  const problems: PeriodProblem[] = [];
  const read = (value: string | undefined, field: 'from' | 'to', fallback: Month) => {
    if (value === undefined || value.trim() === '') return fallback;
    const month = parseMonth(value);
    if (!month) problems.push({ field, message: `Enter the ${field === 'from' ? 'first' : 'last'} month of the period as a year and month, like 2026-04` });
    return month ?? fallback;
  };
  const to = read(input.to, 'to', defaults.to);
  const from = read(input.from, 'from', input.to && parseMonth(input.to) ? addMonthsToMonth(to, 1 - DEFAULT_PERIOD_MONTHS) : defaults.from);
  if (problems.length === 0) {
    if (to > defaults.to) problems.push({ field: 'to', message: 'The last month of the period must be this month or earlier' });
    else if (from > to) problems.push({ field: 'from', message: 'The first month of the period must be the same as or before its last month' });
    else if (monthsOf({ from, to }).length > MAX_PERIOD_MONTHS) problems.push({ field: 'from', message: `The period can be at most ${MAX_PERIOD_MONTHS} months long` });
  }
  return { period: { from, to }, problems };
}

/** A share as a percentage to one decimal place, as the DfE publishes them; null when nothing was counted. */
export function percentage(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.round((numerator / denominator) * 1000) / 10;
}

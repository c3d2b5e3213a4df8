// Dates in law are calendar days, not moments. They are held as 'YYYY-MM-DD' strings and all
// arithmetic is done on whole day numbers (days since 1970-01-01), never on Date objects, so a
// result cannot shift by a day with the process time zone or British Summer Time.
import { z } from 'zod';

declare const isoDateBrand: unique symbol;

/** A real calendar date written 'YYYY-MM-DD'. Obtain one from parseIsoDate or isoDate. */
export type IsoDate = string & { readonly [isoDateBrand]: true };

/** ISO 8601 day of the week: 1 is Monday, 7 is Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in the month; month is 1-12. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic in
// integers, with no dependence on the host's Date implementation or time zone.
function dayNumberFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

function partsFromDayNumber(dayNumber: number): { year: number; month: number; day: number } {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

function format(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

/** Why a string is not an IsoDate: wrong shape, or the right shape but no such day. */
export type IsoDateProblem = 'malformed' | 'impossible';

/**
 * Strictly parses 'YYYY-MM-DD'. Rejects anything else (times, missing zeros, surrounding
 * spaces) and days that do not exist (2026-02-30, 2025-02-29, year 0000).
 */
export function checkIsoDate(
  value: unknown,
): { ok: true; date: IsoDate } | { ok: false; problem: IsoDateProblem } {
  if (typeof value !== 'string') return { ok: false, problem: 'malformed' };
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return { ok: false, problem: 'malformed' };
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, problem: 'impossible' };
  }
  return { ok: true, date: value as IsoDate };
}

/** The date, or undefined when the value is not a real 'YYYY-MM-DD' date. */
export function parseIsoDate(value: unknown): IsoDate | undefined {
  const checked = checkIsoDate(value);
  return checked.ok ? checked.date : undefined;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return checkIsoDate(value).ok;
}

/**
 * For dates known when the code is written (tests, fixed rules). Throws on a bad literal
 * because that is a programming error; use parseIsoDate for anything a person typed.
 */
export function isoDate(value: string): IsoDate {
  const checked = checkIsoDate(value);
  if (!checked.ok) throw new RangeError(`Not a real date in the form YYYY-MM-DD: ${value}`);
  return checked.date;
}

/** zod schema for a real 'YYYY-MM-DD' date, for forms, CSV and API boundaries. */
export const isoDateSchema = z
  .string()
  .regex(ISO_DATE_PATTERN, { message: 'Enter a date in the form YYYY-MM-DD' })
  .refine((value) => isIsoDate(value), { message: 'Enter a real date' })
  .transform((value) => value as IsoDate);

export function dateParts(date: IsoDate): { year: number; month: number; day: number } {
  return {
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8, 10)),
  };
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Builds a date from parts; undefined when there is no such day. */
export function dateFromParts(year: number, month: number, day: number): IsoDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    return undefined;
  }
  if (year < 1 || year > 9999 || month < 1 || month > 12) return undefined;
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  return format(year, month, day);
}

/**
 * A date as files from other systems write it: dd/mm/yyyy (UK order, as GIAS and most council
 * systems export), or yyyy-mm-dd. Empty is null (no date); anything else, or a day that does not
 * exist, is undefined.
 */
export function parseFileDate(value: string): IsoDate | null | undefined {
  const text = value.trim();
  if (text === '') return null;
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (uk) return dateFromParts(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return dateFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  return undefined;
}

/** Days since 1970-01-01 (negative before it). */
export function toDayNumber(date: IsoDate): number {
  const { year, month, day } = dateParts(date);
  return dayNumberFromParts(year, month, day);
}

export function fromDayNumber(dayNumber: number): IsoDate {
  const { year, month, day } = partsFromDayNumber(dayNumber);
  return format(year, month, day);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

export function addWeeks(date: IsoDate, weeks: number): IsoDate {
  return addDays(date, weeks * 7);
}

/**
 * Calendar months by the corresponding-date rule: the same day of the month, or the last day
 * of the target month when it is shorter (2024-02-29 + 12 months = 2025-02-28;
 * 2026-01-31 + 1 month = 2026-02-28). Negative months count backwards the same way.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = dateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** Whether addMonths(date, months) had no corresponding day and fell back to the month's end. */
export function monthsLandOnShorterMonth(date: IsoDate, months: number): boolean {
  return dateParts(addMonths(date, months)).day !== dateParts(date).day;
}

/** Whole days from `from` to `to`: positive when `to` is later. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

export function dayOfWeek(date: IsoDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((toDayNumber(date) + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

const WEEKDAY_NAMES = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export function weekdayName(date: IsoDate): (typeof WEEKDAY_NAMES)[number] {
  return WEEKDAY_NAMES[dayOfWeek(date) - 1] ?? 'Monday';
}

export function isWeekend(date: IsoDate): boolean {
  return dayOfWeek(date) >= 6;
}

/** Negative when a is earlier, 0 when equal, positive when later; usable with Array.sort. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  // Zero-padded ISO dates sort correctly as strings.
  return a < b ? -1 : a > b ? 1 : 0;
}

export function laterOf(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

export function earlierOf(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

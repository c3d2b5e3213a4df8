// How long each child waited in the unallocated queue: the report of long waits (issue 16, part 7).
// Waits are counted in working days, as the caseloads page counts the queue's long waits ("more
// than 5 working days"), so a child waiting over Christmas is not counted as waiting for the
// bank holidays. The count follows the statutory convention of addWorkingDays: from the day
// after the case joined the queue up to and including the day it left it (or today, for a child
// still waiting). The whole of each wait is counted, even the part before or after the period.
import { isYearLoaded, type BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import { addDays, addMonths, daysBetween, yearOf, type IsoDate } from '../calendar/dates.ts';
import { isWorkingDay, mergeUnloadedYears } from '../calendar/working-days.ts';
import { LONG_WAIT_WORKING_DAYS } from './queue.ts';

/** The report's N unless asked otherwise: the caseloads page's own measure of a long wait. */
export const DEFAULT_WAIT_WORKING_DAYS = LONG_WAIT_WORKING_DAYS;
/** The most working days a manager may ask about: a year and a half of working days. */
export const MAX_WAIT_WORKING_DAYS = 365;

/** A spell in the queue, as London dates: the day it joined, and the day it left (null: still waiting). */
export interface QueueSpell {
  from: IsoDate;
  to: IsoDate | null;
}

export interface WaitPeriod {
  from: IsoDate;
  to: IsoDate;
}

export interface MeasuredWait {
  /** The day the wait ended, or today for a child still waiting. */
  endedOn: IsoDate;
  stillWaiting: boolean;
  workingDays: number;
  calendarDays: number;
  /** The wait began before the period and is counted whole. */
  startedBeforePeriod: boolean;
  /** The wait went on after the period and is counted whole. */
  endedAfterPeriod: boolean;
  /** Years the count crossed with no bank-holiday list loaded. */
  unloadedYears: number[];
}

/** The 12 months ending today: from the day after today's date a year ago. */
export function defaultWaitPeriod(today: IsoDate): WaitPeriod {
  return { from: addDays(addMonths(today, -12), 1), to: today };
}

/**
 * Working days from the day after `from` up to and including `to` (0 when `to` is not after
 * `from`), with the years it crossed whose bank holidays are not loaded.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate, calendar: BankHolidayCalendar): { days: number; unloadedYears: number[] } {
  let days = 0;
  const unloaded = new Set<number>();
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (!isWorkingDay(day, calendar)) continue;
    days += 1;
    // A day counted as working in a year with no list may yet be a bank holiday.
    if (!isYearLoaded(calendar, yearOf(day))) unloaded.add(yearOf(day));
  }
  return { days, unloadedYears: [...unloaded].sort((a, b) => a - b) };
}

/** Whether the spell was in the queue on any day of the period. */
export function overlapsPeriod(spell: QueueSpell, period: WaitPeriod, today: IsoDate): boolean {
  const end = spell.to ?? today;
  return spell.from <= period.to && end >= period.from;
}

/** One spell measured: how long it lasted (or has lasted so far), and whether it crossed the period's edges. */
export function measureWait(spell: QueueSpell, period: WaitPeriod, today: IsoDate, calendar: BankHolidayCalendar): MeasuredWait {
  const endedOn = spell.to ?? today;
  const counted = workingDaysBetween(spell.from, endedOn, calendar);
  return {
    endedOn,
    stillWaiting: spell.to === null,
    workingDays: counted.days,
    calendarDays: Math.max(0, daysBetween(spell.from, endedOn)),
    startedBeforePeriod: spell.from < period.from,
    endedAfterPeriod: endedOn > period.to,
    unloadedYears: counted.unloadedYears,
  };
}

/**
 * The waits of the report: each spell that was in the queue during the period and lasted more
 * than `moreThan` working days, measured, the longest first (then the earliest to join).
 */
export function longWaits<T extends QueueSpell>(
  spells: readonly T[],
  options: { period: WaitPeriod; moreThan: number; today: IsoDate; calendar: BankHolidayCalendar },
): (T & { wait: MeasuredWait })[] {
  const found: (T & { wait: MeasuredWait })[] = [];
  for (const spell of spells) {
    if (!overlapsPeriod(spell, options.period, options.today)) continue;
    // A wait of more than N working days spans more than N calendar days: the rest need no count.
    if (daysBetween(spell.from, spell.to ?? options.today) <= options.moreThan) continue;
    const wait = measureWait(spell, options.period, options.today, options.calendar);
    if (wait.workingDays > options.moreThan) found.push({ ...spell, wait });
  }
  return found.sort((a, b) => b.wait.workingDays - a.wait.workingDays || (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
}

export interface WaitSummary {
  waits: number;
  children: number;
  /** The middle wait in working days (the mean of the two middle ones for an even count, to a half day); null with none. */
  medianWorkingDays: number | null;
  longestWorkingDays: number | null;
  unloadedYears: number[];
}

/** The report's figures: how many waits and children, the median and the longest wait. */
export function summariseWaits(waits: readonly { childId: string; wait: MeasuredWait }[]): WaitSummary {
  const days = waits.map((entry) => entry.wait.workingDays).sort((a, b) => a - b);
  const middle = Math.floor(days.length / 2);
  const median = days.length === 0 ? null : days.length % 2 === 1 ? days[middle]! : (days[middle - 1]! + days[middle]!) / 2;
  return {
    waits: waits.length,
    children: new Set(waits.map((entry) => entry.childId)).size,
    medianWorkingDays: median,
    longestWorkingDays: days.at(-1) ?? null,
    unloadedYears: mergeUnloadedYears(...waits.map((entry) => entry.wait.unloadedYears)),
  };
}

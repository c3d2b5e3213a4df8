// How long a case may wait in the unallocated queue before it counts as waiting too long.
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import { addWorkingDays } from '../calendar/working-days.ts';

/** A case unallocated for more than this many working days is waiting too long. */
export const LONG_WAIT_WORKING_DAYS = 5;

/**
 * The latest day a case can have joined the queue and, by `today`, have waited more than
 * `workingDays` working days: one that joined on day D has when D plus that many working days is
 * before today. Joined on this day or earlier: waiting too long.
 */
export function longWaitCutoff(today: IsoDate, calendar: BankHolidayCalendar, workingDays = LONG_WAIT_WORKING_DAYS): IsoDate {
  let day = addDays(today, -1);
  // Each step back is a day earlier; a few weeks covers any run of holidays.
  while (addWorkingDays(day, workingDays, calendar).date >= today) day = addDays(day, -1);
  return day;
}

// For tests only: the shipped England and Wales list (2018-2028) as a calendar. The application
// builds its calendar from the database instead, so nothing outside tests imports this.
import govUkBankHolidays from '../../db/reference/bank-holidays-england-and-wales.json' with { type: 'json' };
import { bankHolidayCalendarFromGovUk, type BankHolidayCalendar } from './bank-holidays.ts';

export const shippedBankHolidays: unknown = govUkBankHolidays;

function load(): BankHolidayCalendar {
  const result = bankHolidayCalendarFromGovUk(govUkBankHolidays);
  if (!result.ok) throw new Error(`Shipped bank holidays do not parse: ${result.detail}`);
  return result.calendar;
}

/** England and Wales, 2018 to 2028 as shipped. */
export const englandAndWales: BankHolidayCalendar = load();

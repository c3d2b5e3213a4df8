// The England and Wales bank-holiday list is data, not code: GOV.UK publishes it as JSON a year
// or two ahead, and proclamations add or move days (2020 VE Day, 2022 Jubilee, 2023 Coronation),
// so no rule can predict it. The calendar remembers which years it holds a list for, so a result
// that depended on a year without one can say so instead of silently ignoring its holidays.
import { z } from 'zod';
import { isoDateSchema, yearOf, type IsoDate } from './dates.ts';

export interface BankHoliday {
  readonly date: IsoDate;
  readonly title: string;
}

export interface BankHolidayCalendar {
  /** Bank holidays by date; the title is what a basis text shows. */
  readonly holidays: ReadonlyMap<IsoDate, string>;
  /** Years whose whole bank-holiday list is loaded. */
  readonly coveredYears: ReadonlySet<number>;
}

/**
 * @param coveredYears the years the list is complete for; by default every year that has at
 *   least one holiday in the list (GOV.UK publishes whole years).
 */
export function createBankHolidayCalendar(
  holidays: Iterable<BankHoliday>,
  coveredYears?: Iterable<number>,
): BankHolidayCalendar {
  const byDate = new Map<IsoDate, string>();
  for (const holiday of holidays) {
    const existing = byDate.get(holiday.date);
    // Two names for one day has happened (a substitute day listed twice); keep both for the reader.
    byDate.set(
      holiday.date,
      existing === undefined || existing === holiday.title
        ? holiday.title
        : `${existing}; ${holiday.title}`,
    );
  }
  const years = new Set<number>(coveredYears ?? [...byDate.keys()].map((date) => yearOf(date)));
  return { holidays: byDate, coveredYears: years };
}

/** A calendar with no bank holidays loaded: only weekends, Christmas Day and Good Friday count. */
export const NO_BANK_HOLIDAYS: BankHolidayCalendar = createBankHolidayCalendar([], []);

export function bankHolidayOn(calendar: BankHolidayCalendar, date: IsoDate): string | undefined {
  return calendar.holidays.get(date);
}

export function isYearLoaded(calendar: BankHolidayCalendar, year: number): boolean {
  return calendar.coveredYears.has(year);
}

/** One division of the GOV.UK /bank-holidays.json document, as far as this service relies on it. */
export const govUkBankHolidayDivisionSchema = z.object({
  division: z.string(),
  events: z.array(
    z.object({
      title: z.string().min(1),
      date: isoDateSchema,
      notes: z.string().optional(),
      bunting: z.boolean().optional(),
    }),
  ),
});

/** The GOV.UK document: divisions ("england-and-wales", "scotland", ...) keyed by name. */
export type GovUkBankHolidays = Record<string, z.input<typeof govUkBankHolidayDivisionSchema>>;

export const ENGLAND_AND_WALES = 'england-and-wales';

/**
 * Reads one division of a GOV.UK bank-holidays document (already parsed from JSON by the
 * caller). Only that division is checked, so a change to another division's data does not
 * block an import. Years covered are those with at least one event. Never throws: an admin's
 * import of a bad file is reported, not crashed on.
 */
export function parseGovUkBankHolidays(
  document: unknown,
  division: string = ENGLAND_AND_WALES,
):
  | { ok: true; holidays: BankHoliday[]; coveredYears: number[] }
  | { ok: false; detail: string } {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    return { ok: false, detail: 'Not a GOV.UK bank-holidays document: expected a JSON object' };
  }
  const section: unknown = Object.hasOwn(document, division)
    ? (document as Record<string, unknown>)[division]
    : undefined;
  if (section === undefined) {
    return { ok: false, detail: `The document has no "${division}" division` };
  }
  const parsed = govUkBankHolidayDivisionSchema.safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = [division, ...(issue?.path ?? []).map(String)].join('.');
    return {
      ok: false,
      detail: `Not a GOV.UK bank-holidays document (at ${where}): ${issue?.message ?? 'invalid'}`,
    };
  }
  const holidays = parsed.data.events.map((event) => ({ date: event.date, title: event.title }));
  holidays.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const coveredYears = [...new Set(holidays.map((holiday) => yearOf(holiday.date)))].sort(
    (a, b) => a - b,
  );
  return { ok: true, holidays, coveredYears };
}

export function bankHolidayCalendarFromGovUk(
  document: unknown,
  division: string = ENGLAND_AND_WALES,
): { ok: true; calendar: BankHolidayCalendar } | { ok: false; detail: string } {
  const parsed = parseGovUkBankHolidays(document, division);
  if (!parsed.ok) return parsed;
  return { ok: true, calendar: createBankHolidayCalendar(parsed.holidays, parsed.coveredYears) };
}

// The public deadline calculator: the pure domain core (computeTimescales) fed with the England
// and Wales bank holidays held in the database. The calendar is read once and kept in memory,
// because every request needs it and it changes once or twice a year.
import {
  checkIsoDate,
  createBankHolidayCalendar,
  NO_BANK_HOLIDAYS,
  type BankHoliday,
  type BankHolidayCalendar,
} from '../../domain/calendar/index.ts';
import { computeTimescales, type TimescalesResult } from '../../domain/clocks/timescales.ts';
import { systemClock, type Clock } from '../../lib/clock.ts';
import type { ReferenceDataService } from '../reference/index.ts';

/** What the calculator needs from the reference data: the loaded bank holidays. */
export type BankHolidaySource = Pick<ReferenceDataService, 'listBankHolidays'>;

export interface TimescalesServiceOptions {
  clock?: Clock;
  /**
   * How long a loaded calendar is trusted. invalidate() refreshes it at once in this process;
   * the age limit catches an import made by another process (the `casework` command, another
   * instance behind the load balancer). Default 10 minutes.
   */
  maxAgeMs?: number;
}

export const DEFAULT_CALENDAR_MAX_AGE_MS = 10 * 60 * 1000;

export class TimescalesService {
  private readonly reference: BankHolidaySource;
  private readonly clock: Clock;
  private readonly maxAgeMs: number;
  private cached: { readonly calendar: Promise<BankHolidayCalendar>; readonly loadedAt: number } | undefined;

  constructor(reference: BankHolidaySource, options: TimescalesServiceOptions = {}) {
    this.reference = reference;
    this.clock = options.clock ?? systemClock;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_CALENDAR_MAX_AGE_MS;
  }

  /** The bank-holiday calendar, read from the database on first use and then kept. */
  calendar(): Promise<BankHolidayCalendar> {
    const now = this.clock.now().getTime();
    const cached = this.cached;
    if (cached !== undefined && now - cached.loadedAt < this.maxAgeMs) return cached.calendar;
    const entry = { calendar: this.load(), loadedAt: now };
    this.cached = entry;
    // A failed read is not remembered: the next request tries again.
    entry.calendar.catch(() => {
      if (this.cached === entry) this.cached = undefined;
    });
    return entry.calendar;
  }

  /** Forgets the calendar, so the next request reads the bank holidays again (after an import). */
  invalidate(): void {
    this.cached = undefined;
  }

  /**
   * The deadlines for one process from a query as received (see computeTimescales). A bad query
   * is an answer ({ ok: false, field, detail }), never an exception; only a failure to read the
   * bank holidays for a good query rejects.
   */
  async compute(query: Readonly<Record<string, unknown>>): Promise<TimescalesResult> {
    // Checking the query needs no calendar, so a bad one is refused even while the database is
    // unreachable (the calculation takes microseconds; doing it twice costs nothing).
    const checked = computeTimescales(query, NO_BANK_HOLIDAYS);
    if (!checked.ok) return checked;
    return computeTimescales(query, await this.calendar());
  }

  private async load(): Promise<BankHolidayCalendar> {
    const rows = await this.reference.listBankHolidays();
    const holidays: BankHoliday[] = rows.map((row) => {
      const checked = checkIsoDate(row.date);
      if (!checked.ok) throw new Error(`The bank-holiday table holds a date that is not YYYY-MM-DD: ${row.date}`);
      return { date: checked.date, title: row.title };
    });
    // Years covered are those with at least one holiday, as GOV.UK publishes whole years.
    return createBankHolidayCalendar(holidays);
  }
}

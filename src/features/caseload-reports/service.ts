// Caseload reports for managers: the children who waited in the unallocated queue for more than
// N working days in a period, and how long each waited (issue 16, part 7), as a page and as CSV.
import type { Database } from '../../db/database.ts';
import { checkIsoDate, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import { DEFAULT_WAIT_WORKING_DAYS, defaultWaitPeriod, longWaits, MAX_WAIT_WORKING_DAYS, summariseWaits, type MeasuredWait, type WaitPeriod, type WaitSummary } from '../../domain/caseload/index.ts';
import { fullName } from '../../domain/children/names.ts';
import type { Clock } from '../../lib/clock.ts';
import { ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { recordListAccess } from '../audit/index.ts';
import { MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import * as repository from './repository.ts';

export const WAITS_PAGE_SIZE = 50;

/** The report's question as the form or link gives it: dates as YYYY-MM-DD ('' for the default), N as typed. */
export interface WaitsInput {
  from?: string | undefined;
  to?: string | undefined;
  days?: string | undefined;
  page?: number | undefined;
}

/** One child's wait in the queue. */
export interface ChildWait {
  caseId: string;
  reference: string;
  childId: string;
  childName: string;
  from: IsoDate;
  /** The day the wait ended; null while the child is still waiting. */
  to: IsoDate | null;
  workingDays: number;
  calendarDays: number;
  /** Whom the case went to: an officer, 'closed' (the case closed while waiting), or null (still waiting). */
  wentTo: { id: string; name: string } | 'closed' | null;
  startedBeforePeriod: boolean;
  endedAfterPeriod: boolean;
}

export interface WaitsReport {
  period: WaitPeriod;
  moreThan: number;
  summary: WaitSummary;
  waits: ChildWait[];
}

/** The question checked: a real period ending today at the latest, and N a whole number of working days from 0 to 365. */
export function checkWaitsQuestion(input: WaitsInput, today: IsoDate): { period: WaitPeriod; moreThan: number } {
  const problems: FieldProblem[] = [];
  const defaults = defaultWaitPeriod(today);
  const dateOf = (value: string | undefined, field: 'from' | 'to', name: string, fallback: IsoDate) => {
    if (!value) return fallback;
    const checked = checkIsoDate(value);
    if (!checked.ok || checked.date < '2000-01-01' || checked.date > '2099-12-31') {
      problems.push({ field, message: `The ${name} of the period must be a real date, for example 1 4 2026` });
      return undefined;
    }
    return checked.date;
  };
  const from = dateOf(input.from, 'from', 'start', defaults.from);
  const to = dateOf(input.to, 'to', 'end', defaults.to);
  if (to && to > today) problems.push({ field: 'to', message: 'The end of the period must be today or in the past' });
  else if (from && to && from > to) problems.push({ field: 'from', message: 'The start of the period must be the same as or before its end' });
  const days = (input.days ?? '').trim();
  let moreThan = DEFAULT_WAIT_WORKING_DAYS;
  if (days !== '') {
    if (!/^\d{1,3}$/.test(days) || Number(days) > MAX_WAIT_WORKING_DAYS) {
      problems.push({ field: 'days', message: `Enter the number of working days as a whole number from 0 to ${MAX_WAIT_WORKING_DAYS}, like 5` });
    } else moreThan = Number(days);
  }
  if (problems.length > 0 || !from || !to) throw new ValidationError(problems);
  return { period: { from, to }, moreThan };
}

export class CaseloadReportsService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly calendar: () => Promise<BankHolidayCalendar>;

  constructor(db: Database, clock: Clock, parts: { calendar: () => Promise<BankHolidayCalendar> }) {
    this.db = db;
    this.clock = clock;
    this.calendar = parts.calendar;
  }

  /**
   * The children who waited in the unallocated queue for more than N working days (5 unless asked)
   * at any time in the period (the last 12 months unless asked), the longest wait first, 50 to a
   * page, with the figures of the whole report. For team managers, service leads and
   * administrators. The children on the page go to the log of lists shown.
   */
  async waits(actor: Actor, input: WaitsInput, view = 'caseload-waits'): Promise<WaitsReport & { page: number; pageCount: number }> {
    requireRole(actor, ...MANAGER_ROLES);
    const report = await this.report(actor, input);
    const pageCount = Math.max(1, Math.ceil(report.waits.length / WAITS_PAGE_SIZE));
    // A page past the end (a link made before cases changed) shows the last page.
    const page = Math.min(pageNumber(input.page), pageCount);
    const shown = report.waits.slice((page - 1) * WAITS_PAGE_SIZE, page * WAITS_PAGE_SIZE);
    if (shown.length > 0) await recordListAccess(this.db, this.clock, actor, view, shown.map((entry) => entry.childId), describe(report));
    return { ...report, waits: shown, page, pageCount };
  }

  /** The whole report for a download: every child in it goes to the log of lists shown, under `view`. */
  async waitsForDownload(actor: Actor, input: WaitsInput, view = 'caseload-waits.csv'): Promise<WaitsReport> {
    requireRole(actor, ...MANAGER_ROLES);
    const report = await this.report(actor, input);
    if (report.waits.length > 0) await recordListAccess(this.db, this.clock, actor, view, report.waits.map((entry) => entry.childId), describe(report));
    return report;
  }

  private async report(actor: Actor, input: WaitsInput): Promise<WaitsReport> {
    const today = this.clock.today() as IsoDate;
    const { period, moreThan } = checkWaitsQuestion(input, today);
    const [calendar, rows] = await Promise.all([this.calendar(), repository.listQueueSpells(this.db, actor.authorityId, { from: period.from, to: period.to, today, moreThanDays: moreThan })]);
    const found = longWaits(
      rows.map((row) => ({ ...row, from: row.from as IsoDate, to: row.to as IsoDate | null })),
      { period, moreThan, today, calendar },
    );
    return { period, moreThan, summary: summariseWaits(found), waits: found.map(childWait) };
  }
}

function childWait(row: repository.QueueSpellRow & { from: IsoDate; to: IsoDate | null; wait: MeasuredWait }): ChildWait {
  return {
    caseId: row.caseId,
    reference: row.reference,
    childId: row.childId,
    childName: fullName(row),
    from: row.from,
    to: row.to,
    workingDays: row.wait.workingDays,
    calendarDays: row.wait.calendarDays,
    // A wait the closing ended: on the day the case closed (or, for a closing dated before the wait began, the day it began).
    wentTo: row.toOfficerId ? { id: row.toOfficerId, name: row.toOfficerName ?? '' } : row.to !== null && row.closedOn !== null && (row.to === row.closedOn || row.to === row.from) ? 'closed' : null,
    startedBeforePeriod: row.wait.startedBeforePeriod,
    endedAfterPeriod: row.wait.endedAfterPeriod,
  };
}

/** The report's question, as the log of lists keeps it. */
const describe = (report: WaitsReport) => `${report.period.from} to ${report.period.to}, more than ${report.moreThan} working days`;

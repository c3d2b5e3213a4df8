// The report of waits in the unallocated queue: its table on the page, and the same rows as CSV.
import { stringify } from 'csv-stringify/sync';
import { escapeHtml, govukTable, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { childLink } from '../children/index.ts';
import type { ChildWait, WaitsReport } from './service.ts';

const numeric = 'govuk-table__cell--numeric';
const days = (count: number, kind: string) => `${count} ${kind} day${count === 1 ? '' : 's'}`;

/** Where the case went when the wait ended, in words. */
export function wentToText(entry: Pick<ChildWait, 'to' | 'wentTo'>): string {
  if (entry.to === null) return 'No one yet';
  if (entry.wentTo === 'closed') return 'No one: the case closed';
  return entry.wentTo ? entry.wentTo.name : 'Back to the queue';
}

/** A row a wait, the longest first: the child linked to their record, the days, whom the case went to. */
export function waitsTable(caption: string, waits: readonly ChildWait[]): TrustedHtml {
  return govukTable({
    caption,
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Child' }, { text: 'Waiting from' }, { text: 'To' }, { text: 'Working days waited', classes: 'govuk-table__header--numeric' }, { text: 'Went to' }],
    rows:
      waits.length === 0
        ? [[{ text: 'No child waited that long in the period.', colspan: 5 }]]
        : waits.map((entry): TableCell[] => [
            withSecondaryLine(childLink(entry.childId, entry.childName), entry.reference),
            entry.startedBeforePeriod ? withSecondaryLine(escapeHtml(longDate(entry.from)), 'before the period') : { text: longDate(entry.from) },
            entry.to === null ? { html: '<strong>Still waiting</strong>' } : entry.endedAfterPeriod ? withSecondaryLine(escapeHtml(longDate(entry.to)), 'after the period') : { text: longDate(entry.to) },
            { ...withSecondaryLine(escapeHtml(entry.workingDays), days(entry.calendarDays, 'calendar')), classes: numeric },
            entry.wentTo && entry.wentTo !== 'closed' ? { html: `<span dir="auto">${escapeHtml(entry.wentTo.name)}</span>` } : { text: wentToText(entry) },
          ]),
  });
}

export const CSV_HEADER = ['Child', 'Case reference', 'Waiting from', 'Waiting to', 'Still waiting', 'Working days waited', 'Calendar days waited', 'Went to'] as const;

/**
 * The report as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads names with
 * accents rightly), dates as YYYY-MM-DD, and any cell starting =, +, - or @ (a name can) prefixed
 * with ' so a spreadsheet never runs it as a formula.
 */
export function waitsCsv(report: WaitsReport): string {
  return stringify(
    report.waits.map((entry) => [entry.childName, entry.reference, entry.from, entry.to ?? '', entry.to === null ? 'yes' : 'no', entry.workingDays, entry.calendarDays, wentToText(entry)]),
    { bom: true, header: true, columns: [...CSV_HEADER], escape_formulas: true, record_delimiter: 'windows' },
  );
}

/** The download's name, with the period's dates and N. */
export const waitsCsvFilename = (report: WaitsReport) => `unallocated-waits-${report.period.from}-to-${report.period.to}-over-${report.moreThan}-working-days.csv`;

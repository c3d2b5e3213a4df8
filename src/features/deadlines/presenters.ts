import type { DeadlineStatusResult } from '../../domain/clocks/status.ts';
import { deadlineTagHtml } from '../../web/deadline-tag.ts';
import { escapeHtml, govukTable, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { childLink } from '../children/index.ts';

export interface TeamDeadlineEntry extends DeadlineStatusResult {
  childId: string;
  childName: string;
  reference: string;
  stageName: string;
  title: string;
  dueOn: string;
  officerName: string | null;
  /** The colleague covering the officer today, if they are away. */
  coverName?: string | undefined;
}

/** The team view: one row a deadline, earliest first. */
export function teamDeadlinesTable(caption: string, deadlines: readonly TeamDeadlineEntry[]): TrustedHtml {
  return govukTable({
    caption,
    captionClasses: 'govuk-table__caption--m',
    head: [{ text: 'Child' }, { text: 'Deadline' }, { text: 'Due' }, { text: 'Officer' }],
    rows:
      deadlines.length === 0
        ? [[{ text: 'None.', colspan: 4 }]]
        : deadlines.map((row): TableCell[] => [
            withSecondaryLine(childLink(row.childId, row.childName), `${row.reference} · ${row.stageName}`),
            { text: row.title },
            { html: `${escapeHtml(longDate(row.dueOn))}<br>${deadlineTagHtml(row)}` },
            row.officerName && row.coverName
              ? { html: `<span dir="auto">${escapeHtml(row.officerName)}</span> (covered by <span dir="auto">${escapeHtml(row.coverName)}</span>)` }
              : { text: row.officerName ?? 'Unallocated' },
          ]),
  });
}

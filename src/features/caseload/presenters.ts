// The unallocated queue's table, as GOV.UK markup built in code like the service's other lists.
import type { DeadlineStatusResult } from '../../domain/clocks/status.ts';
import { deadlineTagHtml } from '../../web/deadline-tag.ts';
import { escapeHtml, govukTable, withSecondaryLine, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { childLink } from '../children/index.ts';

export interface UnallocatedEntry {
  childId: string;
  childName: string;
  reference: string;
  stageName: string;
  unallocatedSince: string;
  daysWaiting: number;
  deadline?: ({ title: string; dueOn: string } & DeadlineStatusResult) | undefined;
}

/** One row a case waiting for an officer, the longest waiting first. */
export function unallocatedTable(caption: string, cases: readonly UnallocatedEntry[], captionClasses = 'govuk-table__caption--m'): TrustedHtml {
  return govukTable({
    caption,
    captionClasses,
    head: [{ text: 'Child' }, { text: 'Waiting since' }, { text: 'Next deadline' }],
    rows:
      cases.length === 0
        ? [[{ text: 'No case is waiting for an officer.', colspan: 3 }]]
        : cases.map((entry): TableCell[] => [
            withSecondaryLine(childLink(entry.childId, entry.childName), `${entry.reference} · ${entry.stageName}`),
            withSecondaryLine(escapeHtml(longDate(entry.unallocatedSince)), entry.daysWaiting === 1 ? '1 day' : `${entry.daysWaiting} days`),
            { html: entry.deadline ? `${escapeHtml(entry.deadline.title)}: ${escapeHtml(longDate(entry.deadline.dueOn))}<br>${deadlineTagHtml(entry.deadline)}` : 'None running' },
          ]),
  });
}

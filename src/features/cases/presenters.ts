// The long tables of the case pages, built as GOV.UK markup in code rather than in Nunjucks
// loops (see src/web/govuk-markup.ts for why). The routes pass the result to the template.
import type { DeadlineStatusResult } from '../../domain/clocks/status.ts';
import { deadlineTagHtml } from '../../web/deadline-tag.ts';
import { escapeHtml, govukTable, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';

const childCell = (childId: string, childName: string, secondary: string): TableCell => ({
  html: `<a class="govuk-link" href="/children/${escapeHtml(encodeURIComponent(childId))}">${escapeHtml(childName)}</a><br><span class="govuk-body-s app-secondary">${escapeHtml(secondary)}</span>`,
});

export interface WorklistEntry {
  childId: string;
  childName: string;
  reference: string;
  dateOfBirth: string;
  stageName: string;
  nextAction: string;
  deadline?: ({ title: string; dueOn: string } & DeadlineStatusResult) | undefined;
}

/** "My cases": one row a case, its child, its stage and next action, its next deadline. */
export function worklistTable(cases: readonly WorklistEntry[]): TrustedHtml {
  return govukTable({
    caption: 'Your open cases',
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'Child' }, { text: 'Stage and next action' }, { text: 'Next deadline' }],
    rows: cases.map((entry): TableCell[] => [
      childCell(entry.childId, entry.childName, `${entry.reference} · born ${longDate(entry.dateOfBirth)}`),
      { html: `${escapeHtml(entry.stageName)}<br><span class="govuk-body-s app-secondary">${escapeHtml(entry.nextAction)}</span>` },
      entry.deadline
        ? { html: `${escapeHtml(`${entry.deadline.title}: ${longDate(entry.deadline.dueOn)}`)}<br>${deadlineTagHtml(entry.deadline)}` }
        : { text: 'None running' },
    ]),
  });
}

export interface TeamDeadlineEntry extends DeadlineStatusResult {
  childId: string;
  childName: string;
  reference: string;
  stageName: string;
  title: string;
  dueOn: string;
  officerName: string | null;
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
            childCell(row.childId, row.childName, `${row.reference} · ${row.stageName}`),
            { text: row.title },
            { html: `${escapeHtml(longDate(row.dueOn))}<br>${deadlineTagHtml(row)}` },
            { text: row.officerName ?? 'Unallocated' },
          ]),
  });
}

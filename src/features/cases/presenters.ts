// The long tables of the case pages, built as GOV.UK markup in code rather than in Nunjucks
// loops (see src/web/govuk-markup.ts for why). The routes pass the result to the template.
import type { DeadlineStatusResult } from '../../domain/clocks/status.ts';
import { deadlineTagHtml } from '../../web/deadline-tag.ts';
import { escapeHtml, govukSummaryList, govukTable, govukTagHtml, trusted, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate, withLongDates } from '../../web/long-date.ts';

/** A cell's main line (markup) over a smaller secondary line (text). */
const withSecondaryLine = (mainHtml: string, secondary: string): TableCell => ({
  html: `${mainHtml}<br><span class="govuk-body-s app-secondary">${escapeHtml(secondary)}</span>`,
});

/** A link to a child's record, their name as its text. */
const childLink = (childId: string, childName: string) => `<a class="govuk-link" href="/children/${escapeHtml(encodeURIComponent(childId))}">${escapeHtml(childName)}</a>`;

const childCell = (childId: string, childName: string, secondary: string): TableCell => withSecondaryLine(childLink(childId, childName), secondary);

export interface WorklistEntry {
  childId: string;
  childName: string;
  reference: string;
  dateOfBirth: string;
  stageName: string;
  nextAction: string;
  deadline?: ({ title: string; dueOn: string } & DeadlineStatusResult) | undefined;
}

// My cases' table around its rows: govukTable's markup for this caption and these headers.
const WORKLIST_TABLE_START = govukTable({
  caption: 'Your open cases',
  captionClasses: 'govuk-visually-hidden',
  head: [{ text: 'Child' }, { text: 'Stage and next action' }, { text: 'Next deadline' }],
  rows: [],
}).val.replace('</tbody></table>', '');

/**
 * "My cases": one row a case, its child, its stage and next action, its next deadline. The
 * page served most, so each row is written in one template string rather than through cell
 * objects (half the time); the markup is govukTable's, held by govuk-markup.test.ts. Each value
 * is escaped on its own, which is the same as escaping the text they make together. The
 * separator is written as `&middot;` so that a page of ASCII names is ASCII throughout: Node
 * encodes an ASCII page to UTF-8 in a third of the time of one holding a single other character.
 */
export function worklistTable(cases: readonly WorklistEntry[]): TrustedHtml {
  let markup = WORKLIST_TABLE_START;
  for (const entry of cases) {
    const deadline = entry.deadline;
    markup +=
      `<tr class="govuk-table__row"><td class="govuk-table__cell">${childLink(entry.childId, entry.childName)}` +
      `<br><span class="govuk-body-s app-secondary">${escapeHtml(entry.reference)} &middot; born ${escapeHtml(longDate(entry.dateOfBirth))}</span></td>` +
      `<td class="govuk-table__cell">${escapeHtml(entry.stageName)}<br><span class="govuk-body-s app-secondary">${escapeHtml(entry.nextAction)}</span></td>` +
      `<td class="govuk-table__cell">${deadline ? `${escapeHtml(deadline.title)}: ${escapeHtml(longDate(deadline.dueOn))}<br>${deadlineTagHtml(deadline)}` : 'None running'}</td></tr>`;
  }
  return trusted(`${markup}</tbody></table>`);
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

export interface CaseDeadlineEntry extends DeadlineStatusResult {
  title: string;
  basis: string;
  dueOn: string;
  duty: string;
}

/**
 * A case's statutory deadlines. The family's own windows (to comment, to appeal) are not the
 * council's to meet, so they show as open or closed rather than as met, late or overdue.
 */
export function caseDeadlinesTable(deadlines: readonly CaseDeadlineEntry[]): TrustedHtml {
  return govukTable({
    caption: 'Deadlines on this case',
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'Deadline' }, { text: 'Due' }, { text: 'Status' }],
    rows: deadlines.map((deadline): TableCell[] => [
      withSecondaryLine(escapeHtml(deadline.title), withLongDates(deadline.basis)),
      { text: longDate(deadline.dueOn) },
      {
        html:
          deadline.duty === 'family'
            ? govukTagHtml({ text: deadline.daysRemaining !== null && deadline.daysRemaining >= 0 ? 'Family’s window open' : 'Family’s window closed', classes: 'govuk-tag--grey' })
            : deadlineTagHtml(deadline),
      },
    ]),
  });
}

export interface ChildRecordSummary {
  child: { dateOfBirth: string; preferredName: string | null; upn: string | null; postcode: string | null };
  school?: { name: string; urn: number } | undefined;
  openCase?: { stageName: string; nextAction?: string | undefined; unallocatedSince: string | null; openedOn: string } | undefined;
  officer?: { name: string } | undefined;
}

/** The child's record: the open case at a glance. Undefined when no case is open. */
export function caseSummaryList(record: ChildRecordSummary): TrustedHtml | undefined {
  const openCase = record.openCase;
  if (!openCase) return undefined;
  return govukSummaryList([
    { key: 'Stage', value: { text: openCase.stageName } },
    { key: 'Next action', value: { text: openCase.nextAction ?? '' } },
    { key: 'Named officer', value: { text: record.officer ? record.officer.name : `Unallocated since ${longDate(openCase.unallocatedSince)}` } },
    { key: 'Opened', value: { text: longDate(openCase.openedOn) } },
  ]);
}

/** The child's record: their details. */
export function childDetailsList(record: ChildRecordSummary): TrustedHtml {
  const child = record.child;
  return govukSummaryList([
    { key: 'Date of birth', value: { text: longDate(child.dateOfBirth) } },
    { key: 'Preferred name', value: { text: child.preferredName || 'None given' } },
    { key: 'UPN', value: { text: child.upn || 'Not known' } },
    { key: 'Postcode', value: { text: child.postcode || 'Not known' } },
    { key: 'School or setting', value: { text: record.school ? `${record.school.name} (URN ${record.school.urn})` : 'Not recorded' } },
  ]);
}

/** The search box, as govukInput gives it for these parameters, holding the search made. */
export function searchInputHtml(q: string): TrustedHtml {
  return trusted(
    `<div class="govuk-form-group"><label class="govuk-label govuk-label--s" for="q">Name, date of birth or UPN</label><div id="q-hint" class="govuk-hint">For example, Zoe Smith, 03/07/2015 or A123456789012</div><input class="govuk-input govuk-!-width-two-thirds" id="q" name="q" type="text" spellcheck="false" value="${escapeHtml(q)}" aria-describedby="q-hint"></div>`,
  );
}

export interface SearchResultEntry {
  childId: string;
  childName: string;
  dateOfBirth: string;
  upn: string | null;
  reference: string | null;
  stageName?: string | undefined;
}

/** Search results: one row a child, with their open case if they have one. */
export function searchResultsTable(results: readonly SearchResultEntry[]): TrustedHtml {
  return govukTable({
    caption: 'Children matching the search',
    captionClasses: 'govuk-visually-hidden',
    head: [{ text: 'Child' }, { text: 'Date of birth' }, { text: 'UPN' }, { text: 'Case' }],
    rows: results.map((result): TableCell[] => [
      { html: childLink(result.childId, result.childName) },
      { text: longDate(result.dateOfBirth) },
      { text: result.upn || 'Not known' },
      result.reference ? { html: `${escapeHtml(result.reference)}<br><span class="govuk-body-s">${escapeHtml(result.stageName)}</span>` } : { text: 'No open case' },
    ]),
  });
}

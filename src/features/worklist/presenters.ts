// My cases' table, built as GOV.UK markup in code rather than in a Nunjucks loop (ADR 0006).
import type { DeadlineStatusResult } from '../../domain/clocks/status.ts';
import { deadlineTagHtml } from '../../web/deadline-tag.ts';
import { escapeHtml, govukTable, trusted, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { childLink } from '../children/index.ts';

export interface WorklistEntry {
  childId: string;
  childName: string;
  reference: string;
  dateOfBirth: string;
  stageName: string;
  nextAction: string;
  deadline?: ({ title: string; dueOn: string } & DeadlineStatusResult) | undefined;
  /** A colleague's case, seen while covering for them. */
  covering?: { officerName: string; until: string; sameYear: boolean } | undefined;
}

/** "Covering for Bex Smith until 12 December": the year only when it is not this one. */
export function coveringHtml(covering: NonNullable<WorklistEntry['covering']>): string {
  const until = longDate(covering.until);
  return `Covering for <span dir="auto">${escapeHtml(covering.officerName)}</span> until ${escapeHtml(covering.sameYear ? until.replace(/ \d{4}$/, '') : until)}`;
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
      `<br><span class="govuk-body-s app-secondary">${escapeHtml(entry.reference)} &middot; born ${escapeHtml(longDate(entry.dateOfBirth))}</span>` +
      (entry.covering ? `<br><strong>${coveringHtml(entry.covering)}</strong>` : '') +
      `</td>` +
      `<td class="govuk-table__cell">${escapeHtml(entry.stageName)}<br><span class="govuk-body-s app-secondary">${escapeHtml(entry.nextAction)}</span></td>` +
      `<td class="govuk-table__cell">${deadline ? `${escapeHtml(deadline.title)}: ${escapeHtml(longDate(deadline.dueOn))}<br>${deadlineTagHtml(deadline)}` : 'None running'}</td></tr>`;
  }
  return trusted(`${markup}</tbody></table>`);
}

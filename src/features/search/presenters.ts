// The search page's box and results, built as GOV.UK markup in code (ADR 0006).
import { escapeHtml, govukTable, trusted, type TableCell, type TrustedHtml } from '../../web/govuk-markup.ts';
import { longDate } from '../../web/long-date.ts';
import { childLink } from '../children/index.ts';

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

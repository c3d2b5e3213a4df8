import { describe, expect, it } from 'vitest';
import { AWKWARD, macro, normalise } from '../../test/govuk-macros.ts';
import { escapeHtml } from '../../web/govuk-markup.ts';
import { searchInputHtml, searchResultsTable } from './presenters.ts';

// The hand-written markup must be the design system's own: each case renders the same
// parameters through the GOV.UK Frontend macro and compares, ignoring only the whitespace
// between and inside elements that HTML does not show.

describe('the search page', () => {
  it('gives the search box govukInput’s markup, holding the search made (escaped)', () => {
    for (const q of ['', AWKWARD, 'Zoë Łukasik']) {
      const params = {
        label: { text: 'Name, date of birth or UPN', classes: 'govuk-label--s' },
        hint: { text: 'For example, Zoe Smith, 03/07/2015 or A123456789012' },
        id: 'q',
        name: 'q',
        value: q,
        spellcheck: false,
        classes: 'govuk-!-width-two-thirds',
      };
      expect(normalise(searchInputHtml(q).val)).toBe(normalise(macro('input', 'govukInput', params)));
    }
  });

  it('gives the results govukTable’s markup, with and without an open case', () => {
    const childId = '0190c3a0-0000-7000-8000-000000000001';
    const results = [
      { childId, childName: AWKWARD, dateOfBirth: '2014-03-27', upn: 'A123456789012', reference: '330-EHC-2026-00001', stageName: 'Assessment' },
      { childId, childName: 'Amy Bell', dateOfBirth: '2015-07-03', upn: null, reference: null, stageName: undefined },
    ];
    const expected = macro('table', 'govukTable', {
      caption: 'Children matching the search',
      captionClasses: 'govuk-visually-hidden',
      head: [{ text: 'Child' }, { text: 'Date of birth' }, { text: 'UPN' }, { text: 'Case' }],
      rows: [
        [
          { html: `<a class="govuk-link" dir="auto" href="/children/${childId}">${escapeHtml(AWKWARD)}</a>` },
          { text: '27 March 2014' },
          { text: 'A123456789012' },
          { html: '330-EHC-2026-00001<br><span class="govuk-body-s">Assessment</span>' },
        ],
        [{ html: `<a class="govuk-link" dir="auto" href="/children/${childId}">Amy Bell</a>` }, { text: '3 July 2015' }, { text: 'Not known' }, { text: 'No open case' }],
      ],
    });
    expect(normalise(searchResultsTable(results).val)).toBe(normalise(expected));
  });
});


import { describe, expect, it } from 'vitest';
import { macro, normalise } from '../../test/govuk-macros.ts';
import { escapeHtml } from '../../web/govuk-markup.ts';
import { caseDeadlinesTable, caseSummaryList, childDetailsList } from './presenters.ts';

// The hand-written markup must be the design system's own: each case renders the same
// parameters through the GOV.UK Frontend macro and compares, ignoring only the whitespace
// between and inside elements that HTML does not show.

describe('a case’s deadlines table', () => {
  it('matches govukTable, with the family’s windows shown open or closed in grey', () => {
    const council = { title: 'Decide whether to assess', basis: 'reg. 5(1): 6 weeks from 2026-10-20', dueOn: '2026-12-01', duty: 'authority', status: 'met-late', daysRemaining: null, daysLate: 2 } as const;
    const family = { title: 'Comment on the draft plan', basis: `reg. 13(1) & "15 days"`, dueOn: '2026-11-20', duty: 'family', status: 'overdue', daysRemaining: -3, daysLate: null } as const;
    const expected = macro('table', 'govukTable', {
      caption: 'Deadlines on this case',
      captionClasses: 'govuk-visually-hidden',
      head: [{ text: 'Deadline' }, { text: 'Due' }, { text: 'Status' }],
      rows: [
        [
          { html: 'Decide whether to assess<br><span class="govuk-body-s app-secondary">reg. 5(1): 6 weeks from 20 October 2026</span>' },
          { text: '1 December 2026' },
          { html: macro('tag', 'govukTag', { text: 'Met 2 days late', classes: 'govuk-tag--yellow' }) },
        ],
        [
          { html: `Comment on the draft plan<br><span class="govuk-body-s app-secondary">${escapeHtml(family.basis)}</span>` },
          { text: '20 November 2026' },
          { html: macro('tag', 'govukTag', { text: 'Family’s window closed', classes: 'govuk-tag--grey' }) },
        ],
      ],
    });
    expect(normalise(caseDeadlinesTable([council, family]).val)).toBe(normalise(expected));
  });
});


describe('the child’s record’s summary lists', () => {
  it('give the child’s record the lists its template gave through the macro', () => {
    const record = {
      child: { dateOfBirth: '2014-03-27', sex: 'F', preferredName: null, upn: 'A123456789012', postcode: null },
      school: { name: `St Mary's & St John's`, urn: 100000 },
      openCase: { stageName: 'Assessment', nextAction: 'Gather advice', unallocatedSince: '2026-10-01', openedOn: '2026-09-01' },
      officer: undefined,
    };
    expect(normalise(caseSummaryList(record)!.val)).toBe(
      normalise(
        macro('summary-list', 'govukSummaryList', {
          rows: [
            { key: { text: 'Stage' }, value: { text: 'Assessment' } },
            { key: { text: 'Next action' }, value: { text: 'Gather advice' } },
            { key: { text: 'Named officer' }, value: { text: 'Unallocated since 1 October 2026' } },
            { key: { text: 'Opened' }, value: { text: '1 September 2026' } },
          ],
        }),
      ),
    );
    expect(caseSummaryList({ ...record, officer: { name: 'Ada <Officer>' } })!.val).toContain('Ada &lt;Officer&gt;');
    expect(caseSummaryList({ ...record, openCase: undefined })).toBeUndefined();
    expect(normalise(childDetailsList(record).val)).toBe(
      normalise(
        macro('summary-list', 'govukSummaryList', {
          rows: [
            { key: { text: 'Date of birth' }, value: { text: '27 March 2014' } },
            { key: { text: 'Sex' }, value: { text: 'Female' } },
            { key: { text: 'Preferred name' }, value: { text: 'None given' } },
            { key: { text: 'Ethnicity' }, value: { text: 'Not recorded' } },
            { key: { text: 'UPN' }, value: { text: 'A123456789012' } },
            { key: { text: 'Postcode' }, value: { text: 'Not known' } },
            { key: { text: 'School or setting' }, value: { text: `St Mary's & St John's (URN 100000)` } },
          ],
        }),
      ),
    );
    expect(childDetailsList({ ...record, school: undefined }).val).toContain('School or setting</dt><dd class="govuk-summary-list__value">Not recorded');
    const noUpn = childDetailsList({ ...record, child: { ...record.child, ethnicity: 'MWAS', upn: null, upnUnknown: 'UN1' } }).val;
    expect(noUpn).toContain('White and Asian');
    expect(noUpn).toContain('Not known (UN1)');
  });
});


import { describe, expect, it } from 'vitest';
import { AWKWARD, macro, normalise } from '../../test/govuk-macros.ts';
import { escapeHtml } from '../../web/govuk-markup.ts';
import { teamDeadlinesTable } from '../deadlines/index.ts';
import { coveringHtml, worklistTable } from './presenters.ts';

// The hand-written markup must be the design system's own: each case renders the same
// parameters through the GOV.UK Frontend macro and compares, ignoring only the whitespace
// between and inside elements that HTML does not show.

describe('My cases and the team’s deadlines as GOV.UK markup', () => {
  it('gives the worklist and team tables the markup govukTable gives the same rows', () => {
    const deadline = { title: 'Review the EHC plan', dueOn: '2026-12-01', status: 'overdue', daysRemaining: -3, daysLate: null } as const;
    const entry = { childId: '0190c3a0-0000-7000-8000-000000000001', childName: AWKWARD, reference: '330-EHC-2026-00001', dateOfBirth: '2014-03-27', stageName: 'EHC plan maintained', nextAction: 'Hold the annual review', deadline };
    const rows = [
      [
        { html: `<a class="govuk-link" dir="auto" href="/children/${entry.childId}">${escapeHtml(AWKWARD)}</a><br><span class="govuk-body-s app-secondary">330-EHC-2026-00001 &middot; born 27 March 2014</span>` },
        { html: 'EHC plan maintained<br><span class="govuk-body-s app-secondary">Hold the annual review</span>' },
        { html: `Review the EHC plan: 1 December 2026<br>${macro('tag', 'govukTag', { text: 'Overdue by 3 days', classes: 'govuk-tag--red' })}` },
      ],
      [{ html: `<a class="govuk-link" dir="auto" href="/children/${entry.childId}">${escapeHtml(AWKWARD)}</a><br><span class="govuk-body-s app-secondary">330-EHC-2026-00001 &middot; born 27 March 2014</span>` }, { html: 'EHC plan maintained<br><span class="govuk-body-s app-secondary">Hold the annual review</span>' }, { text: 'None running' }],
    ];
    const expected = macro('table', 'govukTable', {
      caption: 'Your open cases',
      captionClasses: 'govuk-visually-hidden',
      head: [{ text: 'Child' }, { text: 'Stage and next action' }, { text: 'Next deadline' }],
      rows,
    });
    expect(normalise(worklistTable([entry, { ...entry, deadline: undefined }]).val)).toBe(normalise(expected));

    const team = teamDeadlinesTable('Overdue (1)', [{ ...deadline, childId: entry.childId, childName: 'Amy Bell', reference: 'R1', stageName: 'Assessment', officerName: null }]);
    const teamExpected = macro('table', 'govukTable', {
      caption: 'Overdue (1)',
      captionClasses: 'govuk-table__caption--m',
      head: [{ text: 'Child' }, { text: 'Deadline' }, { text: 'Due' }, { text: 'Officer' }],
      rows: [
        [
          { html: `<a class="govuk-link" dir="auto" href="/children/${entry.childId}">Amy Bell</a><br><span class="govuk-body-s app-secondary">R1 · Assessment</span>` },
          { text: 'Review the EHC plan' },
          { html: `1 December 2026<br>${macro('tag', 'govukTag', { text: 'Overdue by 3 days', classes: 'govuk-tag--red' })}` },
          { text: 'Unallocated' },
        ],
      ],
    });
    expect(normalise(team.val)).toBe(normalise(teamExpected));
    expect(normalise(teamDeadlinesTable('None due', []).val)).toContain('<td class="govuk-table__cell" colspan="4">None.</td>');
  });
});


describe('a colleague’s case seen while covering', () => {
  it('is marked "Covering for … until …", the name escaped and marked for its own direction, the year said only when not this one', () => {
    const entry = { childId: '0190c3a0-0000-7000-8000-000000000001', childName: 'Amy Bell', reference: 'R1', dateOfBirth: '2014-03-27', stageName: 'Request', nextAction: 'Decide', deadline: undefined };
    const html = worklistTable([{ ...entry, covering: { officerName: 'Bex <b>Smith</b>', until: '2026-12-12', sameYear: true } }]).val;
    expect(html).toContain('<strong>Covering for <span dir="auto">Bex &lt;b&gt;Smith&lt;/b&gt;</span> until 12 December</strong>');
    expect(coveringHtml({ officerName: 'Sam Patel', until: '2027-01-04', sameYear: false })).toBe('Covering for <span dir="auto">Sam Patel</span> until 4 January 2027');
    expect(worklistTable([entry]).val).not.toContain('Covering for');
  });
});

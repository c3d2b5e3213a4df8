import nunjucks from 'nunjucks';
import { describe, expect, it } from 'vitest';
import { caseDeadlinesTable, caseSummaryList, childDetailsList, searchInputHtml, searchResultsTable, teamDeadlinesTable, worklistTable } from '../features/cases/presenters.ts';
import { componentRenderer } from './component-cache.ts';
import { deadlineTagHtml, deadlineTagParams } from './deadline-tag.ts';
import { escapeHtml, govukSummaryList, govukTable, govukTagHtml, type TableParams } from './govuk-markup.ts';
import { GOVUK_FRONTEND_DIR } from './views.ts';

// The hand-written markup must be the design system's own: each case renders the same
// parameters through the GOV.UK Frontend macro and compares, ignoring only the whitespace
// between and inside elements that HTML does not show.
const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(GOVUK_FRONTEND_DIR), { autoescape: true });
const macro = (component: string, name: string, params: unknown) =>
  env.renderString(`{% from "govuk/components/${component}/macro.njk" import ${name} %}{{ ${name}(params) }}`, { params });
const normalise = (html: string) => html.replace(/\s+/g, ' ').replace(/>\s+</g, '><').replace(/>\s+/g, '>').replace(/\s+</g, '<').trim();

const AWKWARD = `O'Brien & <Sons> "quoted" \\ back`;

describe('hand-written GOV.UK markup', () => {
  it('escapes exactly as Nunjucks autoescape does', () => {
    expect(escapeHtml(AWKWARD)).toBe(env.renderString('{{ value }}', { value: AWKWARD }));
    expect(escapeHtml(12)).toBe('12');
    expect(escapeHtml(undefined)).toBe('');
  });

  it('matches govukTag for every deadline status and for awkward text', () => {
    const states = [
      { status: 'overdue', daysRemaining: -1, daysLate: null },
      { status: 'overdue', daysRemaining: -12, daysLate: null },
      { status: 'due-soon', daysRemaining: 0, daysLate: null },
      { status: 'due-soon', daysRemaining: 1, daysLate: null },
      { status: 'due-soon', daysRemaining: 6, daysLate: null },
      { status: 'on-track', daysRemaining: 40, daysLate: null },
      { status: 'met-on-time', daysRemaining: null, daysLate: 0 },
      { status: 'met-late', daysRemaining: null, daysLate: 1 },
      { status: 'met-late', daysRemaining: null, daysLate: 9 },
    ] as const;
    for (const state of states) {
      expect(normalise(deadlineTagHtml(state))).toBe(normalise(macro('tag', 'govukTag', deadlineTagParams(state))));
    }
    expect(normalise(govukTagHtml({ text: AWKWARD }))).toBe(normalise(macro('tag', 'govukTag', { text: AWKWARD })));
  });

  it('reads deadline states in plain words, one day or many', () => {
    expect(deadlineTagParams({ status: 'overdue', daysRemaining: -1, daysLate: null }).text).toBe('Overdue by 1 day');
    expect(deadlineTagParams({ status: 'overdue', daysRemaining: -3, daysLate: null }).text).toBe('Overdue by 3 days');
    expect(deadlineTagParams({ status: 'due-soon', daysRemaining: 0, daysLate: null }).text).toBe('Due today');
    expect(deadlineTagParams({ status: 'met-late', daysRemaining: null, daysLate: 1 }).text).toBe('Met 1 day late');
  });

  it('matches govukTable for captions, headers, text and html cells, classes and colspan', () => {
    const params: TableParams = {
      caption: AWKWARD,
      captionClasses: 'govuk-table__caption--m',
      head: [{ text: 'Child' }, { text: AWKWARD, classes: 'app-wide' }],
      rows: [
        [{ html: '<a class="govuk-link" href="/x">X</a>' }, { text: AWKWARD, classes: 'app-cell' }],
        [{ text: 'None.', colspan: 2 }],
      ],
    };
    expect(normalise(govukTable(params).val)).toBe(normalise(macro('table', 'govukTable', params)));
  });

  it('gives the worklist and team tables the markup govukTable gives the same rows', () => {
    const deadline = { title: 'Review the EHC plan', dueOn: '2026-12-01', status: 'overdue', daysRemaining: -3, daysLate: null } as const;
    const entry = { childId: '0190c3a0-0000-7000-8000-000000000001', childName: AWKWARD, reference: '330-EHC-2026-00001', dateOfBirth: '2014-03-27', stageName: 'EHC plan maintained', nextAction: 'Hold the annual review', deadline };
    const rows = [
      [
        { html: `<a class="govuk-link" href="/children/${entry.childId}">${escapeHtml(AWKWARD)}</a><br><span class="govuk-body-s app-secondary">330-EHC-2026-00001 &middot; born 27 March 2014</span>` },
        { html: 'EHC plan maintained<br><span class="govuk-body-s app-secondary">Hold the annual review</span>' },
        { html: `Review the EHC plan: 1 December 2026<br>${macro('tag', 'govukTag', { text: 'Overdue by 3 days', classes: 'govuk-tag--red' })}` },
      ],
      [{ html: `<a class="govuk-link" href="/children/${entry.childId}">${escapeHtml(AWKWARD)}</a><br><span class="govuk-body-s app-secondary">330-EHC-2026-00001 &middot; born 27 March 2014</span>` }, { html: 'EHC plan maintained<br><span class="govuk-body-s app-secondary">Hold the annual review</span>' }, { text: 'None running' }],
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
          { html: `<a class="govuk-link" href="/children/${entry.childId}">Amy Bell</a><br><span class="govuk-body-s app-secondary">R1 · Assessment</span>` },
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

describe('summary lists', () => {
  it('match govukSummaryList for text and html values, awkward text included', () => {
    const rows = [
      { key: { text: AWKWARD }, value: { text: AWKWARD } },
      { key: { text: 'Linked' }, value: { html: '  <a class="govuk-link" href="/x">X</a>  ' } },
      { key: { text: 'Empty' }, value: { text: '' } },
    ];
    const hand = govukSummaryList(rows.map((row) => ({ key: row.key.text, value: row.value })));
    expect(normalise(hand.val)).toBe(normalise(macro('summary-list', 'govukSummaryList', { rows })));
  });

  it('give the child’s record the lists its template gave through the macro', () => {
    const record = {
      child: { dateOfBirth: '2014-03-27', preferredName: null, upn: 'A123456789012', postcode: null },
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
            { key: { text: 'Preferred name' }, value: { text: 'None given' } },
            { key: { text: 'UPN' }, value: { text: 'A123456789012' } },
            { key: { text: 'Postcode' }, value: { text: 'Not known' } },
            { key: { text: 'School or setting' }, value: { text: `St Mary's & St John's (URN 100000)` } },
          ],
        }),
      ),
    );
    expect(childDetailsList({ ...record, school: undefined }).val).toContain('Not recorded');
  });
});

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
          { html: `<a class="govuk-link" href="/children/${childId}">${escapeHtml(AWKWARD)}</a>` },
          { text: '27 March 2014' },
          { text: 'A123456789012' },
          { html: '330-EHC-2026-00001<br><span class="govuk-body-s">Assessment</span>' },
        ],
        [{ html: `<a class="govuk-link" href="/children/${childId}">Amy Bell</a>` }, { text: '3 July 2015' }, { text: 'Not known' }, { text: 'No open case' }],
      ],
    });
    expect(normalise(searchResultsTable(results).val)).toBe(normalise(expected));
  });
});

describe('cached GOV.UK components', () => {
  it('give exactly the macro output, and the same object for the same parameters', () => {
    const govukComponent = componentRenderer(env);
    const params = { previous: { href: '/cases?page=1' }, items: [{ number: 1, href: '/cases?page=1' }, { number: 2, href: '/cases?page=2', current: true }] };
    const first = govukComponent('pagination', params);
    expect(first.val).toBe(macro('pagination', 'govukPagination', params));
    expect(govukComponent('pagination', structuredClone(params))).toBe(first);
    expect(govukComponent('pagination', { ...params, previous: undefined }).val).not.toBe(first.val);
  });

  it('refuse anything but a component name', () => {
    const govukComponent = componentRenderer(env);
    expect(() => govukComponent('../../etc', {})).toThrow(/Not a GOV.UK component/);
  });
});

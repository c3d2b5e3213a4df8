import { describe, expect, it } from 'vitest';
import { componentRenderer } from './component-cache.ts';
import { deadlineTagHtml, deadlineTagParams } from './deadline-tag.ts';
import { escapeHtml, govukSummaryList, govukTable, govukTagHtml, type TableParams } from './govuk-markup.ts';
import { AWKWARD, govukEnvironment as env, macro, normalise } from '../test/govuk-macros.ts';

// The hand-written markup must be the design system's own: each case renders the same
// parameters through the GOV.UK Frontend macro and compares, ignoring only the whitespace
// between and inside elements that HTML does not show.

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

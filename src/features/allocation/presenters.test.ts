import { describe, expect, it } from 'vitest';
import { caseItems, holdersTable, officerItems } from './presenters.ts';

describe('allocation’s presenters', () => {
  it('writes each waiting case’s box with the child’s name escaped and marked dir="auto", and keeps the ticked ones ticked', () => {
    const [item] = caseItems([{ caseId: 'c1', childName: 'Zoë <b>O’Brien</b>', reference: '999-EHC-2026-00001', stageName: 'Request received', unallocatedSince: '2026-11-02', daysWaiting: 21 }], new Set(['c1']));
    expect(item).toEqual({
      value: 'c1',
      html: '<span dir="auto">Zoë &lt;b&gt;O’Brien&lt;/b&gt;</span>, 999-EHC-2026-00001',
      hint: { text: 'Request received. Waiting since 2 November 2026 (21 days)' },
      checked: true,
    });
  });

  it('offers the officers after a first choice of none, each with what they hold', () => {
    expect(officerItems([{ id: 'o1', name: 'Bex Smith', openCases: 1 }, { id: 'o2', name: 'Daniel Osei', openCases: 37 }], 'o2')).toEqual([
      { value: '', text: 'Choose an officer', selected: false },
      { value: 'o1', text: 'Bex Smith (1 open case)', selected: false },
      { value: 'o2', text: 'Daniel Osei (37 open cases)', selected: true },
    ]);
  });

  it('shows each spell with its officer (or the queue), its days, how it began, by whom and why, names escaped', () => {
    const html = holdersTable([
      { id: 'h2', officerId: 'o1', officerName: 'Bex <i>Smith</i>', from: '2026-11-23', to: null, change: 'reallocated', reason: 'Leaving <soon>', recordedBy: 'Tom Whitfield' },
      { id: 'h1', officerId: null, officerName: null, from: '2026-11-02', to: '2026-11-23', change: 'request-recorded', reason: null, recordedBy: 'Tom Whitfield' },
    ]).val;
    expect(html).toContain('<span dir="auto">Bex &lt;i&gt;Smith&lt;/i&gt;</span>');
    expect(html).toContain('Officer changed, by <span dir="auto">Tom Whitfield</span><br><span class="govuk-body-s">Reason: <span dir="auto">Leaving &lt;soon&gt;</span></span>');
    expect(html).toContain('Waiting in the unallocated queue');
    expect(html).toContain('23 November 2026');
    expect(html).toContain('>Now<');
  });
});

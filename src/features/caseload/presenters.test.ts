import { describe, expect, it } from 'vitest';
import { loadAgainstCapacity } from '../../domain/caseload/index.ts';
import { caseloadChartSvg, caseloadChartTable, caseloadsTable, leaveHtml, type CaseloadOfficer } from './presenters.ts';

const officer = (name: string, loadTenths: number, overrides: Partial<CaseloadOfficer> = {}): CaseloadOfficer => ({
  id: '0190a000-0000-7000-8000-000000000001',
  name,
  active: true,
  leavingOn: null,
  fte: '1.0',
  openCases: 3,
  load: loadAgainstCapacity(loadTenths, 400),
  casesOverdue: 1,
  casesDueThisWeek: 0,
  ...overrides,
});

describe('the caseloads chart', () => {
  it('is an image with a title and a description saying where its figures are, a bar an officer, red when over capacity', () => {
    const svg = caseloadChartSvg([officer('Amira Khan', 425), officer('Daniel Osei', 200)]).val;
    expect(svg).toMatch(/^<svg class="app-chart" role="img" aria-labelledby="caseload-chart-title caseload-chart-description"/);
    expect(svg).toContain('<title id="caseload-chart-title">Weighted load against capacity, by officer</title>');
    expect(svg).toContain('2 officers; 1 over capacity.');
    expect(svg).toContain('The same figures are in the table beside the chart.');
    expect(svg.match(/<rect /g)).toHaveLength(2);
    expect(svg).toContain('fill="#d4351c"');
    expect(svg).toContain('>106%</text>');
    expect(svg).not.toContain('style=');
  });

  it('escapes names, as everywhere else', () => {
    const svg = caseloadChartSvg([officer('<script>x</script>', 10)]).val;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(caseloadChartTable([officer('Zoë <b>', 10)]).val).toContain('<span dir="auto">Zoë &lt;b&gt;</span>');
  });
});

describe('the caseloads table', () => {
  it('links every figure of cases to the cases behind it under the same filters, and says 0 plainly', () => {
    const html = caseloadsTable([officer('Amira Khan', 425)], { openCases: 2, load: 20, casesOverdue: 0, casesDueThisWeek: 1, longWaiting: 1 }, { openCases: 3, load: 425, capacity: 400, casesOverdue: 1, casesDueThisWeek: 0 }, { stage: 'plan' }).val;
    expect(html).toContain('href="/team/caseloads/cases?officer=0190a000-0000-7000-8000-000000000001&amp;stage=plan"');
    expect(html).toContain('href="/team/caseloads/cases?officer=0190a000-0000-7000-8000-000000000001&amp;show=overdue&amp;stage=plan"');
    expect(html).toContain('href="/team/caseloads/cases?officer=unallocated&amp;show=due-this-week&amp;stage=plan"');
    expect(html).toContain('Over capacity');
    expect(html).toContain('42.5');
    expect(html).toContain('106%');
  });
});

describe('leave and cover on the caseloads table', () => {
  it('says the leave running and its cover, or the leave to come with its dates, names escaped, and links to set cover', () => {
    expect(leaveHtml({ coverName: 'Sam <i>Patel</i>', startsOn: '2026-11-20', endsOn: '2026-12-12', current: true })).toBe('On leave until 12 December 2026, covered by <span dir="auto">Sam &lt;i&gt;Patel&lt;/i&gt;</span>');
    expect(leaveHtml({ coverName: 'Sam Patel', startsOn: '2026-12-14', endsOn: '2026-12-18', current: false })).toBe('Leave from 14 December 2026 to 18 December 2026, covered by <span dir="auto">Sam Patel</span>');
    const html = caseloadsTable([officer('Bex Smith', 100)], { openCases: 0, load: 0, casesOverdue: 0, casesDueThisWeek: 0, longWaiting: 0 }, { openCases: 0, load: 0, capacity: 400, casesOverdue: 0, casesDueThisWeek: 0 }, {}).val;
    expect(html).toContain('href="/team/cover/new?officer=0190a000-0000-7000-8000-000000000001">Set cover<span class="govuk-visually-hidden"> for Bex Smith</span></a>');
  });
});

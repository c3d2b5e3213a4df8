import { describe, expect, it } from 'vitest';
import { contactsPaths } from './paths.ts';

import { pounds, reportCsv } from './presenters.ts';

describe('the contacts’ words and links', () => {
  it('says a payment in pounds', () => {
    expect([pounds(25000), pounds(1050), pounds(123456), pounds(null)]).toEqual(['£250', '£10.50', '£1,234.56', '']);
  });

  it('links to the register with only the filters given, in one order', () => {
    expect(contactsPaths.register()).toBe('/contacts');
    expect(contactsPaths.register({ month: '2026-10', kind: 'complaint', answered: 'on-time', page: 1 })).toBe('/contacts?kind=complaint&month=2026-10&answered=on-time');
    expect(contactsPaths.register({ owner: 'mine', overdue: 'yes', page: 2 })).toBe('/contacts?owner=mine&overdue=yes&page=2');
  });

  it('writes the report as CSV rows of month, measure, kind and count, a formula never run', () => {
    const csv = reportCsv({
      year: 2026,
      months: ['2026-01'],
      volumes: [{ month: '2026-01', kind: 'foi', received: 3, answered: 2, answeredWithinDeadline: 1 }],
      outcomes: [{ month: '2026-01', outcome: 'upheld', total: 1 }],
      themes: [{ month: '2026-01', theme: 'delay', total: 4 }],
    });
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Month,Measure,Kind,Count');
    expect(lines).toContain('2026-01,Received,Freedom of information request,3');
    expect(lines).toContain('2026-01,Answered within the deadline,Freedom of information request,1');
    expect(lines).toContain('2026-01,Complaint outcome,Upheld,1');
    expect(lines).toContain('2026-01,Complaint theme,Delay,4');
    expect(lines).toContain('2026-01,Complaint theme,Transport,0');
  });
});

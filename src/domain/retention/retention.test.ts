import { describe, expect, it } from 'vitest';
import { addMonths, longestRetention, monthExpiresAt, monthsToDrop, monthsToMake, nextMaintenanceAt, parseRetentionYears, retentionRule } from './index.ts';

const audit = retentionRule('audit_event');
const views = retentionRule('access_log');

describe('how long a log is kept', () => {
  it('holds the audit log to six years at least (Limitation Act 1980, ss. 2 and 5) and the access logs to two', () => {
    expect(parseRetentionYears(audit, '6')).toEqual({ ok: true, years: 6 });
    expect(parseRetentionYears(audit, '5')).toEqual({ ok: false, message: expect.stringMatching(/at least 6 years: .*Limitation Act 1980/) });
    expect(parseRetentionYears(views, '2')).toEqual({ ok: true, years: 2 });
    expect(parseRetentionYears(views, '1')).toMatchObject({ ok: false, message: expect.stringMatching(/at least 2 years/) });
  });

  it('takes whole numbers of years only, up to 50', () => {
    for (const typed of ['seven', '7.5', '-7', '7 years', '1e1']) expect(parseRetentionYears(audit, typed)).toMatchObject({ ok: false, message: expect.stringMatching(/whole number, like 7/) });
    expect(parseRetentionYears(audit, '  ')).toMatchObject({ ok: false, message: 'Enter how many years to keep the audit log' });
    expect(parseRetentionYears(audit, '51')).toMatchObject({ ok: false, message: expect.stringMatching(/50 or fewer/) });
    expect(parseRetentionYears(audit, ' 50 ')).toEqual({ ok: true, years: 50 });
  });

  it('keeps a month for the longest period of any council, the default counting for a council that set none', () => {
    expect(longestRetention(audit, 1, [])).toBe(7);
    expect(longestRetention(audit, 2, [6])).toBe(7);
    expect(longestRetention(audit, 2, [6, 6])).toBe(6);
    expect(longestRetention(audit, 3, [10, 6])).toBe(10);
  });
});

describe('which months go', () => {
  it('lets a month go once its newest row has been kept for the period', () => {
    expect(monthExpiresAt('2019-01', 7)).toBe('2026-02-01T00:00:00.000Z');
    expect(monthExpiresAt('2019-12', 7)).toBe('2027-01-01T00:00:00.000Z');
    expect(monthsToDrop(['2019-02', '2019-01', '2018-12'], 7, new Date('2026-02-01T00:00:00Z'))).toEqual(['2018-12', '2019-01']);
    expect(monthsToDrop(['2019-02', '2019-01'], 7, new Date('2026-01-31T23:59:59Z'))).toEqual([]);
  });

  it('makes this month and the three after it, and runs again at 02:00 UTC on the 1st', () => {
    expect(monthsToMake(new Date('2026-11-30T23:59:59Z'))).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2027-01', -1)).toBe('2026-12');
    expect(addMonths('2019-03', 12 * 7)).toBe('2026-03');
    expect(nextMaintenanceAt(new Date('2026-12-01T02:00:00Z'))).toBe('2027-01-01T02:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { isRecordedLate, requestDateProblems } from './request-dates.ts';

const today = isoDate('2026-11-23');
const check = (receivedOn: string, dateOfBirth: string) => requestDateProblems({ receivedOn: isoDate(receivedOn), dateOfBirth: isoDate(dateOfBirth), today });

describe('the date a request for an EHC needs assessment was received', () => {
  it('is today or in the past', () => {
    expect(check('2026-11-23', '2015-06-15')).toEqual([]);
    expect(check('2026-11-24', '2015-06-15')).toEqual(['future']);
  });

  it('is on or after the day the child was born', () => {
    expect(check('2026-11-02', '2026-11-02')).toEqual([]);
    expect(check('2026-11-01', '2026-11-02')).toEqual(['before-birth']);
  });

  it('CFA 2014 s.36(1), s.83(2) and s.46: is before the young person’s 25th birthday', () => {
    expect(check('2026-06-14', '2001-06-15')).toEqual([]);
    expect(check('2026-06-15', '2001-06-15')).toEqual(['aged-25-or-over']);
    // Born 29 February: 25 on 1 March 2025, so 28 February 2025 is still in time.
    expect(requestDateProblems({ receivedOn: isoDate('2025-02-28'), dateOfBirth: isoDate('2000-02-29'), today })).toEqual(['over-a-year-ago']);
    expect(requestDateProblems({ receivedOn: isoDate('2025-03-01'), dateOfBirth: isoDate('2000-02-29'), today })).toEqual(['aged-25-or-over', 'over-a-year-ago']);
  });

  it('more than a year ago (before the day 12 months back, by the corresponding date) is a late record', () => {
    expect(isRecordedLate(isoDate('2025-11-23'), today)).toBe(false);
    expect(isRecordedLate(isoDate('2025-11-22'), today)).toBe(true);
    expect(check('2025-11-22', '2015-06-15')).toEqual(['over-a-year-ago']);
    // 29 February 2028 less 12 months is 28 February 2027.
    expect(isRecordedLate(isoDate('2027-02-28'), isoDate('2028-02-29'))).toBe(false);
    expect(isRecordedLate(isoDate('2027-02-27'), isoDate('2028-02-29'))).toBe(true);
  });
});

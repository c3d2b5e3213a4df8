import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { dayAttainingAge, endOfCompulsorySchoolAge, isYoungPerson } from './young-person.ts';

describe('young person (CFA 2014 s.83(2)): over compulsory school age', () => {
  it('Education Act 1996 s.8: compulsory school age ends on the last Friday in June of the school year the child turns 16', () => {
    // Born 10 May 2010: turns 16 in May 2026, so the school year ending in summer 2026; last Friday of June 2026 is the 26th.
    expect(endOfCompulsorySchoolAge(isoDate('2010-05-10'))).toBe('2026-06-26');
    // Born 1 September 2010: turns 16 in September 2026, school year ending summer 2027; last Friday of June 2027 is the 25th.
    expect(endOfCompulsorySchoolAge(isoDate('2010-09-01'))).toBe('2027-06-25');
    // Born 31 August 2010: the youngest in the year, leaving in 2026 too.
    expect(endOfCompulsorySchoolAge(isoDate('2010-08-31'))).toBe('2026-06-26');
  });

  it('the rights pass to the young person the day after that Friday', () => {
    expect(isYoungPerson(isoDate('2010-05-10'), isoDate('2026-06-26'))).toBe(false);
    expect(isYoungPerson(isoDate('2010-05-10'), isoDate('2026-06-27'))).toBe(true);
  });
});

describe('attaining an age (Family Law Reform Act 1969 s.9)', () => {
  it('is the anniversary of the birth; born 29 February, 1 March in a year without one', () => {
    expect(dayAttainingAge(isoDate('2001-06-15'), 25)).toBe('2026-06-15');
    expect(dayAttainingAge(isoDate('2000-02-29'), 25)).toBe('2025-03-01');
    expect(dayAttainingAge(isoDate('2000-02-29'), 24)).toBe('2024-02-29');
  });
});

import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../calendar/index.ts';
import { actsForThemself } from './young-person.ts';

const day = (value: string) => value as IsoDate;

describe('a young person in the family portal', () => {
  it('is one from their 16th birthday itself, not the day before (CFA 2014 s.67; Family Law Reform Act 1969 s.9)', () => {
    expect(actsForThemself(day('2010-12-01'), day('2026-11-30'))).toBe(false);
    expect(actsForThemself(day('2010-12-01'), day('2026-12-01'))).toBe(true);
    expect(actsForThemself(day('2005-01-01'), day('2026-11-30'))).toBe(true);
  });

  it('comes before the end of compulsory school age, when the Act’s young person begins (CFA 2014 s.83(2))', () => {
    // Born in December 2010: 16 on 1 December 2026, of compulsory school age until June 2027.
    expect(actsForThemself(day('2010-12-01'), day('2027-01-15'))).toBe(true);
  });
});

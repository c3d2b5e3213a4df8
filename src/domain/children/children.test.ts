import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { interpretSearch, normaliseName, searchNamesOf, surnameKeyOf } from './search-keys.ts';
import { checkUpn, upnCheckLetter } from './upn.ts';

describe('search keys', () => {
  it('fold diacritics, apostrophes and hyphens so O’Brien-Zoë is found as obrien zoe', () => {
    expect(normaliseName('O’Brien-Zoë')).toBe('obrien zoe');
    expect(normaliseName("D'Arcy")).toBe('darcy');
    expect(normaliseName('  ŁUKASZ  ')).toBe('lukasz');
    expect(normaliseName('Søren Strauß')).toBe('soren strauss');
    expect(surnameKeyOf('Smith-Jones')).toBe('smithjones');
  });

  it('search names hold forename, surname, preferred and former names once each', () => {
    expect(searchNamesOf({ forename: 'Zoë', surname: 'Smith', preferredName: 'Zo', formerNames: ['Jones', 'Smith'] })).toBe('zoe smith zo jones');
  });

  it('normalising is idempotent and yields only a-z, 0-9 and single spaces', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const once = normaliseName(value);
        expect(normaliseName(once)).toBe(once);
        expect(once).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('interpreting the search box', () => {
  it('recognises a UPN, a date of birth in either form, or names', () => {
    expect(interpretSearch(' a123456789012 ')).toEqual({ kind: 'upn', upn: 'A123456789012' });
    expect(interpretSearch('3/7/2015')).toEqual({ kind: 'date-of-birth', date: '2015-07-03' });
    expect(interpretSearch('2015-07-03')).toEqual({ kind: 'date-of-birth', date: '2015-07-03' });
    expect(interpretSearch('Zoë  Smith')).toEqual({ kind: 'name', words: ['zoe', 'smith'], text: 'zoe smith' });
    expect(interpretSearch('31/02/2015')).toMatchObject({ kind: 'name' });
    expect(interpretSearch('   ')).toEqual({ kind: 'empty' });
    expect(interpretSearch('!!!')).toEqual({ kind: 'empty' });
  });
});

describe('UPN (DfE CBDS check letter)', () => {
  it('accepts a UPN whose check letter matches characters 2-13 weighted 2-13, mod 23', () => {
    // 9 3 0 1 2 3 4 2 0 0 1 5 weighted 2..13 = 18+9+0+5+12+21+32+18+0+0+12+65 = 192; 192 mod 23 = 8 -> J
    expect(upnCheckLetter('930123420015')).toBe('J');
    expect(checkUpn('J930123420015')).toEqual({ valid: true, upn: 'J930123420015' });
    expect(checkUpn('j930123420015 ')).toEqual({ valid: true, upn: 'J930123420015' });
  });

  it('refuses a wrong check letter, the wrong length, letters inside, and I, O or S at the end', () => {
    expect(checkUpn('K930123420015')).toMatchObject({ valid: false, reason: expect.stringContaining('check letter') });
    expect(checkUpn('J93012342001')).toMatchObject({ valid: false, reason: 'A UPN is 13 characters' });
    expect(checkUpn('J9301234200A5')).toMatchObject({ valid: false });
    expect(checkUpn('A93012342001I')).toMatchObject({ valid: false });
  });

  it('every 12-character body of digits has exactly one valid check letter', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), (body) => {
        const letter = upnCheckLetter(body)!;
        expect(checkUpn(letter + body).valid).toBe(true);
        const wrong = 'ABCDEFGHJKLMNPQRTUVWXYZ'.replace(letter, '')[0]!;
        expect(checkUpn(wrong + body).valid).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

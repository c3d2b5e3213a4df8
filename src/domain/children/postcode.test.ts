import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standardPostcode } from './postcode.ts';

describe('a postcode in its standard form', () => {
  it.each([
    ['dc12ab', 'DC1 2AB'],
    ['  DC1   2AB ', 'DC1 2AB'],
    ['b2 2bb', 'B2 2BB'],
    ['SW1A1AA', 'SW1A 1AA'],
    ['m11ae', 'M1 1AE'],
    ['EC1A 1BB', 'EC1A 1BB'],
  ])('%s is held as %s', (typed, held) => {
    expect(standardPostcode(typed)).toBe(held);
  });

  it.each(['', 'NOT A POSTCODE', 'DC1', '12 ABC', 'DC1 2A', 'DC1 2ABC'])('“%s” is not a postcode', (typed) => {
    expect(standardPostcode(typed)).toBeUndefined();
  });

  it('is the same however it was spaced or cased, and stays as it is once standard', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/), fc.nat({ max: 3 }), (compact, spaces) => {
        const held = standardPostcode(compact)!;
        expect(held).toMatch(/^[A-Z0-9]{2,4} \d[A-Z]{2}$/);
        expect(standardPostcode(compact.toLowerCase().split('').join(' '.repeat(spaces)))).toBe(held);
        expect(standardPostcode(held)).toBe(held);
      }),
      { numRuns: 200 },
    );
  });
});

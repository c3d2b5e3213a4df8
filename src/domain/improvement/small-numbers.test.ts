import { describe, expect, it } from 'vitest';
import { isSmallCount, overMonths, publicCount, publicFigure, shownValue } from './small-numbers.ts';

const share = (numerator: number, denominator: number) => ({ unit: 'percent' as const, value: denominator === 0 ? null : Math.round((numerator / denominator) * 1000) / 10, numerator, denominator });
const count = (value: number) => ({ unit: 'count' as const, value, numerator: value, denominator: value });

describe('small numbers on the public page', () => {
  it('a count of 1 to 4 is too small to show; 0 and 5 are shown', () => {
    expect([0, 1, 4, 5, 6].map(isSmallCount)).toEqual([false, true, true, false, false]);
    expect(publicCount(0)).toEqual({ kind: 'count', value: 0 });
    expect(publicCount(1)).toEqual({ kind: 'fewer-than-5' });
    expect(publicCount(4)).toEqual({ kind: 'fewer-than-5' });
    expect(publicCount(5)).toEqual({ kind: 'count', value: 5 });
  });

  it('a count measure shows its count, or "fewer than 5" for 1 to 4', () => {
    expect(publicFigure(count(0))).toEqual({ kind: 'count', value: 0 });
    expect(publicFigure(count(4))).toEqual({ kind: 'fewer-than-5' });
    expect(publicFigure(count(5))).toEqual({ kind: 'count', value: 5 });
    expect(publicFigure(count(120))).toEqual({ kind: 'count', value: 120 });
  });

  it('a share of no cases is withheld as a share of no one, and the cases are 0', () => {
    expect(publicFigure(share(0, 0))).toEqual({ kind: 'share-withheld', reason: 'no-cases', of: { kind: 'count', value: 0 } });
  });

  it('a share of 1 to 4 cases is withheld, and the cases shown as "fewer than 5"', () => {
    expect(publicFigure(share(2, 4))).toEqual({ kind: 'share-withheld', reason: 'few-cases', of: { kind: 'fewer-than-5' } });
    expect(publicFigure(share(0, 1))).toEqual({ kind: 'share-withheld', reason: 'few-cases', of: { kind: 'fewer-than-5' } });
  });

  it('a share of 5 or more cases is shown when none, or 5 or more, were counted and were not', () => {
    expect(publicFigure(share(0, 5))).toEqual({ kind: 'share', value: 0, of: 5 });
    expect(publicFigure(share(5, 5))).toEqual({ kind: 'share', value: 100, of: 5 });
    expect(publicFigure(share(5, 10))).toEqual({ kind: 'share', value: 50, of: 10 });
  });

  it('a share is withheld when 1 to 4 cases were counted, or 1 to 4 were not: the share and the cases would give them away', () => {
    expect(publicFigure(share(4, 40))).toEqual({ kind: 'share-withheld', reason: 'few-counted', of: { kind: 'count', value: 40 } });
    expect(publicFigure(share(1, 5))).toEqual({ kind: 'share-withheld', reason: 'few-counted', of: { kind: 'count', value: 5 } });
    expect(publicFigure(share(36, 40))).toEqual({ kind: 'share-withheld', reason: 'few-counted', of: { kind: 'count', value: 40 } });
    expect(publicFigure(share(35, 40))).toEqual({ kind: 'share', value: 87.5, of: 40 });
  });

  it('only a shown figure has a number for a chart', () => {
    expect(shownValue(publicFigure(count(4)))).toBeNull();
    expect(shownValue(publicFigure(count(0)))).toBe(0);
    expect(shownValue(publicFigure(share(4, 40)))).toBeNull();
    expect(shownValue(publicFigure(share(20, 40)))).toBe(50);
  });

  it('a figure over months is withheld when one of its months is withheld as small: the total less the others would give it away', () => {
    const months = [publicFigure(share(10, 20)), publicFigure(share(12, 20)), publicFigure(share(3, 4))];
    expect(overMonths(publicFigure(share(25, 44)), months)).toEqual({ kind: 'share-withheld', reason: 'small-month', of: { kind: 'count', value: 44 } });
    expect(overMonths(publicFigure(count(30)), [publicFigure(count(26)), publicFigure(count(4))])).toEqual({ kind: 'count-withheld' });
  });

  it('a figure over months stands when its months are shown, or have no cases', () => {
    expect(overMonths(publicFigure(share(20, 40)), [publicFigure(share(10, 20)), publicFigure(share(10, 20)), publicFigure(share(0, 0))])).toEqual({ kind: 'share', value: 50, of: 40 });
    expect(overMonths(publicFigure(count(4)), [publicFigure(count(4))])).toEqual({ kind: 'fewer-than-5' });
  });
});

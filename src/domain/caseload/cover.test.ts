import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../calendar/index.ts';
import { coverOverlaps, coverProblems, coverRunsOn } from './cover.ts';

const day = (value: string) => value as IsoDate;
const period = (startsOn: string, endsOn: string) => ({ startsOn: day(startsOn), endsOn: day(endsOn) });

describe('cover periods', () => {
  it.each([
    ['a fortnight', '2026-12-01', '2026-12-12', 'bex', 'sam', []],
    ['a single day', '2026-12-01', '2026-12-01', 'bex', 'sam', []],
    ['one that ends before it starts', '2026-12-12', '2026-12-01', 'bex', 'sam', ['ends-before-it-starts']],
    ['an officer covering themselves', '2026-12-01', '2026-12-12', 'bex', 'bex', ['covers-themselves']],
    ['both at once', '2026-12-12', '2026-12-01', 'bex', 'bex', ['ends-before-it-starts', 'covers-themselves']],
  ])('%s: %j', (_name, startsOn, endsOn, officerId, coverOfficerId, expected) => {
    expect(coverProblems({ ...period(startsOn, endsOn), officerId, coverOfficerId })).toEqual(expected);
  });

  it('runs from its first day to its last, both included', () => {
    const leave = period('2026-12-01', '2026-12-12');
    expect(['2026-11-30', '2026-12-01', '2026-12-12', '2026-12-13'].map((value) => coverRunsOn(leave, day(value)))).toEqual([false, true, true, false]);
  });

  it.each([
    ['the same days', '2026-12-01', '2026-12-12', true],
    ['sharing the last day', '2026-12-12', '2026-12-20', true],
    ['inside it', '2026-12-05', '2026-12-06', true],
    ['around it', '2026-11-01', '2027-01-01', true],
    ['the day after it ends', '2026-12-13', '2026-12-20', false],
    ['ending the day before it starts', '2026-11-20', '2026-11-30', false],
  ])('overlaps 1 to 12 December: %s', (_name, startsOn, endsOn, expected) => {
    expect(coverOverlaps(period('2026-12-01', '2026-12-12'), period(startsOn, endsOn))).toBe(expected);
    expect(coverOverlaps(period(startsOn, endsOn), period('2026-12-01', '2026-12-12'))).toBe(expected);
  });

  it('two periods overlap exactly when some day runs in both', () => {
    const dayArbitrary = fc.integer({ min: 1, max: 28 }).map((value) => day(`2026-12-${String(value).padStart(2, '0')}`));
    const periodArbitrary = fc.tuple(dayArbitrary, dayArbitrary).map(([a, b]) => (a <= b ? { startsOn: a, endsOn: b } : { startsOn: b, endsOn: a }));
    fc.assert(
      fc.property(periodArbitrary, periodArbitrary, (a, b) => {
        const days = Array.from({ length: 28 }, (_, index) => day(`2026-12-${String(index + 1).padStart(2, '0')}`));
        expect(coverOverlaps(a, b)).toBe(days.some((value) => coverRunsOn(a, value) && coverRunsOn(b, value)));
      }),
    );
  });
});

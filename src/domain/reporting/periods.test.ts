import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../calendar/dates.ts';
import { addMonthsToMonth, checkPeriod, defaultPeriod, lastDayOf, monthsOf, parseMonth, percentage, periodName, type Month } from './periods.ts';

const m = (text: string) => text as Month;

describe('reporting months', () => {
  it('reads YYYY-MM and nothing else', () => {
    expect(parseMonth('2026-04')).toBe('2026-04');
    for (const bad of ['2026-4', '2026-13', '2026-00', '1999-12', 'April', '2026-04-01', '']) expect(parseMonth(bad), bad).toBeUndefined();
  });

  it('ends February on the 29th in a leap year and the 28th otherwise', () => {
    expect(lastDayOf(m('2028-02'))).toBe('2028-02-29');
    expect(lastDayOf(m('2026-02'))).toBe('2026-02-28');
    expect(lastDayOf(m('2026-12'))).toBe('2026-12-31');
  });

  it('counts months across the turn of a year', () => {
    expect(addMonthsToMonth(m('2026-11'), 2)).toBe('2027-01');
    expect(addMonthsToMonth(m('2026-01'), -1)).toBe('2025-12');
    expect(monthsOf({ from: m('2025-11'), to: m('2026-02') })).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('takes the twelve months to this one when no period is asked for', () => {
    expect(defaultPeriod('2026-11-23' as IsoDate)).toEqual({ from: '2025-12', to: '2026-11' });
    expect(checkPeriod({}, '2026-11-23' as IsoDate)).toEqual({ period: { from: '2025-12', to: '2026-11' }, problems: [] });
    expect(checkPeriod({ to: '2026-03' }, '2026-11-23' as IsoDate).period).toEqual({ from: '2025-04', to: '2026-03' });
  });

  it('refuses a period that is not months, runs backwards, ends after this month or is longer than five years', () => {
    const today = '2026-11-23' as IsoDate;
    expect(checkPeriod({ from: 'last year' }, today).problems).toEqual([{ field: 'from', message: 'Enter the first month of the period as a year and month, like 2026-04' }]);
    expect(checkPeriod({ from: '2026-05', to: '2026-04' }, today).problems).toEqual([{ field: 'from', message: 'The first month of the period must be the same as or before its last month' }]);
    expect(checkPeriod({ to: '2026-12' }, today).problems).toEqual([{ field: 'to', message: 'The last month of the period must be this month or earlier' }]);
    expect(checkPeriod({ from: '2021-10', to: '2026-11' }, today).problems).toEqual([{ field: 'from', message: 'The period can be at most 60 months long' }]);
    expect(checkPeriod({ from: '2021-12', to: '2026-11' }, today).problems).toEqual([]);
  });

  it('names periods as people say them', () => {
    expect(periodName({ from: m('2025-04'), to: m('2026-03') })).toBe('April 2025 to March 2026');
    expect(periodName({ from: m('2026-03'), to: m('2026-03') })).toBe('March 2026');
  });

  it('gives a share to one decimal place, and none of nothing', () => {
    expect(percentage(464, 1000)).toBe(46.4);
    expect(percentage(1, 3)).toBe(33.3);
    expect(percentage(0, 0)).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NO_BANK_HOLIDAYS } from '../calendar/bank-holidays.ts';
import { addDays, fromDayNumber, isoDate, toDayNumber, type IsoDate } from '../calendar/dates.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import { isWorkingDay } from '../calendar/working-days.ts';
import { longWaitCutoff } from './queue.ts';
import { defaultWaitPeriod, longWaits, measureWait, overlapsPeriod, summariseWaits, workingDaysBetween, type QueueSpell } from './waits.ts';

const d = isoDate;
const today = d('2026-11-30');
const year2026 = { from: d('2026-01-01'), to: d('2026-06-30') };
const spell = (from: string, to: string | null, childId = 'child'): QueueSpell & { childId: string } => ({ from: d(from), to: to === null ? null : d(to), childId });

describe('a wait in the unallocated queue, in working days', () => {
  it('counts from the day after the case joined up to and including the day it left', () => {
    // Monday to the next Monday: Tuesday to Friday and the Monday.
    expect(workingDaysBetween(d('2026-11-16'), d('2026-11-23'), englandAndWales)).toEqual({ days: 5, unloadedYears: [] });
    // Joined on a Sunday: the whole working week and the Monday after.
    expect(workingDaysBetween(d('2026-11-15'), d('2026-11-23'), englandAndWales).days).toBe(6);
    expect(workingDaysBetween(d('2026-11-16'), d('2026-11-16'), englandAndWales).days).toBe(0);
    expect(workingDaysBetween(d('2026-11-20'), d('2026-11-23'), englandAndWales).days).toBe(1);
  });

  it('leaves out Christmas, Boxing Day’s substitute and New Year’s Day (Banking and Financial Dealings Act 1971 sch. 1)', () => {
    // 23 December 2026 to 5 January 2027: 24, 29, 30, 31 December, 4 and 5 January.
    expect(workingDaysBetween(d('2026-12-23'), d('2027-01-05'), englandAndWales)).toEqual({ days: 6, unloadedYears: [] });
    const wait = measureWait({ from: d('2026-12-23'), to: d('2027-01-05') }, { from: d('2026-12-01'), to: d('2027-01-31') }, d('2027-02-01'), englandAndWales);
    expect(wait).toMatchObject({ workingDays: 6, calendarDays: 13, stillWaiting: false });
  });

  it('says so when it crossed a year with no bank holidays loaded, counting only weekends, Christmas Day and Good Friday out', () => {
    expect(workingDaysBetween(d('2026-12-23'), d('2027-01-05'), NO_BANK_HOLIDAYS)).toEqual({ days: 8, unloadedYears: [2026, 2027] });
  });

  it('agrees with the caseloads page’s count of long waits on a working day (more than 5 working days)', () => {
    const start = toDayNumber(d('2025-01-01'));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 40 }), (offset, length) => {
        const joined = fromDayNumber(start + offset);
        const on = addDays(joined, length);
        fc.pre(isWorkingDay(on, englandAndWales));
        const longByPage = joined <= longWaitCutoff(on, englandAndWales);
        return longByPage === workingDaysBetween(joined, on, englandAndWales).days > 5;
      }),
    );
  });
});

describe('the waits of the report', () => {
  const options = { period: year2026, moreThan: 5, today, calendar: englandAndWales };

  it('counts a wait that began before the period whole, and says it did', () => {
    const [found] = longWaits([spell('2025-12-10', '2026-01-02')], options);
    expect(found?.wait).toMatchObject({ startedBeforePeriod: true, endedAfterPeriod: false, workingDays: 14 });
  });

  it('counts a wait that went on after the period whole, and says it did', () => {
    const [found] = longWaits([spell('2026-06-25', '2026-07-20')], options);
    expect(found?.wait).toMatchObject({ startedBeforePeriod: false, endedAfterPeriod: true, workingDays: 17, endedOn: '2026-07-20' });
  });

  it('leaves out waits wholly before or after the period; one that ended on its first day was in it', () => {
    expect(longWaits([spell('2025-11-01', '2025-12-31'), spell('2026-07-01', '2026-08-30')], options)).toEqual([]);
    expect(overlapsPeriod(spell('2025-12-01', '2026-01-01'), year2026, today)).toBe(true);
    expect(overlapsPeriod(spell('2026-06-30', null), year2026, today)).toBe(true);
  });

  it('measures a child still waiting up to today, even when the period ended long ago', () => {
    const [found] = longWaits([spell('2026-06-01', null)], options);
    expect(found?.wait).toMatchObject({ stillWaiting: true, endedOn: today, endedAfterPeriod: true });
    expect(found?.wait.workingDays).toBe(workingDaysBetween(d('2026-06-01'), today, englandAndWales).days);
    // Since Friday 20 November: 23 to 27 November and today.
    const [recent] = longWaits([spell('2026-11-20', null)], { ...options, period: defaultWaitPeriod(today) });
    expect(recent?.wait).toMatchObject({ stillWaiting: true, workingDays: 6, calendarDays: 10 });
  });

  it('keeps only waits of more than N working days: N itself is not more than N', () => {
    const waits = [spell('2026-03-02', '2026-03-09', 'five'), spell('2026-03-02', '2026-03-10', 'six'), spell('2026-03-02', '2026-03-02', 'none')];
    expect(longWaits(waits, options).map((entry) => entry.childId)).toEqual(['six']);
    expect(longWaits(waits, { ...options, moreThan: 0 }).map((entry) => entry.childId)).toEqual(['six', 'five']);
    // A weekend does not make a wait long: Friday to the Monday after next is 6 working days, 10 calendar days.
    expect(longWaits([spell('2026-03-06', '2026-03-16')], { ...options, moreThan: 6 })).toEqual([]);
  });

  it('lists the longest wait first, then the one that joined the queue first', () => {
    const waits = [spell('2026-02-02', '2026-02-12', 'b'), spell('2026-03-02', '2026-04-01', 'long'), spell('2026-01-05', '2026-01-15', 'a')];
    expect(longWaits(waits, options).map((entry) => entry.childId)).toEqual(['long', 'a', 'b']);
  });
});

describe('the report’s figures', () => {
  const measured = (childId: string, workingDays: number) => ({ childId, wait: { workingDays, unloadedYears: [] as number[] } as unknown as ReturnType<typeof measureWait> });

  it('gives the number of waits and of children, the median and the longest wait', () => {
    expect(summariseWaits([measured('a', 6), measured('b', 20), measured('a', 9)])).toEqual({ waits: 3, children: 2, medianWorkingDays: 9, longestWorkingDays: 20, unloadedYears: [] });
    expect(summariseWaits([measured('a', 6), measured('b', 9)]).medianWorkingDays).toBe(7.5);
    expect(summariseWaits([])).toEqual({ waits: 0, children: 0, medianWorkingDays: null, longestWorkingDays: null, unloadedYears: [] });
  });

  it('reads the last 12 months by default, today included', () => {
    expect(defaultWaitPeriod(today)).toEqual({ from: '2025-12-01', to: '2026-11-30' });
    expect(defaultWaitPeriod(d('2028-02-29') as IsoDate)).toEqual({ from: '2027-03-01', to: '2028-02-29' });
  });
});

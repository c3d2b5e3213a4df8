import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../calendar/index.ts';
import { expectedOn, flaggedToBoard, targetDateProblem, targetDirection, trajectory, trend, type Target } from './trajectory.ts';

const d = (text: string) => text as IsoDate;

/** A share done in time, from 40% on 1 January to 80% on 31 December (364 days). */
const share: Target = { baselineValue: 40, baselineOn: d('2026-01-01'), targetValue: 80, targetOn: d('2026-12-31'), better: 'higher' };
/** A count of overdue reviews, from 120 on 1 January to 20 on 31 December. */
const overdue: Target = { baselineValue: 120, baselineOn: d('2026-01-01'), targetValue: 20, targetOn: d('2026-12-31'), better: 'lower' };

describe('the straight line from the baseline to the target', () => {
  it('is the baseline on and before its day, the target on and after its day, and in between by the days gone', () => {
    expect(expectedOn(share, d('2025-12-01'))).toBe(40);
    expect(expectedOn(share, d('2026-01-01'))).toBe(40);
    expect(expectedOn(share, d('2026-07-02'))).toBe(40 + 40 * (182 / 364));
    expect(expectedOn(share, d('2026-12-31'))).toBe(80);
    expect(expectedOn(share, d('2027-03-01'))).toBe(80);
    expect(expectedOn(overdue, d('2026-07-02'))).toBe(70);
  });

  it('refuses a target date on or before the baseline date', () => {
    expect(targetDateProblem(d('2026-05-01'), d('2026-04-30'))).toBe('The target date must be after the baseline date');
    expect(targetDateProblem(d('2026-05-01'), d('2026-05-01'))).toBe('The target date must be after the baseline date');
    expect(targetDateProblem(d('2026-05-01'), d('2026-05-02'))).toBeUndefined();
  });
});

describe('on trajectory', () => {
  it('a share where higher is better: on trajectory at or above the line, off below it, met at the target', () => {
    expect(trajectory(share, 60, d('2026-07-02'))).toEqual({ status: 'on-trajectory', expected: 60 });
    expect(trajectory(share, 59.9, d('2026-07-02'))).toEqual({ status: 'off-trajectory', expected: 60 });
    expect(trajectory(share, 81, d('2026-07-02')).status).toBe('met');
    expect(trajectory(share, 79, d('2027-01-15'))).toEqual({ status: 'off-trajectory', expected: 80 });
  });

  it('a count where lower is better: on trajectory at or below the line, off above it, met at or under the target', () => {
    expect(trajectory(overdue, 70, d('2026-07-02'))).toEqual({ status: 'on-trajectory', expected: 70 });
    expect(trajectory(overdue, 50, d('2026-07-02')).status).toBe('on-trajectory');
    expect(trajectory(overdue, 71, d('2026-07-02')).status).toBe('off-trajectory');
    expect(trajectory(overdue, 20, d('2026-07-02')).status).toBe('met');
  });

  it('says nothing of a share of no cases', () => {
    expect(trajectory(share, null, d('2026-07-02')).status).toBe('no-figure');
  });

  it('a target to hold a figure is never met, only kept on the line the better way', () => {
    const hold: Target = { ...overdue, targetValue: 120 };
    expect(trajectory(hold, 110, d('2026-07-02')).status).toBe('on-trajectory');
    expect(trajectory(hold, 121, d('2026-07-02')).status).toBe('off-trajectory');
  });
});

describe('the trend of the last three months', () => {
  it('reads the direction of the target: up for a share to raise, down for a count to bring down', () => {
    expect(targetDirection(share)).toBe('up');
    expect(targetDirection(overdue)).toBe('down');
    expect(targetDirection({ ...share, targetValue: 40 })).toBe('up');
    expect(targetDirection({ ...overdue, targetValue: 120 })).toBe('down');
  });

  it('a share falling over the last three months moves away from a target to raise it; rising, towards it', () => {
    expect(trend(share, [90, 10, 55, 50, 45])).toBe('away-from-target');
    expect(trend(share, [45, 50, 55])).toBe('towards-target');
    expect(trend(share, [50, 50, 50])).toBe('flat');
  });

  it('a count of overdue reviews rising moves away from a target to bring it down; falling, towards it', () => {
    expect(trend(overdue, [100, 104, 110])).toBe('away-from-target');
    expect(trend(overdue, [110, 104, 100])).toBe('towards-target');
  });

  it('skips months with no figure, and needs two months with one', () => {
    expect(trend(share, [60, null, 50])).toBe('away-from-target');
    expect(trend(share, [null, null, 50])).toBe('not-enough-months');
    expect(trend(share, [])).toBe('not-enough-months');
  });
});

describe('flagged to the board', () => {
  it('an action on track whose measure moves away from its target', () => {
    expect(flaggedToBoard('on-track', ['towards-target', 'away-from-target'])).toBe(true);
    expect(flaggedToBoard('on-track', ['towards-target', 'flat', 'not-enough-months'])).toBe(false);
    expect(flaggedToBoard('at-risk', ['away-from-target'])).toBe(false);
    expect(flaggedToBoard('complete', ['away-from-target'])).toBe(false);
  });
});

import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { deadlineStatus, nextDeadlineStatus } from './status.ts';

const due = isoDate('2026-03-10');

describe('deadline status against today', () => {
  it.each([
    ['2026-03-01', 'on-track', 9],
    ['2026-03-02', 'on-track', 8],
    ['2026-03-03', 'due-soon', 7],
    ['2026-03-10', 'due-soon', 0],
    ['2026-03-11', 'overdue', -1],
    ['2026-04-10', 'overdue', -31],
  ] as const)('open, today %s: %s with %i days remaining', (today, status, daysRemaining) => {
    expect(deadlineStatus({ due, today: isoDate(today) })).toEqual({ status, daysRemaining, daysLate: null });
  });

  it.each([
    ['2026-03-01', 'met-on-time', 0],
    ['2026-03-10', 'met-on-time', 0],
    ['2026-03-12', 'met-late', 2],
  ] as const)('met on %s: %s', (met, status, daysLate) => {
    expect(deadlineStatus({ due, met: isoDate(met), today: isoDate('2026-06-01') })).toEqual({
      status,
      daysRemaining: null,
      daysLate,
    });
  });
});

describe('a case’s next deadline as a list shows it', () => {
  it('carries its title and date with the status today, and is absent when none is running', () => {
    expect(nextDeadlineStatus('Issue the final EHC plan', '2026-03-10', isoDate('2026-03-11'))).toEqual({
      title: 'Issue the final EHC plan',
      dueOn: '2026-03-10',
      status: 'overdue',
      daysRemaining: -1,
      daysLate: null,
    });
    expect(nextDeadlineStatus(null, '2026-03-10', isoDate('2026-03-01'))).toMatchObject({ title: '', status: 'on-track' });
    expect(nextDeadlineStatus('Anything', null, isoDate('2026-03-01'))).toBeUndefined();
  });
});

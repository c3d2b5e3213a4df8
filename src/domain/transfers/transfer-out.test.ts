import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import { transferOutDeadline } from './transfer-out.ts';

describe('sending the plan to the new council on a move', () => {
  it('learnt at least 15 working days before: the plan goes on the day of the move (SEND Regs 2014 reg. 15)', () => {
    const deadline = transferOutDeadline({ moveDate: isoDate('2026-09-01'), learntOn: isoDate('2026-07-01') }, englandAndWales);
    expect(deadline.due).toBe('2026-09-01');
    expect(deadline.basis).toContain('reg. 15');
  });

  it('learnt less than 15 working days before: within 15 working days beginning with that day (SEND Regs 2014 reg. 15)', () => {
    // 24-28 August (5), 31 August is a bank holiday, 1-4 September (9), 7-11 (14), 14 (15).
    const deadline = transferOutDeadline({ moveDate: isoDate('2026-09-01'), learntOn: isoDate('2026-08-24') }, englandAndWales);
    expect(deadline.due).toBe('2026-09-14');
    expect(deadline.basis).toContain('less than 15 working days');
  });

  it('exactly 15 working days before: the day of the move (SEND Regs 2014 reg. 15)', () => {
    // 15 working days beginning with 10 August 2026 end on 28 August, before the move.
    expect(transferOutDeadline({ moveDate: isoDate('2026-09-01'), learntOn: isoDate('2026-08-10') }, englandAndWales).due).toBe('2026-09-01');
  });

  it('learnt only after the move: within 15 working days beginning with the day it learnt (SEND Regs 2014 reg. 15)', () => {
    const deadline = transferOutDeadline({ moveDate: isoDate('2026-09-01'), learntOn: isoDate('2026-09-07') }, englandAndWales);
    expect(deadline.due).toBe('2026-09-25');
    expect(deadline.basis).toContain('after it happened');
  });
});

import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { englandAndWales } from '../calendar/test-fixtures.ts';
import { transferInDeadlines } from './transfer-in.ts';

const byId = (deadlines: ReturnType<typeof transferInDeadlines>, id: string) =>
  deadlines.find((deadline) => deadline.id === id);

describe('transfer in from another authority', () => {
  it('Regs 15: the old authority transfers the plan on the day of the move when it knew in time', () => {
    const deadlines = transferInDeadlines(
      { moveDate: isoDate('2026-09-01'), learntOfMove: isoDate('2026-07-01'), lastReview: isoDate('2026-03-15') },
      englandAndWales,
    );
    expect(byId(deadlines, 'transfer-plan')?.due).toBe('2026-09-01');
  });

  it('Regs 15: learnt less than 15 working days before: 15 working days beginning with that day', () => {
    const deadlines = transferInDeadlines(
      { moveDate: isoDate('2026-09-01'), learntOfMove: isoDate('2026-08-24'), lastReview: isoDate('2026-03-15') },
      englandAndWales,
    );
    // 24-28 August (5), 31 August is a bank holiday, 1-4 September (9), 7-11 (14), 14 (15).
    expect(byId(deadlines, 'transfer-plan')?.due).toBe('2026-09-14');
  });

  it('Regs 15: the new authority tells the family within 6 weeks of the transfer', () => {
    const deadlines = transferInDeadlines(
      { moveDate: isoDate('2026-09-01'), lastReview: isoDate('2026-03-15') },
      englandAndWales,
    );
    expect(byId(deadlines, 'transfer-notify')?.due).toBe('2026-10-13');
  });

  it.each([
    ['2026-03-15', '2027-03-14'], // 12 months from the last review is later
    ['2025-10-01', '2026-11-30'], // 3 months from the transfer is later
  ] as const)('Regs 15: review within the later of 12 months and 3 months beginning with the last review and the transfer, the day before each anniversary (%s)', (lastReview, due) => {
    const deadlines = transferInDeadlines(
      { moveDate: isoDate('2026-09-01'), lastReview: isoDate(lastReview) },
      englandAndWales,
    );
    const review = byId(deadlines, 'transfer-review');
    expect(review?.due).toBe(due);
    expect(review?.basis).toContain('A period beginning with a day includes that day');
    expect(review?.basis).not.toContain('no corresponding day');
  });

  it('Regs 15: 3 months beginning with 30 November end in a February with no 30th, and the basis says which day it shows', () => {
    const review = byId(
      transferInDeadlines({ moveDate: isoDate('2026-11-30'), lastReview: isoDate('2025-06-01') }, englandAndWales),
      'transfer-review',
    );
    expect(review?.due).toBe('2027-02-27');
    expect(review?.basis).toContain('it would be 2027-02-28; the earlier day is shown');
  });
});

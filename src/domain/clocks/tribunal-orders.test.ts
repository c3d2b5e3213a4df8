import { describe, it, expect } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { tribunalOrderDeadlines, type TribunalOrder } from './tribunal-orders.ts';

const ORDER_DATE = isoDate('2026-03-02');

describe('complying with a tribunal order', () => {
  it.each([
    ['assess', 'notify-assessment', '2026-03-16', 2],
    ['assess', 'no-plan-decision', '2026-05-11', 10],
    ['assess', 'final-plan', '2026-06-08', 14],
    ['make-plan', 'draft-plan', '2026-04-06', 5],
    ['make-plan', 'final-plan', '2026-05-18', 11],
    ['amend-plan', 'amended-plan', '2026-04-06', 5],
    ['name-placement', 'amended-plan', '2026-03-16', 2],
  ] as const)('Regs 44: %s order -> %s %i weeks after the order', (order, id, due, weeks) => {
    const deadline = tribunalOrderDeadlines(ORDER_DATE, order).find((d) => d.id === id);
    expect(deadline?.due).toBe(due);
    expect(deadline?.basis).toContain(`within ${weeks} weeks (${weeks * 7} days) of the order`);
    expect(deadline?.basis).toContain('HMCTS guidance counts from the day it was sent');
  });

  it.each([
    ['cease', 'cease'],
    ['continue', 'continue'],
  ] as const)('Regs 44: %s order takes effect immediately, on the order date', (order, id) => {
    expect(tribunalOrderDeadlines(ORDER_DATE, order)).toEqual([
      expect.objectContaining({ id, due: '2026-03-02' }),
    ]);
  });

  it.each([
    ['assess', ['notify-assessment', 'no-plan-decision', 'final-plan']],
    ['make-plan', ['draft-plan', 'final-plan']],
    ['amend-plan', ['amended-plan']],
    ['name-placement', ['amended-plan']],
  ] as const)('Regs 44: a %s order gives exactly its deadlines', (order: TribunalOrder, ids) => {
    expect(tribunalOrderDeadlines(ORDER_DATE, order).map((d) => d.id)).toEqual(ids);
  });
});

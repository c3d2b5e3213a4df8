import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/index.ts';
import { consultationStanding, PLAN_SECTIONS, representationIsLate, schoolConsultationDue } from './consultations.ts';

describe('a school’s answer to a consultation', () => {
  it.each([
    ['2026-11-02', '2026-11-17'],
    ['2026-11-20', '2026-12-05'],
    // Over the turn of the year, and a leap day.
    ['2026-12-20', '2027-01-04'],
    ['2028-02-20', '2028-03-06'],
  ])('is due 15 days after the day sent, which does not count (SEND Code of Practice 9.83): sent %s, due %s', (sent, due) => {
    expect(schoolConsultationDue(isoDate(sent))).toBe(due);
  });

  it('stays put on a weekend or bank holiday: guidance, not a time limit that moves (SEND Code of Practice 9.83)', () => {
    // Sent on Thursday 10 December 2026: due Friday 25 December, Christmas Day.
    expect(schoolConsultationDue(isoDate('2026-12-10'))).toBe('2026-12-25');
  });

  it('is awaiting up to and on its due date, overdue from the day after, and answered late by the days past it (SEND Code of Practice 9.83)', () => {
    const dueOn = isoDate('2026-11-17');
    expect(consultationStanding({ status: 'awaiting', dueOn }, isoDate('2026-11-10'))).toEqual({ state: 'awaiting', daysRemaining: 7 });
    expect(consultationStanding({ status: 'awaiting', dueOn }, dueOn)).toEqual({ state: 'awaiting', daysRemaining: 0 });
    expect(consultationStanding({ status: 'awaiting', dueOn }, isoDate('2026-11-18'))).toEqual({ state: 'overdue', daysOverdue: 1 });
    expect(consultationStanding({ status: 'answered', dueOn, respondedOn: isoDate('2026-11-20') }, isoDate('2026-11-30'))).toEqual({ state: 'answered', daysLate: 3 });
    expect(consultationStanding({ status: 'answered', dueOn, respondedOn: isoDate('2026-11-12') }, isoDate('2026-11-30'))).toEqual({ state: 'answered', daysLate: 0 });
    expect(consultationStanding({ status: 'withdrawn', dueOn }, isoDate('2026-11-30'))).toEqual({ state: 'withdrawn' });
  });
});

describe('the family’s response to the draft plan', () => {
  it('is on time up to day 15 beginning with the day the draft was served, and late after (SEND Regs 2014 reg. 13(1)(a))', () => {
    const served = isoDate('2026-11-02');
    expect(representationIsLate(isoDate('2026-11-02'), served)).toBe(false);
    expect(representationIsLate(isoDate('2026-11-16'), served)).toBe(false);
    expect(representationIsLate(isoDate('2026-11-17'), served)).toBe(true);
  });

  it('may be about any section of the plan, A to K with H1 and H2, or the plan as a whole (SEND Regs 2014 reg. 12(1))', () => {
    expect(PLAN_SECTIONS).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K', 'whole']);
  });
});

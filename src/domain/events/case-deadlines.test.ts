import { describe, expect, it } from 'vitest';
import { addDays, isoDate, type IsoDate } from '../calendar/dates.ts';
import { deadlinesOfClosedCase, caseDeadlines } from './case-deadlines.ts';
import { CASE_DEADLINES, type CaseDeadlineId } from './catalogue.ts';

const on = isoDate;

describe('deadlines derived from a case’s events', () => {
  it('Regs 5(1) and 13(2): a request starts the 6-week decision and the 20-week final plan', () => {
    const deadlines = caseDeadlines([{ type: 'request.received', occurredOn: on('2026-01-05') }]);
    expect(deadlines.map((deadline) => [deadline.id, deadline.due, deadline.met])).toEqual([
      ['decision-to-assess', '2026-02-16', undefined],
      ['final-plan', '2026-05-25', undefined],
    ]);
  });

  it('Regs 10(1): deciding to assess meets the 6-week decision and starts the 16-week no-plan decision', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'assessment.agreed', occurredOn: on('2026-02-20') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'decision-to-assess')?.met).toBe('2026-02-20');
    expect(deadlines.find((deadline) => deadline.id === 'no-plan-decision')?.due).toBe('2026-04-27');
  });

  it('Regs 13(2) and CFA s.44(1): issuing the plan meets the 20-week deadline and starts the annual review period', () => {
    const deadlines = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-05-20') },
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'assessment.agreed', occurredOn: on('2026-02-10') },
      { type: 'draft.issued', occurredOn: on('2026-04-01') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'final-plan')?.met).toBe('2026-05-20');
    expect(deadlines.find((deadline) => deadline.id === 'review-due')).toMatchObject({ due: '2027-05-19' });
    expect(deadlines.find((deadline) => deadline.id === 'review-due')?.met).toBeUndefined();
  });

  it('Regs 20: a review meeting starts the 4-week decision; the decision starts the next 12-month period', () => {
    const held = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'review.held', occurredOn: on('2027-02-01') },
    ]);
    expect(held.find((deadline) => deadline.id === 'review-decision')?.due).toBe('2027-03-01');
    const decided = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'review.held', occurredOn: on('2027-02-01') },
      { type: 'review.decided', occurredOn: on('2027-02-20') },
    ]);
    expect(decided.find((deadline) => deadline.id === 'review-due')).toMatchObject({ due: '2028-02-19' });
    expect(decided.some((deadline) => deadline.id === 'review-decision')).toBe(false);
  });

  it('Regs 5(1): refusing to assess ends the 20-week clock', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'assessment.refused', occurredOn: on('2026-02-10') },
    ]);
    expect(deadlines.map((deadline) => deadline.id)).toEqual(['decision-to-assess']);
  });

  it('takes same-day events in the order of the process, however they are listed', () => {
    const deadlines = caseDeadlines([
      { type: 'assessment.agreed', occurredOn: on('2026-11-23') },
      { type: 'request.received', occurredOn: on('2026-11-23') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'decision-to-assess')?.met).toBe('2026-11-23');
    expect(deadlines.map((deadline) => deadline.id)).toContain('no-plan-decision');
  });

  it('Regs 13(1)(a): the 15 days to comment on a draft are the family’s window, not the authority’s duty', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05') },
      { type: 'draft.issued', occurredOn: on('2026-04-01') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'draft-comments')).toMatchObject({ due: '2026-04-15', duty: 'family' });
    expect(deadlines.find((deadline) => deadline.id === 'final-plan')?.duty).toBe('authority');
  });

  it('Regs 20: a scheduled review meeting sets the invitations and advice 2 weeks before it; holding it meets them', () => {
    const scheduled = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'review.scheduled', occurredOn: on('2027-02-01') },
    ]);
    expect(scheduled.find((deadline) => deadline.id === 'invitations')?.due).toBe('2027-01-18');
    expect(scheduled.find((deadline) => deadline.id === 'advice-circulated')?.due).toBe('2027-01-18');
    const held = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'review.scheduled', occurredOn: on('2027-02-01') },
      { type: 'review.held', occurredOn: on('2027-02-01') },
    ]);
    expect(held.find((deadline) => deadline.id === 'invitations')?.met).toBe('2027-02-01');
  });

  it('Regs 22(2) and 22(3): proposed amendments give the family 15 days and the amended plan 8 weeks', () => {
    const proposed = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'amendment.proposed', occurredOn: on('2027-03-01') },
    ]);
    expect(proposed.find((deadline) => deadline.id === 'amendment-comments')).toMatchObject({ due: '2027-03-15', duty: 'family' });
    expect(proposed.find((deadline) => deadline.id === 'amended-plan')).toMatchObject({ due: '2027-04-26', duty: 'authority' });
    const amended = caseDeadlines([
      { type: 'plan.issued', occurredOn: on('2026-03-15') },
      { type: 'amendment.proposed', occurredOn: on('2027-03-01') },
      { type: 'plan.amended', occurredOn: on('2027-04-20') },
    ]);
    expect(amended.find((deadline) => deadline.id === 'amended-plan')?.met).toBe('2027-04-20');
  });

  it('ignores corrected events', () => {
    const deadlines = caseDeadlines([
      { type: 'request.received', occurredOn: on('2026-01-05'), corrected: true },
      { type: 'request.received', occurredOn: on('2026-01-12') },
    ]);
    expect(deadlines.find((deadline) => deadline.id === 'final-plan')?.due).toBe('2026-06-01');
  });
});

describe('a closed case (no assessment, or the plan ceased)', () => {
  it('keeps met deadlines and the family’s windows (appeal, CFA 2014 s.51), and no unmet duty of the authority’s once closed (cessation, s.45; no assessment, reg. 5)', () => {
    const deadlines: { id: string; met?: IsoDate; duty: 'authority' | 'family' }[] = [
      { id: 'met', met: on('2026-01-10'), duty: 'authority' },
      { id: 'unmet', duty: 'authority' },
      { id: 'appeal-window', duty: 'family' },
    ];
    const kept = deadlinesOfClosedCase(deadlines);
    expect(kept.map((deadline) => deadline.id)).toEqual(['met', 'appeal-window']);
  });

  it('keeps the duties an appeal against the refusal brings: the response and the order (CFA 2014 s.51; SEND Regs 2014 reg. 44) and the mediation (regs 36-38)', () => {
    const deadlines: { id: string; met?: IsoDate; duty: 'authority' | 'family' }[] = [
      { id: 'final-plan', duty: 'authority' },
      { id: 'appeal-response', duty: 'authority' },
      { id: 'appeal-order', duty: 'authority' },
      { id: 'mediation-meeting', duty: 'authority' },
    ];
    expect(deadlinesOfClosedCase(deadlines).map((deadline) => deadline.id)).toEqual(['appeal-response', 'appeal-order', 'mediation-meeting']);
  });
});

// Every clock a case can carry, counted as the law words it (docs/domain.md, "Counting time"):
// "within N weeks of" a day ends N weeks after it, "N days beginning with" a day counts it as
// day 1, "at least N weeks before" a meeting ends N weeks before it, and "12 months starting with"
// a day ends the day before its anniversary. Written apart from the clocks, so a case clock added
// without a row here fails.
const FROM = on('2026-06-10');
const COUNTED: Record<CaseDeadlineId, readonly [words: string, regulation: string, due: IsoDate]> = {
  'decision-to-assess': ['within 6 weeks of the request', 'Regs 5(1)', addDays(FROM, 42)],
  'no-plan-decision': ['within 16 weeks of the request', 'Regs 10(1)', addDays(FROM, 112)],
  'final-plan': ['within 20 weeks of the request', 'Regs 13(2)', addDays(FROM, 140)],
  'draft-comments': ['at least 15 days beginning with the day the draft is served', 'Regs 13(1)(a)', addDays(FROM, 14)],
  'review-due': ['in the period of 12 months starting with the plan or the last review', 'CFA s.44(1)', on('2027-06-09')],
  invitations: ['at least 2 weeks before the meeting', 'Regs 20', addDays(FROM, -14)],
  'advice-circulated': ['at least 2 weeks before the meeting', 'Regs 20', addDays(FROM, -14)],
  'review-report': ['within 2 weeks after the meeting', 'Regs 20', addDays(FROM, 14)],
  'review-decision': ['within 4 weeks after the meeting', 'Regs 20', addDays(FROM, 28)],
  'amendment-comments': ['at least 15 days beginning with the day the notice is served', 'Regs 22(2)', addDays(FROM, 14)],
  'amended-plan': ['within 8 weeks of the amendment notice', 'Regs 22(3)', addDays(FROM, 56)],
  // Without the working days the event carries, the plan is due on the day of the move itself.
  'transfer-plan': ['on the day of the move (or 15 working days beginning with the day learnt, carried)', 'Regs 15', FROM],
  'transfer-notify': ['within 6 weeks of the transfer', 'Regs 15', addDays(FROM, 42)],
  'reassessment-decision': ['within 15 days of receiving the request to re-assess', 'Regs 25(1)', addDays(FROM, 15)],
  'reassessment-plan': ['14 weeks from the decision to re-assess', 'Regs 27', addDays(FROM, 98)],
  'mediation-meeting': ['within 30 days of receiving notice that mediation is wanted', 'Regs 37', addDays(FROM, 30)],
  // The tribunal's letter always carries its own date; without one, 6 weeks from registration.
  'appeal-response': ['by the date in the tribunal’s registration letter (carried)', 'HESC r.21', addDays(FROM, 42)],
  // The order's own Regs 44 limits are carried; without them, the day of the order.
  'appeal-order': ['within the limits for the order (carried)', 'Regs 44', FROM],
};

describe('every clock a case carries, counted as the law words it', () => {
  it('has a row for each deadline a case can carry', () => {
    expect(Object.keys(COUNTED).sort()).toEqual(Object.keys(CASE_DEADLINES).sort());
  });

  it.each(Object.entries(COUNTED).map(([id, [words, regulation, due]]) => [regulation, id, words, due] as const))(
    '%s: %s, "%s", from 2026-06-10 is %s',
    (_regulation, id, _words, due) => {
      expect(CASE_DEADLINES[id as CaseDeadlineId].compute(FROM).due).toBe(due);
    },
  );
});

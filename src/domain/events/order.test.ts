import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import { CASE_EVENT_TYPES, CASE_EVENTS, type CaseEventDeclaration, type CaseEventType } from './catalogue.ts';
import { firstOutOfOrder, refusalOfStep, stageOfHistory, type HistoryEvent } from './order.ts';

const on = isoDate;
const event = (type: CaseEventType, date: string, corrected = false): HistoryEvent => ({ type, occurredOn: on(date), corrected });

const REQUEST = event('request.received', '2026-01-05');
const AGREED = event('assessment.agreed', '2026-02-02');
const DRAFT = event('draft.issued', '2026-04-01');
const PLAN = event('plan.issued', '2026-04-20');
const ASSESSED = [REQUEST, AGREED];
const DRAFTED = [REQUEST, AGREED, DRAFT];
const PLANNED = [REQUEST, AGREED, DRAFT, PLAN];

const refusal = (history: HistoryEvent[], type: CaseEventType, date: string) => refusalOfStep(history, { type, occurredOn: on(date) });

describe('the order of the statutory process', () => {
  it('every event a step needs is one the catalogue declares', () => {
    for (const type of CASE_EVENT_TYPES) {
      for (const need of (CASE_EVENTS[type] as CaseEventDeclaration).needs ?? []) {
        for (const named of [...need.events, ...(need.since ?? [])]) expect(CASE_EVENT_TYPES, `${type} needs ${named}`).toContain(named);
      }
    }
  });

  it('takes a whole journey in order, request to amended plan, without a refusal', () => {
    const journey = [
      ...PLANNED,
      event('review.scheduled', '2027-03-01'),
      event('review.held', '2027-03-01'),
      event('review.decided', '2027-03-10'),
      event('amendment.proposed', '2027-03-10'),
      event('plan.amended', '2027-04-20'),
      event('review.scheduled', '2028-03-01'),
      event('review.held', '2028-03-01'),
      event('review.decided', '2028-03-08'),
    ];
    expect(firstOutOfOrder(journey)).toBeUndefined();
    expect(stageOfHistory(journey)).toEqual({ stage: 'plan', closedOn: null });
  });

  it('refuses a final plan on a case at "request received", naming the draft plan it needs (CFA 2014 s.38; SEND Regs 2014 reg. 13)', () => {
    expect(refusal([REQUEST], 'plan.issued', '2026-03-01')).toEqual({ field: 'type', message: 'Record the draft plan before the final plan' });
  });

  it('refuses "decided to assess" twice, and a decision not to assess after one to assess (CFA 2014 s.36(8); SEND Regs 2014 reg. 5(1))', () => {
    expect(refusal(ASSESSED, 'assessment.agreed', '2026-02-03')?.message).toMatch(/decision on whether to assess is already recorded/);
    expect(refusal(ASSESSED, 'assessment.refused', '2026-02-03')?.message).toMatch(/already recorded/);
    expect(refusal([REQUEST], 'assessment.agreed', '2026-02-02')).toBeUndefined();
  });

  it('refuses advice asked for before the decision to assess, and dated before it; advice received before it was asked for (SEND Regs 2014 regs 6(1) and 8(1))', () => {
    expect(refusal([REQUEST], 'advice.requested', '2026-01-20')).toEqual({ field: 'type', message: 'Record the decision to assess before asking for advice for the assessment' });
    expect(refusal(ASSESSED, 'advice.requested', '2026-02-01')).toEqual({ field: 'occurredOn', message: 'The date must be on or after 2026-02-02, the date of “Decided to assess”' });
    expect(refusal(ASSESSED, 'advice.requested', '2026-02-02')).toBeUndefined();
    expect(refusal(ASSESSED, 'advice.received', '2026-02-10')?.message).toBe('Record the request for advice before the advice received');
    expect(refusal([...ASSESSED, event('advice.requested', '2026-02-03')], 'advice.received', '2026-02-03')).toBeUndefined();
  });

  it('refuses to withdraw the decision to assess while advice asked for under it stands (SEND Regs 2014 reg. 6(1))', () => {
    const history = [REQUEST, event('assessment.agreed', '2026-02-02', true), event('advice.requested', '2026-02-03')];
    expect(firstOutOfOrder(history)?.event.type).toBe('advice.requested');
  });

  it('refuses a review meeting on a case with no plan (CFA 2014 s.44; SEND Regs 2014 reg. 20)', () => {
    expect(refusal(DRAFTED, 'review.scheduled', '2026-12-01')?.message).toBe('Record the final plan before arranging its annual review');
    expect(refusal(DRAFTED, 'review.held', '2026-12-01')?.message).toBe('Record the final plan before its annual review');
    expect(refusal(PLANNED, 'review.held', '2027-03-01')).toBeUndefined();
    expect(refusal(PLANNED, 'review.decided', '2027-03-01')?.message).toBe('Record the review meeting before the decision that follows it');
  });

  it('refuses a second final plan (CFA 2014 s.39(5): one plan, changed only by amendment under reg. 22)', () => {
    expect(refusal(PLANNED, 'plan.issued', '2026-05-01')?.message).toBe('A final plan is already issued: to change it, propose amendments');
    expect(refusal(PLANNED, 'draft.issued', '2026-05-01')?.message).toBe('The final plan is already issued: to change it, propose amendments');
  });

  it('refuses a final plan inside the family’s 15 days to comment on the draft, which cannot be waived (SEND Regs 2014 reg. 13(1)(a))', () => {
    // Draft served 1 April: 15 days beginning with that day end on 15 April.
    expect(refusal(DRAFTED, 'plan.issued', '2026-04-15')).toEqual({
      field: 'occurredOn',
      message: 'The family have until 2026-04-15 to comment on the draft plan (at least 15 days, SEND Regs 2014 reg. 13(1)(a)): the final plan can be issued from 2026-04-16',
    });
    expect(refusal(DRAFTED, 'plan.issued', '2026-04-01')?.field).toBe('occurredOn');
    expect(refusal(DRAFTED, 'plan.issued', '2026-04-16')).toBeUndefined();
    // A second draft opens a new window.
    expect(refusal([...DRAFTED, event('draft.issued', '2026-04-10')], 'plan.issued', '2026-04-16')?.message).toMatch(/until 2026-04-24/);
  });

  it('refuses an amended plan inside the family’s 15 days to comment on the proposed amendments (SEND Regs 2014 reg. 22(2))', () => {
    const proposed = [...PLANNED, event('amendment.proposed', '2026-09-01')];
    expect(refusal(PLANNED, 'plan.amended', '2026-10-01')?.message).toBe('Send the proposed amendments to the family before issuing the amended plan');
    expect(refusal(proposed, 'plan.amended', '2026-09-15')?.message).toMatch(/until 2026-09-15 .* from 2026-09-16/);
    expect(refusal(proposed, 'plan.amended', '2026-09-16')).toBeUndefined();
    // Each amended plan answers its own proposal: a second needs a second proposal.
    expect(refusal([...proposed, event('plan.amended', '2026-10-01')], 'plan.amended', '2026-11-01')?.message).toMatch(/Send the proposed amendments/);
  });

  it('judges a step by the events up to its own day: a step dated before the one it needs has the wrong date', () => {
    expect(refusal(DRAFTED, 'plan.issued', '2026-03-20')).toEqual({ field: 'occurredOn', message: 'The date must be on or after 2026-04-01, the date of “Draft EHC plan issued”' });
    // Events of one day follow the process: a draft and its decision to assess on the same day stand.
    expect(refusal([REQUEST, event('assessment.agreed', '2026-04-01')], 'draft.issued', '2026-04-01')).toBeUndefined();
  });

  it('does not count a corrected event: a withdrawn decision to assess can be recorded again', () => {
    const withdrawn = [REQUEST, { ...AGREED, corrected: true }];
    expect(refusal(withdrawn, 'assessment.agreed', '2026-02-10')).toBeUndefined();
    expect(refusal(withdrawn, 'draft.issued', '2026-04-01')?.message).toBe('Record the decision to assess before the draft plan');
  });

  it('finds a history a correction would break: a final plan left without its draft', () => {
    const broken = firstOutOfOrder([REQUEST, AGREED, { ...DRAFT, corrected: true }, PLAN]);
    expect(broken?.event).toBe(PLAN);
    expect(broken?.refusal.message).toBe('Record the draft plan before the final plan');
  });

  it('works the stage out again from the events that stand: withdrawing the decision not to assess reopens the case', () => {
    const refused = event('assessment.refused', '2026-02-02');
    expect(stageOfHistory([REQUEST, refused])).toEqual({ stage: 'closed', closedOn: '2026-02-02' });
    expect(stageOfHistory([REQUEST, { ...refused, corrected: true }])).toEqual({ stage: 'request', closedOn: null });
    expect(stageOfHistory([REQUEST, AGREED, { ...DRAFT, corrected: true }])).toEqual({ stage: 'assessment', closedOn: null });
  });

  it('refuses a decision after the assessment before the decision to assess, and a second one (SEND Regs 2014 reg. 10(1))', () => {
    expect(refusal([REQUEST], 'plan.refused', '2026-03-01')?.message).toBe('Record the decision to assess before the decision after the assessment');
    expect(refusal([REQUEST], 'plan.agreed', '2026-03-01')?.message).toBe('Record the decision to assess before the decision after the assessment');
    expect(refusal(ASSESSED, 'plan.refused', '2026-04-01')).toBeUndefined();
    const decided = [...ASSESSED, event('plan.agreed', '2026-04-01')];
    expect(refusal(decided, 'plan.refused', '2026-04-02')?.message).toMatch(/decision after the assessment is already recorded/);
    expect(refusal(decided, 'plan.agreed', '2026-04-02')?.message).toMatch(/already recorded/);
    // A draft already issued was the decision to make a plan.
    expect(refusal(DRAFTED, 'plan.refused', '2026-04-02')?.message).toMatch(/or a draft plan issued/);
    // A draft may follow the decision to draft.
    expect(refusal(decided, 'draft.issued', '2026-04-10')).toBeUndefined();
  });

  it('takes a withdrawal before the decision to assess or during the assessment, not after a decision on the plan', () => {
    expect(refusal([REQUEST], 'request.withdrawn', '2026-01-20')).toBeUndefined();
    expect(refusal(ASSESSED, 'request.withdrawn', '2026-03-01')).toBeUndefined();
    expect(refusal([...ASSESSED, event('plan.refused', '2026-04-01')], 'request.withdrawn', '2026-04-02')?.message).toMatch(/can no longer be withdrawn/);
    expect(refusal(DRAFTED, 'request.withdrawn', '2026-04-02')?.message).toMatch(/can no longer be withdrawn/);
    // A request withdrawn is not then decided on.
    expect(refusal([REQUEST, event('request.withdrawn', '2026-01-20')], 'assessment.agreed', '2026-01-21')?.message).toMatch(/already recorded/);
  });

  it('closes the case on a withdrawal and on a decision not to issue a plan; a decision to issue one leaves it in the assessment (SEND Regs 2014 reg. 10)', () => {
    expect(stageOfHistory([REQUEST, event('request.withdrawn', '2026-01-20')])).toEqual({ stage: 'closed', closedOn: '2026-01-20' });
    expect(stageOfHistory([...ASSESSED, event('plan.refused', '2026-04-01')])).toEqual({ stage: 'closed', closedOn: '2026-04-01' });
    expect(stageOfHistory([...ASSESSED, event('plan.agreed', '2026-04-01')])).toEqual({ stage: 'assessment', closedOn: null });
    expect(firstOutOfOrder([...ASSESSED, event('plan.agreed', '2026-04-01'), event('draft.issued', '2026-04-10'), event('plan.issued', '2026-05-01')])).toBeUndefined();
  });
});

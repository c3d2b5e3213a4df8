import { describe, expect, it } from 'vitest';
import { isoDate } from '../calendar/dates.ts';
import type { CaseEventType } from './catalogue.ts';
import type { HistoryEvent } from './order.ts';
import { sen2RequestFacts } from './sen2.ts';

const event = (type: CaseEventType, date: string, corrected = false): HistoryEvent => ({ type, occurredOn: isoDate(date), corrected });
const REQUEST = event('request.received', '2026-01-05');
const AGREED = event('assessment.agreed', '2026-02-02');

describe('the SEN2 facts of a request, derived from its history (DfE SEN2 guide: Requests and Assessment)', () => {
  it('a request awaiting the decision whether to assess: ReceivedDate set, RequestOutcome A and no date, no Assessment', () => {
    expect(sen2RequestFacts([REQUEST])).toEqual({ receivedDate: '2026-01-05', requestOutcome: { code: 'A', date: null }, assessmentOutcome: null });
  });

  it('SEND Regs 2014 reg. 5(1): agreed to assess is RequestOutcome Y dated by the decision; the assessment then awaits its outcome (A)', () => {
    expect(sen2RequestFacts([REQUEST, AGREED])).toEqual({
      receivedDate: '2026-01-05',
      requestOutcome: { code: 'Y', date: '2026-02-02' },
      assessmentOutcome: { code: 'A', date: null },
    });
  });

  it('SEND Regs 2014 reg. 5(1) and 5(3): refused is RequestOutcome N dated by the decision, with no Assessment', () => {
    expect(sen2RequestFacts([REQUEST, event('assessment.refused', '2026-02-10')])).toMatchObject({ requestOutcome: { code: 'N', date: '2026-02-10' }, assessmentOutcome: null });
  });

  it('DfE SEN2 guide: a request withdrawn before the decision is RequestOutcome W; withdrawn during the assessment, AssessmentOutcome W', () => {
    expect(sen2RequestFacts([REQUEST, event('request.withdrawn', '2026-01-20')])).toMatchObject({ requestOutcome: { code: 'W', date: '2026-01-20' }, assessmentOutcome: null });
    expect(sen2RequestFacts([REQUEST, AGREED, event('request.withdrawn', '2026-03-01')])).toMatchObject({
      requestOutcome: { code: 'Y', date: '2026-02-02' },
      assessmentOutcome: { code: 'W', date: '2026-03-01' },
    });
  });

  it('SEND Regs 2014 reg. 10(1): a decision not to issue a plan is AssessmentOutcome N dated by the decision', () => {
    expect(sen2RequestFacts([REQUEST, AGREED, event('plan.refused', '2026-04-20')]).assessmentOutcome).toEqual({ code: 'N', date: '2026-04-20' });
  });

  it('CFA 2014 s.37(1): a decision to issue a plan is AssessmentOutcome Y dated by the decision, not by the draft that follows', () => {
    const history = [REQUEST, AGREED, event('plan.agreed', '2026-04-06'), event('draft.issued', '2026-04-13'), event('plan.issued', '2026-05-01')];
    expect(sen2RequestFacts(history).assessmentOutcome).toEqual({ code: 'Y', date: '2026-04-06' });
  });

  it('CFA 2014 s.38: with no decision recorded before it (a case carried over), the draft, or else the final plan, is AssessmentOutcome Y', () => {
    expect(sen2RequestFacts([REQUEST, AGREED, event('draft.issued', '2026-04-13')]).assessmentOutcome).toEqual({ code: 'Y', date: '2026-04-13' });
    expect(sen2RequestFacts([REQUEST, AGREED, event('plan.issued', '2026-05-01')]).assessmentOutcome).toEqual({ code: 'Y', date: '2026-05-01' });
  });

  it('counts only events that stand: a decision withdrawn by a correction is no outcome, and one re-dated takes its new date', () => {
    expect(sen2RequestFacts([REQUEST, { ...AGREED, corrected: true }])).toMatchObject({ requestOutcome: { code: 'A', date: null }, assessmentOutcome: null });
    expect(sen2RequestFacts([REQUEST, { ...AGREED, corrected: true }, event('assessment.agreed', '2026-01-30')]).requestOutcome).toEqual({ code: 'Y', date: '2026-01-30' });
  });

  it('reads a history in date order, whatever order it is given in (the child’s record lists it newest first)', () => {
    expect(sen2RequestFacts([event('plan.refused', '2026-04-20'), AGREED, REQUEST])).toMatchObject({ requestOutcome: { code: 'Y' }, assessmentOutcome: { code: 'N', date: '2026-04-20' } });
  });

  it('SEND Regs 2014 reg. 15 and DfE SEN2 guide (outcome code H, historical): a plan received from another council has both outcomes H, undated, and the original request’s date from its papers when given', () => {
    const received = (payload?: Record<string, unknown>) => ({ type: 'transfer-in.recorded', occurredOn: isoDate('2026-09-01'), ...(payload ? { payload } : {}) });
    expect(sen2RequestFacts([received({ requestReceivedOn: '2023-03-01' })])).toEqual({ receivedDate: '2023-03-01', requestOutcome: { code: 'H', date: null }, assessmentOutcome: { code: 'H', date: null } });
    // Not given (or not a date): no ReceivedDate, still historical.
    expect(sen2RequestFacts([received()])).toEqual({ receivedDate: null, requestOutcome: { code: 'H', date: null }, assessmentOutcome: { code: 'H', date: null } });
    expect(sen2RequestFacts([received({ requestReceivedOn: 'last spring' })]).receivedDate).toBeNull();
  });
});

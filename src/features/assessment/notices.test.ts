import { describe, expect, it } from 'vitest';
import { isoDate } from '../../domain/calendar/index.ts';
import { decisionNotice, viewsRequestNotice, withdrawalNotice } from './notices.ts';

const on = isoDate;

describe('the notices of the assessment’s decisions, in the fields the letters take', () => {
  it('CFA 2014 s.36(8): a decision to assess tells the family the decision, its reasons, and the 16- and 20-week limits (SEND Regs 2014 regs 10(1), 13(2))', () => {
    expect(decisionNotice({ question: 'assess', agreed: true, decidedOn: on('2026-11-10'), reasons: 'Needs', noPlanDecisionBy: on('2027-01-21'), finalPlanBy: on('2027-02-18') })).toEqual({
      type: 'assessment-agreed',
      to: 'family',
      fields: { decisionDate: '10 November 2026', reasons: 'Needs', noPlanDecisionBy: '21 January 2027', finalPlanBy: '18 February 2027' },
    });
  });

  it('SEND Regs 2014 reg. 5(3): a refusal gives the reasons, the last day to appeal and to contact a mediation adviser', () => {
    expect(decisionNotice({ question: 'assess', agreed: false, decidedOn: on('2026-11-20'), reasons: 'Met', appealBy: on('2027-01-25'), mediationBy: on('2027-01-23') })).toEqual({
      type: 'assessment-refused',
      to: 'family',
      fields: { decisionDate: '20 November 2026', reasons: 'Met', appealBy: '25 January 2027', mediationBy: '23 January 2027' },
    });
  });

  it('SEND Regs 2014 reg. 10(3): a decision not to issue a plan gives the same; a decision to issue one says when the draft is due', () => {
    expect(decisionNotice({ question: 'issue-plan', agreed: false, decidedOn: on('2026-11-20'), reasons: 'Met', appealBy: on('2027-01-25'), mediationBy: on('2027-01-23') }).type).toBe('no-plan');
    expect(decisionNotice({ question: 'issue-plan', agreed: true, decidedOn: on('2026-11-16'), reasons: 'Needs', draftBy: on('2026-11-23') })).toEqual({
      type: 'plan-to-be-drafted',
      to: 'family',
      fields: { decisionDate: '16 November 2026', draftBy: '23 November 2026' },
    });
  });

  it('a withdrawal says when, by whom and why; a request for views says to whom and by when', () => {
    expect(withdrawalNotice({ withdrawnOn: on('2026-11-02'), withdrawnBy: 'young-person', reason: 'College' })).toEqual({
      type: 'request-withdrawn',
      to: 'family',
      fields: { withdrawnOn: '2 November 2026', withdrawnBy: 'the young person', reason: 'College' },
    });
    expect(withdrawalNotice({ withdrawnOn: on('2026-11-02'), withdrawnBy: 'other', reason: 'x' }).fields.withdrawnBy).toBe('someone else');
    expect(viewsRequestNotice({ party: 'school', respondBy: on('2026-12-04') })).toEqual({ type: 'views-request', to: 'school', fields: { recipientRole: 'school', respondBy: '4 December 2026' } });
    expect(viewsRequestNotice({ party: 'parent', respondBy: on('2026-12-04') }).to).toBe('family');
  });
});

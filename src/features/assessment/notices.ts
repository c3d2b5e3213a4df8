// What each notice and letter of the assessment's decisions says, in the fields the letters'
// templates take (src/features/letters' contract): dates written as the letter reads them
// ("3 March 2027"), the reasons as the decision-maker wrote them. Pure: the service resolves the
// recipient and queues the letter in the decision's own transaction.
import type { IsoDate } from '../../domain/calendar/index.ts';
import { longDate } from '../../web/long-date.ts';
import { WITHDRAWN_BY_NAMES, type AskedParty, type Question, type WithdrawnBy } from './terms.ts';

/** The letters the assessment's decisions send (a subset of the letters feature's LetterType). */
export type DecisionLetterType = 'assessment-agreed' | 'assessment-refused' | 'request-withdrawn' | 'views-request' | 'no-plan' | 'plan-to-be-drafted';

export interface Notice {
  type: DecisionLetterType;
  /** The family (the child's main contact), or the school. */
  to: 'family' | 'school';
  fields: Record<string, string>;
}

export interface DecisionNoticeFacts {
  question: Question;
  agreed: boolean;
  decidedOn: IsoDate;
  reasons: string;
  /** For an agreement to assess: the 16-week decision and the 20-week final plan (SEND Regs 2014 regs 10(1), 13(2)). */
  noPlanDecisionBy?: IsoDate;
  finalPlanBy?: IsoDate;
  /** For a refusal: the last day to appeal (HESC r.20(1)(c) and r.12) and to contact a mediation adviser (CFA 2014 s.55). */
  appealBy?: IsoDate;
  mediationBy?: IsoDate;
  /** For a decision to issue a plan: the council's target for the draft. */
  draftBy?: IsoDate;
}

/**
 * The notice of a decision: to assess (CFA 2014 s.36(8)), not to assess with the right of appeal
 * and its limits, mediation and where to get advice (SEND Regs 2014 reg. 5(3)), not to issue a
 * plan with the same (reg. 10(3)), or that a plan will be drafted.
 */
export function decisionNotice(facts: DecisionNoticeFacts): Notice {
  const decisionDate = longDate(facts.decidedOn);
  if (facts.question === 'assess' && facts.agreed) {
    return {
      type: 'assessment-agreed',
      to: 'family',
      fields: { decisionDate, reasons: facts.reasons, noPlanDecisionBy: longDate(facts.noPlanDecisionBy), finalPlanBy: longDate(facts.finalPlanBy) },
    };
  }
  if (facts.question === 'issue-plan' && facts.agreed) return { type: 'plan-to-be-drafted', to: 'family', fields: { decisionDate, draftBy: longDate(facts.draftBy) } };
  return {
    type: facts.question === 'assess' ? 'assessment-refused' : 'no-plan',
    to: 'family',
    fields: { decisionDate, reasons: facts.reasons, appealBy: longDate(facts.appealBy), mediationBy: longDate(facts.mediationBy) },
  };
}

/** The letter that confirms a request was withdrawn: when, by whom and why. */
export function withdrawalNotice(facts: { withdrawnOn: IsoDate; withdrawnBy: WithdrawnBy; reason: string }): Notice {
  return {
    type: 'request-withdrawn',
    to: 'family',
    fields: { withdrawnOn: longDate(facts.withdrawnOn), withdrawnBy: WITHDRAWN_BY_NAMES[facts.withdrawnBy].replace(/^The /, 'the ').replace(/^Someone/, 'someone'), reason: facts.reason },
  };
}

/** The letter asking the family or the school for their views on the request, and by when. */
export function viewsRequestNotice(facts: { party: AskedParty; respondBy: IsoDate }): Notice {
  return { type: 'views-request', to: facts.party === 'school' ? 'school' : 'family', fields: { recipientRole: facts.party, respondBy: longDate(facts.respondBy) } };
}

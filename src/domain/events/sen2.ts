// What a case's history says in the DfE's SEN2 return about its request: RequestOutcome and its
// date, and AssessmentOutcome and its date. Derived from the events that stand, never typed in a
// second time, so the return always agrees with the history (a correction included).
import type { IsoDate } from '../calendar/dates.ts';
import { standingEvents, type HistoryEvent } from './order.ts';

/**
 * The SEN2 codes of an outcome the history can give: Y yes, N no, W withdrawn, A awaiting a
 * decision, H historical: a plan received from another council (SEND Regs 2014 reg. 15), whose
 * request and assessment that council decided, on a day this council's history does not hold.
 */
export type Sen2OutcomeCode = 'Y' | 'N' | 'W' | 'A' | 'H';

/** An event with its payload where the reader has it (the plan received carries the original request's date). */
export interface Sen2FactsEvent extends HistoryEvent {
  readonly payload?: Readonly<Record<string, unknown>> | null;
}

export interface Sen2Outcome {
  readonly code: Sen2OutcomeCode;
  /** The date of the decision or withdrawal; null while awaiting one. */
  readonly date: IsoDate | null;
}

export interface Sen2RequestFacts {
  /** Requests/ReceivedDate: the request's date, which starts the 20 weeks. */
  readonly receivedDate: IsoDate | null;
  /** Requests/RequestOutcome and RequestOutcomeDate: the decision whether to assess. */
  readonly requestOutcome: Sen2Outcome;
  /**
   * Assessment/AssessmentOutcome and AssessmentOutcomeDate: the decision whether to issue a plan
   * after the assessment; null when there is no assessment (the request was not agreed).
   */
  readonly assessmentOutcome: Sen2Outcome | null;
}

const AWAITING: Sen2Outcome = { code: 'A', date: null };
const HISTORICAL: Sen2Outcome = { code: 'H', date: null };
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const REQUEST_ANSWERS: Readonly<Record<string, Sen2OutcomeCode>> = {
  'assessment.agreed': 'Y',
  'assessment.refused': 'N',
  'request.withdrawn': 'W',
};

// A draft or a final plan answers the question too when no decision was recorded before it (a
// case carried over from before decisions were recorded): the plan is the decision to issue one.
const ASSESSMENT_ANSWERS: Readonly<Record<string, Sen2OutcomeCode>> = {
  'plan.agreed': 'Y',
  'draft.issued': 'Y',
  'plan.issued': 'Y',
  'plan.refused': 'N',
  'request.withdrawn': 'W',
};

/** The SEN2 facts of a case's request, from its history (corrected events do not count). */
export function sen2RequestFacts(history: readonly Sen2FactsEvent[]): Sen2RequestFacts {
  const standing = standingEvents(history);
  const received = standing.find((event) => event.type === 'request.received');
  const decision = standing.find((event) => Object.hasOwn(REQUEST_ANSWERS, event.type));
  // A plan received on a move (reg. 15): the other council received the request, assessed and made
  // the plan. The request's date is the one the officer took from the plan's papers, if given; both
  // outcomes are historical (H), decided there on days this history does not hold.
  const transferredIn = standing.find((event) => event.type === 'transfer-in.recorded');
  if (transferredIn && !received && !decision) {
    const original = transferredIn.payload?.requestReceivedOn;
    return { receivedDate: typeof original === 'string' && ISO_DATE.test(original) ? (original as IsoDate) : null, requestOutcome: HISTORICAL, assessmentOutcome: HISTORICAL };
  }
  const requestOutcome: Sen2Outcome = decision ? { code: REQUEST_ANSWERS[decision.type]!, date: decision.occurredOn } : AWAITING;
  if (!decision || requestOutcome.code !== 'Y') return { receivedDate: received?.occurredOn ?? null, requestOutcome, assessmentOutcome: null };
  const after = standing.slice(standing.indexOf(decision) + 1);
  const answer = after.find((event) => Object.hasOwn(ASSESSMENT_ANSWERS, event.type));
  return {
    receivedDate: received?.occurredOn ?? null,
    requestOutcome,
    assessmentOutcome: answer ? { code: ASSESSMENT_ANSWERS[answer.type]!, date: answer.occurredOn } : AWAITING,
  };
}

/** What each code means, as the child's record says it. */
export const SEN2_OUTCOME_NAMES: Readonly<Record<Sen2OutcomeCode, string>> = {
  Y: 'Yes',
  N: 'No',
  W: 'Withdrawn',
  A: 'Awaiting a decision',
  H: 'Historical',
};

/** An outcome as a record says it, its date as an ISO date: "Y (yes), 2026-10-05". */
export function sen2OutcomeText(outcome: Sen2Outcome | null): string {
  if (!outcome) return 'Not applicable: there was no assessment';
  return `${outcome.code} (${SEN2_OUTCOME_NAMES[outcome.code].toLowerCase()})${outcome.date ? `, ${outcome.date}` : ''}`;
}

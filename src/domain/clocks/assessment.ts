// The EHC needs assessment: every limit runs from a dated step in whole calendar weeks or days.
import { addDays, addWeeks, type IsoDate } from '../calendar/dates.ts';
import { LAW, makeDeadline, staysPutNote, weeksText, type Deadline } from './deadline.ts';

export const ASSESSMENT_WEEKS = {
  decisionToAssess: 6,
  advice: 6,
  noPlanDecision: 16,
  finalPlan: 20,
} as const;

/** Regs 13(1)(a) and 22(2): "at least 15 days, beginning with the day on which [it] was served". */
export const REPRESENTATION_DAYS = 15;

const EXCEPTIONS_DO_NOT_MOVE =
  'An exception recorded under the same regulation excuses lateness but does not move this date.';

export function decisionToAssessDeadline(requestReceived: IsoDate): Deadline {
  const due = addWeeks(requestReceived, ASSESSMENT_WEEKS.decisionToAssess);
  return makeDeadline(
    'decision-to-assess',
    'Decide whether to carry out an EHC needs assessment and tell the family',
    due,
    [
      `${LAW.regs} reg. 5(1): ${weeksText(ASSESSMENT_WEEKS.decisionToAssess)} from the request received on ${requestReceived}.`,
      `Exceptions: reg. 5(4). ${EXCEPTIONS_DO_NOT_MOVE}`,
      staysPutNote(due),
    ],
  );
}

/** One per advice request; a case with several requests has several of these. */
export function adviceDeadline(adviceRequested: IsoDate): Deadline {
  const due = addWeeks(adviceRequested, ASSESSMENT_WEEKS.advice);
  return makeDeadline('advice', 'Advice and information for the assessment to be given', due, [
    `${LAW.regs} reg. 8(1): ${weeksText(ASSESSMENT_WEEKS.advice)} from ${adviceRequested}, taken as the day the body received the authority's request.`,
    'The duty binds health, social care and the other bodies asked under section 31 of the Act; ' +
      `for schools and the authority's own educational psychologist the same 6 weeks is guidance in the ${LAW.code}.`,
    'Reg. 8(2) excuses a body where, for example, the family missed an appointment.',
    staysPutNote(due),
  ]);
}

export function noPlanDecisionDeadline(requestReceived: IsoDate): Deadline {
  const due = addWeeks(requestReceived, ASSESSMENT_WEEKS.noPlanDecision);
  return makeDeadline(
    'no-plan-decision',
    'Decide, after the assessment, not to issue an EHC plan and tell the family',
    due,
    [
      `${LAW.regs} reg. 10(1): ${weeksText(ASSESSMENT_WEEKS.noPlanDecision)} from the request received on ${requestReceived}.`,
      `Exceptions: reg. 10(4). ${EXCEPTIONS_DO_NOT_MOVE}`,
      staysPutNote(due),
    ],
  );
}

/**
 * After a decision to issue a plan, the draft has no time limit of its own in law: it must leave
 * the family's 15 days on the draft (reg. 13(1)(a)) and the schools' consultations (Code para.
 * 9.83) before the final plan in week 20 (reg. 13(2)). Week 16 is the usual local target for it,
 * shown as the council's target, never as law.
 */
export function draftPlanTarget(requestReceived: IsoDate): Deadline {
  const due = addWeeks(requestReceived, ASSESSMENT_WEEKS.noPlanDecision);
  const finalDue = addWeeks(requestReceived, ASSESSMENT_WEEKS.finalPlan);
  return makeDeadline('draft-target', 'Send the draft EHC plan (the council’s target)', due, [
    `The council’s target, not a statutory limit: week ${ASSESSMENT_WEEKS.noPlanDecision} from the request received on ${requestReceived}.`,
    `No regulation sets a day for the draft; it must leave the family’s 15 days to comment (${LAW.regs} reg. 13(1)(a)) and the consultation with the school or college (${LAW.code} para. 9.83) before the final plan is due on ${finalDue} (reg. 13(2)).`,
  ]);
}

export function draftCommentsDeadline(draftServed: IsoDate): Deadline {
  const due = addDays(draftServed, REPRESENTATION_DAYS - 1);
  return makeDeadline(
    'draft-comments',
    'Family to comment on the draft plan and ask for a school or college to be named',
    due,
    [
      `${LAW.regs} reg. 13(1)(a) and ${LAW.code} para. 9.77: at least 15 days beginning with the day the draft plan was served, ${draftServed}.`,
      `A period beginning with a day counts that day as day 1, so day 15 is ${due}.`,
      'The final plan should not be issued before this period ends.',
    ],
  );
}

/** Code para. 9.83: "within 15 days", which does not count the day of X (the general rule). */
export const CONSULTATION_RESPONSE_DAYS = 15;

export function consultationResponseDeadline(consultationSent: IsoDate): Deadline {
  const due = addDays(consultationSent, CONSULTATION_RESPONSE_DAYS);
  return makeDeadline(
    'consultation-response',
    'School or college asked to be named to respond to the consultation',
    due,
    [
      `${LAW.code} para. 9.83 (guidance, not law): the school or college should respond within ${CONSULTATION_RESPONSE_DAYS} days of the consultation sent on ${consultationSent}.`,
      `"Within ${CONSULTATION_RESPONSE_DAYS} days of" a day does not count that day (the general rule of English law), so the period ends ${CONSULTATION_RESPONSE_DAYS} days after it, on ${due}.`,
      staysPutNote(due),
    ],
  );
}

export function finalPlanDeadline(requestReceived: IsoDate): Deadline {
  const due = addWeeks(requestReceived, ASSESSMENT_WEEKS.finalPlan);
  return makeDeadline('final-plan', 'Issue the final EHC plan', due, [
    `${LAW.regs} reg. 13(2): ${weeksText(ASSESSMENT_WEEKS.finalPlan)} from the request received on ${requestReceived}.`,
    `Exceptions: reg. 13(3). ${EXCEPTIONS_DO_NOT_MOVE} The DfE measure counts plans issued within 20 weeks excluding exceptions.`,
    staysPutNote(due),
  ]);
}

export interface AssessmentDates {
  readonly requestReceived: IsoDate;
  readonly adviceRequested?: IsoDate | undefined;
  readonly draftServed?: IsoDate | undefined;
  readonly consultationSent?: IsoDate | undefined;
}

/** The assessment's deadlines: the three from the request, then those whose step has a date. */
export function assessmentDeadlines(dates: AssessmentDates): Deadline[] {
  const deadlines = [
    decisionToAssessDeadline(dates.requestReceived),
    noPlanDecisionDeadline(dates.requestReceived),
    finalPlanDeadline(dates.requestReceived),
  ];
  if (dates.adviceRequested !== undefined) deadlines.push(adviceDeadline(dates.adviceRequested));
  if (dates.draftServed !== undefined) deadlines.push(draftCommentsDeadline(dates.draftServed));
  if (dates.consultationSent !== undefined) {
    deadlines.push(consultationResponseDeadline(dates.consultationSent));
  }
  return deadlines;
}

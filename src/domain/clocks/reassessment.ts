import { addDays, addWeeks, type IsoDate } from '../calendar/dates.ts';
import { LAW, makeDeadline, staysPutNote, weeksText, type Deadline } from './deadline.ts';

export const REASSESSMENT_FINAL_PLAN_WEEKS = 14;
export const REASSESSMENT_DECISION_DAYS = 15;

/**
 * Regs 25(1): the family is told whether the authority will re-assess "within 15 days of receiving
 * a request". "Within N days of" a day does not count that day (the general rule of English law),
 * so the period ends 15 days after it.
 *
 * @param requested the day the authority received the request to re-assess.
 */
export function reassessmentDecisionDeadline(requested: IsoDate): Deadline {
  const due = addDays(requested, REASSESSMENT_DECISION_DAYS);
  return makeDeadline('reassessment-decision', 'Decide whether to re-assess and tell the family', due, [
    `${LAW.regs} reg. 25(1): within ${REASSESSMENT_DECISION_DAYS} days of receiving the request on ${requested}.`,
    `"Within ${REASSESSMENT_DECISION_DAYS} days of" a day does not count that day (the general rule of English law), so the period ends on ${due}.`,
    'A refusal carries the right of appeal (reg. 25(2)); the authority may refuse a request made less than 6 months after the last assessment (reg. 24(2)).',
    staysPutNote(due),
  ]);
}

/**
 * @param decision the day the family was notified of the decision to re-assess (Regs 25(1)), or
 *   the authority's own decision to re-assess under CFA s.44(3).
 */
export function reassessmentFinalPlanDeadline(decision: IsoDate): Deadline {
  const due = addWeeks(decision, REASSESSMENT_FINAL_PLAN_WEEKS);
  return makeDeadline('final-plan', 'Issue the final EHC plan after the re-assessment', due, [
    `${LAW.regs} reg. 27: ${weeksText(REASSESSMENT_FINAL_PLAN_WEEKS)} from the decision to re-assess on ${decision} (the notification under reg. 25(1), or the authority's own decision under section 44(3) of the Act).`,
    'Exceptions: reg. 27(3). An exception excuses lateness but does not move this date.',
    staysPutNote(due),
  ]);
}

export function reassessmentDeadlines(dates: { readonly decision: IsoDate }): Deadline[] {
  return [reassessmentFinalPlanDeadline(dates.decision)];
}

import { addWeeks, type IsoDate } from '../calendar/dates.ts';
import { LAW, makeDeadline, staysPutNote, weeksText, type Deadline } from './deadline.ts';

export const REASSESSMENT_FINAL_PLAN_WEEKS = 14;

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

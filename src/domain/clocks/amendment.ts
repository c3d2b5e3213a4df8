import { addDays, addWeeks, type IsoDate } from '../calendar/dates.ts';
import { REPRESENTATION_DAYS } from './assessment.ts';
import { LAW, makeDeadline, staysPutNote, weeksText, type Deadline } from './deadline.ts';

export const AMENDED_PLAN_WEEKS = 8;

export function amendmentCommentsDeadline(noticeSent: IsoDate): Deadline {
  const due = addDays(noticeSent, REPRESENTATION_DAYS - 1);
  return makeDeadline(
    'amendment-comments',
    'Family to comment on the proposed amendments',
    due,
    [
      `${LAW.regs} reg. 22(2): at least 15 days beginning with the day the amendment notice was served, taken as the day it was sent, ${noticeSent}.`,
      `A period beginning with a day counts that day as day 1, so day 15 is ${due}.`,
    ],
  );
}

export function amendedPlanDeadline(noticeSent: IsoDate): Deadline {
  const due = addWeeks(noticeSent, AMENDED_PLAN_WEEKS);
  return makeDeadline('amended-plan', 'Issue the final amended EHC plan', due, [
    `${LAW.regs} reg. 22(3): within ${weeksText(AMENDED_PLAN_WEEKS)} of the amendment notice sent on ${noticeSent}.`,
    staysPutNote(due),
  ]);
}

export function amendmentDeadlines(dates: { readonly noticeSent: IsoDate }): Deadline[] {
  return [amendmentCommentsDeadline(dates.noticeSent), amendedPlanDeadline(dates.noticeSent)];
}

/** The weeks after a review meeting within which the decision to amend, with the proposed amendments, must go. */
export const AMENDMENT_NOTICE_WEEKS_AFTER_REVIEW = 4;

/**
 * A decision to amend after a review is notified within 4 weeks of the meeting (reg. 20(10)), and
 * the proposed amendments go with it, not later (R (L, M, P) v Devon CC [2022] EWHC 493 (Admin)).
 *
 * @param meeting the day the review meeting was held.
 */
export function amendmentNoticeAfterReviewDeadline(meeting: IsoDate): Deadline {
  const due = addWeeks(meeting, AMENDMENT_NOTICE_WEEKS_AFTER_REVIEW);
  return makeDeadline('amendment-notice', 'Send the proposed amendments after the review', due, [
    `${LAW.regs} reg. 20(10): the decision within ${weeksText(AMENDMENT_NOTICE_WEEKS_AFTER_REVIEW)} after the review meeting on ${meeting}.`,
    'A decision to amend must set out the proposed amendments within the same 4 weeks (R (L, M, P) v Devon County Council [2022]).',
    staysPutNote(due),
  ]);
}

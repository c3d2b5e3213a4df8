import { addDays, addMonths, addWeeks, type IsoDate } from '../calendar/dates.ts';
import { REVIEW_WEEKS } from './annual-review.ts';

/** The interval a council may set for under-5s, in months: the Code of Practice suggests 3 to 6. */
export const UNDER_FIVE_INTERVAL = { default: 6, min: 3, max: 6 } as const;

/** How far ahead an officer's list of reviews looks. */
export const REVIEWS_DUE_WEEKS = 8;

export interface ReviewDueInput {
  /** The date the plan was made, or of the last review (CFA s.44(1)). */
  readonly lastReview: IsoDate;
  readonly dateOfBirth: IsoDate;
  /** The council's interval for under-5s, in months (3 to 6). */
  readonly underFiveMonths: number;
}

export interface ReviewDue {
  /** The last day of the 12 months starting with the last review (CFA s.44(1)). */
  readonly statutoryDue: IsoDate;
  /** The day the council means to review by: the statutory day, or the earlier under-5s day. */
  readonly due: IsoDate;
  readonly underFive: boolean;
  readonly basis: string;
}

export function isUnderFiveInterval(months: number): boolean {
  return Number.isInteger(months) && months >= UNDER_FIVE_INTERVAL.min && months <= UNDER_FIVE_INTERVAL.max;
}

/**
 * When a plan's review falls due. The Act's period is 12 months starting with the last review
 * (its last day the day before the anniversary); for a child under 5 the Code of Practice (9.178)
 * asks the council to consider reviewing every 3 to 6 months, so a council sets a shorter interval
 * that applies while the child is still under 5 on the day the shorter review would fall due.
 */
export function reviewDue(input: ReviewDueInput): ReviewDue {
  if (!isUnderFiveInterval(input.underFiveMonths)) throw new RangeError(`An under-5s review interval is ${UNDER_FIVE_INTERVAL.min} to ${UNDER_FIVE_INTERVAL.max} months, not ${input.underFiveMonths}`);
  const statutoryDue = addDays(addMonths(input.lastReview, 12), -1);
  const shorter = addDays(addMonths(input.lastReview, input.underFiveMonths), -1);
  const fifthBirthday = addMonths(input.dateOfBirth, 60);
  const underFive = shorter < fifthBirthday;
  if (!underFive) return { statutoryDue, due: statutoryDue, underFive, basis: 'CFA 2014 s.44(1): within 12 months starting with the plan’s date or the last review' };
  return {
    statutoryDue,
    due: shorter,
    underFive,
    basis: `SEND Code of Practice 9.178: the council reviews plans for children under 5 every ${input.underFiveMonths} months (CFA 2014 s.44(1) sets 12 at most)`,
  };
}

/** Whether a review due on `due` shows on an officer's list on `today`: overdue, or due within the next 8 weeks. */
export function isReviewDueSoon(due: IsoDate, today: IsoDate): boolean {
  return due <= addWeeks(today, REVIEWS_DUE_WEEKS);
}

/**
 * Whether invitations and advice can still go out at least 2 weeks before a meeting on `meeting`
 * (SEND Regs 2014 reg. 20(3) and (4)): the last day to send is 2 weeks before it.
 */
export function reviewNoticeStanding(meeting: IsoDate, today: IsoDate): { lastDay: IsoDate; possible: boolean } {
  const lastDay = addWeeks(meeting, -REVIEW_WEEKS.noticeBefore);
  return { lastDay, possible: today <= lastDay };
}

/** The decisions a review can end in (SEND Regs 2014 reg. 20(10)). */
export const REVIEW_DECISIONS = ['maintain', 'amend', 'cease'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const REVIEW_DECISION_TITLES: Record<ReviewDecision, string> = {
  maintain: 'Keep the plan as it is',
  amend: 'Amend the plan',
  cease: 'Cease to maintain the plan',
};

/** The last day for the decision: 4 weeks after the meeting (SEND Regs 2014 reg. 20(10)). */
export function reviewDecisionDue(meeting: IsoDate): IsoDate {
  return addWeeks(meeting, REVIEW_WEEKS.decisionAfter);
}

/** The last day for the review report: 2 weeks after the meeting (SEND Regs 2014 reg. 20(7)). */
export function reviewReportDue(meeting: IsoDate): IsoDate {
  return addWeeks(meeting, REVIEW_WEEKS.reportAfter);
}

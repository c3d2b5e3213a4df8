import {
  addDays,
  addMonths,
  addWeeks,
  dateParts,
  monthsLandOnShorterMonth,
  type IsoDate,
} from '../calendar/dates.ts';
import { LAW, makeDeadline, staysPutNote, weeksText, type Deadline } from './deadline.ts';

export const REVIEW_WEEKS = { noticeBefore: 2, reportAfter: 2, decisionAfter: 4 } as const;

/**
 * CFA s.44(1): review "in the period of 12 months starting with" the date the plan was made, then
 * the date of each previous review. A period starting with a day includes it, so the last day is
 * the day before the anniversary.
 */
export function reviewDueDeadline(lastReview: IsoDate): Deadline {
  const anniversary = addMonths(lastReview, 12);
  const due = addDays(anniversary, -1);
  // Only a plan dated 29 February has no anniversary of its own.
  const noAnniversary = monthsLandOnShorterMonth(lastReview, 12);
  return makeDeadline('review-due', 'Review the EHC plan', due, [
    `${LAW.act} s.44(1): review the plan in the period of 12 months starting with ${lastReview}, the date the plan was made or last reviewed (an amended plan's date does not restart the period).`,
    noAnniversary
      ? `There is no 29 February in ${dateParts(anniversary).year}; the corresponding-date rule takes ${anniversary} as the anniversary, so the last day of the period is ${due}. Read as running to the end of February it would be ${anniversary}; the earlier day is shown.`
      : `A period starting with a day includes that day, so its last day is ${due}, the day before the anniversary.`,
    `For the decision (due ${weeksText(REVIEW_WEEKS.decisionAfter)} after the meeting, ${LAW.regs} reg. 20) to be made in time as well, hold the meeting by ${addWeeks(due, -REVIEW_WEEKS.decisionAfter)}.`,
    staysPutNote(due),
  ]);
}

const AT_LEAST_BEFORE_READING = (meeting: IsoDate, due: IsoDate): string =>
  `"At least 2 weeks before" the meeting on ${meeting} makes ${due} the last day. ` +
  `On the stricter "clear days" reading (two whole weeks between the day it goes and the day of the meeting) it is ${addDays(due, -1)}; sending by then satisfies both.`;

export function reviewMeetingDeadlines(meeting: IsoDate): Deadline[] {
  const before = addWeeks(meeting, -REVIEW_WEEKS.noticeBefore);
  const report = addWeeks(meeting, REVIEW_WEEKS.reportAfter);
  const decision = addWeeks(meeting, REVIEW_WEEKS.decisionAfter);
  return [
    makeDeadline('invitations', 'Send invitations to the review meeting', before, [
      `${LAW.regs} reg. 20: the people the regulation names must be invited to the review meeting at least ${weeksText(REVIEW_WEEKS.noticeBefore)} before it.`,
      AT_LEAST_BEFORE_READING(meeting, before),
      staysPutNote(before),
    ]),
    makeDeadline(
      'advice-circulated',
      'Send the advice and information gathered for the review to everyone invited',
      before,
      [
        `${LAW.regs} reg. 20: advice and information about the child or young person must be circulated at least ${weeksText(REVIEW_WEEKS.noticeBefore)} before the review meeting.`,
        AT_LEAST_BEFORE_READING(meeting, before),
        staysPutNote(before),
      ],
    ),
    makeDeadline('review-report', 'Prepare and send the review report', report, [
      `${LAW.regs} reg. 20: within ${weeksText(REVIEW_WEEKS.reportAfter)} after the review meeting on ${meeting}.`,
      'The report is written and sent by whoever arranged the meeting: the head teacher or principal where the authority required the school or college to hold it, otherwise the authority (reg. 21 for a child not at school).',
      staysPutNote(report),
    ]),
    makeDeadline(
      'review-decision',
      'Decide whether to keep, amend or cease the plan and tell the family',
      decision,
      [
        `${LAW.regs} reg. 20: within ${weeksText(REVIEW_WEEKS.decisionAfter)} after the review meeting on ${meeting}.`,
        'A decision to amend must set out the proposed amendments within the same 4 weeks (R (L, M, P) v Devon County Council [2022]).',
        staysPutNote(decision),
      ],
    ),
  ];
}

export interface AnnualReviewDates {
  /** The date the plan was made, or the date of the previous review. */
  readonly lastReview: IsoDate;
  readonly meeting?: IsoDate | undefined;
}

export function annualReviewDeadlines(dates: AnnualReviewDates): Deadline[] {
  const deadlines = [reviewDueDeadline(dates.lastReview)];
  if (dates.meeting !== undefined) deadlines.push(...reviewMeetingDeadlines(dates.meeting));
  return deadlines;
}

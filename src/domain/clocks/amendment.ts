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

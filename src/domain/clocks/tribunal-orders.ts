// SEND Regulations 2014 reg. 44: the periods within which an authority must comply with a
// tribunal order (a mediation agreement is treated the same way, reg. 42). They are counted from
// the day the order was made; HMCTS guidance counts from the day it was sent, which is never
// earlier, so counting from the order date gives the earlier (safe) day.
import { addWeeks, type IsoDate } from '../calendar/dates.ts';
import { LAW, makeDeadline, staysPutNote, weeksText, type Deadline } from './deadline.ts';

export const TRIBUNAL_ORDERS = [
  'assess',
  'make-plan',
  'amend-plan',
  'name-placement',
  'cease',
  'continue',
] as const;
export type TribunalOrder = (typeof TRIBUNAL_ORDERS)[number];

const COUNTED_FROM = (orderDate: IsoDate): string =>
  `Counted from the day the order was made, ${orderDate}; HMCTS guidance counts from the day it was sent, which is never earlier, so record both and work to this date.`;

function weeksAfterOrder(
  id: string,
  title: string,
  orderDate: IsoDate,
  weeks: number,
  order: string,
  action: string,
): Deadline {
  const due = addWeeks(orderDate, weeks);
  return makeDeadline(id, title, due, [
    `${LAW.regs} reg. 44 (${order}): within ${weeksText(weeks)} of the order, ${action}.`,
    COUNTED_FROM(orderDate),
    staysPutNote(due),
  ]);
}

export function tribunalOrderDeadlines(orderDate: IsoDate, order: TribunalOrder): Deadline[] {
  switch (order) {
    case 'assess':
      return [
        weeksAfterOrder(
          'notify-assessment',
          'Tell the family the authority will carry out the assessment',
          orderDate,
          2,
          'an order to carry out an EHC needs assessment',
          'tell the family that the assessment will be carried out',
        ),
        weeksAfterOrder(
          'no-plan-decision',
          'Decide, after the assessment, not to issue an EHC plan and tell the family',
          orderDate,
          10,
          'an order to carry out an EHC needs assessment',
          'decide, after assessing, not to issue a plan, and tell the family',
        ),
        weeksAfterOrder(
          'final-plan',
          'Issue the final EHC plan',
          orderDate,
          14,
          'an order to carry out an EHC needs assessment',
          'issue the final plan',
        ),
      ];
    case 'make-plan':
      return [
        weeksAfterOrder(
          'draft-plan',
          'Send the draft EHC plan',
          orderDate,
          5,
          'an order to make and maintain a plan',
          'send the draft plan',
        ),
        weeksAfterOrder(
          'final-plan',
          'Issue the final EHC plan',
          orderDate,
          11,
          'an order to make and maintain a plan',
          'issue the final plan',
        ),
      ];
    case 'amend-plan':
      return [
        weeksAfterOrder(
          'amended-plan',
          'Issue the amended EHC plan',
          orderDate,
          5,
          'an order to amend the needs or provision in the plan, sections B and F, with or without I',
          'issue the amended plan',
        ),
      ];
    case 'name-placement':
      return [
        weeksAfterOrder(
          'amended-plan',
          'Issue the plan amended to name the school or college',
          orderDate,
          2,
          'an order about the school or college, or the type, named in section I only',
          'issue the amended plan',
        ),
      ];
    case 'cease':
      return [
        makeDeadline('cease', 'Cease to maintain the EHC plan', orderDate, [
          `${LAW.regs} reg. 44: where the tribunal dismisses an appeal against a decision to cease to maintain the plan, the plan ceases immediately, on the day of the order, ${orderDate}.`,
        ]),
      ];
    case 'continue':
      return [
        makeDeadline('continue', 'Continue to maintain the EHC plan', orderDate, [
          `${LAW.regs} reg. 44: where the tribunal allows an appeal against a decision to cease to maintain the plan, the authority must continue to maintain it immediately, from the day of the order, ${orderDate}.`,
        ]),
      ];
  }
}

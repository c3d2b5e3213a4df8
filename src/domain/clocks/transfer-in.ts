// SEND Regulations 2014 reg. 15: a child or young person with a plan moves to another authority.
import {
  addDays,
  addMonths,
  addWeeks,
  laterOf,
  monthsLandOnShorterMonth,
  type IsoDate,
} from '../calendar/dates.ts';
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import { addWorkingDaysBeginningWith, unloadedYearsNote } from '../calendar/working-days.ts';
import { LAW, makeDeadline, staysPutNote, weeksText, type Deadline } from './deadline.ts';

export const TRANSFER_NOTICE_WORKING_DAYS = 15;
export const TRANSFER_TELL_FAMILY_WEEKS = 6;

export interface TransferInDates {
  /** The day the child or young person moved into the new authority's area. */
  readonly moveDate: IsoDate;
  /** The day the old authority learnt of the move, when known. */
  readonly learntOfMove?: IsoDate | undefined;
  /** The date the plan was made or last reviewed. */
  readonly lastReview: IsoDate;
}

export function transferInDeadlines(
  dates: TransferInDates,
  calendar: BankHolidayCalendar,
): Deadline[] {
  const { moveDate, learntOfMove, lastReview } = dates;

  // The old authority transfers the plan on the day of the move, unless it learnt of the move
  // less than 15 working days before it, when it has 15 working days from learning of it.
  const late =
    learntOfMove === undefined
      ? undefined
      : addWorkingDaysBeginningWith(learntOfMove, TRANSFER_NOTICE_WORKING_DAYS, calendar);
  const transferPlan =
    late !== undefined && learntOfMove !== undefined && late.date > moveDate
      ? makeDeadline('transfer-plan', 'Old authority to transfer the EHC plan', late.date, [
          `${LAW.regs} reg. 15: the old authority learnt of the move on ${learntOfMove}, less than ${TRANSFER_NOTICE_WORKING_DAYS} working days before it, so it must transfer the plan within ${TRANSFER_NOTICE_WORKING_DAYS} working days beginning with that day (that day counts as the first when it is a working day).`,
          unloadedYearsNote(late.unloadedYears),
        ])
      : makeDeadline('transfer-plan', 'Old authority to transfer the EHC plan', moveDate, [
          `${LAW.regs} reg. 15: the old authority transfers the plan on the day of the move, ${moveDate}${learntOfMove === undefined ? '' : `, having learnt of it on ${learntOfMove}, at least ${TRANSFER_NOTICE_WORKING_DAYS} working days before`}.`,
          learntOfMove === undefined
            ? `Had it learnt of the move less than ${TRANSFER_NOTICE_WORKING_DAYS} working days before, it would have ${TRANSFER_NOTICE_WORKING_DAYS} working days from learning of it.`
            : undefined,
        ]);

  const tellFamily = addWeeks(moveDate, TRANSFER_TELL_FAMILY_WEEKS);
  // Each period begins with its day, so it ends the day before the corresponding date.
  const fromReview = addMonths(lastReview, 12);
  const fromTransfer = addMonths(moveDate, 3);
  const reviewBy = addDays(laterOf(fromReview, fromTransfer), -1);
  const reviewGoverns = fromReview >= fromTransfer;
  const noCorrespondingDay = reviewGoverns
    ? monthsLandOnShorterMonth(lastReview, 12)
    : monthsLandOnShorterMonth(moveDate, 3);
  return [
    transferPlan,
    makeDeadline(
      'transfer-notify',
      'New authority to tell the family how it will meet the plan',
      tellFamily,
      [
        `${LAW.regs} reg. 15: within ${weeksText(TRANSFER_TELL_FAMILY_WEEKS)} of the transfer on ${moveDate}, the new authority tells the family whether it will assess again and how it will secure the provision meanwhile.`,
        staysPutNote(tellFamily),
      ],
    ),
    makeDeadline('transfer-review', 'New authority to review the EHC plan', reviewBy, [
      `${LAW.regs} reg. 15: review the plan before the later of two periods ends: the 12 months beginning with its last review on ${lastReview}, and the 3 months beginning with the transfer on ${moveDate}.`,
      `A period beginning with a day includes that day, so the 12 months end on ${addDays(fromReview, -1)} and the 3 months on ${addDays(fromTransfer, -1)}; the later, ${reviewBy}, is the last day.`,
      noCorrespondingDay
        ? `That period ends in a month with no corresponding day; the corresponding-date rule takes its last day, ${laterOf(fromReview, fromTransfer)}, so the period ends the day before. Read as running to the end of that month it would be ${laterOf(fromReview, fromTransfer)}; the earlier day is shown.`
        : undefined,
      staysPutNote(reviewBy),
    ]),
  ];
}

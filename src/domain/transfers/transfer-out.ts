// SEND Regulations 2014 reg. 15: a child or young person with a plan moves to another council, and
// the council that maintains the plan (the old authority) sends it on.
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import type { IsoDate } from '../calendar/dates.ts';
import { addWorkingDaysBeginningWith, unloadedYearsNote } from '../calendar/working-days.ts';
import { LAW, makeDeadline, type Deadline } from '../clocks/deadline.ts';

export const TRANSFER_OUT_WORKING_DAYS = 15;

/**
 * The day by which the plan must be sent to the new council: the day of the move, or, where the
 * council learnt of the move less than 15 working days before it (or only after it), within 15
 * working days beginning with the day it learnt of it (reg. 15).
 */
export function transferOutDeadline(dates: { moveDate: IsoDate; learntOn: IsoDate }, calendar: BankHolidayCalendar): Deadline {
  const { moveDate, learntOn } = dates;
  const late = addWorkingDaysBeginningWith(learntOn, TRANSFER_OUT_WORKING_DAYS, calendar);
  if (late.date > moveDate) {
    return makeDeadline('transfer-plan', 'Send the EHC plan to the new council', late.date, [
      learntOn > moveDate
        ? `${LAW.regs} reg. 15: the council learnt of the move on ${learntOn}, after it happened on ${moveDate}, so it must send the plan within ${TRANSFER_OUT_WORKING_DAYS} working days beginning with the day it learnt of it.`
        : `${LAW.regs} reg. 15: the council learnt of the move on ${learntOn}, less than ${TRANSFER_OUT_WORKING_DAYS} working days before it on ${moveDate}, so it must send the plan within ${TRANSFER_OUT_WORKING_DAYS} working days beginning with the day it learnt of it.`,
      'That day counts as the first when it is a working day.',
      unloadedYearsNote(late.unloadedYears),
    ]);
  }
  return makeDeadline('transfer-plan', 'Send the EHC plan to the new council', moveDate, [
    `${LAW.regs} reg. 15: the council learnt of the move on ${learntOn}, at least ${TRANSFER_OUT_WORKING_DAYS} working days before it, so the plan goes to the new council on the day of the move, ${moveDate}.`,
  ]);
}

import {
  addDays,
  addMonths,
  dateFromParts,
  monthsLandOnShorterMonth,
  yearOf,
  type IsoDate,
} from '../calendar/dates.ts';
import { LAW, makeDeadline, staysPutNote, type Deadline } from './deadline.ts';

export const PHASE_TRANSFER_TYPES = ['school', 'post16', 'post16-to-post16'] as const;
/**
 * school: early years to school, infant to junior, primary to secondary, middle to secondary;
 * post16: secondary school to a post-16 institution; post16-to-post16: between post-16
 * institutions at any other time.
 */
export type PhaseTransferType = (typeof PHASE_TRANSFER_TYPES)[number];

export const POST16_TRANSFER_MONTHS_BEFORE = 5;

const TITLE = 'Review and amend the plan, naming the new school or college';

function fixedDay(year: number, month: number, day: number): IsoDate {
  // 14 February and 30 March exist in every year from 1 to 9999.
  const date = dateFromParts(year, month, day);
  if (date === undefined) throw new RangeError(`No such day: ${year}-${month}-${day}`);
  return date;
}

export function phaseTransferDeadline(transferDate: IsoDate, transferType: PhaseTransferType): Deadline {
  const year = yearOf(transferDate);
  switch (transferType) {
    case 'school': {
      const due = fixedDay(year, 2, 14);
      return makeDeadline('phase-transfer-plan', TITLE, due, [
        `${LAW.regs} reg. 18(1)(b): the plan must be reviewed and amended before 15 February of the calendar year of the transfer (${year}, for the transfer on ${transferDate}).`,
        `"Before 15 February" makes ${due} the last day, although councils often speak of "the 15 February deadline".`,
        staysPutNote(due),
      ]);
    }
    case 'post16': {
      const due = fixedDay(year, 3, 30);
      return makeDeadline('phase-transfer-plan', TITLE, due, [
        `${LAW.regs} reg. 18(1)(a): for a move from secondary school to a post-16 institution, the plan must be reviewed and amended before 31 March of the calendar year of the transfer (${year}, for the transfer on ${transferDate}).`,
        `"Before 31 March" makes ${due} the last day.`,
        staysPutNote(due),
      ]);
    }
    case 'post16-to-post16': {
      const due = addMonths(transferDate, -POST16_TRANSFER_MONTHS_BEFORE);
      return makeDeadline('phase-transfer-plan', TITLE, due, [
        `${LAW.regs} reg. 18(2): for a move between post-16 institutions, the plan must be reviewed and amended at least ${POST16_TRANSFER_MONTHS_BEFORE} months before the transfer on ${transferDate}, so ${due} at the latest.`,
        monthsLandOnShorterMonth(transferDate, -POST16_TRANSFER_MONTHS_BEFORE)
          ? `That month has no corresponding day, so the corresponding-date rule takes its last day, the earlier reading.`
          : undefined,
        `On the stricter "clear days" reading (${POST16_TRANSFER_MONTHS_BEFORE} whole months between the day it is done and the day of the transfer) it is ${addDays(due, -1)}; finishing by then satisfies both.`,
        staysPutNote(due),
      ]);
    }
  }
}

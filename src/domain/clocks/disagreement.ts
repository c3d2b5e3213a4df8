// Mediation and the appeal to the First-tier Tribunal (SEND). Only the Tribunal Rules move a
// deadline off a non-working day; the mediation periods stay where they fall, except that the
// certificate period is itself counted in working days.
import {
  addDays,
  addMonths,
  dateFromParts,
  dateParts,
  monthsLandOnShorterMonth,
  type IsoDate,
} from '../calendar/dates.ts';
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import {
  addWorkingDays,
  firstWorkingDayAfter,
  nextWorkingDayOnOrAfter,
  nonWorkingDayReason,
  unloadedYearsNote,
} from '../calendar/working-days.ts';
import { LAW, makeDeadline, staysPutNote, type Deadline } from './deadline.ts';

export const MEDIATION_DAYS = 30;
export const MEDIATION_CERTIFICATE_WORKING_DAYS = 3;
export const APPEAL_MONTHS_FROM_DECISION = 2;
export const APPEAL_MONTHS_FROM_CERTIFICATE = 1;

/**
 * Regs 36-38: "within 30 days" of the authority receiving notice. "Within N days of X" does not
 * count the day of X (the general rule of English law), so the period ends on X + 30.
 *
 * @param requested the day the authority received notice that the parent or young person wants
 *   mediation.
 */
export function mediationMeetingDeadline(requested: IsoDate): Deadline {
  const due = addDays(requested, MEDIATION_DAYS);
  return makeDeadline('mediation-meeting', 'Arrange for the mediation to take place', due, [
    `${LAW.regs} regs 36-38: the authority must arrange mediation within ${MEDIATION_DAYS} days of receiving notice, on ${requested}, that mediation is wanted.`,
    `"Within ${MEDIATION_DAYS} days of" a day does not count that day (the general rule of English law), so the period ends ${MEDIATION_DAYS} days after it, on ${due}.`,
    'If mediation cannot be arranged in time the authority must tell the mediation adviser, who then issues a certificate.',
    staysPutNote(due),
  ]);
}

/** CFA 2014 s.55 and SEND Regs 2014 reg. 33: the months the family has to contact a mediation adviser. */
export const MEDIATION_ADVICE_MONTHS = 2;

/**
 * CFA 2014 s.55 and SEND Regs 2014 reg. 33: before appealing a decision (except about the school or
 * placement alone), the parent or young person must contact a mediation adviser within 2 months of
 * the notice of the decision. A period under the Act and the Regulations stays where it falls.
 *
 * @param decisionNotice the day the notice of the authority's decision was sent.
 */
export function mediationAdviceDeadline(decisionNotice: IsoDate): Deadline {
  const due = addMonths(decisionNotice, MEDIATION_ADVICE_MONTHS);
  return makeDeadline('mediation-advice', 'Last day to contact a mediation adviser before appealing', due, [
    `${LAW.act} s.55 and ${LAW.regs} reg. 33: within ${MEDIATION_ADVICE_MONTHS} months of the decision notice sent on ${decisionNotice}, which is ${due}` +
      `${monthsLandOnShorterMonth(decisionNotice, MEDIATION_ADVICE_MONTHS) ? ' (that month has no corresponding day, so its last day is taken)' : ''}.`,
    'Not needed for an appeal about the school or placement named in a plan alone.',
    staysPutNote(due),
  ]);
}

/**
 * Regs 34-39: "within 3 working days" of the duty arising. The day of X does not count (the
 * general rule), so this is the third working day after X; when X is not a working day, the first
 * working day after it is day one all the same.
 *
 * @param from the day the duty to issue arose: the day the mediation adviser was told mediation
 *   is not wanted, the day mediation ended, or the day the adviser learnt it could not be
 *   arranged in time.
 */
export function mediationCertificateDeadline(
  from: IsoDate,
  calendar: BankHolidayCalendar,
): Deadline {
  const n = MEDIATION_CERTIFICATE_WORKING_DAYS;
  const result = addWorkingDays(from, n, calendar);
  const reason = nonWorkingDayReason(from, calendar);
  return makeDeadline(
    'mediation-certificate',
    'Mediation adviser or mediator to issue the mediation certificate',
    result.date,
    [
      `${LAW.regs} regs 34-39: within ${n} working days of ${from}, the day the duty arose (the adviser told that mediation is not wanted, mediation concluded, or mediation not arranged in time).`,
      `"Within ${n} working days of" a day does not count that day (the general rule of English law), so the certificate is due on the third working day after ${from}${reason === undefined ? '' : ` (itself not a working day: ${reason})`}, ${result.date}.`,
      'Working days exclude weekends, Christmas Day, Good Friday and bank holidays in England.',
      unloadedYearsNote(result.unloadedYears),
    ],
  );
}

function inChristmasWindow(date: IsoDate): boolean {
  const { month, day } = dateParts(date);
  return (month === 12 && day >= 25) || (month === 1 && day === 1);
}

function inAugust(date: IsoDate): boolean {
  return dateParts(date).month === 8;
}

function fixedDay(year: number, month: number, day: number): IsoDate {
  const date = dateFromParts(year, month, day);
  if (date === undefined) throw new RangeError(`No such day: ${year}-${month}-${day}`);
  return date;
}

/**
 * HESC r.12(3)(a): an appeal period ending 25 December to 1 January, or in August, runs on to
 * the first working day after 1 January or 31 August. Returns undefined outside those windows.
 */
function holidayWindowMove(
  end: IsoDate,
  calendar: BankHolidayCalendar,
): { date: IsoDate; unloadedYears: readonly number[]; window: string } | undefined {
  const { year, month } = dateParts(end);
  if (inChristmasWindow(end)) {
    const newYearsDay = fixedDay(month === 12 ? year + 1 : year, 1, 1);
    return {
      ...firstWorkingDayAfter(newYearsDay, calendar),
      window: `between 25 December and 1 January, so the appeal is in time on the first working day after 1 January`,
    };
  }
  if (inAugust(end)) {
    return {
      ...firstWorkingDayAfter(fixedDay(year, 8, 31), calendar),
      window: 'in August, so the appeal is in time on the first working day after 31 August',
    };
  }
  return undefined;
}

export interface AppealDates {
  /** The day the written notice of the authority's decision was sent. */
  readonly decisionNotice: IsoDate;
  /** The day the mediation certificate was issued, when there was one. */
  readonly certificateIssued?: IsoDate | undefined;
}

/**
 * HESC r.20(1)(c): the later of 2 months after the decision notice was sent and 1 month after the
 * mediation certificate was issued; then r.12 moves it off the Christmas and August windows and
 * off any other non-working day.
 */
export function appealDeadline(dates: AppealDates, calendar: BankHolidayCalendar): Deadline {
  const fromDecision = addMonths(dates.decisionNotice, APPEAL_MONTHS_FROM_DECISION);
  const fromCertificate =
    dates.certificateIssued === undefined
      ? undefined
      : addMonths(dates.certificateIssued, APPEAL_MONTHS_FROM_CERTIFICATE);
  const certificateIsLater = fromCertificate !== undefined && fromCertificate > fromDecision;
  const end = fromCertificate !== undefined && certificateIsLater ? fromCertificate : fromDecision;

  const sentences: Array<string | undefined> = [];
  const monthNote = (start: IsoDate, months: number): string | undefined =>
    monthsLandOnShorterMonth(start, months)
      ? ` (that month has no corresponding day, so its last day is taken)`
      : undefined;

  if (fromCertificate === undefined || dates.certificateIssued === undefined) {
    sentences.push(
      `${LAW.hesc} r.20(1)(c): 2 months after the decision notice was sent on ${dates.decisionNotice}, which is ${fromDecision}${monthNote(dates.decisionNotice, 2) ?? ''}.`,
      'A mediation certificate issued later can extend this to 1 month after the certificate.',
    );
  } else {
    sentences.push(
      `${LAW.hesc} r.20(1)(c): the later of 2 months after the decision notice was sent on ${dates.decisionNotice} (${fromDecision}${monthNote(dates.decisionNotice, 2) ?? ''}) and 1 month after the mediation certificate issued on ${dates.certificateIssued} (${fromCertificate}${monthNote(dates.certificateIssued, 1) ?? ''}).`,
      `The ${certificateIsLater ? 'certificate' : 'decision notice'} gives the later day, ${end}.`,
    );
  }

  const windowMove = holidayWindowMove(end, calendar);
  let due: IsoDate;
  let unloadedYears: readonly number[];
  if (windowMove !== undefined) {
    due = windowMove.date;
    unloadedYears = windowMove.unloadedYears;
    sentences.push(`The period ends on ${end}, ${windowMove.window}: ${due} (r.12(3)(a)).`);
  } else {
    const next = nextWorkingDayOnOrAfter(end, calendar);
    due = next.date;
    unloadedYears = next.unloadedYears;
    if (due !== end) {
      sentences.push(
        `The period ends on ${end}, not a working day (${nonWorkingDayReason(end, calendar) ?? ''}), so the appeal is in time on the next working day, ${due} (r.12(2)).`,
      );
      // The Christmas and August rule is tested on the day the period ends, not the day r.12(2)
      // moves it to; the other reading would give a later day, so it is only mentioned.
      const otherReading = holidayWindowMove(due, calendar);
      if (otherReading !== undefined) {
        sentences.push(
          `The 25 December to 1 January and August rule applies to the day the period ends, not to ${due}; applying it to ${due} would give ${otherReading.date}. The earlier day is shown.`,
        );
      }
    }
  }
  sentences.push('The appeal must reach the Tribunal by 5pm on that day (r.12(1)).');
  sentences.push(unloadedYearsNote(unloadedYears));
  return makeDeadline(
    'appeal-deadline',
    'Last day to appeal to the First-tier Tribunal (SEND)',
    due,
    sentences,
  );
}

// Complaints, FOI and subject access requests are tracked beside the statutory SEND clocks.
// Complaint stages are council policy, configurable per authority; FOI and SAR are statute.
import { addMonths, monthsLandOnShorterMonth, type IsoDate } from '../calendar/dates.ts';
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import {
  addWorkingDays,
  mergeUnloadedYears,
  nextWorkingDayOnOrAfter,
  nonWorkingDayReason,
  unloadedYearsNote,
} from '../calendar/working-days.ts';
import { makeDeadline, type Deadline } from './deadline.ts';

export const FOI_WORKING_DAYS = 20;

/** A common default policy: stage 1 in 10 working days, stage 2 in 20. */
export const DEFAULT_COMPLAINT_POLICY = { stage1WorkingDays: 10, stage2WorkingDays: 20 } as const;

/**
 * A response due a number of working days after receipt under the authority's own policy
 * (complaint stages, MP and councillor enquiries).
 */
export function policyResponseDeadline(
  input: { id: string; title: string; policy: string; received: IsoDate; workingDays: number },
  calendar: BankHolidayCalendar,
): Deadline {
  const result = addWorkingDays(input.received, input.workingDays, calendar);
  return makeDeadline(input.id, input.title, result.date, [
    `${input.policy} (council policy, not statute): ${input.workingDays} working days after the day received, ${input.received}.`,
    unloadedYearsNote(result.unloadedYears),
  ]);
}

export function complaintResponseDeadline(
  input: { stage: 1 | 2; received: IsoDate; workingDays?: number },
  calendar: BankHolidayCalendar,
): Deadline {
  const workingDays =
    input.workingDays ??
    (input.stage === 1
      ? DEFAULT_COMPLAINT_POLICY.stage1WorkingDays
      : DEFAULT_COMPLAINT_POLICY.stage2WorkingDays);
  return policyResponseDeadline(
    {
      id: `complaint-stage-${input.stage}`,
      title: `Respond to the stage ${input.stage} complaint`,
      policy: `Complaints policy, stage ${input.stage}`,
      received: input.received,
      workingDays,
    },
    calendar,
  );
}

export function foiResponseDeadline(received: IsoDate, calendar: BankHolidayCalendar): Deadline {
  const result = addWorkingDays(received, FOI_WORKING_DAYS, calendar);
  return makeDeadline('foi-response', 'Respond to the freedom of information request', result.date, [
    `Freedom of Information Act 2000 s.10(1): promptly and no later than the twentieth working day following the day of receipt, ${received} (working days as defined in s.10(6)).`,
    unloadedYearsNote(result.unloadedYears),
  ]);
}

export function subjectAccessDeadline(received: IsoDate, calendar: BankHolidayCalendar): Deadline {
  const monthLater = addMonths(received, 1);
  const result = nextWorkingDayOnOrAfter(monthLater, calendar);
  return makeDeadline('sar-response', 'Respond to the subject access request', result.date, [
    `UK GDPR Art. 12(3): within one month of receipt on ${received}; the ICO counts to the corresponding day of the next month, ${monthLater}${monthsLandOnShorterMonth(received, 1) ? ' (the last day of that month, as it has no corresponding day)' : ''}.`,
    result.date !== monthLater
      ? `That day is not a working day (${nonWorkingDayReason(monthLater, calendar) ?? ''}); the ICO allows until the next working day, ${result.date}.`
      : undefined,
    unloadedYearsNote(mergeUnloadedYears(result.unloadedYears)),
  ]);
}

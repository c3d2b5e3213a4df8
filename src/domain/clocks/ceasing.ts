// Ceasing to maintain an EHC plan (CFA 2014 s.45; SEND Regs 2014 regs 29-31): the plan is kept
// until the time for an appeal against the decision has passed or any appeal concludes
// (s.45(4)), and ceases the day after.
import { addDays, type IsoDate } from '../calendar/dates.ts';
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import { appealDeadline, type AppealDates } from './disagreement.ts';
import { LAW, makeDeadline, type Deadline } from './deadline.ts';

/** The SEN2 return's CeaseReason codes (DfE, NamedPlan/CeaseReason). */
export const CEASE_REASONS = {
  '1': 'Reached maximum age (the end of the academic year in which the young person turned 25)',
  '2': 'Needs met without an EHC plan',
  '3': 'Moved on to higher education',
  '4': 'Moved on to paid employment, excluding apprenticeships',
  '5': 'Moved to another local authority in England',
  '6': 'Young person no longer wishes to engage in education or training',
  '7': 'Moved outside England',
  '8': 'Deceased',
  '9': 'Other',
} as const;
export type CeaseReason = keyof typeof CEASE_REASONS;

export function isCeaseReason(value: unknown): value is CeaseReason {
  return typeof value === 'string' && Object.hasOwn(CEASE_REASONS, value);
}

/**
 * The day the plan ceases when no appeal is brought: the day after the last day to appeal
 * (HESC r.20(1)(c) as moved by r.12), which a later mediation certificate extends (s.45(4)).
 */
export function planCeasesDeadline(dates: AppealDates, calendar: BankHolidayCalendar): Deadline {
  const appeal = appealDeadline(dates, calendar);
  const due = addDays(appeal.due, 1);
  return makeDeadline('plan-ceases', 'The plan ceases, unless an appeal is brought', due, [
    `${LAW.act} s.45(4): the plan is maintained until the time for an appeal has passed, or any appeal has concluded.`,
    `The last day to appeal is ${appeal.due}: ${appeal.basis}`,
    `So, with no appeal brought, the plan ceases on the next day, ${due}.`,
  ]);
}

/** With an appeal brought: the plan ceases the day after the appeal concludes with the decision upheld (s.45(4)(b)). */
export function planCeasesAfterAppeal(concluded: IsoDate): IsoDate {
  return addDays(concluded, 1);
}

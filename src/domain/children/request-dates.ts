import { addMonths, type IsoDate } from '../calendar/dates.ts';
import { dayAttainingAge } from './young-person.ts';

/**
 * What is wrong with the date a request for an EHC needs assessment was received, for the child's
 * date of birth and today; an empty list when nothing is.
 *
 * - `future`: a request cannot be received on a day still to come.
 * - `before-birth`: nor before the child was born.
 * - `aged-25-or-over`: a request is for a child or a young person (CFA 2014 s.36(1)), and a young
 *   person is under 25 (s.83(2)); a plan is kept no longer than the end of the academic year in
 *   which they turn 25 (s.46), so a request from someone already 25 cannot lead to one.
 * - `over-a-year-ago`: received more than a year before today (before the day 12 months back). Not
 *   refused by law, but a record made that late is an exception: it needs a reason, kept with it.
 */
export type RequestDateProblem = 'future' | 'before-birth' | 'aged-25-or-over' | 'over-a-year-ago';

export function requestDateProblems(dates: { receivedOn: IsoDate; dateOfBirth: IsoDate; today: IsoDate }): RequestDateProblem[] {
  const { receivedOn, dateOfBirth, today } = dates;
  const problems: RequestDateProblem[] = [];
  if (receivedOn > today) problems.push('future');
  if (receivedOn < dateOfBirth) problems.push('before-birth');
  else if (receivedOn >= dayAttainingAge(dateOfBirth, 25)) problems.push('aged-25-or-over');
  if (isRecordedLate(receivedOn, today)) problems.push('over-a-year-ago');
  return problems;
}

/** Received more than a year before today: recording it now needs a reason. */
export function isRecordedLate(receivedOn: IsoDate, today: IsoDate): boolean {
  return receivedOn < addMonths(today, -12);
}

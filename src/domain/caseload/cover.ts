// Cover while an officer is away: a colleague covers their cases from one date to another, both
// days included (dates in England). The cases stay the officer's; the rules here say which
// periods may be recorded and which one runs on a day.
import type { IsoDate } from '../calendar/index.ts';

export interface CoverDates {
  startsOn: IsoDate;
  endsOn: IsoDate;
}

export type CoverProblem = 'ends-before-it-starts' | 'covers-themselves';

/** Why a period cannot be recorded, if it cannot: one that ends before it starts, or an officer covering themselves. */
export function coverProblems(period: CoverDates & { officerId: string; coverOfficerId: string }): CoverProblem[] {
  const problems: CoverProblem[] = [];
  if (period.endsOn < period.startsOn) problems.push('ends-before-it-starts');
  if (period.officerId === period.coverOfficerId) problems.push('covers-themselves');
  return problems;
}

/** Whether two periods share a day (both ends included): one officer's periods never may. */
export function coverOverlaps(a: CoverDates, b: CoverDates): boolean {
  return a.startsOn <= b.endsOn && b.startsOn <= a.endsOn;
}

/** Whether the period runs on the day: from its first day to its last, both included. */
export function coverRunsOn(period: CoverDates, day: IsoDate): boolean {
  return period.startsOn <= day && day <= period.endsOn;
}

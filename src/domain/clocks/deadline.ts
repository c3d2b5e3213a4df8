import { weekdayName, isWeekend, type IsoDate } from '../calendar/dates.ts';

/**
 * One statutory deadline. `basis` is plain text a family or a tribunal can check: the provision,
 * the period and the day it was counted from, and any reading chosen where the wording leaves the
 * day in doubt (the earlier day is always taken, and the basis says why).
 */
export interface Deadline {
  readonly id: string;
  readonly title: string;
  readonly due: IsoDate;
  readonly basis: string;
}

/** Short citations, written the way officers and tribunals write them. */
export const LAW = {
  regs: 'SEND Regulations 2014',
  act: 'Children and Families Act 2014',
  code: 'SEND Code of Practice 0-25 (2015)',
  hesc: 'Tribunal Procedure (First-tier Tribunal) (HESC) Rules 2008',
} as const;

export function makeDeadline(
  id: string,
  title: string,
  due: IsoDate,
  sentences: ReadonlyArray<string | undefined | false>,
): Deadline {
  const basis = sentences
    .filter((sentence): sentence is string => typeof sentence === 'string' && sentence !== '')
    .join(' ');
  return { id, title, due, basis };
}

/** "6 weeks (42 days)": the unit the law uses, then the count that was applied. */
export function weeksText(weeks: number): string {
  return `${weeks} ${weeks === 1 ? 'week' : 'weeks'} (${weeks * 7} days)`;
}

/**
 * SEND Regulations and Act deadlines stay on the day they fall, unlike Tribunal Rules deadlines
 * (HESC r.12); say so when the day is a weekend, since a family will otherwise expect it to move.
 */
export function staysPutNote(due: IsoDate): string | undefined {
  if (!isWeekend(due)) return undefined;
  return (
    `${due} is a ${weekdayName(due)}: deadlines under the Act and the SEND Regulations do not move ` +
    'off weekends or bank holidays.'
  );
}

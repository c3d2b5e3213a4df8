import type { IsoDate } from '../calendar/index.ts';
import { ageOn } from '../clocks/advice.ts';

/** From 16 the decisions are the young person's own, and their parents' part follows their choice. */
export const YOUNG_PERSON_AGE = 16;

/**
 * Whether the child acts for themself in the family portal on the day: aged 16 or over, from the
 * birthday itself (Family Law Reform Act 1969 s.9). The Act's young person is over compulsory school
 * age (CFA 2014 s.83(2), children/young-person.ts), which comes later; the portal hands the choice
 * over on the 16th birthday, the earlier day, so a parent never sees a case the young person has
 * not agreed to share.
 */
export function actsForThemself(dateOfBirth: IsoDate, on: IsoDate): boolean {
  return ageOn(dateOfBirth, on) >= YOUNG_PERSON_AGE;
}

import { addDays, dateParts, dayOfWeek, daysInMonth, type IsoDate } from '../calendar/dates.ts';

/**
 * The day compulsory school age ends: the last Friday in June of the school year in which the child
 * turns 16 (Education Act 1996 s.8 and the School Leaving Date Order 1997). The school year runs
 * 1 September to 31 August.
 */
export function endOfCompulsorySchoolAge(dateOfBirth: IsoDate): IsoDate {
  const { year, month } = dateParts(dateOfBirth);
  // Turning 16 from 1 September onwards falls in the school year ending the next summer.
  const turns16 = year + 16;
  const leavingYear = month >= 9 ? turns16 + 1 : turns16;
  let day = `${leavingYear}-06-30` as IsoDate;
  while (dayOfWeek(day) !== 5) day = addDays(day, -1);
  return day;
}

/**
 * A young person (CFA 2014 s.83(2)): over compulsory school age and under 25. From then the rights
 * under Part 3 are theirs, not their parents' (s.67), unless they lack capacity.
 */
export function isYoungPerson(dateOfBirth: IsoDate, today: IsoDate): boolean {
  return today > endOfCompulsorySchoolAge(dateOfBirth);
}

/**
 * The day a person attains an age: the anniversary of their birth (Family Law Reform Act 1969
 * s.9). Someone born on 29 February attains it on 1 March in a year without one: until then the
 * anniversary has not come (the reading that keeps a young person's rights a day longer).
 */
export function dayAttainingAge(dateOfBirth: IsoDate, years: number): IsoDate {
  const { year, month, day } = dateParts(dateOfBirth);
  const target = year + years;
  const anniversary = `${target}-${String(month).padStart(2, '0')}-${String(Math.min(day, daysInMonth(target, month))).padStart(2, '0')}` as IsoDate;
  return day > daysInMonth(target, month) ? addDays(anniversary, 1) : anniversary;
}

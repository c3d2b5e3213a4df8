import { addDays, dateFromParts, type IsoDate } from './dates.ts';

/**
 * Easter Sunday in the Gregorian calendar (the anonymous "Meeus/Jones/Butcher" algorithm).
 * Good Friday is a non-working day by common law, not by the bank-holiday list, so it is
 * computed here for every year, including years whose bank holidays are not loaded.
 */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  const date = dateFromParts(year, month, day);
  // The algorithm always yields a day in March or April; reaching this means a non-integer year.
  if (date === undefined) throw new RangeError(`No Easter for year ${year}`);
  return date;
}

export function goodFriday(year: number): IsoDate {
  return addDays(easterSunday(year), -2);
}

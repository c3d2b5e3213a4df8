import { addDays, parseIsoDate, type IsoDate } from '../domain/calendar/index.ts';
import { ValidationError } from './errors.ts';

/**
 * A day entered as having happened: today when left empty, unless `required`; refused in the
 * future, and more than 10 years back (a mistyped year), with the field named.
 */
export function pastDate(value: string | undefined, field: string, what: string, today: IsoDate, required = false): IsoDate {
  if (value === undefined || value === '') {
    if (required) throw new ValidationError([{ field, message: `Enter the date of ${what}` }]);
    return today;
  }
  const parsed = parseIsoDate(value);
  if (!parsed) throw new ValidationError([{ field, message: `Enter the date of ${what} as a real date` }]);
  if (parsed > today) throw new ValidationError([{ field, message: `The date of ${what} must be today or in the past` }]);
  if (parsed < addDays(today, -3660)) throw new ValidationError([{ field, message: `The date of ${what} is more than 10 years ago: check it` }]);
  return parsed;
}

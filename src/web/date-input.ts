// The one reader of GOV.UK date inputs: a date is three boxes, NAME-day, NAME-month and NAME-year.

export type DatePart = 'day' | 'month' | 'year';
export const DATE_PARTS: readonly DatePart[] = ['day', 'month', 'year'];

/** One value from a form body or query string: a repeated field is read as its first value. */
export function singleValue(fields: Readonly<Record<string, unknown>>, name: string): string {
  const raw = Object.hasOwn(fields, name) ? fields[name] : undefined;
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' ? value.trim() : '';
}

/** What was typed in a date input's three boxes, trimmed. */
export function enteredDate(fields: Readonly<Record<string, unknown>>, name: string): Record<DatePart, string> {
  return { day: singleValue(fields, `${name}-day`), month: singleValue(fields, `${name}-month`), year: singleValue(fields, `${name}-year`) };
}

/**
 * The boxes as YYYY-MM-DD, '' when all are empty, without judging them: a service that checks the
 * date itself (and says what is wrong in its own words) takes this.
 */
export function isoFromEntered(entered: Record<DatePart, string>): string {
  const { day, month, year } = entered;
  if (!day && !month && !year) return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** A date input's value as YYYY-MM-DD ('' when empty), left for the service to judge. */
export function dateFromParts(fields: Readonly<Record<string, unknown>>, name: string): string {
  return isoFromEntered(enteredDate(fields, name));
}

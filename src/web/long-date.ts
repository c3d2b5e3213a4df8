// Dates on pages read as GOV.UK writes them: "5 January 2026". Written by hand because
// Intl.DateTimeFormat#format costs about 10 µs a call, and a 50-row worklist shows 100 dates:
// that alone was a tenth of the page's render time. A unit test holds it to Intl's output.
import { daysInMonth } from '../domain/calendar/index.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// Pages show the same few hundred dates over and over: each is worked out once.
const cache = new Map<string, string>();

/** "2026-01-05" (or a timestamp starting with a date) → "5 January 2026"; anything else as text. */
export function longDate(value: unknown): string {
  if (typeof value !== 'string') return String(value ?? '');
  let long = cache.get(value);
  if (long === undefined) {
    if (cache.size >= 20_000) cache.clear();
    long = computeLongDate(value);
    cache.set(value, long);
  }
  return long;
}

function computeLongDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return value;
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** Every ISO date in a text (a deadline's legal basis, say) in its long form; the API keeps ISO. */
export function withLongDates(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (match) => longDate(match));
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * A moment as GOV.UK writes one, in London time: "5 January 2026 at 9:05am". For the few pages
 * that show when something happened (who signed in, the audit log), not the long lists.
 */
export function longMoment(value: Date | string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const moment = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(moment.getTime())) return String(value);
  const part = Object.fromEntries(londonParts.formatToParts(moment).map((entry) => [entry.type, entry.value]));
  const hour = Number(part.hour);
  const time = `${hour % 12 === 0 ? 12 : hour % 12}:${part.minute}${hour < 12 ? 'am' : 'pm'}`;
  return `${longDate(`${part.year}-${part.month}-${part.day}`)} at ${time}`;
}

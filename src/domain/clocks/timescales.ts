// The pure core of the public "Check EHC deadlines" calculator and GET /api/v1/timescales.
// Other systems rely on its ids and its answers, so it takes the query exactly as received
// (strings, arrays, anything) and either computes or names the one field it cannot use.
// It never throws: a bad query is the caller's 400, never a 500.
import { checkIsoDate, type IsoDate } from '../calendar/dates.ts';
import type { BankHolidayCalendar } from '../calendar/bank-holidays.ts';
import { annualReviewDeadlines } from './annual-review.ts';
import { amendmentDeadlines } from './amendment.ts';
import { assessmentDeadlines } from './assessment.ts';
import type { Deadline } from './deadline.ts';
import {
  appealDeadline,
  mediationCertificateDeadline,
  mediationMeetingDeadline,
} from './disagreement.ts';
import { PHASE_TRANSFER_TYPES, phaseTransferDeadline } from './phase-transfer.ts';
import { reassessmentDeadlines } from './reassessment.ts';
import { TRIBUNAL_ORDERS, tribunalOrderDeadlines } from './tribunal-orders.ts';

export const TIMESCALE_PROCESSES = [
  'assessment',
  'annual-review',
  'amendment',
  'phase-transfer',
  'reassessment',
  'mediation',
  'mediation-certificate',
  'appeal',
  'tribunal-order',
] as const;
export type TimescaleProcess = (typeof TIMESCALE_PROCESSES)[number];

/** Dates outside this range are refused: nobody needs them, and far years would overflow 'YYYY'. */
export const EARLIEST_INPUT_DATE = '1900-01-01';
export const LATEST_INPUT_DATE = '2999-12-31';

export type TimescalesResult =
  | {
      readonly ok: true;
      readonly value: { readonly process: TimescaleProcess; readonly deadlines: Deadline[] };
    }
  | { readonly ok: false; readonly field: string; readonly detail: string };

type Problem = { readonly ok: false; readonly field: string; readonly detail: string };
type Read<T> = { readonly ok: true; readonly value: T } | Problem;

const problem = (field: string, detail: string): Problem => ({ ok: false, field, detail });

/** Own properties only, so "constructor" or "__proto__" in a query can never reach a prototype. */
function param(query: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(query, name) ? query[name] : undefined;
}

const DATE_FORM = 'a date in the form YYYY-MM-DD, such as 2026-01-05';

function readDate(query: Readonly<Record<string, unknown>>, field: string, required: boolean): Read<IsoDate | undefined> {
  const raw = param(query, field);
  // An empty form field means "not given", as GOV.UK forms submit every input.
  if (raw === undefined || raw === '') {
    return required ? problem(field, `${field} is required: give ${DATE_FORM}`) : { ok: true, value: undefined };
  }
  if (Array.isArray(raw)) return problem(field, `${field} must be given once, as ${DATE_FORM}`);
  const checked = checkIsoDate(raw);
  if (!checked.ok) {
    return checked.problem === 'impossible'
      ? problem(field, `${field} is not a real date: there is no such day`)
      : problem(field, `${field} must be ${DATE_FORM}`);
  }
  if (checked.date < EARLIEST_INPUT_DATE || checked.date > LATEST_INPUT_DATE) {
    return problem(field, `${field} must be between ${EARLIEST_INPUT_DATE} and ${LATEST_INPUT_DATE}`);
  }
  return { ok: true, value: checked.date };
}

function readDates<R extends string, O extends string = never>(
  query: Readonly<Record<string, unknown>>,
  required: readonly R[],
  optional: readonly O[] = [],
): Read<Record<R, IsoDate> & Partial<Record<O, IsoDate>>> {
  const dates: Partial<Record<string, IsoDate>> = {};
  for (const field of required) {
    const read = readDate(query, field, true);
    if (!read.ok) return read;
    dates[field] = read.value;
  }
  for (const field of optional) {
    const read = readDate(query, field, false);
    if (!read.ok) return read;
    if (read.value !== undefined) dates[field] = read.value;
  }
  return { ok: true, value: dates as Record<R, IsoDate> & Partial<Record<O, IsoDate>> };
}

function readChoice<T extends string>(
  query: Readonly<Record<string, unknown>>,
  field: string,
  choices: readonly T[],
): Read<T> {
  const raw = param(query, field);
  const list = choices.join(', ');
  if (raw === undefined || raw === '') return problem(field, `${field} is required: one of ${list}`);
  if (typeof raw === 'string' && (choices as readonly string[]).includes(raw)) {
    return { ok: true, value: raw as T };
  }
  return problem(field, `${field} must be one of ${list}`);
}

type Handler = (
  query: Readonly<Record<string, unknown>>,
  calendar: BankHolidayCalendar,
) => Read<Deadline[]>;

function map<T>(read: Read<T>, compute: (value: T) => Deadline[]): Read<Deadline[]> {
  return read.ok ? { ok: true, value: compute(read.value) } : read;
}

const HANDLERS: Readonly<Record<TimescaleProcess, Handler>> = {
  assessment: (query) =>
    map(
      readDates(query, ['requestReceived'], ['adviceRequested', 'draftServed', 'consultationSent']),
      (dates) => assessmentDeadlines(dates),
    ),
  'annual-review': (query) =>
    map(readDates(query, ['lastReview'], ['meeting']), (dates) => annualReviewDeadlines(dates)),
  amendment: (query) =>
    map(readDates(query, ['noticeSent']), (dates) => amendmentDeadlines(dates)),
  'phase-transfer': (query) => {
    const dates = readDates(query, ['transferDate']);
    if (!dates.ok) return dates;
    return map(readChoice(query, 'transferType', PHASE_TRANSFER_TYPES), (transferType) => [
      phaseTransferDeadline(dates.value.transferDate, transferType),
    ]);
  },
  reassessment: (query) =>
    map(readDates(query, ['decision']), (dates) => reassessmentDeadlines(dates)),
  mediation: (query) =>
    map(readDates(query, ['requested']), (dates) => [mediationMeetingDeadline(dates.requested)]),
  'mediation-certificate': (query, calendar) =>
    map(readDates(query, ['from']), (dates) => [
      mediationCertificateDeadline(dates.from, calendar),
    ]),
  appeal: (query, calendar) =>
    map(readDates(query, ['decisionNotice'], ['certificateIssued']), (dates) => [
      appealDeadline(dates, calendar),
    ]),
  'tribunal-order': (query) => {
    const dates = readDates(query, ['orderDate']);
    if (!dates.ok) return dates;
    return map(readChoice(query, 'order', TRIBUNAL_ORDERS), (order) =>
      tribunalOrderDeadlines(dates.value.orderDate, order),
    );
  },
};

/**
 * Computes the deadlines for one process from a query such as
 * `{ process: 'assessment', requestReceived: '2026-01-05' }`. Parameters a process does not use
 * are ignored; an empty string counts as not given.
 */
export function computeTimescales(
  query: Readonly<Record<string, unknown>>,
  calendar: BankHolidayCalendar,
): TimescalesResult {
  const chosen = readChoice(query, 'process', TIMESCALE_PROCESSES);
  if (!chosen.ok) return chosen;
  const deadlines = HANDLERS[chosen.value](query, calendar);
  if (!deadlines.ok) return deadlines;
  return { ok: true, value: { process: chosen.value, deadlines: deadlines.value } };
}

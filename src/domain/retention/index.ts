// How long a council keeps each of the service's logs, and which months of them may go (ADR 0025).
// The logs are partitioned by calendar month in UTC; a month is dropped whole, never row by row.

export type PartitionedLog = 'audit_event' | 'access_log' | 'list_access_log';

export interface LogRetentionRule {
  log: PartitionedLog;
  /** The log's name on the settings page. */
  name: string;
  /** What it holds, in the page's words. */
  holds: string;
  /** The least a council may set, in whole years, and why. */
  minimumYears: number;
  minimumReason: string;
  /** Kept for this long until the council sets otherwise. */
  defaultYears: number;
}

/** The most a council may set: a check on typing, not a legal limit. */
export const MAXIMUM_RETENTION_YEARS = 50;

/**
 * The floors. The audit log is the evidence of who changed a child's record and when: a claim in
 * negligence or contract can be brought up to six years after it arose (Limitation Act 1980, ss. 2
 * and 5), so no council may keep it for less. The two access logs answer a family's question "who
 * has looked at my child's record" (a subject access request, UK GDPR Article 15) and the council's
 * own checks of unusual access; a complaint reaches the Local Government and Social Care Ombudsman
 * up to 12 months after the family knew of it (Local Government Act 1974, s. 26B) and its
 * investigation takes months more, so two years is the least that still answers it.
 */
export const LOG_RETENTION_RULES: readonly LogRetentionRule[] = [
  {
    log: 'audit_event',
    name: 'Audit log',
    holds: 'Every change made in the service: who made it and when',
    minimumYears: 6,
    minimumReason: 'a claim can be brought up to 6 years after the events it is about (Limitation Act 1980)',
    defaultYears: 7,
  },
  {
    log: 'access_log',
    name: 'Record views',
    holds: 'Every time a person opened a child’s record',
    minimumYears: 2,
    minimumReason: 'families ask who looked at their child’s record, and complaints reach the Ombudsman up to a year later',
    defaultYears: 3,
  },
  {
    log: 'list_access_log',
    name: 'Lists shown',
    holds: 'Every search result and list of children a person was shown',
    minimumYears: 2,
    minimumReason: 'families ask who looked at their child’s record, and complaints reach the Ombudsman up to a year later',
    defaultYears: 3,
  },
];

export const PARTITIONED_LOG_NAMES: readonly PartitionedLog[] = LOG_RETENTION_RULES.map((rule) => rule.log);

export function retentionRule(log: PartitionedLog): LogRetentionRule {
  return LOG_RETENTION_RULES.find((rule) => rule.log === log)!;
}

export type RetentionYears = { ok: true; years: number } | { ok: false; message: string };

/** A number of years as typed on the settings page, held to the log's floor. */
export function parseRetentionYears(rule: LogRetentionRule, typed: string): RetentionYears {
  const text = typed.trim();
  if (text === '') return { ok: false, message: `Enter how many years to keep the ${rule.name.toLowerCase()}` };
  if (!/^\d{1,3}$/.test(text)) return { ok: false, message: `Years to keep the ${rule.name.toLowerCase()} must be a whole number, like ${rule.defaultYears}` };
  const years = Number(text);
  if (years < rule.minimumYears) return { ok: false, message: `The ${rule.name.toLowerCase()} must be kept for at least ${rule.minimumYears} years: ${rule.minimumReason}` };
  if (years > MAXIMUM_RETENTION_YEARS) return { ok: false, message: `Years to keep the ${rule.name.toLowerCase()} must be ${MAXIMUM_RETENTION_YEARS} or fewer` };
  return { ok: true, years };
}

/** A calendar month, 'YYYY-MM'. */
export type Month = string;

const MONTH = /^(\d{4})-(\d{2})$/;

function parts(month: Month): [number, number] {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`Not a month: ${month}`);
  return [Number(match[1]), Number(match[2])];
}

export function monthOf(moment: Date): Month {
  return moment.toISOString().slice(0, 7);
}

export function addMonths(month: Month, count: number): Month {
  const [year, number] = parts(month);
  const index = year * 12 + (number - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The first moment of a month, as an ISO string in UTC. */
function startOf(month: Month): string {
  return `${month}-01T00:00:00.000Z`;
}

/** The moment the month's newest row has been kept for `years` (ISO, UTC): from then on the month may go. */
export function monthExpiresAt(month: Month, years: number): string {
  return startOf(addMonths(month, 1 + 12 * years));
}

/**
 * The period a log's months are kept for: a month holds every council's rows, so it goes only when
 * every council's period has passed, which is the longest any of them keeps the log.
 */
export function longestRetention(rule: LogRetentionRule, councils: number, setYears: readonly number[]): number {
  const everyCouncilSet = setYears.length >= councils;
  return Math.max(...setYears, ...(everyCouncilSet && setYears.length > 0 ? [] : [rule.defaultYears]));
}

/** The months to drop at `now`: those whose every row is older than the retention. */
export function monthsToDrop(months: readonly Month[], years: number, now: Date): Month[] {
  const at = now.toISOString();
  return months.filter((month) => monthExpiresAt(month, years) <= at).sort();
}

/** How many months ahead of the current one the job keeps ready, so no month starts without its partition. */
export const MONTHS_MADE_AHEAD = 3;

/** The current month and the ones made ahead. */
export function monthsToMake(now: Date): Month[] {
  const current = monthOf(now);
  return Array.from({ length: MONTHS_MADE_AHEAD + 1 }, (_, index) => addMonths(current, index));
}

/** When the job runs next (ISO, UTC): 02:00 on the 1st of next month. */
export function nextMaintenanceAt(now: Date): string {
  return `${addMonths(monthOf(now), 1)}-01T02:00:00.000Z`;
}

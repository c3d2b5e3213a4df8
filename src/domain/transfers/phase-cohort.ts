// Who moves from one phase of education to the next in a given September, worked out from the
// child's date of birth and the kind of placement named in their plan (SEND Regs 2014 reg. 18).
import { addDays, dateFromParts, dateParts, type IsoDate } from '../calendar/dates.ts';
import { phaseTransferDeadline, type PhaseTransferType } from '../clocks/phase-transfer.ts';
import type { Deadline } from '../clocks/deadline.ts';

/** The kinds of placement the moves are told apart by. */
export const PLACEMENT_KINDS = ['early-years', 'infant', 'first', 'primary', 'junior', 'middle', 'secondary', 'all-through', 'special', 'post16', 'other'] as const;
export type PlacementKind = (typeof PLACEMENT_KINDS)[number];

export const PHASE_MOVES = {
  'early-years-to-school': { title: 'Early years to school', entering: 0, from: ['early-years'], deadline: 'school' },
  'infant-to-junior': { title: 'Infant to junior', entering: 3, from: ['infant'], deadline: 'school' },
  // Three-tier areas: first schools to 9-13 middle schools at Year 5, middle to upper at Year 9.
  'primary-to-middle': { title: 'Primary to middle', entering: 5, from: ['first'], deadline: 'school' },
  'primary-to-secondary': { title: 'Primary to secondary', entering: 7, from: ['primary', 'junior'], deadline: 'school' },
  'middle-to-secondary': { title: 'Middle to secondary', entering: 9, from: ['middle'], deadline: 'school' },
  'secondary-to-post16': { title: 'Secondary to post-16', entering: 12, from: ['secondary', 'all-through', 'special'], deadline: 'post16' },
} as const satisfies Record<string, { title: string; entering: number; from: readonly PlacementKind[]; deadline: PhaseTransferType }>;
export type PhaseMove = keyof typeof PHASE_MOVES;
export const PHASE_MOVE_IDS = Object.keys(PHASE_MOVES) as PhaseMove[];

export function isPhaseMove(value: unknown): value is PhaseMove {
  return typeof value === 'string' && Object.hasOwn(PHASE_MOVES, value);
}

/**
 * The child's year group in the school year that starts in September of `schoolYearStarting`:
 * their age on 31 August just before it, less 4 (England: Reception is 0, Year 1 is 1, Year 12 is
 * 12). Negative before Reception.
 */
export function yearGroup(dateOfBirth: IsoDate, schoolYearStarting: number): number {
  const born = dateParts(dateOfBirth);
  // Born September to December: their birthday falls after 31 August, so a year younger on it.
  const age = schoolYearStarting - born.year - (born.month >= 9 ? 1 : 0);
  return age - 4;
}

/** The range of dates of birth of the children entering `yearGroupEntering` in September of `year`. */
export function birthDatesEntering(yearGroupEntering: number, year: number): { from: IsoDate; to: IsoDate } {
  // Age on 31 August `year` is yearGroup + 4: born 1 September (year - age - 1) to 31 August (year - age).
  const age = yearGroupEntering + 4;
  return { from: dateFromParts(year - age - 1, 9, 1)!, to: dateFromParts(year - age, 8, 31)! };
}

/**
 * The kind of a placement from its entry in the schools register (Get Information about Schools'
 * phase and type, and the name where the register's phase does not tell infant, junior and first
 * schools from primaries). No school named: not yet in school, so early years.
 */
export function placementKind(school: { phase: string; type: string; name: string } | null): PlacementKind {
  if (!school) return 'early-years';
  const phase = school.phase.toLowerCase();
  const name = school.name.toLowerCase();
  if (phase === 'nursery') return 'early-years';
  if (phase === '16 plus') return 'post16';
  if (phase === 'all-through') return 'all-through';
  if (phase.startsWith('middle')) return 'middle';
  if (phase === 'secondary') return 'secondary';
  if (phase === 'not applicable') return /special|pupil referral/i.test(school.type) ? 'special' : 'other';
  if (phase === 'primary') {
    const infant = /\binfants?\b/.test(name);
    const junior = /\bjuniors?\b/.test(name);
    if (infant && !junior) return 'infant';
    if (junior && !infant) return 'junior';
    if (/\bfirst\b/.test(name)) return 'first';
    return 'primary';
  }
  return 'other';
}

/** The move, if any, a child makes in September of `year`. */
export function phaseMoveFor(dateOfBirth: IsoDate, placement: PlacementKind, year: number): PhaseMove | undefined {
  const entering = yearGroup(dateOfBirth, year);
  return PHASE_MOVE_IDS.find((move) => {
    const declared = PHASE_MOVES[move];
    return declared.entering === entering && (declared.from as readonly PlacementKind[]).includes(placement);
  });
}

/** The day the transfer year starts (1 September) and the plan's deadline for the move (reg. 18). */
export function phaseMoveDeadline(move: PhaseMove, year: number): Deadline {
  return phaseTransferDeadline(dateFromParts(year, 9, 1)!, PHASE_MOVES[move].deadline);
}

/**
 * The transfer process starts with the school year before the move (the review in that year is
 * the one that names the next placement): a plan issued from 1 September of the year before counts.
 */
export function transferProcessStarts(year: number): IsoDate {
  return dateFromParts(year - 1, 9, 1)!;
}

export const TRANSFER_STANDINGS = ['finalised', 'finalised-late', 'late', 'at-risk', 'on-track'] as const;
export type TransferStanding = (typeof TRANSFER_STANDINGS)[number];

export function isTransferStanding(value: unknown): value is TransferStanding {
  return typeof value === 'string' && (TRANSFER_STANDINGS as readonly string[]).includes(value);
}

/** Within this many weeks of the deadline without a final amended plan: at risk. */
export const AT_RISK_WEEKS = 8;
/** No school consulted by 31 October before the deadline: at risk (the consultations take time). */
export const CONSULT_BY = { month: 10, day: 31 } as const;

/**
 * Where one child's transfer stands on `today` (reg. 18): finalised once an amended plan naming
 * the next placement is issued by the deadline (finalised late after it), late once the deadline
 * has passed without one, at risk within AT_RISK_WEEKS of the deadline or with no school consulted
 * by 31 October before it, and on track otherwise.
 */
export function transferStanding(input: { deadline: IsoDate; finalisedOn: IsoDate | null; schoolsConsulted: number; today: IsoDate }): TransferStanding {
  const { deadline, finalisedOn, schoolsConsulted, today } = input;
  if (finalisedOn) return finalisedOn <= deadline ? 'finalised' : 'finalised-late';
  if (today > deadline) return 'late';
  if (today >= addDays(deadline, -AT_RISK_WEEKS * 7)) return 'at-risk';
  const { year, month } = dateParts(deadline);
  const consultBy = dateFromParts(month <= CONSULT_BY.month ? year - 1 : year, CONSULT_BY.month, CONSULT_BY.day)!;
  if (schoolsConsulted === 0 && today > consultBy) return 'at-risk';
  return 'on-track';
}

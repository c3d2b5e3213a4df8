import type { Database } from '../../db/database.ts';
import { dateFromParts, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import {
  birthDatesEntering,
  isPhaseMove,
  isTransferStanding,
  PHASE_MOVE_IDS,
  PHASE_MOVES,
  phaseMoveDeadline,
  phaseMoveFor,
  placementKind,
  TRANSFER_STANDINGS,
  transferProcessStarts,
  transferStanding,
  type PhaseMove,
  type TransferStanding,
} from '../../domain/transfers/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { recordAccess, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { caseReached, maySeeRestricted } from '../children/index.ts';
import { consultationsOfCases, type CaseConsultationSummary } from '../consultations/index.ts';
import { casesWithPlansIssuedBetween, issuedPlacementsOfCases, type IssuedPlacement } from '../plans/index.ts';
import * as repository from './repository.ts';
import type { CohortCandidate } from './repository.ts';

/** Children on one page of a cohort. */
export const COHORT_PAGE_SIZE = 50;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Worst first: what needs an officer's attention leads the list. */
const STANDING_ORDER: Record<TransferStanding, number> = { late: 0, 'at-risk': 1, 'on-track': 2, 'finalised-late': 3, finalised: 4 };

export const STANDING_TITLES: Record<TransferStanding, string> = {
  late: 'Late',
  'at-risk': 'At risk',
  'on-track': 'On track',
  'finalised-late': 'Finalised late',
  finalised: 'Finalised',
};

export interface CohortQuery {
  year?: string | undefined;
  move?: string | undefined;
  standing?: string | undefined;
  page?: string | undefined;
}

interface Placement {
  urn: number;
  name: string;
}

/** One child's phase transfer. */
export interface CohortChild {
  childId: string;
  caseId: string;
  reference: string;
  childName: string;
  dateOfBirth: string;
  move: PhaseMove;
  moveTitle: string;
  /** The last day for the amended plan naming the next placement (SEND Regs 2014 reg. 18). */
  deadline: string;
  deadlineBasis: string;
  currentPlacement: Placement | null;
  /** The next placement named in a final or amended plan issued since the transfer process started. */
  nextPlacement: Placement | null;
  finalisedOn: string | null;
  schoolsConsulted: number;
  consultations: CaseConsultationSummary[];
  standing: TransferStanding;
  standingTitle: string;
  officerName: string | null;
  /** A review or amendment is under way, so the next schools may be consulted. */
  underReview: boolean;
}

/** A child's transfer in a September: its deadline and the day the amended plan naming the next placement was issued, if it has been. */
export interface FinalisedTransfer {
  caseId: string;
  /** The year of the September move. */
  year: number;
  move: PhaseMove;
  moveTitle: string;
  deadline: string;
  finalisedOn: string | null;
}

export interface CohortView {
  year: number;
  /** 1 September of the year: the day of the move. */
  transferDate: string;
  /** 1 September of the year before: plans issued from it count. */
  processStarts: string;
  today: string;
  /** Every child of the year's cohort, before the filters. */
  counts: Record<TransferStanding | 'total', number>;
  moves: { move: PhaseMove; title: string; deadline: string; count: number }[];
  filters: { move: PhaseMove | null; standing: TransferStanding | null };
  /** How many children the filters leave, and this page of them. */
  matching: number;
  children: CohortChild[];
  page: number;
  pages: number;
}

/** The September whose transfers are being worked on now: this year's until the autumn term starts, then next year's. */
export function currentTransferYear(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 9 ? year + 1 : year;
}

/**
 * Phase transfers (SEND Regs 2014 reg. 18): each September's cohort, found from the children's
 * dates of birth and the placements their plans name, with each child's deadline, the schools
 * consulted and whether the amended plan naming the next placement is finalised.
 */
export class PhaseTransfersService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  private today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  /** The year asked for, checked: a clear message for one that is not a year the service can count. */
  private yearOf(value: string | undefined): number {
    const today = this.today();
    if (value === undefined || value === '') return currentTransferYear(today);
    const year = /^\d{4}$/.test(value.trim()) ? Number(value.trim()) : NaN;
    const latest = Number(today.slice(0, 4)) + 5;
    if (!Number.isInteger(year) || year < 2015 || year > latest) {
      throw new ValidationError([{ field: 'year', message: `Enter the year of the transfer as four digits, from 2015 to ${latest}, like ${currentTransferYear(today)}` }]);
    }
    return year;
  }

  /**
   * Every child's phase transfer in the Septembers given, for the council's figures (the service
   * dashboard's "phase transfers finalised in time"): the same cohorts, deadlines and finalising
   * plans the cohort pages show, for every child, restricted records too (a figure names no one;
   * the dashboard's list of cases logs whom it shows). Managers and the improvement board.
   */
  async transfersOfYears(actor: Actor, years: readonly number[], finalisedBetween?: { from: string; to: string }): Promise<FinalisedTransfer[]> {
    requireRole(actor, ...MANAGER_ROLES, 'board_member');
    // A transfer is finalised on the day a plan was issued: for those finalised between two days,
    // only the cases with a plan issued between them are worked out.
    const only = finalisedBetween ? new Set(await casesWithPlansIssuedBetween(this.db, actor.authorityId, finalisedBetween.from, finalisedBetween.to)) : undefined;
    const cohorts = await Promise.all(years.map(async (year) => ({ year, children: await this.children(actor, year, undefined, true, only) })));
    return cohorts.flatMap(({ year, children }) =>
      children
        .filter((child) => !finalisedBetween || (child.finalisedOn !== null && child.finalisedOn >= finalisedBetween.from && child.finalisedOn <= finalisedBetween.to))
        .map((child) => ({ caseId: child.caseId, year, move: child.move, moveTitle: child.moveTitle, deadline: child.deadline, finalisedOn: child.finalisedOn })),
    );
  }

  /** The children moving phase in September of the year, each with where their transfer stands. */
  private async children(actor: Actor, year: number, caseId?: string, everyone = false, only?: ReadonlySet<string>): Promise<CohortChild[]> {
    const births = PHASE_MOVE_IDS.map((move) => birthDatesEntering(PHASE_MOVES[move].entering, year));
    const candidates = (await repository.cohortCandidates(this.db, actor.authorityId, births, caseId, only ? [...only] : undefined)).filter((row) => everyone || !row.sensitive || maySeeRestricted(actor, row.officerId));
    const caseIds = candidates.map((row) => row.caseId);
    const starts = transferProcessStarts(year);
    // The council's figures need no schools consulted (they count the plans finalised): not read for them.
    const [placements, consultations] = await Promise.all([issuedPlacementsOfCases(this.db, actor.authorityId, caseIds), everyone ? [] : consultationsOfCases(this.db, actor.authorityId, caseIds, starts)]);
    const byCase = groupBy(placements, (row) => row.caseId);
    const consultedOn = groupBy(consultations, (row) => row.caseId);
    const urns = [...new Set(placements.map((row) => row.urn).filter((urn): urn is number => urn !== null))];
    const schools = new Map((await repository.schoolsByUrn(this.db, urns)).map((row) => [row.urn, row]));
    const today = this.today();
    return candidates.flatMap((row) => {
      const child = this.transferOf(row, year, byCase.get(row.caseId) ?? [], schools, consultedOn.get(row.caseId) ?? [], today);
      return child ? [child] : [];
    });
  }

  private transferOf(
    row: CohortCandidate,
    year: number,
    versions: readonly IssuedPlacement[],
    schools: ReadonlyMap<number, { urn: number; name: string; phase: string; type: string }>,
    consultations: CaseConsultationSummary[],
    today: IsoDate,
  ): CohortChild | undefined {
    const starts = transferProcessStarts(year);
    // The placement before the process began: the last plan issued before it, or the school on the record.
    const before = versions.filter((version) => version.issuedOn < starts && version.urn !== null).at(-1);
    const namedSchool = before?.urn != null ? schools.get(before.urn) : undefined;
    const current =
      namedSchool ?? (row.schoolUrn !== null ? { urn: row.schoolUrn, name: row.schoolName!, phase: row.schoolPhase!, type: row.schoolType! } : null);
    const move = phaseMoveFor(row.dateOfBirth as IsoDate, placementKind(current), year);
    if (!move) return undefined;
    const next = versions.find((version) => version.issuedOn >= starts && version.urn !== null && version.urn !== current?.urn);
    const nextSchool = next?.urn != null ? schools.get(next.urn) : undefined;
    const deadline = phaseMoveDeadline(move, year);
    const finalisedOn = next ? next.issuedOn : null;
    const consulted = new Set(consultations.filter((entry) => entry.status !== 'withdrawn').map((entry) => entry.schoolUrn)).size;
    const standing = transferStanding({ deadline: deadline.due, finalisedOn: finalisedOn as IsoDate | null, schoolsConsulted: consulted, today });
    return {
      childId: row.childId,
      caseId: row.caseId,
      reference: row.reference,
      childName: fullName(row),
      dateOfBirth: row.dateOfBirth,
      move,
      moveTitle: PHASE_MOVES[move].title,
      deadline: deadline.due,
      deadlineBasis: deadline.basis,
      currentPlacement: current ? { urn: current.urn, name: current.name } : null,
      nextPlacement: next?.urn != null ? { urn: next.urn, name: nextSchool?.name ?? `URN ${next.urn}` } : null,
      finalisedOn,
      schoolsConsulted: consulted,
      consultations,
      standing,
      standingTitle: STANDING_TITLES[standing],
      officerName: row.officerName,
      underReview: row.stage === 'review',
    };
  }

  /**
   * The cohort of a September (the council's: every officer's children), with its counts by
   * standing and by move, filtered and a page at a time. A year with no children is an empty
   * cohort, not an error. The children on the page go to the list access log.
   */
  async cohort(actor: Actor, query: CohortQuery, view = 'phase-transfers'): Promise<CohortView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const year = this.yearOf(query.year);
    const move = isPhaseMove(query.move) ? query.move : null;
    const standing = isTransferStanding(query.standing) ? query.standing : null;
    const all = await this.children(actor, year);
    const counts = Object.fromEntries([['total', all.length], ...TRANSFER_STANDINGS.map((entry) => [entry, all.filter((child) => child.standing === entry).length])]) as CohortView['counts'];
    const moves = PHASE_MOVE_IDS.map((id) => ({ move: id, title: PHASE_MOVES[id].title, deadline: phaseMoveDeadline(id, year).due, count: all.filter((child) => child.move === id).length }));
    const matching = all
      .filter((child) => (move === null || child.move === move) && (standing === null || child.standing === standing))
      .sort((a, b) => STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing] || a.deadline.localeCompare(b.deadline) || a.childName.localeCompare(b.childName, 'en-GB') || a.caseId.localeCompare(b.caseId));
    const pages = Math.max(1, Math.ceil(matching.length / COHORT_PAGE_SIZE));
    const requested = /^\d{1,6}$/.test(query.page ?? '') ? Number(query.page) : 1;
    const page = Math.min(Math.max(1, requested), pages);
    const children = matching.slice((page - 1) * COHORT_PAGE_SIZE, page * COHORT_PAGE_SIZE);
    await recordListAccess(this.db, this.clock, actor, view, children.map((child) => child.childId), `year=${year}${move ? `&move=${move}` : ''}${standing ? `&standing=${standing}` : ''}&page=${page}`);
    return {
      year,
      transferDate: dateFromParts(year, 9, 1)!,
      processStarts: transferProcessStarts(year),
      today: this.today(),
      counts,
      moves,
      filters: { move, standing },
      matching: matching.length,
      children,
      page,
      pages,
    };
  }

  /** One child's transfer in the September given (a view of the child's record, logged). */
  async cohortChild(actor: Actor, yearText: string, caseId: string, view = 'phase-transfer'): Promise<{ year: number; child: CohortChild; today: string }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const year = this.yearOf(yearText);
    const found = await caseReached(this.db, this.clock, actor, caseId, view, async () => ((await repository.caseExists(this.db, actor.authorityId, caseId)) ? { caseId } : undefined));
    const [child] = await this.children(actor, year, found.caseId);
    if (!child) throw new NotFoundError(`This child does not move phase in September ${year}, or has no plan the council maintains`);
    await recordAccess(this.db, this.clock, actor, child.childId, view);
    return { year, child, today: this.today() };
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
}

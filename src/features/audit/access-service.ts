import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { checkBurstThreshold, findBursts, unusualViews, type BurstThreshold, type UnusualReason, type ViewerRole, type ViewFact } from '../../domain/access/index.ts';
import { addDays, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { requireRole, type Actor } from '../auth/index.ts';
import type { SearchService } from '../search/index.ts';
import * as accessRepository from './access-repository.ts';
import type { AccessViewRow, ViewFactRow } from './access-repository.ts';
import { recordAccess, recordListAccess } from './audit.ts';
import * as auditRepository from './repository.ts';
import { TRAIL_PAGE_SIZE, windowOf, type Named, type TrailFilters } from './service.ts';

const UUID = z.uuid();

/** The most views the report of unusual access reads for one period. */
export const UNUSUAL_ACCESS_MAX_VIEWS = 20_000;

/** How far back the report looks when no dates are given: the last week, today included. */
const DEFAULT_REPORT_DAYS = 7;

/** One view in the access log, as a page shows it. */
export interface AccessView {
  kind: 'record' | 'list';
  id: string;
  at: string;
  view: string;
  /** Who looked: a member of staff (through a token, if so), or someone else by the log's kind. */
  staff?: Named;
  throughToken: boolean;
  actorKind: string;
  child?: Named;
  query: string | null;
  childCount: number | null;
}

/** A child found by name, UPN or case reference. */
export interface FoundChild extends Named {
  dateOfBirth: string;
  reference: string | null;
}

export interface UnusualRow {
  reasons: UnusualReason[];
  /** The view, or for many records in a short time the first of them. */
  at: string;
  /** The last view of a stretch of many records. */
  until?: string;
  staff: Named;
  child?: Named;
  childCount?: number;
  view?: string;
}

const viewOf = (row: AccessViewRow): AccessView => ({
  kind: row.kind,
  id: row.id,
  at: row.at,
  view: row.view,
  ...(row.staffId && row.staffName ? { staff: { id: row.staffId, name: row.staffName } } : {}),
  throughToken: row.actorId.includes('/token:'),
  actorKind: row.actorKind,
  ...(row.childId && row.forename !== null && row.surname !== null ? { child: { id: row.childId, name: fullName({ forename: row.forename, surname: row.surname, preferredName: row.preferredName }) } } : {}),
  query: row.query,
  childCount: row.childCount,
});

const ROLES: readonly ViewerRole[] = ['case_officer', 'team_manager', 'service_lead', 'admin'];
const factOf = (row: ViewFactRow): ViewFact => ({
  id: row.id,
  at: Date.parse(row.at),
  viewerId: row.staffId,
  viewerRole: (ROLES as readonly string[]).includes(row.role) ? (row.role as ViewerRole) : 'other',
  childId: row.childId,
  view: row.view,
  restricted: row.restricted,
  caseHeld: row.caseHeld,
  viewerHoldsCase: row.viewerHoldsCase,
  viewerInHoldersTeam: row.viewerInHoldersTeam,
});

/**
 * The access log for administrators: who viewed a child (found by name, UPN or case reference),
 * what a member of staff viewed, and a report of unusual access over a period. Administrators
 * only: the service has no data protection role of its own, and a council's data protection
 * officer is given the administrator's role to read the logs. Every page of it names children,
 * so every reading is itself logged.
 */
export class AccessLogService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly search: SearchService;

  constructor(db: Database, clock: Clock, deps: { search: SearchService }) {
    this.db = db;
    this.clock = clock;
    this.search = deps.search;
  }

  /** The children a name, UPN or case reference finds (the search's own rules, and a case's reference exactly). */
  async findChildren(actor: Actor, text: string): Promise<FoundChild[]> {
    requireRole(actor, 'admin');
    const typed = text.trim().slice(0, 200);
    if (!typed) throw new ValidationError([{ field: 'child', message: 'Enter a child’s name, UPN or case reference' }]);
    const byReference = await accessRepository.findChildrenByCaseReference(this.db, actor.authorityId, typed);
    if (byReference.length > 0) {
      const names = await auditRepository.namesFor(this.db, actor.authorityId, { children: byReference, cases: [], staff: [], tokens: [] });
      await recordListAccess(this.db, this.clock, actor, 'audit:access-search', names.children.map((row) => row.id), typed);
      return names.children.map((row) => ({ id: row.id, name: fullName(row), dateOfBirth: '', reference: typed.toUpperCase() }));
    }
    const found = await this.search.search(actor, typed, 'audit:access-search');
    if (found.results.length === 0) throw new ValidationError([{ field: 'child', message: `No child’s name, UPN or case reference matches ‘${typed}’` }]);
    return found.results.map((row) => ({ id: row.childId, name: row.childName, dateOfBirth: row.dateOfBirth, reference: row.reference }));
  }

  /** Who viewed a child, newest first: their record and its documents, and the lists they were on. */
  async childViews(actor: Actor, childId: string, filters: TrailFilters = {}) {
    requireRole(actor, 'admin');
    const window = windowOf(filters);
    const page = pageNumber(filters.page);
    const found = UUID.safeParse(childId).success ? await auditRepository.findChildName(this.db, actor.authorityId, childId) : undefined;
    if (!found) throw new NotFoundError('No such child');
    const rows = await accessRepository.listChildViews(this.db, actor.authorityId, found.id, { from: window.from, before: window.before, limit: TRAIL_PAGE_SIZE, offset: (page - 1) * TRAIL_PAGE_SIZE });
    await recordAccess(this.db, this.clock, actor, found.id, 'audit:access-log');
    return { child: { id: found.id, name: fullName(found) }, page, hasNextPage: rows.length > TRAIL_PAGE_SIZE, fromDate: window.fromDate, toDate: window.toDate, views: rows.slice(0, TRAIL_PAGE_SIZE).map(viewOf) };
  }

  /** The records a member of staff viewed and the lists they were shown, newest first. */
  async staffViews(actor: Actor, userId: string, filters: TrailFilters = {}) {
    requireRole(actor, 'admin');
    const window = windowOf(filters);
    const page = pageNumber(filters.page);
    const staff = UUID.safeParse(userId).success ? await auditRepository.findStaffName(this.db, actor.authorityId, userId) : undefined;
    if (!staff) throw new NotFoundError('No such member of staff');
    const rows = await accessRepository.listStaffViews(this.db, actor.authorityId, staff.id, { from: window.from, before: window.before, limit: TRAIL_PAGE_SIZE, offset: (page - 1) * TRAIL_PAGE_SIZE });
    const views = rows.slice(0, TRAIL_PAGE_SIZE).map(viewOf);
    await recordListAccess(this.db, this.clock, actor, 'audit:access-staff', [...new Set(views.flatMap((view) => (view.child ? [view.child.id] : [])))], staff.id);
    return { staff, page, hasNextPage: rows.length > TRAIL_PAGE_SIZE, fromDate: window.fromDate, toDate: window.toDate, views };
  }

  /**
   * The report of unusual access over a period (the last week when no dates are given): stretches
   * of many records in a short time, children outside the viewer's caseload and team, restricted
   * records. The rules are src/domain/access's; the thresholds are the form's or the defaults.
   */
  async unusualAccess(actor: Actor, input: { from?: string; to?: string; children?: string; minutes?: string }) {
    requireRole(actor, 'admin');
    const today = this.clock.today() as IsoDate;
    const checkedThreshold = checkBurstThreshold({ children: input.children ?? '', minutes: input.minutes ?? '' });
    let window: ReturnType<typeof windowOf>;
    try {
      window = windowOf({ from: input.from || addDays(today, 1 - DEFAULT_REPORT_DAYS), to: input.to || today });
    } catch (error) {
      if (error instanceof ValidationError && !checkedThreshold.ok) throw new ValidationError([...error.problems, ...checkedThreshold.problems]);
      throw error;
    }
    if (!checkedThreshold.ok) throw new ValidationError(checkedThreshold.problems);
    const threshold: BurstThreshold = checkedThreshold.threshold;
    const rows = await accessRepository.listViewFacts(this.db, actor.authorityId, window, UNUSUAL_ACCESS_MAX_VIEWS + 1);
    const truncated = rows.length > UNUSUAL_ACCESS_MAX_VIEWS;
    const read = rows.slice(0, UNUSUAL_ACCESS_MAX_VIEWS);
    const byId = new Map(read.map((row) => [row.id, row]));
    const staffNames = new Map(read.map((row) => [row.staffId, row.staffName]));
    const facts = read.map(factOf);
    const bursts: UnusualRow[] = findBursts(facts, threshold)
      .reverse()
      .map((burst) => ({ reasons: ['many-records'], at: new Date(burst.from).toISOString(), until: new Date(burst.to).toISOString(), staff: { id: burst.viewerId, name: staffNames.get(burst.viewerId) ?? 'Unknown' }, childCount: burst.children }));
    const views: UnusualRow[] = unusualViews(facts).map((found) => {
      const row = byId.get(found.view.id)!;
      return { reasons: found.reasons, at: row.at, staff: { id: row.staffId, name: row.staffName }, child: { id: row.childId, name: fullName(row) }, view: row.view };
    });
    await recordListAccess(this.db, this.clock, actor, 'audit:unusual-access', [...new Set(views.map((row) => row.child!.id))]);
    return { fromDate: window.fromDate!, toDate: window.toDate!, threshold, truncated, viewsRead: read.length, bursts, views };
  }
}

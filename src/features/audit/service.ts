import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { addDays, checkIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import type { Clock } from '../../lib/clock.ts';
import { londonMidnight } from '../../lib/clock.ts';
import { NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { requireRole, type Actor } from '../auth/index.ts';
import { recordAccess, recordListAccess } from './audit.ts';
import * as auditRepository from './repository.ts';
import type { TrailRow } from './repository.ts';

export const TRAIL_PAGE_SIZE = 50;

// Built once: a zod schema costs more to make than to run.
const UUID = z.uuid();

/** A trail's filters as typed: dates as YYYY-MM-DD ('' for an open end), and the page. */
export interface TrailFilters {
  from?: string;
  to?: string;
  page?: number;
}

/** Someone or something a trail names, with the id to link to them by. */
export interface Named {
  id: string;
  name: string;
}

/** One entry of a trail, with the names it mentions worked out. */
export interface TrailEntry {
  kind: TrailRow['kind'];
  id: string;
  /** ISO moment. */
  at: string;
  /** Who acted: a member of staff (through one of their tokens, if so), or the service itself. */
  actor: { staff?: Named; token?: Named; system?: string };
  action: string | null;
  view: string | null;
  query: string | null;
  childCount: number | null;
  details: Record<string, unknown> | null;
  /** What it was done to or looked at, as far as a name can be given. */
  child?: Named & { reference?: string };
  staff?: Named;
  token?: Named;
}

const THE_DAWN = '-infinity';
const NO_END = 'infinity';

/** The dates asked for as a window of moments in London time; problems named for the form. */
export function windowOf(filters: TrailFilters): { from: string; before: string; fromDate?: IsoDate; toDate?: IsoDate } {
  const problems: FieldProblem[] = [];
  const dateOf = (value: string | undefined, field: 'from' | 'to', name: string) => {
    if (!value) return undefined;
    const checked = checkIsoDate(value);
    if (!checked.ok || checked.date < '2000-01-01' || checked.date > '2099-12-31') {
      problems.push({ field, message: `The ‘${name}’ date must be a real date, for example 1 11 2026` });
      return undefined;
    }
    return checked.date;
  };
  const fromDate = dateOf(filters.from, 'from', 'from');
  const toDate = dateOf(filters.to, 'to', 'to');
  if (fromDate && toDate && toDate < fromDate) problems.push({ field: 'to', message: 'The ‘to’ date must be the same as or after the ‘from’ date' });
  if (problems.length > 0) throw new ValidationError(problems);
  return {
    from: fromDate ? londonMidnight(fromDate).toISOString() : THE_DAWN,
    // Up to the end of the 'to' day: before the next one begins.
    before: toDate ? londonMidnight(addDays(toDate, 1)).toISOString() : NO_END,
    ...(fromDate ? { fromDate } : {}),
    ...(toDate ? { toDate } : {}),
  };
}

/** 'user', 'user/token:id' or a system name ('seed', 'cli'), as the logs write the actor. */
function actorParts(row: Pick<TrailRow, 'actorKind' | 'actorId'>): { staffId?: string; tokenId?: string; system?: string } {
  if (row.actorKind === 'system') return { system: row.actorId };
  const [staffId, token] = row.actorId.split('/token:');
  return { ...(staffId && UUID.safeParse(staffId).success ? { staffId } : { system: row.actorId }), ...(token && UUID.safeParse(token).success ? { tokenId: token } : {}) };
}

/**
 * The audit log read by administrators: what one member of staff did, and who viewed or changed
 * one child's record, newest first, a page at a time, between dates if asked. Reading a trail is
 * itself logged: a child's trail as a view of their record in the access log, a member of staff's
 * as a list shown (with the children it named) in the log of lists.
 */
export class AuditService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The members of staff a trail can be read for, by name. */
  async staffToChoose(actor: Actor): Promise<(Named & { email: string; active: boolean })[]> {
    requireRole(actor, 'admin');
    return auditRepository.listStaffNames(this.db, actor.authorityId);
  }

  /** A member of staff of the actor's council, whose trail may be read. */
  async staffMember(actor: Actor, userId: string): Promise<Named & { email: string }> {
    requireRole(actor, 'admin');
    const staff = UUID.safeParse(userId).success ? await auditRepository.findStaffName(this.db, actor.authorityId, userId) : undefined;
    if (!staff) throw new NotFoundError('No such member of staff');
    return staff;
  }

  /** What a member of staff did: changes they made, records they viewed, lists they were shown. */
  async staffTrail(actor: Actor, userId: string, filters: TrailFilters = {}) {
    requireRole(actor, 'admin');
    const window = windowOf(filters);
    const page = pageNumber(filters.page);
    const staff = await this.staffMember(actor, userId);
    const rows = await auditRepository.listStaffTrail(this.db, actor.authorityId, staff.id, { from: window.from, before: window.before, limit: TRAIL_PAGE_SIZE, offset: (page - 1) * TRAIL_PAGE_SIZE });
    const entries = await this.named(actor, rows.slice(0, TRAIL_PAGE_SIZE));
    const children = [...new Set(entries.flatMap((entry) => (entry.child ? [entry.child.id] : [])))];
    await recordListAccess(this.db, this.clock, actor, 'audit:staff', children, staff.id);
    return { staff, page, hasNextPage: rows.length > TRAIL_PAGE_SIZE, fromDate: window.fromDate, toDate: window.toDate, entries };
  }

  /** Who viewed or changed a child's record, and what they changed. */
  async childTrail(actor: Actor, childId: string, filters: TrailFilters = {}) {
    requireRole(actor, 'admin');
    // The dates are checked before anything is read: a refused filter shows nothing of the child.
    const window = windowOf(filters);
    const page = pageNumber(filters.page);
    const found = UUID.safeParse(childId).success ? await auditRepository.findChildName(this.db, actor.authorityId, childId) : undefined;
    if (!found) throw new NotFoundError('No such child');
    const rows = await auditRepository.listChildTrail(this.db, actor.authorityId, found.id, { from: window.from, before: window.before, limit: TRAIL_PAGE_SIZE, offset: (page - 1) * TRAIL_PAGE_SIZE });
    const entries = await this.named(actor, rows.slice(0, TRAIL_PAGE_SIZE));
    // Read after the page, so the reading is the newest entry the next time, not this time.
    await recordAccess(this.db, this.clock, actor, found.id, 'audit-trail');
    return { child: { id: found.id, name: fullName(found) }, page, hasNextPage: rows.length > TRAIL_PAGE_SIZE, fromDate: window.fromDate, toDate: window.toDate, entries };
  }

  /** Puts names to the ids a page of a trail holds, in one round of look-ups whatever its length. */
  private async named(actor: Actor, rows: readonly TrailRow[]): Promise<TrailEntry[]> {
    const ids = { children: new Set<string>(), cases: new Set<string>(), staff: new Set<string>(), tokens: new Set<string>() };
    const uuid = (value: string | null) => (value && UUID.safeParse(value).success ? value : undefined);
    for (const row of rows) {
      const who = actorParts(row);
      if (who.staffId) ids.staff.add(who.staffId);
      if (who.tokenId) ids.tokens.add(who.tokenId);
      if (row.childId) ids.children.add(row.childId);
      const entityId = uuid(row.entityId);
      if (entityId && row.entityType === 'child') ids.children.add(entityId);
      if (entityId && row.entityType === 'ehc_case') ids.cases.add(entityId);
      if (entityId && row.entityType === 'staff_user') ids.staff.add(entityId);
      if (entityId && row.entityType === 'api_token') ids.tokens.add(entityId);
      // Reading someone's trail is logged with their id as what was asked for.
      if (row.kind === 'list' && row.view === 'audit:staff' && uuid(row.query)) ids.staff.add(row.query!);
    }
    const found = await auditRepository.namesFor(this.db, actor.authorityId, {
      children: [...ids.children],
      cases: [...ids.cases],
      staff: [...ids.staff],
      tokens: [...ids.tokens],
    });
    const children = new Map(found.children.map((entry) => [entry.id, { id: entry.id, name: fullName(entry) }]));
    const cases = new Map(found.cases.map((entry) => [entry.id, { id: entry.childId, name: fullName(entry), reference: entry.reference }]));
    const staff = new Map(found.staff.map((entry) => [entry.id, { id: entry.id, name: entry.name }]));
    const tokens = new Map(found.tokens.map((entry) => [entry.id, { id: entry.id, name: entry.name }]));
    return rows.map((row) => {
      const who = actorParts(row);
      const entityId = uuid(row.entityId);
      const child = row.childId ? children.get(row.childId) : entityId && row.entityType === 'child' ? children.get(entityId) : entityId && row.entityType === 'ehc_case' ? cases.get(entityId) : undefined;
      const namedStaff =
        entityId && row.entityType === 'staff_user' ? staff.get(entityId) : row.kind === 'list' && row.view === 'audit:staff' && uuid(row.query) ? staff.get(row.query!) : undefined;
      const token = entityId && row.entityType === 'api_token' ? tokens.get(entityId) : undefined;
      return {
        kind: row.kind,
        id: row.id,
        at: row.at,
        actor: {
          ...(who.staffId ? { staff: staff.get(who.staffId) ?? { id: who.staffId, name: 'A member of staff of another council' } } : {}),
          ...(who.tokenId ? { token: tokens.get(who.tokenId) ?? { id: who.tokenId, name: 'an API token' } } : {}),
          ...(who.system ? { system: who.system } : {}),
        },
        action: row.action,
        view: row.view,
        query: row.query,
        childCount: row.childCount,
        details: row.details,
        ...(child ? { child } : {}),
        ...(namedStaff ? { staff: namedStaff } : {}),
        ...(token ? { token } : {}),
      };
    });
  }
}

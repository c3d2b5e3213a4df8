import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { preparedRead, readRows } from '../../db/prepared.ts';
import { accessLog, apiToken, auditEvent, child, ehcCase, listAccessLog, staffUser } from '../../db/schema/index.ts';

export interface AuditRow {
  id: string;
  authorityId: string;
  occurredAt: Date;
  actorKind: string;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

export async function insertAuditEvent(executor: Executor, row: AuditRow): Promise<void> {
  await executor.insert(auditEvent).values(row);
}

export async function insertAuditEvents(executor: Executor, rows: readonly AuditRow[]): Promise<void> {
  if (rows.length > 0) await executor.insert(auditEvent).values([...rows]);
}

export async function listAuditEventsFor(executor: Executor, authorityId: string, entityType: string, entityId: string): Promise<AuditRow[]> {
  return executor
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.authorityId, authorityId), eq(auditEvent.entityType, entityType), eq(auditEvent.entityId, entityId)))
    .orderBy(desc(auditEvent.occurredAt));
}

export async function listAuditEvents(executor: Executor, authorityId: string, limit: number): Promise<AuditRow[]> {
  return executor.select().from(auditEvent).where(eq(auditEvent.authorityId, authorityId)).orderBy(desc(auditEvent.occurredAt)).limit(limit);
}

export interface AccessRow {
  id: string;
  authorityId: string;
  accessedAt: Date;
  actorKind: string;
  actorId: string;
  childId: string;
  view: string;
}

export async function insertAccess(executor: Executor, row: AccessRow): Promise<void> {
  await executor.insert(accessLog).values(row);
}

export async function listAccessFor(executor: Executor, authorityId: string, childId: string): Promise<AccessRow[]> {
  return executor
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.authorityId, authorityId), eq(accessLog.childId, childId)))
    .orderBy(desc(accessLog.accessedAt));
}

export type ListAccessRow = typeof listAccessLog.$inferInsert;

export async function insertListAccess(executor: Executor, row: ListAccessRow): Promise<void> {
  await executor.insert(listAccessLog).values(row);
}

export async function listListAccessBy(executor: Executor, authorityId: string, actorId: string): Promise<(typeof listAccessLog.$inferSelect)[]> {
  return executor
    .select()
    .from(listAccessLog)
    .where(and(eq(listAccessLog.authorityId, authorityId), eq(listAccessLog.actorId, actorId)))
    .orderBy(asc(listAccessLog.accessedAt), asc(listAccessLog.id));
}

/**
 * One entry of an audit trail: a change (from the audit log), a view of a child's record (the
 * access log), or a list of children shown (the log of lists). `at` is an ISO moment in UTC.
 */
export interface TrailRow {
  kind: 'change' | 'view' | 'list';
  id: string;
  at: string;
  actorKind: string;
  actorId: string;
  /** A change: what was done, to what, and its details. */
  action: string | null;
  entityType: string | null;
  entityId: string | null;
  details: Record<string, unknown> | null;
  /** A view: whose record, and which view of it; a list: which list. */
  childId: string | null;
  view: string | null;
  /** A list: what was searched for, and how many children it showed. */
  query: string | null;
  childCount: number | null;
}

/** The columns every part of a trail gives, in TrailRow's order, for a union of the three logs. */
const changeColumns = (alias: string) =>
  `'change' AS "kind", ${alias}."id", ${alias}."occurred_at" AS "at", ${alias}."actor_kind" AS "actorKind", ${alias}."actor_id" AS "actorId", ${alias}."action", ${alias}."entity_type" AS "entityType", ${alias}."entity_id" AS "entityId", ${alias}."details", NULL::uuid AS "childId", NULL::text AS "view", NULL::text AS "query", NULL::int AS "childCount"`;
const viewColumns = (alias: string) =>
  `'view' AS "kind", ${alias}."id", ${alias}."accessed_at" AS "at", ${alias}."actor_kind" AS "actorKind", ${alias}."actor_id" AS "actorId", NULL::text AS "action", NULL::text AS "entityType", NULL::text AS "entityId", NULL::jsonb AS "details", ${alias}."child_id" AS "childId", ${alias}."view", NULL::text AS "query", NULL::int AS "childCount"`;
const listColumns = (alias: string) =>
  `'list' AS "kind", ${alias}."id", ${alias}."accessed_at" AS "at", ${alias}."actor_kind" AS "actorKind", ${alias}."actor_id" AS "actorId", NULL::text AS "action", NULL::text AS "entityType", NULL::text AS "entityId", NULL::jsonb AS "details", NULL::uuid AS "childId", ${alias}."view", ${alias}."query", cardinality(${alias}."child_ids") AS "childCount"`;

/** The newest entries first, one page of them (and one more, to know whether another page follows). */
// Ordered by the moment itself (trail."at"), not by the text it is given out as.
const TRAIL_PAGE = `ORDER BY trail."at" DESC, trail."id" DESC LIMIT $6 OFFSET $7`;
const TRAIL_OUTPUT = `trail."kind", trail."id", to_char(trail."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "at", trail."actorKind", trail."actorId", trail."action", trail."entityType", trail."entityId", trail."details", trail."childId", trail."view", trail."query", trail."childCount"`;

/**
 * What one member of staff did, from the three logs, newest first: as themselves and through
 * each of their API tokens (an actor id of its own, 'user/token:id'). Each log is read for each of
 * those actor ids by its index on (authority, actor, moment), backwards from the newest, and each
 * read stops after as many rows as the page could need from it; the union is then put in order.
 * However long someone has worked, a page reads at most (page's end + 1) rows of each log per
 * actor id. $1 authority, $2 user, $3-$4 from and before (moments), $5 rows each read may need,
 * $6 the page's rows, $7 offset.
 */
const staffTrail = preparedRead<TrailRow>(
  'audit_staff_trail',
  `WITH actors AS (
     SELECT $2::text AS "actorId"
     UNION ALL
     SELECT $2::text || '/token:' || t."id" FROM "api_token" t WHERE t."authority_id" = $1 AND t."user_id" = $2::uuid
   )
   SELECT ${TRAIL_OUTPUT} FROM (
     SELECT changes.* FROM actors a CROSS JOIN LATERAL (
       SELECT ${changeColumns('e')} FROM "audit_event" e
        WHERE e."authority_id" = $1 AND e."actor_id" = a."actorId" AND e."occurred_at" >= $3::timestamptz AND e."occurred_at" < $4::timestamptz
        ORDER BY e."occurred_at" DESC, e."id" DESC LIMIT $5) changes
     UNION ALL
     SELECT views.* FROM actors a CROSS JOIN LATERAL (
       SELECT ${viewColumns('l')} FROM "access_log" l
        WHERE l."authority_id" = $1 AND l."actor_id" = a."actorId" AND l."accessed_at" >= $3::timestamptz AND l."accessed_at" < $4::timestamptz
        ORDER BY l."accessed_at" DESC, l."id" DESC LIMIT $5) views
     UNION ALL
     SELECT lists.* FROM actors a CROSS JOIN LATERAL (
       SELECT ${listColumns('s')} FROM "list_access_log" s
        WHERE s."authority_id" = $1 AND s."actor_id" = a."actorId" AND s."accessed_at" >= $3::timestamptz AND s."accessed_at" < $4::timestamptz
        ORDER BY s."accessed_at" DESC, s."id" DESC LIMIT $5) lists
   ) trail
   ${TRAIL_PAGE}`,
);

/**
 * Who viewed or changed a child's record, newest first: the changes to the child and to each of
 * their cases (the audit log's index on the entity), and the views of their record (the access
 * log's index on the child), each read backwards and stopped as in the staff trail. Lists a child
 * appeared on are not here: finding them would need an index on every list's children. $1
 * authority, $2 child, then as the staff trail.
 */
const childTrail = preparedRead<TrailRow>(
  'audit_child_trail',
  `WITH entities AS (
     SELECT 'child'::text AS "entityType", $2::text AS "entityId"
     UNION ALL
     SELECT 'ehc_case', c."id"::text FROM "ehc_case" c WHERE c."authority_id" = $1 AND c."child_id" = $2::uuid
   )
   SELECT ${TRAIL_OUTPUT} FROM (
     SELECT changes.* FROM entities en CROSS JOIN LATERAL (
       SELECT ${changeColumns('e')} FROM "audit_event" e
        WHERE e."authority_id" = $1 AND e."entity_type" = en."entityType" AND e."entity_id" = en."entityId"
          AND e."occurred_at" >= $3::timestamptz AND e."occurred_at" < $4::timestamptz
        ORDER BY e."occurred_at" DESC, e."id" DESC LIMIT $5) changes
     UNION ALL
     (SELECT ${viewColumns('l')} FROM "access_log" l
       WHERE l."authority_id" = $1 AND l."child_id" = $2::uuid AND l."accessed_at" >= $3::timestamptz AND l."accessed_at" < $4::timestamptz
       ORDER BY l."accessed_at" DESC, l."id" DESC LIMIT $5)
   ) trail
   ${TRAIL_PAGE}`,
);

export interface TrailWindow {
  /** ISO moments, or '-infinity' / 'infinity' for an open end. */
  from: string;
  before: string;
  limit: number;
  offset: number;
}

const trailParams = (authorityId: string, subjectId: string, window: TrailWindow) => [
  authorityId,
  subjectId,
  window.from,
  window.before,
  window.offset + window.limit + 1,
  window.limit + 1,
  window.offset,
];

export async function listStaffTrail(db: Database, authorityId: string, userId: string, window: TrailWindow): Promise<TrailRow[]> {
  return readRows(db, staffTrail, trailParams(authorityId, userId, window));
}

export async function listChildTrail(db: Database, authorityId: string, childId: string, window: TrailWindow): Promise<TrailRow[]> {
  return readRows(db, childTrail, trailParams(authorityId, childId, window));
}

/** Who a trail is about: a member of staff of the authority. */
export async function findStaffName(executor: Executor, authorityId: string, userId: string): Promise<{ id: string; name: string; email: string } | undefined> {
  const rows = await executor
    .select({ id: staffUser.id, name: staffUser.name, email: staffUser.email })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId)))
    .limit(1);
  return rows[0];
}

export interface NamedChild {
  id: string;
  forename: string;
  surname: string;
  preferredName: string | null;
}

/** Who a trail is about: a child of the authority. */
export async function findChildName(executor: Executor, authorityId: string, childId: string): Promise<NamedChild | undefined> {
  const rows = await executor
    .select({ id: child.id, forename: child.forename, surname: child.surname, preferredName: child.preferredName })
    .from(child)
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return rows[0];
}

/** The names a page of a trail mentions: children, cases (with their child), staff and tokens, each by id. */
export async function namesFor(executor: Executor, authorityId: string, ids: { children: string[]; cases: string[]; staff: string[]; tokens: string[] }) {
  const none = Promise.resolve([]);
  const [children, cases, staff, tokens] = await Promise.all([
    ids.children.length ? executor.select({ id: child.id, forename: child.forename, surname: child.surname, preferredName: child.preferredName }).from(child).where(and(eq(child.authorityId, authorityId), inArray(child.id, ids.children))) : none,
    ids.cases.length
      ? executor
          .select({ id: ehcCase.id, reference: ehcCase.reference, childId: child.id, forename: child.forename, surname: child.surname, preferredName: child.preferredName })
          .from(ehcCase)
          .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
          .where(and(eq(ehcCase.authorityId, authorityId), inArray(ehcCase.id, ids.cases)))
      : none,
    ids.staff.length ? executor.select({ id: staffUser.id, name: staffUser.name }).from(staffUser).where(and(eq(staffUser.authorityId, authorityId), inArray(staffUser.id, ids.staff))) : none,
    ids.tokens.length ? executor.select({ id: apiToken.id, name: apiToken.name }).from(apiToken).where(and(eq(apiToken.authorityId, authorityId), inArray(apiToken.id, ids.tokens))) : none,
  ]);
  return { children, cases, staff, tokens };
}

/** The authority's staff, by name: whose trail an administrator may read. */
export async function listStaffNames(executor: Executor, authorityId: string): Promise<{ id: string; name: string; email: string; active: boolean }[]> {
  const rows = await executor
    .select({ id: staffUser.id, name: staffUser.name, email: staffUser.email, deactivatedAt: staffUser.deactivatedAt })
    .from(staffUser)
    .where(eq(staffUser.authorityId, authorityId))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
  return rows.map((row) => ({ id: row.id, name: row.name, email: row.email, active: row.deactivatedAt === null }));
}

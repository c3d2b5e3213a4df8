import { and, desc, eq, getTableColumns, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { queryRows, type Executor } from '../../db/database.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import {
  annualReview,
  assessmentRequest,
  caseDeadline,
  caseEvent,
  caseHolder,
  caseReferenceCounter,
  child,
  childPerson,
  ehcCase,
  importRecord,
  importRun,
  person,
  plan,
  planVersion,
  planRevision,
  school,
  staffUser,
  team,
} from '../../db/schema/index.ts';

// The import of cases: its runs, where each record came from, and the rows it writes, many at a time.

/**
 * Many rows into one table in one statement with one parameter: the rows as JSON, spread into the
 * table's own row type by PostgreSQL (json_populate_recordset). Building a statement of thousands
 * of parameters costs the query builder more time than the database takes to write the rows.
 * A column no row gives takes its default; one that some rows give is null in the others.
 */
async function insertMany<T extends PgTable>(executor: Executor, table: T, rows: T['$inferInsert'][], onConflict?: SQL): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const given = new Set<string>();
  for (const row of rows) for (const [key, value] of Object.entries(row as Record<string, unknown>)) if (value !== undefined) given.add(key);
  const keys = [...given].filter((key) => columns[key] !== undefined);
  const names = keys.map((key) => columns[key]!.name);
  const json = JSON.stringify(rows.map((row) => Object.fromEntries(keys.map((key, index) => [names[index], (row as Record<string, unknown>)[key] ?? null]))));
  const list = sql.join(
    names.map((name) => sql.identifier(name)),
    sql`, `,
  );
  const name = sql.identifier(getTableConfig(table).name);
  await executor.execute(sql`INSERT INTO ${name} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${name}, ${json}::json) ${onConflict ?? sql``}`);
}

export type ImportRunRow = typeof importRun.$inferSelect;
export type ImportRecordRow = typeof importRecord.$inferSelect;

export async function insertRun(executor: Executor, values: typeof importRun.$inferInsert): Promise<void> {
  await executor.insert(importRun).values(values);
}

/**
 * A value as PostgreSQL can keep it: a refused cell (or a message quoting one) may hold U+0000,
 * which neither text nor jsonb can store; it is kept as U+FFFD, the replacement character.
 */
function storable<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll('\u0000', '\uFFFD') as T;
  if (Array.isArray(value)) return value.map((item) => storable(item)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, storable(item)])) as T;
  return value;
}

export async function updateRun(executor: Executor, authorityId: string, id: string, values: Partial<typeof importRun.$inferInsert>): Promise<void> {
  await executor
    .update(importRun)
    .set(storable(values))
    .where(and(eq(importRun.authorityId, authorityId), eq(importRun.id, id)));
}

export async function listRuns(executor: Executor, authorityId: string, limit: number): Promise<ImportRunRow[]> {
  return executor.select().from(importRun).where(eq(importRun.authorityId, authorityId)).orderBy(desc(importRun.startedAt), desc(importRun.id)).limit(limit);
}

export async function findRun(executor: Executor, authorityId: string, id: string): Promise<ImportRunRow | undefined> {
  const [row] = await executor
    .select()
    .from(importRun)
    .where(and(eq(importRun.authorityId, authorityId), eq(importRun.id, id)))
    .limit(1);
  return row;
}

/** The runs of one uploaded folder, in every council (the sweep of the storage area serves them all). */
export async function runsOfFolder(executor: Executor, folder: string): Promise<Pick<ImportRunRow, 'id' | 'authorityId' | 'status' | 'startedAt' | 'finishedAt' | 'filesRemovedAt'>[]> {
  return executor
    .select({ id: importRun.id, authorityId: importRun.authorityId, status: importRun.status, startedAt: importRun.startedAt, finishedAt: importRun.finishedAt, filesRemovedAt: importRun.filesRemovedAt })
    .from(importRun)
    .where(sql`/* cross-authority: the storage area's sweep serves every council */ ${importRun.folder} = ${folder}`);
}

/** The open cases of these children, by child. */
export async function openCasesOf(executor: Executor, authorityId: string, childIds: readonly string[]): Promise<Map<string, { id: string; reference: string }[]>> {
  const found = new Map<string, { id: string; reference: string }[]>();
  if (childIds.length === 0) return found;
  const rows = await executor
    .select({ id: ehcCase.id, childId: ehcCase.childId, reference: ehcCase.reference })
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), inArray(ehcCase.childId, [...childIds]), sql`${ehcCase.closedOn} IS NULL`));
  for (const row of rows) found.set(row.childId, [...(found.get(row.childId) ?? []), { id: row.id, reference: row.reference }]);
  return found;
}

/** Records that an uploaded folder's files were deleted, on every run of it. */
export async function markFilesRemoved(executor: Executor, folder: string, at: Date): Promise<void> {
  await executor
    .update(importRun)
    .set({ filesRemovedAt: at })
    .where(sql`/* cross-authority: a folder is one council's, named by a new UUID */ ${importRun.folder} = ${folder} AND ${importRun.filesRemovedAt} IS NULL`);
}

/** True when a job of this kind is queued or running (the daily sweep, in any council). */
export async function jobQueued(executor: Executor, kind: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`/* cross-authority: one sweep serves every council */
        SELECT "id" FROM "job" WHERE "kind" = ${kind} AND "status" IN ('queued', 'running') LIMIT 1`,
  );
  return rows.length > 0;
}

/** A council to own the sweep's job (every job has one): the first made. */
export async function firstAuthorityId(executor: Executor): Promise<string | undefined> {
  const [row] = await queryRows<{ id: string }>(executor, sql`SELECT "id" FROM "authority" ORDER BY "created_at", "id" LIMIT 1`);
  return row?.id;
}

/** The records a run created or last changed, of one kind or all, in the order of their old ids. */
export async function recordsOfRun(executor: Executor, authorityId: string, runId: string, kind?: string): Promise<ImportRecordRow[]> {
  return executor
    .select()
    .from(importRecord)
    .where(and(eq(importRecord.authorityId, authorityId), or(eq(importRecord.firstRunId, runId), eq(importRecord.lastRunId, runId)), kind ? eq(importRecord.kind, kind) : undefined))
    .orderBy(importRecord.kind, importRecord.sourceId);
}

/** Where these old ids of one kind went, if an import wrote them before. */
export async function findRecords(executor: Executor, authorityId: string, sourceSystem: string, kind: string, sourceIds: readonly string[]): Promise<ImportRecordRow[]> {
  if (sourceIds.length === 0) return [];
  return executor
    .select()
    .from(importRecord)
    .where(and(eq(importRecord.authorityId, authorityId), eq(importRecord.sourceSystem, sourceSystem), eq(importRecord.kind, kind), inArray(importRecord.sourceId, [...sourceIds])));
}

/**
 * Every record of one kind whose old id is under one of these (a case's events: "R100/..."). An
 * old id may itself hold a slash (a SEN2 child's request: "sen2:K/2026-10-01"), so the whole
 * prefix and its slash are compared, not the id's first part.
 */
export async function findRecordsUnder(executor: Executor, authorityId: string, sourceSystem: string, kind: string, prefixes: readonly string[]): Promise<ImportRecordRow[]> {
  if (prefixes.length === 0) return [];
  return executor
    .select()
    .from(importRecord)
    .where(
      and(
        eq(importRecord.authorityId, authorityId),
        eq(importRecord.sourceSystem, sourceSystem),
        eq(importRecord.kind, kind),
        sql`(${sql.join(
          [...new Set(prefixes)].map((prefix) => sql`starts_with(${importRecord.sourceId}, ${`${prefix}/`})`),
          sql` OR `,
        )})`,
      ),
    );
}

/** Records written or changed: a record already held takes the new target, digest and run. */
export async function upsertRecords(executor: Executor, rows: (typeof importRecord.$inferInsert)[]): Promise<void> {
  await insertMany(
    executor,
    importRecord,
    rows,
    sql`ON CONFLICT (authority_id, source_system, kind, source_id) DO UPDATE SET target_id = excluded.target_id, digest = excluded.digest, last_run_id = excluded.last_run_id`,
  );
}

/** The council's staff accounts by their e-mail address in lower case. */
export async function officersByEmail(executor: Executor, authorityId: string): Promise<Map<string, string>> {
  const rows = await executor.select({ id: staffUser.id, email: staffUser.email }).from(staffUser).where(eq(staffUser.authorityId, authorityId));
  return new Map(rows.map((row) => [row.email.trim().toLowerCase(), row.id]));
}

/** Every record of one kind from a source system (the officers imported before: a council has tens, not thousands). */
export async function recordsOfKind(executor: Executor, authorityId: string, sourceSystem: string, kind: string): Promise<ImportRecordRow[]> {
  return executor
    .select()
    .from(importRecord)
    .where(and(eq(importRecord.authorityId, authorityId), eq(importRecord.sourceSystem, sourceSystem), eq(importRecord.kind, kind)));
}

/** The staff accounts of every council holding these e-mail addresses (lower case): a staff e-mail is one account's, whichever council. */
export async function staffByEmail(executor: Executor, emails: readonly string[]): Promise<Map<string, { id: string; authorityId: string; email: string }>> {
  if (emails.length === 0) return new Map();
  const rows = await executor
    .select({ id: staffUser.id, authorityId: staffUser.authorityId, email: staffUser.email })
    .from(staffUser)
    .where(sql`/* cross-authority: a staff e-mail address is one account's, whichever council */ ${inArray(staffUser.email, [...emails])}`);
  return new Map(rows.map((row) => [row.email.trim().toLowerCase(), row]));
}

/** The council's teams by name in lower case. */
export async function teamsByName(executor: Executor, authorityId: string): Promise<Map<string, string>> {
  const rows = await executor.select({ id: team.id, name: team.name }).from(team).where(eq(team.authorityId, authorityId));
  return new Map(rows.map((row) => [row.name.trim().toLowerCase(), row.id]));
}

/**
 * New staff accounts for imported officers: no password (they are given a first one by an
 * administrator's "Reset password", or sign in through the council's own sign-in, which finds the
 * account by its e-mail).
 */
export async function insertStaff(executor: Executor, rows: (typeof staffUser.$inferInsert)[]): Promise<void> {
  await insertMany(executor, staffUser, rows);
}

export async function updateStaff(executor: Executor, authorityId: string, id: string, values: { name: string; email: string; teamId?: string }): Promise<void> {
  await executor
    .update(staffUser)
    .set({ ...values, version: sql`${staffUser.version} + 1` })
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, id)));
}

export type PlanVersionHeld = Pick<typeof planVersion.$inferSelect, 'id' | 'planId' | 'number' | 'status' | 'content' | 'revision' | 'issuedOn'>;

/** Every version of these plans, in order of number. */
export async function planVersionsOf(executor: Executor, authorityId: string, planIds: readonly string[]): Promise<Map<string, PlanVersionHeld[]>> {
  if (planIds.length === 0) return new Map();
  const rows = await executor
    .select({ id: planVersion.id, planId: planVersion.planId, number: planVersion.number, status: planVersion.status, content: planVersion.content, revision: planVersion.revision, issuedOn: planVersion.issuedOn })
    .from(planVersion)
    .where(and(eq(planVersion.authorityId, authorityId), inArray(planVersion.planId, [...planIds])))
    .orderBy(planVersion.planId, planVersion.number);
  const byPlan = new Map<string, PlanVersionHeld[]>();
  for (const row of rows) byPlan.set(row.planId, [...(byPlan.get(row.planId) ?? []), row]);
  return byPlan;
}

/** The working version's content saved as its next revision, the revision kept (as the plan's pages save it); false when someone saved it meanwhile. */
export async function saveWorkingVersion(executor: Executor, authorityId: string, version: { id: string; revision: number }, content: unknown, by: string, at: Date): Promise<boolean> {
  const rows = await executor
    .update(planVersion)
    .set({ content, revision: version.revision + 1, updatedBy: by, updatedAt: at })
    .where(and(eq(planVersion.authorityId, authorityId), eq(planVersion.id, version.id), eq(planVersion.revision, version.revision), eq(planVersion.status, 'working')))
    .returning({ id: planVersion.id });
  if (rows.length === 0) return false;
  await executor.insert(planRevision).values({ id: uuidv7(), authorityId, versionId: version.id, revision: version.revision + 1, content, savedBy: by, savedAt: at });
  return true;
}

/** The working version frozen as issued (the final plan), as issuing it on the plan's pages does. */
export async function freezeVersion(executor: Executor, authorityId: string, versionId: string, issue: { status: string; issuedOn: string; issuedAt: Date; issuedBy: string; eventId: string | null }): Promise<void> {
  await executor
    .update(planVersion)
    .set(issue)
    .where(and(eq(planVersion.authorityId, authorityId), eq(planVersion.id, versionId), eq(planVersion.status, 'working')));
}

export async function schoolIdsByUrn(executor: Executor, urns: readonly number[]): Promise<Map<number, string>> {
  if (urns.length === 0) return new Map();
  const rows = await executor.select({ id: school.id, urn: school.urn }).from(school).where(inArray(school.urn, [...urns]));
  return new Map(rows.map((row) => [row.urn, row.id]));
}

/** The children of the council holding these UPNs, by UPN. */
export async function childrenByUpn(executor: Executor, authorityId: string, upns: readonly string[]): Promise<Map<string, string>> {
  if (upns.length === 0) return new Map();
  const rows = await executor
    .select({ id: child.id, upn: child.upn })
    .from(child)
    .where(and(eq(child.authorityId, authorityId), isNotNull(child.upn), inArray(child.upn, [...upns])));
  return new Map(rows.map((row) => [row.upn!, row.id]));
}

/** A person linked to a child, or the link's details brought up to date when it is there. */
export async function linkPerson(executor: Executor, row: typeof childPerson.$inferInsert): Promise<void> {
  await executor
    .insert(childPerson)
    .values(row)
    .onConflictDoUpdate({
      target: [childPerson.authorityId, childPerson.childId, childPerson.personId],
      set: { relationship: row.relationship, parentalResponsibility: row.parentalResponsibility, mainContact: row.mainContact ?? false },
    });
}

/** `count` case numbers of a year taken at once: the last of them is returned. */
export async function takeCaseNumbers(executor: Executor, authorityId: string, year: number, count: number): Promise<number> {
  const [row] = await executor
    .insert(caseReferenceCounter)
    .values({ authorityId, year, lastNumber: count })
    .onConflictDoUpdate({ target: [caseReferenceCounter.authorityId, caseReferenceCounter.year], set: { lastNumber: sql`${caseReferenceCounter.lastNumber} + ${count}` } })
    .returning({ lastNumber: caseReferenceCounter.lastNumber });
  return row!.lastNumber;
}

export interface NewRows {
  children: (typeof child.$inferInsert)[];
  people: (typeof person.$inferInsert)[];
  links: (typeof childPerson.$inferInsert)[];
  cases: (typeof ehcCase.$inferInsert)[];
  holders: (typeof caseHolder.$inferInsert)[];
  events: (typeof caseEvent.$inferInsert)[];
  requests: (typeof assessmentRequest.$inferInsert)[];
  plans: (typeof plan.$inferInsert)[];
  versions: (typeof planVersion.$inferInsert)[];
  reviews: (typeof annualReview.$inferInsert)[];
  deadlines: (typeof caseDeadline.$inferInsert)[];
}

export function emptyRows(): NewRows {
  return { children: [], people: [], links: [], cases: [], holders: [], events: [], requests: [], plans: [], versions: [], reviews: [], deadlines: [] };
}

/** Every new row of a batch, a statement per table (or per thousand rows), parents first. */
export async function insertRows(executor: Executor, rows: NewRows): Promise<void> {
  await insertMany(executor, child, rows.children);
  await insertMany(executor, person, rows.people);
  await insertMany(executor, childPerson, rows.links);
  await insertMany(executor, ehcCase, rows.cases);
  await insertMany(executor, caseHolder, rows.holders);
  await insertMany(executor, caseEvent, rows.events);
  await insertMany(executor, assessmentRequest, rows.requests);
  await insertMany(executor, plan, rows.plans);
  await insertMany(executor, planVersion, rows.versions);
  await insertMany(executor, annualReview, rows.reviews);
  await insertMany(executor, caseDeadline, rows.deadlines);
}

export async function updateChild(executor: Executor, authorityId: string, id: string, values: Partial<typeof child.$inferInsert>): Promise<void> {
  await executor
    .update(child)
    .set({ ...values, version: sql`${child.version} + 1` })
    .where(and(eq(child.authorityId, authorityId), eq(child.id, id)));
}

export async function updatePerson(executor: Executor, authorityId: string, id: string, values: Partial<typeof person.$inferInsert>): Promise<void> {
  await executor
    .update(person)
    .set({ ...values, version: sql`${person.version} + 1` })
    .where(and(eq(person.authorityId, authorityId), eq(person.id, id)));
}

export async function updateRequest(executor: Executor, authorityId: string, caseId: string, values: { receivedOn: string; source: number }): Promise<void> {
  await executor
    .update(assessmentRequest)
    .set(values)
    .where(and(eq(assessmentRequest.authorityId, authorityId), eq(assessmentRequest.caseId, caseId)));
  await executor
    .update(ehcCase)
    .set({ openedOn: values.receivedOn })
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
}

export async function updateReview(executor: Executor, authorityId: string, id: string, values: Partial<typeof annualReview.$inferInsert>): Promise<void> {
  await executor
    .update(annualReview)
    .set({ ...values, version: sql`${annualReview.version} + 1` })
    .where(and(eq(annualReview.authorityId, authorityId), eq(annualReview.id, id)));
}

export async function updateCaseOfficer(executor: Executor, authorityId: string, caseId: string, officerId: string | null, unallocatedSince: string | null): Promise<void> {
  await executor
    .update(ehcCase)
    .set({ officerId, unallocatedSince, version: sql`${ehcCase.version} + 1` })
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
}

export async function caseOfficers(executor: Executor, authorityId: string, caseIds: readonly string[]): Promise<Map<string, { officerId: string | null; closedOn: string | null }>> {
  if (caseIds.length === 0) return new Map();
  const rows = await executor
    .select({ id: ehcCase.id, officerId: ehcCase.officerId, closedOn: ehcCase.closedOn })
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), inArray(ehcCase.id, [...caseIds])));
  return new Map(rows.map((row) => [row.id, { officerId: row.officerId, closedOn: row.closedOn }]));
}

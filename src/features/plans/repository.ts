import { and, asc, between, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { adviceRequest, child, childPerson, ehcCase, person, plan, planRevision, planVersion, school } from '../../db/schema/index.ts';

export type PlanRow = typeof plan.$inferSelect;
export type PlanVersionRow = typeof planVersion.$inferSelect;
export type PlanRevisionRow = typeof planRevision.$inferSelect;

/** A plan with the case and child it belongs to, as its pages and its notices need them. */
export interface PlanWithCase extends PlanRow {
  reference: string;
  caseClosedOn: string | null;
  forename: string;
  surname: string;
  dateOfBirth: string;
}

const planWithCaseColumns = {
  id: plan.id,
  authorityId: plan.authorityId,
  caseId: plan.caseId,
  childId: plan.childId,
  type: plan.type,
  createdBy: plan.createdBy,
  createdAt: plan.createdAt,
  reference: ehcCase.reference,
  caseClosedOn: ehcCase.closedOn,
  forename: child.forename,
  surname: child.surname,
  dateOfBirth: child.dateOfBirth,
};

export async function findPlan(executor: Executor, authorityId: string, planId: string): Promise<PlanWithCase | undefined> {
  const [row] = await executor
    .select(planWithCaseColumns)
    .from(plan)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, plan.authorityId), eq(ehcCase.id, plan.caseId)))
    .innerJoin(child, and(eq(child.authorityId, plan.authorityId), eq(child.id, plan.childId)))
    .where(and(eq(plan.authorityId, authorityId), eq(plan.id, planId)));
  return row;
}

export async function findPlanOfCase(executor: Executor, authorityId: string, caseId: string, type: string): Promise<PlanRow | undefined> {
  const [row] = await executor
    .select()
    .from(plan)
    .where(and(eq(plan.authorityId, authorityId), eq(plan.caseId, caseId), eq(plan.type, type)));
  return row;
}

/** Holds the plan for the rest of the transaction: one save or issue of a plan at a time. */
export async function lockPlan(executor: Executor, authorityId: string, planId: string): Promise<void> {
  await executor.execute(sql`SELECT id FROM plan WHERE authority_id = ${authorityId} AND id = ${planId} FOR UPDATE`);
}

/** One plan, or many at once (the bench seeds plans on data made at scale). */
export async function insertPlan(executor: Executor, rows: typeof plan.$inferInsert | (typeof plan.$inferInsert)[]): Promise<void> {
  const list = Array.isArray(rows) ? rows : [rows];
  if (list.length > 0) await executor.insert(plan).values(list);
}

export async function insertVersion(executor: Executor, rows: typeof planVersion.$inferInsert | (typeof planVersion.$inferInsert)[]): Promise<void> {
  const list = Array.isArray(rows) ? rows : [rows];
  if (list.length > 0) await executor.insert(planVersion).values(list);
}

export async function insertRevision(executor: Executor, row: typeof planRevision.$inferInsert): Promise<void> {
  await executor.insert(planRevision).values(row);
}

/** The plan's versions, oldest first. */
export async function listVersions(executor: Executor, authorityId: string, planId: string): Promise<PlanVersionRow[]> {
  return executor
    .select()
    .from(planVersion)
    .where(and(eq(planVersion.authorityId, authorityId), eq(planVersion.planId, planId)))
    .orderBy(asc(planVersion.number));
}

/** The content of a working version as it was saved at one revision. */
export async function findRevision(executor: Executor, authorityId: string, versionId: string, revision: number): Promise<PlanRevisionRow | undefined> {
  const [row] = await executor
    .select()
    .from(planRevision)
    .where(and(eq(planRevision.authorityId, authorityId), eq(planRevision.versionId, versionId), eq(planRevision.revision, revision)));
  return row;
}

/** Saves the working version's content as its next revision; false when it is no longer at `revision` (someone saved first). */
export async function saveWorkingContent(
  executor: Executor,
  authorityId: string,
  versionId: string,
  revision: number,
  change: { content: unknown; schemaVersion: number; updatedBy: string; updatedAt: Date },
): Promise<boolean> {
  const rows = await executor
    .update(planVersion)
    .set({ content: change.content, schemaVersion: change.schemaVersion, revision: revision + 1, updatedBy: change.updatedBy, updatedAt: change.updatedAt })
    .where(and(eq(planVersion.authorityId, authorityId), eq(planVersion.id, versionId), eq(planVersion.status, 'working'), eq(planVersion.revision, revision)))
    .returning({ id: planVersion.id });
  return rows.length === 1;
}

/** Freezes the working version as issued. The database refuses any change to it after this. */
export async function issueVersion(
  executor: Executor,
  authorityId: string,
  versionId: string,
  issue: { status: 'draft' | 'final'; issuedOn: string; issuedAt: Date; issuedBy: string; eventId: string; overrides: unknown; letterId: string | null },
): Promise<void> {
  await executor
    .update(planVersion)
    .set(issue)
    .where(and(eq(planVersion.authorityId, authorityId), eq(planVersion.id, versionId), eq(planVersion.status, 'working')));
}

/** The schools of the register with these URNs. */
export async function schoolsByUrn(executor: Executor, urns: readonly number[]): Promise<{ urn: number; name: string; postcode: string | null }[]> {
  if (urns.length === 0) return [];
  return executor.select({ urn: school.urn, name: school.name, postcode: school.postcode }).from(school).where(inArray(school.urn, [...urns]));
}

/** The advice received in the case's assessment, oldest first: what section K lists. */
export async function listAdviceReceived(executor: Executor, authorityId: string, caseId: string) {
  return executor
    .select({ id: adviceRequest.id, kind: adviceRequest.kind, organisation: adviceRequest.organisation, professionalName: adviceRequest.professionalName, receivedOn: adviceRequest.receivedOn })
    .from(adviceRequest)
    .where(and(eq(adviceRequest.authorityId, authorityId), eq(adviceRequest.caseId, caseId), eq(adviceRequest.status, 'received')))
    .orderBy(asc(adviceRequest.receivedOn), asc(adviceRequest.id));
}

/** The child's parents and carers, the main contact first: whom the plan's notices go to. */
export async function listParents(executor: Executor, authorityId: string, childId: string): Promise<{ personId: string }[]> {
  return executor
    .select({ personId: person.id })
    .from(childPerson)
    .innerJoin(person, and(eq(person.authorityId, childPerson.authorityId), eq(person.id, childPerson.personId)))
    .where(and(eq(childPerson.authorityId, authorityId), eq(childPerson.childId, childId), isNull(childPerson.unlinkedAt)))
    .orderBy(desc(childPerson.mainContact), desc(childPerson.parentalResponsibility), asc(person.surname), asc(person.id));
}

/** A version of a plan issued as final or amended, with the school its section I names (a URN), if any. */
export interface IssuedPlacement {
  caseId: string;
  status: string;
  issuedOn: string;
  urn: number | null;
}

/** The cases with a final or amended plan issued between the two days (inclusive). */
export async function casesWithPlansIssuedBetween(executor: Executor, authorityId: string, from: string, to: string): Promise<string[]> {
  const rows = await executor
    .selectDistinct({ caseId: plan.caseId })
    .from(planVersion)
    .innerJoin(plan, and(eq(plan.authorityId, planVersion.authorityId), eq(plan.id, planVersion.planId)))
    .where(and(eq(planVersion.authorityId, authorityId), inArray(planVersion.status, ['final', 'amended']), between(planVersion.issuedOn, from, to)));
  return rows.map((row) => row.caseId);
}

/**
 * The placements named by the final and amended versions issued on the cases given, oldest first:
 * what a phase transfer reads to know the current placement and whether the next one is named.
 */
export async function issuedPlacementsOfCases(executor: Executor, authorityId: string, caseIds: readonly string[]): Promise<IssuedPlacement[]> {
  if (caseIds.length === 0) return [];
  return executor
    .select({
      caseId: plan.caseId,
      status: planVersion.status,
      issuedOn: sql<string>`${planVersion.issuedOn}::text`,
      urn: sql<number | null>`CASE WHEN ${planVersion.content}->'i'->>'kind' = 'school' THEN (${planVersion.content}->'i'->>'urn')::int END`,
    })
    .from(planVersion)
    .innerJoin(plan, and(eq(plan.authorityId, planVersion.authorityId), eq(plan.id, planVersion.planId)))
    .where(and(eq(planVersion.authorityId, authorityId), inArray(plan.caseId, [...caseIds]), inArray(planVersion.status, ['final', 'amended'])))
    .orderBy(asc(planVersion.issuedOn), asc(planVersion.number));
}

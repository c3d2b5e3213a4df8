// Allocation's SQL: the officers a case may be given to, the cases locked for a change of holder,
// and the caseload's figures for the API.
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { child, ehcCase, officerCaseload, staffUser } from '../../db/schema/index.ts';

export interface OfficerRow {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
}

/** The authority's active case officers with how many open cases each holds, by name. */
export async function listActiveCaseOfficers(executor: Executor, authorityId: string): Promise<{ id: string; name: string; openCases: number }[]> {
  return executor
    .select({ id: staffUser.id, name: staffUser.name, openCases: sql<number>`coalesce(${officerCaseload.openCases}, 0)::int` })
    .from(staffUser)
    .leftJoin(officerCaseload, and(eq(officerCaseload.authorityId, staffUser.authorityId), eq(officerCaseload.officerId, staffUser.id)))
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.role, 'case_officer'), isNull(staffUser.deactivatedAt)))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
}

/**
 * The officer, of this authority only. With `share`, the row is held until the transaction ends:
 * deactivating the account waits for the allocation, then its trigger finds the cases it holds.
 */
export async function findOfficer(executor: Executor, authorityId: string, officerId: string, options: { share?: boolean } = {}): Promise<OfficerRow | undefined> {
  const query = executor
    .select({ id: staffUser.id, name: staffUser.name, email: staffUser.email, role: staffUser.role, active: sql<boolean>`${staffUser.deactivatedAt} IS NULL` })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, officerId)));
  const rows = options.share ? await query.for('share') : await query;
  return rows[0];
}

export interface LockedCaseRow {
  id: string;
  reference: string;
  childId: string;
  officerId: string | null;
  officerName: string | null;
  unallocatedSince: string | null;
  closedOn: string | null;
  /** When the case's current holder (or its wait in the queue) started. */
  heldSince: Date | null;
}

/**
 * The cases, each row locked until the transaction ends, taken in id order: two managers moving
 * overlapping sets of cases wait for each other instead of deadlocking, and the second reads the
 * cases as the first left them.
 */
export async function lockCases(executor: Executor, authorityId: string, caseIds: readonly string[]): Promise<LockedCaseRow[]> {
  const locked = await executor
    .select({ id: ehcCase.id })
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), inArray(ehcCase.id, [...caseIds])))
    .orderBy(asc(ehcCase.id))
    .for('update');
  if (locked.length === 0) return [];
  return executor
    .select({
      id: ehcCase.id,
      reference: ehcCase.reference,
      childId: ehcCase.childId,
      officerId: ehcCase.officerId,
      officerName: staffUser.name,
      unallocatedSince: ehcCase.unallocatedSince,
      closedOn: ehcCase.closedOn,
      heldSince: sql<Date | null>`(SELECT h."held_from" FROM "case_holder" h WHERE h."authority_id" = ${ehcCase.authorityId} AND h."case_id" = ${ehcCase.id} AND h."held_to" IS NULL)`.mapWith(
        (value: string | Date | null) => (value === null ? null : new Date(value)),
      ),
    })
    .from(ehcCase)
    .leftJoin(staffUser, and(eq(staffUser.authorityId, ehcCase.authorityId), eq(staffUser.id, ehcCase.officerId)))
    .where(and(eq(ehcCase.authorityId, authorityId), inArray(ehcCase.id, locked.map((row) => row.id))))
    .orderBy(asc(ehcCase.id));
}

/** Gives the cases to the officer: out of the unallocated queue. The triggers of migration 0007 move the officers' counts. */
export async function setOfficer(executor: Executor, authorityId: string, caseIds: readonly string[], officerId: string): Promise<void> {
  await executor
    .update(ehcCase)
    .set({ officerId, unallocatedSince: null, version: sql`${ehcCase.version} + 1` })
    .where(and(eq(ehcCase.authorityId, authorityId), inArray(ehcCase.id, [...caseIds])));
}

export interface CaseOfficerRow {
  caseId: string;
  reference: string;
  stage: string;
  officerId: string | null;
  officerName: string | null;
  unallocatedSince: string | null;
  closedOn: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
}

/** A case with its child's names and its officer, for the case's officer page. */
export async function findCaseOfficer(executor: Executor, authorityId: string, caseId: string): Promise<CaseOfficerRow | undefined> {
  const rows = await executor
    .select({
      caseId: ehcCase.id,
      reference: ehcCase.reference,
      stage: ehcCase.stage,
      officerId: ehcCase.officerId,
      officerName: staffUser.name,
      unallocatedSince: ehcCase.unallocatedSince,
      closedOn: ehcCase.closedOn,
      childId: child.id,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
    })
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, ehcCase.authorityId), eq(staffUser.id, ehcCase.officerId)))
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
  return rows[0];
}

/** Every active case officer's count of open cases, none left out for holding none. */
export async function caseloadByOfficer(executor: Executor, authorityId: string): Promise<{ id: string; name: string; email: string; openCases: number }[]> {
  return executor
    .select({ id: staffUser.id, name: staffUser.name, email: staffUser.email, openCases: sql<number>`coalesce(${officerCaseload.openCases}, 0)::int` })
    .from(staffUser)
    .leftJoin(officerCaseload, and(eq(officerCaseload.authorityId, staffUser.authorityId), eq(officerCaseload.officerId, staffUser.id)))
    .where(and(eq(staffUser.authorityId, authorityId), isNull(staffUser.deactivatedAt), sql`(${staffUser.role} = 'case_officer' OR coalesce(${officerCaseload.openCases}, 0) > 0)`))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
}

/** The whole unallocated queue, the longest waiting first: ids and dates only (the partial index of the queue). */
export async function unallocatedQueue(executor: Executor, authorityId: string): Promise<{ caseId: string; reference: string; childId: string; stage: string; unallocatedSince: string }[]> {
  return executor
    .select({ caseId: ehcCase.id, reference: ehcCase.reference, childId: ehcCase.childId, stage: ehcCase.stage, unallocatedSince: sql<string>`${ehcCase.unallocatedSince}` })
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), isNull(ehcCase.officerId), isNull(ehcCase.closedOn)))
    .orderBy(asc(ehcCase.unallocatedSince), asc(ehcCase.reference));
}

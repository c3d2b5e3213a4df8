import { and, between, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { child, ehcCase, school, staffUser } from '../../db/schema/index.ts';

/** A child with a maintained plan whose date of birth puts them in a year group that may move. */
export interface CohortCandidate {
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  sensitive: boolean;
  caseId: string;
  reference: string;
  stage: string;
  officerId: string | null;
  officerName: string | null;
  /** The school on the child's record, when no plan names one. */
  schoolUrn: number | null;
  schoolName: string | null;
  schoolPhase: string | null;
  schoolType: string | null;
}

/**
 * The children with an open case holding a plan (stage plan or review) born in any of the ranges
 * given: one index range read per year group (child_birth_date_idx), however many plans the
 * council maintains. `caseId` narrows it to one case.
 */
export async function cohortCandidates(executor: Executor, authorityId: string, births: readonly { from: string; to: string }[], caseId?: string, onlyCases?: readonly string[]): Promise<CohortCandidate[]> {
  if (births.length === 0 || onlyCases?.length === 0) return [];
  return executor
    .select({
      childId: child.id,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
      dateOfBirth: child.dateOfBirth,
      sensitive: child.sensitive,
      caseId: ehcCase.id,
      reference: ehcCase.reference,
      stage: ehcCase.stage,
      officerId: ehcCase.officerId,
      officerName: staffUser.name,
      schoolUrn: school.urn,
      schoolName: school.name,
      schoolPhase: school.phase,
      schoolType: school.type,
    })
    .from(child)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, child.authorityId), eq(ehcCase.childId, child.id), isNull(ehcCase.closedOn), inArray(ehcCase.stage, ['plan', 'review'])))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, ehcCase.authorityId), eq(staffUser.id, ehcCase.officerId)))
    .leftJoin(school, eq(school.id, child.schoolId))
    .where(and(eq(child.authorityId, authorityId), or(...births.map((range) => between(child.dateOfBirth, range.from, range.to))), ...(caseId ? [eq(ehcCase.id, caseId)] : []), ...(onlyCases ? [inArray(ehcCase.id, [...onlyCases])] : [])));
}

/** Schools of the national register by URN, as a phase transfer names them. */
export async function schoolsByUrn(executor: Executor, urns: readonly number[]): Promise<{ urn: number; name: string; phase: string; type: string }[]> {
  if (urns.length === 0) return [];
  return executor.select({ urn: school.urn, name: school.name, phase: school.phase, type: school.type }).from(school).where(inArray(school.urn, [...urns]));
}

/** Whether the case is this council's (for the per-child page's 404). */
export async function caseExists(executor: Executor, authorityId: string, caseId: string): Promise<boolean> {
  const [row] = await executor.select({ one: sql<number>`1` }).from(ehcCase).where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId))).limit(1);
  return row !== undefined;
}

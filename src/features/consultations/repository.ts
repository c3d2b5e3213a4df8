import { and, asc, eq, getTableColumns, gte, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { child, draftRepresentation, ehcCase, school, portalAccount, schoolConsultation, staffUser } from '../../db/schema/index.ts';

export type ConsultationRow = typeof schoolConsultation.$inferSelect;
export type RepresentationRow = typeof draftRepresentation.$inferSelect;

/** The school as the register lists it, as a consultation or a preference shows it. */
export interface SchoolSummary {
  id: string;
  urn: number;
  name: string;
  phase: string;
  type: string;
  status: string;
}

export interface ConsultationWithSchool extends ConsultationRow {
  schoolUrn: number;
  schoolName: string;
  schoolPhase: string;
  schoolType: string;
}

export interface RepresentationWithSchool extends RepresentationRow {
  schoolUrn: number | null;
  schoolName: string | null;
  recordedByName: string | null;
  /** Sent by the family through the portal, not recorded by an officer. */
  fromPortal?: boolean;
}

/** The case and child a page or a letter about consultations needs. */
export interface ConsultationCase {
  caseId: string;
  reference: string;
  stage: string;
  closedOn: string | null;
  officerId: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
}

export async function findConsultationCase(executor: Executor, authorityId: string, caseId: string): Promise<ConsultationCase | undefined> {
  const [row] = await executor
    .select({
      caseId: ehcCase.id,
      reference: ehcCase.reference,
      stage: ehcCase.stage,
      closedOn: ehcCase.closedOn,
      officerId: ehcCase.officerId,
      childId: child.id,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
    })
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)))
    .limit(1);
  return row;
}

/** A school of the national register by its URN (the register is every council's). */
export async function findSchoolByUrn(executor: Executor, urn: number): Promise<SchoolSummary | undefined> {
  const [row] = await executor
    .select({ id: school.id, urn: school.urn, name: school.name, phase: school.phase, type: school.type, status: school.status })
    .from(school)
    .where(eq(school.urn, urn))
    .limit(1);
  return row;
}

const withSchool = { schoolUrn: school.urn, schoolName: school.name, schoolPhase: school.phase, schoolType: school.type };

export async function insertConsultation(executor: Executor, row: typeof schoolConsultation.$inferInsert): Promise<void> {
  await executor.insert(schoolConsultation).values(row);
}

export async function findConsultation(executor: Executor, authorityId: string, id: string): Promise<ConsultationWithSchool | undefined> {
  const [row] = await executor
    .select({ ...getTableColumns(schoolConsultation), ...withSchool })
    .from(schoolConsultation)
    .innerJoin(school, eq(school.id, schoolConsultation.schoolId))
    .where(and(eq(schoolConsultation.authorityId, authorityId), eq(schoolConsultation.id, id)))
    .limit(1);
  return row;
}

/** The consultation, locked until the caller's transaction ends: the second of two changes waits, then sees the first. */
export async function lockConsultation(executor: Executor, authorityId: string, id: string): Promise<ConsultationRow | undefined> {
  const [row] = await executor
    .select()
    .from(schoolConsultation)
    .where(and(eq(schoolConsultation.authorityId, authorityId), eq(schoolConsultation.id, id)))
    .limit(1)
    .for('update');
  return row;
}

/** The consultation of this school on this case still awaiting an answer, if any. */
export async function findAwaitingConsultation(executor: Executor, authorityId: string, caseId: string, schoolId: string): Promise<ConsultationRow | undefined> {
  const [row] = await executor
    .select()
    .from(schoolConsultation)
    .where(and(eq(schoolConsultation.authorityId, authorityId), eq(schoolConsultation.caseId, caseId), eq(schoolConsultation.schoolId, schoolId), eq(schoolConsultation.status, 'awaiting')))
    .limit(1);
  return row;
}

export async function listCaseConsultations(executor: Executor, authorityId: string, caseId: string): Promise<ConsultationWithSchool[]> {
  return executor
    .select({ ...getTableColumns(schoolConsultation), ...withSchool })
    .from(schoolConsultation)
    .innerJoin(school, eq(school.id, schoolConsultation.schoolId))
    .where(and(eq(schoolConsultation.authorityId, authorityId), eq(schoolConsultation.caseId, caseId)))
    .orderBy(asc(schoolConsultation.sentOn), asc(schoolConsultation.createdAt), asc(schoolConsultation.id));
}

export type ConsultationChanges = Partial<Pick<ConsultationRow, 'status' | 'response' | 'reasons' | 'respondedOn' | 'withdrawnReason' | 'lastChasedAt'>> & {
  updatedAt: Date;
  /** One more chaser sent. */
  chased?: boolean;
};

/** Changes a consultation if it is still at the version given: the changed row, or undefined when someone changed it first. */
export async function updateConsultation(executor: Executor, authorityId: string, id: string, version: number, changes: ConsultationChanges): Promise<ConsultationRow | undefined> {
  const { chased, ...rest } = changes;
  const [row] = await executor
    .update(schoolConsultation)
    .set({ ...rest, ...(chased ? { chasersSent: sql`${schoolConsultation.chasersSent} + 1` } : {}), version: sql`${schoolConsultation.version} + 1` })
    .where(and(eq(schoolConsultation.authorityId, authorityId), eq(schoolConsultation.id, id), eq(schoolConsultation.version, version)))
    .returning();
  return row;
}

export async function insertRepresentation(executor: Executor, row: typeof draftRepresentation.$inferInsert): Promise<void> {
  await executor.insert(draftRepresentation).values(row);
}

/** What the family said about the draft, in the order it came. */
export async function listCaseRepresentations(executor: Executor, authorityId: string, caseId: string): Promise<RepresentationWithSchool[]> {
  return executor
    .select({
      ...getTableColumns(draftRepresentation),
      schoolUrn: school.urn,
      schoolName: school.name,
      recordedByName: sql<string | null>`coalesce(${staffUser.name}, ${portalAccount.name})`,
      fromPortal: sql<boolean>`${portalAccount.id} IS NOT NULL`,
    })
    .from(draftRepresentation)
    .leftJoin(school, eq(school.id, draftRepresentation.schoolId))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, draftRepresentation.authorityId), sql`${staffUser.id}::text = ${draftRepresentation.recordedBy}`))
    // Sent by the family through the portal: recorded_by is 'portal:' and the account's id.
    .leftJoin(portalAccount, and(eq(portalAccount.authorityId, draftRepresentation.authorityId), sql`'portal:' || ${portalAccount.id}::text = ${draftRepresentation.recordedBy}`))
    .where(and(eq(draftRepresentation.authorityId, authorityId), eq(draftRepresentation.caseId, caseId)))
    .orderBy(asc(draftRepresentation.receivedOn), asc(draftRepresentation.recordedAt), asc(draftRepresentation.id));
}

export interface OverdueConsultationRow {
  id: string;
  caseId: string;
  reference: string;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  officerName: string | null;
  schoolUrn: number;
  schoolName: string;
  contactName: string;
  sentOn: string;
  dueOn: string;
  chasersSent: number;
  lastChasedAt: Date | null;
}

/** Consultations still awaiting an answer after their due date on open cases (one officer's, or all), the longest overdue first. */
export async function listOverdueConsultations(executor: Executor, authorityId: string, today: string, scope: { officerId?: string | undefined }, limit: number): Promise<OverdueConsultationRow[]> {
  return executor
    .select({
      id: schoolConsultation.id,
      caseId: ehcCase.id,
      reference: ehcCase.reference,
      childId: child.id,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
      officerName: staffUser.name,
      schoolUrn: school.urn,
      schoolName: school.name,
      contactName: schoolConsultation.contactName,
      sentOn: schoolConsultation.sentOn,
      dueOn: schoolConsultation.dueOn,
      chasersSent: schoolConsultation.chasersSent,
      lastChasedAt: schoolConsultation.lastChasedAt,
    })
    .from(schoolConsultation)
    .innerJoin(school, eq(school.id, schoolConsultation.schoolId))
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, schoolConsultation.authorityId), eq(ehcCase.id, schoolConsultation.caseId)))
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, ehcCase.authorityId), eq(staffUser.id, ehcCase.officerId)))
    .where(
      and(
        eq(schoolConsultation.authorityId, authorityId),
        eq(schoolConsultation.status, 'awaiting'),
        lt(schoolConsultation.dueOn, today),
        sql`${ehcCase.closedOn} IS NULL`,
        scope.officerId ? eq(ehcCase.officerId, scope.officerId) : undefined,
      ),
    )
    .orderBy(asc(schoolConsultation.dueOn), asc(school.name), asc(schoolConsultation.id))
    .limit(limit);
}

/** A consultation on one of many cases, as a list of transfers shows it. */
export interface CaseConsultationSummary {
  id: string;
  caseId: string;
  schoolUrn: number;
  schoolName: string;
  sentOn: string;
  dueOn: string;
  status: string;
  response: string | null;
}

/** The consultations sent on the cases given from a day on, oldest first. */
export async function consultationsOfCases(executor: Executor, authorityId: string, caseIds: readonly string[], since: string): Promise<CaseConsultationSummary[]> {
  if (caseIds.length === 0) return [];
  return executor
    .select({
      id: schoolConsultation.id,
      caseId: schoolConsultation.caseId,
      schoolUrn: school.urn,
      schoolName: school.name,
      sentOn: schoolConsultation.sentOn,
      dueOn: schoolConsultation.dueOn,
      status: schoolConsultation.status,
      response: schoolConsultation.response,
    })
    .from(schoolConsultation)
    .innerJoin(school, eq(school.id, schoolConsultation.schoolId))
    .where(and(eq(schoolConsultation.authorityId, authorityId), inArray(schoolConsultation.caseId, [...caseIds]), gte(schoolConsultation.sentOn, since)))
    .orderBy(asc(schoolConsultation.sentOn), asc(schoolConsultation.id));
}

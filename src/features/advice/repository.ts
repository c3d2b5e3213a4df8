import { and, asc, eq, getTableColumns, inArray, lt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { adviceChase, adviceRequest, child, document, ehcCase, portalAccount, portalProfessionalLink, school, staffUser } from '../../db/schema/index.ts';

export type AdviceRequestRow = typeof adviceRequest.$inferSelect;
export type AdviceChaseRow = typeof adviceChase.$inferSelect;

/** A request with the title and name of the document that holds its advice, if any. */
export interface AdviceRequestWithDocument extends AdviceRequestRow {
  documentTitle: string | null;
  documentFilename: string | null;
  documentMediaType: string | null;
}

/** The case and child a page or a letter about advice needs. */
export interface AdviceCase {
  caseId: string;
  reference: string;
  stage: string;
  closedOn: string | null;
  officerId: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
}

const caseColumns = {
  caseId: ehcCase.id,
  reference: ehcCase.reference,
  stage: ehcCase.stage,
  closedOn: ehcCase.closedOn,
  officerId: ehcCase.officerId,
  childId: child.id,
  forename: child.forename,
  surname: child.surname,
  preferredName: child.preferredName,
  dateOfBirth: child.dateOfBirth,
};

export async function findAdviceCase(executor: Executor, authorityId: string, caseId: string): Promise<AdviceCase | undefined> {
  const [row] = await executor
    .select(caseColumns)
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)))
    .limit(1);
  return row;
}

export async function insertAdviceRequest(executor: Executor, row: typeof adviceRequest.$inferInsert): Promise<void> {
  await executor.insert(adviceRequest).values(row);
}

const withDocument = {
  documentTitle: document.title,
  documentFilename: document.filename,
  documentMediaType: document.mediaType,
};

export async function findAdviceRequest(executor: Executor, authorityId: string, id: string): Promise<AdviceRequestWithDocument | undefined> {
  const [row] = await executor
    .select({ ...getTableColumns(adviceRequest), ...withDocument })
    .from(adviceRequest)
    .leftJoin(document, and(eq(document.authorityId, adviceRequest.authorityId), eq(document.id, adviceRequest.documentId)))
    .where(and(eq(adviceRequest.authorityId, authorityId), eq(adviceRequest.id, id)))
    .limit(1);
  return row;
}

/** The request, locked until the caller's transaction ends: the second of two changes waits, then sees the first. */
export async function lockAdviceRequest(executor: Executor, authorityId: string, id: string): Promise<AdviceRequestRow | undefined> {
  const [row] = await executor
    .select()
    .from(adviceRequest)
    .where(and(eq(adviceRequest.authorityId, authorityId), eq(adviceRequest.id, id)))
    .limit(1)
    .for('update');
  return row;
}

/** A case's requests for advice, in the order they were sent. */
export async function listCaseAdviceRequests(executor: Executor, authorityId: string, caseId: string): Promise<AdviceRequestWithDocument[]> {
  return executor
    .select({ ...getTableColumns(adviceRequest), ...withDocument })
    .from(adviceRequest)
    .leftJoin(document, and(eq(document.authorityId, adviceRequest.authorityId), eq(document.id, adviceRequest.documentId)))
    .where(and(eq(adviceRequest.authorityId, authorityId), eq(adviceRequest.caseId, caseId)))
    .orderBy(asc(adviceRequest.sentOn), asc(adviceRequest.createdAt), asc(adviceRequest.id));
}

export type AdviceRequestChanges = Partial<Pick<AdviceRequestRow, 'status' | 'receivedOn' | 'documentId' | 'exceptionGround' | 'exceptionReason' | 'closedReason' | 'adviceText'>> & { updatedAt: Date };

/**
 * Changes an awaited request, if it is still at the version given (any version when none is):
 * the changed row, or undefined when someone changed it first.
 */
export async function updateAdviceRequest(
  executor: Executor,
  authorityId: string,
  id: string,
  version: number,
  changes: AdviceRequestChanges,
): Promise<AdviceRequestRow | undefined> {
  const [row] = await executor
    .update(adviceRequest)
    .set({ ...changes, version: sql`${adviceRequest.version} + 1` })
    .where(and(eq(adviceRequest.authorityId, authorityId), eq(adviceRequest.id, id), eq(adviceRequest.version, version)))
    .returning();
  return row;
}

export async function listChases(executor: Executor, authorityId: string, requestIds: readonly string[]): Promise<AdviceChaseRow[]> {
  if (requestIds.length === 0) return [];
  return executor
    .select()
    .from(adviceChase)
    .where(and(eq(adviceChase.authorityId, authorityId), inArray(adviceChase.adviceRequestId, [...requestIds])))
    .orderBy(asc(adviceChase.sentAt));
}

/** Records a chaser as sent; false when that chaser was already recorded for the request. */
export async function insertChase(executor: Executor, row: typeof adviceChase.$inferInsert): Promise<boolean> {
  const inserted = await executor
    .insert(adviceChase)
    .values(row)
    .onConflictDoNothing({ target: [adviceChase.authorityId, adviceChase.adviceRequestId, adviceChase.chaser] })
    .returning({ id: adviceChase.id });
  return inserted.length === 1;
}

/** The message that carried a chaser. */
export async function recordChaseMessage(executor: Executor, authorityId: string, chaseId: string, messageId: string): Promise<void> {
  await executor.update(adviceChase).set({ messageId }).where(and(eq(adviceChase.authorityId, authorityId), eq(adviceChase.id, chaseId)));
}

export interface LateAdviceRow {
  id: string;
  caseId: string;
  reference: string;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  officerId: string | null;
  officerName: string | null;
  kind: string;
  organisation: string;
  professionalName: string | null;
  sentOn: string;
  dueOn: string;
  dueBasis: string;
  chases: number;
  lastChasedAt: Date | null;
}

export interface LateAdviceScope {
  /** One officer's cases only. */
  officerId?: string | undefined;
  organisation?: string | undefined;
}

function lateConditions(authorityId: string, today: string, scope: LateAdviceScope) {
  return and(
    eq(adviceRequest.authorityId, authorityId),
    eq(adviceRequest.status, 'requested'),
    sql`${adviceRequest.exceptionGround} IS NULL`,
    lt(adviceRequest.dueOn, today),
    sql`${ehcCase.closedOn} IS NULL`,
    scope.officerId ? eq(ehcCase.officerId, scope.officerId) : undefined,
    scope.organisation ? eq(adviceRequest.organisation, scope.organisation) : undefined,
  );
}

/** Advice still awaited after its due date on open cases, the longest late first. */
export async function listLateAdvice(executor: Executor, authorityId: string, today: string, scope: LateAdviceScope, limit: number): Promise<LateAdviceRow[]> {
  return executor
    .select({
      id: adviceRequest.id,
      caseId: ehcCase.id,
      reference: ehcCase.reference,
      childId: child.id,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
      officerId: ehcCase.officerId,
      officerName: staffUser.name,
      kind: adviceRequest.kind,
      organisation: adviceRequest.organisation,
      professionalName: adviceRequest.professionalName,
      sentOn: adviceRequest.sentOn,
      dueOn: adviceRequest.dueOn,
      dueBasis: adviceRequest.dueBasis,
      chases: sql<number>`(SELECT count(*)::int FROM "advice_chase" ac WHERE ac."authority_id" = ${adviceRequest.authorityId} AND ac."advice_request_id" = ${adviceRequest.id})`,
      lastChasedAt: sql<Date | null>`(SELECT max(ac."sent_at") FROM "advice_chase" ac WHERE ac."authority_id" = ${adviceRequest.authorityId} AND ac."advice_request_id" = ${adviceRequest.id})`.mapWith(
        (value: string | Date | null) => (value === null ? null : new Date(value)),
      ),
    })
    .from(adviceRequest)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, adviceRequest.authorityId), eq(ehcCase.id, adviceRequest.caseId)))
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, ehcCase.authorityId), eq(staffUser.id, ehcCase.officerId)))
    .where(lateConditions(authorityId, today, scope))
    .orderBy(asc(adviceRequest.dueOn), asc(adviceRequest.organisation), asc(adviceRequest.id))
    .limit(limit);
}

/** How many requests are late in the scope, and the organisations they are late from (for the filter). */
export async function lateAdviceOrganisations(executor: Executor, authorityId: string, today: string, scope: Omit<LateAdviceScope, 'organisation'>): Promise<{ organisation: string; late: number }[]> {
  return executor
    .select({ organisation: adviceRequest.organisation, late: sql<number>`count(*)::int` })
    .from(adviceRequest)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, adviceRequest.authorityId), eq(ehcCase.id, adviceRequest.caseId)))
    .where(lateConditions(authorityId, today, scope))
    .groupBy(adviceRequest.organisation)
    .orderBy(asc(adviceRequest.organisation));
}

/**
 * The advice giver's portal account a request by e-mail to this address for this kind of advice
 * is addressed to: a professional account of the council, not disabled, linked for the kind.
 */
export async function findProfessionalAccountFor(executor: Executor, authorityId: string, email: string, kind: string): Promise<string | undefined> {
  const [row] = await executor
    .select({ id: portalAccount.id })
    .from(portalAccount)
    .innerJoin(portalProfessionalLink, and(eq(portalProfessionalLink.authorityId, portalAccount.authorityId), eq(portalProfessionalLink.accountId, portalAccount.id)))
    .where(
      and(
        eq(portalAccount.authorityId, authorityId),
        eq(portalAccount.email, email.trim().toLowerCase()),
        eq(portalAccount.kind, 'professional'),
        sql`${portalAccount.status} <> 'disabled'`,
        eq(portalProfessionalLink.adviceKind, kind),
      ),
    )
    .limit(1);
  return row?.id;
}

/** What an advice giver sees of a request addressed to them and its child: no address, no needs, no family. */
export interface PortalAdviceRequestRow {
  id: string;
  caseId: string;
  kind: string;
  organisation: string;
  professionalName: string | null;
  sentOn: string;
  dueOn: string;
  dueBasis: string;
  qualifiedTeacherNote: string | null;
  organisationType: string;
  channel: string;
  receivedByBodyOn: string | null;
  version: number;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  schoolName: string | null;
}

const portalRequestColumns = {
  id: adviceRequest.id,
  caseId: adviceRequest.caseId,
  kind: adviceRequest.kind,
  organisation: adviceRequest.organisation,
  professionalName: adviceRequest.professionalName,
  sentOn: adviceRequest.sentOn,
  dueOn: adviceRequest.dueOn,
  dueBasis: adviceRequest.dueBasis,
  qualifiedTeacherNote: adviceRequest.qualifiedTeacherNote,
  organisationType: adviceRequest.organisationType,
  channel: adviceRequest.channel,
  receivedByBodyOn: adviceRequest.receivedByBodyOn,
  version: adviceRequest.version,
  childId: child.id,
  forename: child.forename,
  surname: child.surname,
  preferredName: child.preferredName,
  dateOfBirth: child.dateOfBirth,
  schoolName: school.name,
};

/**
 * The requests addressed to a portal account that are still awaited, on open cases: an advice
 * giver sees a child only through one of these. With `requestId`, that one request or nothing.
 */
export async function listOpenPortalAdviceRequests(executor: Executor, authorityId: string, accountId: string, requestId?: string): Promise<PortalAdviceRequestRow[]> {
  return executor
    .select(portalRequestColumns)
    .from(adviceRequest)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, adviceRequest.authorityId), eq(ehcCase.id, adviceRequest.caseId)))
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .leftJoin(school, eq(school.id, child.schoolId))
    .where(
      and(
        eq(adviceRequest.authorityId, authorityId),
        eq(adviceRequest.portalAccountId, accountId),
        eq(adviceRequest.status, 'requested'),
        sql`${ehcCase.closedOn} IS NULL`,
        requestId === undefined ? undefined : eq(adviceRequest.id, requestId),
      ),
    )
    .orderBy(asc(adviceRequest.dueOn), asc(adviceRequest.id));
}

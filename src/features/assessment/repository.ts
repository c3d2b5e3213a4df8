// The rows of the assessment's decisions: panels and the cases brought to them, views asked for and
// received, decisions with their reasons, withdrawals; and what the decision page reads of the
// case, the child, the case's documents and the child's people.
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  assessmentDecision,
  child,
  childPerson,
  decisionPanel,
  document,
  ehcCase,
  panelCase,
  person,
  requestWithdrawal,
  school,
  viewsReceived,
  viewsRequest,
} from '../../db/schema/index.ts';

export type PanelRow = typeof decisionPanel.$inferSelect;
export type PanelCaseRow = typeof panelCase.$inferSelect;
export type DecisionRow = typeof assessmentDecision.$inferSelect;
export type WithdrawalRow = typeof requestWithdrawal.$inferSelect;
export type ViewsRequestRow = typeof viewsRequest.$inferSelect;
export type ViewsReceivedRow = typeof viewsReceived.$inferSelect;

// --- Panels ------------------------------------------------------------------------------------

export async function insertPanel(executor: Executor, row: typeof decisionPanel.$inferInsert): Promise<void> {
  await executor.insert(decisionPanel).values(row);
}

export async function findPanel(executor: Executor, authorityId: string, panelId: string): Promise<PanelRow | undefined> {
  const rows = await executor
    .select()
    .from(decisionPanel)
    .where(and(eq(decisionPanel.authorityId, authorityId), eq(decisionPanel.id, panelId)))
    .limit(1);
  return rows[0];
}

export interface PanelListRow {
  id: string;
  heldOn: string;
  title: string;
  cases: number;
  awaiting: number;
}

// Written out in SQL: a column interpolated into a subquery is not qualified by its table.
const panelCounts = {
  id: decisionPanel.id,
  heldOn: decisionPanel.heldOn,
  title: decisionPanel.title,
  cases: sql<number>`(SELECT count(*)::int FROM "panel_case" pc WHERE pc."authority_id" = "decision_panel"."authority_id" AND pc."panel_id" = "decision_panel"."id")`,
  awaiting: sql<number>`(SELECT count(*)::int FROM "panel_case" pc WHERE pc."authority_id" = "decision_panel"."authority_id" AND pc."panel_id" = "decision_panel"."id" AND pc."recommendation" IS NULL)`,
};

/** Panels meeting on or after `from`, soonest first. */
export async function listPanelsFrom(executor: Executor, authorityId: string, from: string, limit: number): Promise<PanelListRow[]> {
  return executor
    .select(panelCounts)
    .from(decisionPanel)
    .where(and(eq(decisionPanel.authorityId, authorityId), gte(decisionPanel.heldOn, from)))
    .orderBy(asc(decisionPanel.heldOn), asc(decisionPanel.createdAt))
    .limit(limit);
}

/** Panels that met before `before`, the latest first. */
export async function listPanelsBefore(executor: Executor, authorityId: string, before: string, limit: number): Promise<PanelListRow[]> {
  return executor
    .select(panelCounts)
    .from(decisionPanel)
    .where(and(eq(decisionPanel.authorityId, authorityId), lt(decisionPanel.heldOn, before)))
    .orderBy(desc(decisionPanel.heldOn), desc(decisionPanel.createdAt))
    .limit(limit);
}

/** Brings a case to a panel; false when it is already on the panel's agenda (the unique index says so). */
export async function insertPanelCase(executor: Executor, row: typeof panelCase.$inferInsert): Promise<boolean> {
  const rows = await executor
    .insert(panelCase)
    .values(row)
    .onConflictDoNothing({ target: [panelCase.authorityId, panelCase.panelId, panelCase.caseId] })
    .returning({ id: panelCase.id });
  return rows.length === 1;
}

export async function findPanelCase(executor: Executor, authorityId: string, panelId: string, caseId: string): Promise<PanelCaseRow | undefined> {
  const rows = await executor
    .select()
    .from(panelCase)
    .where(and(eq(panelCase.authorityId, authorityId), eq(panelCase.panelId, panelId), eq(panelCase.caseId, caseId)))
    .limit(1);
  return rows[0];
}

/** Records the panel's recommendation once: false when one was recorded first (by someone else, a moment ago). */
export async function setRecommendation(
  executor: Executor,
  authorityId: string,
  panelCaseId: string,
  recommendation: { recommendation: string; note: string | null; by: string; at: Date },
): Promise<boolean> {
  const rows = await executor
    .update(panelCase)
    .set({ recommendation: recommendation.recommendation, recommendationNote: recommendation.note, recommendedBy: recommendation.by, recommendedAt: recommendation.at })
    .where(and(eq(panelCase.authorityId, authorityId), eq(panelCase.id, panelCaseId), isNull(panelCase.recommendation)))
    .returning({ id: panelCase.id });
  return rows.length === 1;
}

export interface AgendaRow {
  id: string;
  caseId: string;
  question: string;
  broughtBy: string;
  broughtAt: Date;
  recommendation: string | null;
  recommendationNote: string | null;
  recommendedBy: string | null;
  recommendedAt: Date | null;
  reference: string;
  closedOn: string | null;
  officerId: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  sensitive: boolean;
}

/** A panel's agenda: each case brought to it, in the order brought, with its child. */
export async function listAgenda(executor: Executor, authorityId: string, panelId: string): Promise<AgendaRow[]> {
  return executor
    .select({
      id: panelCase.id,
      caseId: panelCase.caseId,
      question: panelCase.question,
      broughtBy: panelCase.broughtBy,
      broughtAt: panelCase.broughtAt,
      recommendation: panelCase.recommendation,
      recommendationNote: panelCase.recommendationNote,
      recommendedBy: panelCase.recommendedBy,
      recommendedAt: panelCase.recommendedAt,
      reference: ehcCase.reference,
      closedOn: ehcCase.closedOn,
      officerId: ehcCase.officerId,
      childId: child.id,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
      sensitive: child.sensitive,
    })
    .from(panelCase)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, panelCase.authorityId), eq(ehcCase.id, panelCase.caseId)))
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .where(and(eq(panelCase.authorityId, authorityId), eq(panelCase.panelId, panelId)))
    .orderBy(asc(panelCase.broughtAt), asc(panelCase.id));
}

export interface CasePanelRow extends PanelCaseRow {
  heldOn: string;
  title: string;
}

/** The panels a case has been brought to, the earliest first. */
export async function listPanelsOfCase(executor: Executor, authorityId: string, caseId: string): Promise<CasePanelRow[]> {
  const rows = await executor
    .select({ panelCase, heldOn: decisionPanel.heldOn, title: decisionPanel.title })
    .from(panelCase)
    .innerJoin(decisionPanel, and(eq(decisionPanel.authorityId, panelCase.authorityId), eq(decisionPanel.id, panelCase.panelId)))
    .where(and(eq(panelCase.authorityId, authorityId), eq(panelCase.caseId, caseId)))
    .orderBy(asc(decisionPanel.heldOn), asc(panelCase.broughtAt));
  return rows.map((row) => ({ ...row.panelCase, heldOn: row.heldOn, title: row.title }));
}

/**
 * The panel case a decision follows: the last time the case was brought to a panel for this
 * question, at a panel that had met by the day of the decision and recommended.
 */
export async function findPanelCaseFollowed(executor: Executor, authorityId: string, caseId: string, question: string, decidedOn: string): Promise<string | undefined> {
  const rows = await executor
    .select({ id: panelCase.id })
    .from(panelCase)
    .innerJoin(decisionPanel, and(eq(decisionPanel.authorityId, panelCase.authorityId), eq(decisionPanel.id, panelCase.panelId)))
    .where(
      and(
        eq(panelCase.authorityId, authorityId),
        eq(panelCase.caseId, caseId),
        eq(panelCase.question, question),
        lte(decisionPanel.heldOn, decidedOn),
        isNotNull(panelCase.recommendation),
      ),
    )
    .orderBy(desc(decisionPanel.heldOn), desc(panelCase.broughtAt))
    .limit(1);
  return rows[0]?.id;
}

// --- Views -------------------------------------------------------------------------------------

export async function insertViewsRequest(executor: Executor, row: typeof viewsRequest.$inferInsert): Promise<void> {
  await executor.insert(viewsRequest).values(row);
}

export async function insertViewsReceived(executor: Executor, row: typeof viewsReceived.$inferInsert): Promise<void> {
  await executor.insert(viewsReceived).values(row);
}

export async function listViewsRequests(executor: Executor, authorityId: string, caseId: string): Promise<ViewsRequestRow[]> {
  return executor
    .select()
    .from(viewsRequest)
    .where(and(eq(viewsRequest.authorityId, authorityId), eq(viewsRequest.caseId, caseId)))
    .orderBy(asc(viewsRequest.askedOn), asc(viewsRequest.askedAt));
}

export async function listViewsReceived(executor: Executor, authorityId: string, caseId: string): Promise<ViewsReceivedRow[]> {
  return executor
    .select()
    .from(viewsReceived)
    .where(and(eq(viewsReceived.authorityId, authorityId), eq(viewsReceived.caseId, caseId)))
    .orderBy(asc(viewsReceived.receivedOn), asc(viewsReceived.recordedAt));
}

// --- Decisions and withdrawals -----------------------------------------------------------------

export async function insertDecision(executor: Executor, row: typeof assessmentDecision.$inferInsert): Promise<void> {
  await executor.insert(assessmentDecision).values(row);
}

export async function listDecisions(executor: Executor, authorityId: string, caseId: string): Promise<DecisionRow[]> {
  return executor
    .select()
    .from(assessmentDecision)
    .where(and(eq(assessmentDecision.authorityId, authorityId), eq(assessmentDecision.caseId, caseId)))
    .orderBy(asc(assessmentDecision.decidedOn), asc(assessmentDecision.recordedAt));
}

/** The decisions that followed these panel cases, for a panel's agenda. */
export async function listDecisionsFollowing(executor: Executor, authorityId: string, panelCaseIds: readonly string[]): Promise<DecisionRow[]> {
  if (panelCaseIds.length === 0) return [];
  return executor
    .select()
    .from(assessmentDecision)
    .where(and(eq(assessmentDecision.authorityId, authorityId), inArray(assessmentDecision.panelCaseId, [...panelCaseIds])));
}

export async function insertWithdrawal(executor: Executor, row: typeof requestWithdrawal.$inferInsert): Promise<void> {
  await executor.insert(requestWithdrawal).values(row);
}

export async function listWithdrawals(executor: Executor, authorityId: string, caseId: string): Promise<WithdrawalRow[]> {
  return executor
    .select()
    .from(requestWithdrawal)
    .where(and(eq(requestWithdrawal.authorityId, authorityId), eq(requestWithdrawal.caseId, caseId)))
    .orderBy(asc(requestWithdrawal.withdrawnOn), asc(requestWithdrawal.recordedAt));
}

// --- The case, its child, documents and people -------------------------------------------------

/**
 * Locks the case's row until the caller's transaction ends: two decisions on one case made at the
 * same moment (two managers, a retry without a key) are taken one after the other, so the second
 * finds the first and is refused.
 */
export async function lockCase(executor: Executor, authorityId: string, caseId: string): Promise<void> {
  await executor
    .select({ id: ehcCase.id })
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)))
    .for('update');
}

export interface CaseFileRow {
  caseId: string;
  reference: string;
  stage: string;
  openedOn: string;
  closedOn: string | null;
  officerId: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  schoolId: string | null;
  schoolName: string | null;
  schoolPostcode: string | null;
}

export async function findCaseFile(executor: Executor, authorityId: string, caseId: string): Promise<CaseFileRow | undefined> {
  const rows = await executor
    .select({
      caseId: ehcCase.id,
      reference: ehcCase.reference,
      stage: ehcCase.stage,
      openedOn: ehcCase.openedOn,
      closedOn: ehcCase.closedOn,
      officerId: ehcCase.officerId,
      childId: child.id,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
      dateOfBirth: child.dateOfBirth,
      schoolId: child.schoolId,
      schoolName: school.name,
      schoolPostcode: school.postcode,
    })
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .leftJoin(school, eq(school.id, child.schoolId))
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)))
    .limit(1);
  return rows[0];
}

export interface CaseDocumentRow {
  id: string;
  title: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: Date;
}

/**
 * The case's documents, newest first: the request's evidence as the decision page lists it. The
 * PDFs of the council's own letters are kept as documents too, but are not evidence.
 */
export async function listCaseDocuments(executor: Executor, authorityId: string, caseId: string): Promise<CaseDocumentRow[]> {
  return executor
    .select({ id: document.id, title: document.title, filename: document.filename, mediaType: document.mediaType, sizeBytes: document.sizeBytes, uploadedAt: document.uploadedAt })
    .from(document)
    .where(
      and(
        eq(document.authorityId, authorityId),
        eq(document.caseId, caseId),
        sql`NOT EXISTS (SELECT 1 FROM "letter" l WHERE l."authority_id" = "document"."authority_id" AND l."pdf_document_id" = "document"."id")`,
      ),
    )
    .orderBy(desc(document.uploadedAt), desc(document.id));
}

export interface ParentRow {
  personId: string;
  forename: string;
  surname: string;
  relationship: string;
  parentalResponsibility: boolean;
  mainContact: boolean;
  hasAddress: boolean;
  hasEmail: boolean;
}

/** The child's parents and carers still linked, the main contact first: whom a notice goes to. */
export async function listParents(executor: Executor, authorityId: string, childId: string): Promise<ParentRow[]> {
  return executor
    .select({
      personId: person.id,
      forename: person.forename,
      surname: person.surname,
      relationship: childPerson.relationship,
      parentalResponsibility: childPerson.parentalResponsibility,
      mainContact: childPerson.mainContact,
      hasAddress: sql<boolean>`coalesce("person"."address", '') <> ''`,
      hasEmail: sql<boolean>`coalesce("person"."email", '') <> ''`,
    })
    .from(childPerson)
    .innerJoin(person, and(eq(person.authorityId, childPerson.authorityId), eq(person.id, childPerson.personId)))
    .where(and(eq(childPerson.authorityId, authorityId), eq(childPerson.childId, childId), isNull(childPerson.unlinkedAt)))
    .orderBy(desc(childPerson.mainContact), desc(childPerson.parentalResponsibility), asc(person.surname), asc(person.id));
}

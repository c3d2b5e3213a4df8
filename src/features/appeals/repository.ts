// The only place that reads and writes the appeals register and mediation, and the case facts
// the early-resolution triage reads. Every query names the authority.
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  adviceRequest,
  appeal,
  appealOrder,
  appealSection,
  caseDeadline,
  caseEvent,
  child,
  draftRepresentation,
  ehcCase,
  mediation,
  mediationAction,
  plan,
  planVersion,
  school,
  schoolConsultation,
  staffUser,
} from '../../db/schema/index.ts';

export type AppealRow = typeof appeal.$inferSelect;
export type AppealSectionRow = typeof appealSection.$inferSelect;
export type AppealOrderRow = typeof appealOrder.$inferSelect;
export type MediationRow = typeof mediation.$inferSelect;
export type MediationActionRow = typeof mediationAction.$inferSelect;

/** The case with its child and officer, as the appeals' pages need them. */
export async function findCase(executor: Executor, authorityId: string, caseId: string) {
  const [row] = await executor
    .select({ id: ehcCase.id, childId: ehcCase.childId, reference: ehcCase.reference, officerId: ehcCase.officerId, forename: child.forename, surname: child.surname })
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
  return row;
}
export type CaseOfAppeal = NonNullable<Awaited<ReturnType<typeof findCase>>>;

/** A case event of the case, with whether a correction has withdrawn it. */
export async function findEvent(executor: Executor, authorityId: string, caseId: string, eventId: string) {
  const [row] = await executor
    .select({ id: caseEvent.id, type: caseEvent.type, occurredOn: caseEvent.occurredOn, actorId: caseEvent.actorId })
    .from(caseEvent)
    .where(and(eq(caseEvent.authorityId, authorityId), eq(caseEvent.caseId, caseId), eq(caseEvent.id, eventId)));
  if (!row) return undefined;
  const [corrected] = await executor
    .select({ n: count() })
    .from(caseEvent)
    .where(and(eq(caseEvent.authorityId, authorityId), eq(caseEvent.caseId, caseId), eq(caseEvent.correctsEventId, eventId)));
  return { ...row, corrected: (corrected?.n ?? 0) > 0 };
}

/** The decisions of a case an appeal can be made against, the latest first. */
export async function listDecisionEvents(executor: Executor, authorityId: string, caseId: string, types: readonly string[]) {
  return executor
    .select({ id: caseEvent.id, type: caseEvent.type, occurredOn: caseEvent.occurredOn, actorId: caseEvent.actorId })
    .from(caseEvent)
    .where(and(eq(caseEvent.authorityId, authorityId), eq(caseEvent.caseId, caseId), inArray(caseEvent.type, [...types])))
    .orderBy(desc(caseEvent.occurredOn), desc(caseEvent.id));
}

export async function staffName(executor: Executor, authorityId: string, id: string): Promise<string | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await executor.select({ name: staffUser.name }).from(staffUser).where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, id)));
  return row?.name;
}

export async function insertAppeal(executor: Executor, row: typeof appeal.$inferInsert, sections: (typeof appealSection.$inferInsert)[]): Promise<void> {
  await executor.insert(appeal).values(row);
  if (sections.length > 0) await executor.insert(appealSection).values(sections);
}

/** An appeal not yet concluded against a decision (a case event), if the register holds one. */
export async function liveAppealAgainst(executor: Executor, authorityId: string, decisionEventId: string): Promise<{ id: string; tribunalReference: string } | undefined> {
  const [row] = await executor
    .select({ id: appeal.id, tribunalReference: appeal.tribunalReference })
    .from(appeal)
    .where(and(eq(appeal.authorityId, authorityId), eq(appeal.decisionEventId, decisionEventId), isNull(appeal.concludedOn)))
    .limit(1);
  return row;
}

export async function findAppeal(executor: Executor, authorityId: string, appealId: string): Promise<AppealRow | undefined> {
  const [row] = await executor.select().from(appeal).where(and(eq(appeal.authorityId, authorityId), eq(appeal.id, appealId)));
  return row;
}

/** The appeal, held for the rest of the transaction: one step on an appeal at a time. */
export async function lockAppeal(executor: Executor, authorityId: string, appealId: string): Promise<AppealRow | undefined> {
  const [row] = await executor.select().from(appeal).where(and(eq(appeal.authorityId, authorityId), eq(appeal.id, appealId))).for('update');
  return row;
}

export async function updateAppeal(executor: Executor, authorityId: string, appealId: string, change: Partial<typeof appeal.$inferInsert>): Promise<void> {
  await executor.update(appeal).set(change).where(and(eq(appeal.authorityId, authorityId), eq(appeal.id, appealId)));
}

export async function listSections(executor: Executor, authorityId: string, appealId: string): Promise<AppealSectionRow[]> {
  return executor.select().from(appealSection).where(and(eq(appealSection.authorityId, authorityId), eq(appealSection.appealId, appealId))).orderBy(asc(appealSection.section));
}

export async function setSectionOutcome(executor: Executor, authorityId: string, sectionId: string, outcome: string, outcomeOn: string): Promise<void> {
  await executor.update(appealSection).set({ outcome, outcomeOn }).where(and(eq(appealSection.authorityId, authorityId), eq(appealSection.id, sectionId)));
}

export async function listOrders(executor: Executor, authorityId: string, appealId: string): Promise<AppealOrderRow[]> {
  return executor.select().from(appealOrder).where(and(eq(appealOrder.authorityId, authorityId), eq(appealOrder.appealId, appealId))).orderBy(asc(appealOrder.madeOn), asc(appealOrder.id));
}

export async function insertOrder(executor: Executor, row: typeof appealOrder.$inferInsert): Promise<void> {
  await executor.insert(appealOrder).values(row);
}

export async function findOrder(executor: Executor, authorityId: string, orderId: string): Promise<AppealOrderRow | undefined> {
  const [row] = await executor.select().from(appealOrder).where(and(eq(appealOrder.authorityId, authorityId), eq(appealOrder.id, orderId))).for('update');
  return row;
}

export async function completeOrder(executor: Executor, authorityId: string, orderId: string, compliedOn: string, compliedEventId: string): Promise<void> {
  await executor.update(appealOrder).set({ compliedOn, compliedEventId }).where(and(eq(appealOrder.authorityId, authorityId), eq(appealOrder.id, orderId)));
}

export interface RegisterFilter {
  live: boolean;
  appealType?: string;
  status?: string;
  officerId?: string;
  caseId?: string;
  childId?: string;
}

function registerWhere(authorityId: string, filter: RegisterFilter): SQL {
  const conditions: (SQL | undefined)[] = [eq(appeal.authorityId, authorityId), filter.live ? isNull(appeal.concludedOn) : isNotNull(appeal.concludedOn)];
  if (filter.appealType) conditions.push(eq(appeal.appealType, filter.appealType));
  if (filter.status) conditions.push(eq(appeal.status, filter.status));
  if (filter.officerId) conditions.push(eq(ehcCase.officerId, filter.officerId));
  if (filter.caseId) conditions.push(eq(appeal.caseId, filter.caseId));
  if (filter.childId) conditions.push(eq(appeal.childId, filter.childId));
  return and(...conditions)!;
}

/** A page of the register: live appeals by the next hearing, closed ones the latest first. */
export async function listRegister(executor: Executor, authorityId: string, filter: RegisterFilter, page: { limit: number; offset: number }) {
  const where = registerWhere(authorityId, filter);
  const rows = await executor
    .select({
      id: appeal.id,
      caseId: appeal.caseId,
      childId: appeal.childId,
      appealType: appeal.appealType,
      status: appeal.status,
      tribunalReference: appeal.tribunalReference,
      registeredOn: appeal.registeredOn,
      responseDueOn: appeal.responseDueOn,
      hearingOn: appeal.hearingOn,
      position: appeal.position,
      concludedOn: appeal.concludedOn,
      reference: ehcCase.reference,
      officerId: ehcCase.officerId,
      officerName: staffUser.name,
      forename: child.forename,
      surname: child.surname,
      openOrderDueOn: sql<string | null>`(SELECT min(${appealOrder.dueOn}) FROM ${appealOrder} WHERE ${appealOrder.authorityId} = ${appeal.authorityId} AND ${appealOrder.appealId} = ${appeal.id} AND ${appealOrder.compliedOn} IS NULL)`,
    })
    .from(appeal)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, appeal.authorityId), eq(ehcCase.id, appeal.caseId)))
    .innerJoin(child, and(eq(child.authorityId, appeal.authorityId), eq(child.id, appeal.childId)))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, ehcCase.authorityId), eq(staffUser.id, ehcCase.officerId)))
    .where(where)
    .orderBy(...(filter.live ? [sql`${appeal.hearingOn} ASC NULLS LAST`, asc(appeal.registeredOn), asc(appeal.id)] : [desc(appeal.concludedOn), desc(appeal.id)]))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await executor
    .select({ n: count() })
    .from(appeal)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, appeal.authorityId), eq(ehcCase.id, appeal.caseId)))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}
export type RegisterRow = Awaited<ReturnType<typeof listRegister>>['rows'][number];

/** The officers who hold a case with an appeal, for the register's filter. */
export async function listAppealOfficers(executor: Executor, authorityId: string) {
  return executor
    .selectDistinct({ id: staffUser.id, name: staffUser.name })
    .from(appeal)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, appeal.authorityId), eq(ehcCase.id, appeal.caseId)))
    .innerJoin(staffUser, and(eq(staffUser.authorityId, ehcCase.authorityId), eq(staffUser.id, ehcCase.officerId)))
    .where(eq(appeal.authorityId, authorityId))
    .orderBy(asc(staffUser.name));
}

// --- Mediation ----------------------------------------------------------------------------------

export async function insertMediation(executor: Executor, row: typeof mediation.$inferInsert): Promise<void> {
  await executor.insert(mediation).values(row);
}

export async function findMediation(executor: Executor, authorityId: string, mediationId: string): Promise<MediationRow | undefined> {
  const [row] = await executor.select().from(mediation).where(and(eq(mediation.authorityId, authorityId), eq(mediation.id, mediationId)));
  return row;
}

export async function lockMediation(executor: Executor, authorityId: string, mediationId: string): Promise<MediationRow | undefined> {
  const [row] = await executor.select().from(mediation).where(and(eq(mediation.authorityId, authorityId), eq(mediation.id, mediationId))).for('update');
  return row;
}

export async function updateMediation(executor: Executor, authorityId: string, mediationId: string, change: Partial<typeof mediation.$inferInsert>): Promise<void> {
  await executor.update(mediation).set(change).where(and(eq(mediation.authorityId, authorityId), eq(mediation.id, mediationId)));
}

export async function listActions(executor: Executor, authorityId: string, mediationId: string): Promise<MediationActionRow[]> {
  return executor.select().from(mediationAction).where(and(eq(mediationAction.authorityId, authorityId), eq(mediationAction.mediationId, mediationId))).orderBy(asc(mediationAction.dueOn), asc(mediationAction.id));
}

export async function insertAction(executor: Executor, row: typeof mediationAction.$inferInsert): Promise<void> {
  await executor.insert(mediationAction).values(row);
}

export async function findAction(executor: Executor, authorityId: string, actionId: string): Promise<MediationActionRow | undefined> {
  const [row] = await executor.select().from(mediationAction).where(and(eq(mediationAction.authorityId, authorityId), eq(mediationAction.id, actionId))).for('update');
  return row;
}

export async function completeAction(executor: Executor, authorityId: string, actionId: string, doneOn: string): Promise<void> {
  await executor.update(mediationAction).set({ doneOn }).where(and(eq(mediationAction.authorityId, authorityId), eq(mediationAction.id, actionId)));
}

/** Mediations of a case (or of every case when none is named) still going or with actions to do. */
export async function listMediations(executor: Executor, authorityId: string, filter: { caseId?: string; childId?: string; live?: boolean }) {
  const conditions: (SQL | undefined)[] = [eq(mediation.authorityId, authorityId)];
  if (filter.caseId) conditions.push(eq(mediation.caseId, filter.caseId));
  if (filter.childId) conditions.push(eq(mediation.childId, filter.childId));
  const openActions = sql<number>`(SELECT count(*) FROM ${mediationAction} WHERE ${mediationAction.authorityId} = ${mediation.authorityId} AND ${mediationAction.mediationId} = ${mediation.id} AND ${mediationAction.doneOn} IS NULL)::int`;
  if (filter.live) conditions.push(or(inArray(mediation.status, ['advice', 'arranging']), sql`${openActions} > 0`));
  return executor
    .select({
      id: mediation.id,
      caseId: mediation.caseId,
      childId: mediation.childId,
      about: mediation.about,
      status: mediation.status,
      outcome: mediation.outcome,
      adviserContactedOn: mediation.adviserContactedOn,
      requestedOn: mediation.requestedOn,
      heldOn: mediation.heldOn,
      certificateOn: mediation.certificateOn,
      reference: ehcCase.reference,
      officerName: staffUser.name,
      forename: child.forename,
      surname: child.surname,
      openActions,
      nextActionDueOn: sql<string | null>`(SELECT min(${mediationAction.dueOn}) FROM ${mediationAction} WHERE ${mediationAction.authorityId} = ${mediation.authorityId} AND ${mediationAction.mediationId} = ${mediation.id} AND ${mediationAction.doneOn} IS NULL)`,
    })
    .from(mediation)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, mediation.authorityId), eq(ehcCase.id, mediation.caseId)))
    .innerJoin(child, and(eq(child.authorityId, mediation.authorityId), eq(child.id, mediation.childId)))
    .leftJoin(staffUser, and(eq(staffUser.authorityId, ehcCase.authorityId), eq(staffUser.id, ehcCase.officerId)))
    .where(and(...conditions))
    .orderBy(desc(mediation.adviserContactedOn), desc(mediation.id))
    .limit(200);
}
export type MediationListRow = Awaited<ReturnType<typeof listMediations>>[number];

// --- What a tribunal would see: the facts of the cases in dispute -------------------------------

/** The case deadlines the triage reads (the 20 weeks and the decisions), for the cases named. */
export async function deadlinesOf(executor: Executor, authorityId: string, caseIds: readonly string[], ids: readonly string[]) {
  if (caseIds.length === 0) return [];
  return executor
    .select({ caseId: caseDeadline.caseId, deadlineId: caseDeadline.deadlineId, title: caseDeadline.title, dueOn: caseDeadline.dueOn, metOn: caseDeadline.metOn })
    .from(caseDeadline)
    .where(and(eq(caseDeadline.authorityId, authorityId), inArray(caseDeadline.caseId, [...caseIds]), inArray(caseDeadline.deadlineId, [...ids])));
}

/** Cases with an exception to the time limits recorded (and not withdrawn). */
export async function casesWithExceptions(executor: Executor, authorityId: string, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await executor
    .select({ caseId: caseEvent.caseId, id: caseEvent.id, correctsEventId: caseEvent.correctsEventId, type: caseEvent.type })
    .from(caseEvent)
    .where(and(eq(caseEvent.authorityId, authorityId), inArray(caseEvent.caseId, [...caseIds]), inArray(caseEvent.type, ['exception.recorded', 'step.corrected'])));
  const withdrawn = new Set(rows.map((row) => row.correctsEventId).filter(Boolean));
  return new Set(rows.filter((row) => row.type === 'exception.recorded' && !withdrawn.has(row.id)).map((row) => row.caseId));
}

/** Advice received after its due day, or still not received past it, with no exception. */
export async function lateAdvice(executor: Executor, authorityId: string, caseIds: readonly string[], today: string) {
  if (caseIds.length === 0) return [];
  return executor
    .select({ caseId: adviceRequest.caseId, organisation: adviceRequest.organisation, dueOn: adviceRequest.dueOn, receivedOn: adviceRequest.receivedOn })
    .from(adviceRequest)
    .where(
      and(
        eq(adviceRequest.authorityId, authorityId),
        inArray(adviceRequest.caseId, [...caseIds]),
        isNull(adviceRequest.exceptionGround),
        or(sql`${adviceRequest.receivedOn} > ${adviceRequest.dueOn}`, and(isNull(adviceRequest.receivedOn), sql`${adviceRequest.dueOn} < ${today}`, eq(adviceRequest.status, 'requested'))),
      ),
    );
}

/** The latest issued version of each case's plan: its content, to read as a tribunal would. */
export async function latestPlanContents(executor: Executor, authorityId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return [];
  return executor
    .selectDistinctOn([plan.caseId], { caseId: plan.caseId, number: planVersion.number, content: planVersion.content })
    .from(planVersion)
    .innerJoin(plan, and(eq(plan.authorityId, planVersion.authorityId), eq(plan.id, planVersion.planId)))
    .where(and(eq(planVersion.authorityId, authorityId), inArray(plan.caseId, [...caseIds]), isNotNull(planVersion.issuedOn)))
    .orderBy(plan.caseId, desc(planVersion.number));
}

/** The schools a family asked for, and each school's consultation answer, by case. */
export async function schoolPreferences(executor: Executor, authorityId: string, caseIds: readonly string[]) {
  if (caseIds.length === 0) return { preferences: [], consultations: [] };
  const preferences = await executor
    .select({ caseId: draftRepresentation.caseId, schoolId: draftRepresentation.schoolId, urn: school.urn, name: school.name })
    .from(draftRepresentation)
    .innerJoin(school, eq(school.id, draftRepresentation.schoolId))
    .where(and(eq(draftRepresentation.authorityId, authorityId), inArray(draftRepresentation.caseId, [...caseIds]), eq(draftRepresentation.kind, 'school-preference')));
  const consultations = await executor
    .select({ caseId: schoolConsultation.caseId, schoolId: schoolConsultation.schoolId, response: schoolConsultation.response, reasons: schoolConsultation.reasons })
    .from(schoolConsultation)
    .where(and(eq(schoolConsultation.authorityId, authorityId), inArray(schoolConsultation.caseId, [...caseIds]), eq(schoolConsultation.status, 'answered')));
  return { preferences, consultations };
}

// --- Reporting ----------------------------------------------------------------------------------

export async function reportRows(executor: Executor, authorityId: string, from: string, to: string) {
  const appeals = await executor
    .select({ id: appeal.id, appealType: appeal.appealType, registeredOn: appeal.registeredOn, position: appeal.position, settledEarly: appeal.settledEarly, concludedOn: appeal.concludedOn })
    .from(appeal)
    .where(and(eq(appeal.authorityId, authorityId), sql`${appeal.registeredOn} >= ${from}`, sql`${appeal.registeredOn} <= ${to}`));
  const sections = await executor
    .select({ appealId: appealSection.appealId, appealType: appeal.appealType, section: appealSection.section, outcome: appealSection.outcome, outcomeOn: appealSection.outcomeOn })
    .from(appealSection)
    .innerJoin(appeal, and(eq(appeal.authorityId, appealSection.authorityId), eq(appeal.id, appealSection.appealId)))
    .where(and(eq(appealSection.authorityId, authorityId), isNotNull(appealSection.outcome), sql`${appealSection.outcomeOn} >= ${from}`, sql`${appealSection.outcomeOn} <= ${to}`));
  const orders = await executor
    .select({ madeOn: appealOrder.madeOn, dueOn: appealOrder.dueOn, compliedOn: appealOrder.compliedOn })
    .from(appealOrder)
    .where(and(eq(appealOrder.authorityId, authorityId), sql`${appealOrder.dueOn} >= ${from}`, sql`${appealOrder.dueOn} <= ${to}`));
  return { appeals, sections, orders };
}

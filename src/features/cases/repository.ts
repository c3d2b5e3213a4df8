// The case and its events: the rows every casework feature writes through this feature's index.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { assessmentRequest, caseDeadline, caseEvent, caseHolder, caseReferenceCounter, ehcCase, staffUser } from '../../db/schema/index.ts';

export type CaseRow = typeof ehcCase.$inferSelect;
export type CaseEventRow = typeof caseEvent.$inferSelect;
export type CaseDeadlineRow = typeof caseDeadline.$inferSelect;

export async function findOpenCaseForChild(executor: Executor, authorityId: string, childId: string): Promise<CaseRow | undefined> {
  const rows = await executor
    .select()
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.childId, childId), isNull(ehcCase.closedOn)))
    .limit(1);
  return rows[0];
}

/** The next case number of the year for the authority; the row lock serialises concurrent requests. */
export async function takeCaseNumber(executor: Executor, authorityId: string, year: number): Promise<number> {
  const [row] = await executor
    .insert(caseReferenceCounter)
    .values({ authorityId, year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [caseReferenceCounter.authorityId, caseReferenceCounter.year],
      set: { lastNumber: sql`${caseReferenceCounter.lastNumber} + 1` },
    })
    .returning({ lastNumber: caseReferenceCounter.lastNumber });
  return row!.lastNumber;
}

export async function insertCase(executor: Executor, row: typeof ehcCase.$inferInsert): Promise<void> {
  await executor.insert(ehcCase).values(row);
}

export async function insertEvent(executor: Executor, row: typeof caseEvent.$inferInsert): Promise<void> {
  await executor.insert(caseEvent).values(row);
}

/** Replaces a case's derived deadlines and repeats the earliest open one on the case. */
export async function replaceDeadlines(executor: Executor, authorityId: string, caseId: string, deadlines: Omit<CaseDeadlineRow, 'authorityId' | 'caseId'>[]): Promise<void> {
  await executor.delete(caseDeadline).where(and(eq(caseDeadline.authorityId, authorityId), eq(caseDeadline.caseId, caseId)));
  if (deadlines.length > 0) {
    await executor.insert(caseDeadline).values(deadlines.map((deadline) => ({ ...deadline, authorityId, caseId })));
  }
  const next = deadlines.filter((deadline) => !deadline.metOn && deadline.duty === 'authority').sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))[0];
  await executor
    .update(ehcCase)
    .set({ nextDeadlineOn: next?.dueOn ?? null, nextDeadlineTitle: next?.title ?? null })
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
}

export async function listEvents(executor: Executor, authorityId: string, caseId: string): Promise<CaseEventRow[]> {
  return executor
    .select()
    .from(caseEvent)
    .where(and(eq(caseEvent.authorityId, authorityId), eq(caseEvent.caseId, caseId)))
    .orderBy(desc(caseEvent.occurredOn), desc(caseEvent.recordedAt));
}

export async function findCase(executor: Executor, authorityId: string, caseId: string): Promise<CaseRow | undefined> {
  const rows = await executor
    .select()
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)))
    .limit(1);
  return rows[0];
}

export async function updateCaseStage(executor: Executor, authorityId: string, caseId: string, stage: string, closedOn: string | null): Promise<void> {
  await executor
    .update(ehcCase)
    .set({ stage, closedOn, version: sql`${ehcCase.version} + 1` })
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
}



/** A request's date corrected: the case it opened is dated from the new day, as is the request. */
export async function redateOpening(executor: Executor, authorityId: string, caseId: string, requestId: string | undefined, receivedOn: string): Promise<void> {
  await executor
    .update(ehcCase)
    .set({ openedOn: receivedOn })
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
  if (requestId) {
    await executor
      .update(assessmentRequest)
      .set({ receivedOn })
      .where(and(eq(assessmentRequest.authorityId, authorityId), eq(assessmentRequest.id, requestId)));
  }
}

export type CaseHolderRow = typeof caseHolder.$inferSelect;

/** Ends the case's open spell (if it has one) at `at`; returns it as it was. */
export async function endHolding(executor: Executor, authorityId: string, caseId: string, at: Date): Promise<CaseHolderRow | undefined> {
  const rows = await executor
    .update(caseHolder)
    .set({ heldTo: at })
    .where(and(eq(caseHolder.authorityId, authorityId), eq(caseHolder.caseId, caseId), isNull(caseHolder.heldTo)))
    .returning();
  return rows[0];
}

/**
 * Ends the case's open spell on the day it closed: from the start of that day in England, or when
 * the spell began if the closing is dated earlier (a spell never ends before it begins).
 */
export async function endHoldingOnClosing(executor: Executor, authorityId: string, caseId: string, closedOn: string): Promise<void> {
  await executor
    .update(caseHolder)
    .set({ heldTo: sql`greatest(${caseHolder.heldFrom}, ${closedOn}::timestamp AT TIME ZONE 'Europe/London')` })
    .where(and(eq(caseHolder.authorityId, authorityId), eq(caseHolder.caseId, caseId), isNull(caseHolder.heldTo)));
}

export async function insertHolding(executor: Executor, row: typeof caseHolder.$inferInsert): Promise<void> {
  await executor.insert(caseHolder).values(row);
}

/** Ends the open spell of each of the cases at once (a hand-over of many cases). */
export async function endHoldings(executor: Executor, authorityId: string, caseIds: readonly string[], at: Date): Promise<void> {
  if (caseIds.length === 0) return;
  await executor
    .update(caseHolder)
    .set({ heldTo: at })
    .where(and(eq(caseHolder.authorityId, authorityId), inArray(caseHolder.caseId, [...caseIds]), isNull(caseHolder.heldTo)));
}

export async function insertHoldings(executor: Executor, rows: (typeof caseHolder.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await executor.insert(caseHolder).values(rows);
}

export async function insertEvents(executor: Executor, rows: (typeof caseEvent.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await executor.insert(caseEvent).values(rows);
}

/** The case's spells, the first first, each with its officer's name (null for a wait in the queue). */
export async function listHoldings(executor: Executor, authorityId: string, caseId: string): Promise<(CaseHolderRow & { officerName: string | null })[]> {
  return executor
    .select({
      id: caseHolder.id,
      authorityId: caseHolder.authorityId,
      caseId: caseHolder.caseId,
      officerId: caseHolder.officerId,
      heldFrom: caseHolder.heldFrom,
      heldTo: caseHolder.heldTo,
      change: caseHolder.change,
      reason: caseHolder.reason,
      eventId: caseHolder.eventId,
      recordedBy: caseHolder.recordedBy,
      recordedAt: caseHolder.recordedAt,
      officerName: staffUser.name,
    })
    .from(caseHolder)
    .leftJoin(staffUser, and(eq(staffUser.authorityId, caseHolder.authorityId), eq(staffUser.id, caseHolder.officerId)))
    .where(and(eq(caseHolder.authorityId, authorityId), eq(caseHolder.caseId, caseId)))
    .orderBy(asc(caseHolder.heldFrom), asc(caseHolder.id));
}

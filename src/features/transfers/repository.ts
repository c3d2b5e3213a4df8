import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { child, councilTransfer, ehcCase } from '../../db/schema/index.ts';

export type TransferRow = typeof councilTransfer.$inferSelect;

/** The case and child a move between councils is about. */
export interface TransferCase {
  caseId: string;
  reference: string;
  stage: string;
  closedOn: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
}

const caseColumns = {
  caseId: ehcCase.id,
  reference: ehcCase.reference,
  stage: ehcCase.stage,
  closedOn: ehcCase.closedOn,
  childId: child.id,
  forename: child.forename,
  surname: child.surname,
  preferredName: child.preferredName,
};

export async function findTransferCase(executor: Executor, authorityId: string, caseId: string): Promise<TransferCase | undefined> {
  const [row] = await executor
    .select(caseColumns)
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)))
    .limit(1);
  return row;
}

/** The child a plan received on a move is for. */
export async function findChild(executor: Executor, authorityId: string, childId: string): Promise<{ childId: string; forename: string; surname: string; preferredName: string | null } | undefined> {
  const [row] = await executor
    .select({ childId: child.id, forename: child.forename, surname: child.surname, preferredName: child.preferredName })
    .from(child)
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return row;
}

export async function insertTransfer(executor: Executor, row: typeof councilTransfer.$inferInsert): Promise<void> {
  await executor.insert(councilTransfer).values(row);
}

export async function findTransfer(executor: Executor, authorityId: string, transferId: string): Promise<TransferRow | undefined> {
  const [row] = await executor
    .select()
    .from(councilTransfer)
    .where(and(eq(councilTransfer.authorityId, authorityId), eq(councilTransfer.id, transferId)))
    .limit(1);
  return row;
}

/** The transfer, locked for the change in the caller's transaction. */
export async function lockTransfer(executor: Executor, authorityId: string, transferId: string): Promise<TransferRow | undefined> {
  const [row] = await executor
    .select()
    .from(councilTransfer)
    .where(and(eq(councilTransfer.authorityId, authorityId), eq(councilTransfer.id, transferId)))
    .for('update')
    .limit(1);
  return row;
}

export async function listCaseTransfers(executor: Executor, authorityId: string, caseId: string): Promise<TransferRow[]> {
  return executor
    .select()
    .from(councilTransfer)
    .where(and(eq(councilTransfer.authorityId, authorityId), eq(councilTransfer.caseId, caseId)))
    .orderBy(asc(councilTransfer.recordedAt));
}

export async function markPlanSent(executor: Executor, authorityId: string, transferId: string, sentOn: string, letterId: string | null): Promise<void> {
  await executor
    .update(councilTransfer)
    .set({ planSentOn: sentOn, letterId, version: sql`${councilTransfer.version} + 1` })
    .where(and(eq(councilTransfer.authorityId, authorityId), eq(councilTransfer.id, transferId)));
}

export async function markFamilyTold(executor: Executor, authorityId: string, transferId: string, toldOn: string): Promise<void> {
  await executor
    .update(councilTransfer)
    .set({ familyToldOn: toldOn, version: sql`${councilTransfer.version} + 1` })
    .where(and(eq(councilTransfer.authorityId, authorityId), eq(councilTransfer.id, transferId)));
}

import { and, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { caseException } from '../../db/schema/index.ts';

export type CaseExceptionRow = typeof caseException.$inferSelect;

export async function insertException(executor: Executor, row: typeof caseException.$inferInsert): Promise<void> {
  await executor.insert(caseException).values(row);
}

/** An exception recorded in error, withdrawn by a correction: kept, and counted for nothing. */
export async function withdrawException(executor: Executor, authorityId: string, caseId: string, exceptionId: string, correctionId: string): Promise<void> {
  await executor
    .update(caseException)
    .set({ withdrawnByEventId: correctionId })
    .where(and(eq(caseException.authorityId, authorityId), eq(caseException.caseId, caseId), eq(caseException.id, exceptionId), isNull(caseException.withdrawnByEventId)));
}

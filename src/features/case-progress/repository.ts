import type { Executor } from '../../db/database.ts';
import { caseException } from '../../db/schema/index.ts';

export type CaseExceptionRow = typeof caseException.$inferSelect;

export async function insertException(executor: Executor, row: typeof caseException.$inferInsert): Promise<void> {
  await executor.insert(caseException).values(row);
}

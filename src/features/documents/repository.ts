import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { document } from '../../db/schema/index.ts';

export type DocumentRow = typeof document.$inferSelect;

export async function insertDocument(executor: Executor, row: typeof document.$inferInsert): Promise<void> {
  await executor.insert(document).values(row);
}

export async function findDocument(executor: Executor, authorityId: string, id: string): Promise<DocumentRow | undefined> {
  const [row] = await executor
    .select()
    .from(document)
    .where(and(eq(document.authorityId, authorityId), eq(document.id, id)))
    .limit(1);
  return row;
}

/** A case's documents, newest first. */
export async function listCaseDocuments(executor: Executor, authorityId: string, caseId: string): Promise<DocumentRow[]> {
  return executor
    .select()
    .from(document)
    .where(and(eq(document.authorityId, authorityId), eq(document.caseId, caseId)))
    .orderBy(desc(document.uploadedAt), desc(document.id));
}

import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { assessmentRequest, child, idempotencyKey, school } from '../../db/schema/index.ts';

export async function insertChild(executor: Executor, row: typeof child.$inferInsert): Promise<void> {
  await executor.insert(child).values(row);
}

export async function childExists(executor: Executor, authorityId: string, childId: string): Promise<boolean> {
  const rows = await executor
    .select({ id: child.id })
    .from(child)
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return rows.length === 1;
}

export async function insertAssessmentRequest(executor: Executor, row: typeof assessmentRequest.$inferInsert): Promise<void> {
  await executor.insert(assessmentRequest).values(row);
}

export async function findIdempotentResponse(executor: Executor, authorityId: string, key: string) {
  const rows = await executor
    .select()
    .from(idempotencyKey)
    .where(and(eq(idempotencyKey.authorityId, authorityId), eq(idempotencyKey.key, key)))
    .limit(1);
  return rows[0];
}

export async function saveIdempotentResponse(executor: Executor, row: typeof idempotencyKey.$inferInsert): Promise<void> {
  await executor.insert(idempotencyKey).values(row);
}

export async function schoolExists(executor: Executor, schoolId: string): Promise<boolean> {
  const rows = await executor.select({ id: school.id }).from(school).where(eq(school.id, schoolId)).limit(1);
  return rows.length === 1;
}

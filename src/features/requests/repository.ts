import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { assessmentRequest, child, idempotencyKey, school } from '../../db/schema/index.ts';

/** Inserts a new child; false when another child of the authority already has the UPN (the unique index refused it). */
export async function insertChild(executor: Executor, row: typeof child.$inferInsert): Promise<boolean> {
  try {
    await executor.insert(child).values(row);
    return true;
  } catch (error) {
    if (isUniqueViolation(error, 'child_authority_upn_idx')) return false;
    throw error;
  }
}

export async function findChildBirthDate(executor: Executor, authorityId: string, childId: string): Promise<string | undefined> {
  const rows = await executor
    .select({ dateOfBirth: child.dateOfBirth })
    .from(child)
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return rows[0]?.dateOfBirth;
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

/**
 * Takes an idempotency key for its owner inside the caller's transaction. A concurrent request
 * with the same key waits on the unique index until this transaction ends, then finds the key
 * taken (false) and reads the stored answer; if this transaction rolled back, it takes the key.
 */
export async function claimIdempotencyKey(executor: Executor, row: { authorityId: string; ownerId: string; key: string; requestHash: string; createdAt: Date }): Promise<boolean> {
  const rows = await executor
    .insert(idempotencyKey)
    .values({ ...row, responseStatus: 0, responseBody: {} })
    .onConflictDoNothing({ target: [idempotencyKey.authorityId, idempotencyKey.ownerId, idempotencyKey.key] })
    .returning({ key: idempotencyKey.key });
  return rows.length === 1;
}

export async function findIdempotentResponse(executor: Executor, authorityId: string, ownerId: string, key: string) {
  const rows = await executor
    .select()
    .from(idempotencyKey)
    .where(and(eq(idempotencyKey.authorityId, authorityId), eq(idempotencyKey.ownerId, ownerId), eq(idempotencyKey.key, key)))
    .limit(1);
  return rows[0];
}

/** Stores the answer to a claimed key, committed with the request it answers. */
export async function completeIdempotencyKey(executor: Executor, authorityId: string, ownerId: string, key: string, response: { status: number; body: unknown }): Promise<void> {
  await executor
    .update(idempotencyKey)
    .set({ responseStatus: response.status, responseBody: response.body })
    .where(and(eq(idempotencyKey.authorityId, authorityId), eq(idempotencyKey.ownerId, ownerId), eq(idempotencyKey.key, key)));
}

export async function schoolExists(executor: Executor, schoolId: string): Promise<boolean> {
  const rows = await executor.select({ id: school.id }).from(school).where(eq(school.id, schoolId)).limit(1);
  return rows.length === 1;
}

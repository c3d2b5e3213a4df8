import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { accessLog, auditEvent, listAccessLog } from '../../db/schema/index.ts';

export interface AuditRow {
  id: string;
  authorityId: string;
  occurredAt: Date;
  actorKind: string;
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  details: Record<string, unknown>;
}

export async function insertAuditEvent(executor: Executor, row: AuditRow): Promise<void> {
  await executor.insert(auditEvent).values(row);
}

export async function listAuditEventsFor(executor: Executor, authorityId: string, entityType: string, entityId: string): Promise<AuditRow[]> {
  return executor
    .select()
    .from(auditEvent)
    .where(and(eq(auditEvent.authorityId, authorityId), eq(auditEvent.entityType, entityType), eq(auditEvent.entityId, entityId)))
    .orderBy(desc(auditEvent.occurredAt));
}

export async function listAuditEvents(executor: Executor, authorityId: string, limit: number): Promise<AuditRow[]> {
  return executor.select().from(auditEvent).where(eq(auditEvent.authorityId, authorityId)).orderBy(desc(auditEvent.occurredAt)).limit(limit);
}

export interface AccessRow {
  id: string;
  authorityId: string;
  accessedAt: Date;
  actorKind: string;
  actorId: string;
  childId: string;
  view: string;
}

export async function insertAccess(executor: Executor, row: AccessRow): Promise<void> {
  await executor.insert(accessLog).values(row);
}

export async function listAccessFor(executor: Executor, authorityId: string, childId: string): Promise<AccessRow[]> {
  return executor
    .select()
    .from(accessLog)
    .where(and(eq(accessLog.authorityId, authorityId), eq(accessLog.childId, childId)))
    .orderBy(desc(accessLog.accessedAt));
}

export type ListAccessRow = typeof listAccessLog.$inferInsert;

export async function insertListAccess(executor: Executor, row: ListAccessRow): Promise<void> {
  await executor.insert(listAccessLog).values(row);
}

export async function listListAccessBy(executor: Executor, authorityId: string, actorId: string): Promise<(typeof listAccessLog.$inferSelect)[]> {
  return executor
    .select()
    .from(listAccessLog)
    .where(and(eq(listAccessLog.authorityId, authorityId), eq(listAccessLog.actorId, actorId)))
    .orderBy(asc(listAccessLog.accessedAt), asc(listAccessLog.id));
}

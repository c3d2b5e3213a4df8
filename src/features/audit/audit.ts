import type { Executor } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import type { Actor } from '../auth/index.ts';
import * as auditRepository from './repository.ts';
import type { AccessRow } from './repository.ts';

export interface AuditEntry {
  /** What was done, in the service's words: 'staff.created', 'api-token.issued', 'request.recorded'. */
  action: string;
  entityType: string;
  entityId: string;
  /**
   * Ids and field names, never free text about a child; an edit of a child's details also keeps each
   * changed value before and after, so the audit shows what was changed from what.
   */
  details?: Record<string, unknown>;
}

/**
 * The audit helper. Call it with the transaction that makes the change, so the change and its
 * record commit or fail together.
 */
export async function recordAudit(transaction: Executor, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  await auditRepository.insertAuditEvent(transaction, {
    id: uuidv7(),
    authorityId: actor.authorityId,
    occurredAt: clock.now(),
    actorKind: actor.kind,
    actorId: actor.tokenId ? `${actor.id}/token:${actor.tokenId}` : actor.id,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    details: entry.details ?? {},
  });
}

/** Many audit entries at once, in one statement (a hand-over of many cases). */
export async function recordAudits(transaction: Executor, clock: Clock, actor: Actor, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const occurredAt = clock.now();
  await auditRepository.insertAuditEvents(
    transaction,
    entries.map((entry) => ({
      id: uuidv7(),
      authorityId: actor.authorityId,
      occurredAt,
      actorKind: actor.kind,
      actorId: actor.tokenId ? `${actor.id}/token:${actor.tokenId}` : actor.id,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      details: entry.details ?? {},
    })),
  );
}

/** The access log entry for a view of a child's record, for a statement that writes it itself. */
export function accessEntry(clock: Clock, actor: Actor, childId: string, view: string): AccessRow {
  return {
    id: uuidv7(),
    authorityId: actor.authorityId,
    accessedAt: clock.now(),
    actorKind: actor.kind,
    actorId: actor.tokenId ? `${actor.id}/token:${actor.tokenId}` : actor.id,
    childId,
    view,
  };
}

/** Every view of a child's record by a person (or a person's token) goes to the access log. */
export async function recordAccess(executor: Executor, clock: Clock, actor: Actor, childId: string, view: string): Promise<void> {
  await auditRepository.insertAccess(executor, accessEntry(clock, actor, childId, view));
}

/**
 * A list of children shown to someone (search results, My cases): one row with every child on it
 * and the search that found them, so reading the service in bulk leaves a trace.
 */
export async function recordListAccess(executor: Executor, clock: Clock, actor: Actor, view: string, childIds: readonly string[], query: string | null = null): Promise<void> {
  await auditRepository.insertListAccess(executor, {
    id: uuidv7(),
    authorityId: actor.authorityId,
    accessedAt: clock.now(),
    actorKind: actor.kind,
    actorId: actor.tokenId ? `${actor.id}/token:${actor.tokenId}` : actor.id,
    view,
    query: query === null ? null : query.slice(0, 200),
    childIds: [...childIds],
  });
}

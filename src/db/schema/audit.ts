import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authority } from './reference.ts';

/**
 * Every change, written in the same transaction as the change. Append-only: the migration adds a
 * trigger that refuses UPDATE and DELETE. Details hold ids and field names, never names or
 * addresses, so retention and erasure stay possible.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('audit_event_entity_idx').on(t.authorityId, t.entityType, t.entityId, t.occurredAt),
    // What one member of staff (or one of their tokens, 'user/token:id') did, newest first.
    index('audit_event_actor_idx').on(t.authorityId, t.actorId, t.occurredAt),
  ],
);

/** Every time a person opens a child's record. Append-only, like the audit log. */
export const accessLog = pgTable(
  'access_log',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accessedAt: timestamp('accessed_at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    childId: uuid('child_id').notNull(),
    /** What was looked at: 'record', 'history', 'api:child'. */
    view: text('view').notNull(),
  },
  (t) => [index('access_log_child_idx').on(t.authorityId, t.childId, t.accessedAt), index('access_log_actor_idx').on(t.authorityId, t.actorId, t.accessedAt)],
);

/**
 * Lists of children a person was shown (search results, My cases), one row a list: who, when,
 * which view, the search made and the children on it. Append-only like the access log, so reading
 * the service in bulk leaves a trace.
 */
export const listAccessLog = pgTable(
  'list_access_log',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accessedAt: timestamp('accessed_at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    /** 'search', 'api:search', 'worklist', 'api:worklist'. */
    view: text('view').notNull(),
    /** What was searched for, as typed; null for a list that takes no search. */
    query: text('query'),
    childIds: uuid('child_ids').array().notNull(),
  },
  (t) => [index('list_access_log_actor_idx').on(t.authorityId, t.actorId, t.accessedAt)],
);

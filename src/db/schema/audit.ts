import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { authority } from './reference.ts';

/**
 * Every change, written in the same transaction as the change. Append-only: the migration adds a
 * trigger that refuses UPDATE and DELETE. Details hold ids and field names, never names or
 * addresses, so retention and erasure stay possible.
 *
 * The three logs are partitioned by month on their timestamp (ADR 0025), which drizzle cannot
 * declare: the migration log_partitions makes each a table PARTITION BY RANGE with a partition a
 * month and a default one, and the retention job drops whole months. The primary key holds the
 * timestamp because PostgreSQL requires a partitioned table's keys to include the partition key.
 */
export const auditEvent = pgTable(
  'audit_event',
  {
    id: uuid('id').notNull(),
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
    primaryKey({ name: 'audit_event_pkey', columns: [t.id, t.occurredAt] }),
    index('audit_event_entity_idx').on(t.authorityId, t.entityType, t.entityId, t.occurredAt),
    // What one member of staff (or one of their tokens, 'user/token:id') did, newest first.
    index('audit_event_actor_idx').on(t.authorityId, t.actorId, t.occurredAt),
  ],
);

/** Every time a person opens a child's record. Append-only, like the audit log. */
export const accessLog = pgTable(
  'access_log',
  {
    id: uuid('id').notNull(),
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
  (t) => [
    primaryKey({ name: 'access_log_pkey', columns: [t.id, t.accessedAt] }),
    index('access_log_child_idx').on(t.authorityId, t.childId, t.accessedAt),
    index('access_log_actor_idx').on(t.authorityId, t.actorId, t.accessedAt),
  ],
);

/**
 * Lists of children a person was shown (search results, My cases), one row a list: who, when,
 * which view, the search made and the children on it. Append-only like the access log, so reading
 * the service in bulk leaves a trace.
 */
export const listAccessLog = pgTable(
  'list_access_log',
  {
    id: uuid('id').notNull(),
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
  (t) => [primaryKey({ name: 'list_access_log_pkey', columns: [t.id, t.accessedAt] }), index('list_access_log_actor_idx').on(t.authorityId, t.actorId, t.accessedAt)],
);

/**
 * How long a council keeps each log, in whole years, as its administrator set it; a log with no
 * row is kept for its default (src/domain/retention). Months are dropped whole, so a month goes
 * only when every council's period for that log has passed.
 */
export const logRetention = pgTable(
  'log_retention',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    /** 'audit_event', 'access_log' or 'list_access_log'. */
    log: text('log').notNull(),
    years: integer('years').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.authorityId, t.log] }),
    check('log_retention_log_known', sql`${t.log} IN ('audit_event', 'access_log', 'list_access_log')`),
    check('log_retention_years_sane', sql`${t.years} BETWEEN 1 AND 100`),
  ],
);

import { sql } from 'drizzle-orm';
import { check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { child, ehcCase } from './casework.ts';
import { authority } from './reference.ts';

/**
 * A child's plan on a case: an EHC plan now, another type later (the type says how its versions'
 * content is read). One plan of each type per case; its versions hold the content.
 */
export const plan = pgTable(
  'plan',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => child.id),
    type: text('type').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('plan_case_type_idx').on(t.authorityId, t.caseId, t.type), index('plan_child_idx').on(t.authorityId, t.childId), check('plan_type_check', sql`${t.type} IN ('ehc')`)],
);

/**
 * One version of a plan. The working version is the only one that changes, each save adding one to
 * its revision; issuing freezes it as a draft, a final plan, an amended plan or a ceased one, and
 * the database itself refuses any change to a frozen version.
 */
export const planVersion = pgTable(
  'plan_version',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id),
    number: integer('number').notNull(),
    status: text('status').notNull(),
    /** The number of the content's schema (src/domain/plans), so an older version is read as written. */
    schemaVersion: integer('schema_version').notNull(),
    content: jsonb('content').notNull(),
    /** One more with each save of the working version: a save based on an older revision is refused. */
    revision: integer('revision').notNull().default(1),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** The day it was issued in law (the notice's day), when it was, by whom, and the case event it recorded. */
    issuedOn: date('issued_on', { mode: 'string' }),
    issuedAt: timestamp('issued_at', { withTimezone: true }),
    issuedBy: text('issued_by'),
    eventId: uuid('event_id'),
    /** The check's warnings the officer issued it over, each with their reason. */
    overrides: jsonb('overrides').notNull().default([]),
    /** The notice that went with it. */
    letterId: uuid('letter_id'),
  },
  (t) => [
    uniqueIndex('plan_version_number_idx').on(t.authorityId, t.planId, t.number),
    // One working version of a plan at a time.
    uniqueIndex('plan_version_working_idx').on(t.authorityId, t.planId).where(sql`status = 'working'`),
    check('plan_version_status_check', sql`${t.status} IN ('working', 'draft', 'final', 'amended', 'ceased')`),
    check('plan_version_issued_check', sql`(${t.status} = 'working') = (${t.issuedOn} IS NULL)`),
  ],
);

/**
 * Each saved revision of a working version, kept: what a second editor is shown of the first
 * editor's change, and the history of the drafting.
 */
export const planRevision = pgTable(
  'plan_revision',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    versionId: uuid('version_id')
      .notNull()
      .references(() => planVersion.id),
    revision: integer('revision').notNull(),
    content: jsonb('content').notNull(),
    savedBy: text('saved_by').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('plan_revision_idx').on(t.authorityId, t.versionId, t.revision)],
);

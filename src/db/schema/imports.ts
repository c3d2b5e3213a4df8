import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authority } from './reference.ts';

/**
 * One import of cases from a council's old system (CSV files and a mapping file): a dry run, which
 * writes nothing but this row, or an apply. Its counts and the first thousand refused rows are
 * kept, so a run can be listed and its report read again.
 */
export const importRun = pgTable(
  'import_run',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    /** The old system the records came from, as the mapping file names it ("CaseSys"). */
    sourceSystem: text('source_system').notNull(),
    /** dry-run or apply. */
    mode: text('mode').notNull(),
    /** The folder read and the mapping file, by name. */
    source: text('source').notNull(),
    mappingName: text('mapping_name').notNull(),
    ranBy: text('ran_by').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    /** queued (uploaded, waiting for the job runner), running, finished, or failed (input that could not be read, or an error part way). */
    status: text('status').notNull(),
    /** Created, updated, unchanged and refused children, and the rows of each file read. */
    counts: jsonb('counts').$type<Record<string, unknown>>().notNull().default({}),
    /** The refused rows (file, line, field, value, why), the first thousand. */
    refusals: jsonb('refusals').notNull().default([]),
    failure: text('failure'),
    /** An uploaded run's folder of files, relative to the storage area; null for a folder read from the command line. */
    folder: text('folder'),
    /**
     * When the uploaded folder's files were deleted: once an import of them has finished, or when
     * no run of them has moved for UPLOAD_KEPT_DAYS. The run's counts and refused rows stay.
     */
    filesRemovedAt: timestamp('files_removed_at', { withTimezone: true }),
    /** Rows of children.csv in all, once counted (an uploaded run counts them before it starts). */
    childrenTotal: integer('children_total'),
    /** Rows of children.csv taken so far: checked (dry run) or committed (apply). */
    childrenDone: integer('children_done').notNull().default(0),
    /**
     * Where a run stopped part way would resume: the rows of children.csv taken by its last
     * committed batch, and the counts and refused rows as they stood then. Cleared when it finishes.
     */
    checkpoint: jsonb('checkpoint').$type<{ childRows: number; sen2Own?: number; counts: Record<string, unknown>; refusals: unknown[] }>(),
  },
  (t) => [
    index('import_run_started_idx').on(t.authorityId, t.startedAt),
    check('import_run_mode_check', sql`${t.mode} in ('dry-run', 'apply')`),
    check('import_run_status_check', sql`${t.status} in ('queued', 'running', 'finished', 'failed')`),
  ],
);

/**
 * Where an imported record came from: its source system and its id there, the row it became here,
 * a digest of what the source said (so the same import again changes nothing), the run that first
 * wrote it and the last run that changed it. A record keyed by its old id is found here and
 * updated, never made twice.
 */
export const importRecord = pgTable(
  'import_record',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    sourceSystem: text('source_system').notNull(),
    /** officer, child, person, case, event, plan, plan-version or review. */
    kind: text('kind').notNull(),
    /** The old system's id (for an event: its case's id and the event's place in it; for a plan's version: its case's id and the version's number). */
    sourceId: text('source_id').notNull(),
    /** The row it became: staff_user.id, child.id, person.id, ehc_case.id, case_event.id, plan.id, plan_version.id, annual_review.id. */
    targetId: uuid('target_id').notNull(),
    /** The digest of the source's values as last written. */
    digest: text('digest').notNull(),
    firstRunId: uuid('first_run_id')
      .notNull()
      .references(() => importRun.id),
    lastRunId: uuid('last_run_id')
      .notNull()
      .references(() => importRun.id),
  },
  (t) => [
    uniqueIndex('import_record_source_idx').on(t.authorityId, t.sourceSystem, t.kind, t.sourceId),
    index('import_record_last_run_idx').on(t.authorityId, t.lastRunId, t.kind),
    index('import_record_first_run_idx').on(t.authorityId, t.firstRunId, t.kind),
    index('import_record_target_idx').on(t.authorityId, t.targetId),
    check('import_record_kind_check', sql`${t.kind} in ('officer', 'child', 'person', 'case', 'event', 'plan', 'plan-version', 'review')`),
  ],
);

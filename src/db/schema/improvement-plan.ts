import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staffUser } from './identity.ts';
import { authority } from './reference.ts';

/**
 * The council's one improvement plan: its areas of weakness (an inspection's findings), each with
 * actions. There is one plan a council, so an area belongs to the council.
 */
export const improvementArea = pgTable(
  'improvement_area',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    title: text('title').notNull(),
    /** What the inspection (or the council) found. */
    finding: text('finding').notNull(),
    /** The area's place in the plan, from 1. */
    position: integer('position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('improvement_area_position_idx').on(t.authorityId, t.position)],
);

/** An action of an area: its owner (a member of staff), its status and the note given with it. */
export const improvementAction = pgTable(
  'improvement_action',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    areaId: uuid('area_id')
      .notNull()
      .references(() => improvementArea.id),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => staffUser.id),
    status: text('status').notNull(),
    statusNote: text('status_note').notNull(),
    statusAt: timestamp('status_at', { withTimezone: true }).notNull(),
    /** The board meeting the action arose from, if one did. */
    meetingId: uuid('meeting_id').references(() => boardMeeting.id),
    position: integer('position').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('improvement_action_area_idx').on(t.authorityId, t.areaId, t.position),
    index('improvement_action_owner_idx').on(t.authorityId, t.ownerId),
    check('improvement_action_status_check', sql`${t.status} IN ('not-started', 'on-track', 'at-risk', 'off-track', 'complete')`),
  ],
);

/** Every status an action was given, with its note: append-only (the migration's trigger). */
export const improvementStatusUpdate = pgTable(
  'improvement_status_update',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    actionId: uuid('action_id')
      .notNull()
      .references(() => improvementAction.id),
    status: text('status').notNull(),
    note: text('note').notNull(),
    byId: text('by_id').notNull(),
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('improvement_status_update_action_idx').on(t.authorityId, t.actionId, t.at)],
);

export const improvementMilestone = pgTable(
  'improvement_milestone',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    actionId: uuid('action_id')
      .notNull()
      .references(() => improvementAction.id),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('improvement_milestone_action_idx').on(t.authorityId, t.actionId, t.dueOn)],
);

/**
 * Evidence of an action, with its title: a link (`url`), or a document uploaded as evidence, whose
 * bytes are in the file store under `storage_key` (never in the database), checked by its content
 * and scanned as a case's documents are. One or the other, never both.
 */
export const improvementEvidence = pgTable(
  'improvement_evidence',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    actionId: uuid('action_id')
      .notNull()
      .references(() => improvementAction.id),
    title: text('title').notNull(),
    /** The link, for evidence kept elsewhere; null for a document. */
    url: text('url'),
    /** The document's name, made safe; null for a link. */
    filename: text('filename'),
    /** Sniffed from the content, never taken from the name or the browser. */
    mediaType: text('media_type'),
    sizeBytes: integer('size_bytes'),
    /** Lower-case hex SHA-256 of the bytes. */
    sha256: text('sha256'),
    /** Where the file store keeps the bytes. */
    storageKey: text('storage_key'),
    /** clean, or not-scanned where no scanner is configured. */
    scanVerdict: text('scan_verdict'),
    scanEngine: text('scan_engine'),
    /** Who added it (their id, or id/token:id); null for evidence added before it was kept. */
    byId: text('by_id'),
    byName: text('by_name').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('improvement_evidence_action_idx').on(t.authorityId, t.actionId, t.at),
    check('improvement_evidence_link_or_document_check', sql`(${t.url} IS NULL) <> (${t.storageKey} IS NULL)`),
    check(
      'improvement_evidence_document_check',
      sql`${t.storageKey} IS NULL OR (${t.filename} IS NOT NULL AND ${t.mediaType} IS NOT NULL AND ${t.sizeBytes} > 0 AND ${t.sha256} IS NOT NULL AND ${t.scanVerdict} IN ('clean', 'not-scanned') AND ${t.scanEngine} IS NOT NULL)`,
    ),
  ],
);

/**
 * A measure of the reporting catalogue (by its id) bound to an area or an action, with its
 * baseline and target. Its current value is always read from the case data, never kept here.
 */
export const improvementMeasure = pgTable(
  'improvement_measure',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    areaId: uuid('area_id').references(() => improvementArea.id),
    actionId: uuid('action_id').references(() => improvementAction.id),
    measureId: text('measure_id').notNull(),
    baselineValue: numeric('baseline_value', { precision: 10, scale: 1, mode: 'number' }).notNull(),
    baselineOn: date('baseline_on', { mode: 'string' }).notNull(),
    targetValue: numeric('target_value', { precision: 10, scale: 1, mode: 'number' }).notNull(),
    targetOn: date('target_on', { mode: 'string' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('improvement_measure_area_idx').on(t.authorityId, t.areaId, t.measureId).where(sql`area_id IS NOT NULL`),
    uniqueIndex('improvement_measure_action_idx').on(t.authorityId, t.actionId, t.measureId).where(sql`action_id IS NOT NULL`),
    check('improvement_measure_one_owner_check', sql`(${t.areaId} IS NULL) <> (${t.actionId} IS NULL)`),
    check('improvement_measure_dates_check', sql`${t.targetOn} > ${t.baselineOn}`),
  ],
);

/**
 * A meeting of the improvement board: who came, what it decided, and the plan as it stood when the
 * meeting was recorded (areas, actions, statuses, measures with their values then). The snapshot
 * and the meeting's date never change: the migration's trigger refuses it.
 */
export const boardMeeting = pgTable(
  'board_meeting',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    attendees: text('attendees').notNull(),
    decisions: text('decisions').notNull(),
    snapshot: jsonb('snapshot').$type<Record<string, unknown>>().notNull(),
    snapshotTakenAt: timestamp('snapshot_taken_at', { withTimezone: true }).notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('board_meeting_held_idx').on(t.authorityId, t.heldOn)],
);

/**
 * The plan's change log: who changed what (a target, a status, an owner, ...) of which area,
 * action, measure or meeting, when, from what to what, and why. Append-only.
 */
export const improvementChange = pgTable(
  'improvement_change',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    byId: text('by_id').notNull(),
    byName: text('by_name').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    /** The area's, action's or measure's title as it was, so the log reads on its own. */
    subject: text('subject').notNull(),
    what: text('what').notNull(),
    before: text('before'),
    after: text('after'),
    reason: text('reason'),
  },
  (t) => [index('improvement_change_at_idx').on(t.authorityId, t.at), index('improvement_change_entity_idx').on(t.authorityId, t.entityId, t.at)],
);

/**
 * The council's public page of its improvement plan, for families: whether it is published (off
 * until a manager publishes it). One a council.
 */
export const improvementPublicPage = pgTable('improvement_public_page', {
  /** The page's id, for the plan's change log. */
  id: uuid('id').primaryKey(),
  authorityId: uuid('authority_id')
    .notNull()
    .unique('improvement_public_page_authority_idx')
    .references(() => authority.id),
  published: boolean('published').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  version: integer('version').notNull().default(1),
});

/** A measure bound to the plan that the public page shows, in its place, with a sentence for families. */
export const improvementPublicMeasure = pgTable(
  'improvement_public_measure',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    bindingId: uuid('binding_id')
      .notNull()
      .references(() => improvementMeasure.id),
    /** What the measure means, in plain words for families; empty for none. */
    explanation: text('explanation').notNull().default(''),
    position: integer('position').notNull(),
  },
  (t) => [uniqueIndex('improvement_public_measure_pk').on(t.authorityId, t.bindingId)],
);

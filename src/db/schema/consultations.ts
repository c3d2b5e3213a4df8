import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ehcCase } from './casework.ts';
import { authority, school } from './reference.ts';

/**
 * A school asked whether it can meet the child's needs and be named in the EHC plan: under
 * Children and Families Act 2014 s.39(2) when the family asked for it, s.40 otherwise. The answer
 * is due 15 days after the day sent (SEND Code of Practice 9.83: guidance, not law), written when
 * the consultation is saved. One school is consulted once at a time on a case (the partial unique
 * index), and two people changing one consultation are told, never overwrite each other (version).
 */
export const schoolConsultation = pgTable(
  'school_consultation',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => school.id),
    /** family-request (s.39) or council (s.40). */
    basis: text('basis').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('awaiting'),
    response: text('response'),
    /** The school's reasons, in its words: required when it cannot meet the needs. */
    reasons: text('reasons'),
    respondedOn: date('responded_on', { mode: 'string' }),
    withdrawnReason: text('withdrawn_reason'),
    chasersSent: integer('chasers_sent').notNull().default(0),
    lastChasedAt: timestamp('last_chased_at', { withTimezone: true }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('school_consultation_case_idx').on(t.authorityId, t.caseId, t.sentOn),
    // Overdue consultations: the awaiting ones of an authority by due date.
    index('school_consultation_awaiting_idx').on(t.authorityId, t.dueOn).where(sql`status = 'awaiting'`),
    uniqueIndex('school_consultation_awaiting_once').on(t.authorityId, t.caseId, t.schoolId).where(sql`status = 'awaiting'`),
    check('school_consultation_basis_check', sql`${t.basis} IN ('family-request', 'council')`),
    check('school_consultation_status_check', sql`${t.status} IN ('awaiting', 'answered', 'withdrawn')`),
    check('school_consultation_response_check', sql`${t.response} IS NULL OR ${t.response} IN ('can-meet-needs', 'cannot-meet-needs')`),
    check('school_consultation_answered_check', sql`(${t.status} = 'answered') = (${t.response} IS NOT NULL AND ${t.respondedOn} IS NOT NULL)`),
    check('school_consultation_responded_check', sql`${t.respondedOn} IS NULL OR ${t.respondedOn} >= ${t.sentOn}`),
    check('school_consultation_reasons_check', sql`${t.response} IS DISTINCT FROM 'cannot-meet-needs' OR length(btrim(${t.reasons})) > 0`),
    check('school_consultation_chasers_check', sql`${t.chasersSent} >= 0`),
  ],
);

/**
 * What the family said about the draft plan (SEND Regulations 2014 reg. 13(1)): a comment on a
 * section (or the plan as a whole) in their words, a school they ask to be named (CFA 2014
 * s.38(2)(b)) with their reasons, or a request to meet an officer (reg. 13(1)(b)). Never deleted;
 * one received after the family's 15 days is kept and marked late.
 */
export const draftRepresentation = pgTable(
  'draft_representation',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    kind: text('kind').notNull(),
    /** For a comment: A to K (with H1 and H2), or "whole". */
    section: text('section'),
    /** The family's words: the comment, their reasons for the school, or what they want to talk about. */
    words: text('words').notNull(),
    schoolId: uuid('school_id').references(() => school.id),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    late: boolean('late').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('draft_representation_case_idx').on(t.authorityId, t.caseId, t.receivedOn),
    check('draft_representation_kind_check', sql`${t.kind} IN ('comment', 'school-preference', 'meeting-request')`),
    check('draft_representation_section_check', sql`(${t.kind} = 'comment') = (${t.section} IS NOT NULL) AND (${t.section} IS NULL OR ${t.section} IN ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K', 'whole'))`),
    check('draft_representation_school_check', sql`(${t.kind} = 'school-preference') = (${t.schoolId} IS NOT NULL)`),
  ],
);

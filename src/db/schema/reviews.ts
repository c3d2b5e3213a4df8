import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { child, document, ehcCase } from './casework.ts';
import { staffUser } from './identity.ts';
import { authority, school } from './reference.ts';

/**
 * The council's setting for annual reviews: how often it reviews the plans of children under 5
 * (SEND Code of Practice 9.178 suggests every 3 to 6 months). No row: 6 months.
 */
export const reviewSetting = pgTable(
  'review_setting',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    underFiveMonths: smallint('under_five_months').notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => staffUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('review_setting_pk').on(t.authorityId), check('review_setting_under_five_check', sql`${t.underFiveMonths} BETWEEN 3 AND 6`)],
);

/**
 * One annual review of a maintained plan, one per cycle (CFA 2014 s.44; SEND Regs 2014 regs 18 to
 * 22): the meeting arranged (where, and whether the head teacher holds it), the invitations and
 * advice (reg. 20(3) and (4)), the child's and family's views, the meeting held, its report
 * (reg. 20(7)) and the decision (reg. 20(10)) with its notice. Each step also records its case
 * event, so the clocks and stages follow the case's events as everywhere else. A case has one
 * review running at a time (the partial unique index).
 */
export const annualReview = pgTable(
  'annual_review',
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
    /** The review-due day the review answers (CFA 2014 s.44(1)). */
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status').notNull(),
    meetingOn: date('meeting_on', { mode: 'string' }).notNull(),
    meetingPlace: text('meeting_place').notNull(),
    schoolId: uuid('school_id').references(() => school.id),
    /** The council requires the head teacher or principal to hold the meeting (reg. 20(1) and 21). */
    headTeacherHolds: boolean('head_teacher_holds').notNull(),
    /** The people invited besides the family, as reg. 20(3) names them: role, name and e-mail. */
    invitees: jsonb('invitees').$type<{ role: string; name: string; email: string }[]>().notNull().default([]),
    invitedOn: date('invited_on', { mode: 'string' }).notNull(),
    /** Why invitations went less than 2 weeks before the meeting, when they did. */
    shortNoticeReason: text('short_notice_reason'),
    /** The bulk invitation of a school's pupils it was arranged in, if it was. */
    batchId: uuid('batch_id'),
    childViews: text('child_views'),
    familyViews: text('family_views'),
    viewsRecordedOn: date('views_recorded_on', { mode: 'string' }),
    heldOn: date('held_on', { mode: 'string' }),
    reportReceivedOn: date('report_received_on', { mode: 'string' }),
    reportSummary: text('report_summary'),
    /** The report itself as a document, when the school attached one to what it sent through the portal. */
    reportDocumentId: uuid('report_document_id').references(() => document.id),
    decision: text('decision'),
    decidedOn: date('decided_on', { mode: 'string' }),
    decisionReasons: text('decision_reasons'),
    /** Why the decision came more than 4 weeks after the meeting, when it did. */
    lateReason: text('late_reason'),
    decisionLetterId: uuid('decision_letter_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('annual_review_case_idx').on(t.authorityId, t.caseId, t.meetingOn),
    uniqueIndex('annual_review_running_once').on(t.authorityId, t.caseId).where(sql`status <> 'decided'`),
    // The per-school table: a school's reviews by their stage.
    index('annual_review_school_idx').on(t.authorityId, t.schoolId, t.status),
    check('annual_review_status_check', sql`${t.status} IN ('arranged', 'held', 'reported', 'decided')`),
    check('annual_review_decision_check', sql`${t.decision} IS NULL OR ${t.decision} IN ('maintain', 'amend', 'cease')`),
    check('annual_review_decided_check', sql`(${t.status} = 'decided') = (${t.decision} IS NOT NULL AND ${t.decidedOn} IS NOT NULL)`),
    check('annual_review_held_check', sql`${t.status} = 'arranged' OR ${t.heldOn} IS NOT NULL`),
  ],
);

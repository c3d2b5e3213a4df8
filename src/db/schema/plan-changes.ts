import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ehcCase } from './casework.ts';
import { plan } from './plans.ts';
import { authority } from './reference.ts';

/**
 * A change to a maintained plan and its notices: an amendment (SEND Regs 2014 reg. 22), ceasing it
 * (CFA 2014 s.45; regs 29-31) or a re-assessment (regs 24-27). One of each kind open on a plan at a
 * time; the case events it records hold the dates the clocks run from.
 */
export const planChange = pgTable(
  'plan_change',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plan.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    /** The day it began: the amendment's working copy opened, the consultation on ceasing begun, the request to re-assess received. */
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    /** For an amendment decided at a review: the meeting, and why the notice went more than 4 weeks after it. */
    reviewMeetingOn: date('review_meeting_on', { mode: 'string' }),
    lateReason: text('late_reason'),
    /** Who asked for a re-assessment: the family, the school, or the council of its own accord (CFA 2014 s.44(3)). */
    requestedBy: text('requested_by'),
    /** The issued version the amendment is made to, and the version it made (the amended, or the ceased one). */
    baseVersionNumber: integer('base_version_number'),
    versionNumber: integer('version_number'),
    /** The notice that started the family's time: the amendment notice, the decision to cease or on a re-assessment. */
    noticeOn: date('notice_on', { mode: 'string' }),
    noticeEventId: uuid('notice_event_id'),
    noticeLetterId: uuid('notice_letter_id'),
    /** The decision and its reasons (a CeaseReason code for ceasing). */
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedBy: text('decided_by'),
    reasonCode: text('reason_code'),
    reasons: text('reasons'),
    /** What ended it: the amended plan or the decision not to amend, with its notice; the plan ceased. */
    endedOn: date('ended_on', { mode: 'string' }),
    endEventId: uuid('end_event_id'),
    endLetterId: uuid('end_letter_id'),
    /** Ceasing: a mediation certificate moves the last day to appeal; an appeal keeps the plan until it concludes. */
    certificateOn: date('certificate_on', { mode: 'string' }),
    appealLodgedOn: date('appeal_lodged_on', { mode: 'string' }),
    appealConcludedOn: date('appeal_concluded_on', { mode: 'string' }),
    appealOutcome: text('appeal_outcome'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('plan_change_plan_idx').on(t.authorityId, t.planId),
    // One open change of each kind on a plan: a second amendment waits for the first to end.
    uniqueIndex('plan_change_open_idx')
      .on(t.authorityId, t.planId, t.kind)
      .where(sql`status IN ('proposing', 'proposed', 'consulting', 'decided', 'appealed', 'requested', 'agreed')`),
    check('plan_change_kind_check', sql`${t.kind} IN ('amendment', 'cease', 'reassessment')`),
    check(
      'plan_change_status_check',
      sql`(${t.kind} = 'amendment' AND ${t.status} IN ('proposing', 'proposed', 'amended', 'not-amended'))
       OR (${t.kind} = 'cease' AND ${t.status} IN ('consulting', 'decided', 'appealed', 'ceased', 'withdrawn'))
       OR (${t.kind} = 'reassessment' AND ${t.status} IN ('requested', 'agreed', 'refused', 'completed'))`,
    ),
    check('plan_change_reason_code_check', sql`${t.reasonCode} IS NULL OR ${t.reasonCode} IN ('1', '2', '3', '4', '5', '6', '7', '8', '9')`),
    check('plan_change_requested_by_check', sql`${t.requestedBy} IS NULL OR ${t.requestedBy} IN ('family', 'school', 'council')`),
    check('plan_change_appeal_outcome_check', sql`${t.appealOutcome} IS NULL OR ${t.appealOutcome} IN ('upheld', 'plan-kept', 'withdrawn')`),
  ],
);

/**
 * What a party said about a change: the family's representations on proposed amendments (reg.
 * 22(2)), or the consultation with the parent or young person and the head teacher before a
 * decision to cease (reg. 31(1)), each with when they were asked and when and what they answered.
 */
export const planChangeResponse = pgTable(
  'plan_change_response',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    changeId: uuid('change_id')
      .notNull()
      .references(() => planChange.id),
    party: text('party').notNull(),
    askedOn: date('asked_on', { mode: 'string' }),
    answeredOn: date('answered_on', { mode: 'string' }).notNull(),
    answer: text('answer').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('plan_change_response_change_idx').on(t.authorityId, t.changeId),
    check('plan_change_response_party_check', sql`${t.party} IN ('parent', 'young-person', 'head-teacher', 'other')`),
  ],
);

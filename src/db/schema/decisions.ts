import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { caseEvent, ehcCase } from './casework.ts';
import { staffUser } from './identity.ts';
import { letter } from './letters.ts';
import { authority } from './reference.ts';

/**
 * A decision-making panel: the multi-agency meeting (education, health, social care, often a
 * parent representative) most councils hold weekly. Its agenda is the cases brought to it.
 */
export const decisionPanel = pgTable(
  'decision_panel',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    /** The day the panel meets. */
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('decision_panel_held_idx').on(t.authorityId, t.heldOn)],
);

/**
 * A case brought to a panel, with the question it is to answer (whether to assess, or whether to
 * issue a plan after the assessment) and, once it has met, its recommendation. The panel
 * recommends; an officer with the authority decides.
 */
export const panelCase = pgTable(
  'panel_case',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    panelId: uuid('panel_id')
      .notNull()
      .references(() => decisionPanel.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    /** assess (SEND Regs 2014 reg. 5) or issue-plan (reg. 10). */
    question: text('question').notNull(),
    broughtBy: text('brought_by').notNull(),
    broughtAt: timestamp('brought_at', { withTimezone: true }).notNull(),
    /** assess, do-not-assess, issue-plan, do-not-issue-plan or defer; null until the panel has recommended. */
    recommendation: text('recommendation'),
    recommendationNote: text('recommendation_note'),
    recommendedBy: text('recommended_by'),
    recommendedAt: timestamp('recommended_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('panel_case_once_idx').on(t.authorityId, t.panelId, t.caseId),
    index('panel_case_case_idx').on(t.authorityId, t.caseId),
    check('panel_case_question_check', sql`${t.question} in ('assess', 'issue-plan')`),
    check('panel_case_recommendation_check', sql`${t.recommendation} is null or ${t.recommendation} in ('assess', 'do-not-assess', 'issue-plan', 'do-not-issue-plan', 'defer')`),
  ],
);

/** The family's or the school's views asked for on a request: of whom, when, and by when. */
export const viewsRequest = pgTable(
  'views_request',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    /** parent, young-person or school. */
    party: text('party').notNull(),
    askedOn: date('asked_on', { mode: 'string' }).notNull(),
    respondBy: date('respond_by', { mode: 'string' }).notNull(),
    askedBy: text('asked_by').notNull(),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull(),
    /** The letter that asked; null where no letter could be sent. */
    letterId: uuid('letter_id').references(() => letter.id),
  },
  (t) => [index('views_request_case_idx').on(t.authorityId, t.caseId), check('views_request_party_check', sql`${t.party} in ('parent', 'young-person', 'school')`)],
);

/** Views received from the family or the school: whose, when, and what they said, in summary. */
export const viewsReceived = pgTable(
  'views_received',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    party: text('party').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    summary: text('summary').notNull(),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('views_received_case_idx').on(t.authorityId, t.caseId), check('views_received_party_check', sql`${t.party} in ('parent', 'young-person', 'school')`)],
);

/**
 * A decision on a case, with the reasons a tribunal reads: whether to assess (SEND Regs 2014
 * reg. 5) or, after the assessment, whether to issue a plan (reg. 10). Who decided (a member of
 * staff with the authority), the panel case it followed, the case event it recorded, and for a
 * refusal the appeal and mediation limits its notice gave. Reasons are free text, so they are
 * kept here and never in the event's payload.
 */
export const assessmentDecision = pgTable(
  'assessment_decision',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    /** assess or issue-plan. */
    question: text('question').notNull(),
    /** agree or refuse. */
    outcome: text('outcome').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    reasons: text('reasons').notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => staffUser.id),
    panelCaseId: uuid('panel_case_id').references(() => panelCase.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => caseEvent.id),
    /** The day the notice of the decision went to the family. */
    noticeOn: date('notice_on', { mode: 'string' }).notNull(),
    /** The notice as sent (a letter on the case); null where no parent or carer could be written to. */
    noticeLetterId: uuid('notice_letter_id').references(() => letter.id),
    /** For a refusal: the last day to appeal (HESC r.20(1)(c), moved by r.12) and to contact a mediation adviser (CFA 2014 s.55). */
    appealBy: date('appeal_by', { mode: 'string' }),
    mediationBy: date('mediation_by', { mode: 'string' }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('assessment_decision_case_idx').on(t.authorityId, t.caseId),
    check('assessment_decision_question_check', sql`${t.question} in ('assess', 'issue-plan')`),
    check('assessment_decision_outcome_check', sql`${t.outcome} in ('agree', 'refuse')`),
  ],
);

/** A request withdrawn: who withdrew it and why, and the case event that closed the case. */
export const requestWithdrawal = pgTable(
  'request_withdrawal',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }).notNull(),
    /** parent, young-person, school or other. */
    withdrawnBy: text('withdrawn_by').notNull(),
    reason: text('reason').notNull(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => caseEvent.id),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /** The letter confirming it; null where no parent or carer could be written to. */
    letterId: uuid('letter_id').references(() => letter.id),
  },
  (t) => [
    index('request_withdrawal_case_idx').on(t.authorityId, t.caseId),
    check('request_withdrawal_by_check', sql`${t.withdrawnBy} in ('parent', 'young-person', 'school', 'other')`),
  ],
);

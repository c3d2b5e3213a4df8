import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { caseEvent, child, ehcCase } from './casework.ts';
import { authority } from './reference.ts';

/**
 * An appeal to the First-tier Tribunal (SEND) against a decision on the case (CFA 2014 s.51): the
 * case event it appeals and who made that decision, the dates from the tribunal's registration
 * letter, the council's decision to defend or concede (by a manager, with reasons) and its end.
 * The case events it records (registered, decided, concluded, order made and carried out) hold
 * the clocks that reach the case's deadlines and the officer's worklist.
 */
export const appeal = pgTable(
  'appeal',
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
    appealType: text('appeal_type').notNull(),
    /** The decision appealed: its case event, its type and day, and who made it. */
    decisionEventId: uuid('decision_event_id')
      .notNull()
      .references(() => caseEvent.id),
    decisionType: text('decision_type').notNull(),
    decisionOn: date('decision_on', { mode: 'string' }).notNull(),
    decisionBy: text('decision_by').notNull(),
    /** From the tribunal's registration letter. */
    tribunalReference: text('tribunal_reference').notNull(),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    responseDueOn: date('response_due_on', { mode: 'string' }).notNull(),
    evidenceDueOn: date('evidence_due_on', { mode: 'string' }),
    hearingOn: date('hearing_on', { mode: 'string' }),
    status: text('status').notNull(),
    /** The council's decision to defend or concede, its reasons and who made it. */
    position: text('position'),
    positionOn: date('position_on', { mode: 'string' }),
    positionBy: text('position_by'),
    positionReasons: text('position_reasons'),
    /** Conceded after the early-resolution triage: settled before a hearing. */
    settledEarly: boolean('settled_early').notNull().default(false),
    concludedOn: date('concluded_on', { mode: 'string' }),
    registeredEventId: uuid('registered_event_id').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('appeal_case_idx').on(t.authorityId, t.caseId),
    index('appeal_status_idx').on(t.authorityId, t.status, t.registeredOn),
    check(
      'appeal_type_check',
      sql`${t.appealType} IN ('refusal-to-assess', 'refusal-to-reassess', 'refusal-to-issue', 'plan-content', 'refusal-to-amend', 'cease')`,
    ),
    check('appeal_status_check', sql`${t.status} IN ('registered', 'defending', 'conceded', 'concluded')`),
    check('appeal_position_check', sql`${t.position} IS NULL OR ${t.position} IN ('defend', 'concede')`),
    check('appeal_dates_check', sql`${t.registeredOn} >= ${t.decisionOn}`),
  ],
);

/** What the appeal is about, one row a section (B, F, I, no school named, or the whole decision), and its outcome. */
export const appealSection = pgTable(
  'appeal_section',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeal.id),
    section: text('section').notNull(),
    outcome: text('outcome'),
    outcomeOn: date('outcome_on', { mode: 'string' }),
  },
  (t) => [
    index('appeal_section_appeal_idx').on(t.authorityId, t.appealId),
    check('appeal_section_check', sql`${t.section} IN ('decision', 'B', 'F', 'I', 'no-school')`),
    check('appeal_section_outcome_check', sql`${t.outcome} IS NULL OR ${t.outcome} IN ('upheld', 'partly', 'dismissed', 'withdrawn', 'conceded')`),
  ],
);

/** A tribunal order and the Regs 44 day it must be carried out by, tracked until it is. */
export const appealOrder = pgTable(
  'appeal_order',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    appealId: uuid('appeal_id')
      .notNull()
      .references(() => appeal.id),
    orderKind: text('order_kind').notNull(),
    madeOn: date('made_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    basis: text('basis').notNull(),
    compliedOn: date('complied_on', { mode: 'string' }),
    madeEventId: uuid('made_event_id').notNull(),
    compliedEventId: uuid('complied_event_id'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('appeal_order_appeal_idx').on(t.authorityId, t.appealId),
    check('appeal_order_kind_check', sql`${t.orderKind} IN ('assess', 'make-plan', 'amend-plan', 'name-placement', 'cease', 'continue')`),
  ],
);

/**
 * Mediation about a decision (CFA 2014 ss.52-55; SEND Regs 2014 regs 32-42): the family's contact
 * with a mediation adviser, the certificate (3 working days) or the mediation (arranged within 30
 * days) and its outcome.
 */
export const mediation = pgTable(
  'mediation',
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
    decisionEventId: uuid('decision_event_id').references(() => caseEvent.id),
    about: text('about').notNull(),
    adviserContactedOn: date('adviser_contacted_on', { mode: 'string' }).notNull(),
    /** The day the council heard the family want mediation (starts the 30 days), or null when they want a certificate only. */
    requestedOn: date('requested_on', { mode: 'string' }),
    certificateDutyOn: date('certificate_duty_on', { mode: 'string' }),
    certificateOn: date('certificate_on', { mode: 'string' }),
    heldOn: date('held_on', { mode: 'string' }),
    outcome: text('outcome'),
    status: text('status').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('mediation_case_idx').on(t.authorityId, t.caseId),
    check('mediation_status_check', sql`${t.status} IN ('advice', 'arranging', 'held', 'certificate')`),
    check('mediation_outcome_check', sql`${t.outcome} IS NULL OR ${t.outcome} IN ('agreement', 'no-agreement')`),
  ],
);

/** An action a mediation agreement binds the council to, due under reg. 42, tracked to done. */
export const mediationAction = pgTable(
  'mediation_action',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    mediationId: uuid('mediation_id')
      .notNull()
      .references(() => mediation.id),
    description: text('description').notNull(),
    kind: text('kind').notNull(),
    orderKind: text('order_kind'),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    basis: text('basis').notNull(),
    doneOn: date('done_on', { mode: 'string' }),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('mediation_action_idx').on(t.authorityId, t.mediationId),
    check('mediation_action_kind_check', sql`${t.kind} IN ('appealable', 'other', 'agreed')`),
  ],
);

import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { child } from './casework.ts';
import { staffUser } from './identity.ts';
import { authority } from './reference.ts';

/**
 * A contact: an enquiry, a complaint, a freedom of information or subject access request, an MP's
 * or councillor's enquiry, about a child or on its own, with its reference, owner and clock.
 * `due_on` is the response awaited now (none while a complaint waits to be escalated or closed);
 * `first_due_on` and `first_responded_on` measure the first response against policy, for reports.
 */
export const contact = pgTable(
  'contact',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    reference: text('reference').notNull(),
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    source: text('source').notNull(),
    childId: uuid('child_id').references(() => child.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => staffUser.id),
    fromName: text('from_name').notNull(),
    summary: text('summary').notNull(),
    theme: text('theme'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    /** For a complaint: where it stands (stage-1, stage-2, ombudsman) and its latest outcome. */
    stage: text('stage'),
    outcome: text('outcome'),
    dueOn: date('due_on', { mode: 'string' }),
    firstDueOn: date('first_due_on', { mode: 'string' }).notNull(),
    firstRespondedOn: date('first_responded_on', { mode: 'string' }),
    respondedOn: date('responded_on', { mode: 'string' }),
    responseSummary: text('response_summary'),
    closedOn: date('closed_on', { mode: 'string' }),
    version: integer('version').notNull().default(1),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('contact_reference_idx').on(t.authorityId, t.reference),
    // The register: open or closed, soonest due first.
    index('contact_register_idx').on(t.authorityId, t.status, t.dueOn),
    index('contact_owner_idx').on(t.authorityId, t.ownerId, t.status, t.dueOn),
    index('contact_child_idx').on(t.authorityId, t.childId),
    index('contact_received_idx').on(t.authorityId, t.receivedOn),
    check('contact_kind_check', sql`${t.kind} IN ('enquiry', 'complaint', 'foi', 'sar', 'member-enquiry')`),
    check('contact_channel_check', sql`${t.channel} IN ('phone', 'email', 'letter', 'portal')`),
    check('contact_source_check', sql`${t.source} IN ('family', 'mp', 'councillor', 'ombudsman', 'other')`),
    check('contact_status_check', sql`${t.status} IN ('open', 'closed')`),
    check(
      'contact_theme_check',
      sql`${t.theme} IS NULL OR ${t.theme} IN ('communication', 'delay', 'plan-content', 'placement', 'transport', 'assessment', 'staff-conduct', 'other')`,
    ),
    check('contact_stage_check', sql`(${t.kind} = 'complaint') = (${t.stage} IS NOT NULL) AND (${t.stage} IS NULL OR ${t.stage} IN ('stage-1', 'stage-2', 'ombudsman'))`),
    check('contact_outcome_check', sql`${t.outcome} IS NULL OR ${t.outcome} IN ('upheld', 'partly-upheld', 'not-upheld')`),
    check('contact_responded_check', sql`${t.respondedOn} IS NULL OR ${t.respondedOn} >= ${t.receivedOn}`),
  ],
);

/** A complaint's stages: stage 1, stage 2, the Ombudsman, each with its own dates, response and outcome. */
export const complaintStage = pgTable(
  'complaint_stage',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id),
    stage: text('stage').notNull(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    respondedOn: date('responded_on', { mode: 'string' }),
    responseSummary: text('response_summary'),
    outcome: text('outcome'),
    /** The Ombudsman's own reference for the complaint. */
    ombudsmanReference: text('ombudsman_reference'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('complaint_stage_contact_idx').on(t.authorityId, t.contactId, t.stage),
    check('complaint_stage_stage_check', sql`${t.stage} IN ('stage-1', 'stage-2', 'ombudsman')`),
    check('complaint_stage_outcome_check', sql`${t.outcome} IS NULL OR ${t.outcome} IN ('upheld', 'partly-upheld', 'not-upheld')`),
  ],
);

/** What the council offered to put a complaint right: an apology, a payment, or an action tracked to done. */
export const complaintRemedy = pgTable(
  'complaint_remedy',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    contactId: uuid('contact_id')
      .notNull()
      .references(() => contact.id),
    stage: text('stage').notNull(),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    amountPence: integer('amount_pence'),
    ownerId: uuid('owner_id').references(() => staffUser.id),
    dueOn: date('due_on', { mode: 'string' }),
    doneOn: date('done_on', { mode: 'string' }),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('complaint_remedy_contact_idx').on(t.authorityId, t.contactId),
    check('complaint_remedy_kind_check', sql`${t.kind} IN ('apology', 'payment', 'action')`),
    check('complaint_remedy_payment_check', sql`(${t.kind} = 'payment') = (${t.amountPence} IS NOT NULL) AND (${t.amountPence} IS NULL OR ${t.amountPence} > 0)`),
    check('complaint_remedy_action_check', sql`(${t.kind} = 'action') = (${t.ownerId} IS NOT NULL AND ${t.dueOn} IS NOT NULL)`),
  ],
);

/** The council's response times for contacts (council policy); a council without a row has the defaults. */
export const contactPolicy = pgTable(
  'contact_policy',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    enquiryWorkingDays: integer('enquiry_working_days').notNull(),
    memberEnquiryWorkingDays: integer('member_enquiry_working_days').notNull(),
    stage1WorkingDays: integer('stage1_working_days').notNull(),
    stage2WorkingDays: integer('stage2_working_days').notNull(),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('contact_policy_pk').on(t.authorityId),
    check(
      'contact_policy_days_check',
      sql`${t.enquiryWorkingDays} BETWEEN 1 AND 60 AND ${t.memberEnquiryWorkingDays} BETWEEN 1 AND 60 AND ${t.stage1WorkingDays} BETWEEN 1 AND 60 AND ${t.stage2WorkingDays} BETWEEN 1 AND 60`,
    ),
  ],
);

/** The next number of each year's contact references, per council: CT-2026-000123. */
export const contactReferenceCounter = pgTable(
  'contact_reference_counter',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [uniqueIndex('contact_reference_counter_pk').on(t.authorityId, t.year)],
);

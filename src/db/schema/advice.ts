import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { document, ehcCase } from './casework.ts';
import { job } from './jobs.ts';
import { portalAccount } from './portal.ts';
import { authority } from './reference.ts';

/**
 * A request for advice for an EHC needs assessment (SEND Regs 2014 regs 6 to 8): one kind of
 * advice, asked of one organisation (and a named professional where known), with its own due
 * date, 6 weeks from the day the body received it. The due date is written when the request is
 * saved, with whether it is the law (a request under CFA 2014 s.31: reg. 8(1)) or guidance.
 */
export const adviceRequest = pgTable(
  'advice_request',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    /** Which advice of reg. 6(1)(a) to (h). */
    kind: text('kind').notNull(),
    organisation: text('organisation').notNull(),
    /** Who is asked to decide the 6 weeks' basis: a body under s.31 (health, another council) or not. */
    organisationType: text('organisation_type').notNull(),
    professionalName: text('professional_name'),
    /** How the request went, which decides the day it is taken to have arrived. */
    channel: text('channel').notNull(),
    /** An e-mail address, or a postal address one line per line. */
    address: text('address').notNull(),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    /** The day the body received it, when known; otherwise the due date counts from the day it is taken to have arrived. */
    receivedByBodyOn: date('received_by_body_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    dueBasis: text('due_basis').notNull(),
    status: text('status').notNull().default('requested'),
    /** The day the advice came. */
    receivedOn: date('received_on', { mode: 'string' }),
    documentId: uuid('document_id').references(() => document.id),
    /** Regs 8(2): why the body need not meet its 6 weeks, with the officer's words. */
    exceptionGround: text('exception_ground'),
    exceptionReason: text('exception_reason'),
    /** Why the body declined, or why the request was withdrawn. */
    closedReason: text('closed_reason'),
    /** Regs 6(2): for educational advice, the qualified teacher of the deaf or vision impaired to be consulted. */
    qualifiedTeacherNote: text('qualified_teacher_note'),
    /**
     * The advice giver's portal account the request is addressed to: set when the request is sent
     * by e-mail to the address of a professional account of this council for this kind of advice.
     * They see the child on the portal only while the request is awaited.
     */
    portalAccountId: uuid('portal_account_id'),
    /** Advice written into the portal's form (a document may come with it, or instead). */
    adviceText: text('advice_text'),
    createdBy: text('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** Two people changing one request: the second is refused, never silently overwrites. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('advice_request_case_idx').on(t.authorityId, t.caseId, t.sentOn),
    // An advice giver's awaited requests.
    index('advice_request_portal_account_idx').on(t.authorityId, t.portalAccountId).where(sql`portal_account_id IS NOT NULL`),
    foreignKey({ name: 'advice_request_portal_account_same_authority_fk', columns: [t.authorityId, t.portalAccountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
    // Late advice: the awaited requests of an authority by due date.
    index('advice_request_awaited_idx').on(t.authorityId, t.dueOn).where(sql`status = 'requested'`),
    check(
      'advice_request_kind_check',
      sql`${t.kind} IN ('parent-or-young-person', 'educational', 'medical', 'psychological', 'social-care', 'other', 'preparing-for-adulthood', 'family-request')`,
    ),
    check('advice_request_organisation_type_check', sql`${t.organisationType} IN ('health-body', 'other-council', 'this-council', 'school', 'family', 'other')`),
    check('advice_request_channel_check', sql`${t.channel} IN ('email', 'post')`),
    check('advice_request_due_basis_check', sql`${t.dueBasis} IN ('statutory', 'guidance')`),
    check('advice_request_status_check', sql`${t.status} IN ('requested', 'received', 'declined', 'withdrawn')`),
    check('advice_request_exception_ground_check', sql`${t.exceptionGround} IS NULL OR ${t.exceptionGround} IN ('exceptional-circumstances', 'absent-from-area', 'missed-appointment')`),
    // Advice is never received before it was asked for, nor a request before it was sent.
    check('advice_request_received_check', sql`${t.receivedOn} IS NULL OR ${t.receivedOn} >= ${t.sentOn}`),
    check('advice_request_receipt_check', sql`${t.receivedByBodyOn} IS NULL OR ${t.receivedByBodyOn} >= ${t.sentOn}`),
    check('advice_request_received_status_check', sql`(${t.status} = 'received') = (${t.receivedOn} IS NOT NULL)`),
  ],
);

/**
 * Each reminder or chaser sent about a request for advice: at most one of each kind per request
 * (the unique index holds it whatever runs the job), with the message that carried it.
 */
export const adviceChase = pgTable(
  'advice_chase',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    adviceRequestId: uuid('advice_request_id')
      .notNull()
      .references(() => adviceRequest.id),
    chaser: text('chaser').notNull(),
    /** The day it was due to go, by the schedule. */
    scheduledOn: date('scheduled_on', { mode: 'string' }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    /** The letter or e-mail that carried it (the outbox's message). */
    messageId: uuid('message_id'),
    jobId: uuid('job_id').references(() => job.id),
  },
  (t) => [
    uniqueIndex('advice_chase_once').on(t.authorityId, t.adviceRequestId, t.chaser),
    check('advice_chase_chaser_check', sql`${t.chaser} IN ('reminder', 'first-chaser', 'second-chaser')`),
  ],
);

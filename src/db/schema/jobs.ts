import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ehcCase, child, person } from './casework.ts';
import { staffUser } from './identity.ts';
import { authority } from './reference.ts';

/**
 * Work done in the background, by any instance of the app (ADR 0012). A runner claims a due job
 * with FOR UPDATE SKIP LOCKED, marks it running under its own name and a lease, runs it, and marks
 * it done, queued again for later (a retry), or dead. The payload holds ids, never names or
 * addresses; last_error says what went wrong without personal data.
 */
export const job = pgTable(
  'job',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull(),
    status: text('status').notNull().default('queued'),
    /** How many times a runner has claimed the job. */
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    runAfter: timestamp('run_after', { withTimezone: true }).notNull(),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    lockedBy: text('locked_by'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    check('job_status_check', sql`${t.status} IN ('queued', 'running', 'done', 'dead')`),
    // The runner serves every authority: its claim reads the due jobs of all of them, in order.
    index('job_due_idx').on(t.runAfter).where(sql`status = 'queued'`),
    index('job_running_idx').on(t.lockedAt).where(sql`status = 'running'`),
    index('job_authority_status_idx').on(t.authorityId, t.status, t.createdAt),
  ],
);

/**
 * Every letter and e-mail the service sends, written in the same transaction as the casework that
 * causes it, with the job that sends it. What was sent stays here: the delivery adapter records
 * whether GOV.UK Notify accepted it or it was held for printing.
 */
export const outboxMessage = pgTable(
  'outbox_message',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    channel: text('channel').notNull(),
    recipientName: text('recipient_name').notNull(),
    /** An e-mail address, or a postal address of one line per line, the postcode last. */
    recipientAddress: text('recipient_address').notNull(),
    /** The recipient's address is shown to the SEND team only (the person's do-not-disclose flag). */
    addressWithheld: boolean('address_withheld').notNull().default(false),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    caseId: uuid('case_id').references(() => ehcCase.id),
    childId: uuid('child_id').references(() => child.id),
    personId: uuid('person_id').references(() => person.id),
    /** queued, then sent (accepted by GOV.UK Notify) or held (kept here for printing, not sent). */
    status: text('status').notNull().default('queued'),
    /** Which adapter delivered it: 'notify' or 'outbox'. */
    deliveredBy: text('delivered_by'),
    /** GOV.UK Notify's id for the notification. */
    providerReference: text('provider_reference'),
    jobId: uuid('job_id')
      .notNull()
      .references(() => job.id),
    createdBy: uuid('created_by').references(() => staffUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    check('outbox_message_channel_check', sql`${t.channel} IN ('letter', 'email')`),
    check('outbox_message_status_check', sql`${t.status} IN ('queued', 'sent', 'held')`),
    index('outbox_message_authority_idx').on(t.authorityId, t.createdAt),
    index('outbox_message_job_idx').on(t.authorityId, t.jobId),
  ],
);

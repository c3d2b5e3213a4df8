import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { child, document, ehcCase } from './casework.ts';
import { staffUser } from './identity.ts';
import { outboxMessage } from './jobs.ts';
import { authority } from './reference.ts';

/**
 * A council's own wording of one type of letter: every version an administrator saved, kept. The
 * latest version is the one letters are written with; until a council saves one, the service's
 * standard wording applies. Subject and body are logic-less templates (fields only, no code).
 */
export const letterTemplate = pgTable(
  'letter_template',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    letterType: text('letter_type').notNull(),
    /** 1 for a council's first saved version of this type, then one more for each save. */
    version: integer('version').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    savedBy: uuid('saved_by')
      .notNull()
      .references(() => staffUser.id),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // Two administrators saving at once cannot both write the same version: the second is refused.
    uniqueIndex('letter_template_version_idx').on(t.authorityId, t.letterType, t.version),
    check('letter_template_version_check', sql`${t.version} > 0`),
  ],
);

/**
 * What a council's letters say about it: the name it signs with, and the services a family is
 * told of (SEND Regs 2014 reg. 5(3) and 10(3): information, advice and support; mediation;
 * disagreement resolution). One row per authority, once an administrator has saved them.
 */
export const letterCouncilDetails = pgTable('letter_council_details', {
  authorityId: uuid('authority_id')
    .primaryKey()
    .references(() => authority.id),
  councilName: text('council_name').notNull(),
  sendTeamEmail: text('send_team_email').notNull(),
  iassName: text('iass_name').notNull(),
  iassContact: text('iass_contact').notNull(),
  mediationService: text('mediation_service').notNull(),
  disagreementResolutionService: text('disagreement_resolution_service').notNull(),
  /** Two administrators editing at once: the second save is refused. */
  version: integer('version').notNull(),
  updatedBy: uuid('updated_by')
    .notNull()
    .references(() => staffUser.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/**
 * A letter as it was sent on a case: its words as text and HTML, rendered from the template of its
 * type then current, and the outbox message that carries it. Its tagged PDF is made afterwards by
 * a job and kept as a document on the case. The recipient's address is the message's.
 */
export const letter = pgTable(
  'letter',
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
    letterType: text('letter_type').notNull(),
    /** The council's template version it was written with; null for the service's standard wording. */
    templateVersion: integer('template_version'),
    recipientName: text('recipient_name').notNull(),
    recipientChannel: text('recipient_channel').notNull(),
    /** The recipient's address must not be disclosed: shown to the SEND team only. */
    addressWithheld: boolean('address_withheld').notNull().default(false),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html').notNull(),
    /** The staff user who sent it (a token's owner); null for the service itself. */
    createdBy: uuid('created_by').references(() => staffUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    messageId: uuid('message_id')
      .notNull()
      .references(() => outboxMessage.id),
    /** The tagged PDF, once the job has made it. */
    pdfDocumentId: uuid('pdf_document_id').references(() => document.id),
  },
  (t) => [
    check('letter_recipient_channel_check', sql`${t.recipientChannel} IN ('letter', 'email')`),
    index('letter_case_idx').on(t.authorityId, t.caseId, t.createdAt),
    index('letter_child_idx').on(t.authorityId, t.childId, t.createdAt),
  ],
);

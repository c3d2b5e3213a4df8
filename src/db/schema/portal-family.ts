import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { child, ehcCase } from './casework.ts';
import { portalAccount } from './portal.ts';
import { authority } from './reference.ts';

/**
 * A young person's choice (over compulsory school age, CFA 2014 s.83(2): the decisions are theirs,
 * s.67) whether their parents and carers may see their case in the family portal. Each
 * choice is a new row, never changed: the latest is the one that holds, and who recorded it and
 * when is kept (the young person through the portal, 'portal:<account id>', or an officer for them).
 */
export const portalYoungPersonChoice = pgTable(
  'portal_young_person_choice',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => child.id),
    /** Whether the young person's parents and carers with portal accounts may see the case. */
    shareWithFamily: boolean('share_with_family').notNull(),
    /** 'portal:<account id>' for the young person themself, or the officer's staff id. */
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    /**
     * How the young person gave the choice when an officer records it for them ('phone', 'meeting',
     * 'email', 'letter'), and the day they gave it; null for a choice made on the portal itself.
     */
    givenBy: text('given_by'),
    givenOn: date('given_on', { mode: 'string' }),
  },
  (t) => [
    index('portal_young_person_choice_child_idx').on(t.authorityId, t.childId, t.recordedAt),
    check('portal_young_person_choice_recorded_by_check', sql`length(${t.recordedBy}) between 1 and 200`),
    check('portal_young_person_choice_given_by_check', sql`${t.givenBy} IS NULL OR ${t.givenBy} IN ('phone', 'meeting', 'email', 'letter')`),
    check('portal_young_person_choice_given_check', sql`(${t.givenBy} IS NULL) = (${t.givenOn} IS NULL)`),
  ],
);

/**
 * The views, interests and aspirations a family sends through the portal for section A of the EHC
 * plan (SEND Regs 2014 reg. 12(1)(a); CFA 2014 s.19(a)-(c)): what matters to the child, what they
 * are good at, what they hope for and how they like to be helped, in the child's and the family's
 * own words. Each sending is a new row, never changed, with who sent it and when; the officer
 * reads them all on the child's record when writing section A or preparing a review.
 */
export const portalFamilyViews = pgTable(
  'portal_family_views',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => child.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    /** The family account that sent them. */
    accountId: uuid('account_id')
      .notNull()
      .references(() => portalAccount.id),
    /** The sender's name as it was when they sent them, and their link to the child ('young-person' when it is the young person themself). */
    senderName: text('sender_name').notNull(),
    senderRelationship: text('sender_relationship').notNull(),
    whatMatters: text('what_matters'),
    goodAt: text('good_at'),
    hopes: text('hopes'),
    support: text('support'),
    familyViews: text('family_views'),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('portal_family_views_child_idx').on(t.authorityId, t.childId, t.sentAt),
    check('portal_family_views_something_check', sql`coalesce(${t.whatMatters}, ${t.goodAt}, ${t.hopes}, ${t.support}, ${t.familyViews}) is not null`),
    check(
      'portal_family_views_length_check',
      sql`coalesce(length(${t.whatMatters}), 0) <= 2000 and coalesce(length(${t.goodAt}), 0) <= 2000 and coalesce(length(${t.hopes}), 0) <= 2000 and coalesce(length(${t.support}), 0) <= 2000 and coalesce(length(${t.familyViews}), 0) <= 2000`,
    ),
    check('portal_family_views_sender_check', sql`length(${t.senderName}) between 1 and 200 and length(${t.senderRelationship}) between 1 and 50`),
  ],
);

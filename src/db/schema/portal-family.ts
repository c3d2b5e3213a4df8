import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { child } from './casework.ts';
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

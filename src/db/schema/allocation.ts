import { sql } from 'drizzle-orm';
import { check, foreignKey, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ehcCase } from './casework.ts';
import { staffUser } from './identity.ts';
import { authority } from './reference.ts';

/**
 * Who has held each case, and when: one row a spell, the open one (held_to null) the case's
 * holder now. A spell with no officer is a wait in the unallocated queue. Written in the same
 * transaction as the case's officer changes (a request recorded, an allocation, a reallocation),
 * each change also an event on the case, so "who held this child's case in March, and why did it
 * move" has an answer.
 */
export const caseHolder = pgTable(
  'case_holder',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    /** Null: the case waited in the unallocated queue. */
    officerId: uuid('officer_id'),
    heldFrom: timestamp('held_from', { withTimezone: true }).notNull(),
    heldTo: timestamp('held_to', { withTimezone: true }),
    /** request-recorded, allocated, reallocated, unallocated, reopened (a closing withdrawn), or carried-over (held before the history was kept). */
    change: text('change').notNull(),
    /** Why it moved, in the manager's words; null where the change says it (a request recorded). */
    reason: text('reason'),
    /** The case event recording the change; null for the spells carried over. */
    eventId: uuid('event_id'),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    // One spell open at a time: two changes racing cannot both leave the case with a holder.
    uniqueIndex('case_holder_open_idx')
      .on(t.authorityId, t.caseId)
      .where(sql`held_to IS NULL`),
    index('case_holder_case_idx').on(t.authorityId, t.caseId, t.heldFrom),
    foreignKey({ name: 'case_holder_officer_same_authority_fk', columns: [t.authorityId, t.officerId], foreignColumns: [staffUser.authorityId, staffUser.id] }),
    check('case_holder_change_check', sql`change in ('request-recorded', 'allocated', 'reallocated', 'unallocated', 'reopened', 'carried-over')`),
    check('case_holder_spell_check', sql`held_to IS NULL OR held_to >= held_from`),
  ],
);

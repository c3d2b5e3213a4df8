import { sql } from 'drizzle-orm';
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { child, ehcCase } from './casework.ts';
import { authority } from './reference.ts';

/**
 * A move between councils with an EHC plan (SEND Regs 2014 reg. 15). Out: the child moves to
 * another council, which this council learnt of on a day; the plan is sent on the day of the move
 * or within 15 working days beginning with that day, and the case closes as transferred. In: the
 * child arrives with another council's plan, which opens a case here; the family is told within 6
 * weeks and the plan reviewed within the later of 12 months of its last review and 3 months of
 * the move. One move out at a time per case (the partial unique index).
 */
export const councilTransfer = pgTable(
  'council_transfer',
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
    /** 'out' to another council, 'in' from one. */
    direction: text('direction').notNull(),
    /** The other council's name, as the officer gives it. */
    otherCouncil: text('other_council').notNull(),
    moveDate: date('move_date', { mode: 'string' }).notNull(),
    /** Out: the day this council learnt of the move. */
    learntOn: date('learnt_on', { mode: 'string' }),
    /** Out: the day the plan is due at the new council (reg. 15), worked out with the bank holidays. */
    planDueOn: date('plan_due_on', { mode: 'string' }),
    /** Out: the day the plan was sent, and the letter it went with. */
    planSentOn: date('plan_sent_on', { mode: 'string' }),
    letterId: uuid('letter_id'),
    /** In: the day the other council's plan was received, and the day it was made or last reviewed. */
    planReceivedOn: date('plan_received_on', { mode: 'string' }),
    lastReviewOn: date('last_review_on', { mode: 'string' }),
    /**
     * In, from the plan's papers, for the SEN2 return (each optional): the other council's LA code
     * (TransferLA), and the day it received the original request and who made it (RequestSource).
     * The plan's needs and placement are a version of the plan itself.
     */
    otherLaCode: text('other_la_code'),
    requestReceivedOn: date('request_received_on', { mode: 'string' }),
    requestSource: integer('request_source'),
    /** In: the day the family was told whether the council will assess or review (reg. 15: 6 weeks). */
    familyToldOn: date('family_told_on', { mode: 'string' }),
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('council_transfer_case_idx').on(t.authorityId, t.caseId),
    index('council_transfer_move_idx').on(t.authorityId, t.direction, t.moveDate),
    uniqueIndex('council_transfer_one_out_per_case').on(t.authorityId, t.caseId).where(sql`direction = 'out'`),
    check('council_transfer_la_code_check', sql`${t.otherLaCode} IS NULL OR ${t.otherLaCode} ~ '^[0-9]{3}$'`),
    check('council_transfer_request_source_check', sql`${t.requestSource} IS NULL OR ${t.requestSource} BETWEEN 1 AND 5`),
    check('council_transfer_direction_check', sql`${t.direction} IN ('out', 'in')`),
    check('council_transfer_out_check', sql`${t.direction} <> 'out' OR (${t.learntOn} IS NOT NULL AND ${t.planDueOn} IS NOT NULL)`),
    check('council_transfer_in_check', sql`${t.direction} <> 'in' OR (${t.planReceivedOn} IS NOT NULL AND ${t.lastReviewOn} IS NOT NULL)`),
    check('council_transfer_sent_check', sql`${t.planSentOn} IS NULL OR ${t.planSentOn} >= ${t.learntOn}`),
  ],
);

import { sql } from 'drizzle-orm';
import { check, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staffUser } from './identity.ts';
import { authority } from './reference.ts';

/**
 * The council's own weight for a rule of the caseload weighting (src/domain/caseload/weights.ts),
 * set by an administrator. A rule with no row here weighs its default, so a council that never
 * changes them has no rows at all. Never negative: a weight that took load away would hide cases.
 */
export const weightRule = pgTable(
  'weight_rule',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    ruleKey: text('rule_key').notNull(),
    weight: numeric('weight', { precision: 3, scale: 1, mode: 'number' }).notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => staffUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('weight_rule_pk').on(t.authorityId, t.ruleKey), check('weight_rule_weight_check', sql`${t.weight} >= 0 AND ${t.weight} <= 10`)],
);

/**
 * The council's caseload settings: the weighted load a full-time officer should hold at most (an
 * officer's own cap is this times their full-time equivalent). No row: the default.
 */
export const caseloadSetting = pgTable(
  'caseload_setting',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    capPerFullTimeOfficer: numeric('cap_per_full_time_officer', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => staffUser.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('caseload_setting_pk').on(t.authorityId), check('caseload_setting_cap_check', sql`${t.capPerFullTimeOfficer} > 0 AND ${t.capPerFullTimeOfficer} <= 500`)],
);

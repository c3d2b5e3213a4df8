import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import type { TestApp } from '../app.ts';

/**
 * An appeal to the First-tier Tribunal as the register keeps it, against the case's final plan,
 * written straight to the tables with the dates and each part's outcome the test chooses
 * (registered, and concluded or not): for counting appeals, not for the appeals feature's rules.
 */
export async function anAppealOnRecord(
  testApp: TestApp,
  options: { authorityId: string; caseId: string; childId: string; registered: string; concluded: string | null; outcomes?: readonly (string | null)[]; reference: string },
): Promise<{ appealId: string }> {
  const db = testApp.database.db;
  const [decision] = await queryRows<{ id: string; occurred_on: string }>(db, sql`SELECT id, occurred_on::text FROM case_event WHERE case_id = ${options.caseId} AND type = 'plan.issued'`);
  if (!decision) throw new Error('The case has no final plan to appeal against');
  const suffix = options.reference.replace(/\D/g, '').padStart(8, '0').slice(-8);
  const appealId = `${suffix}-0000-7000-8000-${options.caseId.slice(-12)}`;
  await db.execute(sql`INSERT INTO appeal (id, authority_id, case_id, child_id, appeal_type, decision_event_id, decision_type, decision_on, decision_by, tribunal_reference, registered_on, response_due_on, status, concluded_on, registered_event_id, created_by, created_at, updated_at)
    VALUES (${appealId}, ${options.authorityId}, ${options.caseId}, ${options.childId}, 'plan-content', ${decision.id}, 'plan.issued', ${decision.occurred_on}, 'test', ${options.reference}, ${options.registered}, ${options.registered}, ${options.concluded ? 'concluded' : 'registered'}, ${options.concluded}, ${decision.id}, 'test', now(), now())`);
  for (const [part, outcome] of (options.outcomes ?? []).entries()) {
    await db.execute(sql`INSERT INTO appeal_section (id, authority_id, appeal_id, section, outcome, outcome_on) VALUES (${`${appealId.slice(0, 24)}${String(part).padStart(12, '0')}`}, ${options.authorityId}, ${appealId}, ${['F', 'I', 'B'][part]!}, ${outcome}, ${options.concluded})`);
  }
  return { appealId };
}

import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { child, ehcCase, portalYoungPersonChoice } from '../../db/schema/index.ts';

export interface SharingChildRow {
  id: string;
  forename: string;
  preferredName: string | null;
  surname: string;
  dateOfBirth: string;
}

/** The child, locked when `lock` (one choice recorded at a time, so the latest is the latest). */
export async function findChild(executor: Executor, authorityId: string, childId: string, lock = false): Promise<SharingChildRow | undefined> {
  const query = executor
    .select({ id: child.id, forename: child.forename, preferredName: child.preferredName, surname: child.surname, dateOfBirth: child.dateOfBirth })
    .from(child)
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export type ChoiceRow = typeof portalYoungPersonChoice.$inferSelect;

/** The choice that holds: the latest recorded. */
export async function latestChoice(executor: Executor, authorityId: string, childId: string): Promise<ChoiceRow | undefined> {
  const [row] = await executor
    .select()
    .from(portalYoungPersonChoice)
    .where(and(eq(portalYoungPersonChoice.authorityId, authorityId), eq(portalYoungPersonChoice.childId, childId)))
    .orderBy(desc(portalYoungPersonChoice.recordedAt), desc(portalYoungPersonChoice.id))
    .limit(1);
  return row;
}

export async function insertChoice(executor: Executor, row: typeof portalYoungPersonChoice.$inferInsert): Promise<void> {
  await executor.insert(portalYoungPersonChoice).values(row);
}

/** The case the choice's event goes on: the child's open case, else their latest. */
export async function caseOfChild(executor: Executor, authorityId: string, childId: string): Promise<string | undefined> {
  const rows = await executor
    .select({ id: ehcCase.id, closedOn: ehcCase.closedOn, openedOn: ehcCase.openedOn })
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.childId, childId)))
    .orderBy(desc(ehcCase.openedOn), desc(ehcCase.id));
  return (rows.find((row) => row.closedOn === null) ?? rows[0])?.id;
}

import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { child, childPerson, ehcCase, person, plan, planChange, planChangeResponse } from '../../db/schema/index.ts';

export type PlanChangeRow = typeof planChange.$inferSelect;
export type PlanChangeResponseRow = typeof planChangeResponse.$inferSelect;

/** The plan with its case and child, as the changes' pages and notices need them. */
export async function findPlan(executor: Executor, authorityId: string, planId: string) {
  const [row] = await executor
    .select({
      id: plan.id,
      caseId: plan.caseId,
      childId: plan.childId,
      reference: ehcCase.reference,
      caseClosedOn: ehcCase.closedOn,
      forename: child.forename,
      surname: child.surname,
      dateOfBirth: child.dateOfBirth,
    })
    .from(plan)
    .innerJoin(ehcCase, and(eq(ehcCase.authorityId, plan.authorityId), eq(ehcCase.id, plan.caseId)))
    .innerJoin(child, and(eq(child.authorityId, plan.authorityId), eq(child.id, plan.childId)))
    .where(and(eq(plan.authorityId, authorityId), eq(plan.id, planId)));
  return row;
}
export type PlanOfChange = NonNullable<Awaited<ReturnType<typeof findPlan>>>;

export async function findChange(executor: Executor, authorityId: string, changeId: string): Promise<PlanChangeRow | undefined> {
  const [row] = await executor.select().from(planChange).where(and(eq(planChange.authorityId, authorityId), eq(planChange.id, changeId)));
  return row;
}

/** The change, held for the rest of the transaction: one step on a change at a time. */
export async function lockChange(executor: Executor, authorityId: string, changeId: string): Promise<PlanChangeRow | undefined> {
  const [row] = await executor
    .select()
    .from(planChange)
    .where(and(eq(planChange.authorityId, authorityId), eq(planChange.id, changeId)))
    .for('update');
  return row;
}

/** The plan's changes, the latest first. */
export async function listChanges(executor: Executor, authorityId: string, planId: string): Promise<PlanChangeRow[]> {
  return executor
    .select()
    .from(planChange)
    .where(and(eq(planChange.authorityId, authorityId), eq(planChange.planId, planId)))
    .orderBy(desc(planChange.createdAt), desc(planChange.id));
}

export async function insertChange(executor: Executor, row: typeof planChange.$inferInsert): Promise<void> {
  await executor.insert(planChange).values(row);
}

export async function updateChange(executor: Executor, authorityId: string, changeId: string, change: Partial<typeof planChange.$inferInsert>): Promise<void> {
  await executor
    .update(planChange)
    .set(change)
    .where(and(eq(planChange.authorityId, authorityId), eq(planChange.id, changeId)));
}

export async function insertResponse(executor: Executor, row: typeof planChangeResponse.$inferInsert): Promise<void> {
  await executor.insert(planChangeResponse).values(row);
}

/** What each party said about a change, in the order it was recorded. */
export async function listResponses(executor: Executor, authorityId: string, changeId: string): Promise<PlanChangeResponseRow[]> {
  return executor
    .select()
    .from(planChangeResponse)
    .where(and(eq(planChangeResponse.authorityId, authorityId), eq(planChangeResponse.changeId, changeId)))
    .orderBy(asc(planChangeResponse.recordedAt), asc(planChangeResponse.id));
}

/** The child's parents and carers, the main contact first: whom the notices go to. */
export async function listParents(executor: Executor, authorityId: string, childId: string): Promise<{ personId: string }[]> {
  return executor
    .select({ personId: person.id })
    .from(childPerson)
    .innerJoin(person, and(eq(person.authorityId, childPerson.authorityId), eq(person.id, childPerson.personId)))
    .where(and(eq(childPerson.authorityId, authorityId), eq(childPerson.childId, childId), isNull(childPerson.unlinkedAt)))
    .orderBy(desc(childPerson.mainContact), desc(childPerson.parentalResponsibility), asc(person.surname), asc(person.id));
}

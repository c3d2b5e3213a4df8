import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { childPerson, person } from '../../db/schema/index.ts';

export async function insertPerson(executor: Executor, row: typeof person.$inferInsert): Promise<void> {
  await executor.insert(person).values(row);
}

export async function linkPerson(executor: Executor, row: typeof childPerson.$inferInsert): Promise<void> {
  await executor.insert(childPerson).values(row);
}

export type LinkedPerson = typeof person.$inferSelect & { relationship: string; parentalResponsibility: boolean; mainContact: boolean };

/** A person linked to the child now (not removed from the record), with how they are linked. */
export async function findLinkedPerson(executor: Executor, authorityId: string, childId: string, personId: string): Promise<LinkedPerson | undefined> {
  const rows = await executor
    .select({ person, relationship: childPerson.relationship, parentalResponsibility: childPerson.parentalResponsibility, mainContact: childPerson.mainContact })
    .from(childPerson)
    .innerJoin(person, and(eq(person.authorityId, childPerson.authorityId), eq(person.id, childPerson.personId)))
    .where(and(eq(childPerson.authorityId, authorityId), eq(childPerson.childId, childId), eq(childPerson.personId, personId), isNull(childPerson.unlinkedAt)))
    .limit(1);
  const row = rows[0];
  return row ? { ...row.person, relationship: row.relationship, parentalResponsibility: row.parentalResponsibility, mainContact: row.mainContact } : undefined;
}

/** Saves only if nobody saved since `version` was read; false means someone did. */
export async function updatePerson(
  executor: Executor,
  authorityId: string,
  personId: string,
  version: number,
  changes: Partial<Omit<typeof person.$inferInsert, 'id' | 'authorityId' | 'version' | 'createdAt'>>,
): Promise<boolean> {
  const rows = await executor
    .update(person)
    .set({ ...changes, version: sql`${person.version} + 1` })
    .where(and(eq(person.authorityId, authorityId), eq(person.id, personId), eq(person.version, version)))
    .returning({ id: person.id });
  return rows.length === 1;
}

export async function updateLink(
  executor: Executor,
  authorityId: string,
  childId: string,
  personId: string,
  changes: { relationship: string; parentalResponsibility: boolean; mainContact: boolean },
): Promise<void> {
  await executor
    .update(childPerson)
    .set(changes)
    .where(and(eq(childPerson.authorityId, authorityId), eq(childPerson.childId, childId), eq(childPerson.personId, personId), isNull(childPerson.unlinkedAt)));
}

/** Makes no one but `personId` the child's main contact; the people it was taken from. */
export async function clearOtherMainContacts(executor: Executor, authorityId: string, childId: string, personId: string): Promise<string[]> {
  const rows = await executor
    .update(childPerson)
    .set({ mainContact: false })
    .where(
      and(
        eq(childPerson.authorityId, authorityId),
        eq(childPerson.childId, childId),
        ne(childPerson.personId, personId),
        eq(childPerson.mainContact, true),
        isNull(childPerson.unlinkedAt),
      ),
    )
    .returning({ personId: childPerson.personId });
  return rows.map((row) => row.personId);
}

/** Ends the link between the child and the person, keeping it; false when there was none to end. */
export async function unlinkPerson(executor: Executor, authorityId: string, childId: string, personId: string, at: Date): Promise<boolean> {
  const rows = await executor
    .update(childPerson)
    .set({ unlinkedAt: at })
    .where(and(eq(childPerson.authorityId, authorityId), eq(childPerson.childId, childId), eq(childPerson.personId, personId), isNull(childPerson.unlinkedAt)))
    .returning({ personId: childPerson.personId });
  return rows.length === 1;
}

import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { childPerson, person } from '../../db/schema/index.ts';
import type { PersonContact } from '../outbox/index.ts';

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

/**
 * The parents and carers linked to each child, with their contact details, the main contact first:
 * whom each family's letter goes to. One statement for all the children.
 */
export async function listParentContacts(executor: Executor, authorityId: string, childIds: readonly string[]): Promise<Map<string, ParentContactRow[]>> {
  const byChild = new Map<string, ParentContactRow[]>();
  if (childIds.length === 0) return byChild;
  const rows = await executor
    .select({
      childId: childPerson.childId,
      personId: person.id,
      forename: person.forename,
      surname: person.surname,
      email: person.email,
      address: person.address,
      postcode: person.postcode,
      doNotDiscloseAddress: person.doNotDiscloseAddress,
    })
    .from(childPerson)
    .innerJoin(person, and(eq(person.authorityId, childPerson.authorityId), eq(person.id, childPerson.personId)))
    .where(and(eq(childPerson.authorityId, authorityId), inArray(childPerson.childId, [...new Set(childIds)]), isNull(childPerson.unlinkedAt)))
    .orderBy(asc(childPerson.childId), sql`${childPerson.mainContact} DESC`, sql`${childPerson.parentalResponsibility} DESC`, asc(person.surname), asc(person.id));
  for (const row of rows) byChild.set(row.childId, [...(byChild.get(row.childId) ?? []), row]);
  return byChild;
}

/** A parent or carer of the child, with what a letter or e-mail to them needs. */
export type ParentContactRow = PersonContact & { childId: string; personId: string };

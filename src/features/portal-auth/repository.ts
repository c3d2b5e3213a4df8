import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { child, childPerson, person, portalAccount, portalFamilyLink, portalProfessionalLink, portalRecoveryCode, portalSchoolLink, portalSession, portalSignInLink, school } from '../../db/schema/index.ts';

// Three look-ups cannot know the council first (an e-mail typed at sign-in, a link's token, a
// session's cookie) and say so with a "cross-authority" comment; what they return carries its
// council, and everything after them is asked of that council only.

export type PortalAccountRow = typeof portalAccount.$inferSelect;
export type SignInLinkRow = typeof portalSignInLink.$inferSelect;
export type PortalSessionRow = typeof portalSession.$inferSelect;

export async function findActiveAccountsByEmail(executor: Executor, email: string): Promise<PortalAccountRow[]> {
  return executor
    .select()
    .from(portalAccount)
    .where(sql`/* cross-authority: sign-in by e-mail */ ${portalAccount.email} = ${email} AND ${portalAccount.status} <> 'disabled'`)
    .orderBy(asc(portalAccount.createdAt))
    .limit(10);
}

export async function findAccount(executor: Executor, authorityId: string, accountId: string): Promise<PortalAccountRow | undefined> {
  const rows = await executor
    .select()
    .from(portalAccount)
    .where(and(eq(portalAccount.authorityId, authorityId), eq(portalAccount.id, accountId)))
    .limit(1);
  return rows[0];
}

/** The account, locked for the rest of the transaction: second-factor attempts are counted one at a time. */
export async function lockAccount(executor: Executor, authorityId: string, accountId: string): Promise<PortalAccountRow | undefined> {
  const rows = await executor
    .select()
    .from(portalAccount)
    .where(and(eq(portalAccount.authorityId, authorityId), eq(portalAccount.id, accountId)))
    .for('update')
    .limit(1);
  return rows[0];
}

export async function findAccountByEmail(executor: Executor, authorityId: string, email: string): Promise<PortalAccountRow | undefined> {
  const rows = await executor
    .select()
    .from(portalAccount)
    .where(and(eq(portalAccount.authorityId, authorityId), eq(portalAccount.email, email)))
    .limit(1);
  return rows[0];
}

export async function insertAccount(executor: Executor, row: typeof portalAccount.$inferInsert): Promise<void> {
  await executor.insert(portalAccount).values(row);
}

export async function updateAccount(executor: Executor, authorityId: string, accountId: string, changes: Partial<typeof portalAccount.$inferInsert>): Promise<void> {
  await executor
    .update(portalAccount)
    .set({ ...changes, version: sql`${portalAccount.version} + 1` })
    .where(and(eq(portalAccount.authorityId, authorityId), eq(portalAccount.id, accountId)));
}

export async function insertFamilyLink(executor: Executor, row: typeof portalFamilyLink.$inferInsert): Promise<boolean> {
  const rows = await executor.insert(portalFamilyLink).values(row).onConflictDoNothing().returning({ childId: portalFamilyLink.childId });
  return rows.length > 0;
}

export async function insertSchoolLink(executor: Executor, row: typeof portalSchoolLink.$inferInsert): Promise<boolean> {
  const rows = await executor.insert(portalSchoolLink).values(row).onConflictDoNothing().returning({ schoolId: portalSchoolLink.schoolId });
  return rows.length > 0;
}

export async function insertProfessionalLink(executor: Executor, row: typeof portalProfessionalLink.$inferInsert): Promise<boolean> {
  const rows = await executor.insert(portalProfessionalLink).values(row).onConflictDoNothing().returning({ accountId: portalProfessionalLink.accountId });
  return rows.length > 0;
}

/** The children a family account is linked to, by their first name (the name they go by when they have one). */
export async function linkedChildren(executor: Executor, authorityId: string, accountId: string): Promise<{ childId: string; firstName: string; relationship: string }[]> {
  return executor
    .select({ childId: portalFamilyLink.childId, firstName: sql<string>`coalesce(${child.preferredName}, ${child.forename})`, relationship: portalFamilyLink.relationship })
    .from(portalFamilyLink)
    .innerJoin(child, and(eq(child.authorityId, portalFamilyLink.authorityId), eq(child.id, portalFamilyLink.childId)))
    .where(and(eq(portalFamilyLink.authorityId, authorityId), eq(portalFamilyLink.accountId, accountId), isNull(portalFamilyLink.endedAt)))
    .orderBy(asc(child.dateOfBirth));
}

export async function linkedSchools(executor: Executor, authorityId: string, accountId: string): Promise<{ schoolId: string; urn: number; name: string; role: string }[]> {
  return executor
    .select({ schoolId: portalSchoolLink.schoolId, urn: school.urn, name: school.name, role: portalSchoolLink.role })
    .from(portalSchoolLink)
    .innerJoin(school, eq(school.id, portalSchoolLink.schoolId))
    .where(and(eq(portalSchoolLink.authorityId, authorityId), eq(portalSchoolLink.accountId, accountId), isNull(portalSchoolLink.endedAt)))
    .orderBy(asc(school.name));
}

export async function linkedOrganisations(executor: Executor, authorityId: string, accountId: string): Promise<{ organisation: string; adviceKind: string }[]> {
  return executor
    .select({ organisation: portalProfessionalLink.organisation, adviceKind: portalProfessionalLink.adviceKind })
    .from(portalProfessionalLink)
    .where(and(eq(portalProfessionalLink.authorityId, authorityId), eq(portalProfessionalLink.accountId, accountId), isNull(portalProfessionalLink.endedAt)))
    .orderBy(asc(portalProfessionalLink.organisation));
}

/** A person on a child's record (linked now), for an invitation: their name, e-mail and relationship. */
export async function findLinkedPerson(
  executor: Executor,
  authorityId: string,
  childId: string,
  personId: string,
): Promise<{ forename: string; surname: string; email: string | null; relationship: string; parentalResponsibility: boolean } | undefined> {
  const rows = await executor
    .select({ forename: person.forename, surname: person.surname, email: person.email, relationship: childPerson.relationship, parentalResponsibility: childPerson.parentalResponsibility })
    .from(childPerson)
    .innerJoin(person, and(eq(person.authorityId, childPerson.authorityId), eq(person.id, childPerson.personId)))
    .where(and(eq(childPerson.authorityId, authorityId), eq(childPerson.childId, childId), eq(childPerson.personId, personId), isNull(childPerson.unlinkedAt)))
    .limit(1);
  return rows[0];
}

export async function findSchoolByUrn(executor: Executor, urn: number): Promise<{ id: string; urn: number; name: string; status: string } | undefined> {
  const rows = await executor.select({ id: school.id, urn: school.urn, name: school.name, status: school.status }).from(school).where(eq(school.urn, urn)).limit(1);
  return rows[0];
}

export async function insertSignInLink(executor: Executor, row: typeof portalSignInLink.$inferInsert): Promise<void> {
  await executor.insert(portalSignInLink).values(row);
}

/** A link by its token's hash, locked for the rest of the transaction, so two clicks cannot both use it. */
export async function lockSignInLink(executor: Executor, tokenHash: string): Promise<SignInLinkRow | undefined> {
  const rows = await executor
    .select()
    .from(portalSignInLink)
    .where(sql`/* cross-authority: sign-in link */ ${portalSignInLink.tokenHash} = ${tokenHash}`)
    .for('update')
    .limit(1);
  return rows[0];
}

export async function findSignInLink(executor: Executor, tokenHash: string): Promise<SignInLinkRow | undefined> {
  const rows = await executor
    .select()
    .from(portalSignInLink)
    .where(sql`/* cross-authority: sign-in link */ ${portalSignInLink.tokenHash} = ${tokenHash}`)
    .limit(1);
  return rows[0];
}

export async function markLinkUsed(executor: Executor, authorityId: string, linkId: string, at: Date): Promise<void> {
  await executor
    .update(portalSignInLink)
    .set({ usedAt: at })
    .where(and(eq(portalSignInLink.authorityId, authorityId), eq(portalSignInLink.id, linkId)));
}

export async function insertSession(executor: Executor, row: typeof portalSession.$inferInsert): Promise<void> {
  await executor.insert(portalSession).values(row);
}

export async function findLiveSession(executor: Executor, tokenHash: string): Promise<{ session: PortalSessionRow; account: PortalAccountRow } | undefined> {
  const rows = await executor
    .select({ session: portalSession, account: portalAccount })
    .from(portalSession)
    .innerJoin(portalAccount, and(eq(portalAccount.authorityId, portalSession.authorityId), eq(portalAccount.id, portalSession.accountId)))
    .where(sql`/* cross-authority: portal session cookie */ ${portalSession.tokenHash} = ${tokenHash} AND ${portalSession.endedAt} IS NULL`)
    .limit(1);
  return rows[0];
}

export async function touchSession(executor: Executor, authorityId: string, tokenHash: string, at: Date): Promise<void> {
  await executor
    .update(portalSession)
    .set({ lastSeenAt: at })
    .where(and(eq(portalSession.authorityId, authorityId), eq(portalSession.tokenHash, tokenHash)));
}

export async function markSecondFactorGiven(executor: Executor, authorityId: string, tokenHash: string, at: Date): Promise<void> {
  await executor
    .update(portalSession)
    .set({ secondFactorAt: at, lastSeenAt: at })
    .where(and(eq(portalSession.authorityId, authorityId), eq(portalSession.tokenHash, tokenHash), isNull(portalSession.endedAt)));
}

export async function endSession(executor: Executor, authorityId: string, tokenHash: string, at: Date): Promise<void> {
  await executor
    .update(portalSession)
    .set({ endedAt: at })
    .where(and(eq(portalSession.authorityId, authorityId), eq(portalSession.tokenHash, tokenHash), isNull(portalSession.endedAt)));
}

export async function endSessionsOfAccount(executor: Executor, authorityId: string, accountId: string, at: Date): Promise<number> {
  const rows = await executor
    .update(portalSession)
    .set({ endedAt: at })
    .where(and(eq(portalSession.authorityId, authorityId), eq(portalSession.accountId, accountId), isNull(portalSession.endedAt)))
    .returning({ tokenHash: portalSession.tokenHash });
  return rows.length;
}

export async function replaceRecoveryCodes(executor: Executor, authorityId: string, accountId: string, rows: (typeof portalRecoveryCode.$inferInsert)[]): Promise<void> {
  await executor.delete(portalRecoveryCode).where(and(eq(portalRecoveryCode.authorityId, authorityId), eq(portalRecoveryCode.accountId, accountId)));
  if (rows.length > 0) await executor.insert(portalRecoveryCode).values(rows);
}

/** Uses a recovery code: true when it was one of the account's and not used before. */
export async function useRecoveryCode(executor: Executor, authorityId: string, accountId: string, codeHash: string, at: Date): Promise<boolean> {
  const rows = await executor
    .update(portalRecoveryCode)
    .set({ usedAt: at })
    .where(
      and(
        eq(portalRecoveryCode.authorityId, authorityId),
        eq(portalRecoveryCode.accountId, accountId),
        eq(portalRecoveryCode.codeHash, codeHash),
        isNull(portalRecoveryCode.usedAt),
      ),
    )
    .returning({ id: portalRecoveryCode.id });
  return rows.length > 0;
}

export async function unusedRecoveryCodes(executor: Executor, authorityId: string, accountId: string): Promise<number> {
  const [row] = await executor
    .select({ total: sql<number>`count(*)::int` })
    .from(portalRecoveryCode)
    .where(and(eq(portalRecoveryCode.authorityId, authorityId), eq(portalRecoveryCode.accountId, accountId), isNull(portalRecoveryCode.usedAt)));
  return row?.total ?? 0;
}

/** A child, for an invitation to the family portal: their names, date of birth and the people linked now. */
export async function childForInvitation(
  executor: Executor,
  authorityId: string,
  childId: string,
): Promise<
  | {
      firstName: string;
      surname: string;
      dateOfBirth: string;
      people: { personId: string; forename: string; surname: string; email: string | null; relationship: string; parentalResponsibility: boolean }[];
    }
  | undefined
> {
  const [found] = await executor
    .select({ firstName: sql<string>`coalesce(${child.preferredName}, ${child.forename})`, surname: child.surname, dateOfBirth: child.dateOfBirth })
    .from(child)
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  if (!found) return undefined;
  const people = await executor
    .select({
      personId: person.id,
      forename: person.forename,
      surname: person.surname,
      email: person.email,
      relationship: childPerson.relationship,
      parentalResponsibility: childPerson.parentalResponsibility,
    })
    .from(childPerson)
    .innerJoin(person, and(eq(person.authorityId, childPerson.authorityId), eq(person.id, childPerson.personId)))
    .where(and(eq(childPerson.authorityId, authorityId), eq(childPerson.childId, childId), isNull(childPerson.unlinkedAt)))
    .orderBy(asc(person.surname), asc(person.forename));
  return { ...found, people };
}

/** A person's live link to a school, locked for the rest of the transaction. */
export async function lockLiveSchoolLink(executor: Executor, authorityId: string, accountId: string, schoolId: string): Promise<{ role: string } | undefined> {
  const rows = await executor
    .select({ role: portalSchoolLink.role })
    .from(portalSchoolLink)
    .where(and(eq(portalSchoolLink.authorityId, authorityId), eq(portalSchoolLink.accountId, accountId), eq(portalSchoolLink.schoolId, schoolId), isNull(portalSchoolLink.endedAt)))
    .for('update')
    .limit(1);
  return rows[0];
}

/** The school's live administrators in this council, locked: two removals at once cannot leave none. */
export async function lockLiveSchoolAdministrators(executor: Executor, authorityId: string, schoolId: string): Promise<string[]> {
  const rows = await executor
    .select({ accountId: portalSchoolLink.accountId })
    .from(portalSchoolLink)
    .where(and(eq(portalSchoolLink.authorityId, authorityId), eq(portalSchoolLink.schoolId, schoolId), eq(portalSchoolLink.role, 'school-admin'), isNull(portalSchoolLink.endedAt)))
    .for('update');
  return rows.map((row) => row.accountId);
}

/** Links a person to a school again after an earlier link was ended (the key is the account and the school). */
export async function renewSchoolLink(executor: Executor, row: { authorityId: string; accountId: string; schoolId: string; role: string; createdBy: string | null; createdAt: Date }): Promise<boolean> {
  const rows = await executor
    .update(portalSchoolLink)
    .set({ role: row.role, createdBy: row.createdBy, createdAt: row.createdAt, endedAt: null })
    .where(and(eq(portalSchoolLink.authorityId, row.authorityId), eq(portalSchoolLink.accountId, row.accountId), eq(portalSchoolLink.schoolId, row.schoolId), sql`${portalSchoolLink.endedAt} IS NOT NULL`))
    .returning({ accountId: portalSchoolLink.accountId });
  return rows.length > 0;
}

export async function endSchoolLink(executor: Executor, authorityId: string, accountId: string, schoolId: string, at: Date): Promise<void> {
  await executor
    .update(portalSchoolLink)
    .set({ endedAt: at })
    .where(and(eq(portalSchoolLink.authorityId, authorityId), eq(portalSchoolLink.accountId, accountId), eq(portalSchoolLink.schoolId, schoolId), isNull(portalSchoolLink.endedAt)));
}

import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { apiToken, signInFailure, staffRecoveryCode, staffSession, staffUser } from '../../db/schema/index.ts';

// Three look-ups here cannot know the authority in advance (sign-in by e-mail, a session cookie, a
// bearer token); they say so with a "cross-authority" comment, which the tenancy check in the tests
// accepts. Everything they return carries its authority, and the actor is built from it.

export interface StaffUserRow {
  id: string;
  authorityId: string;
  email: string;
  name: string;
  role: string;
  authProvider: string;
  oidcSubject: string | null;
  passwordHash: string | null;
  deactivatedAt: Date | null;
  lastSignedInAt: Date | null;
  /** The second factor's TOTP secret, sealed (SecretBox); on trial until totpConfirmedAt. */
  totpSecret: string | null;
  totpConfirmedAt: Date | null;
  totpLastStep: number | null;
  secondFactorExempt: boolean;
  createdAt: Date;
  version: number;
}

export async function findUserByEmailForSignIn(executor: Executor, email: string): Promise<StaffUserRow | undefined> {
  const rows = await executor
    .select()
    .from(staffUser)
    .where(sql`/* cross-authority: sign-in by e-mail */ ${staffUser.email} = ${email}`)
    .limit(1);
  return rows[0];
}

export async function findUserByOidcSubjectForSignIn(executor: Executor, subject: string): Promise<StaffUserRow | undefined> {
  const rows = await executor
    .select()
    .from(staffUser)
    .where(sql`/* cross-authority: sign-in through the identity provider */ ${staffUser.oidcSubject} = ${subject}`)
    .limit(1);
  return rows[0];
}

/**
 * Writes the identity provider's id for a person at their first sign-in through it, only while
 * the account has none: false when it already has one (another sign-in got there first).
 */
export async function linkOidcSubject(executor: Executor, authorityId: string, userId: string, subject: string): Promise<boolean> {
  const rows = await executor
    .update(staffUser)
    .set({ oidcSubject: subject })
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId), isNull(staffUser.oidcSubject)))
    .returning({ id: staffUser.id });
  return rows.length > 0;
}

export async function findUserById(executor: Executor, authorityId: string, id: string): Promise<StaffUserRow | undefined> {
  const rows = await executor
    .select()
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, id)))
    .limit(1);
  return rows[0];
}

export async function emailTaken(executor: Executor, email: string): Promise<boolean> {
  const rows = await executor
    .select({ id: staffUser.id })
    .from(staffUser)
    .where(sql`/* cross-authority: e-mail addresses are unique across the service */ ${staffUser.email} = ${email}`)
    .limit(1);
  return rows.length > 0;
}

export async function insertUser(
  executor: Executor,
  row: Omit<StaffUserRow, 'createdAt' | 'version' | 'deactivatedAt' | 'lastSignedInAt' | 'startedOn' | 'totpSecret' | 'totpConfirmedAt' | 'totpLastStep' | 'secondFactorExempt'> & { startedOn?: string },
): Promise<void> {
  await executor.insert(staffUser).values(row);
}

/**
 * Replaces a user's password hash, only while it is still the hash the caller checked the password
 * against; false when it has changed since (another sign-in's upgrade, or a change of password).
 */
export async function replacePasswordHash(executor: Executor, authorityId: string, userId: string, previousHash: string | null, newHash: string): Promise<boolean> {
  const rows = await executor
    .update(staffUser)
    .set({ passwordHash: newHash, version: sql`${staffUser.version} + 1` })
    .where(
      and(
        eq(staffUser.authorityId, authorityId),
        eq(staffUser.id, userId),
        previousHash === null ? isNull(staffUser.passwordHash) : eq(staffUser.passwordHash, previousHash),
      ),
    )
    .returning({ id: staffUser.id });
  return rows.length > 0;
}

/** Notes a successful sign-in, for the users page; not an edit of the account, so no new version. */
export async function recordSignIn(executor: Executor, authorityId: string, userId: string, at: Date): Promise<void> {
  await executor
    .update(staffUser)
    .set({ lastSignedInAt: at })
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId)));
}

export async function listUsers(executor: Executor, authorityId: string): Promise<StaffUserRow[]> {
  return executor.select().from(staffUser).where(eq(staffUser.authorityId, authorityId)).orderBy(staffUser.name);
}

export interface SessionRow {
  tokenHash: string;
  authorityId: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  /** Null while the second factor is owed: the session is half signed in. */
  secondFactorAt: Date | null;
}

export async function insertSession(executor: Executor, row: Omit<SessionRow, 'endedAt' | 'secondFactorAt'> & { secondFactorAt: Date | null }): Promise<void> {
  await executor.insert(staffSession).values(row);
}

export async function findLiveSession(executor: Executor, tokenHash: string): Promise<{ session: SessionRow; user: StaffUserRow } | undefined> {
  const rows = await executor
    .select({ session: staffSession, user: staffUser })
    .from(staffSession)
    .innerJoin(staffUser, and(eq(staffUser.authorityId, staffSession.authorityId), eq(staffUser.id, staffSession.userId)))
    .where(sql`/* cross-authority: session cookie */ ${staffSession.tokenHash} = ${tokenHash} AND ${staffSession.endedAt} IS NULL`)
    .limit(1);
  return rows[0];
}

export async function touchSession(executor: Executor, authorityId: string, tokenHash: string, at: Date): Promise<void> {
  await executor
    .update(staffSession)
    .set({ lastSeenAt: at })
    .where(and(eq(staffSession.authorityId, authorityId), eq(staffSession.tokenHash, tokenHash)));
}

export async function endSession(executor: Executor, authorityId: string, tokenHash: string, at: Date): Promise<void> {
  await executor
    .update(staffSession)
    .set({ endedAt: at })
    .where(and(eq(staffSession.authorityId, authorityId), eq(staffSession.tokenHash, tokenHash), isNull(staffSession.endedAt)));
}

/** Ends every live session of a user; the token hashes of those it ended. */
export async function endSessionsOfUser(executor: Executor, authorityId: string, userId: string, at: Date): Promise<string[]> {
  const rows = await executor
    .update(staffSession)
    .set({ endedAt: at })
    .where(and(eq(staffSession.authorityId, authorityId), eq(staffSession.userId, userId), isNull(staffSession.endedAt)))
    .returning({ tokenHash: staffSession.tokenHash });
  return rows.map((row) => row.tokenHash);
}

export async function insertSignInFailure(executor: Executor, row: { id: string; emailKey: string; address: string; failedAt: Date; reason?: string }): Promise<void> {
  await executor.insert(signInFailure).values(row);
}

export async function countFailuresForEmail(executor: Executor, emailKey: string, since: Date): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(signInFailure)
    .where(and(eq(signInFailure.emailKey, emailKey), gt(signInFailure.failedAt, since)));
  return row?.total ?? 0;
}

export async function countFailuresForAddress(executor: Executor, address: string, since: Date): Promise<number> {
  const [row] = await executor
    .select({ total: count() })
    .from(signInFailure)
    .where(and(eq(signInFailure.address, address), gt(signInFailure.failedAt, since)));
  return row?.total ?? 0;
}

export interface ApiTokenRow {
  id: string;
  authorityId: string;
  userId: string;
  name: string;
  tokenHash: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function insertApiToken(executor: Executor, row: Omit<ApiTokenRow, 'lastUsedAt' | 'revokedAt'>): Promise<void> {
  await executor.insert(apiToken).values(row);
}

export async function findLiveApiToken(executor: Executor, tokenHash: string): Promise<{ token: ApiTokenRow; user: StaffUserRow } | undefined> {
  const rows = await executor
    .select({ token: apiToken, user: staffUser })
    .from(apiToken)
    .innerJoin(staffUser, and(eq(staffUser.authorityId, apiToken.authorityId), eq(staffUser.id, apiToken.userId)))
    .where(sql`/* cross-authority: bearer token */ ${apiToken.tokenHash} = ${tokenHash} AND ${apiToken.revokedAt} IS NULL`)
    .limit(1);
  return rows[0];
}

// ---- The second factor ----

/** A staff user, locked for the rest of the transaction: two codes checked at once see each other. */
export async function lockUser(executor: Executor, authorityId: string, id: string): Promise<StaffUserRow | undefined> {
  const rows = await executor
    .select()
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, id)))
    .for('update')
    .limit(1);
  return rows[0];
}

/** Sets the second factor's columns; not an edit of the account, so no new version. */
export async function updateSecondFactor(
  executor: Executor,
  authorityId: string,
  userId: string,
  change: { totpSecret?: string | null; totpConfirmedAt?: Date | null; totpLastStep?: number | null; secondFactorExempt?: boolean },
): Promise<void> {
  await executor
    .update(staffUser)
    .set(change)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId)));
}

export interface RecoveryCodeRow {
  id: string;
  authorityId: string;
  userId: string;
  codeHash: string;
  createdAt: Date;
}

/** The user's recovery codes become these (any earlier ones, used or not, are gone). */
export async function replaceRecoveryCodes(executor: Executor, authorityId: string, userId: string, rows: RecoveryCodeRow[]): Promise<void> {
  await executor.delete(staffRecoveryCode).where(and(eq(staffRecoveryCode.authorityId, authorityId), eq(staffRecoveryCode.userId, userId)));
  if (rows.length > 0) await executor.insert(staffRecoveryCode).values(rows);
}

export async function unusedRecoveryCodes(executor: Executor, authorityId: string, userId: string): Promise<{ id: string; codeHash: string }[]> {
  return executor
    .select({ id: staffRecoveryCode.id, codeHash: staffRecoveryCode.codeHash })
    .from(staffRecoveryCode)
    .where(and(eq(staffRecoveryCode.authorityId, authorityId), eq(staffRecoveryCode.userId, userId), isNull(staffRecoveryCode.usedAt)));
}

/** Marks a recovery code used; false when it already was. */
export async function useRecoveryCode(executor: Executor, authorityId: string, id: string, at: Date): Promise<boolean> {
  const rows = await executor
    .update(staffRecoveryCode)
    .set({ usedAt: at })
    .where(and(eq(staffRecoveryCode.authorityId, authorityId), eq(staffRecoveryCode.id, id), isNull(staffRecoveryCode.usedAt)))
    .returning({ id: staffRecoveryCode.id });
  return rows.length > 0;
}

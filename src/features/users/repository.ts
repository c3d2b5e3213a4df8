// The administrator's reads and writes of staff accounts and their API tokens. Every statement is
// led by the authority: an administrator sees and changes only their own council's staff.
import { and, asc, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import { checkViolationMessage } from '../../db/errors.ts';
import { apiToken, officerCaseload, staffUser } from '../../db/schema/index.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: string;
  authProvider: string;
  deactivatedAt: Date | null;
  lastSignedInAt: Date | null;
  /** Full-time equivalent in tenths: 10 is full time. */
  fteTenths: number;
  /** The last working day of someone leaving the service; null if not leaving. */
  leavingOn: string | null;
  /** The day the person joined the service, YYYY-MM-DD. */
  startedOn: string;
  /** When the person set up their authenticator app; null: not yet (or reset). */
  totpConfirmedAt: Date | null;
  createdAt: Date;
  version: number;
}

const userColumns = {
  id: staffUser.id,
  email: staffUser.email,
  name: staffUser.name,
  role: staffUser.role,
  authProvider: staffUser.authProvider,
  deactivatedAt: staffUser.deactivatedAt,
  lastSignedInAt: staffUser.lastSignedInAt,
  fteTenths: sql<number>`(${staffUser.fte} * 10)::int`.mapWith(Number),
  leavingOn: staffUser.leavingOn,
  startedOn: staffUser.startedOn,
  totpConfirmedAt: staffUser.totpConfirmedAt,
  createdAt: staffUser.createdAt,
  version: staffUser.version,
};

/** A page of the authority's staff, by name. */
export async function listUsersPage(executor: Executor, authorityId: string, limit: number, offset: number): Promise<UserRow[]> {
  return executor
    .select(userColumns)
    .from(staffUser)
    .where(eq(staffUser.authorityId, authorityId))
    .orderBy(asc(staffUser.name), asc(staffUser.id))
    .limit(limit)
    .offset(offset);
}

export async function countUsers(executor: Executor, authorityId: string): Promise<number> {
  const [row] = await executor.select({ total: count() }).from(staffUser).where(eq(staffUser.authorityId, authorityId));
  return row?.total ?? 0;
}

/** One member of staff; in a transaction, `forUpdate` holds the row until it commits. */
export async function findUser(executor: Executor, authorityId: string, userId: string, options: { forUpdate?: boolean } = {}): Promise<UserRow | undefined> {
  const query = executor
    .select(userColumns)
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId)))
    .limit(1);
  const rows = options.forUpdate ? await query.for('update') : await query;
  return rows[0];
}

/**
 * The authority's active administrators, each row held until the transaction ends: two
 * administrators removing each other at the same moment are taken one after the other, so the
 * second sees that the first has gone and the council is never left without one.
 */
export async function lockActiveAdministrators(executor: Executor, authorityId: string): Promise<string[]> {
  const rows = await executor
    .select({ id: staffUser.id })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.role, 'admin'), isNull(staffUser.deactivatedAt)))
    .orderBy(asc(staffUser.id))
    .for('update');
  return rows.map((row) => row.id);
}

/**
 * Changes a user's role, whether they are deactivated (a moment, or null to reactivate), their
 * full-time equivalent and the day they joined the service, or their leaving date, only
 * from the version the administrator saw; false when it has moved on.
 */
export async function updateUser(executor: Executor, authorityId: string, userId: string, version: number, change: { role: string } | { deactivatedAt: Date | null } | { fte?: number; startedOn?: string } | { leavingOn: string | null }): Promise<boolean> {
  const rows = await executor
    .update(staffUser)
    .set({ ...change, version: sql`${staffUser.version} + 1` })
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId), eq(staffUser.version, version)))
    .returning({ id: staffUser.id });
  return rows.length > 0;
}

/**
 * Deactivates the account, from the version the administrator saw: 'changed' when it has moved on;
 * the database's refusal, said, when the person holds open cases (the trigger of migration 0019
 * counts the cases themselves, so a case given to them since the service looked is counted).
 */
export async function deactivateUser(executor: Executor, authorityId: string, userId: string, version: number, at: Date): Promise<'deactivated' | 'changed' | { holdsCases: string }> {
  try {
    return (await updateUser(executor, authorityId, userId, version, { deactivatedAt: at })) ? 'deactivated' : 'changed';
  } catch (error) {
    const refusal = checkViolationMessage(error, 'staff_user_deactivated_holds_no_cases');
    if (refusal !== undefined) return { holdsCases: refusal };
    throw error;
  }
}

/** How many open cases a user holds, from the count the triggers keep (migration 0007). */
export async function openCasesHeld(executor: Executor, authorityId: string, userId: string): Promise<number> {
  const [row] = await executor
    .select({ openCases: officerCaseload.openCases })
    .from(officerCaseload)
    .where(and(eq(officerCaseload.authorityId, authorityId), eq(officerCaseload.officerId, userId)));
  return row?.openCases ?? 0;
}

export interface TokenRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

const tokenColumns = {
  id: apiToken.id,
  name: apiToken.name,
  prefix: apiToken.prefix,
  createdAt: apiToken.createdAt,
  revokedAt: apiToken.revokedAt,
};

/** A user's API tokens, newest first, revoked ones included. */
export async function listTokens(executor: Executor, authorityId: string, userId: string): Promise<TokenRow[]> {
  return executor
    .select(tokenColumns)
    .from(apiToken)
    .where(and(eq(apiToken.authorityId, authorityId), eq(apiToken.userId, userId)))
    .orderBy(desc(apiToken.createdAt), desc(apiToken.id));
}

export async function findToken(executor: Executor, authorityId: string, userId: string, tokenId: string): Promise<TokenRow | undefined> {
  const rows = await executor
    .select(tokenColumns)
    .from(apiToken)
    .where(and(eq(apiToken.authorityId, authorityId), eq(apiToken.userId, userId), eq(apiToken.id, tokenId)))
    .limit(1);
  return rows[0];
}

/** Revokes one token if it is still live; false when it was already revoked. */
export async function revokeToken(executor: Executor, authorityId: string, userId: string, tokenId: string, at: Date): Promise<boolean> {
  const rows = await executor
    .update(apiToken)
    .set({ revokedAt: at })
    .where(and(eq(apiToken.authorityId, authorityId), eq(apiToken.userId, userId), eq(apiToken.id, tokenId), isNull(apiToken.revokedAt)))
    .returning({ id: apiToken.id });
  return rows.length > 0;
}

/** Revokes every live token of a user (on deactivation); the ids of those it revoked. */
export async function revokeTokensOf(executor: Executor, authorityId: string, userId: string, at: Date): Promise<string[]> {
  const rows = await executor
    .update(apiToken)
    .set({ revokedAt: at })
    .where(and(eq(apiToken.authorityId, authorityId), eq(apiToken.userId, userId), isNull(apiToken.revokedAt)))
    .returning({ id: apiToken.id });
  return rows.map((row) => row.id);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Staff names by id, of this authority only: who recorded a change, brought a case to panel,
 * decided. An id that is not a member of staff (the system's name, a demo's) is left out.
 */
export async function staffNames(executor: Executor, authorityId: string, ids: readonly string[]): Promise<Map<string, string>> {
  const uuids = [...new Set(ids)].filter((id) => UUID.test(id));
  if (uuids.length === 0) return new Map();
  const rows = await executor
    .select({ id: staffUser.id, name: staffUser.name })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), inArray(staffUser.id, uuids)));
  return new Map(rows.map((row) => [row.id, row.name]));
}

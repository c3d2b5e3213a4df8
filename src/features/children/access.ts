// Who may see or change a child's record: the one access policy, applied by every service method
// that reads or writes a child, whatever route reached it. A restricted record (a child at risk, a
// family in a refuge) is open only to the officer who holds the child's open case and to managers.
// Anyone else is told the child does not exist, exactly as for an unknown id, and the refusal is
// written to the access log.
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError } from '../../lib/errors.ts';
import { recordAccess } from '../audit/index.ts';
import { hasRole, MANAGER_ROLES, type Actor } from '../auth/index.ts';
import * as childrenRepository from './repository.ts';

/** The rule itself: who may see a restricted record. */
export function maySeeRestricted(actor: Actor, openCaseOfficerId: string | null): boolean {
  return openCaseOfficerId === actor.id || hasRole(actor, ...MANAGER_ROLES);
}

/**
 * Refuses, as "No such child", a child the actor may not reach; writes the refusal to the access
 * log (on the database itself, so a caller's rolled-back transaction does not take it away).
 */
export async function requireChildAccess(db: Database, clock: Clock, actor: Actor, childId: string, purpose: string): Promise<void> {
  // An id no child can have is unknown, not a question for the database (which would fail on it).
  if (!UUID.test(childId)) throw new NotFoundError('No such child');
  const child = await childrenRepository.findChildAccess(db, actor.authorityId, childId);
  if (!child) throw new NotFoundError('No such child');
  await refuseIfRestricted(db, clock, actor, childId, child, purpose);
}

/** The same, for a step or an exception recorded on a case: the case's child decides. */
export async function requireCaseAccess(db: Database, clock: Clock, actor: Actor, caseId: string, purpose: string): Promise<{ childId: string }> {
  if (!UUID.test(caseId)) throw new NotFoundError('No such case');
  const found = await childrenRepository.findCaseChildAccess(db, actor.authorityId, caseId);
  if (!found) throw new NotFoundError('No such case');
  await refuseIfRestricted(db, clock, actor, found.childId, found, purpose, 'No such case');
  return { childId: found.childId };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A case's own record (read by `find`) once the actor may reach the case, and something held on a
 * case (a request for advice, a consultation) once its case may be reached: unknown, unreachable
 * and restricted are one answer, `notFound`.
 */
export async function caseReached<T>(db: Database, clock: Clock, actor: Actor, caseId: string, purpose: string, find: () => Promise<T | undefined>): Promise<T> {
  if (!UUID.test(caseId)) throw new NotFoundError('No such case');
  await requireCaseAccess(db, clock, actor, caseId, purpose);
  const found = await find();
  if (!found) throw new NotFoundError('No such case');
  return found;
}

export async function itemOfCaseReached<Row extends { caseId: string }, Case>(
  itemId: string,
  notFound: string,
  findItem: () => Promise<Row | undefined>,
  reachCase: (caseId: string) => Promise<Case>,
): Promise<{ row: Row; found: Case }> {
  const missing = new NotFoundError(notFound);
  if (!UUID.test(itemId)) throw missing;
  const row = await findItem();
  if (!row) throw missing;
  const found = await reachCase(row.caseId).catch((error: unknown) => {
    throw error instanceof NotFoundError ? missing : error;
  });
  return { row, found };
}

/** The same for many cases at once (a hand-over's), in one read: the first refused case refuses them all. */
export async function requireCasesAccess(db: Database, clock: Clock, actor: Actor, caseIds: readonly string[], purpose: string): Promise<void> {
  const found = await childrenRepository.findCasesChildAccess(db, actor.authorityId, caseIds);
  for (const caseId of caseIds) {
    const access = found.get(caseId);
    if (!access) throw new NotFoundError('No such case');
    await refuseIfRestricted(db, clock, actor, access.childId, access, purpose, 'No such case');
  }
}

export async function refuseIfRestricted(
  db: Database,
  clock: Clock,
  actor: Actor,
  childId: string,
  child: { sensitive: boolean; openCaseOfficerId: string | null },
  purpose: string,
  notFound = 'No such child',
): Promise<void> {
  if (!child.sensitive || maySeeRestricted(actor, child.openCaseOfficerId)) return;
  await recordAccess(db, clock, actor, childId, `refused:${purpose}`);
  throw new NotFoundError(notFound);
}

// "Is this the same child?": the children already held who may be the one being described, before
// a second record is made or a UPN is given to another child. A restricted record that the officer
// may not see is never shown or named: it is counted, so the officer knows to ask a manager, and
// the refusal is written to the access log as any refused view is.
import type { Database } from '../../db/database.ts';
import { fullName } from '../../domain/children/names.ts';
import { sameChildReason, type ChildIdentity, type SameChildReason } from '../../domain/children/same-child.ts';
import type { Clock } from '../../lib/clock.ts';
import { recordAccess, recordListAccess } from '../audit/index.ts';
import type { Actor } from '../auth/index.ts';
import { maySeeRestricted } from './access.ts';
import * as childrenRepository from './repository.ts';

/** A held child the officer may see, with what they are shown of them. */
export interface HeldChild {
  id: string;
  name: string;
  dateOfBirth: string;
  upn: string | null;
  postcode: string | null;
  schoolName: string | null;
  openCaseReference: string | null;
  reason: SameChildReason;
}

export interface SameChildCheck {
  /** The matches the officer may see, oldest record first. */
  matches: HeldChild[];
  /** How many matches are on restricted records the officer may not see, and why each matched. */
  hidden: SameChildReason[];
  /** Whether a child already holds the UPN, seen or not: a second record with it is refused. */
  upnHeld: boolean;
  /** The id of the child who holds the UPN, when the officer may see them. */
  upnHolderId: string | undefined;
  /** Every match's id, seen or not: for the audit only, never for a page or an answer. */
  allIds: string[];
}

/**
 * The children of the actor's authority who may be the child described (the same UPN, or the same
 * names and date of birth), but for `exceptChildId`. Those shown go to the list access log; each
 * restricted record withheld goes to the access log as a refused view.
 */
export async function heldChildrenLike(
  db: Database,
  clock: Clock,
  actor: Actor,
  given: ChildIdentity,
  options: { exceptChildId?: string; purpose: string },
): Promise<SameChildCheck> {
  const upn = given.upn ? given.upn.trim().toUpperCase() : null;
  const rows = await childrenRepository.findChildrenByUpnOrBirth(db, actor.authorityId, {
    upn,
    dateOfBirth: given.dateOfBirth || null,
    ...(options.exceptChildId ? { exceptChildId: options.exceptChildId } : {}),
  });
  const check: SameChildCheck = { matches: [], hidden: [], upnHeld: false, upnHolderId: undefined, allIds: [] };
  for (const row of rows) {
    const reason = sameChildReason({ ...given, upn }, row);
    if (!reason) continue;
    check.allIds.push(row.id);
    const visible = !row.sensitive || maySeeRestricted(actor, row.openCaseOfficerId);
    if (reason === 'upn') check.upnHeld = true;
    if (!visible) {
      check.hidden.push(reason);
      await recordAccess(db, clock, actor, row.id, `refused:same-child-${options.purpose}`);
      continue;
    }
    if (reason === 'upn') check.upnHolderId = row.id;
    check.matches.push({
      id: row.id,
      name: fullName(row),
      dateOfBirth: row.dateOfBirth,
      upn: row.upn,
      postcode: row.postcode,
      schoolName: row.schoolName,
      openCaseReference: row.openCaseReference,
      reason,
    });
  }
  if (check.matches.length > 0) await recordListAccess(db, clock, actor, `same-child-${options.purpose}`, check.matches.map((match) => match.id));
  return check;
}

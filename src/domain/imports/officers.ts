// The officers of a council's old system (officers.csv), each to hold a staff account here: what
// an import does with each row, or why it cannot. An officer is keyed by the old system's id; one
// not imported before is matched to the council's account with the same e-mail, or given a new
// account (a case officer's). Staff e-mail addresses are unique across councils, so an e-mail
// another council's account holds is refused, as is one given to two officers of the file. Pure:
// the accounts, teams and earlier imports are looked up elsewhere.
import type { ImportRefusal, OfficerRow } from './cases.ts';
import { headingOf, type CaseMapping } from './mapping.ts';

/** A staff account holding an e-mail the file names, or one an earlier import made or matched. */
export interface StaffAccountFound {
  id: string;
  authorityId: string;
  email: string;
}

export interface OfficerContext {
  authorityId: string;
  /** Staff accounts of every council holding the e-mails the file names, by e-mail (lower case). */
  accountsByEmail: ReadonlyMap<string, StaffAccountFound>;
  /** Officers imported before from this source system, by old id: the account, and the digest of their row then. */
  held: ReadonlyMap<string, { targetId: string; digest: string }>;
  /** The council's teams, by name in lower case. */
  teamsByName: ReadonlyMap<string, string>;
}

/**
 * What an import does with an officer's row: a new account; an account of the council with the
 * same e-mail, matched (left as it is); one imported before, brought up to date (name, e-mail,
 * team) or found as it was.
 */
export type OfficerAction =
  | { action: 'create'; row: OfficerRow; teamId: string | null; digest: string }
  | { action: 'match'; row: OfficerRow; accountId: string; digest: string }
  | { action: 'update'; row: OfficerRow; accountId: string; teamId: string | null; digest: string }
  | { action: 'unchanged'; row: OfficerRow; accountId: string };

/**
 * Each officer's action, or the reasons their row is refused: an old id or an e-mail given twice
 * in the file (the first is taken), an e-mail held by another council's account (or, for an
 * officer imported before, by another account of the council), a team the council does not have.
 */
export function planOfficers(
  rows: readonly OfficerRow[],
  context: OfficerContext,
  digestOf: (row: OfficerRow) => string,
  fileName: string,
  mapping: CaseMapping,
): { actions: OfficerAction[]; refusals: ImportRefusal[]; refused: string[] } {
  const actions: OfficerAction[] = [];
  const refusals: ImportRefusal[] = [];
  const refused: string[] = [];
  const ids = new Map<string, OfficerRow>();
  const emails = new Map<string, OfficerRow>();
  for (const row of rows) {
    const problems: ImportRefusal[] = [];
    const refuse = (column: string, value: string, why: string) => problems.push({ file: fileName, line: row.line, field: headingOf(mapping, 'officers', column), value, why });
    const firstOfId = ids.get(row.officerId);
    if (firstOfId) {
      refuse('officer_id', row.officerId, `appears again (first on line ${firstOfId.line}); the first is imported`);
      refusals.push(...problems);
      continue;
    }
    ids.set(row.officerId, row);
    const firstOfEmail = emails.get(row.email);
    if (firstOfEmail) refuse('email', row.email, `is the e-mail of officer ${firstOfEmail.officerId} too (line ${firstOfEmail.line}): each staff account has its own e-mail`);
    else emails.set(row.email, row);
    const teamId = row.team === null ? null : (context.teamsByName.get(row.team.toLowerCase()) ?? undefined);
    if (teamId === undefined) refuse('team', row.team ?? '', 'is not a team of the council: create it on the Teams page first');
    const held = context.held.get(row.officerId);
    const account = context.accountsByEmail.get(row.email);
    if (account && account.authorityId !== context.authorityId) {
      refuse('email', row.email, 'is the e-mail of a staff account of another council: a staff e-mail address is one person’s, in one council');
    } else if (held && account && account.id !== held.targetId) {
      refuse('email', row.email, `is the e-mail of another staff account of the council, not the one officer ${row.officerId} was imported as`);
    }
    if (problems.length > 0) {
      refusals.push(...problems);
      refused.push(row.officerId);
      continue;
    }
    const digest = digestOf(row);
    if (held) actions.push(held.digest === digest ? { action: 'unchanged', row, accountId: held.targetId } : { action: 'update', row, accountId: held.targetId, teamId: teamId ?? null, digest });
    else if (account) actions.push({ action: 'match', row, accountId: account.id, digest });
    else actions.push({ action: 'create', row, teamId: teamId ?? null, digest });
  }
  return { actions, refusals, refused };
}

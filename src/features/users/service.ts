import { z } from 'zod';
import type { Database, Transaction } from '../../db/database.ts';
import { formatTenths, parseFte } from '../../domain/caseload/index.ts';
import { checkIsoDate } from '../../domain/calendar/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { pageNumber } from '../../lib/page-number.ts';
import { recordAudit } from '../audit/index.ts';
import {
  endSessionsOfUser,
  generatePassword,
  MANAGER_ROLES,
  newStaffUserSchema,
  requireRole,
  ROLE_NAMES,
  STAFF_ROLES,
  type Actor,
  type AuthService,
  type StaffRole,
  type StaffService,
} from '../auth/index.ts';
import * as usersRepository from './repository.ts';

export const USERS_PAGE_SIZE = 50;

// Built once: a zod schema costs more to make than to run.
const UUID = z.uuid();
const VERSION = z.coerce.number().int().min(1).max(2_147_483_647);

export interface UserSummary {
  id: string;
  name: string;
  email: string;
  role: StaffRole;
  roleName: string;
  active: boolean;
  /** Signs in with a password kept here, so an administrator can set a new one. */
  signsInWithPassword: boolean;
  lastSignedInAt: Date | null;
  deactivatedAt: Date | null;
  /** Full-time equivalent, "0.1" to "1.0": the share of the council's caseload cap they hold. */
  fte: string;
  /** The last working day of someone leaving, YYYY-MM-DD; null if not leaving. */
  leavingOn: string | null;
  /** The day they joined the service, YYYY-MM-DD: their experience, for the hand-over's suggestion. */
  startedOn: string;
  /** When they set up their authenticator app; null: at their next sign-in. */
  secondFactorSetUpAt: Date | null;
  createdAt: Date;
  version: number;
}

export interface TokenSummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A change to a user as the forms send it: the version the administrator saw, and for a role the new one. */
export interface UserChange {
  version: string | number;
  role?: string;
  /** A full-time equivalent as typed, 0.1 to 1.0. */
  fte?: string;
  /** A leaving date, YYYY-MM-DD, or '' for someone no longer leaving. */
  leavingOn?: string;
  /** The day they joined the service, YYYY-MM-DD; left as it is when not given. */
  startedOn?: string;
}

/** The earliest day anyone could have joined the service: the SEND framework began in 2014, but officers served before it. */
const EARLIEST_START = '1950-01-01';

const FTE_PROBLEMS = {
  missing: 'Enter the full-time equivalent, like 1.0 for full time or 0.6 for three days a week',
  'not-a-number': 'The full-time equivalent must be a number, like 0.6',
  'too-precise': 'The full-time equivalent must have no more than one decimal place, like 0.6',
  'out-of-range': 'The full-time equivalent must be from 0.1 to 1.0',
} as const;

function summaryOf(row: usersRepository.UserRow): UserSummary {
  const role = row.role as StaffRole;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role,
    roleName: ROLE_NAMES[role] ?? row.role,
    active: row.deactivatedAt === null,
    signsInWithPassword: row.authProvider === 'password',
    lastSignedInAt: row.lastSignedInAt,
    deactivatedAt: row.deactivatedAt,
    fte: formatTenths(row.fteTenths),
    leavingOn: row.leavingOn,
    startedOn: row.startedOn,
    secondFactorSetUpAt: row.totpConfirmedAt,
    createdAt: row.createdAt,
    version: row.version,
  };
}

/** The refusal of today as the last day of someone still holding cases: how many, and what to do. */
export const leavingWhileHolding = (name: string, openCases: number) =>
  `${name} still holds ${openCases} open case${openCases === 1 ? '' : 's'}: hand ${openCases === 1 ? 'it' : 'them'} over before recording today as their last day, or record a later day`;

const roleProblem = (role: unknown): FieldProblem | undefined =>
  typeof role === 'string' && (STAFF_ROLES as readonly string[]).includes(role) ? undefined : { field: 'role', message: 'Select the person’s role' };

/**
 * Staff accounts as an administrator keeps them, in the browser while the service runs: the list,
 * a new account with a first password shown once, a change of role, deactivation and reactivation,
 * a new password, and revoking API tokens. Only administrators, and only for their own council.
 * Two rules keep the council able to run: an administrator never deactivates or demotes themselves,
 * and the last active administrator stays one. And, as every open case must have an accountable
 * officer, someone holding open cases keeps their role and stays active until those cases are
 * handed on. Each change is audited with what it was before and after, in its own transaction.
 */
export class UsersService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly staff: StaffService;
  private readonly auth: AuthService;

  constructor(db: Database, clock: Clock, services: { staff: StaffService; auth: AuthService }) {
    this.db = db;
    this.clock = clock;
    this.staff = services.staff;
    this.auth = services.auth;
  }

  /** Refuses anyone but an administrator: for a page that only shows a form. */
  requireAdministrator(actor: Actor): void {
    requireRole(actor, 'admin');
  }

  /** The council's staff by name, 50 to a page. */
  async listUsers(actor: Actor, page = 1) {
    requireRole(actor, 'admin');
    const asked = pageNumber(page);
    const [rows, total] = await Promise.all([
      usersRepository.listUsersPage(this.db, actor.authorityId, USERS_PAGE_SIZE, (asked - 1) * USERS_PAGE_SIZE),
      usersRepository.countUsers(this.db, actor.authorityId),
    ]);
    const pageCount = Math.max(1, Math.ceil(total / USERS_PAGE_SIZE));
    // A page past the end (a stale link) shows the last page.
    const users = rows.length === 0 && asked > pageCount ? await usersRepository.listUsersPage(this.db, actor.authorityId, USERS_PAGE_SIZE, (pageCount - 1) * USERS_PAGE_SIZE) : rows;
    return { page: Math.min(asked, pageCount), pageCount, total, users: users.map(summaryOf) };
  }

  /** One member of staff, with the open cases they hold and their API tokens. */
  async user(actor: Actor, userId: string) {
    requireRole(actor, 'admin');
    const row = await this.findUser(actor, userId);
    const [openCases, tokens] = await Promise.all([
      usersRepository.openCasesHeld(this.db, actor.authorityId, row.id),
      usersRepository.listTokens(this.db, actor.authorityId, row.id),
    ]);
    return { user: summaryOf(row), openCases, tokens: tokens as TokenSummary[], isYou: row.id === actor.id };
  }

  /**
   * A new account, with a first password made as the command line makes it and obeying the
   * password policy. The password is returned once, to be shown once; only its hash is kept.
   */
  async createUser(actor: Actor, input: { name: string; email: string; role: string }): Promise<{ user: UserSummary; password: string }> {
    requireRole(actor, 'admin');
    const parsed = newStaffUserSchema.safeParse({ name: input.name, email: input.email, role: input.role });
    const problems: FieldProblem[] = parsed.success
      ? []
      : parsed.error.issues.filter((issue) => issue.path[0] !== 'role').map((issue) => ({ field: String(issue.path[0] ?? 'name'), message: issue.message }));
    const badRole = roleProblem(input.role);
    if (badRole) problems.push(badRole);
    // In the order the form asks.
    const order = ['name', 'email', 'role'];
    if (problems.length > 0 || !parsed.success) throw new ValidationError(problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)));
    const password = generatePassword(parsed.data.email);
    const created = await this.staff.createUser(actor, { ...parsed.data, password });
    return { user: summaryOf((await usersRepository.findUser(this.db, actor.authorityId, created.id))!), password };
  }

  /**
   * Resets a person's second factor (a lost phone and lost recovery codes): they set up an
   * authenticator app again at their next sign-in, and every session of theirs ends. Audited.
   */
  async resetSecondFactor(actor: Actor, userId: string): Promise<void> {
    requireRole(actor, 'admin');
    await this.findUser(actor, userId);
    await this.auth.resetSecondFactor(actor, userId);
  }

  async changeRole(actor: Actor, userId: string, change: UserChange): Promise<void> {
    requireRole(actor, 'admin');
    const version = this.versionOf(change);
    const badRole = roleProblem(change.role);
    if (badRole) throw new ValidationError([badRole]);
    const role = change.role as StaffRole;
    const target = await this.findUser(actor, userId);
    if (target.id === actor.id) throw new ValidationError([{ field: 'role', message: 'You cannot change your own role. Ask another administrator' }]);
    await this.db.transaction(async (tx) => {
      const current = await this.currentVersion(tx, actor, userId, version);
      if (current.role === role) return;
      if (current.role === 'admin' && current.deactivatedAt === null) await this.keepAnAdministrator(tx, actor, current, 'role', 'change their role');
      const openCases = await usersRepository.openCasesHeld(tx, actor.authorityId, userId);
      if (openCases > 0) {
        throw new ValidationError([{ field: 'role', message: `${current.name} holds ${openCases} open case${openCases === 1 ? '' : 's'}. Hand them on to another officer before changing their role` }]);
      }
      if (!(await usersRepository.updateUser(tx, actor.authorityId, userId, version, { role }))) throw this.changedMeanwhile();
      await recordAudit(tx, this.clock, actor, { action: 'staff.role-changed', entityType: 'staff_user', entityId: userId, details: { role: { from: current.role, to: role } } });
    });
    // A session found live lately carries the old role: it is looked up again on its next request.
    this.auth.forgetSessionsOf(actor.authorityId, userId);
  }

  /**
   * Sets how much of full time a person works (0.1 to 1.0, one decimal place), which scales the
   * council's cap of weighted caseload for them, and (when given) the day they joined the service,
   * which the hand-over's suggestion reads as their experience: a real day, not in the future.
   * Audited before and after.
   */
  async setCapacity(actor: Actor, userId: string, change: UserChange): Promise<void> {
    requireRole(actor, 'admin');
    const version = this.versionOf(change);
    const problems: FieldProblem[] = [];
    const fte = parseFte(change.fte ?? '');
    if (!fte.ok) problems.push({ field: 'fte', message: FTE_PROBLEMS[fte.problem] });
    let startedOn: string | undefined;
    if (change.startedOn !== undefined) {
      const checked = checkIsoDate(change.startedOn.trim());
      if (change.startedOn.trim() === '') problems.push({ field: 'startedOn-day', message: 'Enter the day they joined the service, like 1 9 2024' });
      else if (!checked.ok || checked.date < EARLIEST_START) problems.push({ field: 'startedOn-day', message: 'The day they joined the service must be a real date, like 1 9 2024' });
      else if (checked.date > this.clock.today()) problems.push({ field: 'startedOn-day', message: 'The day they joined the service must be today or in the past' });
      else startedOn = checked.date;
    }
    if (problems.length > 0 || !fte.ok) throw new ValidationError(problems);
    await this.findUser(actor, userId);
    await this.db.transaction(async (tx) => {
      const current = await this.currentVersion(tx, actor, userId, version);
      const details: Record<string, { from: string; to: string }> = {};
      if (current.fteTenths !== fte.tenths) details.fte = { from: formatTenths(current.fteTenths), to: formatTenths(fte.tenths) };
      if (startedOn !== undefined && current.startedOn !== startedOn) details.startedOn = { from: current.startedOn, to: startedOn };
      if (Object.keys(details).length === 0) return;
      const update = { ...(details.fte ? { fte: fte.tenths / 10 } : {}), ...(details.startedOn ? { startedOn } : {}) };
      if (!(await usersRepository.updateUser(tx, actor.authorityId, userId, version, update))) throw this.changedMeanwhile();
      await recordAudit(tx, this.clock, actor, { action: 'staff.capacity-changed', entityType: 'staff_user', entityId: userId, details });
    });
  }

  /** A member of staff's leaving date and the version to change it from, for the managers' form. */
  async leaving(actor: Actor, userId: string): Promise<{ id: string; name: string; leavingOn: string | null; version: number }> {
    requireRole(actor, ...MANAGER_ROLES);
    const row = await this.findUser(actor, userId);
    return { id: row.id, name: row.name, leavingOn: row.leavingOn, version: row.version };
  }

  /**
   * Records the last working day of someone leaving the service, or clears it ('' for no longer
   * leaving). Administrators and managers: a manager plans the hand-over of the leaver's cases.
   * A day still to come may be recorded while they hold cases (notice given: the hand-over is
   * planned against it), but not today: "an officer who holds open cases cannot be deactivated or
   * marked as leaving" (issue 16; docs/adr/0017) — their cases are handed over first, and the
   * refusal says how many there are. The account is deactivated only once they hold none. Audited
   * before and after.
   */
  async setLeavingDate(actor: Actor, userId: string, change: UserChange): Promise<void> {
    requireRole(actor, ...MANAGER_ROLES);
    const version = this.versionOf(change);
    const entered = (change.leavingOn ?? '').trim();
    let leavingOn: string | null = null;
    if (entered !== '') {
      const checked = checkIsoDate(entered);
      if (!checked.ok) throw new ValidationError([{ field: 'leavingOn-day', message: 'Enter the leaving date as a real date, like 29 1 2027' }]);
      if (checked.date < this.clock.today()) throw new ValidationError([{ field: 'leavingOn-day', message: 'The leaving date must be today or later' }]);
      leavingOn = checked.date;
    }
    await this.findUser(actor, userId);
    await this.db.transaction(async (tx) => {
      const current = await this.currentVersion(tx, actor, userId, version);
      if (current.deactivatedAt !== null) throw new ConflictError(`${current.name}’s account is deactivated: there is no leaving date to record`);
      if (current.leavingOn === leavingOn) return;
      if (leavingOn !== null && leavingOn <= this.clock.today()) {
        // Counted under the row's lock: a case given to them meanwhile is counted.
        const openCases = await usersRepository.openCasesHeld(tx, actor.authorityId, userId);
        if (openCases > 0) throw new ValidationError([{ field: 'leavingOn-day', message: leavingWhileHolding(current.name, openCases) }]);
      }
      if (!(await usersRepository.updateUser(tx, actor.authorityId, userId, version, { leavingOn }))) throw this.changedMeanwhile();
      await recordAudit(tx, this.clock, actor, {
        action: 'staff.leaving-date-changed',
        entityType: 'staff_user',
        entityId: userId,
        details: { leavingOn: { from: current.leavingOn, to: leavingOn } },
      });
    });
  }

  /**
   * Deactivates an account: the person can no longer sign in, every session of theirs ends, and
   * every live API token of theirs is revoked, all at once (the tokens would not work anyway while
   * the account is deactivated; revoked, they do not come back if it is reactivated).
   */
  async deactivate(actor: Actor, userId: string, change: UserChange): Promise<void> {
    requireRole(actor, 'admin');
    const version = this.versionOf(change);
    const target = await this.findUser(actor, userId);
    if (target.id === actor.id) throw new ValidationError([{ field: 'confirm', message: 'You cannot deactivate your own account. Ask another administrator' }]);
    await this.db.transaction(async (tx) => {
      const current = await this.currentVersion(tx, actor, userId, version);
      if (current.deactivatedAt !== null) throw new ConflictError(`${current.name}’s account is already deactivated`);
      if (current.role === 'admin') await this.keepAnAdministrator(tx, actor, current, 'confirm', 'deactivate them');
      const openCases = await usersRepository.openCasesHeld(tx, actor.authorityId, userId);
      if (openCases > 0) {
        throw new ValidationError([{ field: 'confirm', message: `${current.name} holds ${openCases} open case${openCases === 1 ? '' : 's'}. Hand them on to another officer before deactivating the account` }]);
      }
      const now = this.clock.now();
      const outcome = await usersRepository.deactivateUser(tx, actor.authorityId, userId, version, now);
      if (outcome === 'changed') throw this.changedMeanwhile();
      if (outcome !== 'deactivated') throw new ValidationError([{ field: 'confirm', message: outcome.holdsCases }]);
      const sessionsEnded = (await endSessionsOfUser(tx, actor.authorityId, userId, now)).length;
      const tokensRevoked = await usersRepository.revokeTokensOf(tx, actor.authorityId, userId, now);
      await recordAudit(tx, this.clock, actor, {
        action: 'staff.deactivated',
        entityType: 'staff_user',
        entityId: userId,
        details: { active: { from: true, to: false }, sessionsEnded, tokensRevoked },
      });
    });
    this.auth.forgetSessionsOf(actor.authorityId, userId);
  }

  /** Lets a deactivated person sign in again (with their old password, or a new one set after). */
  async reactivate(actor: Actor, userId: string, change: UserChange): Promise<void> {
    requireRole(actor, 'admin');
    const version = this.versionOf(change);
    await this.findUser(actor, userId);
    await this.db.transaction(async (tx) => {
      const current = await this.currentVersion(tx, actor, userId, version);
      if (current.deactivatedAt === null) throw new ConflictError(`${current.name}’s account is already active`);
      if (!(await usersRepository.updateUser(tx, actor.authorityId, userId, version, { deactivatedAt: null }))) throw this.changedMeanwhile();
      await recordAudit(tx, this.clock, actor, { action: 'staff.reactivated', entityType: 'staff_user', entityId: userId, details: { active: { from: false, to: true } } });
    });
  }

  /**
   * Sets a new password, made as the command line makes one, for someone who has forgotten theirs;
   * every session of theirs ends. Returned once, to be shown once. Your own password you change
   * on your account page, where the current one is asked for.
   */
  async resetPassword(actor: Actor, userId: string): Promise<{ user: UserSummary; password: string }> {
    requireRole(actor, 'admin');
    const target = await this.findUser(actor, userId);
    if (target.id === actor.id) throw new ValidationError([{ field: 'confirm', message: 'Change your own password on your account page' }]);
    if (target.authProvider !== 'password') throw new ValidationError([{ field: 'confirm', message: `${target.name} signs in through the council’s own sign-in, not a password kept here` }]);
    const password = generatePassword(target.email);
    await this.staff.setPassword(actor, userId, password);
    this.auth.forgetSessionsOf(actor.authorityId, userId);
    return { user: summaryOf(target), password };
  }

  /** One of a user's API tokens, for the page that asks to confirm revoking it. */
  async token(actor: Actor, userId: string, tokenId: string) {
    requireRole(actor, 'admin');
    const user = await this.findUser(actor, userId);
    const token = UUID.safeParse(tokenId).success ? await usersRepository.findToken(this.db, actor.authorityId, user.id, tokenId) : undefined;
    if (!token) throw new NotFoundError('No such API token');
    return { user: summaryOf(user), token: token as TokenSummary };
  }

  /** Revokes an API token: the next call with it is refused. */
  async revokeToken(actor: Actor, userId: string, tokenId: string): Promise<void> {
    const { token } = await this.token(actor, userId, tokenId);
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      if (!(await usersRepository.revokeToken(tx, actor.authorityId, userId, token.id, now))) throw new ConflictError(`The token “${token.name}” is already revoked`);
      await recordAudit(tx, this.clock, actor, {
        action: 'api-token.revoked',
        entityType: 'api_token',
        entityId: token.id,
        details: { userId, revokedAt: { from: null, to: now.toISOString() } },
      });
    });
  }

  private async findUser(actor: Actor, userId: string): Promise<usersRepository.UserRow> {
    const row = UUID.safeParse(userId).success ? await usersRepository.findUser(this.db, actor.authorityId, userId) : undefined;
    if (!row) throw new NotFoundError('No such member of staff');
    return row;
  }

  private versionOf(change: UserChange): number {
    const version = VERSION.safeParse(change.version);
    if (!version.success) throw new ValidationError([{ field: 'version', message: 'The form was incomplete. Open the page again and try again' }]);
    return version.data;
  }

  /** The user's row, held until the transaction ends, if it is still the version the form was made from. */
  private async currentVersion(tx: Transaction, actor: Actor, userId: string, version: number) {
    // The administrators' rows are locked before the target's, always in the same order: two
    // administrators removing each other at once then queue instead of deadlocking (each holding
    // the other's row while waiting for the set).
    await usersRepository.lockActiveAdministrators(tx, actor.authorityId);
    const current = await usersRepository.findUser(tx, actor.authorityId, userId, { forUpdate: true });
    if (!current) throw new NotFoundError('No such member of staff');
    if (current.version !== version) throw this.changedMeanwhile();
    return current;
  }

  /** Refuses to take the council's last active administrator away. */
  private async keepAnAdministrator(tx: Transaction, actor: Actor, target: usersRepository.UserRow, field: string, what: string) {
    const administrators = await usersRepository.lockActiveAdministrators(tx, actor.authorityId);
    if (administrators.filter((id) => id !== target.id).length === 0) {
      throw new ValidationError([{ field, message: `${target.name} is the council’s only active administrator. Make someone else an administrator before you ${what}` }]);
    }
  }

  private changedMeanwhile(): ConflictError {
    return new ConflictError('Someone else changed this account since you opened the page. Nothing was saved: open it again to see the change');
  }
}

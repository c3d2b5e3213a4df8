import { hash, randomBytes } from 'node:crypto';
import type { Database, Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { requireRole, STAFF_ROLES, type Actor, type StaffRole } from './actor.ts';
import type { ProviderIdentity, ProviderRefusal } from './oidc-identity.ts';
import { passwordHasher, UNMATCHABLE_HASH, type PasswordHasher } from './password.ts';
import { passwordProblem } from './password-policy.ts';
import * as authRepository from './repository.ts';

export interface AuthSettings {
  /** Minutes without a request after which a session ends. */
  sessionIdleMinutes: number;
  /** Hours after which a session ends however busy it is. */
  sessionMaxHours: number;
  /** Failed sign-ins for one e-mail address within the window before it is locked for the window. */
  accountFailureLimit: number;
  /** Failed sign-ins from one network address within the window before it is refused. */
  addressFailureLimit: number;
  failureWindowMinutes: number;
  /**
   * Seconds a session found live is trusted by this instance without asking the database again.
   * Every page needs its session, and the look-up was a third of a page's round trips. The cost:
   * a session ended by another instance (sign-out there) still works here for up to this long.
   * Ending a session on this instance, and every expiry, take effect at once.
   */
  liveSessionCacheSeconds: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  accountFailureLimit: 5,
  addressFailureLimit: 50,
  failureWindowMinutes: 15,
  liveSessionCacheSeconds: 5,
};

export type SignInResult =
  | { outcome: 'signed-in'; sessionToken: string; actor: Actor }
  | { outcome: 'wrong-credentials' }
  | { outcome: 'locked-out'; retryAfterSeconds: number }
  | { outcome: 'address-limited'; retryAfterSeconds: number };

export type ProviderSignInResult =
  | { outcome: 'signed-in'; sessionToken: string; actor: Actor }
  | { outcome: 'refused'; reason: Extract<ProviderRefusal, 'no-email' | 'unknown-person' | 'deactivated' | 'subject-mismatch'> };

/** What the change-password form sends. */
export interface PasswordChange {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

export type SessionLookup = { status: 'live'; actor: Actor } | { status: 'expired' } | { status: 'none' };

const API_TOKEN_PREFIX = 'sct_';

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Every request hashes its session token to find the session; the one-shot hash costs a third of
// createHash().update().digest() for a token this short.
function sha256(value: string): string {
  return hash('sha256', value, 'hex');
}

function actorFor(user: authRepository.StaffUserRow, kind: 'user' | 'token', tokenId?: string): Actor {
  return {
    kind,
    id: user.id,
    authorityId: user.authorityId,
    roles: STAFF_ROLES.includes(user.role as StaffRole) ? [user.role as StaffRole] : [],
    name: user.name,
    ...(tokenId ? { tokenId } : {}),
  };
}

export class AuthService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly settings: AuthSettings;
  /** How passwords are hashed and checked: argon2id, or in tests a stand-in that counts. */
  private readonly passwords: PasswordHasher;

  constructor(db: Database, clock: Clock, settings: AuthSettings = DEFAULT_AUTH_SETTINGS, passwords: Partial<PasswordHasher> = {}) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.passwords = { ...passwordHasher, ...passwords };
  }

  /** Sessions found live lately, by token hash: the actor and until when it is trusted. */
  private readonly liveSessions = new Map<string, { actor: Actor; trustedUntil: number; lastSeenAt: number }>();

  /**
   * Checks an e-mail and password. The answer for a wrong password and for an unknown e-mail is
   * the same, and takes as long (the unknown case checks a placeholder hash). Failures are counted
   * per e-mail typed and per network address, in the database so every instance sees them.
   */
  async signIn(email: string, password: string, address: string): Promise<SignInResult> {
    const emailKey = normaliseEmail(email);
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - this.settings.failureWindowMinutes * 60_000);
    const retryAfterSeconds = this.settings.failureWindowMinutes * 60;

    if ((await authRepository.countFailuresForAddress(this.db, address, windowStart)) >= this.settings.addressFailureLimit) {
      return { outcome: 'address-limited', retryAfterSeconds };
    }
    if ((await authRepository.countFailuresForEmail(this.db, emailKey, windowStart)) >= this.settings.accountFailureLimit) {
      // Refused before the password hash runs (a locked account must not be a way to burn the
      // CPU), and counted against the address like any other failed try.
      await authRepository.insertSignInFailure(this.db, { id: uuidv7(), emailKey: emailKey.slice(0, 320), address, failedAt: now });
      return { outcome: 'locked-out', retryAfterSeconds };
    }

    const user = emailKey ? await authRepository.findUserByEmailForSignIn(this.db, emailKey) : undefined;
    const usable = user && !user.deactivatedAt && user.authProvider === 'password' && user.passwordHash;
    const matches = await this.passwords.verify(password, usable ? user.passwordHash! : UNMATCHABLE_HASH);

    if (!usable || !matches) {
      await authRepository.insertSignInFailure(this.db, { id: uuidv7(), emailKey: emailKey.slice(0, 320), address, failedAt: now });
      return { outcome: 'wrong-credentials' };
    }

    // A hash from before argon2id (or at weaker parameters) is replaced now that the password is
    // known: unless the password changed meanwhile, which the repository's check on the old hash
    // leaves alone.
    const upgradedHash = this.passwords.needsRehash(user.passwordHash!) ? await this.passwords.hash(password) : undefined;

    return this.openSession(user, now, async (tx) => {
      const upgraded = upgradedHash ? await authRepository.replacePasswordHash(tx, user.authorityId, user.id, user.passwordHash!, upgradedHash) : false;
      return upgraded ? { passwordHashUpgraded: true } : undefined;
    });
  }

  /**
   * A session for a person whose identity is proven (by password, or by the council's identity
   * provider): a new random token, kept only as its hash, the sign-in noted and audited. `first`
   * runs in the same transaction and returns the audit entry's details.
   */
  private async openSession(
    user: authRepository.StaffUserRow,
    now: Date,
    first: (tx: Executor) => Promise<Record<string, unknown> | undefined>,
  ): Promise<{ outcome: 'signed-in'; sessionToken: string; actor: Actor }> {
    const sessionToken = randomBytes(32).toString('base64url');
    const actor = actorFor(user, 'user');
    await this.db.transaction(async (tx) => {
      const details = await first(tx);
      await authRepository.insertSession(tx, {
        tokenHash: sha256(sessionToken),
        authorityId: user.authorityId,
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
      });
      await authRepository.recordSignIn(tx, user.authorityId, user.id, now);
      await recordAudit(tx, this.clock, actor, {
        action: 'staff.signed-in',
        entityType: 'staff_user',
        entityId: user.id,
        ...(details ? { details } : {}),
      });
    });
    return { outcome: 'signed-in', sessionToken, actor };
  }

  /**
   * Signs in a person the council's identity provider has vouched for (its ID token verified).
   * Never creates an account: the person is an active member of staff whose account has the
   * provider's id for them, or, the first time, whose account has their e-mail address and no
   * provider id yet (the id is then written, and matched on alone from then on). An account tied
   * to another of the provider's people is refused, as is a deactivated one. Every refusal is kept
   * as a failed sign-in with its reason, and audited in the council of the account when there is one.
   */
  async signInThroughProvider(identity: ProviderIdentity, address: string): Promise<ProviderSignInResult> {
    const now = this.clock.now();
    const bySubject = await authRepository.findUserByOidcSubjectForSignIn(this.db, identity.subject);
    const user = bySubject ?? (identity.email ? await authRepository.findUserByEmailForSignIn(this.db, identity.email) : undefined);
    const refuse = async (reason: Extract<ProviderRefusal, 'no-email' | 'unknown-person' | 'deactivated' | 'subject-mismatch'>): Promise<ProviderSignInResult> => {
      await this.db.transaction(async (tx) => {
        await authRepository.insertSignInFailure(tx, { id: uuidv7(), emailKey: (user?.email ?? identity.email ?? '').slice(0, 320), address, failedAt: now, reason });
        if (user) {
          await recordAudit(tx, this.clock, actorFor(user, 'user'), { action: 'staff.sign-in-refused', entityType: 'staff_user', entityId: user.id, details: { method: 'oidc', reason } });
        }
      });
      return { outcome: 'refused', reason };
    };
    if (!user) return refuse(identity.email ? 'unknown-person' : 'no-email');
    if (user.deactivatedAt) return refuse('deactivated');
    if (!bySubject && user.oidcSubject !== null) return refuse('subject-mismatch');
    try {
      return await this.openSession(user, now, async (tx) => {
        if (bySubject) return { method: 'oidc' };
        if (!(await authRepository.linkOidcSubject(tx, user.authorityId, user.id, identity.subject))) throw new ConflictError('subject-mismatch');
        return { method: 'oidc', oidcSubjectLinked: true };
      });
    } catch (error) {
      // Another sign-in tied the account to someone else meanwhile, or tied this person to another account.
      if (error instanceof ConflictError || isUniqueViolation(error)) return refuse('subject-mismatch');
      throw error;
    }
  }

  /** A sign-in through the provider that failed before anyone was identified, kept with its reason. */
  async recordProviderFailure(reason: ProviderRefusal, address: string): Promise<void> {
    await authRepository.insertSignInFailure(this.db, { id: uuidv7(), emailKey: '', address, failedAt: this.clock.now(), reason });
  }

  /** The actor behind a session cookie, ending the session if it has been idle too long. */
  async resolveSession(sessionToken: string): Promise<SessionLookup> {
    if (!sessionToken || sessionToken.length > 100) return { status: 'none' };
    const tokenHash = sha256(sessionToken);
    const now = this.clock.now();
    const recent = this.liveSessions.get(tokenHash);
    if (recent && now.getTime() < recent.trustedUntil && now.getTime() >= recent.lastSeenAt) return { status: 'live', actor: recent.actor };
    this.liveSessions.delete(tokenHash);
    const found = await authRepository.findLiveSession(this.db, tokenHash);
    if (!found) return { status: 'none' };
    const { session, user } = found;
    const idleMs = now.getTime() - session.lastSeenAt.getTime();
    const ageMs = now.getTime() - session.createdAt.getTime();
    const endsAt = Math.min(session.createdAt.getTime() + this.settings.sessionMaxHours * 3_600_000, now.getTime() + this.settings.sessionIdleMinutes * 60_000);
    if (user.deactivatedAt || idleMs > this.settings.sessionIdleMinutes * 60_000 || ageMs > this.settings.sessionMaxHours * 3_600_000) {
      await authRepository.endSession(this.db, session.authorityId, tokenHash, now);
      return { status: 'expired' };
    }
    // One write a minute at most per session, not one per request.
    const touched = idleMs > 60_000;
    if (touched) await authRepository.touchSession(this.db, session.authorityId, tokenHash, now);
    const actor = actorFor(user, 'user');
    if (this.settings.liveSessionCacheSeconds > 0) {
      if (this.liveSessions.size >= 10_000) this.liveSessions.clear();
      this.liveSessions.set(tokenHash, {
        actor,
        // Never trusted past the moment the session would end in any case.
        trustedUntil: Math.min(now.getTime() + this.settings.liveSessionCacheSeconds * 1000, endsAt),
        lastSeenAt: touched ? now.getTime() : session.lastSeenAt.getTime(),
      });
    }
    return { status: 'live', actor };
  }

  async signOut(actor: Actor, sessionToken: string): Promise<void> {
    const now = this.clock.now();
    this.liveSessions.delete(sha256(sessionToken));
    await this.db.transaction(async (tx) => {
      await authRepository.endSession(tx, actor.authorityId, sha256(sessionToken), now);
      await recordAudit(tx, this.clock, actor, { action: 'staff.signed-out', entityType: 'staff_user', entityId: actor.id });
    });
  }

  /**
   * A person changes their own password. The current one is checked first (a wrong one counts
   * towards the account's lock-out, as a wrong sign-in does, so this form is no way round it), and
   * the new one is held to the password policy. Every session of theirs then ends, on every
   * device, this one included; the fresh session returned is for the browser that made the change.
   * The audit records the change and how many other sessions ended, never a password or a hash.
   */
  async changePassword(actor: Actor, sessionToken: string, change: PasswordChange, address: string): Promise<{ sessionToken: string; otherSessionsEnded: number }> {
    if (actor.kind !== 'user') throw new ForbiddenError('Only a person signed in can change their own password');
    const user = await authRepository.findUserById(this.db, actor.authorityId, actor.id);
    if (!user || user.deactivatedAt) throw new NotFoundError('No such staff user');
    if (user.authProvider !== 'password' || !user.passwordHash) {
      throw new ValidationError([{ field: 'currentPassword', message: 'Your account signs in through your council’s own sign-in, not a password kept here' }]);
    }
    const currentHash = user.passwordHash;
    const now = this.clock.now();
    const problems: FieldProblem[] = [];

    let currentMatches = false;
    if (!change.currentPassword) {
      problems.push({ field: 'currentPassword', message: 'Enter your current password' });
    } else {
      const windowStart = new Date(now.getTime() - this.settings.failureWindowMinutes * 60_000);
      if ((await authRepository.countFailuresForEmail(this.db, user.email, windowStart)) >= this.settings.accountFailureLimit) {
        problems.push({ field: 'currentPassword', message: `There have been too many wrong passwords. Wait ${this.settings.failureWindowMinutes} minutes and try again` });
      } else {
        currentMatches = await this.passwords.verify(change.currentPassword, currentHash);
        if (!currentMatches) {
          await authRepository.insertSignInFailure(this.db, { id: uuidv7(), emailKey: user.email, address, failedAt: now });
          problems.push({ field: 'currentPassword', message: 'Your current password is not right' });
        }
      }
    }

    const newPasswordProblem = change.newPassword ? passwordProblem(change.newPassword, { email: user.email }) : 'Enter a new password';
    if (newPasswordProblem) problems.push({ field: 'newPassword', message: newPasswordProblem.replace(/^The password/, 'The new password') });
    else if (currentMatches && change.newPassword === change.currentPassword) {
      problems.push({ field: 'newPassword', message: 'The new password must be different from your current password' });
    }
    if (!change.confirmPassword) problems.push({ field: 'confirmPassword', message: 'Enter the new password again' });
    else if (change.newPassword && change.confirmPassword !== change.newPassword) problems.push({ field: 'confirmPassword', message: 'The new passwords do not match: enter the same one twice' });
    if (problems.length > 0) throw new ValidationError(problems);

    const newHash = await this.passwords.hash(change.newPassword);
    const freshToken = randomBytes(32).toString('base64url');
    const thisSession = sha256(sessionToken);
    let otherSessionsEnded = 0;
    await this.db.transaction(async (tx) => {
      if (!(await authRepository.replacePasswordHash(tx, actor.authorityId, actor.id, currentHash, newHash))) {
        throw new ConflictError('Your password was changed somewhere else while this page was open. Nothing was saved: try again');
      }
      const ended = await authRepository.endSessionsOfUser(tx, actor.authorityId, actor.id, now);
      otherSessionsEnded = ended.filter((tokenHash) => tokenHash !== thisSession).length;
      await authRepository.insertSession(tx, { tokenHash: sha256(freshToken), authorityId: actor.authorityId, userId: actor.id, createdAt: now, lastSeenAt: now });
      await recordAudit(tx, this.clock, actor, { action: 'staff.password-changed', entityType: 'staff_user', entityId: actor.id, details: { otherSessionsEnded } });
    });
    this.forgetSessionsOf(actor.authorityId, actor.id);
    return { sessionToken: freshToken, otherSessionsEnded };
  }

  /**
   * Stops trusting, on this instance, the sessions of a person found live lately: after their
   * sessions were ended, they were deactivated or their role changed, so that their next request
   * is looked up again and sees it at once. Another instance sees it within
   * liveSessionCacheSeconds.
   */
  forgetSessionsOf(authorityId: string, userId: string): void {
    for (const [tokenHash, live] of this.liveSessions) {
      if (live.actor.id === userId && live.actor.authorityId === authorityId) this.liveSessions.delete(tokenHash);
    }
  }

  /**
   * Issues an API token to a staff user of the actor's authority: admins for anyone, others for
   * themselves. The secret is returned once and only its hash is kept.
   */
  async issueApiToken(actor: Actor, userId: string, name: string): Promise<{ id: string; token: string; prefix: string }> {
    if (userId !== actor.id) requireRole(actor, 'admin');
    const label = name.trim();
    if (!label || label.length > 100) throw new ValidationError([{ field: 'name', message: 'Enter a name for the token, up to 100 characters' }]);
    const user = await authRepository.findUserById(this.db, actor.authorityId, userId);
    if (!user || user.deactivatedAt) throw new NotFoundError('No such staff user');
    const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const id = uuidv7();
    const prefix = token.slice(0, 10);
    await this.db.transaction(async (tx) => {
      await authRepository.insertApiToken(tx, {
        id,
        authorityId: actor.authorityId,
        userId,
        name: label,
        tokenHash: sha256(token),
        prefix,
        createdAt: this.clock.now(),
      });
      await recordAudit(tx, this.clock, actor, { action: 'api-token.issued', entityType: 'api_token', entityId: id, details: { userId } });
    });
    return { id, token, prefix };
  }

  /** The actor behind a bearer token, or undefined: unknown, revoked, or its user deactivated. */
  async resolveApiToken(token: string): Promise<Actor | undefined> {
    if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 100) return undefined;
    const found = await authRepository.findLiveApiToken(this.db, sha256(token));
    if (!found || found.user.deactivatedAt) return undefined;
    return actorFor(found.user, 'token', found.token.id);
  }
}

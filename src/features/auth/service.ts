import { hash, randomBytes } from 'node:crypto';
import type { Database, Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { requireRole, STAFF_ROLES, type Actor, type StaffRole } from './actor.ts';
import type { ProviderIdentity, ProviderRefusal } from './oidc-identity.ts';
import { normaliseRecoveryCode, normaliseTotpCode, RECOVERY_CODE_COUNT } from '../../domain/second-factor/codes.ts';
import { SecretBox } from '../../lib/secret-box.ts';
import { checkTotp, newRecoveryCode, newTotpSecret, totpQrCode, totpUri } from '../../lib/totp.ts';
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
  /** A session half signed in (the password right, the second factor owed) ends after this many minutes. */
  pendingSecondFactorMinutes: number;
}

/** How staff give their second factor: the key its secrets are sealed with, and who may go without. */
export interface SecondFactorSettings {
  /**
   * The key material the TOTP secrets are sealed with (SESSION_SECRET): a copy of the database
   * alone does not give them. Changing it means every member of staff sets up their app again.
   */
  key: string;
  /**
   * Whether an account marked exempt (only the demo's printed accounts are) signs in with its
   * password alone: only on the embedded database outside production (Config.secondFactorExemptionAllowed).
   */
  exemptionAllowed: boolean;
  /** Names the service in the authenticator app: "SEND Casework (Demo City Council)". */
  issuer: string;
}

/** A fixed key for development and tests, when SESSION_SECRET is not set (never in production: the config requires it). */
export const DEVELOPMENT_SECOND_FACTOR_KEY = 'development-only-key-for-sealing-second-factor-secrets';

export const DEFAULT_SECOND_FACTOR_SETTINGS: SecondFactorSettings = { key: DEVELOPMENT_SECOND_FACTOR_KEY, exemptionAllowed: false, issuer: 'SEND Casework' };

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  sessionIdleMinutes: 30,
  sessionMaxHours: 12,
  accountFailureLimit: 5,
  addressFailureLimit: 50,
  failureWindowMinutes: 15,
  liveSessionCacheSeconds: 5,
  pendingSecondFactorMinutes: 15,
};

export type SignInResult =
  /** `next`: the person's pages ('home'), or the second factor they owe first: their code, or setting up their app. */
  | { outcome: 'signed-in'; sessionToken: string; actor: Actor; next: 'home' | 'second-factor' | 'set-up' }
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

/** 'half': the password was right, the second factor is owed (`enrolled`: the app is set up, a code is asked for). */
export type SessionLookup = { status: 'live'; actor: Actor } | { status: 'half'; actor: Actor; enrolled: boolean } | { status: 'expired' } | { status: 'none' };

/** A second factor given: the fresh session that replaces the half-signed-in one. */
export interface SecondFactorGiven {
  sessionToken: string;
  actor: Actor;
  method: 'totp' | 'recovery-code';
  recoveryCodesLeft: number;
}

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
  private readonly secondFactor: SecondFactorSettings;
  private readonly secrets: SecretBox;

  constructor(
    db: Database,
    clock: Clock,
    settings: AuthSettings = DEFAULT_AUTH_SETTINGS,
    passwords: Partial<PasswordHasher> = {},
    secondFactor: SecondFactorSettings = DEFAULT_SECOND_FACTOR_SETTINGS,
  ) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.passwords = { ...passwordHasher, ...passwords };
    this.secondFactor = secondFactor;
    this.secrets = new SecretBox(secondFactor.key, 'staff-totp-secret');
  }

  /** Whether the demo's printed accounts sign in with their password alone here (the sign-in page says so). */
  get secondFactorExemptionAllowed(): boolean {
    return this.secondFactor.exemptionAllowed;
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

    // The session is half signed in until the second factor is given: only an account the demo
    // marked exempt, where exemption is allowed at all, goes without.
    const exempt = this.secondFactor.exemptionAllowed && user.secondFactorExempt;
    const next = exempt ? 'home' : user.totpConfirmedAt ? 'second-factor' : 'set-up';
    const opened = await this.openSession(user, now, exempt, async (tx) => {
      const upgraded = upgradedHash ? await authRepository.replacePasswordHash(tx, user.authorityId, user.id, user.passwordHash!, upgradedHash) : false;
      return { ...(exempt ? { secondFactor: 'exempt' } : {}), ...(upgraded ? { passwordHashUpgraded: true } : {}) };
    });
    return { ...opened, next };
  }

  /**
   * A session for a person whose identity is proven (by password, or by the council's identity
   * provider): a new random token, kept only as its hash, audited. `signedIn`: whole at once (the
   * provider's own second factor, or an exempt demo account); otherwise half signed in until the
   * second factor is given, and audited as the password accepted. `first` runs in the same
   * transaction and returns the audit entry's details.
   */
  private async openSession(
    user: authRepository.StaffUserRow,
    now: Date,
    signedIn: boolean,
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
        secondFactorAt: signedIn ? now : null,
      });
      if (signedIn) await authRepository.recordSignIn(tx, user.authorityId, user.id, now);
      // Signed in only once the second factor is given (or not needed): until then, the password was accepted.
      await recordAudit(tx, this.clock, actor, {
        action: signedIn ? 'staff.signed-in' : 'staff.password-accepted',
        entityType: 'staff_user',
        entityId: user.id,
        ...(details && Object.keys(details).length > 0 ? { details } : {}),
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
      // The provider's own second factor (the council's Conditional Access) stands for ours.
      return await this.openSession(user, now, true, async (tx) => {
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
    const half = session.secondFactorAt === null;
    const maxAgeMs = half ? this.settings.pendingSecondFactorMinutes * 60_000 : this.settings.sessionMaxHours * 3_600_000;
    if (user.deactivatedAt || idleMs > this.settings.sessionIdleMinutes * 60_000 || ageMs > maxAgeMs) {
      await authRepository.endSession(this.db, session.authorityId, tokenHash, now);
      return { status: 'expired' };
    }
    // Half signed in: never trusted from memory, never an actor of a page but the second factor's.
    if (half) return { status: 'half', actor: actorFor(user, 'user'), enrolled: user.totpConfirmedAt !== null };
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
      await authRepository.insertSession(tx, { tokenHash: sha256(freshToken), authorityId: actor.authorityId, userId: actor.id, createdAt: now, lastSeenAt: now, secondFactorAt: now });
      await recordAudit(tx, this.clock, actor, { action: 'staff.password-changed', entityType: 'staff_user', entityId: actor.id, details: { otherSessionsEnded } });
    });
    this.forgetSessionsOf(actor.authorityId, actor.id);
    return { sessionToken: freshToken, otherSessionsEnded };
  }

  // ---- The second factor (TOTP, RFC 6238) ----

  private requireHalfSignedIn(actor: Actor, sessionToken: string): void {
    if (actor.kind !== 'user' || !sessionToken) throw new ForbiddenError('Sign in with your password first');
  }

  /** The secret of a user's authenticator app, opened; a secret sealed under another key is refused plainly. */
  private openSecret(sealed: string): string {
    const secret = this.secrets.open(sealed);
    if (secret === undefined) throw new ConflictError('Your authenticator app’s set-up cannot be read (the service’s secret setting changed). Ask an administrator to reset your second factor');
    return secret;
  }

  /**
   * Setting up the authenticator app, for a person half signed in who has none: a secret kept on
   * trial (sealed) until they give a code from it, the same on every visit until then so a QR code
   * already scanned still works. Once set up, it is never shown again.
   */
  async secondFactorSetUp(actor: Actor, sessionToken: string): Promise<{ secret: string; uri: string; qrCode: string }> {
    this.requireHalfSignedIn(actor, sessionToken);
    const { secret, email } = await this.db.transaction(async (tx) => {
      const user = await authRepository.lockUser(tx, actor.authorityId, actor.id);
      if (!user || user.deactivatedAt) throw new NotFoundError('No such staff user');
      if (user.totpConfirmedAt) throw new ConflictError('Your authenticator app is already set up');
      if (user.totpSecret) {
        const kept = this.secrets.open(user.totpSecret);
        if (kept !== undefined) return { secret: kept, email: user.email };
      }
      const fresh = newTotpSecret();
      await authRepository.updateSecondFactor(tx, actor.authorityId, actor.id, { totpSecret: this.secrets.seal(fresh) });
      return { secret: fresh, email: user.email };
    });
    const uri = totpUri(secret, this.secondFactor.issuer, email);
    return { secret, uri, qrCode: await totpQrCode(uri) };
  }

  /**
   * Confirms the set-up with a code from the app: the second factor is then in use, and ten
   * recovery codes are returned to be shown once (kept only as argon2id hashes, as passwords are).
   * The half-signed-in session ends and a full one begins. A wrong code counts towards the
   * account's lock-out as a wrong password does, and is kept although the answer is a refusal.
   */
  async confirmSecondFactorSetUp(actor: Actor, sessionToken: string, typed: string, address: string): Promise<SecondFactorGiven & { recoveryCodes: string[] }> {
    this.requireHalfSignedIn(actor, sessionToken);
    const now = this.clock.now();
    const code = normaliseTotpCode(typed);
    const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const outcome = await this.db.transaction(async (tx): Promise<{ problem: string } | SecondFactorGiven> => {
      const user = await authRepository.lockUser(tx, actor.authorityId, actor.id);
      if (!user || user.deactivatedAt) throw new NotFoundError('No such staff user');
      if (user.totpConfirmedAt) throw new ConflictError('Your authenticator app is already set up');
      if (!user.totpSecret) throw new ConflictError('The set-up page has changed: open it again and scan the new QR code');
      const locked = await this.lockedOut(tx, user.email, now);
      if (locked) return { problem: locked };
      const step = code ? await checkTotp(this.openSecret(user.totpSecret), code, now, null) : undefined;
      if (step === undefined) return { problem: await this.wrongCode(tx, actor, user.email, address, now, code ? 'wrong' : 'format') };
      const hashes = await Promise.all(recoveryCodes.map((entry) => this.passwords.hash(normaliseRecoveryCode(entry))));
      await authRepository.updateSecondFactor(tx, actor.authorityId, actor.id, { totpConfirmedAt: now, totpLastStep: step });
      await authRepository.replaceRecoveryCodes(
        tx,
        actor.authorityId,
        actor.id,
        hashes.map((codeHash) => ({ id: uuidv7(), authorityId: actor.authorityId, userId: actor.id, codeHash, createdAt: now })),
      );
      await recordAudit(tx, this.clock, actor, { action: 'staff.second-factor-set-up', entityType: 'staff_user', entityId: actor.id, details: { recoveryCodes: RECOVERY_CODE_COUNT } });
      await recordAudit(tx, this.clock, actor, { action: 'staff.signed-in', entityType: 'staff_user', entityId: actor.id, details: { secondFactor: 'set-up' } });
      return { sessionToken: await this.fullSession(tx, user, sessionToken, now), actor: actorFor(user, 'user'), method: 'totp', recoveryCodesLeft: RECOVERY_CODE_COUNT };
    });
    if ('problem' in outcome) throw new ValidationError([{ field: 'code', message: outcome.problem }]);
    return { ...outcome, recoveryCodes };
  }

  /**
   * The second factor at sign-in: a code from the authenticator app, each accepted once (a code
   * seen again, within its 30 seconds or not, is refused), or a recovery code, each used once. A
   * wrong one counts towards the account's lock-out. The half-signed-in session ends and a full
   * one begins.
   */
  async giveSecondFactor(actor: Actor, sessionToken: string, typed: string, address: string): Promise<SecondFactorGiven> {
    this.requireHalfSignedIn(actor, sessionToken);
    const now = this.clock.now();
    const totpCode = normaliseTotpCode(typed);
    // Recovery codes are checked outside the transaction: ten argon2id checks must not hold the row.
    const recovery = !totpCode && typed.trim() ? await this.matchingRecoveryCode(actor, typed) : undefined;
    const outcome = await this.db.transaction(async (tx): Promise<{ problem: string } | SecondFactorGiven> => {
      const user = await authRepository.lockUser(tx, actor.authorityId, actor.id);
      if (!user || user.deactivatedAt) throw new NotFoundError('No such staff user');
      if (!user.totpConfirmedAt || !user.totpSecret) throw new ConflictError('Set up your authenticator app first');
      const locked = await this.lockedOut(tx, user.email, now);
      if (locked) return { problem: locked };
      if (!typed.trim()) return { problem: 'Enter the 6-digit code from your authenticator app, or a recovery code' };
      let method: 'totp' | 'recovery-code' | undefined;
      if (totpCode) {
        const step = await checkTotp(this.openSecret(user.totpSecret), totpCode, now, user.totpLastStep);
        if (step !== undefined) {
          method = 'totp';
          await authRepository.updateSecondFactor(tx, actor.authorityId, actor.id, { totpLastStep: step });
        }
      } else if (recovery && (await authRepository.useRecoveryCode(tx, actor.authorityId, recovery, now))) {
        method = 'recovery-code';
      }
      if (!method) return { problem: await this.wrongCode(tx, actor, user.email, address, now, 'wrong') };
      const recoveryCodesLeft = (await authRepository.unusedRecoveryCodes(tx, actor.authorityId, actor.id)).length;
      await recordAudit(tx, this.clock, actor, { action: 'staff.signed-in', entityType: 'staff_user', entityId: actor.id, details: { secondFactor: method, recoveryCodesLeft } });
      return { sessionToken: await this.fullSession(tx, user, sessionToken, now), actor: actorFor(user, 'user'), method, recoveryCodesLeft };
    });
    if ('problem' in outcome) throw new ValidationError([{ field: 'code', message: outcome.problem }]);
    return outcome;
  }

  /** The id of the unused recovery code the person typed, if any. */
  private async matchingRecoveryCode(actor: Actor, typed: string): Promise<string | undefined> {
    const candidates = await authRepository.unusedRecoveryCodes(this.db, actor.authorityId, actor.id);
    const normalised = normaliseRecoveryCode(typed);
    const matches = await Promise.all(candidates.map((candidate) => this.passwords.verify(normalised, candidate.codeHash)));
    return candidates[matches.indexOf(true)]?.id;
  }

  /** The refusal while the account is locked out (too many wrong passwords or codes), or undefined. */
  private async lockedOut(tx: Executor, email: string, now: Date): Promise<string | undefined> {
    const windowStart = new Date(now.getTime() - this.settings.failureWindowMinutes * 60_000);
    if ((await authRepository.countFailuresForEmail(tx, email, windowStart)) < this.settings.accountFailureLimit) return undefined;
    return `There have been too many attempts to sign in. Wait ${this.settings.failureWindowMinutes} minutes and try again`;
  }

  /** Counts a wrong code against the account, as a wrong password is; the problem to show. */
  private async wrongCode(tx: Executor, actor: Actor, email: string, address: string, now: Date, kind: 'wrong' | 'format'): Promise<string> {
    await authRepository.insertSignInFailure(tx, { id: uuidv7(), emailKey: email, address, failedAt: now });
    await recordAudit(tx, this.clock, actor, { action: 'staff.second-factor-wrong', entityType: 'staff_user', entityId: actor.id });
    return kind === 'format' ? 'Enter the 6-digit code from your authenticator app' : 'The code is not right. Check your authenticator app and try again';
  }

  /** Ends the half-signed-in session and begins a full one (a new cookie: no fixation across the step up). */
  private async fullSession(tx: Executor, user: authRepository.StaffUserRow, halfToken: string, now: Date): Promise<string> {
    await authRepository.endSession(tx, user.authorityId, sha256(halfToken), now);
    const fresh = randomBytes(32).toString('base64url');
    await authRepository.insertSession(tx, { tokenHash: sha256(fresh), authorityId: user.authorityId, userId: user.id, createdAt: now, lastSeenAt: now, secondFactorAt: now });
    await authRepository.recordSignIn(tx, user.authorityId, user.id, now);
    return fresh;
  }

  /** Whether a user has their authenticator app set up, and how many recovery codes are left: for their account page. */
  async secondFactorStatus(actor: Actor): Promise<{ setUp: boolean; exempt: boolean; recoveryCodesLeft: number }> {
    const user = await authRepository.findUserById(this.db, actor.authorityId, actor.id);
    if (!user) throw new NotFoundError('No such staff user');
    const recoveryCodesLeft = (await authRepository.unusedRecoveryCodes(this.db, actor.authorityId, actor.id)).length;
    return { setUp: user.totpConfirmedAt !== null, exempt: this.secondFactor.exemptionAllowed && user.secondFactorExempt, recoveryCodesLeft };
  }

  /**
   * An administrator resets someone's second factor (a lost phone and lost recovery codes): the
   * app's secret and the recovery codes are gone, every session of theirs ends, and at their next
   * sign-in they set up an app again. Never one's own: another administrator does it. Audited.
   */
  async resetSecondFactor(actor: Actor, userId: string): Promise<{ sessionsEnded: number }> {
    requireRole(actor, 'admin');
    if (userId === actor.id) throw new ValidationError([{ field: 'confirm', message: 'You cannot reset your own second factor. Ask another administrator' }]);
    const now = this.clock.now();
    const sessionsEnded = await this.db.transaction(async (tx) => {
      const user = await authRepository.lockUser(tx, actor.authorityId, userId);
      if (!user) throw new NotFoundError('No such staff user');
      await authRepository.updateSecondFactor(tx, actor.authorityId, userId, { totpSecret: null, totpConfirmedAt: null, totpLastStep: null });
      await authRepository.replaceRecoveryCodes(tx, actor.authorityId, userId, []);
      const ended = await authRepository.endSessionsOfUser(tx, actor.authorityId, userId, now);
      await recordAudit(tx, this.clock, actor, { action: 'staff.second-factor-reset', entityType: 'staff_user', entityId: userId, details: { sessionsEnded: ended.length } });
      return ended.length;
    });
    this.forgetSessionsOf(actor.authorityId, userId);
    return { sessionsEnded };
  }

  /**
   * The demo's printed accounts sign in with their password alone: marked here by the demo's
   * seeding only, and honoured only where exemption is allowed (the embedded database, outside
   * production).
   */
  async exemptFromSecondFactor(actor: Actor, userId: string): Promise<void> {
    if (actor.kind !== 'system') throw new ForbiddenError('Only the demo data exempts an account from the second factor');
    await authRepository.updateSecondFactor(this.db, actor.authorityId, userId, { secondFactorExempt: true });
  }

  /**
   * A person signs out everywhere: every session of theirs ends, on every device, this one
   * included (API tokens are apart: they are revoked one by one). Audited with how many ended.
   */
  async signOutEverywhere(actor: Actor): Promise<{ sessionsEnded: number }> {
    if (actor.kind !== 'user') throw new ForbiddenError('Only a person signed in can sign out everywhere');
    const now = this.clock.now();
    const sessionsEnded = await this.db.transaction(async (tx) => {
      const ended = await authRepository.endSessionsOfUser(tx, actor.authorityId, actor.id, now);
      await recordAudit(tx, this.clock, actor, { action: 'staff.signed-out-everywhere', entityType: 'staff_user', entityId: actor.id, details: { sessionsEnded: ended.length } });
      return ended.length;
    });
    this.forgetSessionsOf(actor.authorityId, actor.id);
    return { sessionsEnded };
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

import { z } from 'zod';
import type { Database, Executor } from '../../db/database.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { relationshipName } from '../../domain/children/relationships.ts';
import { isYoungPerson } from '../../domain/children/young-person.ts';
import {
  afterRightCode,
  afterWrongCode,
  LINK_REQUEST_LIMITS,
  linkExpiresAt,
  linkRequestDecision,
  linkState,
  needsSecondFactor,
  secondFactorLockedUntil,
  SECOND_FACTOR_LOCK_MINUTES,
  type LinkPurpose,
  type LinkState,
  type PortalKind,
  type SecondFactorState,
} from '../../domain/portal/sign-in.ts';
import { normaliseRecoveryCode, normaliseTotpCode, RECOVERY_CODE_COUNT } from '../../domain/second-factor/codes.ts';
import { isSchoolRole, mayManageStaff, removalRefusal } from '../../domain/portal/school.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { EMAIL_FORMAT_MESSAGE, isEmailAddress } from '../../lib/email-address.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { SecretBox } from '../../lib/secret-box.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import { DEVELOPMENT_SECOND_FACTOR_KEY } from '../auth/index.ts';
import {
  CASEWORK_ROLES,
  countSignInAttemptsForAddress,
  countSignInAttemptsForEmail,
  MANAGER_ROLES,
  normaliseEmail,
  recordSignInAttempt,
  requireRole,
  systemActor,
  type Actor,
  type PortalActor,
  type PortalSessionLookup,
  type PortalSessions,
} from '../auth/index.ts';
import { requireChildAccess } from '../children/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { portalAuthPaths } from './paths.ts';
import * as portalRepository from './repository.ts';
import type { PortalAccountRow } from './repository.ts';
import { checkTotp, newRecoveryCode, newTotpSecret, totpQrCode, totpUri } from '../../lib/totp.ts';
import { newToken, tokenHash } from './secrets.ts';

export interface PortalAuthSettings {
  /** A portal session ends after this many idle minutes, as a staff one does. */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** A session waiting for its second factor ends after this many minutes. */
  pendingSecondFactorMinutes: number;
}

export const DEFAULT_PORTAL_AUTH_SETTINGS: PortalAuthSettings = { sessionIdleMinutes: 30, sessionMaxHours: 12, pendingSecondFactorMinutes: 15 };

export interface PortalAuthOptions {
  /** The service's public address: e-mailed links start with it. */
  publicUrl: string;
  serviceName: string;
  councilName: string;
  settings?: PortalAuthSettings;
  /** Seals the authenticator apps' secrets at rest (derived from SESSION_SECRET, as staff's are). */
  secretKey?: string;
}

export type LinkRequestResult = { outcome: 'sent' } | { outcome: 'limited'; retryAfterSeconds: number };

export type LinkUseResult =
  | { outcome: 'signed-in'; sessionToken: string; actor: PortalActor; next: 'home' | 'second-factor' | 'set-up' }
  | { outcome: 'refused'; reason: LinkState | 'unknown' };

/** What an officer is offered when inviting a child's family: the people with parental responsibility and the young person. */
export interface FamilyInvitationChoices {
  child: { id: string; name: string; firstName: string };
  people: { personId: string; name: string; relationship: string; email: string | null }[];
  /** Over compulsory school age: the young person may have an account of their own (CFA 2014 s.83(2)). */
  youngPersonInvitable: boolean;
}

export interface PortalHome {
  name: string;
  email: string;
  portalKind: PortalKind;
  children: { childId: string; firstName: string; relationship: string }[];
  schools: { urn: number; name: string; role: string }[];
  organisations: { organisation: string; adviceKind: string }[];
}

export interface PortalAccountView {
  id: string;
  name: string;
  email: string;
  kind: PortalKind;
  status: string;
  /** Days in England, YYYY-MM-DD. */
  createdAt: string;
  lastSignedInAt: string | null;
  disabledAt: string | null;
  secondFactorSetUp: boolean;
  children: { childId: string; firstName: string; relationship: string }[];
  schools: { urn: number; name: string; role: string }[];
  organisations: { organisation: string; adviceKind: string }[];
}

/** The kinds of advice (SEND Regs 2014 reg. 6(1)(b) to (f)) an advice giver's account is for. */
export const PROFESSIONAL_ADVICE_KINDS = ['educational', 'medical', 'psychological', 'social-care', 'other'] as const;
const ADVICE_KINDS = PROFESSIONAL_ADVICE_KINDS;

const nameSchema = z.string().trim().min(1, 'Enter the person’s full name').max(200, 'The name must be 200 characters or fewer');

/** Refuses anyone but a person signed in to the portal who has given any second factor their account needs. */
export function requireSignedIn(actor: PortalActor): void {
  if (actor.kind !== 'portal') throw new ForbiddenError('This page is for people signed in to the portal');
  if (actor.secondFactor === 'pending') throw new ForbiddenError('Enter the code from your authenticator app first');
}

function portalActorFor(account: PortalAccountRow, secondFactorAt: Date | null): PortalActor {
  const kind = account.kind as PortalKind;
  return {
    kind: 'portal',
    id: account.id,
    accountId: account.id,
    authorityId: account.authorityId,
    roles: [],
    name: account.name,
    email: account.email,
    portalKind: kind,
    secondFactor: needsSecondFactor(kind) ? (secondFactorAt ? 'done' : 'pending') : 'not-needed',
    totpSetUp: account.totpConfirmedAt !== null,
  };
}

/**
 * Accounts for people outside the council and their sign-in. An officer invites a person (an
 * account and its link to a child, a school or an organisation, and an e-mail with a one-time
 * link); the person signs in with e-mailed links that work once, and schools and advice givers
 * give a TOTP code as well. Every change and every sign-in is audited; every child shown is in
 * the access log.
 */
export class PortalAuthService implements PortalSessions {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly options: PortalAuthOptions;
  private readonly settings: PortalAuthSettings;

  constructor(db: Database, clock: Clock, options: PortalAuthOptions) {
    this.db = db;
    this.clock = clock;
    this.options = options;
    this.settings = options.settings ?? DEFAULT_PORTAL_AUTH_SETTINGS;
    this.secrets = new SecretBox(options.secretKey ?? DEVELOPMENT_SECOND_FACTOR_KEY, 'portal-totp-secret');
  }

  /** Authenticator apps' secrets, sealed at rest with a key of the portal's own. */
  private readonly secrets: SecretBox;

  /**
   * An authenticator app's secret as kept: sealed, or in clear from before secrets were sealed (a
   * base32 secret has no '.'; it is sealed at its next use). One that cannot be opened (sealed
   * under another SESSION_SECRET) is refused: the council resets the account's second factor.
   */
  private openSecret(stored: string): string {
    if (!stored.includes('.')) return stored;
    const secret = this.secrets.open(stored);
    if (secret === undefined) throw new ConflictError('Your authenticator app’s key cannot be read: ask the council to reset your second factor');
    return secret;
  }

  // ---- Invitations, by the council's officers ----

  /** The people an officer may invite for a child: those with parental responsibility, and the young person. */
  async familyInvitationChoices(actor: Actor, childId: string): Promise<FamilyInvitationChoices> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!z.uuid().safeParse(childId).success) throw new NotFoundError('No such child');
    await requireChildAccess(this.db, this.clock, actor, childId, 'portal-invitation');
    const found = await portalRepository.childForInvitation(this.db, actor.authorityId, childId);
    if (!found) throw new NotFoundError('No such child');
    await recordAccess(this.db, this.clock, actor, childId, 'portal-invitation');
    return {
      child: { id: childId, name: `${found.firstName} ${found.surname}`, firstName: found.firstName },
      people: found.people
        .filter((entry) => entry.parentalResponsibility)
        .map((entry) => ({ personId: entry.personId, name: `${entry.forename} ${entry.surname}`, relationship: relationshipName(entry.relationship), email: entry.email })),
      youngPersonInvitable: isYoungPerson(found.dateOfBirth as IsoDate, this.clock.today() as IsoDate),
    };
  }

  /**
   * Invites a parent or carer with parental responsibility, or the young person themself, to the
   * family portal for a child: the account (made, or found by e-mail in this council), its link to
   * the child, and an e-mail with a sign-in link that works once, for 7 days.
   */
  async inviteFamilyMember(actor: Actor, childId: string, input: { who: string; name?: string; email: string }): Promise<{ accountId: string; messageId: string }> {
    const choices = await this.familyInvitationChoices(actor, childId);
    const problems: FieldProblem[] = [];
    const email = normaliseEmail(input.email);
    const chosen = choices.people.find((entry) => entry.personId === input.who);
    const youngPerson = input.who === 'young-person';
    if (!chosen && !youngPerson) problems.push({ field: 'who', message: 'Choose who to invite' });
    if (youngPerson && !choices.youngPersonInvitable) problems.push({ field: 'who', message: `${choices.child.firstName} is not yet over compulsory school age: invite a parent or carer instead` });
    if (!email) problems.push({ field: 'email', message: 'Enter the e-mail address to send the invitation to' });
    else if (!isEmailAddress(email)) problems.push({ field: 'email', message: EMAIL_FORMAT_MESSAGE });
    if (problems.length > 0) throw new ValidationError(problems);

    const name = chosen ? chosen.name : choices.child.name;
    return this.db.transaction(async (tx) => {
      const person = chosen ? await portalRepository.findLinkedPerson(tx, actor.authorityId, childId, chosen.personId) : undefined;
      if (chosen && !person?.parentalResponsibility) throw new ConflictError('This person no longer has parental responsibility on the child’s record: check the record and try again');
      const { accountId, created } = await this.accountFor(tx, actor, { email, name, kind: 'family' });
      const linked = await portalRepository.insertFamilyLink(tx, {
        authorityId: actor.authorityId,
        accountId,
        childId,
        personId: chosen ? chosen.personId : null,
        relationship: chosen ? person!.relationship : 'young-person',
        createdBy: actor.kind === 'user' ? actor.id : null,
        createdAt: this.clock.now(),
      });
      if (!linked && !created) throw new ConflictError('This person already has an account linked to this child');
      await recordAudit(tx, this.clock, actor, {
        action: 'portal.family-link-added',
        entityType: 'portal_account',
        entityId: accountId,
        details: { childId, personId: chosen?.personId ?? null, youngPerson },
      });
      const messageId = await this.sendInvitation(tx, actor, { accountId, name, email, about: 'family' });
      return { accountId, messageId };
    });
  }

  /** Invites a school's first administrator, by the school's URN: they add the school's other staff later. */
  async inviteSchoolAdministrator(actor: Actor, input: { urn: string; name: string; email: string }): Promise<{ accountId: string; messageId: string }> {
    requireRole(actor, ...MANAGER_ROLES);
    const problems: FieldProblem[] = [];
    const urn = /^\d{6,7}$/.test(input.urn.trim()) ? Number(input.urn.trim()) : undefined;
    const found = urn === undefined ? undefined : await portalRepository.findSchoolByUrn(this.db, urn);
    if (!input.urn.trim()) problems.push({ field: 'urn', message: 'Enter the school’s URN' });
    else if (urn === undefined) problems.push({ field: 'urn', message: 'Enter the URN as 6 or 7 digits, like 100000' });
    else if (!found) problems.push({ field: 'urn', message: 'There is no school with this URN on the list of schools' });
    const name = nameSchema.safeParse(input.name);
    if (!name.success) problems.push({ field: 'name', message: name.error.issues[0]!.message });
    const email = normaliseEmail(input.email);
    if (!email) problems.push({ field: 'email', message: 'Enter the e-mail address to send the invitation to' });
    else if (!isEmailAddress(email)) problems.push({ field: 'email', message: EMAIL_FORMAT_MESSAGE });
    if (problems.length > 0) throw new ValidationError(problems);

    return this.db.transaction(async (tx) => {
      const { accountId, created } = await this.accountFor(tx, actor, { email, name: name.data!, kind: 'school' });
      const linked = await portalRepository.insertSchoolLink(tx, {
        authorityId: actor.authorityId,
        accountId,
        schoolId: found!.id,
        role: 'school-admin',
        createdBy: actor.kind === 'user' ? actor.id : null,
        createdAt: this.clock.now(),
      });
      if (!linked && !created) throw new ConflictError('This person already has an account for this school');
      await recordAudit(tx, this.clock, actor, { action: 'portal.school-link-added', entityType: 'portal_account', entityId: accountId, details: { schoolId: found!.id, urn: found!.urn, role: 'school-admin' } });
      const messageId = await this.sendInvitation(tx, actor, { accountId, name: name.data!, email, about: 'school', schoolName: found!.name });
      return { accountId, messageId };
    });
  }

  /**
   * A school's administrator adds a member of the school's staff (or another administrator): an
   * account of kind school in this council, its link to the school, and an invitation through the
   * outbox as the council's invitations go. Access belongs to the school: staff cannot add staff.
   */
  async addSchoolStaff(actor: PortalActor, schoolId: string, input: { name: string; email: string; role: string }): Promise<{ accountId: string; messageId: string }> {
    requireSignedIn(actor);
    const problems: FieldProblem[] = [];
    const name = nameSchema.safeParse(input.name);
    if (!name.success) problems.push({ field: 'name', message: name.error.issues[0]!.message });
    const email = normaliseEmail(input.email);
    if (!email) problems.push({ field: 'email', message: 'Enter the e-mail address to send the invitation to' });
    else if (!isEmailAddress(email)) problems.push({ field: 'email', message: EMAIL_FORMAT_MESSAGE });
    if (!isSchoolRole(input.role)) problems.push({ field: 'role', message: 'Select whether they are a member of staff or an administrator' });
    return this.db.transaction(async (tx) => {
      const school = await this.requireSchoolAdministrator(tx, actor, schoolId);
      if (problems.length > 0) throw new ValidationError(problems);
      const { accountId, created } = await this.accountFor(tx, actor, { email, name: name.data!, kind: 'school' });
      const row = { authorityId: actor.authorityId, accountId, schoolId, role: input.role, createdBy: actor.accountId, createdAt: this.clock.now() };
      const linked = (await portalRepository.insertSchoolLink(tx, row)) || (await portalRepository.renewSchoolLink(tx, row));
      if (!linked && !created) throw new ValidationError([{ field: 'email', message: 'This person already has an account for your school' }]);
      await recordAudit(tx, this.clock, actor, { action: 'portal.school-link-added', entityType: 'portal_account', entityId: accountId, details: { schoolId, urn: school.urn, role: input.role, byAccount: actor.accountId } });
      const messageId = await this.sendInvitation(tx, actor, { accountId, name: name.data!, email, about: 'school', schoolName: school.name });
      return { accountId, messageId };
    });
  }

  /**
   * A school's administrator removes a person from the school: the link ends, and the person's
   * portal sessions end at once. The school's only administrator cannot be removed.
   */
  async removeSchoolStaff(actor: PortalActor, schoolId: string, accountId: string): Promise<{ name: string }> {
    requireSignedIn(actor);
    if (!z.uuid().safeParse(accountId).success) throw new NotFoundError('No such member of staff');
    return this.db.transaction(async (tx) => {
      await this.requireSchoolAdministrator(tx, actor, schoolId);
      const administrators = await portalRepository.lockLiveSchoolAdministrators(tx, actor.authorityId, schoolId);
      const target = await portalRepository.lockLiveSchoolLink(tx, actor.authorityId, accountId, schoolId);
      const account = target ? await portalRepository.findAccount(tx, actor.authorityId, accountId) : undefined;
      if (!target || !account) throw new NotFoundError('No such member of staff');
      const refusal = removalRefusal(target, administrators.length);
      if (refusal) throw new ConflictError(refusal);
      const now = this.clock.now();
      await portalRepository.endSchoolLink(tx, actor.authorityId, accountId, schoolId, now);
      const sessionsEnded = await portalRepository.endSessionsOfAccount(tx, actor.authorityId, accountId, now);
      await recordAudit(tx, this.clock, actor, { action: 'portal.school-link-ended', entityType: 'portal_account', entityId: accountId, details: { schoolId, role: target.role, sessionsEnded, byAccount: actor.accountId } });
      return { name: account.name };
    });
  }

  /** The school, once the actor is one of its live administrators in this council; otherwise refused. */
  private async requireSchoolAdministrator(tx: Executor, actor: PortalActor, schoolId: string): Promise<{ urn: number; name: string }> {
    if (actor.portalKind !== 'school' || !z.uuid().safeParse(schoolId).success) throw new NotFoundError('No such school');
    const own = await portalRepository.lockLiveSchoolLink(tx, actor.authorityId, actor.accountId, schoolId);
    if (!own) throw new NotFoundError('No such school');
    if (!mayManageStaff(own.role)) throw new ForbiddenError('Only your school’s administrators can add or remove staff');
    const school = (await portalRepository.linkedSchools(tx, actor.authorityId, actor.accountId)).find((entry) => entry.schoolId === schoolId);
    if (!school) throw new NotFoundError('No such school');
    return school;
  }

  /**
   * Invites an advice giver (an educational psychologist, a health or social care professional):
   * case officers ask for advice, so they may invite the people they ask as well as managers.
   */
  async inviteProfessional(actor: Actor, input: { name: string; email: string; organisation: string; adviceKind: string }): Promise<{ accountId: string; messageId: string }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const problems: FieldProblem[] = [];
    const name = nameSchema.safeParse(input.name);
    if (!name.success) problems.push({ field: 'name', message: name.error.issues[0]!.message });
    const organisation = input.organisation.trim();
    if (!organisation || organisation.length > 200) problems.push({ field: 'organisation', message: 'Enter the organisation, up to 200 characters' });
    if (!(ADVICE_KINDS as readonly string[]).includes(input.adviceKind)) problems.push({ field: 'adviceKind', message: 'Choose the kind of advice they give' });
    const email = normaliseEmail(input.email);
    if (!isEmailAddress(email)) problems.push({ field: 'email', message: email ? EMAIL_FORMAT_MESSAGE : 'Enter the e-mail address to send the invitation to' });
    if (problems.length > 0) throw new ValidationError(problems);
    return this.db.transaction(async (tx) => {
      const { accountId, created } = await this.accountFor(tx, actor, { email, name: name.data!, kind: 'professional' });
      const linked = await portalRepository.insertProfessionalLink(tx, {
        authorityId: actor.authorityId,
        accountId,
        organisation,
        adviceKind: input.adviceKind,
        createdBy: actor.kind === 'user' ? actor.id : null,
        createdAt: this.clock.now(),
      });
      if (!linked && !created) throw new ConflictError('This person already has an account for this kind of advice');
      await recordAudit(tx, this.clock, actor, { action: 'portal.professional-link-added', entityType: 'portal_account', entityId: accountId, details: { adviceKind: input.adviceKind } });
      const messageId = await this.sendInvitation(tx, actor, { accountId, name: name.data!, email, about: 'professional' });
      return { accountId, messageId };
    });
  }

  /** The account of this e-mail address in the actor's council: found (of the same kind, not disabled), or made. */
  private async accountFor(tx: Executor, actor: Actor, input: { email: string; name: string; kind: PortalKind }): Promise<{ accountId: string; created: boolean }> {
    const existing = await portalRepository.findAccountByEmail(tx, actor.authorityId, input.email);
    if (existing) {
      if (existing.status === 'disabled') throw new ValidationError([{ field: 'email', message: 'The account of this e-mail address is disabled: an administrator must look at it first' }]);
      if (existing.kind !== input.kind) throw new ValidationError([{ field: 'email', message: `This e-mail address already has a ${existing.kind} account: use another address` }]);
      return { accountId: existing.id, created: false };
    }
    const accountId = uuidv7();
    await portalRepository.insertAccount(tx, {
      id: accountId,
      authorityId: actor.authorityId,
      email: input.email,
      name: input.name,
      kind: input.kind,
      status: 'invited',
      createdBy: actor.kind === 'user' ? actor.id : null,
      createdAt: this.clock.now(),
    });
    await recordAudit(tx, this.clock, actor, { action: 'portal.account-invited', entityType: 'portal_account', entityId: accountId, details: { kind: input.kind } });
    return { accountId, created: true };
  }

  /** The invitation's e-mail: what the account is for and a sign-in link; nothing about a child's case. */
  private async sendInvitation(tx: Executor, actor: Actor, input: { accountId: string; name: string; email: string; about: PortalKind; schoolName?: string }): Promise<string> {
    const url = await this.newLink(tx, actor.authorityId, input.accountId, 'invitation');
    const what =
      input.about === 'family'
        ? 'so that you can see your child’s SEND case online'
        : input.about === 'school'
          ? `so that ${input.schoolName ?? 'your school'} can work with us online on its pupils’ SEND cases. You can add your school’s other staff once you have signed in`
          : 'so that you can send us your advice online';
    const { messageId } = await queueMessage(tx, this.clock, actor, {
      channel: 'email',
      recipientName: input.name,
      recipientAddress: input.email,
      subject: `You have been invited to ${this.options.serviceName}`,
      bodyText: [
        `Hello ${input.name},`,
        `${this.options.councilName} has set up an account for you on ${this.options.serviceName}, ${what}.`,
        `Sign in with this link. It works once, and stops working after 7 days:\n${url}`,
        `If it has stopped working, ask for a new link here:\n${this.options.publicUrl}${portalAuthPaths.signIn}`,
        'If you were not expecting this e-mail, you can ignore it. Nobody can sign in without the link.',
      ].join('\n\n'),
    });
    return messageId;
  }

  private async newLink(tx: Executor, authorityId: string, accountId: string, purpose: LinkPurpose): Promise<string> {
    const token = newToken();
    const now = this.clock.now();
    await portalRepository.insertSignInLink(tx, { id: uuidv7(), authorityId, accountId, tokenHash: tokenHash(token), purpose, createdAt: now, expiresAt: new Date(linkExpiresAt(purpose, now.getTime())) });
    return `${this.options.publicUrl}${portalAuthPaths.link(token)}`;
  }

  /** An account as the officers' page shows it; the children on it are a view of their records. */
  async account(actor: Actor, accountId: string): Promise<PortalAccountView> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!z.uuid().safeParse(accountId).success) throw new NotFoundError('No such portal account');
    const account = await portalRepository.findAccount(this.db, actor.authorityId, accountId);
    if (!account) throw new NotFoundError('No such portal account');
    const [children, schools, organisations] = await Promise.all([
      portalRepository.linkedChildren(this.db, actor.authorityId, accountId),
      portalRepository.linkedSchools(this.db, actor.authorityId, accountId),
      portalRepository.linkedOrganisations(this.db, actor.authorityId, accountId),
    ]);
    for (const entry of children) await recordAccess(this.db, this.clock, actor, entry.childId, 'portal-account');
    return {
      id: account.id,
      name: account.name,
      email: account.email,
      kind: account.kind as PortalKind,
      status: account.status,
      createdAt: londonDateOf(account.createdAt),
      lastSignedInAt: account.lastSignedInAt ? londonDateOf(account.lastSignedInAt) : null,
      disabledAt: account.disabledAt ? londonDateOf(account.disabledAt) : null,
      secondFactorSetUp: account.totpConfirmedAt !== null,
      children: children.map((entry) => ({ ...entry, relationship: entry.relationship === 'young-person' ? 'The young person' : relationshipName(entry.relationship) })),
      schools: schools.map(({ urn, name, role }) => ({ urn, name, role })),
      organisations,
    };
  }

  /** Disables an account: its sessions end at once and no link signs it in again. */
  async disableAccount(actor: Actor, accountId: string): Promise<void> {
    requireRole(actor, ...MANAGER_ROLES);
    if (!z.uuid().safeParse(accountId).success) throw new NotFoundError('No such portal account');
    await this.db.transaction(async (tx) => {
      const account = await portalRepository.lockAccount(tx, actor.authorityId, accountId);
      if (!account) throw new NotFoundError('No such portal account');
      if (account.status === 'disabled') throw new ConflictError('This account is already disabled');
      const now = this.clock.now();
      await portalRepository.updateAccount(tx, actor.authorityId, accountId, { status: 'disabled', disabledAt: now, disabledBy: actor.kind === 'user' ? actor.id : null });
      const sessionsEnded = await portalRepository.endSessionsOfAccount(tx, actor.authorityId, accountId, now);
      await recordAudit(tx, this.clock, actor, { action: 'portal.account-disabled', entityType: 'portal_account', entityId: accountId, details: { sessionsEnded } });
    });
  }

  /**
   * Sets an account's second factor from a known secret, as if set up: for the demo data only
   * (the seed, a system actor), so that the demo's school can sign in with codes made from the
   * secret the README prints. No recovery codes are made.
   */
  async presetSecondFactor(actor: Actor, accountId: string, secret: string): Promise<void> {
    if (actor.kind !== 'system') throw new ForbiddenError('Only the demo data sets up a second factor for someone');
    await this.db.transaction(async (tx) => {
      const account = await portalRepository.lockAccount(tx, actor.authorityId, accountId);
      if (!account || account.kind === 'family') throw new NotFoundError('No such school or professional account');
      await portalRepository.updateAccount(tx, actor.authorityId, accountId, { totpSecret: this.secrets.seal(secret), totpConfirmedAt: this.clock.now(), totpLastStep: null });
      await recordAudit(tx, this.clock, actor, { action: 'portal.second-factor-set-up', entityType: 'portal_account', entityId: accountId, details: { preset: true } });
    });
  }

  // ---- Signing in, by the person ----

  /**
   * Sends a sign-in link to each active account of this e-mail address (one per council). The
   * answer is the same whether or not there is an account, and requests are limited per address
   * typed and per network address, for unknown addresses too, so the answer reveals nothing.
   */
  async requestSignInLink(typedEmail: string, address: string): Promise<LinkRequestResult> {
    const email = normaliseEmail(typedEmail).slice(0, 320);
    const now = this.clock.now();
    const since = new Date(now.getTime() - LINK_REQUEST_LIMITS.windowMinutes * 60_000);
    const emailKey = `portal-link:${email}`;
    const addressKey = `portal-link:${address}`;
    const [forEmail, forAddress] = await Promise.all([countSignInAttemptsForEmail(this.db, emailKey, since), countSignInAttemptsForAddress(this.db, addressKey, since)]);
    const decision = linkRequestDecision({ forEmail, forAddress });
    if (!decision.allowed) return { outcome: 'limited', retryAfterSeconds: decision.retryAfterSeconds };
    await recordSignInAttempt(this.db, { id: uuidv7(), emailKey, address: addressKey, failedAt: now });
    const accounts = isEmailAddress(email) ? await portalRepository.findActiveAccountsByEmail(this.db, email) : [];
    for (const account of accounts) {
      await this.db.transaction(async (tx) => {
        const sender = systemActor(account.authorityId, 'portal-sign-in');
        const url = await this.newLink(tx, account.authorityId, account.id, 'sign-in');
        await queueMessage(tx, this.clock, sender, {
          channel: 'email',
          recipientName: account.name,
          recipientAddress: account.email,
          subject: `Your link to sign in to ${this.options.serviceName}`,
          bodyText: [
            `Hello ${account.name},`,
            `Use this link to sign in to ${this.options.serviceName} for ${this.options.councilName}. It works once, and stops working after 15 minutes:\n${url}`,
            'If you did not ask to sign in, you can ignore this e-mail. Nobody can sign in without the link.',
          ].join('\n\n'),
        });
        await recordAudit(tx, this.clock, sender, { action: 'portal.sign-in-link-sent', entityType: 'portal_account', entityId: account.id });
      });
    }
    return { outcome: 'sent' };
  }

  /** What a link is, without using it: so the page can say so before the person presses Continue. */
  async signInLinkState(token: string): Promise<LinkState | 'unknown'> {
    if (!token || token.length > 100) return 'unknown';
    const link = await portalRepository.findSignInLink(this.db, tokenHash(token));
    if (!link) return 'unknown';
    const account = await portalRepository.findAccount(this.db, link.authorityId, link.accountId);
    if (!account || account.status === 'disabled') return 'unknown';
    const state = linkState({ expiresAt: link.expiresAt.getTime(), used: link.usedAt !== null }, this.clock.now().getTime());
    if (state !== 'usable') await this.auditRefusal(link.authorityId, link.accountId, state);
    return state;
  }

  /**
   * Uses a sign-in link: once, within its time, for an account not disabled. Starts a portal
   * session; for a school or an advice giver the session waits for the second factor.
   */
  async useSignInLink(token: string): Promise<LinkUseResult> {
    if (!token || token.length > 100) return { outcome: 'refused', reason: 'unknown' };
    const now = this.clock.now();
    const result = await this.db.transaction(async (tx): Promise<LinkUseResult | { refusedLink: { authorityId: string; accountId: string; reason: LinkState } }> => {
      const link = await portalRepository.lockSignInLink(tx, tokenHash(token));
      if (!link) return { outcome: 'refused', reason: 'unknown' };
      const account = await portalRepository.lockAccount(tx, link.authorityId, link.accountId);
      if (!account || account.status === 'disabled') return { outcome: 'refused', reason: 'unknown' };
      const state = linkState({ expiresAt: link.expiresAt.getTime(), used: link.usedAt !== null }, now.getTime());
      if (state !== 'usable') return { refusedLink: { authorityId: link.authorityId, accountId: link.accountId, reason: state } };
      await portalRepository.markLinkUsed(tx, link.authorityId, link.id, now);
      const firstSignIn = account.status === 'invited';
      await portalRepository.updateAccount(tx, account.authorityId, account.id, { status: 'active', lastSignedInAt: now, ...(firstSignIn ? { activatedAt: now } : {}) });
      const sessionToken = newToken();
      await portalRepository.insertSession(tx, { tokenHash: tokenHash(sessionToken), authorityId: account.authorityId, accountId: account.id, createdAt: now, lastSeenAt: now });
      const actor = portalActorFor(account, null);
      await recordAudit(tx, this.clock, actor, { action: 'portal.signed-in', entityType: 'portal_account', entityId: account.id, details: { purpose: link.purpose, firstSignIn, secondFactor: actor.secondFactor } });
      const next = actor.secondFactor === 'pending' ? (actor.totpSetUp ? 'second-factor' : 'set-up') : 'home';
      return { outcome: 'signed-in', sessionToken, actor, next };
    });
    if ('refusedLink' in result) {
      const { authorityId, accountId, reason } = result.refusedLink;
      await this.auditRefusal(authorityId, accountId, reason);
      return { outcome: 'refused', reason };
    }
    return result;
  }

  /** A used or expired link tried: someone may be replaying a link, or a person needs a new one. */
  private async auditRefusal(authorityId: string, accountId: string, reason: LinkState): Promise<void> {
    await recordAudit(this.db, this.clock, systemActor(authorityId, 'portal-sign-in'), { action: 'portal.sign-in-refused', entityType: 'portal_account', entityId: accountId, details: { reason } });
  }

  /** The person behind a portal session cookie, ending the session when idle or old. */
  async resolvePortalSession(sessionToken: string): Promise<PortalSessionLookup> {
    if (!sessionToken || sessionToken.length > 100) return { status: 'none' };
    const hashed = tokenHash(sessionToken);
    const found = await portalRepository.findLiveSession(this.db, hashed);
    if (!found) return { status: 'none' };
    const { session, account } = found;
    const now = this.clock.now();
    const idleMs = now.getTime() - session.lastSeenAt.getTime();
    const ageMs = now.getTime() - session.createdAt.getTime();
    const pending = needsSecondFactor(account.kind as PortalKind) && !session.secondFactorAt;
    const tooOld = ageMs > (pending ? this.settings.pendingSecondFactorMinutes * 60_000 : this.settings.sessionMaxHours * 3_600_000);
    if (account.status === 'disabled' || idleMs > this.settings.sessionIdleMinutes * 60_000 || tooOld) {
      await portalRepository.endSession(this.db, session.authorityId, hashed, now);
      return { status: 'expired' };
    }
    if (idleMs > 60_000) await portalRepository.touchSession(this.db, session.authorityId, hashed, now);
    return { status: 'live', actor: portalActorFor(account, session.secondFactorAt) };
  }

  async signOut(actor: PortalActor, sessionToken: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await portalRepository.endSession(tx, actor.authorityId, tokenHash(sessionToken), this.clock.now());
      await recordAudit(tx, this.clock, actor, { action: 'portal.signed-out', entityType: 'portal_account', entityId: actor.accountId });
    });
  }

  // ---- The second factor, for schools and advice givers ----

  private requirePending(actor: PortalActor): void {
    if (actor.kind !== 'portal' || actor.secondFactor === 'not-needed') throw new ForbiddenError('This account has no second factor');
  }

  /**
   * The authenticator app's set-up: a secret kept on trial until the person gives a code from it
   * (the same secret on every visit until then, so a QR code already scanned still works). Once a
   * second factor is set up, it is never shown again.
   */
  async totpSetUp(actor: PortalActor): Promise<{ secret: string; uri: string; qrCode: string }> {
    this.requirePending(actor);
    const secret = await this.db.transaction(async (tx) => {
      const account = await portalRepository.lockAccount(tx, actor.authorityId, actor.accountId);
      if (!account) throw new NotFoundError('No such account');
      if (account.totpConfirmedAt) throw new ConflictError('Your authenticator app is already set up');
      if (account.totpSecret) return this.openSecret(account.totpSecret);
      const fresh = newTotpSecret();
      await portalRepository.updateAccount(tx, actor.authorityId, actor.accountId, { totpSecret: this.secrets.seal(fresh) });
      return fresh;
    });
    const uri = totpUri(secret, `${this.options.serviceName} (${this.options.councilName})`, actor.email);
    return { secret, uri, qrCode: await totpQrCode(uri) };
  }

  /**
   * Confirms the set-up with a code from the app: the second factor is then in use, this session
   * has given it, and ten recovery codes are returned to be shown once (kept only as hashes).
   */
  async confirmTotpSetUp(actor: PortalActor, sessionToken: string, typed: string): Promise<{ recoveryCodes: string[] }> {
    this.requirePending(actor);
    const code = normaliseTotpCode(typed);
    const now = this.clock.now();
    const outcome = await this.db.transaction(async (tx): Promise<{ problem: string } | { recoveryCodes: string[] }> => {
      const account = await portalRepository.lockAccount(tx, actor.authorityId, actor.accountId);
      if (!account) throw new NotFoundError('No such account');
      if (account.totpConfirmedAt) throw new ConflictError('Your authenticator app is already set up');
      if (!account.totpSecret) throw new ConflictError('The set-up page has changed: open it again and scan the new QR code');
      const locked = this.lockProblem(account, now);
      if (locked) return { problem: locked };
      const step = code ? await checkTotp(this.openSecret(account.totpSecret), code, now, null) : undefined;
      if (step === undefined) return { problem: await this.wrongCode(tx, actor, account, now, code ? 'wrong' : 'format') };
      const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await portalRepository.updateAccount(tx, actor.authorityId, actor.accountId, { totpConfirmedAt: now, totpLastStep: step, secondFactorFailures: 0, secondFactorLockedUntil: null });
      await portalRepository.replaceRecoveryCodes(
        tx,
        actor.authorityId,
        actor.accountId,
        recoveryCodes.map((entry) => ({ id: uuidv7(), authorityId: actor.authorityId, accountId: actor.accountId, codeHash: tokenHash(normaliseRecoveryCode(entry)), createdAt: now })),
      );
      await portalRepository.markSecondFactorGiven(tx, actor.authorityId, tokenHash(sessionToken), now);
      await recordAudit(tx, this.clock, actor, { action: 'portal.second-factor-set-up', entityType: 'portal_account', entityId: actor.accountId, details: { recoveryCodes: RECOVERY_CODE_COUNT } });
      return { recoveryCodes };
    });
    if ('problem' in outcome) throw new ValidationError([{ field: 'code', message: outcome.problem }]);
    return outcome;
  }

  /**
   * Checks the second factor: a code from the authenticator app (each accepted once) or one of the
   * recovery codes (each used once). Five wrong codes in a row lock it for 15 minutes; the wrong
   * tries are kept even though the answer is a refusal.
   */
  async giveSecondFactor(actor: PortalActor, sessionToken: string, typed: string): Promise<{ method: 'totp' | 'recovery-code'; recoveryCodesLeft: number }> {
    this.requirePending(actor);
    const now = this.clock.now();
    const totpCode = normaliseTotpCode(typed);
    const outcome = await this.db.transaction(async (tx): Promise<{ problem: string } | { method: 'totp' | 'recovery-code'; recoveryCodesLeft: number }> => {
      const account = await portalRepository.lockAccount(tx, actor.authorityId, actor.accountId);
      if (!account) throw new NotFoundError('No such account');
      if (!account.totpConfirmedAt || !account.totpSecret) throw new ConflictError('Set up your authenticator app first');
      const locked = this.lockProblem(account, now);
      if (locked) return { problem: locked };
      if (!typed.trim()) return { problem: 'Enter the 6-digit code from your authenticator app, or a recovery code' };
      let method: 'totp' | 'recovery-code' | undefined;
      if (totpCode) {
        const step = await checkTotp(this.openSecret(account.totpSecret), totpCode, now, account.totpLastStep);
        if (step !== undefined) {
          method = 'totp';
          // A secret kept in clear from before secrets were sealed is sealed now.
          const resealed = account.totpSecret.includes('.') ? {} : { totpSecret: this.secrets.seal(account.totpSecret) };
          await portalRepository.updateAccount(tx, actor.authorityId, actor.accountId, { totpLastStep: step, ...resealed, ...afterRightCodeColumns() });
        }
      } else if (await portalRepository.useRecoveryCode(tx, actor.authorityId, actor.accountId, tokenHash(normaliseRecoveryCode(typed)), now)) {
        method = 'recovery-code';
        await portalRepository.updateAccount(tx, actor.authorityId, actor.accountId, afterRightCodeColumns());
      }
      if (!method) return { problem: await this.wrongCode(tx, actor, account, now, 'wrong') };
      await portalRepository.markSecondFactorGiven(tx, actor.authorityId, tokenHash(sessionToken), now);
      const recoveryCodesLeft = await portalRepository.unusedRecoveryCodes(tx, actor.authorityId, actor.accountId);
      await recordAudit(tx, this.clock, actor, { action: 'portal.second-factor-given', entityType: 'portal_account', entityId: actor.accountId, details: { method, recoveryCodesLeft } });
      return { method, recoveryCodesLeft };
    });
    if ('problem' in outcome) throw new ValidationError([{ field: 'code', message: outcome.problem }]);
    return outcome;
  }

  private lockProblem(account: PortalAccountRow, now: Date): string | undefined {
    const until = secondFactorLockedUntil(secondFactorStateOf(account), now.getTime());
    if (until === undefined) return undefined;
    const minutes = Math.max(1, Math.ceil((until - now.getTime()) / 60_000));
    return `You entered a wrong code too many times. Wait ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} and try again`;
  }

  /** Counts a wrong code (and locks at the fifth); the problem to show. Committed with the refusal. */
  private async wrongCode(tx: Executor, actor: PortalActor, account: PortalAccountRow, now: Date, kind: 'wrong' | 'format'): Promise<string> {
    const next = afterWrongCode(secondFactorStateOf(account), now.getTime());
    await portalRepository.updateAccount(tx, actor.authorityId, actor.accountId, { secondFactorFailures: next.failures, secondFactorLockedUntil: next.lockedUntil === null ? null : new Date(next.lockedUntil) });
    const lockedNow = secondFactorLockedUntil(next, now.getTime()) !== undefined;
    await recordAudit(tx, this.clock, actor, {
      action: lockedNow ? 'portal.second-factor-locked' : 'portal.second-factor-wrong',
      entityType: 'portal_account',
      entityId: actor.accountId,
      ...(lockedNow ? { details: { minutes: SECOND_FACTOR_LOCK_MINUTES } } : {}),
    });
    if (lockedNow) return `You entered a wrong code too many times. Wait ${SECOND_FACTOR_LOCK_MINUTES} minutes and try again`;
    return kind === 'format' ? 'Enter the 6-digit code from your authenticator app' : 'The code is not right. Check your authenticator app and try again';
  }

  // ---- The portal's landing page ----

  /** Who is signed in and what their account is linked to; each child shown goes to the access log. */
  async home(actor: PortalActor): Promise<PortalHome> {
    requireSignedIn(actor);
    const [children, schools, organisations] = await Promise.all([
      portalRepository.linkedChildren(this.db, actor.authorityId, actor.accountId),
      portalRepository.linkedSchools(this.db, actor.authorityId, actor.accountId),
      portalRepository.linkedOrganisations(this.db, actor.authorityId, actor.accountId),
    ]);
    for (const entry of children) await recordAccess(this.db, this.clock, actor, entry.childId, 'portal:home');
    return {
      name: actor.name,
      email: actor.email,
      portalKind: actor.portalKind,
      children,
      schools: schools.map(({ urn, name, role }) => ({ urn, name, role })),
      organisations,
    };
  }
}

function afterRightCodeColumns() {
  const state = afterRightCode();
  return { secondFactorFailures: state.failures, secondFactorLockedUntil: state.lockedUntil === null ? null : new Date(state.lockedUntil) };
}

function secondFactorStateOf(account: PortalAccountRow): SecondFactorState {
  return { failures: account.secondFactorFailures, lockedUntil: account.secondFactorLockedUntil?.getTime() ?? null };
}

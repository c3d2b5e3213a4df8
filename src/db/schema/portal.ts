import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { child, person } from './casework.ts';
import { staffUser } from './identity.ts';
import { authority, school } from './reference.ts';

/**
 * A person outside the council who signs in to the portal: a parent, carer or young person
 * (family), a member of a school's staff (school) or an advice giver (professional). Made only by
 * a council officer's invitation, never by the person themself. One account per council and
 * e-mail address: a SENCo whose school takes pupils of two councils has an account with each.
 * Ready for GOV.UK One Login: oidc_subject, once known, is the provider's id for the same person,
 * and signing in that way finds this row (ADR 0019).
 */
export const portalAccount = pgTable(
  'portal_account',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    /** Lower-cased; sign-in matches on it. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** family, school or professional */
    kind: text('kind').notNull(),
    /** invited (no sign-in yet), active, or disabled */
    status: text('status').notNull(),
    oidcSubject: text('oidc_subject'),
    /** The officer who invited the person; null for an account the demo data made. */
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    activatedAt: timestamp('activated_at', { withTimezone: true }),
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledBy: uuid('disabled_by'),
    /** The TOTP secret (base32) of a school's or professional's second factor; null until set up. */
    totpSecret: text('totp_secret'),
    /** When the person first proved their authenticator app with a code; until then the secret is on trial. */
    totpConfirmedAt: timestamp('totp_confirmed_at', { withTimezone: true }),
    /** The last TOTP time step accepted, so the same code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    /** Wrong second-factor codes in a row since the last right one or the last lock. */
    secondFactorFailures: integer('second_factor_failures').notNull().default(0),
    secondFactorLockedUntil: timestamp('second_factor_locked_until', { withTimezone: true }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('portal_account_email_idx').on(t.authorityId, t.email),
    uniqueIndex('portal_account_authority_id_idx').on(t.authorityId, t.id),
    uniqueIndex('portal_account_oidc_idx')
      .on(t.authorityId, t.oidcSubject)
      .where(sql`oidc_subject IS NOT NULL`),
    // Sign-in by e-mail cannot know the council first.
    index('portal_account_sign_in_idx').on(t.email),
    foreignKey({ name: 'portal_account_created_by_same_authority_fk', columns: [t.authorityId, t.createdBy], foreignColumns: [staffUser.authorityId, staffUser.id] }),
    foreignKey({ name: 'portal_account_disabled_by_same_authority_fk', columns: [t.authorityId, t.disabledBy], foreignColumns: [staffUser.authorityId, staffUser.id] }),
    check('portal_account_kind_check', sql`${t.kind} IN ('family', 'school', 'professional')`),
    check('portal_account_status_check', sql`${t.status} IN ('invited', 'active', 'disabled')`),
    check('portal_account_disabled_check', sql`(${t.status} = 'disabled') = (${t.disabledAt} IS NOT NULL)`),
    check('portal_account_name_check', sql`length(btrim(${t.name})) between 1 and 200`),
    check('portal_account_email_check', sql`${t.email} = lower(${t.email}) AND length(${t.email}) between 3 and 320`),
  ],
);

/**
 * A family account's child: through the parent's or carer's own person record on the child's
 * record (person_id, with the relationship it had when invited), or the young person themself
 * (person_id null, relationship 'young-person'). Ended, never deleted.
 */
export const portalFamilyLink = pgTable(
  'portal_family_link',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accountId: uuid('account_id').notNull(),
    childId: uuid('child_id')
      .notNull()
      .references(() => child.id),
    personId: uuid('person_id').references(() => person.id),
    relationship: text('relationship').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'portal_family_link_pk', columns: [t.authorityId, t.accountId, t.childId] }),
    foreignKey({ name: 'portal_family_link_account_fk', columns: [t.authorityId, t.accountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
    index('portal_family_link_child_idx').on(t.authorityId, t.childId),
    check('portal_family_link_young_person_check', sql`(${t.personId} IS NULL) = (${t.relationship} = 'young-person')`),
  ],
);

/** A school account's school (by its URN on the national list) and the person's role there. */
export const portalSchoolLink = pgTable(
  'portal_school_link',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accountId: uuid('account_id').notNull(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => school.id),
    /** school-admin (manages the school's staff accounts) or school-staff */
    role: text('role').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'portal_school_link_pk', columns: [t.authorityId, t.accountId, t.schoolId] }),
    foreignKey({ name: 'portal_school_link_account_fk', columns: [t.authorityId, t.accountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
    index('portal_school_link_school_idx').on(t.schoolId, t.authorityId),
    check('portal_school_link_role_check', sql`${t.role} IN ('school-admin', 'school-staff')`),
  ],
);

/** An advice giver's organisation and the kind of advice they give (SEND Regs 2014 reg. 6(1)). */
export const portalProfessionalLink = pgTable(
  'portal_professional_link',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accountId: uuid('account_id').notNull(),
    organisation: text('organisation').notNull(),
    /** The kind of advice, as a request for advice names it: psychological, medical, social-care, educational, other. */
    adviceKind: text('advice_kind').notNull(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'portal_professional_link_pk', columns: [t.authorityId, t.accountId, t.adviceKind] }),
    foreignKey({ name: 'portal_professional_link_account_fk', columns: [t.authorityId, t.accountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
    check('portal_professional_link_kind_check', sql`${t.adviceKind} IN ('educational', 'medical', 'psychological', 'social-care', 'other')`),
    check('portal_professional_link_organisation_check', sql`length(btrim(${t.organisation})) between 1 and 200`),
  ],
);

/**
 * A one-time sign-in link: an invitation's (valid 7 days) or one asked for at sign-in (valid 15
 * minutes). Only the SHA-256 of its random token is kept; used once, then never again.
 */
export const portalSignInLink = pgTable(
  'portal_sign_in_link',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accountId: uuid('account_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** invitation or sign-in */
    purpose: text('purpose').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('portal_sign_in_link_token_idx').on(t.tokenHash),
    index('portal_sign_in_link_account_idx').on(t.authorityId, t.accountId, t.createdAt),
    foreignKey({ name: 'portal_sign_in_link_account_fk', columns: [t.authorityId, t.accountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
    check('portal_sign_in_link_purpose_check', sql`${t.purpose} IN ('invitation', 'sign-in')`),
  ],
);

/**
 * A portal session, apart from staff sessions: its own cookie and its own table. For an account
 * with a second factor, second_factor_at stays null until the code is given, and until then the
 * session reaches only the second-factor pages.
 */
export const portalSession = pgTable(
  'portal_session',
  {
    /** SHA-256 of the cookie's random token. */
    tokenHash: text('token_hash').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accountId: uuid('account_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('portal_session_account_idx').on(t.authorityId, t.accountId),
    foreignKey({ name: 'portal_session_account_fk', columns: [t.authorityId, t.accountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
  ],
);

/** The ten recovery codes of a second factor, shown once, kept as SHA-256 hashes, each used once. */
export const portalRecoveryCode = pgTable(
  'portal_recovery_code',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accountId: uuid('account_id').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('portal_recovery_code_account_idx').on(t.authorityId, t.accountId),
    foreignKey({ name: 'portal_recovery_code_account_fk', columns: [t.authorityId, t.accountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
  ],
);

/**
 * A message to a portal account about a case event (a draft plan ready, a request for advice) or a
 * school consultation:
 * what happened, what to do and by when, and the page to see it on. Kept in the portal's inbox,
 * read or not; e-mailed through the outbox (its message) unless the person keeps messages only in
 * the portal, and a legal notice is e-mailed whatever they chose. One per event and account.
 */
export const portalMessage = pgTable(
  'portal_message',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accountId: uuid('account_id').notNull(),
    childId: uuid('child_id').references(() => child.id),
    /** What the message is about: the case event, or the school consultation (not a case event). */
    sourceId: uuid('source_id').notNull(),
    eventType: text('event_type').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    /** The portal page to see it on, a path of this service. */
    link: text('link').notNull(),
    actBy: date('act_by', { mode: 'string' }),
    legalNotice: boolean('legal_notice').notNull(),
    /** The outbox's e-mail of it; null when kept only in the portal. */
    outboxMessageId: uuid('outbox_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('portal_message_once_idx').on(t.authorityId, t.sourceId, t.accountId),
    index('portal_message_account_idx').on(t.authorityId, t.accountId, t.createdAt),
    index('portal_message_child_idx').on(t.authorityId, t.childId, t.createdAt),
    foreignKey({ name: 'portal_message_account_same_authority_fk', columns: [t.authorityId, t.accountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
  ],
);

/** How a person wants their portal messages: e-mailed each time (the default), or kept only in the portal. */
export const portalMessagePreference = pgTable(
  'portal_message_preference',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    accountId: uuid('account_id').notNull(),
    emailEach: boolean('email_each').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.authorityId, t.accountId] }),
    foreignKey({ name: 'portal_message_preference_account_same_authority_fk', columns: [t.authorityId, t.accountId], foreignColumns: [portalAccount.authorityId, portalAccount.id] }),
  ],
);

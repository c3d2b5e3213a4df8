import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid, type PgTableExtraConfigValue } from 'drizzle-orm/pg-core';
import { authority } from './reference.ts';

/**
 * Staff who sign in. A person may also sign in through the council's identity provider (OpenID
 * Connect: Microsoft Entra ID): oidc_subject is then the provider's id for them (the ID token's
 * `sub`), written at their first such sign-in, matched by e-mail address, and matched on alone
 * afterwards. auth_provider 'oidc' marks an account with no password here, that signs in only so.
 */
export const staffUser = pgTable(
  'staff_user',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    /** Lower-cased; sign-in matches on it. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    authProvider: text('auth_provider').notNull().default('password'),
    /** The configured provider's `sub` for this person, once they have signed in through it. */
    oidcSubject: text('oidc_subject'),
    passwordHash: text('password_hash'),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    /** When the person last signed in with their password; null if never. */
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
    /** Full-time equivalent, 0.1 to 1.0: the share of the council's caseload cap this person holds. */
    fte: numeric('fte', { precision: 2, scale: 1, mode: 'number' }).notNull().default(1),
    /** The last working day of someone leaving the service: their cases are handed over before it, and none are given to them. */
    leavingOn: date('leaving_on', { mode: 'string' }),
    /** The team the person works in (one at most); null: no team yet. */
    teamId: uuid('team_id'),
    /**
     * The day the person joined the service, YYYY-MM-DD: their experience, which the hand-over's
     * suggestion weighs. Today (in England) unless an administrator records an earlier day.
     */
    startedOn: date('started_on', { mode: 'string' })
      .notNull()
      .default(sql`((now() AT TIME ZONE 'Europe/London')::date)`),
    /**
     * The second factor's TOTP secret (RFC 6238), sealed with AES-256-GCM under a key derived from
     * SESSION_SECRET: kept on trial until confirmed with a code, then in use. Null: none yet.
     */
    totpSecret: text('totp_secret'),
    totpConfirmedAt: timestamp('totp_confirmed_at', { withTimezone: true }),
    /** The time step of the last code accepted: a code is accepted once, never again. */
    totpLastStep: integer('totp_last_step'),
    /**
     * Signs in with a password alone: set only by the demo's seeding for its printed accounts, and
     * honoured only on the embedded database outside production.
     */
    secondFactorExempt: boolean('second_factor_exempt').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  // Typed, as it names the team table, which names this one: TypeScript cannot infer a cycle.
  (t): PgTableExtraConfigValue[] => [
    uniqueIndex('staff_user_email_idx').on(t.email),
    // What a composite foreign key from a case (authority, officer) needs: a case's officer is
    // always one of its own council's staff.
    uniqueIndex('staff_user_authority_id_idx').on(t.authorityId, t.id),
    index('staff_user_authority_idx').on(t.authorityId, t.role),
    // One account per person at the provider, whichever council: sign-in looks it up before the council is known.
    uniqueIndex('staff_user_oidc_subject_idx')
      .on(t.oidcSubject)
      .where(sql`oidc_subject IS NOT NULL`),
    check('staff_user_fte_check', sql`${t.fte} >= 0.1 AND ${t.fte} <= 1`),
    // A person's team is always one of their own council's.
    foreignKey({ name: 'staff_user_team_same_authority_fk', columns: [t.authorityId, t.teamId], foreignColumns: [team.authorityId, team.id] }),
    index('staff_user_team_idx').on(t.authorityId, t.teamId),
  ],
);

/**
 * A team of the SEND service (by area or by age phase, as the council organises it), with its
 * manager: a team manager or service lead of the same council (the composite foreign key holds
 * the council; the service holds the role). Names are unique within a council, whatever their case.
 */
export const team = pgTable(
  'team',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    name: text('name').notNull(),
    managerId: uuid('manager_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('team_authority_id_idx').on(t.authorityId, t.id),
    uniqueIndex('team_name_idx').on(t.authorityId, sql`lower(${t.name})`),
    index('team_manager_idx').on(t.authorityId, t.managerId),
    foreignKey({ name: 'team_manager_same_authority_fk', columns: [t.authorityId, t.managerId], foreignColumns: [staffUser.authorityId, staffUser.id] }),
    check('team_name_check', sql`length(btrim(${t.name})) between 1 and 100`),
  ],
);

/**
 * An officer away (leave, sickness, training) and the colleague who covers their cases from one
 * date to another, both days included (dates in England). The cases stay the officer's: the cover
 * sees them in their worklist and their deadlines route to them while the period runs. Periods of
 * one officer never overlap (the service refuses, under a lock on the officer's row).
 */
export const coverPeriod = pgTable(
  'cover_period',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    officerId: uuid('officer_id').notNull(),
    coverOfficerId: uuid('cover_officer_id').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    /** Who recorded it: a member of staff's id, or the system's name (the demo data, an import). */
    recordedBy: text('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    foreignKey({ name: 'cover_period_officer_same_authority_fk', columns: [t.authorityId, t.officerId], foreignColumns: [staffUser.authorityId, staffUser.id] }),
    foreignKey({ name: 'cover_period_cover_same_authority_fk', columns: [t.authorityId, t.coverOfficerId], foreignColumns: [staffUser.authorityId, staffUser.id] }),
    // The worklist asks "whom am I covering today?": the cover's periods, by end date.
    index('cover_period_cover_idx').on(t.authorityId, t.coverOfficerId, t.endsOn),
    index('cover_period_officer_idx').on(t.authorityId, t.officerId, t.startsOn),
    check('cover_period_dates_check', sql`${t.endsOn} >= ${t.startsOn}`),
    check('cover_period_not_self_check', sql`${t.coverOfficerId} <> ${t.officerId}`),
    check('cover_period_reason_check', sql`length(btrim(${t.reason})) between 1 and 500`),
  ],
);

/** Sessions live in the database so every instance behind a load balancer shares them. */
export const staffSession = pgTable(
  'staff_session',
  {
    /** SHA-256 of the cookie's random token: a stolen database does not give working cookies. */
    tokenHash: text('token_hash').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /**
     * When the second factor was given (or not needed) in this session. Null: half signed in, the
     * password right but the code still owed; such a session reaches only the second-factor pages.
     */
    secondFactorAt: timestamp('second_factor_at', { withTimezone: true }),
  },
  (t) => [index('staff_session_user_idx').on(t.authorityId, t.userId)],
);

/** A staff member's recovery codes: shown once at enrolment, kept as argon2id hashes, each used once. */
export const staffRecoveryCode = pgTable(
  'staff_recovery_code',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    userId: uuid('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    index('staff_recovery_code_user_idx').on(t.authorityId, t.userId),
    foreignKey({ name: 'staff_recovery_code_user_fk', columns: [t.authorityId, t.userId], foreignColumns: [staffUser.authorityId, staffUser.id] }),
  ],
);

/**
 * Failed sign-ins, for the per-account and per-address limits. Keyed by the e-mail typed (not the
 * user), so an address with no account is limited the same way and the answer reveals nothing.
 */
export const signInFailure = pgTable(
  'sign_in_failure',
  {
    id: uuid('id').primaryKey(),
    emailKey: text('email_key').notNull(),
    address: text('address').notNull(),
    failedAt: timestamp('failed_at', { withTimezone: true }).notNull(),
    /** Why, when the attempt came through the identity provider (state-mismatch, unknown-person...); null for a wrong password. */
    reason: text('reason'),
  },
  (t) => [index('sign_in_failure_email_idx').on(t.emailKey, t.failedAt), index('sign_in_failure_address_idx').on(t.address, t.failedAt)],
);

/** API tokens: issued to a staff user, shown once, stored as a SHA-256 hash. */
export const apiToken = pgTable(
  'api_token',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => staffUser.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters, so a person can tell their tokens apart without the secret. */
    prefix: text('prefix').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_token_hash_idx').on(t.tokenHash), index('api_token_user_idx').on(t.authorityId, t.userId)],
);

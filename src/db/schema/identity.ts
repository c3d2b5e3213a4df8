import { sql } from 'drizzle-orm';
import { check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { authority } from './reference.ts';

/**
 * Staff who sign in. Ready for single sign-on: a person signing in through Microsoft Entra ID
 * keeps this row, with auth_provider 'oidc' and external_subject the provider's id for them.
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
    externalSubject: text('external_subject'),
    passwordHash: text('password_hash'),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    /** When the person last signed in with their password; null if never. */
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
    /** Full-time equivalent, 0.1 to 1.0: the share of the council's caseload cap this person holds. */
    fte: numeric('fte', { precision: 2, scale: 1, mode: 'number' }).notNull().default(1),
    /** The last working day of someone leaving the service: their cases are handed over before it, and none are given to them. */
    leavingOn: date('leaving_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('staff_user_email_idx').on(t.email),
    // What a composite foreign key from a case (authority, officer) needs: a case's officer is
    // always one of its own council's staff.
    uniqueIndex('staff_user_authority_id_idx').on(t.authorityId, t.id),
    index('staff_user_authority_idx').on(t.authorityId, t.role),
    uniqueIndex('staff_user_external_idx')
      .on(t.authProvider, t.externalSubject)
      .where(sql`external_subject IS NOT NULL`),
    check('staff_user_fte_check', sql`${t.fte} >= 0.1 AND ${t.fte} <= 1`),
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
  },
  (t) => [index('staff_session_user_idx').on(t.authorityId, t.userId)],
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

import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * The local authority: the tenant. Its id never changes; its codes do (reorganisations retire and
 * create LA codes, e.g. 940/941 and 942/943), so codes live in authority_code with validity dates.
 */
export const authority = pgTable('authority', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  region: text('region'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const authorityCode = pgTable(
  'authority_code',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    /** The DfE three-digit LA number used in SEN2 and case references, e.g. 330. */
    laCode: text('la_code').notNull(),
    /** The ONS (GSS) code, e.g. E08000025. */
    gssCode: text('gss_code'),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }),
  },
  (t) => [
    uniqueIndex('authority_code_pk').on(t.authorityId, t.laCode, t.validFrom),
    index('authority_code_la_code_idx').on(t.laCode),
  ],
);

/** National reference: schools and settings as Get Information About Schools lists them. */
export const school = pgTable(
  'school',
  {
    id: uuid('id').primaryKey(),
    urn: integer('urn').notNull(),
    ukprn: integer('ukprn'),
    name: text('name').notNull(),
    phase: text('phase').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    laCode: text('la_code'),
    postcode: text('postcode'),
  },
  (t) => [uniqueIndex('school_urn_idx').on(t.urn), index('school_la_code_idx').on(t.laCode)],
);

/** National reference: England and Wales bank holidays, importable by an admin. */
export const bankHoliday = pgTable(
  'bank_holiday',
  {
    division: text('division').notNull().default('england-and-wales'),
    date: date('date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [uniqueIndex('bank_holiday_pk').on(t.division, t.date)],
);

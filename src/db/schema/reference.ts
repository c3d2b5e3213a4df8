import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';

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
    street: text('street'),
    locality: text('locality'),
    address3: text('address3'),
    town: text('town'),
    county: text('county'),
    openDate: date('open_date', { mode: 'string' }),
    /** Set when GIAS closes the school; a closed school is kept, never deleted. */
    closeDate: date('close_date', { mode: 'string' }),
    /** The import of the register that last created or changed this school (none for the shipped sample). */
    importRunId: uuid('import_run_id').references((): AnyPgColumn => schoolImportRun.id),
  },
  (t) => [uniqueIndex('school_urn_idx').on(t.urn), index('school_la_code_idx').on(t.laCode)],
);

/** One import of the GIAS establishment extract: when, from which file, by whom, and what it did. */
export const schoolImportRun = pgTable('school_import_run', {
  id: uuid('id').primaryKey(),
  fileName: text('file_name').notNull(),
  /** Who or what ran it, e.g. "command line (user alice)". */
  ranBy: text('ran_by').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** running, finished, or failed (a file that could not be read, or an error part way). */
  status: text('status').notNull(),
  /** The encoding the file was read in: UTF-8 or Windows-1252. */
  encoding: text('encoding'),
  created: integer('created').notNull().default(0),
  updated: integer('updated').notNull().default(0),
  renamed: integer('renamed').notNull().default(0),
  closed: integer('closed').notNull().default(0),
  unchanged: integer('unchanged').notNull().default(0),
  refused: integer('refused').notNull().default(0),
  /** The refused rows (line, field, value, why), the first thousand. */
  refusals: jsonb('refusals').notNull().default([]),
  failure: text('failure'),
});

/** A school's change of name as the register showed it: the name it had, the name it took, the date seen. */
export const schoolNameChange = pgTable(
  'school_name_change',
  {
    id: uuid('id').primaryKey(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => school.id),
    fromName: text('from_name').notNull(),
    toName: text('to_name').notNull(),
    seenOn: date('seen_on', { mode: 'string' }).notNull(),
    importRunId: uuid('import_run_id')
      .notNull()
      .references(() => schoolImportRun.id),
  },
  (t) => [index('school_name_change_school_idx').on(t.schoolId, t.seenOn)],
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

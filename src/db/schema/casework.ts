import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { staffUser } from './identity.ts';
import { authority, school } from './reference.ts';

/**
 * A child or young person known to the SEND service. UPN and ULN are attributes, never keys:
 * children without a UPN exist. Names are also kept as normalised search keys (computed in
 * TypeScript) so search behaves the same whatever the database's collation.
 */
export const child = pgTable(
  'child',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    forename: text('forename').notNull(),
    surname: text('surname').notNull(),
    preferredName: text('preferred_name'),
    formerNames: text('former_names').array().notNull().default(sql`'{}'::text[]`),
    dateOfBirth: date('date_of_birth', { mode: 'string' }).notNull(),
    /** SEN2 sex: M, F, or U where not known. */
    sex: text('sex').notNull(),
    /** DfE ethnicity code, e.g. WBRI; NOBT where not obtained. */
    ethnicity: text('ethnicity'),
    postcode: text('postcode'),
    upn: text('upn'),
    uln: text('uln'),
    /** SEN2 UPNunknown, UN1 to UN10: why a child with no UPN has none. Never beside a UPN. */
    upnUnknown: text('upn_unknown'),
    schoolId: uuid('school_id').references(() => school.id),
    /** Adoption, safeguarding: limits who finds the child in search and what letters and portals show. */
    sensitive: boolean('sensitive').notNull().default(false),
    /** All names, normalised and space-separated, for trigram search. */
    searchNames: text('search_names').notNull(),
    surnameKey: text('surname_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // On PostgreSQL one GIN index holds the authority beside the names' trigrams (btree_gin), so
    // a search reads only its own council's entries. PGlite keeps a trigram-only index
    // (child_search_names_trgm_idx) instead: see migration 0005 for why.
    index('child_authority_search_names_idx').using('gin', t.authorityId, sql`${t.searchNames} gin_trgm_ops`),
    index('child_surname_idx').on(t.authorityId, t.surnameKey),
    index('child_birth_date_idx').on(t.authorityId, t.dateOfBirth),
    // A UPN is one child's (DfE CBDS): a second record with the same UPN in an authority is
    // refused here as well as by the service, so no race between two officers can make one.
    uniqueIndex('child_authority_upn_idx')
      .on(t.authorityId, t.upn)
      .where(sql`upn IS NOT NULL`),
    check('child_upn_unknown_check', sql`${t.upnUnknown} IN ('UN1', 'UN2', 'UN3', 'UN4', 'UN5', 'UN6', 'UN7', 'UN8', 'UN9', 'UN10')`),
    check('child_upn_or_unknown_check', sql`${t.upn} IS NULL OR ${t.upnUnknown} IS NULL`),
  ],
);

/** Parents, carers and others linked to a child. */
export const person = pgTable(
  'person',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    forename: text('forename').notNull(),
    surname: text('surname').notNull(),
    email: text('email'),
    phone: text('phone'),
    address: text('address'),
    postcode: text('postcode'),
    /** The address is never shown, printed or sent to anyone but the SEND team. */
    doNotDiscloseAddress: boolean('do_not_disclose_address').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('person_authority_idx').on(t.authorityId, t.surname)],
);

export const childPerson = pgTable(
  'child_person',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => child.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    /** mother, father, carer, foster-carer, grandparent, social-worker, other */
    relationship: text('relationship').notNull(),
    parentalResponsibility: boolean('parental_responsibility').notNull(),
    mainContact: boolean('main_contact').notNull().default(false),
    /** When the person stopped being linked to the child: the link is kept, never deleted, and shown nowhere. */
    unlinkedAt: timestamp('unlinked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('child_person_pk').on(t.authorityId, t.childId, t.personId)],
);

/**
 * A child's EHC case: from the request for an assessment to the plan ceasing. One open case per
 * child per authority. Always either an accountable officer or the date it joined the
 * unallocated queue. next_deadline_* repeat the earliest open deadline so the worklist is one
 * index scan.
 */
export const ehcCase = pgTable(
  'ehc_case',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => child.id),
    reference: text('reference').notNull(),
    stage: text('stage').notNull(),
    officerId: uuid('officer_id').references(() => staffUser.id),
    unallocatedSince: date('unallocated_since', { mode: 'string' }),
    openedOn: date('opened_on', { mode: 'string' }).notNull(),
    closedOn: date('closed_on', { mode: 'string' }),
    nextDeadlineOn: date('next_deadline_on', { mode: 'string' }),
    nextDeadlineTitle: text('next_deadline_title'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('ehc_case_reference_idx').on(t.authorityId, t.reference),
    uniqueIndex('ehc_case_one_open_per_child_idx')
      .on(t.authorityId, t.childId)
      .where(sql`closed_on IS NULL`),
    // In the worklist's own order (next deadline, then reference), so a page of 50 reads 50 rows
    // and joins 50 children, however many cases the officer holds.
    index('ehc_case_worklist_idx')
      .on(t.authorityId, t.officerId, t.nextDeadlineOn, t.reference)
      .where(sql`closed_on IS NULL`),
    index('ehc_case_unallocated_idx')
      .on(t.authorityId, t.unallocatedSince)
      .where(sql`closed_on IS NULL AND officer_id IS NULL`),
    index('ehc_case_child_idx').on(t.authorityId, t.childId),
    check('ehc_case_accountable', sql`closed_on IS NOT NULL OR officer_id IS NOT NULL OR unallocated_since IS NOT NULL`),
    // The officer is one of the case's own council's staff, whatever path wrote the row.
    foreignKey({ name: 'ehc_case_officer_same_authority_fk', columns: [t.authorityId, t.officerId], foreignColumns: [staffUser.authorityId, staffUser.id] }),
  ],
);

/**
 * How many open cases each officer holds, kept by triggers on ehc_case (migration 0007) in the
 * same transaction as the change, so it always agrees with the cases. My cases shows it on every
 * page; counting an officer's open cases instead read every one of them, and officers in trouble
 * hold 500 or more.
 */
export const officerCaseload = pgTable(
  'officer_caseload',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => staffUser.id),
    openCases: integer('open_cases').notNull(),
  },
  // No CHECK (open_cases >= 0): an upsert checks the row it proposes, which for a case moved
  // away is the change (-1), before it finds the officer's row to add it to.
  (t) => [uniqueIndex('officer_caseload_pk').on(t.authorityId, t.officerId)],
);

/** The case's history, append-only: a correction is a new event naming the one it corrects. */
export const caseEvent = pgTable(
  'case_event',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    type: text('type').notNull(),
    /** The date it happened in law (the request was received, the notice was sent). */
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    actorKind: text('actor_kind').notNull(),
    actorId: text('actor_id').notNull(),
    reason: text('reason'),
    correctsEventId: uuid('corrects_event_id'),
    /** Ids, codes and field names only: no names or addresses. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index('case_event_case_idx').on(t.authorityId, t.caseId, t.occurredOn),
    // The service's measures read one kind of event over a period of months (decisions, plans issued).
    index('case_event_type_idx').on(t.authorityId, t.type, t.occurredOn),
    // Whether an event still stands: the correction naming it, if any.
    index('case_event_corrects_idx')
      .on(t.authorityId, t.correctsEventId)
      .where(sql`corrects_event_id IS NOT NULL`),
  ],
);

/** A request for an EHC needs assessment (SEN2 Requests). */
export const assessmentRequest = pgTable(
  'assessment_request',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    childId: uuid('child_id')
      .notNull()
      .references(() => child.id),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** SEN2 RequestSource: 1 parent or young person, 2 school or setting, 3 health, 4 social care, 5 other. */
    source: smallint('source').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('assessment_request_case_idx').on(t.authorityId, t.caseId), index('assessment_request_received_idx').on(t.authorityId, t.receivedOn)],
);

/**
 * Statutory deadlines derived from events by the domain module: a cache written in the same
 * transaction as the event that changes it, rebuilt by a command, never edited by hand.
 */
export const caseDeadline = pgTable(
  'case_deadline',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    deadlineId: text('deadline_id').notNull(),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    basis: text('basis').notNull(),
    metOn: date('met_on', { mode: 'string' }),
    /** 'authority': the council's duty; 'family': a window the council must leave open. */
    duty: text('duty').notNull().default('authority'),
  },
  (t) => [
    uniqueIndex('case_deadline_pk').on(t.authorityId, t.caseId, t.deadlineId),
    index('case_deadline_due_idx').on(t.authorityId, t.dueOn),
    // The team view reads only the council's open duties (most rows are met), in its own order:
    // due date, then case and deadline, so a page stops after its 100 rows.
    index('case_deadline_open_duty_idx')
      .on(t.authorityId, t.dueOn, t.caseId, t.deadlineId)
      .where(sql`met_on IS NULL AND duty = 'authority'`),
    // The reviews pages read only the plans' next review (one row per maintained plan), by due day.
    index('case_deadline_review_due_idx')
      .on(t.authorityId, t.dueOn, t.caseId)
      .where(sql`deadline_id = 'review-due' AND met_on IS NULL`),
  ],
);

/** The next number of each year's case references, per authority: 999-EHC-2026-00123. */
export const caseReferenceCounter = pgTable(
  'case_reference_counter',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    year: integer('year').notNull(),
    lastNumber: integer('last_number').notNull(),
  },
  (t) => [uniqueIndex('case_reference_counter_pk').on(t.authorityId, t.year)],
);

/** API writes' Idempotency-Key: a retry gets the first answer instead of a second request. */
export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    /** Whose key it is: the user behind the token. A key never replays another user's answer. */
    ownerId: text('owner_id').notNull().default(''),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status').notNull(),
    responseBody: jsonb('response_body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('idempotency_key_owner_key').on(t.authorityId, t.ownerId, t.key)],
);

/**
 * An exception to a statutory time limit (SEND Regs 5(4), 10(4), 13(3), 27(3)): recorded with its
 * reason and evidence. It never moves a date; it takes the case out of the "within 20 weeks
 * excluding exceptions" measure (SEN2 Week20).
 */
export const caseException = pgTable(
  'case_exception',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    /** school-closure, early-years-closure, exceptional-personal-circumstances, absent-from-area */
    reason: text('reason').notNull(),
    /** What shows the exception applied: held as text for the tribunal and the return, not shown to other cases. */
    evidence: text('evidence').notNull(),
    /** The day the circumstance began. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: text('recorded_by').notNull(),
    /** The correction (a case event) that withdrew it as recorded in error; it then counts for nothing. */
    withdrawnByEventId: uuid('withdrawn_by_event_id'),
  },
  (t) => [index('case_exception_case_idx').on(t.authorityId, t.caseId)],
);

/**
 * A document attached to a case: a letter, a report, a parent's evidence. The bytes live in the
 * file store (a folder under DATA_DIR by default), never here; the row says what they are (the
 * media type sniffed from the content, the size, the SHA-256), what the malware scan said, and who
 * added them and when. An infected file is refused and has no row.
 */
export const document = pgTable(
  'document',
  {
    id: uuid('id').primaryKey(),
    authorityId: uuid('authority_id')
      .notNull()
      .references(() => authority.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => ehcCase.id),
    /** What the officer called it: "Educational psychologist’s advice". */
    title: text('title').notNull(),
    /** The name the file came with, made safe (no path, no control characters). */
    filename: text('filename').notNull(),
    /** Sniffed from the content, never taken from the name or the browser. */
    mediaType: text('media_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** Lower-case hex SHA-256 of the bytes. */
    sha256: text('sha256').notNull(),
    /** Where the file store keeps the bytes. */
    storageKey: text('storage_key').notNull(),
    /** clean, or not-scanned where no scanner is configured. */
    scanVerdict: text('scan_verdict').notNull(),
    scanEngine: text('scan_engine').notNull(),
    uploadedBy: text('uploaded_by').notNull(),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    /** 'upload', added by someone; 'letter', the PDF of a letter the service made and sent. */
    kind: text('kind').notNull().default('upload'),
    /** It shows an address that must not be disclosed (a letter to a family in a refuge): the SEND team's only. */
    addressWithheld: boolean('address_withheld').notNull().default(false),
    /**
     * Who sent it, when it came from outside the council through the portal: the school or
     * organisation and the person, as they were named the day it arrived ("Oakfield Primary School
     * (Helen Price)"). Null for what the council's own staff added or the service made.
     */
    sentBy: text('sent_by'),
  },
  (t) => [
    index('document_case_idx').on(t.authorityId, t.caseId, t.uploadedAt),
    check('document_scan_verdict_check', sql`${t.scanVerdict} in ('clean', 'not-scanned')`),
    check('document_kind_check', sql`${t.kind} in ('upload', 'letter')`),
    check('document_sha256_check', sql`${t.sha256} ~ '^[0-9a-f]{64}$'`),
    check('document_size_check', sql`${t.sizeBytes} > 0`),
    check('document_sent_by_check', sql`${t.sentBy} IS NULL OR length(${t.sentBy}) between 1 and 300`),
  ],
);

import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { type Database, type Executor } from '../../db/database.ts';
import { planEachTime, preparedRead, readRows, type PreparedRead } from '../../db/prepared.ts';
import type { AccessRow } from '../audit/repository.ts';
import {
  assessmentRequest,
  authority,
  caseDeadline,
  caseEvent,
  caseException,
  caseReferenceCounter,
  child,
  childPerson,
  ehcCase,
  idempotencyKey,
  person,
} from '../../db/schema/index.ts';

export type ChildRow = typeof child.$inferSelect;
export type CaseRow = typeof ehcCase.$inferSelect;
export type CaseEventRow = typeof caseEvent.$inferSelect;
export type CaseDeadlineRow = typeof caseDeadline.$inferSelect;

export async function insertChild(executor: Executor, row: typeof child.$inferInsert): Promise<void> {
  await executor.insert(child).values(row);
}

export async function findChild(executor: Executor, authorityId: string, childId: string): Promise<ChildRow | undefined> {
  const rows = await executor
    .select()
    .from(child)
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return rows[0];
}

/** Saves only if nobody saved since `version` was read; false means someone did. */
export async function updateChild(
  executor: Executor,
  authorityId: string,
  childId: string,
  version: number,
  changes: Partial<Omit<typeof child.$inferInsert, 'id' | 'authorityId' | 'version'>>,
): Promise<boolean> {
  const rows = await executor
    .update(child)
    .set({ ...changes, version: sql`${child.version} + 1` })
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId), eq(child.version, version)))
    .returning({ id: child.id });
  return rows.length === 1;
}

export async function findOpenCaseForChild(executor: Executor, authorityId: string, childId: string): Promise<CaseRow | undefined> {
  const rows = await executor
    .select()
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.childId, childId), isNull(ehcCase.closedOn)))
    .limit(1);
  return rows[0];
}

/** The next case number of the year for the authority; the row lock serialises concurrent requests. */
export async function takeCaseNumber(executor: Executor, authorityId: string, year: number): Promise<number> {
  const [row] = await executor
    .insert(caseReferenceCounter)
    .values({ authorityId, year, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [caseReferenceCounter.authorityId, caseReferenceCounter.year],
      set: { lastNumber: sql`${caseReferenceCounter.lastNumber} + 1` },
    })
    .returning({ lastNumber: caseReferenceCounter.lastNumber });
  return row!.lastNumber;
}

export async function insertCase(executor: Executor, row: typeof ehcCase.$inferInsert): Promise<void> {
  await executor.insert(ehcCase).values(row);
}

export async function insertEvent(executor: Executor, row: typeof caseEvent.$inferInsert): Promise<void> {
  await executor.insert(caseEvent).values(row);
}

export async function insertAssessmentRequest(executor: Executor, row: typeof assessmentRequest.$inferInsert): Promise<void> {
  await executor.insert(assessmentRequest).values(row);
}

/** Replaces a case's derived deadlines and repeats the earliest open one on the case. */
export async function replaceDeadlines(executor: Executor, authorityId: string, caseId: string, deadlines: Omit<CaseDeadlineRow, 'authorityId' | 'caseId'>[]): Promise<void> {
  await executor.delete(caseDeadline).where(and(eq(caseDeadline.authorityId, authorityId), eq(caseDeadline.caseId, caseId)));
  if (deadlines.length > 0) {
    await executor.insert(caseDeadline).values(deadlines.map((deadline) => ({ ...deadline, authorityId, caseId })));
  }
  const next = deadlines.filter((deadline) => !deadline.metOn && deadline.duty === 'authority').sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0))[0];
  await executor
    .update(ehcCase)
    .set({ nextDeadlineOn: next?.dueOn ?? null, nextDeadlineTitle: next?.title ?? null })
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
}

export interface WorklistRow {
  caseId: string;
  reference: string;
  stage: string;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  nextDeadlineOn: string | null;
  nextDeadlineTitle: string | null;
}

/**
 * A page of an officer's open cases, next statutory deadline first (one index range scan), and
 * how many open cases they hold, in one statement: one round trip. The count is the officer's
 * row in officer_caseload, kept by triggers, not a count of their cases: counting read every
 * open case they hold, 40% of the statement's time for an officer with 441. It is joined to the
 * page, so a page past the end still comes back as one row carrying the count (its case fields
 * null). Plain rows, not a JSON array built by the database: building 50 JSON objects cost
 * PostgreSQL about 0.45 ms a page, three times the page's own reads (BENCHMARKS.md).
 */
const worklistPage = preparedRead<WorklistRow & { total: number }>(
  'worklist_page_rows',
  `SELECT open_cases."total", page.*
     FROM (SELECT coalesce((SELECT held."open_cases" FROM "officer_caseload" held WHERE held."authority_id" = $1 AND held."officer_id" = $2), 0) AS "total") open_cases
     LEFT JOIN LATERAL (
           SELECT c."id" AS "caseId", c."reference", c."stage", c."child_id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName",
                  ch."date_of_birth" AS "dateOfBirth", c."next_deadline_on" AS "nextDeadlineOn", c."next_deadline_title" AS "nextDeadlineTitle"
             FROM "ehc_case" c
             JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
            WHERE c."authority_id" = $1 AND c."officer_id" = $2 AND c."closed_on" IS NULL
            ORDER BY c."next_deadline_on" ASC NULLS LAST, c."reference" ASC
            LIMIT $3 OFFSET $4) page ON true`,
);

export async function listWorklist(db: Database, authorityId: string, officerId: string, limit: number, offset: number): Promise<{ rows: WorklistRow[]; total: number }> {
  const page = await readRows(db, worklistPage, [authorityId, officerId, limit, offset]);
  // An empty page is the count's row alone, its case fields null.
  return { rows: page[0]!.caseId === null ? [] : page, total: page[0]!.total };
}

export interface SearchRow {
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  upn: string | null;
  postcode: string | null;
  sensitive: boolean;
  caseId: string | null;
  reference: string | null;
  stage: string | null;
  officerId: string | null;
}

// The search's columns: the child, and their open case if they have one.
const SEARCH_SELECT = `SELECT ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName", ch."date_of_birth" AS "dateOfBirth",
          ch."upn", ch."postcode", ch."sensitive", c."id" AS "caseId", c."reference", c."stage", c."officer_id" AS "officerId"
     FROM "child" ch
     LEFT JOIN "ehc_case" c ON c."authority_id" = ch."authority_id" AND c."child_id" = ch."id" AND c."closed_on" IS NULL`;

const searchUpn = preparedRead<SearchRow>('search_by_upn', `${SEARCH_SELECT} WHERE ch."authority_id" = $1 AND ch."upn" = $2 ORDER BY ch."surname_key" LIMIT $3`);

const searchDateOfBirth = preparedRead<SearchRow>(
  'search_by_date_of_birth',
  `${SEARCH_SELECT} WHERE ch."authority_id" = $1 AND ch."date_of_birth" = $2 ORDER BY ch."surname_key", ch."forename" LIMIT $3`,
);

const searchSimilar = planEachTime<SearchRow>(
  `${SEARCH_SELECT} WHERE ch."authority_id" = $1 AND ch."search_names" % $2 ORDER BY similarity(ch."search_names", $2) DESC, ch."surname_key", ch."id" LIMIT $3`,
);

// One text for each number of words (ILIKE ALL over an array would not use the trigram index).
// Words of three letters or more always give trigrams, and the plan is then always the same
// (the council's entries in the trigram index), so up to four such words the statement is
// prepared by name and PostgreSQL may keep its plan: planning was half the search's time in the
// database (0.7 of 1.4 ms). A shorter word gives no trigram, and the best plan depends on the
// text, so then it is planned each time.
const MOST_WORDS_PREPARED = 4;
const searchEveryWordText = (wordCount: number) => {
  const words = Array.from({ length: wordCount }, (_, index) => ` AND ch."search_names" ILIKE $${index + 4}`).join('');
  return `${SEARCH_SELECT} WHERE ch."authority_id" = $1${words} ORDER BY similarity(ch."search_names", $2) DESC, ch."surname_key", ch."id" LIMIT $3`;
};
const searchEveryWordPrepared = Array.from({ length: MOST_WORDS_PREPARED + 1 }, (_, wordCount) =>
  wordCount === 0 ? undefined : preparedRead<SearchRow>(`search_by_name_${wordCount}`, searchEveryWordText(wordCount)),
);
const searchEveryWordPlanned = new Map<number, PreparedRead<SearchRow>>();

function searchEveryWordOf(words: readonly string[]): PreparedRead<SearchRow> {
  const prepared = words.every((word) => word.length >= 3) ? searchEveryWordPrepared[words.length] : undefined;
  if (prepared) return prepared;
  let statement = searchEveryWordPlanned.get(words.length);
  if (!statement) {
    statement = planEachTime<SearchRow>(searchEveryWordText(words.length));
    searchEveryWordPlanned.set(words.length, statement);
  }
  return statement;
}

export async function searchByUpn(db: Database, authorityId: string, upn: string, limit: number): Promise<SearchRow[]> {
  return readRows(db, searchUpn, [authorityId, upn, limit]);
}

export async function searchByDateOfBirth(db: Database, authorityId: string, dateOfBirth: string, limit: number): Promise<SearchRow[]> {
  return readRows(db, searchDateOfBirth, [authorityId, dateOfBirth, limit]);
}

/**
 * Every word must appear in the child's names (trigram index); closest matches first. When no
 * child has every word, falls back to trigram similarity so a misspelling still finds them
 * (planned each time: how close a misspelling is decides the plan).
 */
export async function searchByName(db: Database, authorityId: string, words: string[], text: string, limit: number): Promise<SearchRow[]> {
  const exact = await readRows(db, searchEveryWordOf(words), [authorityId, text, limit, ...words.map((word) => `%${word}%`)]);
  if (exact.length > 0) return exact;
  return readRows(db, searchSimilar, [authorityId, text, limit]);
}

export async function insertPerson(executor: Executor, row: typeof person.$inferInsert): Promise<void> {
  await executor.insert(person).values(row);
}

export async function linkPerson(executor: Executor, row: typeof childPerson.$inferInsert): Promise<void> {
  await executor.insert(childPerson).values(row);
}

export async function listEvents(executor: Executor, authorityId: string, caseId: string): Promise<CaseEventRow[]> {
  return executor
    .select()
    .from(caseEvent)
    .where(and(eq(caseEvent.authorityId, authorityId), eq(caseEvent.caseId, caseId)))
    .orderBy(desc(caseEvent.occurredOn), desc(caseEvent.recordedAt));
}

export async function findIdempotentResponse(executor: Executor, authorityId: string, key: string) {
  const rows = await executor
    .select()
    .from(idempotencyKey)
    .where(and(eq(idempotencyKey.authorityId, authorityId), eq(idempotencyKey.key, key)))
    .limit(1);
  return rows[0];
}

export async function saveIdempotentResponse(executor: Executor, row: typeof idempotencyKey.$inferInsert): Promise<void> {
  await executor.insert(idempotencyKey).values(row);
}

export async function findCase(executor: Executor, authorityId: string, caseId: string): Promise<CaseRow | undefined> {
  const rows = await executor
    .select()
    .from(ehcCase)
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)))
    .limit(1);
  return rows[0];
}

export async function updateCaseStage(executor: Executor, authorityId: string, caseId: string, stage: string, closedOn: string | null): Promise<void> {
  await executor
    .update(ehcCase)
    .set({ stage, closedOn, version: sql`${ehcCase.version} + 1` })
    .where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId)));
}

export async function countChildren(executor: Executor, authorityId: string): Promise<number> {
  const [row] = await executor.select({ total: count() }).from(child).where(eq(child.authorityId, authorityId));
  return row?.total ?? 0;
}

export type CaseExceptionRow = typeof caseException.$inferSelect;

export async function insertException(executor: Executor, row: typeof caseException.$inferInsert): Promise<void> {
  await executor.insert(caseException).values(row);
}

export interface TeamDeadlineRow {
  caseId: string;
  reference: string;
  stage: string;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  officerId: string | null;
  officerName: string | null;
  deadlineId: string;
  title: string;
  dueOn: string;
}

type TeamDeadlineFilters = { officerId?: string | undefined; unallocated?: boolean; stage?: string | undefined };

// The team view's statements share their parameters: $1 authority, $2 due by, $3 officer (or
// null), $4 the unallocated queue only, $5 stage (or null); the filters on the case are written
// once, here.
const TEAM_CASE_FILTERS = `c."closed_on" IS NULL AND ($3::uuid IS NULL OR c."officer_id" = $3) AND (NOT $4::boolean OR c."officer_id" IS NULL) AND ($5::text IS NULL OR c."stage" = $5)`;
const TEAM_OPEN_DUTIES = `d."authority_id" = $1 AND d."met_on" IS NULL AND d."duty" = 'authority' AND d."due_on" <= $2`;

const teamParams = (authorityId: string, dueBy: string, filters: TeamDeadlineFilters) => [authorityId, dueBy, filters.officerId ?? null, filters.unallocated ?? false, filters.stage ?? null];

/**
 * Open deadlines due on or before a date (overdue included) across the authority's open cases,
 * earliest first. Written so the plan cannot start from the cases: the open duties are read in
 * index order and each one's case is looked up (LATERAL), so a page stops after its rows. Left to
 * itself the planner misjudged how many duties fall on open cases and joined every open case of
 * a council to its child first (140 ms at national scale, against a few ms this way).
 */
const teamDeadlinesPage = preparedRead<TeamDeadlineRow>(
  'team_deadlines_page',
  `SELECT c."id" AS "caseId", c."reference", c."stage", ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName",
          c."officer_id" AS "officerId", s."name" AS "officerName", d."deadline_id" AS "deadlineId", d."title", d."due_on" AS "dueOn"
     FROM "case_deadline" d
    CROSS JOIN LATERAL (
      SELECT c."id", c."authority_id", c."reference", c."stage", c."child_id", c."officer_id" FROM "ehc_case" c
       WHERE c."authority_id" = d."authority_id" AND c."id" = d."case_id" AND ${TEAM_CASE_FILTERS} LIMIT 1
    ) c
     JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
     LEFT JOIN "staff_user" s ON s."authority_id" = c."authority_id" AND s."id" = c."officer_id"
    WHERE ${TEAM_OPEN_DUTIES}
    ORDER BY d."due_on", d."case_id", d."deadline_id"
    LIMIT $6 OFFSET $7`,
);

/**
 * One officer's (or the unallocated queue's) deadlines start from those cases instead: a few
 * hundred cases and their open duties, sorted, rather than every duty of the council walked until
 * 100 belong to them (at national scale 3-4 ms against 14-19 ms). $1 authority, $2 due by,
 * $3 officer (officer statement only), then stage, limit and offset.
 */
const teamCaseFirst = (caseCondition: string, stage: number) => `
  SELECT c."id" AS "caseId", c."reference", c."stage", ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName",
         c."officer_id" AS "officerId", s."name" AS "officerName", d."deadline_id" AS "deadlineId", d."title", d."due_on" AS "dueOn"
    FROM "ehc_case" c
    JOIN "case_deadline" d ON d."authority_id" = c."authority_id" AND d."case_id" = c."id" AND d."met_on" IS NULL AND d."duty" = 'authority' AND d."due_on" <= $2
    JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
    LEFT JOIN "staff_user" s ON s."authority_id" = c."authority_id" AND s."id" = c."officer_id"
   WHERE c."authority_id" = $1 AND ${caseCondition} AND c."closed_on" IS NULL AND ($${stage}::text IS NULL OR c."stage" = $${stage})
   ORDER BY d."due_on", d."case_id", d."deadline_id"
   LIMIT $${stage + 1} OFFSET $${stage + 2}`;
const officerDeadlinesPage = preparedRead<TeamDeadlineRow>('team_deadlines_page_officer', teamCaseFirst('c."officer_id" = $3', 4));
const unallocatedDeadlinesPage = preparedRead<TeamDeadlineRow>('team_deadlines_page_unallocated', teamCaseFirst('c."officer_id" IS NULL', 3));

export async function listTeamDeadlines(db: Database, authorityId: string, dueBy: string, filters: TeamDeadlineFilters, limit: number, offset = 0): Promise<TeamDeadlineRow[]> {
  const stage = filters.stage ?? null;
  if (filters.officerId) return readRows(db, officerDeadlinesPage, [authorityId, dueBy, filters.officerId, stage, limit, offset]);
  if (filters.unallocated) return readRows(db, unallocatedDeadlinesPage, [authorityId, dueBy, stage, limit, offset]);
  return readRows(db, teamDeadlinesPage, [...teamParams(authorityId, dueBy, filters), limit, offset]);
}

// Unfiltered, the duties alone are counted (an index-only scan): a closed case carries no unmet
// duty (deadlinesOfClosedCase), so there is no need to visit every case.
const teamDeadlineCountsAll = preparedRead<{ overdue: number; dueSoon: number }>(
  'team_deadline_counts',
  `SELECT count(*) FILTER (WHERE d."due_on" < $3)::int AS "overdue", count(*) FILTER (WHERE d."due_on" >= $3)::int AS "dueSoon"
     FROM "case_deadline" d WHERE d."authority_id" = $1 AND d."met_on" IS NULL AND d."duty" = 'authority' AND d."due_on" <= $2`,
);

// Filtered by officer or stage, the cases must be read; planned for the filter given, so an
// officer's count can start from their cases.
const teamDeadlineCountsFiltered = planEachTime<{ overdue: number; dueSoon: number }>(
  `SELECT count(*) FILTER (WHERE d."due_on" < $6)::int AS "overdue", count(*) FILTER (WHERE d."due_on" >= $6)::int AS "dueSoon"
     FROM "case_deadline" d
     JOIN "ehc_case" c ON c."authority_id" = d."authority_id" AND c."id" = d."case_id"
    WHERE ${TEAM_OPEN_DUTIES} AND ${TEAM_CASE_FILTERS}`,
);

/** How many open duties are overdue (before `today`) and how many are due from today to `dueBy`. */
export async function countTeamDeadlines(db: Database, authorityId: string, today: string, dueBy: string, filters: TeamDeadlineFilters): Promise<{ overdue: number; dueSoon: number }> {
  const filtered = filters.officerId !== undefined || filters.unallocated || filters.stage !== undefined;
  const [row] = filtered
    ? await readRows(db, teamDeadlineCountsFiltered, [...teamParams(authorityId, dueBy, filters), today])
    : await readRows(db, teamDeadlineCountsAll, [authorityId, dueBy, today]);
  return { overdue: row?.overdue ?? 0, dueSoon: row?.dueSoon ?? 0 };
}

const caseOfficers = preparedRead<{ id: string; name: string }>(
  'case_officers',
  `SELECT u."id", u."name" FROM "staff_user" u WHERE u."authority_id" = $1 AND u."role" = 'case_officer' AND u."deactivated_at" IS NULL ORDER BY u."name", u."id"`,
);

export async function listOfficers(db: Database, authorityId: string): Promise<{ id: string; name: string }[]> {
  return readRows(db, caseOfficers, [authorityId]);
}

/** A page of case ids, in id order, for rebuilding every case's deadlines in batches. */
export async function listCaseIdsAfter(executor: Executor, authorityId: string, afterId: string | undefined, limit: number): Promise<string[]> {
  const rows = await executor
    .select({ id: ehcCase.id })
    .from(ehcCase)
    .where(afterId ? and(eq(ehcCase.authorityId, authorityId), sql`${ehcCase.id} > ${afterId}`) : eq(ehcCase.authorityId, authorityId))
    .orderBy(asc(ehcCase.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

export async function listAuthorityIds(executor: Executor): Promise<string[]> {
  const rows = await executor.select({ id: authority.id }).from(authority).orderBy(asc(authority.id));
  return rows.map((row) => row.id);
}

export interface ChildRecordChild {
  id: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  formerNames: string[];
  dateOfBirth: string;
  sex: string;
  ethnicity: string | null;
  postcode: string | null;
  upn: string | null;
  uln: string | null;
  schoolId: string | null;
  sensitive: boolean;
  version: number;
}

export interface ChildRecordCase {
  id: string;
  reference: string;
  stage: string;
  officerId: string | null;
  unallocatedSince: string | null;
  openedOn: string;
  closedOn: string | null;
  version: number;
}

/** A child and every case they have had, newest first: the first of the record's two reads. */
const childWithCases = preparedRead<ChildRecordChild & { cases: ChildRecordCase[] }>(
  'child_record_child',
  `SELECT ch."id", ch."forename", ch."surname", ch."preferred_name" AS "preferredName", ch."former_names" AS "formerNames",
          ch."date_of_birth" AS "dateOfBirth", ch."sex", ch."ethnicity", ch."postcode", ch."upn", ch."uln", ch."school_id" AS "schoolId",
          ch."sensitive", ch."version",
          (SELECT coalesce(json_agg(json_build_object('id', c."id", 'reference', c."reference", 'stage', c."stage", 'officerId', c."officer_id",
                                                      'unallocatedSince', c."unallocated_since", 'openedOn', c."opened_on", 'closedOn', c."closed_on",
                                                      'version', c."version") ORDER BY c."opened_on" DESC, c."id"), '[]'::json)
             FROM "ehc_case" c WHERE c."authority_id" = $1 AND c."child_id" = $2) AS "cases"
     FROM "child" ch
    WHERE ch."authority_id" = $1 AND ch."id" = $2`,
);

export async function readChildWithCases(db: Database, authorityId: string, childId: string): Promise<(ChildRecordChild & { cases: ChildRecordCase[] }) | undefined> {
  const [found] = await readRows(db, childWithCases, [authorityId, childId]);
  return found;
}

export interface ChildRecordPerson {
  id: string;
  forename: string;
  surname: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  doNotDiscloseAddress: boolean;
  relationship: string;
  parentalResponsibility: boolean;
  mainContact: boolean;
}

export interface ChildRecordEvent {
  id: string;
  type: string;
  occurredOn: string;
  /** ISO 8601 in UTC, as Date.prototype.toISOString writes it. */
  recordedAt: string;
}

export interface ChildRecordDeadline {
  deadlineId: string;
  title: string;
  dueOn: string;
  basis: string;
  metOn: string | null;
  duty: string;
}

export interface ChildRecordException {
  id: string;
  reason: string;
  evidence: string;
  startsOn: string;
}

export interface ChildRecordRest {
  people: ChildRecordPerson[];
  school: { id: string; urn: number; name: string } | null;
  officer: { name: string; email: string } | null;
  events: ChildRecordEvent[];
  deadlines: ChildRecordDeadline[];
  exceptions: ChildRecordException[];
}

/**
 * The rest of a child's record in one statement, with the access log entry written by the same
 * statement (a data-modifying WITH runs once whether or not its rows are read): one round trip
 * where it took seven. Without an open case, $10 is null and the case's lists come back empty.
 */
const childRecordRest = preparedRead<ChildRecordRest & { logged: number }>(
  'child_record_rest',
  `WITH "logged" AS (
     INSERT INTO "access_log" ("id", "authority_id", "accessed_at", "actor_kind", "actor_id", "child_id", "view")
     VALUES ($3, $1, $4, $5, $6, $2, $7) RETURNING 1
   )
   SELECT (SELECT count(*)::int FROM "logged") AS "logged",
          (SELECT coalesce(json_agg(json_build_object('id', p."id", 'forename', p."forename", 'surname', p."surname", 'email', p."email", 'phone', p."phone",
                                                      'address', p."address", 'postcode', p."postcode", 'doNotDiscloseAddress', p."do_not_disclose_address",
                                                      'relationship', cp."relationship", 'parentalResponsibility', cp."parental_responsibility",
                                                      'mainContact', cp."main_contact") ORDER BY cp."main_contact" DESC, p."surname", p."id"), '[]'::json)
             FROM "child_person" cp JOIN "person" p ON p."authority_id" = cp."authority_id" AND p."id" = cp."person_id"
            WHERE cp."authority_id" = $1 AND cp."child_id" = $2) AS "people",
          (SELECT json_build_object('id', s."id", 'urn', s."urn", 'name', s."name") FROM "school" s WHERE s."id" = $8) AS "school",
          (SELECT json_build_object('name', u."name", 'email', u."email") FROM "staff_user" u WHERE u."authority_id" = $1 AND u."id" = $9) AS "officer",
          (SELECT coalesce(json_agg(json_build_object('id', e."id", 'type', e."type", 'occurredOn', e."occurred_on",
                                                      'recordedAt', to_char(e."recorded_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                    ORDER BY e."occurred_on" DESC, e."recorded_at" DESC), '[]'::json)
             FROM "case_event" e WHERE e."authority_id" = $1 AND e."case_id" = $10) AS "events",
          (SELECT coalesce(json_agg(json_build_object('deadlineId', d."deadline_id", 'title', d."title", 'dueOn', d."due_on", 'basis', d."basis",
                                                      'metOn', d."met_on", 'duty', d."duty") ORDER BY d."due_on", d."deadline_id"), '[]'::json)
             FROM "case_deadline" d WHERE d."authority_id" = $1 AND d."case_id" = $10) AS "deadlines",
          (SELECT coalesce(json_agg(json_build_object('id', x."id", 'reason', x."reason", 'evidence', x."evidence", 'startsOn', x."starts_on")
                                    ORDER BY x."starts_on", x."id"), '[]'::json)
             FROM "case_exception" x WHERE x."authority_id" = $1 AND x."case_id" = $10) AS "exceptions"`,
);

export async function readChildRecordRest(
  db: Database,
  access: AccessRow,
  related: { schoolId: string | null; officerId: string | null; caseId: string | null },
): Promise<ChildRecordRest> {
  const [rest] = await readRows(db, childRecordRest, [
    access.authorityId,
    access.childId,
    access.id,
    access.accessedAt,
    access.actorKind,
    access.actorId,
    access.view,
    related.schoolId,
    related.officerId,
    related.caseId,
  ]);
  return rest!;
}

import { and, eq, sql } from 'drizzle-orm';
import type { Database, Executor, Transaction } from '../../db/database.ts';
import { planEachTime, preparedRead, readRows } from '../../db/prepared.ts';
import { authority, caseloadSetting, staffUser, weightRule } from '../../db/schema/index.ts';

export interface UnallocatedRow {
  caseId: string;
  reference: string;
  stage: string;
  unallocatedSince: string;
  openedOn: string;
  nextDeadlineOn: string | null;
  nextDeadlineTitle: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
}

/**
 * A page of the unallocated queue, the case waiting longest first, with how many cases wait and
 * since when the oldest has, in one statement. Every open case without an officer is on it,
 * whatever its deadlines. Both parts read the partial index of the queue
 * (ehc_case_unallocated_idx: authority, unallocated since; open cases without an officer only):
 * the count reads only the queue, and the page's cases are chosen before their children are
 * joined, so a page looks up its own 50 children by key (left to itself the planner hashed every
 * child of the council to join a queue of 200 cases). As in My cases, a page past the end (or a
 * limit of 0, for the figures alone) is one row carrying the count, its case fields null.
 */
const unallocatedPage = preparedRead<UnallocatedRow & { total: number; oldestSince: string | null }>(
  'unallocated_queue_page',
  `SELECT queue."total", queue."oldestSince", page.*
     FROM (SELECT count(*)::int AS "total", min(q."unallocated_since") AS "oldestSince"
             FROM "ehc_case" q WHERE q."authority_id" = $1 AND q."officer_id" IS NULL AND q."closed_on" IS NULL) queue
     LEFT JOIN LATERAL (
           SELECT c."id" AS "caseId", c."reference", c."stage", c."unallocated_since" AS "unallocatedSince", c."opened_on" AS "openedOn",
                  c."next_deadline_on" AS "nextDeadlineOn", c."next_deadline_title" AS "nextDeadlineTitle",
                  ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName"
             FROM (SELECT w.* FROM "ehc_case" w
                    WHERE w."authority_id" = $1 AND w."officer_id" IS NULL AND w."closed_on" IS NULL
                    ORDER BY w."unallocated_since", w."reference"
                    LIMIT $2 OFFSET $3) c
             JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
            ORDER BY c."unallocated_since", c."reference") page ON true`,
);

export async function listUnallocated(db: Database, authorityId: string, limit: number, offset: number): Promise<{ rows: UnallocatedRow[]; total: number; oldestSince: string | null }> {
  const page = await readRows(db, unallocatedPage, [authorityId, limit, offset]);
  const first = page[0]!;
  return { rows: first.caseId === null ? [] : page, total: first.total, oldestSince: first.oldestSince };
}

/** How many open cases the council has at each stage. */
const openCasesByStage = preparedRead<{ stage: string; cases: number }>(
  'open_cases_by_stage',
  `SELECT c."stage", count(*)::int AS "cases" FROM "ehc_case" c WHERE c."authority_id" = $1 AND c."closed_on" IS NULL GROUP BY c."stage"`,
);

export async function countOpenCasesByStage(db: Database, authorityId: string): Promise<{ stage: string; cases: number }[]> {
  return readRows(db, openCasesByStage, [authorityId]);
}

/** The council's saved weights (in tenths) and cap, with when each was last changed. */
export interface SavedWeightSettings {
  rules: { ruleKey: string; tenths: number; updatedAt: string }[];
  cap: { tenths: number; updatedAt: string } | null;
}

export async function readWeightSettings(executor: Executor, authorityId: string): Promise<SavedWeightSettings> {
  const [rules, caps] = await Promise.all([
    executor
      .select({ ruleKey: weightRule.ruleKey, tenths: sql<number>`(${weightRule.weight} * 10)::int`, updatedAt: sql<string>`to_char(${weightRule.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
      .from(weightRule)
      .where(eq(weightRule.authorityId, authorityId)),
    executor
      .select({ tenths: sql<number>`(${caseloadSetting.capPerFullTimeOfficer} * 10)::int`, updatedAt: sql<string>`to_char(${caseloadSetting.updatedAt} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
      .from(caseloadSetting)
      .where(eq(caseloadSetting.authorityId, authorityId)),
  ]);
  return { rules: rules.map((row) => ({ ...row, tenths: Number(row.tenths) })), cap: caps[0] ? { tenths: Number(caps[0].tenths), updatedAt: caps[0].updatedAt } : null };
}

/**
 * Holds the council's row until the transaction ends: two administrators saving the weights at
 * once are taken one after the other, so the second sees the first's change and is told.
 */
export async function lockAuthority(tx: Transaction, authorityId: string): Promise<void> {
  await tx.select({ id: authority.id }).from(authority).where(eq(authority.id, authorityId)).for('update');
}

export async function saveWeightRule(tx: Transaction, authorityId: string, ruleKey: string, tenths: number, by: string, at: Date): Promise<void> {
  const weight = tenths / 10;
  await tx
    .insert(weightRule)
    .values({ authorityId, ruleKey, weight, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({ target: [weightRule.authorityId, weightRule.ruleKey], set: { weight, updatedBy: by, updatedAt: at } });
}

export async function saveCap(tx: Transaction, authorityId: string, tenths: number, by: string, at: Date): Promise<void> {
  const capPerFullTimeOfficer = tenths / 10;
  await tx
    .insert(caseloadSetting)
    .values({ authorityId, capPerFullTimeOfficer, updatedBy: by, updatedAt: at })
    .onConflictDoUpdate({ target: [caseloadSetting.authorityId], set: { capPerFullTimeOfficer, updatedBy: by, updatedAt: at } });
}

/** One officer's open cases (or the queue's, officerId null) counted by what the weighting rules turn on. */
export interface CaseloadGroupRow {
  officerId: string | null;
  openCases: number;
  assessment: number;
  phaseTransfer: number;
  noPlacement: number;
  reviewOverdue: number;
  restricted: number;
  /** Cases with an authority's deadline missed and not yet met. */
  casesOverdue: number;
  /** Cases with one due from today to the end of the window. */
  casesDueThisWeek: number;
  /** Queue only: cases that joined it on or before the long-wait cutoff. */
  longWaiting: number;
  oldestSince: string | null;
}

export interface CaseloadOfficerRow {
  id: string;
  name: string;
  role: string;
  fteTenths: number;
  active: boolean;
  /** The last working day of someone leaving; null if not leaving. */
  leavingOn: string | null;
  /** The day the officer joined the service (staff_user.started_on), YYYY-MM-DD: how long they have been in post. */
  since: string;
}

export interface CaseloadSummaryRow {
  officers: CaseloadOfficerRow[];
  /** The team shown: the one asked for, or a team manager's own; null for every team. */
  teamId: string | null;
  teams: { id: string; name: string }[];
  /** Leave with its cover, running today or to come, earliest first. */
  covers: { officerId: string; coverName: string; startsOn: string; endsOn: string }[];
  groups: CaseloadGroupRow[];
  rules: { ruleKey: string; tenths: number }[];
  capTenths: number | null;
  schools: { urn: number; name: string; openCases: number }[];
}

/**
 * The caseloads page in one statement. The council's open cases are read once with their
 * children (and counted by school for the filter, before the filters apply), their open duties
 * due by the end of the week once (from the open-duty index), and counted per officer by what the weighting rules turn on: the database counts, the
 * domain weighs the counts (loadFromCounts), so no case is carried into Node. Beside them: the
 * officers to show (every active case officer, and anyone else holding cases), the council's
 * weights and cap, and the schools its open cases' children attend, for the filter.
 *
 * Planned for its values each time, never by a generic plan: with no filter, a stage or a school
 * the best plan differs. Sent by name (so planned generically after five calls) it took 2-5 s a
 * call for nine calls in a row at council scale, where planned each time it takes 30-60 ms
 * (bench/caseload-timing.ts); planning costs about a millisecond.
 *
 * $1 authority, $2 stage or null, $3 school URN or null, $4 today, $5 the week's last day,
 * $6 the annual review's deadline ids, $7 the assessment's stages, $8-$13 the birth ranges of the
 * children moving phase next September, $14 the long-wait cutoff, $15 the team asked for (or
 * null), $16 whether to show the manager's own team when none is asked for, $17 the manager. A
 * team's view is its members' cases and the whole unallocated queue, which no team holds yet.
 */
export const caseloadSummary = planEachTime<CaseloadSummaryRow>(
  `WITH "chosen" AS (
     SELECT CASE WHEN $15::uuid IS NOT NULL THEN (SELECT t."id" FROM "team" t WHERE t."authority_id" = $1 AND t."id" = $15::uuid)
                 WHEN $16::boolean THEN (SELECT t."id" FROM "team" t WHERE t."authority_id" = $1 AND t."manager_id" = $17::uuid ORDER BY t."name", t."id" LIMIT 1)
            END AS "teamId"
   ), "team_members" AS (
     SELECT u."id" FROM "staff_user" u, "chosen" WHERE u."authority_id" = $1 AND u."team_id" = "chosen"."teamId"
   ), "council_cases" AS (
     SELECT c."id", c."officer_id", c."stage", c."unallocated_since", ch."sensitive", ch."school_id", ch."date_of_birth"
       FROM "ehc_case" c JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
      WHERE c."authority_id" = $1 AND c."closed_on" IS NULL
   ), "open_cases" AS (
     SELECT o.* FROM "council_cases" o
      WHERE ($2::text IS NULL OR o."stage" = $2::text)
        AND ($3::int IS NULL OR o."school_id" = (SELECT s."id" FROM "school" s WHERE s."urn" = $3::int))
        AND ((SELECT "teamId" FROM "chosen") IS NULL OR o."officer_id" IS NULL OR o."officer_id" IN (SELECT m."id" FROM "team_members" m))
   ), "duties" AS (
     SELECT d."case_id",
            bool_or(d."due_on" < $4::date) AS "overdue",
            bool_or(d."due_on" >= $4::date) AS "dueThisWeek",
            bool_or(d."due_on" < $4::date AND d."deadline_id" = ANY($6::text[])) AS "reviewOverdue"
       FROM "case_deadline" d
      WHERE d."authority_id" = $1 AND d."met_on" IS NULL AND d."duty" = 'authority' AND d."due_on" <= $5::date
      GROUP BY d."case_id"
   ), "groups" AS (
     SELECT o."officer_id" AS "officerId", count(*)::int AS "openCases",
            count(*) FILTER (WHERE o."stage" = ANY($7::text[]))::int AS "assessment",
            count(*) FILTER (WHERE o."date_of_birth" BETWEEN $8::date AND $9::date OR o."date_of_birth" BETWEEN $10::date AND $11::date
                                OR o."date_of_birth" BETWEEN $12::date AND $13::date)::int AS "phaseTransfer",
            count(*) FILTER (WHERE o."school_id" IS NULL)::int AS "noPlacement",
            count(*) FILTER (WHERE du."reviewOverdue")::int AS "reviewOverdue",
            count(*) FILTER (WHERE o."sensitive")::int AS "restricted",
            count(*) FILTER (WHERE du."overdue")::int AS "casesOverdue",
            count(*) FILTER (WHERE du."dueThisWeek")::int AS "casesDueThisWeek",
            count(*) FILTER (WHERE o."officer_id" IS NULL AND o."unallocated_since" <= $14::date)::int AS "longWaiting",
            min(o."unallocated_since") AS "oldestSince"
       FROM "open_cases" o LEFT JOIN "duties" du ON du."case_id" = o."id"
      GROUP BY o."officer_id"
   )
   SELECT (SELECT coalesce(json_agg(json_build_object('id', u."id", 'name', u."name", 'role', u."role", 'fteTenths', (u."fte" * 10)::int, 'active', u."deactivated_at" IS NULL,
                                       'leavingOn', u."leaving_on", 'since', u."started_on") ORDER BY u."name", u."id"), '[]'::json)
             FROM "staff_user" u
            WHERE u."authority_id" = $1
              AND ((u."role" = 'case_officer' AND u."deactivated_at" IS NULL
                    AND ((SELECT "teamId" FROM "chosen") IS NULL OR u."id" IN (SELECT m."id" FROM "team_members" m)))
                   OR u."id" IN (SELECT g."officerId" FROM "groups" g WHERE g."officerId" IS NOT NULL))) AS "officers",
          (SELECT "teamId" FROM "chosen") AS "teamId",
          (SELECT coalesce(json_agg(json_build_object('id', t."id", 'name', t."name") ORDER BY t."name", t."id"), '[]'::json) FROM "team" t WHERE t."authority_id" = $1) AS "teams",
          (SELECT coalesce(json_agg(json_build_object('officerId', p."officer_id", 'coverName', cu."name", 'startsOn', p."starts_on", 'endsOn', p."ends_on") ORDER BY p."starts_on"), '[]'::json)
             FROM "cover_period" p JOIN "staff_user" cu ON cu."authority_id" = p."authority_id" AND cu."id" = p."cover_officer_id"
            WHERE p."authority_id" = $1 AND p."ends_on" >= $4::date) AS "covers",
          (SELECT coalesce(json_agg(g), '[]'::json) FROM "groups" g) AS "groups",
          (SELECT coalesce(json_agg(json_build_object('ruleKey', w."rule_key", 'tenths', (w."weight" * 10)::int)), '[]'::json) FROM "weight_rule" w WHERE w."authority_id" = $1) AS "rules",
          (SELECT (s."cap_per_full_time_officer" * 10)::int FROM "caseload_setting" s WHERE s."authority_id" = $1) AS "capTenths",
          (SELECT coalesce(json_agg(json_build_object('urn', s."urn", 'name', s."name", 'openCases', t."openCases") ORDER BY s."name", s."urn"), '[]'::json)
             FROM (SELECT o."school_id", count(*)::int AS "openCases" FROM "council_cases" o WHERE o."school_id" IS NOT NULL GROUP BY o."school_id") t
             JOIN "school" s ON s."id" = t."school_id") AS "schools"`,
);

export interface CaseloadSummaryParams {
  stage: string | null;
  schoolUrn: number | null;
  today: string;
  weekEnd: string;
  reviewDeadlineIds: readonly string[];
  assessmentStages: readonly string[];
  birthRanges: readonly { from: string; to: string }[];
  longWaitCutoff: string;
  teamId: string | null;
  ownTeamOf: string | null;
}

export async function readCaseloadSummary(db: Database, authorityId: string, params: CaseloadSummaryParams): Promise<CaseloadSummaryRow> {
  const ranges = params.birthRanges.flatMap((range) => [range.from, range.to]);
  if (ranges.length !== 6) throw new Error('readCaseloadSummary: three birth ranges expected');
  const [row] = await readRows(db, caseloadSummary, [
    authorityId,
    params.stage,
    params.schoolUrn,
    params.today,
    params.weekEnd,
    params.reviewDeadlineIds,
    params.assessmentStages,
    ...ranges,
    params.longWaitCutoff,
    params.teamId,
    params.ownTeamOf !== null,
    params.ownTeamOf,
  ]);
  return row!;
}

export interface CaseloadCaseRow {
  total: number;
  caseId: string;
  reference: string;
  stage: string;
  unallocatedSince: string | null;
  nextDeadlineOn: string | null;
  nextDeadlineTitle: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  hasSchool: boolean;
  sensitive: boolean;
  reviewOverdue: boolean;
}

export type CaseloadCasesShow = 'open' | 'overdue' | 'due-this-week' | 'waiting-long';

/**
 * A page of the open cases behind a figure of the caseloads page: one officer's (or the queue's, or
 * everyone's), under the same filters, the next deadline first. Planned for its values each time:
 * one officer's cases read the worklist index, the whole council's another plan.
 */
const caseloadCases = planEachTime<CaseloadCaseRow>(
  `SELECT count(*) OVER ()::int AS "total", c."id" AS "caseId", c."reference", c."stage", c."unallocated_since" AS "unallocatedSince",
          c."next_deadline_on" AS "nextDeadlineOn", c."next_deadline_title" AS "nextDeadlineTitle",
          ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName", ch."date_of_birth" AS "dateOfBirth",
          ch."school_id" IS NOT NULL AS "hasSchool", ch."sensitive",
          EXISTS (SELECT 1 FROM "case_deadline" d
                   WHERE d."authority_id" = c."authority_id" AND d."case_id" = c."id" AND d."met_on" IS NULL AND d."duty" = 'authority'
                     AND d."due_on" < $7::date AND d."deadline_id" = ANY($8::text[])) AS "reviewOverdue"
     FROM "ehc_case" c JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
    WHERE c."authority_id" = $1 AND c."closed_on" IS NULL
      AND ($2::uuid IS NULL OR c."officer_id" = $2::uuid)
      AND (NOT $3::boolean OR c."officer_id" IS NULL)
      AND ($4::text IS NULL OR c."stage" = $4::text)
      AND ($5::int IS NULL OR ch."school_id" = (SELECT s."id" FROM "school" s WHERE s."urn" = $5::int))
      AND ($13::uuid IS NULL OR c."officer_id" IS NULL
           OR c."officer_id" IN (SELECT u."id" FROM "staff_user" u WHERE u."authority_id" = $1 AND u."team_id" = $13::uuid))
      AND CASE $6::text
            WHEN 'overdue' THEN EXISTS (SELECT 1 FROM "case_deadline" d WHERE d."authority_id" = c."authority_id" AND d."case_id" = c."id"
                                          AND d."met_on" IS NULL AND d."duty" = 'authority' AND d."due_on" < $7::date)
            WHEN 'due-this-week' THEN EXISTS (SELECT 1 FROM "case_deadline" d WHERE d."authority_id" = c."authority_id" AND d."case_id" = c."id"
                                          AND d."met_on" IS NULL AND d."duty" = 'authority' AND d."due_on" BETWEEN $7::date AND $9::date)
            WHEN 'waiting-long' THEN c."officer_id" IS NULL AND c."unallocated_since" <= $10::date
            ELSE true
          END
    ORDER BY c."next_deadline_on" NULLS LAST, c."reference"
    LIMIT $11 OFFSET $12`,
);

export interface CaseloadCasesParams {
  officerId: string | null;
  unallocatedOnly: boolean;
  stage: string | null;
  schoolUrn: number | null;
  show: CaseloadCasesShow;
  today: string;
  weekEnd: string;
  reviewDeadlineIds: readonly string[];
  longWaitCutoff: string;
  limit: number;
  offset: number;
  teamId: string | null;
}

export async function listCaseloadCases(db: Database, authorityId: string, params: CaseloadCasesParams): Promise<CaseloadCaseRow[]> {
  return readRows(db, caseloadCases, [
    authorityId,
    params.officerId,
    params.unallocatedOnly,
    params.stage,
    params.schoolUrn,
    params.show,
    params.today,
    params.reviewDeadlineIds,
    params.weekEnd,
    params.longWaitCutoff,
    params.limit,
    params.offset,
    params.teamId,
  ]);
}

/** One member of staff's name, for the heading of the cases behind their figures. */
export async function findStaffName(executor: Executor, authorityId: string, userId: string): Promise<string | undefined> {
  const [row] = await executor
    .select({ name: staffUser.name })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId)))
    .limit(1);
  return row?.name;
}

export interface HandoverCaseRow {
  caseId: string;
  reference: string;
  stage: string;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  schoolId: string | null;
  schoolName: string | null;
  sensitive: boolean;
  reviewOverdue: boolean;
}

/**
 * Every open case an officer holds, with what weights it and the child's school: the caseload to
 * hand over, by reference. $1 authority, $2 officer, $3 today, $4 the annual review's deadline ids.
 */
const handoverCases = planEachTime<HandoverCaseRow>(
  `SELECT c."id" AS "caseId", c."reference", c."stage",
          ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName", ch."date_of_birth"::text AS "dateOfBirth",
          ch."school_id" AS "schoolId", s."name" AS "schoolName", ch."sensitive",
          EXISTS (SELECT 1 FROM "case_deadline" d
                   WHERE d."authority_id" = c."authority_id" AND d."case_id" = c."id" AND d."met_on" IS NULL AND d."duty" = 'authority'
                     AND d."due_on" < $3::date AND d."deadline_id" = ANY($4::text[])) AS "reviewOverdue"
     FROM "ehc_case" c
     JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
     LEFT JOIN "school" s ON s."id" = ch."school_id"
    WHERE c."authority_id" = $1 AND c."officer_id" = $2::uuid AND c."closed_on" IS NULL
    ORDER BY c."reference", c."id"`,
);

export async function listHandoverCases(db: Database, authorityId: string, officerId: string, today: string, reviewDeadlineIds: readonly string[]): Promise<HandoverCaseRow[]> {
  return readRows(db, handoverCases, [authorityId, officerId, today, reviewDeadlineIds]);
}

/** How many open cases each officer holds at each school: who already knows a school. */
const casesBySchool = planEachTime<{ officerId: string; schoolId: string; cases: number }>(
  `SELECT c."officer_id" AS "officerId", ch."school_id" AS "schoolId", count(*)::int AS "cases"
     FROM "ehc_case" c JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
    WHERE c."authority_id" = $1 AND c."closed_on" IS NULL AND c."officer_id" IS NOT NULL AND ch."school_id" IS NOT NULL
    GROUP BY c."officer_id", ch."school_id"`,
);

export async function countCasesBySchool(db: Database, authorityId: string): Promise<{ officerId: string; schoolId: string; cases: number }[]> {
  return readRows(db, casesBySchool, [authorityId]);
}

export interface CaseWeightRow {
  caseId: string;
  stage: string;
  dateOfBirth: string;
  hasSchool: boolean;
  sensitive: boolean;
  reviewOverdue: boolean;
}

/**
 * What weights each of the cases, of this authority only: the cases an allocation is about to
 * give an officer. $1 authority, $2 the cases, $3 today, $4 the annual review's deadline ids.
 */
const caseWeights = planEachTime<CaseWeightRow>(
  `SELECT c."id" AS "caseId", c."stage", ch."date_of_birth"::text AS "dateOfBirth", ch."school_id" IS NOT NULL AS "hasSchool", ch."sensitive",
          EXISTS (SELECT 1 FROM "case_deadline" d
                   WHERE d."authority_id" = c."authority_id" AND d."case_id" = c."id" AND d."met_on" IS NULL AND d."duty" = 'authority'
                     AND d."due_on" < $3::date AND d."deadline_id" = ANY($4::text[])) AS "reviewOverdue"
     FROM "ehc_case" c JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
    WHERE c."authority_id" = $1 AND c."id" = ANY($2::uuid[])`,
);

export async function listCaseWeights(db: Database, authorityId: string, caseIds: readonly string[], today: string, reviewDeadlineIds: readonly string[]): Promise<CaseWeightRow[]> {
  if (caseIds.length === 0) return [];
  return readRows(db, caseWeights, [authorityId, [...caseIds], today, reviewDeadlineIds]);
}

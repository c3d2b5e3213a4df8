import { and, asc, eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { authority, ehcCase } from '../../db/schema/index.ts';
import { planEachTime, preparedRead, readRows } from '../../db/prepared.ts';

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

type TeamDeadlineFilters = { officerId?: string | undefined; unallocated?: boolean; stage?: string | undefined; teamId?: string | undefined };

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
/** A team's: its members' cases ($3 the team), from the staff_user team index and the worklist index. */
const TEAM_MEMBERS_CASES = `c."officer_id" IN (SELECT u."id" FROM "staff_user" u WHERE u."authority_id" = $1 AND u."team_id" = $3)`;
const teamMembersDeadlinesPage = preparedRead<TeamDeadlineRow>('team_deadlines_page_team', teamCaseFirst(TEAM_MEMBERS_CASES, 4));

export async function listTeamDeadlines(db: Database, authorityId: string, dueBy: string, filters: TeamDeadlineFilters, limit: number, offset = 0): Promise<TeamDeadlineRow[]> {
  const stage = filters.stage ?? null;
  if (filters.officerId) return readRows(db, officerDeadlinesPage, [authorityId, dueBy, filters.officerId, stage, limit, offset]);
  if (filters.unallocated) return readRows(db, unallocatedDeadlinesPage, [authorityId, dueBy, stage, limit, offset]);
  if (filters.teamId) return readRows(db, teamMembersDeadlinesPage, [authorityId, dueBy, filters.teamId, stage, limit, offset]);
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

// A team's (no officer or queue asked for): $3 the team, $4 stage, $5 today.
const teamMembersDeadlineCounts = planEachTime<{ overdue: number; dueSoon: number }>(
  `SELECT count(*) FILTER (WHERE d."due_on" < $5)::int AS "overdue", count(*) FILTER (WHERE d."due_on" >= $5)::int AS "dueSoon"
     FROM "ehc_case" c
     JOIN "case_deadline" d ON d."authority_id" = c."authority_id" AND d."case_id" = c."id"
    WHERE c."authority_id" = $1 AND ${TEAM_MEMBERS_CASES} AND c."closed_on" IS NULL AND ($4::text IS NULL OR c."stage" = $4)
      AND ${TEAM_OPEN_DUTIES}`,
);

/** How many open duties are overdue (before `today`) and how many are due from today to `dueBy`. */
export async function countTeamDeadlines(db: Database, authorityId: string, today: string, dueBy: string, filters: TeamDeadlineFilters): Promise<{ overdue: number; dueSoon: number }> {
  const filtered = filters.officerId !== undefined || filters.unallocated || filters.stage !== undefined;
  const [row] = filters.teamId && !filters.officerId && !filters.unallocated
    ? await readRows(db, teamMembersDeadlineCounts, [authorityId, dueBy, filters.teamId, filters.stage ?? null, today])
    : filtered
    ? await readRows(db, teamDeadlineCountsFiltered, [...teamParams(authorityId, dueBy, filters), today])
    : await readRows(db, teamDeadlineCountsAll, [authorityId, dueBy, today]);
  return { overdue: row?.overdue ?? 0, dueSoon: row?.dueSoon ?? 0 };
}

export interface TeamViewContext {
  /** The active case officers, for the officer filter, each with their team. */
  officers: { id: string; name: string; teamId: string | null }[];
  teams: { id: string; name: string }[];
  /** The team the manager ($3) manages, if asked for. */
  ownTeamId: string | null;
  /** Cover running today ($2): whose cases, and who covers them. */
  covers: { officerId: string; coverId: string; coverName: string; endsOn: string }[];
}

/** What the team view needs beside its deadlines, in one statement: officers, teams, the manager's own team, today's cover. */
const teamViewContext = preparedRead<TeamViewContext>(
  'team_view_context',
  `SELECT (SELECT coalesce(json_agg(json_build_object('id', u."id", 'name', u."name", 'teamId', u."team_id") ORDER BY u."name", u."id"), '[]'::json)
             FROM "staff_user" u WHERE u."authority_id" = $1 AND u."role" = 'case_officer' AND u."deactivated_at" IS NULL) AS "officers",
          (SELECT coalesce(json_agg(json_build_object('id', t."id", 'name', t."name") ORDER BY t."name", t."id"), '[]'::json) FROM "team" t WHERE t."authority_id" = $1) AS "teams",
          (SELECT t."id" FROM "team" t WHERE t."authority_id" = $1 AND t."manager_id" = $3::uuid ORDER BY t."name", t."id" LIMIT 1) AS "ownTeamId",
          (SELECT coalesce(json_agg(json_build_object('officerId', p."officer_id", 'coverId', p."cover_officer_id", 'coverName', cu."name", 'endsOn', p."ends_on")), '[]'::json)
             FROM "cover_period" p JOIN "staff_user" cu ON cu."authority_id" = p."authority_id" AND cu."id" = p."cover_officer_id"
            WHERE p."authority_id" = $1 AND p."ends_on" >= $2::date AND p."starts_on" <= $2::date) AS "covers"`,
);

export async function readTeamViewContext(db: Database, authorityId: string, today: string, managerId: string | null): Promise<TeamViewContext> {
  const [row] = await readRows(db, teamViewContext, [authorityId, today, managerId]);
  return row!;
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

import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { planEachTime, readRows } from '../../db/prepared.ts';
import { annualReview, caseDeadline, child, document, ehcCase, plan, reviewSetting, school, staffUser } from '../../db/schema/index.ts';

export type ReviewRow = typeof annualReview.$inferSelect;
export type NewReviewRow = typeof annualReview.$inferInsert;

/** The case, its child and the child's school, as a review needs them. */
export interface ReviewCase {
  caseId: string;
  reference: string;
  stage: string;
  closedOn: string | null;
  officerId: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  schoolId: string | null;
  schoolUrn: number | null;
  schoolName: string | null;
  /** The plan's next review-due day (CFA 2014 s.44(1)), while a plan is maintained. */
  reviewDueOn: string | null;
}

const reviewCaseColumns = {
  caseId: ehcCase.id,
  reference: ehcCase.reference,
  stage: ehcCase.stage,
  closedOn: ehcCase.closedOn,
  officerId: ehcCase.officerId,
  childId: child.id,
  forename: child.forename,
  surname: child.surname,
  preferredName: child.preferredName,
  dateOfBirth: child.dateOfBirth,
  schoolId: school.id,
  schoolUrn: school.urn,
  schoolName: school.name,
  reviewDueOn: caseDeadline.dueOn,
};

function reviewCaseQuery(executor: Executor, authorityId: string) {
  return executor
    .select(reviewCaseColumns)
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .leftJoin(school, eq(school.id, child.schoolId))
    .leftJoin(
      caseDeadline,
      and(eq(caseDeadline.authorityId, ehcCase.authorityId), eq(caseDeadline.caseId, ehcCase.id), eq(caseDeadline.deadlineId, 'review-due'), sql`${caseDeadline.metOn} IS NULL`),
    )
    .where(eq(ehcCase.authorityId, authorityId))
    .$dynamic();
}

export async function findReviewCase(executor: Executor, authorityId: string, caseId: string): Promise<ReviewCase | undefined> {
  const [row] = await reviewCaseQuery(executor, authorityId).where(and(eq(ehcCase.authorityId, authorityId), eq(ehcCase.id, caseId))).limit(1);
  return row;
}

export async function findReviewCases(executor: Executor, authorityId: string, caseIds: readonly string[]): Promise<ReviewCase[]> {
  if (caseIds.length === 0) return [];
  return reviewCaseQuery(executor, authorityId).where(and(eq(ehcCase.authorityId, authorityId), inArray(ehcCase.id, [...caseIds])));
}

/** The case's EHC plan, when one has been written on the service (a plan recorded only as a step has none). */
export async function planIdOfCase(executor: Executor, authorityId: string, caseId: string): Promise<string | undefined> {
  const [row] = await executor.select({ id: plan.id }).from(plan).where(and(eq(plan.authorityId, authorityId), eq(plan.caseId, caseId), eq(plan.type, 'ehc')));
  return row?.id;
}

export async function findReview(executor: Executor, authorityId: string, reviewId: string): Promise<ReviewRow | undefined> {
  const [row] = await executor.select().from(annualReview).where(and(eq(annualReview.authorityId, authorityId), eq(annualReview.id, reviewId))).limit(1);
  return row;
}

export async function lockReview(executor: Executor, authorityId: string, reviewId: string): Promise<ReviewRow | undefined> {
  const [row] = await executor.select().from(annualReview).where(and(eq(annualReview.authorityId, authorityId), eq(annualReview.id, reviewId))).for('update').limit(1);
  return row;
}

export async function listCaseReviews(executor: Executor, authorityId: string, caseId: string): Promise<ReviewRow[]> {
  return executor.select().from(annualReview).where(and(eq(annualReview.authorityId, authorityId), eq(annualReview.caseId, caseId))).orderBy(desc(annualReview.meetingOn), desc(annualReview.id));
}

/** A review's report document, as the review shows it: what it is and who sent it. */
export interface ReportDocumentRow {
  id: string;
  title: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  sentBy: string | null;
}

/** The report documents among `documentIds`, by id. */
export async function findReportDocuments(executor: Executor, authorityId: string, documentIds: readonly string[]): Promise<Map<string, ReportDocumentRow>> {
  if (documentIds.length === 0) return new Map();
  const rows = await executor
    .select({ id: document.id, title: document.title, filename: document.filename, mediaType: document.mediaType, sizeBytes: document.sizeBytes, sentBy: document.sentBy })
    .from(document)
    .where(and(eq(document.authorityId, authorityId), inArray(document.id, [...documentIds])));
  return new Map(rows.map((row) => [row.id, row]));
}

/** The cases among `caseIds` with a review running (arranged, held or reported). */
export async function casesWithRunningReview(executor: Executor, authorityId: string, caseIds: readonly string[]): Promise<Set<string>> {
  if (caseIds.length === 0) return new Set();
  const rows = await executor
    .select({ caseId: annualReview.caseId })
    .from(annualReview)
    .where(and(eq(annualReview.authorityId, authorityId), inArray(annualReview.caseId, [...caseIds]), ne(annualReview.status, 'decided')));
  return new Set(rows.map((row) => row.caseId));
}

export async function insertReviews(executor: Executor, rows: readonly NewReviewRow[]): Promise<void> {
  if (rows.length > 0) await executor.insert(annualReview).values([...rows]);
}

export async function updateReview(executor: Executor, authorityId: string, reviewId: string, version: number, patch: Partial<NewReviewRow>): Promise<ReviewRow | undefined> {
  const [row] = await executor
    .update(annualReview)
    .set({ ...patch, version: version + 1 })
    .where(and(eq(annualReview.authorityId, authorityId), eq(annualReview.id, reviewId), eq(annualReview.version, version)))
    .returning();
  return row;
}

export async function readUnderFiveMonths(executor: Executor, authorityId: string): Promise<number | undefined> {
  const [row] = await executor.select({ months: reviewSetting.underFiveMonths }).from(reviewSetting).where(eq(reviewSetting.authorityId, authorityId)).limit(1);
  return row?.months;
}

export async function saveUnderFiveMonths(executor: Executor, authorityId: string, months: number, updatedBy: string, updatedAt: Date): Promise<void> {
  await executor
    .insert(reviewSetting)
    .values({ authorityId, underFiveMonths: months, updatedBy, updatedAt })
    .onConflictDoUpdate({ target: [reviewSetting.authorityId], set: { underFiveMonths: months, updatedBy, updatedAt } });
}

export async function findSchoolByUrn(executor: Executor, urn: number): Promise<{ id: string; urn: number; name: string; status: string } | undefined> {
  const [row] = await executor.select({ id: school.id, urn: school.urn, name: school.name, status: school.status }).from(school).where(eq(school.urn, urn)).limit(1);
  return row;
}

/** One plan's next review on a list: the case, the child, the school, the officer, the review running. */
export interface ReviewDueRow {
  caseId: string;
  reference: string;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  officerId: string | null;
  officerName: string | null;
  schoolUrn: number | null;
  schoolName: string | null;
  statutoryDueOn: string;
  dueOn: string;
  underFive: boolean;
  reviewId: string | null;
  reviewStatus: string | null;
  meetingOn: string | null;
}

/** What narrows a list of reviews due. */
export interface ReviewDueFilters {
  officerId?: string | undefined;
  schoolId?: string | undefined;
  /** The due days, inclusive: a month's, or everything up to a horizon. */
  dueFrom?: string | undefined;
  dueTo: string;
}

// The plans' next reviews, with each one's own due day: the statutory day (CFA 2014 s.44(1)) or,
// for a child still under 5 when it would fall due, the council's shorter interval ($5 months,
// Code of Practice 9.178). Two index ranges, never every plan: those due by the statutory day
// ($3, from the review-due index), and the young children's plans due later ($4, the widest the
// shorter interval can bring forward, from the child's date-of-birth index, born after $6).
// $1 authority, $2 due from (or null), $3 due to, $4 widest, $5 months, $6 born after, $7 officer,
// $8 school. The shorter day is the last review's date (the day after the statutory day, 12 months
// back) plus the interval, less a day.
const REVIEWS_DUE = `
  WITH due AS (
    SELECT d."case_id", d."due_on" FROM "case_deadline" d
     WHERE d."authority_id" = $1 AND d."deadline_id" = 'review-due' AND d."met_on" IS NULL AND d."due_on" <= $3::date
    UNION
    SELECT d."case_id", d."due_on" FROM "child" y
      JOIN "ehc_case" yc ON yc."authority_id" = y."authority_id" AND yc."child_id" = y."id" AND yc."closed_on" IS NULL
      JOIN "case_deadline" d ON d."authority_id" = yc."authority_id" AND d."case_id" = yc."id" AND d."deadline_id" = 'review-due' AND d."met_on" IS NULL
     WHERE y."authority_id" = $1 AND y."date_of_birth" > $6::date AND d."due_on" > $3::date AND d."due_on" <= $4::date
  ), placed AS (
    SELECT due."case_id", due."due_on" AS "statutory", ch."id" AS "child_id", ch."date_of_birth", ch."school_id", c."officer_id", c."reference",
           ch."forename", ch."surname", ch."preferred_name",
           (((due."due_on" + 1) - interval '12 months' + make_interval(months => $5::int) - interval '1 day')::date) AS "shorter"
      FROM due
      JOIN "ehc_case" c ON c."authority_id" = $1 AND c."id" = due."case_id" AND c."closed_on" IS NULL
      JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
     WHERE ($7::uuid IS NULL OR c."officer_id" = $7) AND ($8::uuid IS NULL OR ch."school_id" = $8)
  ), dated AS (
    SELECT p.*, (p."shorter" < (p."date_of_birth" + interval '5 years')::date) AS "under_five",
           CASE WHEN p."shorter" < (p."date_of_birth" + interval '5 years')::date THEN p."shorter" ELSE p."statutory" END AS "effective"
      FROM placed p
  )`;

const REVIEWS_DUE_WINDOW = `"effective" <= $3::date AND ($2::date IS NULL OR "effective" >= $2::date)`;

const reviewsDuePage = planEachTime<ReviewDueRow>(
  `${REVIEWS_DUE}
   SELECT x."case_id" AS "caseId", x."reference", x."child_id" AS "childId", x."forename", x."surname", x."preferred_name" AS "preferredName",
          x."date_of_birth" AS "dateOfBirth", x."officer_id" AS "officerId", s."name" AS "officerName", sc."urn" AS "schoolUrn", sc."name" AS "schoolName",
          x."statutory" AS "statutoryDueOn", x."effective" AS "dueOn", x."under_five" AS "underFive",
          r."id" AS "reviewId", r."status" AS "reviewStatus", r."meeting_on" AS "meetingOn"
     FROM (SELECT * FROM dated WHERE ${REVIEWS_DUE_WINDOW} ORDER BY "effective", "case_id" LIMIT $9 OFFSET $10) x
     LEFT JOIN "staff_user" s ON s."authority_id" = $1 AND s."id" = x."officer_id"
     LEFT JOIN "school" sc ON sc."id" = x."school_id"
     LEFT JOIN "annual_review" r ON r."authority_id" = $1 AND r."case_id" = x."case_id" AND r."status" <> 'decided'
    ORDER BY x."effective", x."case_id"`,
);

export interface DueWindow {
  dueFrom: string | null;
  dueTo: string;
  widest: string;
  months: number;
  bornAfter: string;
}

const dueParams = (authorityId: string, window: DueWindow, filters: Pick<ReviewDueFilters, 'officerId' | 'schoolId'>) => [
  authorityId,
  window.dueFrom,
  window.dueTo,
  window.widest,
  window.months,
  window.bornAfter,
  filters.officerId ?? null,
  filters.schoolId ?? null,
];

export async function listReviewsDue(db: Database, authorityId: string, window: DueWindow, filters: Pick<ReviewDueFilters, 'officerId' | 'schoolId'>, limit: number, offset: number): Promise<ReviewDueRow[]> {
  return readRows(db, reviewsDuePage, [...dueParams(authorityId, window, filters), limit, offset]);
}

/** The count, overdue (before $9, today) and not yet. */
const reviewsDueCounts = planEachTime<{ overdue: number; upcoming: number; underFive: number }>(
  `${REVIEWS_DUE}
   SELECT count(*) FILTER (WHERE "effective" < $9::date)::int AS "overdue", count(*) FILTER (WHERE "effective" >= $9::date)::int AS "upcoming",
          count(*) FILTER (WHERE "under_five")::int AS "underFive"
     FROM dated WHERE ${REVIEWS_DUE_WINDOW}`,
);

export async function countReviewsDue(db: Database, authorityId: string, window: DueWindow, filters: Pick<ReviewDueFilters, 'officerId' | 'schoolId'>, today: string) {
  const [row] = await readRows(db, reviewsDueCounts, [...dueParams(authorityId, window, filters), today]);
  return { overdue: row?.overdue ?? 0, upcoming: row?.upcoming ?? 0, underFive: row?.underFive ?? 0 };
}

export interface ReviewGroupRow {
  key: string | null;
  label: string | null;
  urn: number | null;
  overdue: number;
  upcoming: number;
  totalOverdue: number;
  totalUpcoming: number;
  totalUnderFive: number;
}

/**
 * The totals over every group, not only the groups shown: window sums over the groups, taken before
 * the LIMIT, so the page's counts come from the same pass over the plans due as its groups (a third
 * pass counting them cost a third of the page's database time).
 */
const GROUP_TOTALS = `sum(count(*) FILTER (WHERE g."effective" < $9::date)) OVER ()::int AS "totalOverdue", sum(count(*) FILTER (WHERE g."effective" >= $9::date)) OVER ()::int AS "totalUpcoming", sum(count(*) FILTER (WHERE g."under_five")) OVER ()::int AS "totalUnderFive"`;

/** The reviews due grouped by school, officer or month ($9 today), the largest groups first for schools and officers, each row with the totals over all groups. */
const GROUP_SQL = {
  school: `SELECT sc."id" AS "key", sc."name" AS "label", sc."urn" AS "urn", count(*) FILTER (WHERE g."effective" < $9::date)::int AS "overdue", count(*) FILTER (WHERE g."effective" >= $9::date)::int AS "upcoming", ${GROUP_TOTALS}
             FROM (SELECT * FROM dated WHERE ${REVIEWS_DUE_WINDOW}) g LEFT JOIN "school" sc ON sc."id" = g."school_id"
            GROUP BY sc."id", sc."name", sc."urn" ORDER BY count(*) DESC, sc."name" NULLS LAST LIMIT $10`,
  officer: `SELECT s."id"::text AS "key", s."name" AS "label", NULL::int AS "urn", count(*) FILTER (WHERE g."effective" < $9::date)::int AS "overdue", count(*) FILTER (WHERE g."effective" >= $9::date)::int AS "upcoming", ${GROUP_TOTALS}
             FROM (SELECT * FROM dated WHERE ${REVIEWS_DUE_WINDOW}) g LEFT JOIN "staff_user" s ON s."authority_id" = $1 AND s."id" = g."officer_id"
            GROUP BY s."id", s."name" ORDER BY count(*) DESC, s."name" NULLS LAST LIMIT $10`,
  month: `SELECT to_char(greatest(g."effective", date_trunc('month', $9::date)::date), 'YYYY-MM') AS "key", NULL::text AS "label", NULL::int AS "urn",
                 count(*) FILTER (WHERE g."effective" < $9::date)::int AS "overdue", count(*) FILTER (WHERE g."effective" >= $9::date)::int AS "upcoming", ${GROUP_TOTALS}
            FROM (SELECT * FROM dated WHERE ${REVIEWS_DUE_WINDOW}) g
           GROUP BY 1 ORDER BY 1 LIMIT $10`,
} as const;
const groupStatements = {
  school: planEachTime<ReviewGroupRow>(`${REVIEWS_DUE} ${GROUP_SQL.school}`),
  officer: planEachTime<ReviewGroupRow>(`${REVIEWS_DUE} ${GROUP_SQL.officer}`),
  month: planEachTime<ReviewGroupRow>(`${REVIEWS_DUE} ${GROUP_SQL.month}`),
};

export async function groupReviewsDue(
  db: Database,
  authorityId: string,
  window: DueWindow,
  filters: Pick<ReviewDueFilters, 'officerId' | 'schoolId'>,
  today: string,
  by: 'school' | 'officer' | 'month',
  limit: number,
): Promise<ReviewGroupRow[]> {
  return readRows(db, groupStatements[by], [...dueParams(authorityId, window, filters), today, limit]);
}

export interface SchoolReviewStages {
  schoolId: string;
  arranged: number;
  held: number;
  reported: number;
  decided: number;
}

/** The reviews run at each school since `since`, by how far each has gone. */
export async function countReviewStagesBySchool(executor: Executor, authorityId: string, schoolIds: readonly string[], since: string): Promise<SchoolReviewStages[]> {
  if (schoolIds.length === 0) return [];
  return executor
    .select({
      schoolId: sql<string>`${annualReview.schoolId}`,
      arranged: sql<number>`count(*) FILTER (WHERE ${annualReview.status} = 'arranged')::int`,
      held: sql<number>`count(*) FILTER (WHERE ${annualReview.status} = 'held')::int`,
      reported: sql<number>`count(*) FILTER (WHERE ${annualReview.status} = 'reported')::int`,
      decided: sql<number>`count(*) FILTER (WHERE ${annualReview.status} = 'decided')::int`,
    })
    .from(annualReview)
    .where(and(eq(annualReview.authorityId, authorityId), inArray(annualReview.schoolId, [...schoolIds]), sql`${annualReview.meetingOn} >= ${since}`))
    .groupBy(annualReview.schoolId)
    .orderBy(asc(annualReview.schoolId));
}

/** The council's active case officers, by name. */
export async function listOfficers(executor: Executor, authorityId: string): Promise<{ id: string; name: string }[]> {
  return executor
    .select({ id: staffUser.id, name: staffUser.name })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.role, 'case_officer'), isNull(staffUser.deactivatedAt)))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
}

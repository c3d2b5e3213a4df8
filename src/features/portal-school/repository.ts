import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.ts';

// The school portal's reads and writes. Every query but one is asked of one council: the school's
// pupils there (the school on the child's record), its consultations and its pupils' reviews. The
// one that is not, sameSchoolAccountsElsewhere, finds the same person's accounts at the same school
// in other councils, and says so with its "cross-authority" comment.

export interface SchoolLinkRow {
  authorityId: string;
  accountId: string;
  schoolId: string;
  urn: number;
  schoolName: string;
  role: string;
  councilName: string;
}

const LINK_COLUMNS = sql`l."authority_id" AS "authorityId", l."account_id" AS "accountId", l."school_id" AS "schoolId", s."urn" AS "urn", s."name" AS "schoolName", l."role" AS "role", au."name" AS "councilName"`;

/** The account's live links to schools in its own council. */
export async function ownSchoolLinks(executor: Executor, authorityId: string, accountId: string): Promise<SchoolLinkRow[]> {
  return queryRows<SchoolLinkRow>(
    executor,
    sql`SELECT ${LINK_COLUMNS}
        FROM "portal_school_link" l JOIN "school" s ON s."id" = l."school_id" JOIN "authority" au ON au."id" = l."authority_id"
        WHERE l."authority_id" = ${authorityId} AND l."account_id" = ${accountId} AND l."ended_at" IS NULL
        ORDER BY s."name"`,
  );
}

/**
 * The same person's live school accounts in other councils, at the schools given: the same e-mail
 * address, an account not disabled, a live link to the same school (URN). Sign-in is per council;
 * this is how a SENCo whose school takes pupils of several councils sees them together.
 */
export async function sameSchoolAccountsElsewhere(executor: Executor, email: string, ownAuthorityId: string, schoolIds: readonly string[]): Promise<SchoolLinkRow[]> {
  if (schoolIds.length === 0) return [];
  return queryRows<SchoolLinkRow>(
    executor,
    sql`/* cross-authority: a school's own staff at the same URN in the other councils it works with */
        SELECT ${LINK_COLUMNS}
        FROM "portal_account" a
        JOIN "portal_school_link" l ON l."authority_id" = a."authority_id" AND l."account_id" = a."id" AND l."ended_at" IS NULL
        JOIN "school" s ON s."id" = l."school_id" JOIN "authority" au ON au."id" = a."authority_id"
        WHERE a."email" = ${email} AND a."kind" = 'school' AND a."status" <> 'disabled' AND a."authority_id" <> ${ownAuthorityId}
          AND l."school_id" IN (${sql.join(
            schoolIds.map((id) => sql`${id}`),
            sql`, `,
          )})
        ORDER BY au."name", s."name"
        LIMIT 20`,
  );
}

export interface StaffRow {
  accountId: string;
  name: string;
  email: string;
  role: string;
  status: string;
  addedAt: string;
}

/** The school's people in this council with a live link, administrators first. */
export async function schoolStaff(executor: Executor, authorityId: string, schoolId: string): Promise<StaffRow[]> {
  return queryRows<StaffRow>(
    executor,
    sql`SELECT a."id" AS "accountId", a."name" AS "name", a."email" AS "email", l."role" AS "role", a."status" AS "status", to_char(l."created_at" AT TIME ZONE 'Europe/London', 'YYYY-MM-DD') AS "addedAt"
        FROM "portal_school_link" l JOIN "portal_account" a ON a."authority_id" = l."authority_id" AND a."id" = l."account_id"
        WHERE l."authority_id" = ${authorityId} AND l."school_id" = ${schoolId} AND l."ended_at" IS NULL
        ORDER BY l."role", a."name"`,
  );
}

export interface PupilRow {
  childId: string;
  firstName: string;
  surname: string;
  dateOfBirth: string;
  caseId: string | null;
  reference: string | null;
  stage: string | null;
  officerName: string | null;
  planStatus: string | null;
  planIssuedOn: string | null;
  reviewId: string | null;
  reviewMeetingOn: string | null;
  reviewStatus: string | null;
}

/**
 * The school's pupils in one council: children whose record names the school. What the council
 * shares with the school: names, date of birth, the open case's stage and officer, the plan's
 * status, the review running. Never the family's address or contact details.
 */
function pupilQuery(authorityId: string, schoolId: string, childId?: string) {
  return sql`SELECT ch."id" AS "childId", coalesce(ch."preferred_name", ch."forename") AS "firstName", ch."surname" AS "surname", ch."date_of_birth"::text AS "dateOfBirth",
          c."id" AS "caseId", c."reference" AS "reference", c."stage" AS "stage", u."name" AS "officerName",
          pv."status" AS "planStatus", pv."issued_on"::text AS "planIssuedOn",
          r."id" AS "reviewId", r."meeting_on"::text AS "reviewMeetingOn", r."status" AS "reviewStatus"
        FROM "child" ch
        LEFT JOIN "ehc_case" c ON c."authority_id" = ch."authority_id" AND c."child_id" = ch."id" AND c."closed_on" IS NULL
        LEFT JOIN "staff_user" u ON u."authority_id" = c."authority_id" AND u."id" = c."officer_id"
        LEFT JOIN LATERAL (
          SELECT v."status", v."issued_on" FROM "plan_version" v JOIN "plan" p ON p."authority_id" = v."authority_id" AND p."id" = v."plan_id"
          WHERE v."authority_id" = ${authorityId} AND p."case_id" = c."id" AND v."status" <> 'working'
          ORDER BY v."number" DESC LIMIT 1
        ) pv ON true
        LEFT JOIN "annual_review" r ON r."authority_id" = c."authority_id" AND r."case_id" = c."id" AND r."status" <> 'decided'
        WHERE ch."authority_id" = ${authorityId} AND ch."school_id" = ${schoolId} ${childId ? sql`AND ch."id" = ${childId}` : sql``}
        ORDER BY ch."surname", ch."forename", ch."id"
        LIMIT 500`;
}

export async function pupils(executor: Executor, authorityId: string, schoolId: string): Promise<PupilRow[]> {
  return queryRows<PupilRow>(executor, pupilQuery(authorityId, schoolId));
}

export async function pupil(executor: Executor, authorityId: string, schoolId: string, childId: string): Promise<PupilRow | undefined> {
  return (await queryRows<PupilRow>(executor, pupilQuery(authorityId, schoolId, childId)))[0];
}

export interface ConsultationRow {
  id: string;
  caseId: string;
  childId: string;
  firstName: string;
  surname: string;
  basis: string;
  sentOn: string;
  dueOn: string;
  status: string;
  response: string | null;
  reasons: string | null;
  respondedOn: string | null;
  version: number;
  closedOn: string | null;
}

function consultationQuery(authorityId: string, schoolId: string, consultationId?: string) {
  return sql`SELECT sc."id" AS "id", sc."case_id" AS "caseId", ch."id" AS "childId", coalesce(ch."preferred_name", ch."forename") AS "firstName", ch."surname" AS "surname",
          sc."basis" AS "basis", sc."sent_on"::text AS "sentOn", sc."due_on"::text AS "dueOn", sc."status" AS "status", sc."response" AS "response", sc."reasons" AS "reasons",
          sc."responded_on"::text AS "respondedOn", sc."version" AS "version", c."closed_on"::text AS "closedOn"
        FROM "school_consultation" sc
        JOIN "ehc_case" c ON c."authority_id" = sc."authority_id" AND c."id" = sc."case_id"
        JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
        WHERE sc."authority_id" = ${authorityId} AND sc."school_id" = ${schoolId} AND sc."status" <> 'withdrawn' ${consultationId ? sql`AND sc."id" = ${consultationId}` : sql``}
        ORDER BY (sc."status" = 'awaiting') DESC, sc."due_on", sc."id"
        LIMIT 200`;
}

/** The consultations of this school in one council (withdrawn ones are no longer the school's business). */
export async function consultations(executor: Executor, authorityId: string, schoolId: string): Promise<ConsultationRow[]> {
  return queryRows<ConsultationRow>(executor, consultationQuery(authorityId, schoolId));
}

export async function consultation(executor: Executor, authorityId: string, schoolId: string, consultationId: string): Promise<ConsultationRow | undefined> {
  return (await queryRows<ConsultationRow>(executor, consultationQuery(authorityId, schoolId, consultationId)))[0];
}

/** Writes the school's answer where the officers record it, if the consultation still awaits one at the version read. */
export async function answerConsultation(
  executor: Executor,
  authorityId: string,
  schoolId: string,
  consultationId: string,
  version: number,
  answer: { response: string; reasons: string | null; respondedOn: string; at: Date },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`UPDATE "school_consultation" SET "status" = 'answered', "response" = ${answer.response}, "reasons" = ${answer.reasons}, "responded_on" = ${answer.respondedOn},
          "updated_at" = ${answer.at.toISOString()}, "version" = "version" + 1
        WHERE "authority_id" = ${authorityId} AND "school_id" = ${schoolId} AND "id" = ${consultationId} AND "status" = 'awaiting' AND "version" = ${version}
        RETURNING "id"`,
  );
  return rows.length > 0;
}

export interface ReviewRow {
  id: string;
  caseId: string;
  childId: string;
  firstName: string;
  surname: string;
  dueOn: string | null;
  status: string;
  meetingOn: string;
  heldOn: string | null;
  headTeacherHolds: boolean;
  reportReceivedOn: string | null;
  reportSummary: string | null;
  /** The name of the report's document, when the school attached one. */
  reportDocumentName: string | null;
  version: number;
  closedOn: string | null;
}

/** The running reviews of the school's pupils in one council: the review held at the school, or of a child whose record names it. */
function reviewQuery(authorityId: string, schoolId: string, reviewId?: string) {
  return sql`SELECT r."id" AS "id", r."case_id" AS "caseId", ch."id" AS "childId", coalesce(ch."preferred_name", ch."forename") AS "firstName", ch."surname" AS "surname",
          r."due_on"::text AS "dueOn", r."status" AS "status", r."meeting_on"::text AS "meetingOn", r."held_on"::text AS "heldOn", r."head_teacher_holds" AS "headTeacherHolds",
          r."report_received_on"::text AS "reportReceivedOn", r."report_summary" AS "reportSummary", d."filename" AS "reportDocumentName",
          r."version" AS "version", c."closed_on"::text AS "closedOn"
        FROM "annual_review" r
        JOIN "ehc_case" c ON c."authority_id" = r."authority_id" AND c."id" = r."case_id"
        JOIN "child" ch ON ch."authority_id" = r."authority_id" AND ch."id" = r."child_id"
        LEFT JOIN "document" d ON d."authority_id" = r."authority_id" AND d."id" = r."report_document_id"
        WHERE r."authority_id" = ${authorityId} AND r."status" <> 'decided' AND (r."school_id" = ${schoolId} OR ch."school_id" = ${schoolId})
          ${reviewId ? sql`AND r."id" = ${reviewId}` : sql``}
        ORDER BY r."meeting_on", r."id"
        LIMIT 200`;
}

export async function reviews(executor: Executor, authorityId: string, schoolId: string): Promise<ReviewRow[]> {
  return queryRows<ReviewRow>(executor, reviewQuery(authorityId, schoolId));
}

export async function review(executor: Executor, authorityId: string, schoolId: string, reviewId: string): Promise<ReviewRow | undefined> {
  return (await queryRows<ReviewRow>(executor, reviewQuery(authorityId, schoolId, reviewId)))[0];
}

/** Records the school's review report where the officers record it, if the meeting is held and no report is in yet. */
export async function recordReviewReport(
  executor: Executor,
  authorityId: string,
  reviewId: string,
  version: number,
  report: { receivedOn: string; summary: string; documentId: string | null; at: Date },
): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    executor,
    sql`UPDATE "annual_review" SET "status" = 'reported', "report_received_on" = ${report.receivedOn}, "report_summary" = ${report.summary},
          "report_document_id" = ${report.documentId}, "updated_at" = ${report.at.toISOString()}, "version" = "version" + 1
        WHERE "authority_id" = ${authorityId} AND "id" = ${reviewId} AND "status" = 'held' AND "version" = ${version}
        RETURNING "id"`,
  );
  return rows.length > 0;
}

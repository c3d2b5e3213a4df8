import { sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.ts';
import { portalFamilyViews, portalYoungPersonChoice } from '../../db/schema/index.ts';

/** A live link from a family account to a child, with what the family pages need of the child and their case. */
export interface FamilyChildRow {
  relationship: string;
  personId: string | null;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  sensitive: boolean;
  /** The young person's latest choice whether their family may see the case; null when none is recorded. */
  shareWithFamily: boolean | null;
  choiceRecordedAt: Date | null;
  caseId: string | null;
  reference: string | null;
  stage: string | null;
  closedOn: string | null;
  officerId: string | null;
  officerName: string | null;
  officerEmail: string | null;
  /** The linked parent's or carer's own address, and whether it must not be disclosed. */
  address: string | null;
  postcode: string | null;
  doNotDiscloseAddress: boolean | null;
}

/**
 * The account's live link to the child, with the child, the young person's latest choice, the
 * child's case (the open one, else the latest) and its officer, and the linked person's address:
 * one statement, as the case page is the portal's busiest.
 */
export async function findFamilyChild(executor: Executor, authorityId: string, accountId: string, childId: string): Promise<FamilyChildRow | undefined> {
  const [row] = await queryRows<FamilyChildRow>(
    executor,
    sql`SELECT l."relationship" AS "relationship", l."person_id" AS "personId", c."forename", c."surname", c."preferred_name" AS "preferredName",
          c."date_of_birth"::text AS "dateOfBirth", c."sensitive",
          ch."share_with_family" AS "shareWithFamily", ch."recorded_at" AS "choiceRecordedAt",
          k."id" AS "caseId", k."reference", k."stage", k."closed_on"::text AS "closedOn", k."officer_id" AS "officerId", s."name" AS "officerName", s."email" AS "officerEmail",
          p."address", p."postcode", p."do_not_disclose_address" AS "doNotDiscloseAddress"
        FROM "portal_family_link" l
        JOIN "child" c ON c."authority_id" = l."authority_id" AND c."id" = l."child_id"
        LEFT JOIN LATERAL (
          SELECT y."share_with_family", y."recorded_at" FROM "portal_young_person_choice" y
          WHERE y."authority_id" = l."authority_id" AND y."child_id" = l."child_id"
          ORDER BY y."recorded_at" DESC, y."id" DESC LIMIT 1
        ) ch ON true
        LEFT JOIN LATERAL (
          SELECT e."id", e."reference", e."stage", e."closed_on", e."officer_id" FROM "ehc_case" e
          WHERE e."authority_id" = l."authority_id" AND e."child_id" = l."child_id"
          ORDER BY (e."closed_on" IS NULL) DESC, e."opened_on" DESC, e."id" DESC LIMIT 1
        ) k ON true
        LEFT JOIN "staff_user" s ON s."authority_id" = l."authority_id" AND s."id" = k."officer_id"
        LEFT JOIN "person" p ON p."authority_id" = l."authority_id" AND p."id" = l."person_id"
        WHERE l."authority_id" = ${authorityId} AND l."account_id" = ${accountId} AND l."child_id" = ${childId} AND l."ended_at" IS NULL`,
  );
  if (!row) return undefined;
  return { ...row, choiceRecordedAt: row.choiceRecordedAt ? new Date(row.choiceRecordedAt) : null };
}

/** The case's deadlines not yet met, the soonest first. */
export async function openDeadlines(executor: Executor, authorityId: string, caseId: string): Promise<{ deadlineId: string; dueOn: string; duty: string }[]> {
  return queryRows(
    executor,
    sql`SELECT "deadline_id" AS "deadlineId", "due_on"::text AS "dueOn", "duty" FROM "case_deadline"
        WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId} AND "met_on" IS NULL ORDER BY "due_on", "deadline_id"`,
  );
}

export interface FamilyLetterRow {
  id: string;
  letterType: string;
  subject: string;
  bodyText: string;
  createdAt: Date;
}

/** The letters of these types sent on the case, the newest first (the list: no words). */
export async function caseLetters(executor: Executor, authorityId: string, caseId: string, types: readonly string[]): Promise<Omit<FamilyLetterRow, 'bodyText'>[]> {
  if (types.length === 0) return [];
  const rows = await queryRows<Omit<FamilyLetterRow, 'bodyText'>>(
    executor,
    sql`SELECT "id", "letter_type" AS "letterType", "subject", "created_at" AS "createdAt" FROM "letter"
        WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId} AND "letter_type" IN (${sql.join(
          types.map((type) => sql`${type}`),
          sql`, `,
        )})
        ORDER BY "created_at" DESC, "id" DESC LIMIT 100`,
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt) }));
}

/** One letter sent on the case, if it is of these types. */
export async function caseLetter(executor: Executor, authorityId: string, caseId: string, letterId: string, types: readonly string[]): Promise<FamilyLetterRow | undefined> {
  const [row] = await queryRows<FamilyLetterRow>(
    executor,
    sql`SELECT "id", "letter_type" AS "letterType", "subject", "body_text" AS "bodyText", "created_at" AS "createdAt" FROM "letter"
        WHERE "authority_id" = ${authorityId} AND "case_id" = ${caseId} AND "id" = ${letterId}`,
  );
  if (!row || !types.includes(row.letterType)) return undefined;
  return { ...row, createdAt: new Date(row.createdAt) };
}

/** The issued versions of the case's plan (no content): what the case page lists. */
export async function issuedPlanVersions(executor: Executor, authorityId: string, caseId: string): Promise<{ number: number; status: string; issuedOn: string }[]> {
  return queryRows(
    executor,
    sql`SELECT v."number", v."status", v."issued_on"::text AS "issuedOn" FROM "plan" p
        JOIN "plan_version" v ON v."authority_id" = p."authority_id" AND v."plan_id" = p."id"
        WHERE p."authority_id" = ${authorityId} AND p."case_id" = ${caseId} AND p."type" = 'ehc' AND v."status" <> 'working'
        ORDER BY v."number"`,
  );
}

/** An open school on the register, by URN. */
export async function findOpenSchoolByUrn(executor: Executor, urn: number): Promise<{ id: string; urn: number; name: string } | undefined> {
  const [row] = await queryRows<{ id: string; urn: number; name: string }>(executor, sql`SELECT "id", "urn", "name" FROM "school" WHERE "urn" = ${urn} AND "status" <> 'Closed'`);
  return row;
}

/** What the family sent through the portal about the case's draft plan, the newest first. */
export async function familyRepresentations(
  executor: Executor,
  authorityId: string,
  caseId: string,
): Promise<{ id: string; kind: string; section: string | null; words: string; receivedOn: string; late: boolean; schoolName: string | null; senderName: string | null }[]> {
  return queryRows(
    executor,
    sql`SELECT r."id", r."kind", r."section", r."words", r."received_on"::text AS "receivedOn", r."late", s."name" AS "schoolName", a."name" AS "senderName"
        FROM "draft_representation" r
        LEFT JOIN "school" s ON s."id" = r."school_id"
        LEFT JOIN "portal_account" a ON a."authority_id" = r."authority_id" AND 'portal:' || a."id"::text = r."recorded_by"
        WHERE r."authority_id" = ${authorityId} AND r."case_id" = ${caseId} AND r."recorded_by" LIKE 'portal:%'
        ORDER BY r."recorded_at" DESC, r."id" DESC`,
  );
}

export async function insertChoice(executor: Executor, row: typeof portalYoungPersonChoice.$inferInsert): Promise<void> {
  await executor.insert(portalYoungPersonChoice).values(row);
}

export async function insertViews(executor: Executor, row: typeof portalFamilyViews.$inferInsert): Promise<void> {
  await executor.insert(portalFamilyViews).values(row);
}

/** The views for section A sent through the portal for a child, each with who sent them and when. */
export interface FamilyViewsRow {
  id: string;
  senderName: string;
  senderRelationship: string;
  whatMatters: string | null;
  goodAt: string | null;
  hopes: string | null;
  support: string | null;
  familyViews: string | null;
  sentAt: Date;
}

/** Every sending of views for the child through the portal, the newest first (none is ever overwritten). */
export async function viewsOfChild(executor: Executor, authorityId: string, childId: string): Promise<FamilyViewsRow[]> {
  const rows = await queryRows<FamilyViewsRow>(
    executor,
    sql`SELECT "id", "sender_name" AS "senderName", "sender_relationship" AS "senderRelationship", "what_matters" AS "whatMatters", "good_at" AS "goodAt",
          "hopes", "support", "family_views" AS "familyViews", "sent_at" AS "sentAt"
        FROM "portal_family_views" WHERE "authority_id" = ${authorityId} AND "child_id" = ${childId}
        ORDER BY "sent_at" DESC, "id" DESC LIMIT 100`,
  );
  return rows.map((row) => ({ ...row, sentAt: new Date(row.sentAt) }));
}

/** The documents this account sent through the portal on the child's cases, the newest first (never the council's own). */
export async function documentsSentBy(
  executor: Executor,
  authorityId: string,
  accountId: string,
  childId: string,
): Promise<{ id: string; title: string; filename: string; mediaType: string; sizeBytes: number; uploadedAt: Date }[]> {
  const rows = await queryRows<{ id: string; title: string; filename: string; mediaType: string; sizeBytes: number; uploadedAt: Date }>(
    executor,
    sql`SELECT f."id", f."title", f."filename", f."media_type" AS "mediaType", f."size_bytes" AS "sizeBytes", f."uploaded_at" AS "uploadedAt"
        FROM "document" f
        WHERE f."authority_id" = ${authorityId} AND f."kind" = 'upload' AND f."uploaded_by" = ${accountId}
          AND f."case_id" IN (SELECT c."id" FROM "ehc_case" c WHERE c."authority_id" = ${authorityId} AND c."child_id" = ${childId})
        ORDER BY f."uploaded_at" DESC, f."id" DESC LIMIT 100`,
  );
  return rows.map((row) => ({ ...row, sizeBytes: Number(row.sizeBytes), uploadedAt: new Date(row.uploadedAt) }));
}

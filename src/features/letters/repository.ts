import { and, desc, eq, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.ts';
import { letter, letterCouncilDetails, letterTemplate } from '../../db/schema/index.ts';
import { messageStateSql, type MessageState } from '../outbox/index.ts';

/** The council's details as saved (or none yet), with the authority's own name and whether it is the demo council. */
export interface CouncilDetailsRow {
  councilName: string;
  sendTeamEmail: string;
  iassName: string;
  iassContact: string;
  mediationService: string;
  disagreementResolutionService: string;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

export interface AuthorityForLetters {
  authorityName: string;
  /** The demo council (LA 999), whose letters may use the demo's details until saved. */
  demo: boolean;
  details: CouncilDetailsRow | null;
}

const DEMO_LA_CODE = '999';

export async function findAuthorityForLetters(executor: Executor, authorityId: string): Promise<AuthorityForLetters | undefined> {
  const rows = await queryRows<{ authorityName: string; demo: boolean; details: (Omit<CouncilDetailsRow, 'updatedAt'> & { updatedAt: string }) | null }>(
    executor,
    sql`SELECT a."name" AS "authorityName",
               EXISTS (SELECT 1 FROM "authority_code" ac WHERE ac."authority_id" = a."id" AND ac."la_code" = ${DEMO_LA_CODE}) AS "demo",
               (SELECT json_build_object('councilName', d."council_name", 'sendTeamEmail', d."send_team_email", 'iassName', d."iass_name", 'iassContact', d."iass_contact",
                                         'mediationService', d."mediation_service", 'disagreementResolutionService', d."disagreement_resolution_service",
                                         'version', d."version", 'updatedBy', d."updated_by", 'updatedAt', d."updated_at")
                  FROM "letter_council_details" d WHERE d."authority_id" = ${authorityId}) AS "details"
          FROM "authority" a WHERE a."id" = ${authorityId}`,
  );
  const row = rows[0];
  if (!row) return undefined;
  return { authorityName: row.authorityName, demo: row.demo, details: row.details ? { ...row.details, updatedAt: new Date(row.details.updatedAt) } : null };
}

export interface LetterContextRow {
  caseId: string;
  reference: string;
  childId: string;
  forename: string;
  surname: string;
  dateOfBirth: string;
  officer: { name: string; email: string } | null;
  sender: { name: string; email: string } | null;
  authorityName: string;
  demo: boolean;
  details: Omit<CouncilDetailsRow, 'version' | 'updatedBy' | 'updatedAt'> | null;
  template: { version: number; subject: string; body: string } | null;
  /** The recipient person's do-not-disclose flag, when the letter is to a person on the record. */
  personWithholdsAddress: boolean | null;
  /** The name of the child's main contact, for a preview's greeting. */
  mainContactName: string | null;
}

/**
 * Everything a letter on a case is written from, in one statement: the case and child, the named
 * officer and the sender, the council's details and the current template of the type.
 */
export async function readLetterContext(
  executor: Executor,
  authorityId: string,
  caseId: string,
  letterType: string,
  senderId: string | null,
  personId: string | null,
): Promise<LetterContextRow | undefined> {
  return (await readLetterContexts(executor, authorityId, [{ caseId, letterType, personId }], senderId))[0];
}

/**
 * The same for many letters at once (a hand-over writes to hundreds of families), still one
 * statement: each entry's context at its own index, undefined where its case is not the council's.
 */
export async function readLetterContexts(
  executor: Executor,
  authorityId: string,
  entries: readonly { caseId: string; letterType: string; personId: string | null }[],
  senderId: string | null,
): Promise<(LetterContextRow | undefined)[]> {
  if (entries.length === 0) return [];
  const wanted = sql.join(
    entries.map((entry, index) => sql`(${index}::int, ${entry.caseId}::uuid, ${entry.letterType}::text, ${entry.personId}::uuid)`),
    sql`, `,
  );
  const rows = await queryRows<LetterContextRow & { n: number }>(
    executor,
    sql`SELECT w."n", c."id" AS "caseId", c."reference", c."child_id" AS "childId", ch."forename", ch."surname", ch."date_of_birth"::text AS "dateOfBirth",
               (SELECT json_build_object('name', o."name", 'email', o."email") FROM "staff_user" o WHERE o."authority_id" = ${authorityId} AND o."id" = c."officer_id") AS "officer",
               (SELECT json_build_object('name', s."name", 'email', s."email") FROM "staff_user" s WHERE s."authority_id" = ${authorityId} AND s."id" = ${senderId}::uuid) AS "sender",
               a."name" AS "authorityName",
               EXISTS (SELECT 1 FROM "authority_code" ac WHERE ac."authority_id" = a."id" AND ac."la_code" = ${DEMO_LA_CODE}) AS "demo",
               (SELECT json_build_object('councilName', d."council_name", 'sendTeamEmail', d."send_team_email", 'iassName', d."iass_name", 'iassContact', d."iass_contact",
                                         'mediationService', d."mediation_service", 'disagreementResolutionService', d."disagreement_resolution_service")
                  FROM "letter_council_details" d WHERE d."authority_id" = ${authorityId}) AS "details",
               (SELECT json_build_object('version', t."version", 'subject', t."subject", 'body', t."body")
                  FROM "letter_template" t WHERE t."authority_id" = ${authorityId} AND t."letter_type" = w."letter_type"
                 ORDER BY t."version" DESC LIMIT 1) AS "template",
               (SELECT p."do_not_disclose_address" FROM "person" p WHERE p."authority_id" = ${authorityId} AND p."id" = w."person_id") AS "personWithholdsAddress",
               (SELECT p."forename" || ' ' || p."surname" FROM "child_person" cp JOIN "person" p ON p."authority_id" = cp."authority_id" AND p."id" = cp."person_id"
                 WHERE cp."authority_id" = ${authorityId} AND cp."child_id" = c."child_id" AND cp."unlinked_at" IS NULL
                 ORDER BY cp."main_contact" DESC, p."surname", p."id" LIMIT 1) AS "mainContactName"
          FROM (VALUES ${wanted}) AS w("n", "case_id", "letter_type", "person_id")
          JOIN "ehc_case" c ON c."authority_id" = ${authorityId} AND c."id" = w."case_id"
          JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
          JOIN "authority" a ON a."id" = c."authority_id"
         ORDER BY w."n"`,
  );
  const found: (LetterContextRow | undefined)[] = entries.map(() => undefined);
  for (const { n, ...row } of rows) found[n] = row;
  return found;
}

export type NewLetterRow = typeof letter.$inferInsert;

export async function insertLetters(executor: Executor, rows: readonly NewLetterRow[]): Promise<void> {
  if (rows.length === 0) return;
  await executor.insert(letter).values([...rows]);
}

export interface TemplateVersionRow {
  letterType: string;
  version: number;
  subject: string;
  body: string;
  savedBy: string;
  savedByName: string | null;
  savedAt: string;
}

const VERSION_COLUMNS = sql.raw(`t."letter_type" AS "letterType", t."version", t."subject", t."body", t."saved_by" AS "savedBy", u."name" AS "savedByName", t."saved_at" AS "savedAt"`);

/** The current (latest) version of each type the council has saved. */
export async function listCurrentTemplates(executor: Executor, authorityId: string): Promise<TemplateVersionRow[]> {
  return queryRows<TemplateVersionRow>(
    executor,
    sql`SELECT DISTINCT ON (t."letter_type") ${VERSION_COLUMNS}
          FROM "letter_template" t LEFT JOIN "staff_user" u ON u."authority_id" = t."authority_id" AND u."id" = t."saved_by"
         WHERE t."authority_id" = ${authorityId}
         ORDER BY t."letter_type", t."version" DESC`,
  );
}

/** Every saved version of one type, newest first. */
export async function listTemplateVersions(executor: Executor, authorityId: string, letterType: string): Promise<TemplateVersionRow[]> {
  return queryRows<TemplateVersionRow>(
    executor,
    sql`SELECT ${VERSION_COLUMNS}
          FROM "letter_template" t LEFT JOIN "staff_user" u ON u."authority_id" = t."authority_id" AND u."id" = t."saved_by"
         WHERE t."authority_id" = ${authorityId} AND t."letter_type" = ${letterType}
         ORDER BY t."version" DESC`,
  );
}

export async function latestTemplateVersion(executor: Executor, authorityId: string, letterType: string): Promise<number> {
  const [row] = await executor
    .select({ version: letterTemplate.version })
    .from(letterTemplate)
    .where(and(eq(letterTemplate.authorityId, authorityId), eq(letterTemplate.letterType, letterType)))
    .orderBy(desc(letterTemplate.version))
    .limit(1);
  return row?.version ?? 0;
}

/** Writes a version; false when that version is already taken (someone saved first). */
export async function insertTemplateVersion(executor: Executor, row: typeof letterTemplate.$inferInsert): Promise<boolean> {
  const inserted = await executor.insert(letterTemplate).values(row).onConflictDoNothing().returning({ id: letterTemplate.id });
  return inserted.length === 1;
}

export type CouncilDetailsValues = Pick<CouncilDetailsRow, 'councilName' | 'sendTeamEmail' | 'iassName' | 'iassContact' | 'mediationService' | 'disagreementResolutionService'>;

/**
 * Saves the council's details over the version read (0: none saved yet); false when someone saved
 * since, which changes nothing.
 */
export async function saveCouncilDetails(executor: Executor, authorityId: string, readVersion: number, values: CouncilDetailsValues, by: string, at: Date): Promise<boolean> {
  if (readVersion === 0) {
    const inserted = await executor
      .insert(letterCouncilDetails)
      .values({ authorityId, ...values, version: 1, updatedBy: by, updatedAt: at })
      .onConflictDoNothing()
      .returning({ version: letterCouncilDetails.version });
    return inserted.length === 1;
  }
  const updated = await executor
    .update(letterCouncilDetails)
    .set({ ...values, version: readVersion + 1, updatedBy: by, updatedAt: at })
    .where(and(eq(letterCouncilDetails.authorityId, authorityId), eq(letterCouncilDetails.version, readVersion)))
    .returning({ version: letterCouncilDetails.version });
  return updated.length === 1;
}

export interface RecentCaseRow {
  caseId: string;
  reference: string;
  childId: string;
  childName: string;
}

/** The council's most recently opened open cases, restricted children left out: to preview a letter with. */
export async function listRecentCases(executor: Executor, authorityId: string, limit: number): Promise<RecentCaseRow[]> {
  return queryRows<RecentCaseRow>(
    executor,
    sql`SELECT c."id" AS "caseId", c."reference", c."child_id" AS "childId", ch."forename" || ' ' || ch."surname" AS "childName"
          FROM "ehc_case" c JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
         WHERE c."authority_id" = ${authorityId} AND c."closed_on" IS NULL AND NOT ch."sensitive"
         ORDER BY c."opened_on" DESC, c."id" DESC
         LIMIT ${limit}`,
  );
}

export interface LetterRow {
  id: string;
  caseId: string;
  childId: string;
  caseReference: string;
  letterType: string;
  templateVersion: number | null;
  recipientName: string;
  channel: 'letter' | 'email';
  recipientAddress: string;
  addressWithheld: boolean;
  subject: string;
  bodyText: string;
  bodyHtml: string;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  messageId: string;
  state: MessageState;
  pdfDocumentId: string | null;
}

const LETTER_COLUMNS = sql.raw(`l."id", l."case_id" AS "caseId", l."child_id" AS "childId", c."reference" AS "caseReference", l."letter_type" AS "letterType",
       l."template_version" AS "templateVersion", l."recipient_name" AS "recipientName", l."recipient_channel" AS "channel",
       m."recipient_address" AS "recipientAddress", l."address_withheld" AS "addressWithheld", l."subject", l."body_text" AS "bodyText",
       l."body_html" AS "bodyHtml", l."created_by" AS "createdBy", u."name" AS "createdByName",
       to_char(l."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", l."message_id" AS "messageId",
       ${messageStateSql('m', 'j')} AS "state", l."pdf_document_id" AS "pdfDocumentId"`);

const LETTER_FROM = sql.raw(`"letter" l
          JOIN "ehc_case" c ON c."authority_id" = l."authority_id" AND c."id" = l."case_id"
          JOIN "outbox_message" m ON m."authority_id" = l."authority_id" AND m."id" = l."message_id"
          JOIN "job" j ON j."authority_id" = m."authority_id" AND j."id" = m."job_id"
          LEFT JOIN "staff_user" u ON u."authority_id" = l."authority_id" AND u."id" = l."created_by"`);

export async function findLetter(executor: Executor, authorityId: string, letterId: string): Promise<LetterRow | undefined> {
  const rows = await queryRows<LetterRow>(executor, sql`SELECT ${LETTER_COLUMNS} FROM ${LETTER_FROM} WHERE l."authority_id" = ${authorityId} AND l."id" = ${letterId}::uuid`);
  return rows[0];
}

/** A case's letters, newest first. */
export async function listCaseLetters(executor: Executor, authorityId: string, caseId: string): Promise<LetterRow[]> {
  return queryRows<LetterRow>(
    executor,
    sql`SELECT ${LETTER_COLUMNS} FROM ${LETTER_FROM} WHERE l."authority_id" = ${authorityId} AND l."case_id" = ${caseId}::uuid ORDER BY l."created_at" DESC, l."id" DESC`,
  );
}

/** Points a letter at its PDF; false when it already has one (another try made it first). */
export async function linkLetterPdf(executor: Executor, authorityId: string, letterId: string, documentId: string): Promise<boolean> {
  const rows = await executor
    .update(letter)
    .set({ pdfDocumentId: documentId })
    .where(and(eq(letter.authorityId, authorityId), eq(letter.id, letterId), sql`${letter.pdfDocumentId} IS NULL`))
    .returning({ id: letter.id });
  return rows.length === 1;
}

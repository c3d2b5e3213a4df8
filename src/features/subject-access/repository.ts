// Everything held about one child, part by part, for a subject access request. Each part is read
// on its own as the export is written, so only one part is in memory at a time.
import type { Database } from '../../db/database.ts';
import { planEachTime, readRows } from '../../db/prepared.ts';

/** The child's own cases: the key most parts are held under. $1 authority, $2 child. */
const CASES = `SELECT ec."id" FROM "ehc_case" ec WHERE ec."authority_id" = $1 AND ec."child_id" = $2::uuid`;
const byChild = (table: string) => `SELECT t.* FROM "${table}" t WHERE t."authority_id" = $1 AND t."child_id" = $2::uuid`;
const byCase = (table: string) => `SELECT t.* FROM "${table}" t WHERE t."authority_id" = $1 AND t."case_id" IN (${CASES})`;
/** Rows held under another part's rows (a plan's versions, an appeal's sections): `parentSql` reads the parents. */
const byParent = (table: string, column: string, parentSql: string) =>
  `SELECT t.* FROM "${table}" t WHERE t."authority_id" = $1 AND t."${column}" IN (SELECT p."id" FROM (${parentSql}) p)`;

/** A part of the export: its file name (without extension), its title, and the statement that reads it. */
export interface ExportPart {
  name: string;
  title: string;
  sql: string;
}

/**
 * The parts, in the order a reader meets them. Columns that only serve the database (search keys)
 * are left out of the child; everything else is as held. Tables are named here only: no part takes
 * any text from a request.
 */
export const EXPORT_PARTS: readonly ExportPart[] = [
  {
    name: 'child',
    title: 'The child',
    sql: `SELECT c."id", c."forename", c."surname", c."preferred_name", c."former_names", c."date_of_birth", c."sex", c."ethnicity", c."postcode", c."upn", c."uln", c."upn_unknown",
            c."school_id", s."name" AS "school_name", c."sensitive" AS "restricted", c."created_at"
            FROM "child" c LEFT JOIN "school" s ON s."id" = c."school_id" WHERE c."authority_id" = $1 AND c."id" = $2::uuid`,
  },
  {
    name: 'people',
    title: 'Parents, carers and others linked to the child',
    sql: `SELECT p."id", p."forename", p."surname", p."email", p."phone", p."address", p."postcode", p."do_not_disclose_address", cp."relationship", cp."parental_responsibility", cp."main_contact", cp."unlinked_at"
            FROM "child_person" cp JOIN "person" p ON p."authority_id" = cp."authority_id" AND p."id" = cp."person_id"
           WHERE cp."authority_id" = $1 AND cp."child_id" = $2::uuid ORDER BY p."surname", p."forename", p."id"`,
  },
  { name: 'cases', title: 'EHC cases', sql: `${byChild('ehc_case')} ORDER BY t."opened_on", t."id"` },
  { name: 'case-holders', title: 'Who held each case, and when', sql: `${byCase('case_holder')} ORDER BY t."held_from", t."id"` },
  { name: 'assessment-requests', title: 'Requests for an EHC needs assessment', sql: byChild('assessment_request') },
  { name: 'events', title: 'The history of each case (steps recorded)', sql: `${byCase('case_event')} ORDER BY t."id"` },
  { name: 'deadlines', title: 'Statutory deadlines', sql: byCase('case_deadline') },
  { name: 'exceptions', title: 'Exceptions to the time limits', sql: byCase('case_exception') },
  { name: 'views-requests', title: 'Views asked for on the request', sql: byCase('views_request') },
  { name: 'views-received', title: 'Views received on the request', sql: byCase('views_received') },
  { name: 'panel-cases', title: 'Decision-making panels the case was brought to', sql: byCase('panel_case') },
  { name: 'decisions', title: 'Decisions', sql: byCase('assessment_decision') },
  { name: 'withdrawals', title: 'Requests withdrawn', sql: byCase('request_withdrawal') },
  { name: 'advice-requests', title: 'Advice asked for', sql: byCase('advice_request') },
  { name: 'advice-chases', title: 'Reminders about advice', sql: byParent('advice_chase', 'advice_request_id', byCase('advice_request')) },
  { name: 'consultations', title: 'Schools consulted', sql: byCase('school_consultation') },
  { name: 'draft-representations', title: 'Representations on the draft plan', sql: byCase('draft_representation') },
  { name: 'plans', title: 'EHC plans', sql: byChild('plan') },
  { name: 'plan-versions', title: 'Every version of each plan', sql: `${byParent('plan_version', 'plan_id', byChild('plan'))}` },
  { name: 'plan-revisions', title: 'Revisions of the plans', sql: byParent('plan_revision', 'version_id', byParent('plan_version', 'plan_id', byChild('plan'))) },
  { name: 'plan-changes', title: 'Changes to a plan (amendments)', sql: byCase('plan_change') },
  { name: 'plan-change-responses', title: 'Responses to a change of plan', sql: byParent('plan_change_response', 'change_id', byCase('plan_change')) },
  { name: 'reviews', title: 'Annual reviews', sql: byChild('annual_review') },
  { name: 'appeals', title: 'Appeals to the tribunal', sql: byChild('appeal') },
  { name: 'appeal-sections', title: 'What each appeal is about', sql: byParent('appeal_section', 'appeal_id', byChild('appeal')) },
  { name: 'appeal-orders', title: 'The tribunal’s orders', sql: byParent('appeal_order', 'appeal_id', byChild('appeal')) },
  { name: 'mediations', title: 'Mediation', sql: byChild('mediation') },
  { name: 'mediation-actions', title: 'What mediation agreed', sql: byParent('mediation_action', 'mediation_id', byChild('mediation')) },
  { name: 'contacts', title: 'Contacts and complaints', sql: byChild('contact') },
  { name: 'complaint-stages', title: 'The stages of each complaint', sql: byParent('complaint_stage', 'contact_id', byChild('contact')) },
  { name: 'complaint-remedies', title: 'Remedies for complaints', sql: byParent('complaint_remedy', 'contact_id', byChild('contact')) },
  { name: 'transfers', title: 'Transfers between councils', sql: byChild('council_transfer') },
  { name: 'letters', title: 'Letters', sql: byChild('letter') },
  { name: 'messages', title: 'Messages sent about the child (e-mail and letters)', sql: byChild('outbox_message') },
  { name: 'portal-messages', title: 'Messages through the family portal', sql: byChild('portal_message') },
  { name: 'portal-views', title: 'Views given through the family portal', sql: byChild('portal_family_views') },
  { name: 'portal-choices', title: 'The young person’s choices about sharing', sql: byChild('portal_young_person_choice') },
  {
    name: 'documents',
    title: 'Documents (the files are in the documents folder)',
    sql: `SELECT t."id", t."case_id", t."title", t."filename", t."media_type", t."size_bytes", t."sha256", t."kind", t."address_withheld", t."sent_by", t."uploaded_by", t."uploaded_at"
            FROM "document" t WHERE t."authority_id" = $1 AND t."case_id" IN (${CASES}) ORDER BY t."uploaded_at", t."id"`,
  },
];

/** The rows of one part for one child. */
export async function readPart(db: Database, authorityId: string, childId: string, part: ExportPart): Promise<Record<string, unknown>[]> {
  return readRows(db, planEachTime<Record<string, unknown>>(part.sql), [authorityId, childId]);
}

/** The child's name and whether they are the authority's: the export's first check. */
export async function findChild(db: Database, authorityId: string, childId: string): Promise<{ id: string; forename: string; surname: string; preferredName: string | null } | undefined> {
  const rows = await readRows(db, planEachTime<{ id: string; forename: string; surname: string; preferredName: string | null }>(`SELECT c."id", c."forename", c."surname", c."preferred_name" AS "preferredName" FROM "child" c WHERE c."authority_id" = $1 AND c."id" = $2::uuid`), [authorityId, childId]);
  return rows[0];
}

/** The ids of the child's documents, oldest first, to add their files. */
export async function listDocumentIds(db: Database, authorityId: string, childId: string): Promise<{ id: string; filename: string }[]> {
  return readRows(db, planEachTime<{ id: string; filename: string }>(`SELECT t."id", t."filename" FROM "document" t WHERE t."authority_id" = $1 AND t."case_id" IN (${CASES}) ORDER BY t."uploaded_at", t."id"`), [authorityId, childId]);
}

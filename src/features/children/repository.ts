import { and, asc, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { preparedRead, readRows } from '../../db/prepared.ts';
import { assessmentRequest, child, ehcCase, school } from '../../db/schema/index.ts';
import type { AccessRow } from '../audit/index.ts';
import { messageStateSql, type MessageState } from '../outbox/index.ts';

export type ChildRow = typeof child.$inferSelect;

export async function findChild(executor: Executor, authorityId: string, childId: string): Promise<ChildRow | undefined> {
  const rows = await executor
    .select()
    .from(child)
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return rows[0];
}

/** The unique index that holds one child per UPN in an authority (migration 0011). */
export const CHILD_UPN_INDEX = 'child_authority_upn_idx';

/**
 * Saves only if nobody saved since `version` was read: 'saved'; 'stale' means someone did, and
 * 'upn-taken' that another child of the authority already has the UPN (the unique index said so).
 */
export async function updateChild(
  executor: Executor,
  authorityId: string,
  childId: string,
  version: number,
  changes: Partial<Omit<typeof child.$inferInsert, 'id' | 'authorityId' | 'version'>>,
): Promise<'saved' | 'stale' | 'upn-taken'> {
  try {
    const rows = await executor
      .update(child)
      .set({ ...changes, version: sql`${child.version} + 1` })
      .where(and(eq(child.authorityId, authorityId), eq(child.id, childId), eq(child.version, version)))
      .returning({ id: child.id });
    return rows.length === 1 ? 'saved' : 'stale';
  } catch (error) {
    if (isUniqueViolation(error, CHILD_UPN_INDEX)) return 'upn-taken';
    throw error;
  }
}

/** A child held by the authority who may be the one described: what the officer is shown, and what access turns on. */
export interface HeldChildRow {
  id: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  dateOfBirth: string;
  upn: string | null;
  postcode: string | null;
  sensitive: boolean;
  schoolName: string | null;
  openCaseReference: string | null;
  openCaseOfficerId: string | null;
}

/**
 * The authority's children with this UPN or born on this day (both read through their indexes,
 * led by the authority), but for the child given as `exceptChildId`; names are compared by the
 * caller. Oldest record first.
 */
export async function findChildrenByUpnOrBirth(
  executor: Executor,
  authorityId: string,
  wanted: { upn: string | null; dateOfBirth: string | null; exceptChildId?: string },
): Promise<HeldChildRow[]> {
  const conditions = [
    ...(wanted.upn ? [eq(child.upn, wanted.upn)] : []),
    ...(wanted.dateOfBirth ? [eq(child.dateOfBirth, wanted.dateOfBirth)] : []),
  ];
  if (conditions.length === 0) return [];
  return executor
    .select({
      id: child.id,
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName,
      dateOfBirth: child.dateOfBirth,
      upn: child.upn,
      postcode: child.postcode,
      sensitive: child.sensitive,
      schoolName: school.name,
      openCaseReference: ehcCase.reference,
      openCaseOfficerId: ehcCase.officerId,
    })
    .from(child)
    .leftJoin(school, eq(school.id, child.schoolId))
    .leftJoin(ehcCase, and(eq(ehcCase.authorityId, child.authorityId), eq(ehcCase.childId, child.id), isNull(ehcCase.closedOn)))
    .where(and(eq(child.authorityId, authorityId), or(...conditions), ...(wanted.exceptChildId ? [ne(child.id, wanted.exceptChildId)] : [])))
    .orderBy(asc(child.createdAt), asc(child.id))
    .limit(50);
}

/** The days the child's requests for an assessment were received, earliest first. */
export async function listRequestDates(executor: Executor, authorityId: string, childId: string): Promise<string[]> {
  const rows = await executor
    .select({ receivedOn: assessmentRequest.receivedOn })
    .from(assessmentRequest)
    .where(and(eq(assessmentRequest.authorityId, authorityId), eq(assessmentRequest.childId, childId)))
    .orderBy(asc(assessmentRequest.receivedOn));
  return rows.map((row) => row.receivedOn);
}

/** A school or setting on the national list, by its URN. */
export async function findSchoolByUrn(executor: Executor, urn: number): Promise<{ id: string; urn: number; name: string } | undefined> {
  const rows = await executor.select({ id: school.id, urn: school.urn, name: school.name }).from(school).where(eq(school.urn, urn)).limit(1);
  return rows[0];
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
  upnUnknown: string | null;
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
          ch."date_of_birth" AS "dateOfBirth", ch."sex", ch."ethnicity", ch."postcode", ch."upn", ch."upn_unknown" AS "upnUnknown", ch."uln", ch."school_id" AS "schoolId",
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
  version: number;
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
  caseId: string;
  type: string;
  occurredOn: string;
  /** ISO 8601 in UTC, as Date.prototype.toISOString writes it. */
  recordedAt: string;
  /** Set on a correction: the event it corrects. */
  correctsEventId: string | null;
  /** Why it was recorded as it was: for a request, why it was recorded more than a year late. */
  reason: string | null;
  payload: Record<string, unknown>;
}

export interface ChildRecordDeadline {
  caseId: string;
  deadlineId: string;
  title: string;
  dueOn: string;
  basis: string;
  metOn: string | null;
  duty: string;
}

export interface ChildRecordException {
  id: string;
  caseId: string;
  reason: string;
  evidence: string;
  startsOn: string;
  /** Withdrawn by a correction as recorded in error: kept on the record, counted for nothing. */
  withdrawn: boolean;
}

export interface ChildRecordDocument {
  id: string;
  caseId: string;
  title: string;
  filename: string;
  mediaType: string;
  sizeBytes: number;
  scanVerdict: string;
  /** Who sent it through the portal (a school and the person, a family's or an advice giver's account); null for the council's own. */
  sentBy: string | null;
  /** ISO 8601 in UTC. */
  uploadedAt: string;
}

/** Views for section A of the plan a family sent through the portal (the portal-family feature writes them). */
export interface ChildRecordFamilyViews {
  id: string;
  caseId: string;
  senderName: string;
  senderRelationship: string;
  whatMatters: string | null;
  goodAt: string | null;
  hopes: string | null;
  support: string | null;
  familyViews: string | null;
  /** ISO 8601 in UTC. */
  sentAt: string;
}

/** A letter sent on one of the child's cases (its words are read through the letters feature). */
export interface ChildRecordLetter {
  id: string;
  caseId: string;
  letterType: string;
  subject: string;
  recipientName: string;
  channel: 'letter' | 'email';
  /** ISO 8601 in UTC. */
  createdAt: string;
  /** Its outbox message's state. */
  state: MessageState;
  pdfReady: boolean;
  /** To a person whose address must not be disclosed: its PDF, which shows it, is the SEND team's only. */
  addressWithheld: boolean;
}

/** A contact, complaint or information request about the child (the contacts feature writes them). */
export interface ChildRecordContact {
  id: string;
  reference: string;
  kind: string;
  stage: string | null;
  status: string;
  receivedOn: string;
  dueOn: string | null;
}

export interface ChildRecordRest {
  people: ChildRecordPerson[];
  contacts: ChildRecordContact[];
  school: { id: string; urn: number; name: string } | null;
  officer: { name: string; email: string } | null;
  events: ChildRecordEvent[];
  deadlines: ChildRecordDeadline[];
  exceptions: ChildRecordException[];
  documents: ChildRecordDocument[];
  familyViews: ChildRecordFamilyViews[];
  letters: ChildRecordLetter[];
  /**
   * The young person's latest choice whether their family sees the case on the portal, with who
   * recorded it: the young person on the portal (their account's name) or an officer (their name),
   * and how and when an officer was told. Null when none is recorded.
   */
  youngPersonChoice: {
    shareWithFamily: boolean;
    recordedAt: string;
    onPortal: boolean;
    recorderName: string | null;
    givenBy: string | null;
    givenOn: string | null;
  } | null;
  /** The council's own caseload weights (in tenths), for the open case's weight; the defaults fill the rest. */
  weightRules: { ruleKey: string; tenths: number }[];
  /** The child's mediation and appeals, each with its status and next date. */
  disputes: {
    appeals: { id: string; tribunalReference: string; responseDueOn: string; hearingOn: string | null; concludedOn: string | null; openOrderDueOn: string | null }[];
    mediations: { id: string; about: string; requestedOn: string | null; heldOn: string | null; nextActionDueOn: string | null }[];
  };
}

/**
 * The rest of a child's record in one statement (with the council's caseload weights, for the open
 * case's weight), with the access log entry written by the same
 * statement (a data-modifying WITH runs once whether or not its rows are read): one round trip
 * where it took seven. Events, deadlines, exceptions, documents and letters come for every case the child has had,
 * each with its case: a closed case keeps its history on the record.
 */
const childRecordRest = preparedRead<ChildRecordRest & { logged: number }>(
  'child_record_rest',
  `WITH "logged" AS (
     INSERT INTO "access_log" ("id", "authority_id", "accessed_at", "actor_kind", "actor_id", "child_id", "view")
     VALUES ($3, $1, $4, $5, $6, $2, $7) RETURNING 1
   )
   SELECT (SELECT count(*)::int FROM "logged") AS "logged",
          (SELECT coalesce(json_agg(json_build_object('id', p."id", 'version', p."version", 'forename', p."forename", 'surname', p."surname", 'email', p."email", 'phone', p."phone",
                                                      'address', p."address", 'postcode', p."postcode", 'doNotDiscloseAddress', p."do_not_disclose_address",
                                                      'relationship', cp."relationship", 'parentalResponsibility', cp."parental_responsibility",
                                                      'mainContact', cp."main_contact") ORDER BY cp."main_contact" DESC, p."surname", p."id"), '[]'::json)
             FROM "child_person" cp JOIN "person" p ON p."authority_id" = cp."authority_id" AND p."id" = cp."person_id"
            WHERE cp."authority_id" = $1 AND cp."child_id" = $2 AND cp."unlinked_at" IS NULL) AS "people",
          (SELECT json_build_object('id', s."id", 'urn', s."urn", 'name', s."name") FROM "school" s WHERE s."id" = $8) AS "school",
          (SELECT json_build_object('name', u."name", 'email', u."email") FROM "staff_user" u WHERE u."authority_id" = $1 AND u."id" = $9) AS "officer",
          (SELECT coalesce(json_agg(json_build_object('id', e."id", 'caseId', e."case_id", 'type', e."type", 'occurredOn', e."occurred_on",
                                                      'recordedAt', to_char(e."recorded_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                                      'correctsEventId', e."corrects_event_id", 'reason', e."reason", 'payload', e."payload")
                                    ORDER BY e."occurred_on" DESC, e."recorded_at" DESC), '[]'::json)
             FROM "case_event" e WHERE e."authority_id" = $1 AND e."case_id" IN (SELECT c."id" FROM "ehc_case" c WHERE c."authority_id" = $1 AND c."child_id" = $2)) AS "events",
          (SELECT coalesce(json_agg(json_build_object('caseId', d."case_id", 'deadlineId', d."deadline_id", 'title', d."title", 'dueOn', d."due_on", 'basis', d."basis",
                                                      'metOn', d."met_on", 'duty', d."duty") ORDER BY d."due_on", d."deadline_id"), '[]'::json)
             FROM "case_deadline" d WHERE d."authority_id" = $1 AND d."case_id" IN (SELECT c."id" FROM "ehc_case" c WHERE c."authority_id" = $1 AND c."child_id" = $2)) AS "deadlines",
          (SELECT coalesce(json_agg(json_build_object('id', x."id", 'caseId', x."case_id", 'reason', x."reason", 'evidence', x."evidence", 'startsOn', x."starts_on",
                                                      'withdrawn', x."withdrawn_by_event_id" IS NOT NULL)
                                    ORDER BY x."starts_on", x."id"), '[]'::json)
             FROM "case_exception" x WHERE x."authority_id" = $1 AND x."case_id" IN (SELECT c."id" FROM "ehc_case" c WHERE c."authority_id" = $1 AND c."child_id" = $2)) AS "exceptions",
          (SELECT coalesce(json_agg(json_build_object('id', f."id", 'caseId', f."case_id", 'title', f."title", 'filename', f."filename", 'mediaType', f."media_type",
                                                      'sizeBytes', f."size_bytes", 'scanVerdict', f."scan_verdict",
                                                      -- A school's upload names the school and the person; a family's or an advice giver's, the account.
                                                      'sentBy', COALESCE(f."sent_by", (SELECT pa."name" FROM "portal_account" pa WHERE pa."authority_id" = f."authority_id" AND pa."id"::text = f."uploaded_by")),
                                                      'uploadedAt', to_char(f."uploaded_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                    ORDER BY f."uploaded_at" DESC, f."id" DESC), '[]'::json)
             FROM "document" f WHERE f."authority_id" = $1 AND f."kind" = 'upload' AND f."case_id" IN (SELECT c."id" FROM "ehc_case" c WHERE c."authority_id" = $1 AND c."child_id" = $2)) AS "documents",
          (SELECT coalesce(json_agg(json_build_object('id', v."id", 'caseId', v."case_id", 'senderName', v."sender_name", 'senderRelationship', v."sender_relationship",
                                                      'whatMatters', v."what_matters", 'goodAt', v."good_at", 'hopes', v."hopes", 'support', v."support", 'familyViews', v."family_views",
                                                      'sentAt', to_char(v."sent_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
                                    ORDER BY v."sent_at" DESC, v."id" DESC), '[]'::json)
             FROM "portal_family_views" v WHERE v."authority_id" = $1 AND v."child_id" = $2) AS "familyViews",
          (SELECT coalesce(json_agg(json_build_object('id', l."id", 'caseId', l."case_id", 'letterType', l."letter_type", 'subject', l."subject", 'recipientName', l."recipient_name",
                                                      'channel', l."recipient_channel", 'createdAt', to_char(l."created_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                                      'state', ${messageStateSql('m', 'j')}, 'pdfReady', l."pdf_document_id" IS NOT NULL,
                                                      'addressWithheld', l."address_withheld")
                                    ORDER BY l."created_at" DESC, l."id" DESC), '[]'::json)
             FROM "letter" l
             JOIN "outbox_message" m ON m."authority_id" = l."authority_id" AND m."id" = l."message_id"
             JOIN "job" j ON j."authority_id" = m."authority_id" AND j."id" = m."job_id"
            WHERE l."authority_id" = $1 AND l."child_id" = $2) AS "letters",
          (SELECT coalesce(json_agg(json_build_object('id', k."id", 'reference', k."reference", 'kind', k."kind", 'stage', k."stage", 'status', k."status",
                                                      'receivedOn', k."received_on", 'dueOn', k."due_on") ORDER BY k."received_on" DESC, k."id" DESC), '[]'::json)
             FROM "contact" k WHERE k."authority_id" = $1 AND k."child_id" = $2) AS "contacts",
          (SELECT json_build_object('shareWithFamily', y."share_with_family", 'recordedAt', to_char(y."recorded_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                                    'onPortal', y."recorded_by" LIKE 'portal:%', 'recorderName', coalesce(u."name", a."name"), 'givenBy', y."given_by", 'givenOn', y."given_on")
             FROM "portal_young_person_choice" y
             LEFT JOIN "staff_user" u ON u."authority_id" = y."authority_id" AND u."id"::text = y."recorded_by"
             LEFT JOIN "portal_account" a ON a."authority_id" = y."authority_id" AND 'portal:' || a."id"::text = y."recorded_by"
            WHERE y."authority_id" = $1 AND y."child_id" = $2
            ORDER BY y."recorded_at" DESC, y."id" DESC LIMIT 1) AS "youngPersonChoice",
          (SELECT coalesce(json_agg(json_build_object('ruleKey', w."rule_key", 'tenths', (w."weight" * 10)::int)), '[]'::json)
             FROM "weight_rule" w WHERE w."authority_id" = $1) AS "weightRules",
          json_build_object(
            'appeals', (SELECT coalesce(json_agg(json_build_object('id', a."id", 'tribunalReference', a."tribunal_reference", 'responseDueOn', a."response_due_on", 'hearingOn', a."hearing_on",
                                                                   'concludedOn', a."concluded_on",
                                                                   'openOrderDueOn', (SELECT min(o."due_on") FROM "appeal_order" o WHERE o."authority_id" = a."authority_id" AND o."appeal_id" = a."id" AND o."complied_on" IS NULL))
                                                 ORDER BY a."registered_on" DESC, a."id" DESC), '[]'::json)
                          FROM "appeal" a WHERE a."authority_id" = $1 AND a."child_id" = $2),
            'mediations', (SELECT coalesce(json_agg(json_build_object('id', m."id", 'about', m."about", 'requestedOn', m."requested_on", 'heldOn', m."held_on",
                                                                      'nextActionDueOn', (SELECT min(x."due_on") FROM "mediation_action" x WHERE x."authority_id" = m."authority_id" AND x."mediation_id" = m."id" AND x."done_on" IS NULL))
                                                    ORDER BY m."adviser_contacted_on" DESC, m."id" DESC), '[]'::json)
                             FROM "mediation" m WHERE m."authority_id" = $1 AND m."child_id" = $2)) AS "disputes"`,
);

export async function readChildRecordRest(
  db: Database,
  access: AccessRow,
  related: { schoolId: string | null; officerId: string | null },
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
  ]);
  return rest!;
}


/** Whether a child's record is restricted, and who holds their open case: what access turns on. */
export async function findChildAccess(executor: Executor, authorityId: string, childId: string): Promise<{ sensitive: boolean; openCaseOfficerId: string | null } | undefined> {
  const rows = await executor
    .select({ sensitive: child.sensitive, openCaseOfficerId: ehcCase.officerId })
    .from(child)
    .leftJoin(ehcCase, and(eq(ehcCase.authorityId, child.authorityId), eq(ehcCase.childId, child.id), isNull(ehcCase.closedOn)))
    .where(and(eq(child.authorityId, authorityId), eq(child.id, childId)))
    .limit(1);
  return rows[0];
}

/** The same, for the child of a case (open or closed). */
export async function findCaseChildAccess(executor: Executor, authorityId: string, caseId: string): Promise<{ childId: string; sensitive: boolean; openCaseOfficerId: string | null } | undefined> {
  return (await findCasesChildAccess(executor, authorityId, [caseId])).get(caseId);
}

/** The same for many cases in one statement, by case id; a case not the council's is absent. */
export async function findCasesChildAccess(
  executor: Executor,
  authorityId: string,
  caseIds: readonly string[],
): Promise<Map<string, { childId: string; sensitive: boolean; openCaseOfficerId: string | null }>> {
  if (caseIds.length === 0) return new Map();
  const rows = await executor
    .select({ caseId: ehcCase.id, childId: child.id, sensitive: child.sensitive, closedOn: ehcCase.closedOn, officerId: ehcCase.officerId })
    .from(ehcCase)
    .innerJoin(child, and(eq(child.authorityId, ehcCase.authorityId), eq(child.id, ehcCase.childId)))
    .where(and(eq(ehcCase.authorityId, authorityId), inArray(ehcCase.id, [...caseIds])));
  return new Map(rows.map((row) => [row.caseId, { childId: row.childId, sensitive: row.sensitive, openCaseOfficerId: row.closedOn ? null : row.officerId }]));
}

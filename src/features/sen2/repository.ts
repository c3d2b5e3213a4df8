// The SEN2 return's reads: the census population a page of children at a time (a cursor on the
// child's id), then everything the return needs of that page's children in a statement a table.
// Never the whole authority at once, so a council of any size is read in the same memory.
import type { Database } from '../../db/database.ts';
import { preparedRead, readRows } from '../../db/prepared.ts';
import { SEN2_EVENT_TYPES, SEN2_PAYLOAD_TYPES } from '../../domain/sen2/index.ts';

/**
 * The children with a case that may have a part in the return: opened by the census date and open
 * at some time in the year before it (the domain decides which of their cases do). Keyset-paged by
 * the child's id, along the index on (authority, child).
 */
const populationStatement = preparedRead<{ childId: string }>(
  'sen2_population_page',
  `SELECT DISTINCT c."child_id" AS "childId"
     FROM "ehc_case" c
    WHERE c."authority_id" = $1 AND c."child_id" > $2::uuid
      AND c."opened_on" <= $3::date AND (c."closed_on" IS NULL OR c."closed_on" >= $4::date)
    ORDER BY c."child_id"
    LIMIT $5`,
);

export interface Sen2ChildRow {
  id: string;
  forename: string;
  surname: string;
  dateOfBirth: string;
  sex: string;
  ethnicity: string | null;
  postcode: string | null;
  upn: string | null;
  uln: string | null;
  upnUnknown: string | null;
}

const children = preparedRead<Sen2ChildRow>(
  'sen2_children',
  `SELECT ch."id", ch."forename", ch."surname", ch."date_of_birth"::text AS "dateOfBirth", ch."sex", ch."ethnicity", ch."postcode", ch."upn", ch."uln", ch."upn_unknown" AS "upnUnknown"
     FROM "child" ch WHERE ch."authority_id" = $1 AND ch."id" = ANY($2::uuid[]) ORDER BY ch."id"`,
);

export interface Sen2CaseRow {
  id: string;
  childId: string;
  reference: string;
  closedOn: string | null;
  /** The first request's RequestSource; null without a request row. */
  source: number | null;
}

const cases = preparedRead<Sen2CaseRow>(
  'sen2_cases',
  `SELECT c."id", c."child_id" AS "childId", c."reference", c."closed_on"::text AS "closedOn",
          (SELECT r."source" FROM "assessment_request" r WHERE r."authority_id" = c."authority_id" AND r."case_id" = c."id" ORDER BY r."received_on", r."id" LIMIT 1)::int AS "source"
     FROM "ehc_case" c
    WHERE c."authority_id" = $1 AND c."child_id" = ANY($2::uuid[])
      AND c."opened_on" <= $3::date AND (c."closed_on" IS NULL OR c."closed_on" >= $4::date)
    ORDER BY c."child_id", c."opened_on", c."id"`,
);

export interface Sen2EventRow {
  id: string;
  caseId: string;
  type: string;
  occurredOn: string;
  correctsEventId: string | null;
  /** Only for the types whose payload the return reads; null for the others. */
  payload: Record<string, unknown> | null;
}

const events = preparedRead<Sen2EventRow>(
  'sen2_events',
  `SELECT e."id", e."case_id" AS "caseId", e."type", e."occurred_on"::text AS "occurredOn", e."corrects_event_id" AS "correctsEventId",
          CASE WHEN e."type" = ANY($4::text[]) THEN e."payload" END AS "payload"
     FROM "case_event" e
    WHERE e."authority_id" = $1 AND e."case_id" = ANY($2::uuid[]) AND (e."type" = ANY($3::text[]) OR e."corrects_event_id" IS NOT NULL)`,
);

export interface Sen2PlanVersionRow {
  caseId: string;
  number: number;
  status: string;
  issuedOn: string;
  content: unknown;
}

/** The final and amended versions issued by the census date: the first final plan, and the one in force. */
const planVersions = preparedRead<Sen2PlanVersionRow>(
  'sen2_plan_versions',
  `SELECT p."case_id" AS "caseId", v."number", v."status", v."issued_on"::text AS "issuedOn", v."content"
     FROM "plan" p
     JOIN "plan_version" v ON v."authority_id" = p."authority_id" AND v."plan_id" = p."id"
    WHERE p."authority_id" = $1 AND p."case_id" = ANY($2::uuid[]) AND p."type" = 'ehc'
      AND v."status" IN ('final', 'amended') AND v."issued_on" <= $3::date
    ORDER BY p."case_id", v."number"`,
);

export async function populationPage(db: Database, authorityId: string, query: { after: string; censusDate: string; from: string; limit: number }): Promise<string[]> {
  return (await readRows(db, populationStatement, [authorityId, query.after, query.censusDate, query.from, query.limit])).map((row) => row.childId);
}

export interface Sen2PageRows {
  children: Sen2ChildRow[];
  cases: Sen2CaseRow[];
  events: Sen2EventRow[];
  planVersions: Sen2PlanVersionRow[];
}

/** Everything the return needs of these children, in four statements. */
export async function pageRows(db: Database, authorityId: string, childIds: readonly string[], query: { censusDate: string; from: string }): Promise<Sen2PageRows> {
  const [childRows, caseRows] = await Promise.all([readRows(db, children, [authorityId, childIds]), readRows(db, cases, [authorityId, childIds, query.censusDate, query.from])]);
  const caseIds = caseRows.map((row) => row.id);
  const [eventRows, versionRows] = await Promise.all([readRows(db, events, [authorityId, caseIds, SEN2_EVENT_TYPES, SEN2_PAYLOAD_TYPES]), readRows(db, planVersions, [authorityId, caseIds, query.censusDate])]);
  return { children: childRows, cases: caseRows, events: eventRows, planVersions: versionRows };
}

export interface Sen2AuthorityRow {
  id: string;
  name: string;
  laCode: string;
}

const authorities = preparedRead<Sen2AuthorityRow>(
  'sen2_authorities',
  `SELECT a."id", a."name", ac."la_code" AS "laCode"
     FROM "authority" a JOIN "authority_code" ac ON ac."authority_id" = a."id" AND ac."valid_to" IS NULL
    ORDER BY ac."la_code"`,
);

/** Every authority with its LA code now in use, by LA code. */
export async function listAuthorities(db: Database): Promise<Sen2AuthorityRow[]> {
  return readRows(db, authorities, []);
}

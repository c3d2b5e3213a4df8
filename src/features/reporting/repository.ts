// The measures' SQL: one statement of rows per measure (a case, the day that places it in its
// month, the days its clock ran between, whether it counts on top), and two reads over those same
// rows under the same filters: the counts by month, and a page of the rows themselves. The figure
// is the count of the rows the list shows, so the two cannot disagree.
import type { Database } from '../../db/database.ts';
import { planEachTime, preparedRead, readRows, type PreparedRead } from '../../db/prepared.ts';
import type { MeasureId } from './catalogue.ts';

/**
 * Parameters of every statement: $1 the authority, $2 the period's first day, $3 its last day
 * (today, for a measure of cases as they stand), $4 stage, $5 officer, $6 team, $7 school URN,
 * $8 primary need (null where not filtered).
 */
const STANDING = (alias: string) =>
  `NOT EXISTS (SELECT 1 FROM "case_event" x WHERE x."authority_id" = ${alias}."authority_id" AND x."corrects_event_id" = ${alias}."id")`;

// The decisions whether to assess in the period: the rows of two measures, which differ only in
// what counts on top (within 6 weeks; agreed), so the dashboard counts both in one pass.
const DECISIONS_FROM = `
    FROM "case_event" e
    JOIN "ehc_case" c0 ON c0."authority_id" = e."authority_id" AND c0."id" = e."case_id"
   WHERE e."authority_id" = $1 AND e."type" IN ('assessment.agreed', 'assessment.refused')
     AND e."occurred_on" BETWEEN $2::date AND $3::date AND ${STANDING('e')}`;
const IN_6_WEEKS = `e."occurred_on" <= c0."opened_on" + 42`;
const AGREED = `e."type" = 'assessment.agreed'`;
const DECISIONS = (counted: string) => `
  SELECT e."case_id", e."occurred_on" AS "on", c0."opened_on" AS "start", NULL::date AS "end", ${counted} AS "counted",
         CASE e."type" WHEN 'assessment.agreed' THEN 'Agreed to assess' ELSE 'Refused' END AS "detail"${DECISIONS_FROM}`;

const EXCEPTION_BEFORE = `EXISTS (SELECT 1 FROM "case_exception" x WHERE x."authority_id" = e."authority_id" AND x."case_id" = e."case_id" AND x."withdrawn_by_event_id" IS NULL AND x."starts_on" <= e."occurred_on")`;

// The new plans issued in the period: the rows of two measures, all of them and those without an
// exception recorded before the plan was issued, counted in one pass on the dashboard.
const PLANS_FROM = `
    FROM "case_event" e
    JOIN "ehc_case" c0 ON c0."authority_id" = e."authority_id" AND c0."id" = e."case_id"
   WHERE e."authority_id" = $1 AND e."type" = 'plan.issued'
     AND e."occurred_on" BETWEEN $2::date AND $3::date AND ${STANDING('e')}`;
const IN_20_WEEKS = `e."occurred_on" <= c0."opened_on" + 140`;
const PLANS_ISSUED = `
  SELECT e."case_id", e."occurred_on" AS "on", c0."opened_on" AS "start", NULL::date AS "end", ${IN_20_WEEKS} AS "counted",
         CASE WHEN ${EXCEPTION_BEFORE} THEN 'Yes' ELSE 'No' END AS "detail"${PLANS_FROM}`;

/**
 * Measures counted together: one statement of rows with a flag for each question, and for each
 * measure which of its rows it counts (within) and which of those count on top (counted). The
 * rows are the same FROM and WHERE as each measure's own rows (its list), so the figures and the
 * lists still come from one text.
 */
interface CountedTogether {
  readonly rows: string;
  readonly measures: Partial<Record<MeasureId, { readonly within: string; readonly counted: string }>>;
}

const TOGETHER: Record<'decisions' | 'plans', CountedTogether> = {
  decisions: {
    rows: `SELECT e."case_id", e."occurred_on" AS "on", ${IN_6_WEEKS} AS "in_6_weeks", ${AGREED} AS "agreed"${DECISIONS_FROM}`,
    measures: {
      'requests-decided-in-6-weeks': { within: 'true', counted: 'f."in_6_weeks"' },
      'requests-agreed': { within: 'true', counted: 'f."agreed"' },
    },
  },
  plans: {
    rows: `SELECT e."case_id", e."occurred_on" AS "on", ${IN_20_WEEKS} AS "in_20_weeks", ${EXCEPTION_BEFORE} AS "exception"${PLANS_FROM}`,
    measures: {
      'plans-in-20-weeks-excluding-exceptions': { within: 'NOT f."exception"', counted: 'f."in_20_weeks" AND NOT f."exception"' },
      'plans-in-20-weeks-including-exceptions': { within: 'true', counted: 'f."in_20_weeks"' },
    },
  },
};

/** The measures counted in one statement with others: its group's name, or undefined for a measure counted on its own. */
export function countedWith(id: MeasureId): keyof typeof TOGETHER | undefined {
  return (Object.keys(TOGETHER) as (keyof typeof TOGETHER)[]).find((name) => TOGETHER[name].measures[id] !== undefined);
}

/**
 * A complaint stage's responses sent in the period, each against the due day the contacts feature
 * set from the council's policy when the stage was received. A complaint is about a child, or on
 * its own: its case is the child's latest case opened by the day of the response (none when the
 * child has no case, or there is no child), and the contact itself is carried so that every
 * complaint is listed, with or without a case. A stage without a due day counts as late.
 */
const COMPLAINT_RESPONSES = (stage: 'stage-1' | 'stage-2') => `
  SELECT (SELECT c1."id" FROM "ehc_case" c1 WHERE c1."authority_id" = k."authority_id" AND c1."child_id" = k."child_id" AND c1."opened_on" <= s."responded_on"
           ORDER BY c1."opened_on" DESC, c1."id" DESC LIMIT 1) AS "case_id",
         s."responded_on" AS "on", s."received_on" AS "start", s."due_on" AS "end", coalesce(s."responded_on" <= s."due_on", false) AS "counted",
         to_char(s."due_on", 'YYYY-MM-DD') AS "detail",
         k."id" AS "contact_id", k."reference" AS "contact_reference", k."child_id" AS "contact_child_id", k."owner_id" AS "contact_owner_id"
    FROM "complaint_stage" s
    JOIN "contact" k ON k."authority_id" = s."authority_id" AND k."id" = s."contact_id"
   WHERE s."authority_id" = $1 AND s."stage" = '${stage}' AND s."responded_on" BETWEEN $2::date AND $3::date`;

/**
 * The phase transfers' rows are the phase transfers feature's own (its cohorts, deadlines and
 * finalising plans, worked out in its domain rules from dates of birth and the placements plans
 * name), given to the statement as a parameter (`%GIVEN%`: $9 for the counts, $12 for the list),
 * and read like any other measure's rows, so the filters, the counts and the list are the same.
 */
const PHASE_TRANSFERS = `
  SELECT g."case_id", g."on", g."start", NULL::date AS "end", g."counted", g."detail"
    FROM jsonb_to_recordset(%GIVEN%::jsonb) AS g("case_id" uuid, "on" date, "start" date, "counted" boolean, "detail" text)
   WHERE g."on" BETWEEN $2::date AND $3::date AND $1::uuid IS NOT NULL`;

/** A row given to a statement (the phase transfers'). */
export interface GivenRow {
  case_id: string;
  on: string;
  start: string | null;
  counted: boolean;
  detail: string | null;
}

/** The measures whose rows are given to the statement rather than read by it. */
const GIVEN_MEASURES = ['phase-transfers-in-time'] as const satisfies readonly MeasureId[];
export type GivenMeasureId = (typeof GIVEN_MEASURES)[number];
export const isGivenMeasure = (id: MeasureId): id is GivenMeasureId => (GIVEN_MEASURES as readonly string[]).includes(id);
const givenAt = (rows: string, param: string) => rows.replace('%GIVEN%', param);

/** The measures whose rows are contacts (each with the contact, and a case where there is one). */
const CONTACT_MEASURES = ['complaints-stage-1-in-time', 'complaints-stage-2-in-time'] as const satisfies readonly MeasureId[];
type ContactMeasureId = (typeof CONTACT_MEASURES)[number];
const isContactMeasure = (id: MeasureId): id is ContactMeasureId => (CONTACT_MEASURES as readonly string[]).includes(id);

/** Each measure's rows, by its id. */
const ROWS: Record<MeasureId, string> = {
  'requests-decided-in-6-weeks': DECISIONS(IN_6_WEEKS),
  'requests-agreed': DECISIONS(AGREED),
  'plans-in-20-weeks-excluding-exceptions': `${PLANS_ISSUED} AND NOT ${EXCEPTION_BEFORE}`,
  'plans-in-20-weeks-including-exceptions': PLANS_ISSUED,
  // The meeting a decision follows is the case's last standing meeting on or before it, found in
  // one pass over the meetings and decisions in date order (a running latest meeting per case)
  // rather than a look-up per decision. Meetings held more than two years before the period are
  // not read: a decision that late is out of time whichever meeting it follows. Decisions before
  // the period are not read either: they place nothing and the running latest meeting needs only
  // the meetings.
  'reviews-decided-in-4-weeks': `
  SELECT r."case_id", r."on", r."start", NULL::date AS "end",
         r."start" IS NOT NULL AND r."on" <= r."start" + 28 AS "counted", r."detail"
    FROM (
      SELECT e."case_id", e."type", e."occurred_on" AS "on",
             max(CASE WHEN e."type" = 'review.held' THEN e."occurred_on" END)
               OVER (PARTITION BY e."case_id" ORDER BY e."occurred_on", e."type" = 'review.decided' ROWS UNBOUNDED PRECEDING) AS "start",
             CASE coalesce(e."payload"->>'decision', e."payload"->>'outcome') WHEN 'maintain' THEN 'Maintain' WHEN 'amend' THEN 'Amend' WHEN 'cease' THEN 'Cease' ELSE NULL END AS "detail"
        FROM "case_event" e
       WHERE e."authority_id" = $1 AND e."type" IN ('review.held', 'review.decided')
         AND e."occurred_on" BETWEEN $2::date - 731 AND $3::date AND (e."type" = 'review.held' OR e."occurred_on" >= $2::date) AND ${STANDING('e')}) r
   WHERE r."type" = 'review.decided' AND r."on" >= $2::date`,
  'reviews-overdue': `
  SELECT d."case_id", d."due_on" AS "on", NULL::date AS "start", NULL::date AS "end", true AS "counted", NULL::text AS "detail"
    FROM "case_deadline" d
    JOIN "ehc_case" c0 ON c0."authority_id" = d."authority_id" AND c0."id" = d."case_id"
   WHERE d."authority_id" = $1 AND d."deadline_id" = 'review-due' AND d."met_on" IS NULL AND d."due_on" < $3::date
     AND c0."closed_on" IS NULL AND $2::date IS NOT NULL`,
  'open-cases': `
  SELECT c0."id" AS "case_id", c0."opened_on" AS "on", NULL::date AS "start", NULL::date AS "end", true AS "counted",
         coalesce((SELECT u."name" FROM "staff_user" u WHERE u."authority_id" = c0."authority_id" AND u."id" = c0."officer_id"), 'Waiting for an officer') AS "detail"
    FROM "ehc_case" c0
   WHERE c0."authority_id" = $1 AND c0."closed_on" IS NULL AND $2::date IS NOT NULL AND $3::date IS NOT NULL`,
  'unallocated-cases': `
  SELECT c0."id" AS "case_id", c0."unallocated_since" AS "on", NULL::date AS "start", $3::date AS "end", true AS "counted", NULL::text AS "detail"
    FROM "ehc_case" c0
   WHERE c0."authority_id" = $1 AND c0."closed_on" IS NULL AND c0."officer_id" IS NULL AND $2::date IS NOT NULL`,
  'appeals-registered': `
  SELECT a."case_id", a."registered_on" AS "on", a."decision_on" AS "start", a."concluded_on" AS "end", true AS "counted", a."appeal_type" AS "detail"
    FROM "appeal" a
   WHERE a."authority_id" = $1 AND a."registered_on" BETWEEN $2::date AND $3::date`,
  'appeals-concluded': `
  SELECT a."case_id", a."concluded_on" AS "on", a."registered_on" AS "start", NULL::date AS "end",
         NOT EXISTS (SELECT 1 FROM "appeal_section" s WHERE s."authority_id" = a."authority_id" AND s."appeal_id" = a."id"
                        AND (s."outcome" IS NULL OR s."outcome" NOT IN ('dismissed', 'withdrawn'))) AS "counted",
         (SELECT string_agg(s."section" || ': ' || coalesce(s."outcome", 'no outcome'), ', ' ORDER BY s."section")
            FROM "appeal_section" s WHERE s."authority_id" = a."authority_id" AND s."appeal_id" = a."id") AS "detail"
    FROM "appeal" a
   WHERE a."authority_id" = $1 AND a."status" = 'concluded' AND a."concluded_on" BETWEEN $2::date AND $3::date`,
  'appeals-live': `
  SELECT a."case_id", a."registered_on" AS "on", NULL::date AS "start", NULL::date AS "end", true AS "counted", a."status" AS "detail"
    FROM "appeal" a
   WHERE a."authority_id" = $1 AND a."status" <> 'concluded' AND $2::date IS NOT NULL AND $3::date IS NOT NULL`,
  'phase-transfers-in-time': PHASE_TRANSFERS,
  'complaints-stage-1-in-time': COMPLAINT_RESPONSES('stage-1'),
  'complaints-stage-2-in-time': COMPLAINT_RESPONSES('stage-2'),
};

/**
 * The primary need of the case's plan: the latest final or amended version's section B (the need
 * marked primary), else what its final plan's event recorded (plans carried over without content).
 */
const PRIMARY_NEED = `coalesce(
    (SELECT n->>'type' FROM "plan" p
       JOIN "plan_version" v ON v."authority_id" = p."authority_id" AND v."plan_id" = p."id" AND v."status" IN ('final', 'amended')
      CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(v."content"->'b') = 'array' THEN v."content"->'b' ELSE '[]'::jsonb END) n
      WHERE p."authority_id" = c."authority_id" AND p."case_id" = c."id" AND n->>'primary' = 'true'
      ORDER BY v."number" DESC LIMIT 1),
    (SELECT pe."payload"->>'primaryNeed' FROM "case_event" pe
      WHERE pe."authority_id" = c."authority_id" AND pe."case_id" = c."id" AND pe."type" = 'plan.issued' AND ${STANDING('pe')}
      ORDER BY pe."occurred_on" DESC LIMIT 1))`;

/** Which filters a statement applies: each its own text, so a count with no filter joins nothing it does not need. */
interface FilterSet {
  stage: boolean;
  officer: boolean;
  team: boolean;
  school: boolean;
  need: boolean;
}

/** The filters' conditions on the case `c` and child `ch` of a row. */
const conditionsOf = (filters: FilterSet) => [
  ...(filters.stage ? ['c."stage" = $4::text'] : []),
  ...(filters.officer ? ['c."officer_id" = $5::uuid'] : []),
  ...(filters.team ? ['c."officer_id" IN (SELECT u."id" FROM "staff_user" u WHERE u."authority_id" = $1 AND u."team_id" = $6::uuid)'] : []),
  ...(filters.school ? ['ch."school_id" IN (SELECT s."id" FROM "school" s WHERE s."urn" = $7::int)'] : []),
  ...(filters.need ? [`${PRIMARY_NEED} = $8::text`] : []),
];
// Every parameter is named once, so each has its type whichever filters apply.
const UNUSED = '$4::text IS NOT DISTINCT FROM $4::text AND $5::uuid IS NOT DISTINCT FROM $5::uuid AND $6::uuid IS NOT DISTINCT FROM $6::uuid AND $7::int IS NOT DISTINCT FROM $7::int AND $8::text IS NOT DISTINCT FROM $8::text';

/**
 * The rows of a statement under the filters: the one source of both the counts and the list. The
 * filters' values are always parameters; which of them apply chooses one of a few fixed texts.
 */
const filteredRows = (rows: string, filters: FilterSet, forList: boolean) => {
  const conditions = conditionsOf(filters);
  const joinCase = forList || conditions.length > 0;
  const joinChild = forList || filters.school;
  return `
  WITH "rows" AS (${rows})
  SELECT r.*${joinCase ? ', c."reference", c."child_id", c."officer_id", c."stage"' : ''}
    FROM "rows" r
    ${joinCase ? 'JOIN "ehc_case" c ON c."authority_id" = $1 AND c."id" = r."case_id"' : ''}
    ${joinChild ? 'JOIN "child" ch ON ch."authority_id" = $1 AND ch."id" = c."child_id"' : ''}
   WHERE ${[UNUSED, ...conditions].join(' AND ')}`;
};

/** The measure's rows under the filters. */
const filtered = (id: MeasureId, filters: FilterSet, forList: boolean) => filteredRows(ROWS[id], filters, forList);

const filterSet = (query: MeasureQuery): FilterSet => ({
  stage: query.stage !== null,
  officer: query.officerId !== null,
  team: query.teamId !== null,
  school: query.schoolUrn !== null,
  need: query.need !== null,
});
const filterKey = (id: MeasureId, filters: FilterSet) => `${id}:${Object.values(filters).map(Number).join('')}`;

// Sent by name, so each connection plans a measure's statement once (planning the ten measures'
// statements again on every view of the dashboard cost more than some of them take to run).
const countsOf = new Map<string, PreparedRead<MonthCountRow>>();
const listsOf = new Map<string, PreparedRead<MeasureCaseRow>>();
const statementName = (kind: string, key: string) => `reporting_${kind}_${key.replace(/[^a-z0-9]/g, '_')}`;

export interface MeasureQuery {
  authorityId: string;
  /** The period's first and last days; for a measure of cases as they stand, both today. */
  from: string;
  to: string;
  stage: string | null;
  officerId: string | null;
  teamId: string | null;
  schoolUrn: number | null;
  need: string | null;
}

export interface MonthCountRow {
  /** YYYY-MM. */
  month: string;
  counted: number;
  all: number;
}

const params = (query: MeasureQuery) => [query.authorityId, query.from, query.to, query.stage, query.officerId, query.teamId, query.schoolUrn, query.need];

/** The measure's rows counted by month: all of them, and those that count on top. `given`: a given measure's rows. */
export async function countByMonth(db: Database, id: MeasureId, query: MeasureQuery, given?: readonly GivenRow[]): Promise<MonthCountRow[]> {
  return (await countMeasuresByMonth(db, [id], query, given ? new Map([[id, given]]) : undefined)).get(id)!;
}

/**
 * Several measures' rows counted by month under the same question, each measure counted together
 * with those that read the same rows (one statement for the group) and the rest each on its own,
 * side by side. `given`: the rows of the given measures among them, by id.
 */
export async function countMeasuresByMonth(db: Database, ids: readonly MeasureId[], query: MeasureQuery, given?: ReadonlyMap<MeasureId, readonly GivenRow[]>): Promise<Map<MeasureId, MonthCountRow[]>> {
  const groups = new Set(ids.map(countedWith).filter((name) => name !== undefined));
  const alone = ids.filter((id) => countedWith(id) === undefined);
  const counted = new Map<MeasureId, MonthCountRow[]>();
  await Promise.all([
    ...[...groups].map(async (name) => {
      for (const [id, rows] of await countTogether(db, name, query)) if (ids.includes(id)) counted.set(id, rows);
    }),
    ...alone.map(async (id) => counted.set(id, await countAlone(db, id, query, given?.get(id)))),
  ]);
  return counted;
}

async function countAlone(db: Database, id: MeasureId, query: MeasureQuery, given?: readonly GivenRow[]): Promise<MonthCountRow[]> {
  const filters = filterSet(query);
  const key = filterKey(id, filters);
  let statement = countsOf.get(key);
  if (!statement) {
    statement = preparedRead<MonthCountRow>(
      statementName('counts', key),
      `SELECT to_char(f."on", 'YYYY-MM') AS "month", (count(*) FILTER (WHERE f."counted"))::int AS "counted", count(*)::int AS "all"
         FROM (${givenAt(filtered(id, filters, false), '$9')}) f GROUP BY 1 ORDER BY 1`,
    );
    countsOf.set(key, statement);
  }
  return readRows(db, statement, isGivenMeasure(id) ? [...params(query), JSON.stringify(given ?? [])] : params(query));
}

const togetherOf = new Map<string, PreparedRead<Record<string, string | number>>>();

/** The group's measures from one pass over their rows: for each measure, its months with rows. */
async function countTogether(db: Database, name: keyof typeof TOGETHER, query: MeasureQuery): Promise<Map<MeasureId, MonthCountRow[]>> {
  const group = TOGETHER[name];
  const members = Object.entries(group.measures) as [MeasureId, { within: string; counted: string }][];
  const filters = filterSet(query);
  const key = `${name}:${Object.values(filters).map(Number).join('')}`;
  let statement = togetherOf.get(key);
  if (!statement) {
    const columns = members.map(([, { within, counted }], index) => `(count(*) FILTER (WHERE (${within}) AND (${counted})))::int AS "counted_${index}", (count(*) FILTER (WHERE ${within}))::int AS "all_${index}"`);
    statement = preparedRead(statementName('together', key), `SELECT to_char(f."on", 'YYYY-MM') AS "month", ${columns.join(', ')} FROM (${filteredRows(group.rows, filters, false)}) f GROUP BY 1 ORDER BY 1`);
    togetherOf.set(key, statement);
  }
  const rows = await readRows(db, statement, params(query));
  return new Map(
    members.map(([id], index) => [
      id,
      rows.map((row) => ({ month: String(row.month), counted: Number(row[`counted_${index}`]), all: Number(row[`all_${index}`]) })).filter((row) => row.all > 0),
    ]),
  );
}

export interface MeasureCaseRow {
  /** Null only for a complaint about a child with no case, or about no child. */
  caseId: string | null;
  reference: string | null;
  childId: string | null;
  forename: string | null;
  surname: string | null;
  preferredName: string | null;
  /** The contact a row of a measure of complaints counts (null for the other measures). */
  contactId: string | null;
  contactReference: string | null;
  on: string | null;
  start: string | null;
  end: string | null;
  counted: boolean;
  detail: string | null;
  officerName: string | null;
  stage: string | null;
  /** How many rows there are in all, on every row. */
  total: number;
}

/** Which of the rows: all of them (the denominator), those counted on top, or those not. */
export type MeasurePart = 'all' | 'counted' | 'not-counted';

/** A page of rows of a filtered statement, with the case, child and officer of each, in the order of their days. */
const listText = (rows: string) => `SELECT f."case_id" AS "caseId", f."reference", f."child_id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName",
              NULL::uuid AS "contactId", NULL::text AS "contactReference",
              f."on"::text AS "on", f."start"::text AS "start", f."end"::text AS "end", f."counted", f."detail", o."name" AS "officerName", f."stage",
              (count(*) OVER ())::int AS "total"
         FROM (${rows}) f
         JOIN "child" ch ON ch."authority_id" = $1 AND ch."id" = f."child_id"
         LEFT JOIN "staff_user" o ON o."authority_id" = $1 AND o."id" = f."officer_id"
        WHERE ($9::text = 'all' OR ($9::text = 'counted') = f."counted")
        ORDER BY f."on", f."reference", f."case_id"
        LIMIT $10::int OFFSET $11::int`;

/**
 * The list of a measure of contacts (complaints): every row, with or without a child or a case,
 * its case and child joined where there are ones, and the contact's owner as its officer. Under
 * any filter a row needs its case, as the counts' statement does (it joins the case).
 */
const contactListText = (id: ContactMeasureId, filters: FilterSet) => {
  const conditions = conditionsOf(filters);
  return `SELECT f."case_id" AS "caseId", c."reference", f."contact_child_id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName",
              f."contact_id" AS "contactId", f."contact_reference" AS "contactReference",
              f."on"::text AS "on", f."start"::text AS "start", f."end"::text AS "end", f."counted", f."detail", o."name" AS "officerName", c."stage",
              (count(*) OVER ())::int AS "total"
         FROM (${ROWS[id]}) f
         LEFT JOIN "ehc_case" c ON c."authority_id" = $1 AND c."id" = f."case_id"
         LEFT JOIN "child" ch ON ch."authority_id" = $1 AND ch."id" = f."contact_child_id"
         LEFT JOIN "staff_user" o ON o."authority_id" = $1 AND o."id" = f."contact_owner_id"
        WHERE ${[UNUSED, ...(conditions.length > 0 ? ['c."id" IS NOT NULL', ...conditions] : [])].join(' AND ')}
          AND ($9::text = 'all' OR ($9::text = 'counted') = f."counted")
        ORDER BY f."on", f."contact_reference", f."contact_id"
        LIMIT $10::int OFFSET $11::int`;
};

/** A page of the measure's rows (limit null: every one), in the order of their days, with the count of all. */
export async function listRows(db: Database, id: MeasureId, query: MeasureQuery, part: MeasurePart, limit: number | null, offset: number, given?: readonly GivenRow[]): Promise<MeasureCaseRow[]> {
  const filters = filterSet(query);
  const key = filterKey(id, filters);
  let statement = listsOf.get(key);
  if (!statement) {
    statement = preparedRead<MeasureCaseRow>(statementName('list', key), isContactMeasure(id) ? contactListText(id, filters) : givenAt(listText(filtered(id, filters, true)), '$12'));
    listsOf.set(key, statement);
  }
  return readRows(db, statement, isGivenMeasure(id) ? [...params(query), part, limit, offset, JSON.stringify(given ?? [])] : [...params(query), part, limit, offset]);
}

export interface FilterChoices {
  teams: { id: string; name: string }[];
  officers: { id: string; name: string }[];
  schools: { urn: number; name: string }[];
}

const filterChoices = planEachTime<FilterChoices>(
  `SELECT (SELECT coalesce(json_agg(json_build_object('id', t."id", 'name', t."name") ORDER BY t."name", t."id"), '[]'::json) FROM "team" t WHERE t."authority_id" = $1) AS "teams",
          (SELECT coalesce(json_agg(json_build_object('id', u."id", 'name', u."name") ORDER BY u."name", u."id"), '[]'::json)
             FROM "staff_user" u WHERE u."authority_id" = $1 AND u."role" = 'case_officer') AS "officers",
          (SELECT coalesce(json_agg(json_build_object('urn', s."urn", 'name', s."name") ORDER BY s."name", s."urn"), '[]'::json)
             FROM "school" s WHERE s."id" IN (SELECT ch."school_id" FROM "child" ch WHERE ch."authority_id" = $1)) AS "schools"`,
);

const laCode = planEachTime<{ laCode: string }>(`SELECT ac."la_code" AS "laCode" FROM "authority_code" ac WHERE ac."authority_id" = $1 ORDER BY ac."valid_from" DESC LIMIT 1`);

/** The council's LA code now (for its own published figures), or null. */
export async function readLaCode(db: Database, authorityId: string): Promise<string | null> {
  const [row] = await readRows(db, laCode, [authorityId]);
  return row?.laCode ?? null;
}

/** The teams, officers and schools (those of the council's children) to filter by. */
export async function readFilterChoices(db: Database, authorityId: string): Promise<FilterChoices> {
  const [row] = await readRows(db, filterChoices, [authorityId]);
  return row!;
}

/** The text of a measure's monthly counts and its parameters, for the bench's query plans (bench/explain-dashboard.ts). */
export function countStatementFor(id: MeasureId, query: MeasureQuery): { text: string; params: unknown[] } {
  return {
    text: `SELECT to_char(f."on", 'YYYY-MM') AS "month", (count(*) FILTER (WHERE f."counted"))::int AS "counted", count(*)::int AS "all" FROM (${givenAt(filtered(id, filterSet(query), false), '$9')}) f GROUP BY 1 ORDER BY 1`,
    params: isGivenMeasure(id) ? [...params(query), '[]'] : params(query),
  };
}

// --- Month by month for the measures of cases as they stand ---------------------------------
// A measure of cases as they stand today (timing 'now') also has its months: the cases as they
// stood at the end of each month of the period (today, for the month under way), worked out
// from the dates the data holds. Each statement gives one row per case per month's end ("at"),
// read like the rows above: counted by month, and the list of one month's end is the rows of a
// period of that month alone. Parameters as above, with $3 the last day counted (the period's
// last day, or today if sooner).

/** The last day of each month from $2's to $3's, the last of them $3 itself. */
const MONTH_ENDS = `SELECT least((d + interval '1 month' - interval '1 day')::date, $3::date) AS "at"
    FROM generate_series(date_trunc('month', $2::date::timestamp), $3::date::timestamp, interval '1 month') d`;

export type StandingMeasureId = 'reviews-overdue' | 'open-cases' | 'unallocated-cases' | 'appeals-live';

const MONTH_END_ROWS: Record<StandingMeasureId, string> = {
  // The review due at a month's end: 12 months beginning with the case's last plan issued or
  // review decided by then (CFA 2014 s.44(1)), its last day the day before the anniversary, as the
  // review-due deadline is; overdue when that day was before the month's end, with the case open
  // and the plan not ceased. One pass over those events (each with the next one's day).
  'reviews-overdue': `
  SELECT m."at", p."case_id", p."due" AS "on", NULL::date AS "start", NULL::date AS "end", true AS "counted", NULL::text AS "detail"
    FROM (SELECT w.* FROM (
            SELECT e."case_id", (e."occurred_on" + interval '12 months')::date - 1 AS "due",
                   lead(e."occurred_on") OVER (PARTITION BY e."case_id" ORDER BY e."occurred_on") AS "next"
              FROM "case_event" e
             WHERE e."authority_id" = $1 AND e."type" IN ('plan.issued', 'review.decided') AND e."occurred_on" <= $3::date AND ${STANDING('e')}) w
           -- Only a review overdue at some month's end of the period: due before its last day, not restarted before its first.
           WHERE w."due" < $3::date AND (w."next" IS NULL OR w."next" > $2::date)) p
    JOIN (${MONTH_ENDS}) m ON p."due" < m."at" AND (p."next" IS NULL OR p."next" > m."at")
    JOIN "ehc_case" c0 ON c0."authority_id" = $1 AND c0."id" = p."case_id" AND (c0."closed_on" IS NULL OR c0."closed_on" > m."at")
   WHERE NOT EXISTS (SELECT 1 FROM "case_event" x WHERE x."authority_id" = $1 AND x."case_id" = p."case_id" AND x."type" = 'plan.ceased' AND x."occurred_on" <= m."at" AND ${STANDING('x')})`,
  'open-cases': `
  SELECT m."at", c0."id" AS "case_id", c0."opened_on" AS "on", NULL::date AS "start", NULL::date AS "end", true AS "counted",
         coalesce((SELECT u."name" FROM "staff_user" u WHERE u."authority_id" = c0."authority_id" AND u."id" = c0."officer_id"), 'Waiting for an officer') AS "detail"
    FROM (${MONTH_ENDS}) m
    JOIN "ehc_case" c0 ON c0."authority_id" = $1 AND c0."opened_on" <= m."at" AND (c0."closed_on" IS NULL OR c0."closed_on" > m."at")`,
  // In the queue from the day the case joined it (unallocated_since, kept while it waits; for a
  // case since given an officer, the day the case was created, when it joined) to the day of its
  // first allocation (the 'case.allocated' event), or its closing.
  'unallocated-cases': `
  SELECT m."at", q."case_id", q."since" AS "on", NULL::date AS "start", m."at" AS "end", true AS "counted", NULL::text AS "detail"
    FROM (SELECT c0."id" AS "case_id", c0."unallocated_since" AS "since", NULL::date AS "allocated", c0."closed_on"
            FROM "ehc_case" c0 WHERE c0."authority_id" = $1 AND c0."unallocated_since" <= $3::date
          UNION ALL
          SELECT c0."id", c0."created_at"::date, e."occurred_on", c0."closed_on"
            FROM "case_event" e
            JOIN "ehc_case" c0 ON c0."authority_id" = e."authority_id" AND c0."id" = e."case_id"
           WHERE e."authority_id" = $1 AND e."type" = 'case.allocated' AND e."occurred_on" >= $2::date AND ${STANDING('e')}) q
    JOIN (${MONTH_ENDS}) m ON q."since" <= m."at" AND (q."allocated" IS NULL OR q."allocated" > m."at") AND (q."closed_on" IS NULL OR q."closed_on" > m."at")`,
  'appeals-live': `
  SELECT m."at", a."case_id", a."registered_on" AS "on", NULL::date AS "start", NULL::date AS "end", true AS "counted", a."status" AS "detail"
    FROM "appeal" a
    JOIN (${MONTH_ENDS}) m ON a."registered_on" <= m."at" AND (a."status" <> 'concluded' OR a."concluded_on" > m."at")
   WHERE a."authority_id" = $1 AND a."registered_on" <= $3::date AND (a."status" <> 'concluded' OR a."concluded_on" >= $2::date)`,
};

export function isStandingMeasure(id: MeasureId): id is StandingMeasureId {
  return Object.hasOwn(MONTH_END_ROWS, id);
}

const monthEndCountsOf = new Map<string, PreparedRead<MonthCountRow>>();
const monthEndListsOf = new Map<string, PreparedRead<MeasureCaseRow>>();

const monthEndCountText = (id: StandingMeasureId, filters: FilterSet) =>
  `SELECT to_char(f."at", 'YYYY-MM') AS "month", (count(*) FILTER (WHERE f."counted"))::int AS "counted", count(*)::int AS "all"
     FROM (${filteredRows(MONTH_END_ROWS[id], filters, false)}) f GROUP BY 1 ORDER BY 1`;

/** The measure's count at the end of each month of the period ($3: its last day, or today if sooner). */
export async function countAtMonthEnds(db: Database, id: StandingMeasureId, query: MeasureQuery): Promise<MonthCountRow[]> {
  const filters = filterSet(query);
  const key = filterKey(id, filters);
  let statement = monthEndCountsOf.get(key);
  if (!statement) {
    statement = preparedRead<MonthCountRow>(statementName('month_end_counts', key), monthEndCountText(id, filters));
    monthEndCountsOf.set(key, statement);
  }
  return readRows(db, statement, params(query));
}

/** A page of the cases counted at the end of the one month `query` spans (from its first day to its last, or today). */
export async function listAtMonthEnd(db: Database, id: StandingMeasureId, query: MeasureQuery, limit: number | null, offset: number): Promise<MeasureCaseRow[]> {
  const filters = filterSet(query);
  const key = filterKey(id, filters);
  let statement = monthEndListsOf.get(key);
  if (!statement) {
    statement = preparedRead<MeasureCaseRow>(statementName('month_end_list', key), listText(filteredRows(MONTH_END_ROWS[id], filters, true)));
    monthEndListsOf.set(key, statement);
  }
  return readRows(db, statement, [...params(query), 'all', limit, offset]);
}

/** The text of a measure's month-end counts and its parameters, for the bench's query plans. */
export function monthEndCountStatementFor(id: StandingMeasureId, query: MeasureQuery): { text: string; params: unknown[] } {
  return { text: monthEndCountText(id, filterSet(query)), params: params(query) };
}

// --- The counts behind a figure, for the improvement board ------------------------------------
// The same rows a figure counts, counted by the case's team, the plan's primary need, the child's
// age band on the day and the month: numbers only, never a case, a child or a name. A measure of
// cases as they stand is read as it stood on the day ($3; $2 the first day of its month), a
// monthly measure over its period ($2 to $3).

export interface BreakdownRow {
  team: string;
  need: string;
  age: string;
  month: string;
  counted: number;
  all: number;
}

const AGE_BAND = `CASE WHEN ch."date_of_birth" IS NULL THEN 'Not known'
       WHEN date_part('year', age($3::date, ch."date_of_birth")) < 5 THEN 'Under 5'
       WHEN date_part('year', age($3::date, ch."date_of_birth")) <= 10 THEN '5 to 10'
       WHEN date_part('year', age($3::date, ch."date_of_birth")) <= 15 THEN '11 to 15'
       WHEN date_part('year', age($3::date, ch."date_of_birth")) <= 19 THEN '16 to 19'
       ELSE '20 and over' END`;

const breakdownText = (id: MeasureId) => {
  const standing = isStandingMeasure(id);
  const rows = standing ? MONTH_END_ROWS[id] : givenAt(ROWS[id], '$9');
  return `SELECT coalesce(t."name", CASE WHEN c."id" IS NULL THEN 'No case' WHEN c."officer_id" IS NULL THEN 'No officer yet' ELSE 'No team' END) AS "team",
         coalesce(${PRIMARY_NEED}, 'Not recorded') AS "need",
         ${AGE_BAND} AS "age",
         to_char(${standing ? 'f."at"' : 'f."on"'}, 'YYYY-MM') AS "month",
         (count(*) FILTER (WHERE f."counted"))::int AS "counted", count(*)::int AS "all"
    FROM (${rows}) f
    LEFT JOIN "ehc_case" c ON c."authority_id" = $1 AND c."id" = f."case_id"
    LEFT JOIN "child" ch ON ch."authority_id" = $1 AND ch."id" = c."child_id"
    LEFT JOIN "staff_user" u ON u."authority_id" = $1 AND u."id" = c."officer_id"
    LEFT JOIN "team" t ON t."authority_id" = $1 AND t."id" = u."team_id"
   WHERE ${UNUSED}
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4`;
};

const breakdownsOf = new Map<MeasureId, PreparedRead<BreakdownRow>>();

/** The measure's rows counted by team, primary need, age band and month together (numbers only). */
export async function countBreakdown(db: Database, id: MeasureId, query: MeasureQuery, given?: readonly GivenRow[]): Promise<BreakdownRow[]> {
  let statement = breakdownsOf.get(id);
  if (!statement) {
    statement = preparedRead<BreakdownRow>(statementName('breakdown', id), breakdownText(id));
    breakdownsOf.set(id, statement);
  }
  return readRows(db, statement, isGivenMeasure(id) ? [...params(query), JSON.stringify(given ?? [])] : params(query));
}

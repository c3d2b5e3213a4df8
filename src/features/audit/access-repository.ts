// The access log read back: who viewed one child (their record, and the lists and downloads they
// were on), which records one member of staff viewed, and the facts the report of unusual access
// judges. Every read of the two log tables is here, by authority and moment, so a change to how
// the tables are kept (partitions by month) changes this file only.
import type { Database } from '../../db/database.ts';
import { preparedRead, readRows } from '../../db/prepared.ts';

/** One view from the log: a child's record (or a document of theirs), or a list a child was on. */
export interface AccessViewRow {
  kind: 'record' | 'list';
  id: string;
  /** ISO moment in UTC. */
  at: string;
  actorKind: string;
  actorId: string;
  /** The member of staff, when the actor is one (or one of their tokens). */
  staffId: string | null;
  staffName: string | null;
  view: string;
  /** A record: whose. */
  childId: string | null;
  forename: string | null;
  surname: string | null;
  preferredName: string | null;
  /** A list: what was searched for, and how many children it showed. */
  query: string | null;
  childCount: number | null;
}

const AT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The member of staff an actor id names ('user id' or 'user id/token:token id'), of the same council. */
const STAFF_OF = (alias: string) =>
  `LEFT JOIN "staff_user" su ON su."authority_id" = ${alias}."authority_id" AND ${alias}."actor_kind" IN ('user', 'token') AND su."id"::text = split_part(${alias}."actor_id", '/token:', 1)`;
const RECORD_COLUMNS = `'record' AS "kind", l."id", l."accessed_at" AS "at", l."actor_kind" AS "actorKind", l."actor_id" AS "actorId", su."id" AS "staffId", su."name" AS "staffName", l."view",
  l."child_id" AS "childId", c."forename", c."surname", c."preferred_name" AS "preferredName", NULL::text AS "query", NULL::int AS "childCount"`;
const LIST_COLUMNS = `'list' AS "kind", s."id", s."accessed_at" AS "at", s."actor_kind" AS "actorKind", s."actor_id" AS "actorId", su."id" AS "staffId", su."name" AS "staffName", s."view",
  NULL::uuid AS "childId", NULL::text AS "forename", NULL::text AS "surname", NULL::text AS "preferredName", s."query", cardinality(s."child_ids") AS "childCount"`;
const OUTPUT = `v."kind", v."id", ${AT('v."at"')} AS "at", v."actorKind", v."actorId", v."staffId", v."staffName", v."view", v."childId", v."forename", v."surname", v."preferredName", v."query", v."childCount"`;
const PAGE = `ORDER BY v."at" DESC, v."id" DESC LIMIT $6 OFFSET $7`;

/**
 * Who viewed one child, newest first: each view of their record from the access log (by its index
 * on the child), and each list or download they were on from the log of lists (which has no index
 * on its children: the lists of the dates asked for are read, so a narrow range reads less). $1
 * authority, $2 child, $3-$4 from and before, $5 rows each part may need, $6 page's rows, $7 offset.
 */
const childViews = preparedRead<AccessViewRow>(
  'access_child_views',
  `SELECT ${OUTPUT} FROM (
     (SELECT ${RECORD_COLUMNS} FROM "access_log" l
        JOIN "child" c ON c."authority_id" = l."authority_id" AND c."id" = l."child_id"
        ${STAFF_OF('l')}
       WHERE l."authority_id" = $1 AND l."child_id" = $2::uuid AND l."accessed_at" >= $3::timestamptz AND l."accessed_at" < $4::timestamptz
       ORDER BY l."accessed_at" DESC, l."id" DESC LIMIT $5)
     UNION ALL
     (SELECT ${LIST_COLUMNS} FROM "list_access_log" s
        ${STAFF_OF('s')}
       WHERE s."authority_id" = $1 AND s."child_ids" @> ARRAY[$2::uuid] AND s."accessed_at" >= $3::timestamptz AND s."accessed_at" < $4::timestamptz
       ORDER BY s."accessed_at" DESC, s."id" DESC LIMIT $5)
   ) v
   ${PAGE}`,
);

/**
 * The records one member of staff viewed and the lists they were shown, as themselves and through
 * their API tokens, newest first, each log read by its index on (authority, actor, moment). $1
 * authority, $2 user, then as above.
 */
const staffViews = preparedRead<AccessViewRow>(
  'access_staff_views',
  `WITH actors AS (
     SELECT $2::text AS "actorId"
     UNION ALL
     SELECT $2::text || '/token:' || t."id" FROM "api_token" t WHERE t."authority_id" = $1 AND t."user_id" = $2::uuid
   )
   SELECT ${OUTPUT} FROM (
     SELECT records.* FROM actors a CROSS JOIN LATERAL (
       SELECT ${RECORD_COLUMNS} FROM "access_log" l
         JOIN "child" c ON c."authority_id" = l."authority_id" AND c."id" = l."child_id"
         ${STAFF_OF('l')}
        WHERE l."authority_id" = $1 AND l."actor_id" = a."actorId" AND l."accessed_at" >= $3::timestamptz AND l."accessed_at" < $4::timestamptz
        ORDER BY l."accessed_at" DESC, l."id" DESC LIMIT $5) records
     UNION ALL
     SELECT lists.* FROM actors a CROSS JOIN LATERAL (
       SELECT ${LIST_COLUMNS} FROM "list_access_log" s
         ${STAFF_OF('s')}
        WHERE s."authority_id" = $1 AND s."actor_id" = a."actorId" AND s."accessed_at" >= $3::timestamptz AND s."accessed_at" < $4::timestamptz
        ORDER BY s."accessed_at" DESC, s."id" DESC LIMIT $5) lists
   ) v
   ${PAGE}`,
);

export interface AccessWindow {
  /** ISO moments, or '-infinity' / 'infinity' for an open end. */
  from: string;
  before: string;
  limit: number;
  offset: number;
}

const windowParams = (authorityId: string, subjectId: string, window: AccessWindow) => [authorityId, subjectId, window.from, window.before, window.offset + window.limit + 1, window.limit + 1, window.offset];

/** A page of who viewed a child, and one row more when another page follows. */
export async function listChildViews(db: Database, authorityId: string, childId: string, window: AccessWindow): Promise<AccessViewRow[]> {
  return readRows(db, childViews, windowParams(authorityId, childId, window));
}

/** A page of what a member of staff viewed, and one row more when another page follows. */
export async function listStaffViews(db: Database, authorityId: string, userId: string, window: AccessWindow): Promise<AccessViewRow[]> {
  return readRows(db, staffViews, windowParams(authorityId, userId, window));
}

const childrenByReference = preparedRead<{ childId: string }>(
  'access_children_by_reference',
  `SELECT DISTINCT c."child_id" AS "childId" FROM "ehc_case" c WHERE c."authority_id" = $1 AND upper(c."reference") = upper(btrim($2::text)) LIMIT 10`,
);

/** The children whose case has this reference (one, or none). */
export async function findChildrenByCaseReference(db: Database, authorityId: string, reference: string): Promise<string[]> {
  return (await readRows(db, childrenByReference, [authorityId, reference])).map((row) => row.childId);
}

/** One staff view of a child's record with what was true at that moment, for the rules of src/domain/access. */
export interface ViewFactRow {
  id: string;
  at: string;
  actorId: string;
  staffId: string;
  staffName: string;
  role: string;
  view: string;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  restricted: boolean;
  caseHeld: boolean;
  viewerHoldsCase: boolean;
  viewerInHoldersTeam: boolean;
}

/**
 * Every view by staff (as themselves or through a token) in a period, oldest first, with: whether
 * the child's record is restricted; who held the child's cases at that moment (from the spells of
 * case_holder, or a case's officer where no spell was kept); whether the viewer was one of them or
 * covered for one that day; whether the viewer is in the team of one of them or manages it. $1
 * authority, $2-$3 from and before, $4 the most rows to read.
 */
const viewFacts = preparedRead<ViewFactRow>(
  'access_view_facts',
  `SELECT l."id", ${AT('l."accessed_at"')} AS "at", l."actor_id" AS "actorId", su."id" AS "staffId", su."name" AS "staffName", su."role", l."view",
          l."child_id" AS "childId", c."forename", c."surname", c."preferred_name" AS "preferredName", c."sensitive" AS "restricted",
          cardinality(holders."officers") > 0 AS "caseHeld",
          (su."id" = ANY(holders."officers") OR EXISTS (
             SELECT 1 FROM "cover_period" cp
              WHERE cp."authority_id" = $1 AND cp."cover_officer_id" = su."id" AND cp."officer_id" = ANY(holders."officers")
                AND (l."accessed_at" AT TIME ZONE 'Europe/London')::date BETWEEN cp."starts_on" AND cp."ends_on")) AS "viewerHoldsCase",
          EXISTS (
            SELECT 1 FROM "staff_user" o LEFT JOIN "team" t ON t."authority_id" = o."authority_id" AND t."id" = o."team_id"
             WHERE o."authority_id" = $1 AND o."id" = ANY(holders."officers") AND o."team_id" IS NOT NULL
               AND (o."team_id" = su."team_id" OR t."manager_id" = su."id")) AS "viewerInHoldersTeam"
     FROM "access_log" l
     JOIN "staff_user" su ON su."authority_id" = l."authority_id" AND su."id"::text = split_part(l."actor_id", '/token:', 1)
     JOIN "child" c ON c."authority_id" = l."authority_id" AND c."id" = l."child_id"
     CROSS JOIN LATERAL (
       SELECT coalesce(array_agg(DISTINCT held."officerId"), '{}'::uuid[]) AS "officers" FROM (
         SELECT h."officer_id" AS "officerId" FROM "ehc_case" ec
           JOIN "case_holder" h ON h."authority_id" = ec."authority_id" AND h."case_id" = ec."id"
          WHERE ec."authority_id" = $1 AND ec."child_id" = l."child_id" AND h."officer_id" IS NOT NULL
            AND h."held_from" <= l."accessed_at" AND (h."held_to" IS NULL OR h."held_to" > l."accessed_at")
         UNION
         SELECT ec."officer_id" FROM "ehc_case" ec
          WHERE ec."authority_id" = $1 AND ec."child_id" = l."child_id" AND ec."officer_id" IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM "case_holder" h2 WHERE h2."authority_id" = ec."authority_id" AND h2."case_id" = ec."id")
       ) held
     ) holders
    WHERE l."authority_id" = $1 AND l."actor_kind" IN ('user', 'token') AND l."accessed_at" >= $2::timestamptz AND l."accessed_at" < $3::timestamptz
    ORDER BY l."accessed_at", l."id"
    LIMIT $4`,
);

/** The facts of the views in a period, at most `limit` of them, oldest first. */
export async function listViewFacts(db: Database, authorityId: string, period: { from: string; before: string }, limit: number): Promise<ViewFactRow[]> {
  return readRows(db, viewFacts, [authorityId, period.from, period.before, limit]);
}

import type { Database } from '../../db/database.ts';
import { preparedRead, readRows } from '../../db/prepared.ts';

export interface UnallocatedRow {
  caseId: string;
  reference: string;
  stage: string;
  unallocatedSince: string;
  openedOn: string;
  nextDeadlineOn: string | null;
  nextDeadlineTitle: string | null;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
}

/**
 * A page of the unallocated queue, the case waiting longest first, with how many cases wait and
 * since when the oldest has, in one statement. Every open case without an officer is on it,
 * whatever its deadlines. Both parts read the partial index of the queue
 * (ehc_case_unallocated_idx: authority, unallocated since; open cases without an officer only):
 * the count reads only the queue, and the page's cases are chosen before their children are
 * joined, so a page looks up its own 50 children by key (left to itself the planner hashed every
 * child of the council to join a queue of 200 cases). As in My cases, a page past the end (or a
 * limit of 0, for the figures alone) is one row carrying the count, its case fields null.
 */
const unallocatedPage = preparedRead<UnallocatedRow & { total: number; oldestSince: string | null }>(
  'unallocated_queue_page',
  `SELECT queue."total", queue."oldestSince", page.*
     FROM (SELECT count(*)::int AS "total", min(q."unallocated_since") AS "oldestSince"
             FROM "ehc_case" q WHERE q."authority_id" = $1 AND q."officer_id" IS NULL AND q."closed_on" IS NULL) queue
     LEFT JOIN LATERAL (
           SELECT c."id" AS "caseId", c."reference", c."stage", c."unallocated_since" AS "unallocatedSince", c."opened_on" AS "openedOn",
                  c."next_deadline_on" AS "nextDeadlineOn", c."next_deadline_title" AS "nextDeadlineTitle",
                  ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName"
             FROM (SELECT w.* FROM "ehc_case" w
                    WHERE w."authority_id" = $1 AND w."officer_id" IS NULL AND w."closed_on" IS NULL
                    ORDER BY w."unallocated_since", w."reference"
                    LIMIT $2 OFFSET $3) c
             JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
            ORDER BY c."unallocated_since", c."reference") page ON true`,
);

export async function listUnallocated(db: Database, authorityId: string, limit: number, offset: number): Promise<{ rows: UnallocatedRow[]; total: number; oldestSince: string | null }> {
  const page = await readRows(db, unallocatedPage, [authorityId, limit, offset]);
  const first = page[0]!;
  return { rows: first.caseId === null ? [] : page, total: first.total, oldestSince: first.oldestSince };
}

/** How many open cases the council has at each stage. */
const openCasesByStage = preparedRead<{ stage: string; cases: number }>(
  'open_cases_by_stage',
  `SELECT c."stage", count(*)::int AS "cases" FROM "ehc_case" c WHERE c."authority_id" = $1 AND c."closed_on" IS NULL GROUP BY c."stage"`,
);

export async function countOpenCasesByStage(db: Database, authorityId: string): Promise<{ stage: string; cases: number }[]> {
  return readRows(db, openCasesByStage, [authorityId]);
}

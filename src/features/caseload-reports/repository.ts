import type { Database } from '../../db/database.ts';
import { preparedRead, readRows } from '../../db/prepared.ts';

/** A spell in the unallocated queue, as London dates, with its child and whom the case went to next. */
export interface QueueSpellRow {
  spellId: string;
  caseId: string;
  reference: string;
  childId: string;
  forename: string;
  surname: string;
  preferredName: string | null;
  /** The day the case joined the queue. */
  from: string;
  /** The day it left: the next holder's, or the day the case closed while waiting; null while it waits. */
  to: string | null;
  closedOn: string | null;
  /** The officer the case went to when the wait ended; null while it waits, or if it closed waiting. */
  toOfficerId: string | null;
  toOfficerName: string | null;
}

/**
 * Every spell in the unallocated queue that was in it during the period and lasted (or has lasted
 * so far) more than `moreThanDays` calendar days: the working days of each are counted by the
 * caller, against the bank holidays, and a wait of more than N working days is more than N
 * calendar days, so this is a sure first cut. One statement: the spell, its case and child, and
 * the officer of the spell that followed it. A case closed while waiting has its spell ended the
 * day it closed (migration 0023); a spell left open by a closing recorded before then ends that
 * day too, here.
 */
const queueSpells = preparedRead<QueueSpellRow>(
  'caseload_queue_spells',
  `SELECT s."spellId", s."caseId", s."reference", s."childId", s."forename", s."surname", s."preferredName",
          s."from"::text AS "from", s."to"::text AS "to", s."closedOn"::text AS "closedOn",
          nxt."officer_id" AS "toOfficerId", o."name" AS "toOfficerName"
     FROM (SELECT h."id" AS "spellId", h."authority_id", h."held_to", h."held_from",
                  c."id" AS "caseId", c."reference", ch."id" AS "childId", ch."forename", ch."surname", ch."preferred_name" AS "preferredName",
                  (h."held_from" AT TIME ZONE 'Europe/London')::date AS "from",
                  coalesce((h."held_to" AT TIME ZONE 'Europe/London')::date, c."closed_on") AS "to",
                  c."closed_on" AS "closedOn"
             FROM "case_holder" h
             JOIN "ehc_case" c ON c."authority_id" = h."authority_id" AND c."id" = h."case_id"
             JOIN "child" ch ON ch."authority_id" = c."authority_id" AND ch."id" = c."child_id"
            WHERE h."authority_id" = $1 AND h."officer_id" IS NULL) s
     LEFT JOIN LATERAL (
           SELECT n."officer_id" FROM "case_holder" n
            WHERE s."held_to" IS NOT NULL AND n."authority_id" = s."authority_id" AND n."case_id" = s."caseId" AND n."held_from" >= s."held_to" AND n."id" <> s."spellId"
            ORDER BY n."held_from", n."id" LIMIT 1) nxt ON true
     LEFT JOIN "staff_user" o ON o."authority_id" = s."authority_id" AND o."id" = nxt."officer_id"
    WHERE s."from" <= $3::date
      AND coalesce(s."to", $4::date) >= $2::date
      AND coalesce(s."to", $4::date) - s."from" > $5::int
    ORDER BY s."from", s."reference", s."spellId"`,
);

export async function listQueueSpells(db: Database, authorityId: string, query: { from: string; to: string; today: string; moreThanDays: number }): Promise<QueueSpellRow[]> {
  return readRows(db, queueSpells, [authorityId, query.from, query.to, query.today, query.moreThanDays]);
}

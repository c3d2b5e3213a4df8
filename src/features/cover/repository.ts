import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/database.ts';
import { coverPeriod, staffUser } from '../../db/schema/index.ts';

export interface CoverStaffRow {
  id: string;
  name: string;
  role: string;
  active: boolean;
}

/** The council's case officers, team managers and service leads: who may be away, or cover. */
export async function listCoverStaff(executor: Executor, authorityId: string): Promise<CoverStaffRow[]> {
  return executor
    .select({ id: staffUser.id, name: staffUser.name, role: staffUser.role, active: sql<boolean>`${staffUser.deactivatedAt} IS NULL` })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), inArray(staffUser.role, ['case_officer', 'team_manager', 'service_lead'])))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
}

/** Holds the officer's row until the transaction ends, so two managers recording their leave at once are taken in turn. */
export async function lockStaff(tx: Executor, authorityId: string, userId: string): Promise<CoverStaffRow | undefined> {
  const [row] = await tx
    .select({ id: staffUser.id, name: staffUser.name, role: staffUser.role, active: sql<boolean>`${staffUser.deactivatedAt} IS NULL` })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId)))
    .for('update');
  return row;
}

export interface CoverPeriodRow {
  id: string;
  officerId: string;
  coverOfficerId: string;
  coverName: string;
  startsOn: string;
  endsOn: string;
  reason: string;
}

/** An officer's periods of cover that end on or after a day, the earliest first. */
export async function listCoverPeriods(executor: Executor, authorityId: string, officerId: string, endingFrom: string): Promise<CoverPeriodRow[]> {
  return executor
    .select({
      id: coverPeriod.id,
      officerId: coverPeriod.officerId,
      coverOfficerId: coverPeriod.coverOfficerId,
      coverName: staffUser.name,
      startsOn: coverPeriod.startsOn,
      endsOn: coverPeriod.endsOn,
      reason: coverPeriod.reason,
    })
    .from(coverPeriod)
    .innerJoin(staffUser, and(eq(staffUser.authorityId, coverPeriod.authorityId), eq(staffUser.id, coverPeriod.coverOfficerId)))
    .where(and(eq(coverPeriod.authorityId, authorityId), eq(coverPeriod.officerId, officerId), gte(coverPeriod.endsOn, endingFrom)))
    .orderBy(asc(coverPeriod.startsOn));
}

export async function insertCoverPeriod(tx: Executor, row: typeof coverPeriod.$inferInsert): Promise<void> {
  await tx.insert(coverPeriod).values(row);
}

export interface OfficerTeamAndCoverRow {
  officerId: string;
  teamId: string | null;
  teamName: string | null;
  coverOfficerId: string | null;
  coverOfficerName: string | null;
  coverStartsOn: string | null;
  coverEndsOn: string | null;
}

/** Each member of staff's team, and the cover running today for any who are away. */
export async function listTeamsAndCover(executor: Executor, authorityId: string, today: string): Promise<OfficerTeamAndCoverRow[]> {
  return queryRows<OfficerTeamAndCoverRow>(
    executor,
    sql`SELECT u."id" AS "officerId", t."id" AS "teamId", t."name" AS "teamName", p."cover_officer_id" AS "coverOfficerId", cu."name" AS "coverOfficerName",
               p."starts_on"::text AS "coverStartsOn", p."ends_on"::text AS "coverEndsOn"
          FROM "staff_user" u
          LEFT JOIN "team" t ON t."authority_id" = u."authority_id" AND t."id" = u."team_id"
          LEFT JOIN "cover_period" p ON p."authority_id" = u."authority_id" AND p."officer_id" = u."id" AND p."starts_on" <= ${today}::date AND p."ends_on" >= ${today}::date
          LEFT JOIN "staff_user" cu ON cu."authority_id" = p."authority_id" AND cu."id" = p."cover_officer_id"
         WHERE u."authority_id" = ${authorityId} AND (u."team_id" IS NOT NULL OR p."id" IS NOT NULL)`,
  );
}

export interface CoverPeriodDetailRow extends CoverPeriodRow {
  officerName: string;
}

/** One period of cover of this authority, with the names of the officer away and the cover. */
export async function findCoverPeriod(executor: Executor, authorityId: string, periodId: string): Promise<CoverPeriodDetailRow | undefined> {
  const [row] = await queryRows<CoverPeriodDetailRow>(
    executor,
    sql`SELECT p."id", p."officer_id" AS "officerId", p."cover_officer_id" AS "coverOfficerId", cu."name" AS "coverName", u."name" AS "officerName",
               p."starts_on"::text AS "startsOn", p."ends_on"::text AS "endsOn", p."reason"
          FROM "cover_period" p
          JOIN "staff_user" u ON u."authority_id" = p."authority_id" AND u."id" = p."officer_id"
          JOIN "staff_user" cu ON cu."authority_id" = p."authority_id" AND cu."id" = p."cover_officer_id"
         WHERE p."authority_id" = ${authorityId} AND p."id" = ${periodId}`,
  );
  return row;
}

/** The period's last day brought forward. */
export async function updateCoverEnd(tx: Executor, authorityId: string, periodId: string, endsOn: string): Promise<void> {
  await tx
    .update(coverPeriod)
    .set({ endsOn })
    .where(and(eq(coverPeriod.authorityId, authorityId), eq(coverPeriod.id, periodId)));
}

/** A period withdrawn before it began: it never ran, so nothing of it is kept but the audit entry. */
export async function deleteCoverPeriod(tx: Executor, authorityId: string, periodId: string): Promise<void> {
  await tx.delete(coverPeriod).where(and(eq(coverPeriod.authorityId, authorityId), eq(coverPeriod.id, periodId)));
}

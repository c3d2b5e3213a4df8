import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../db/database.ts';
import { staffUser, team } from '../../db/schema/index.ts';

export interface TeamRow {
  id: string;
  name: string;
  managerId: string;
  managerName: string;
  members: number;
  version: number;
}

/** The council's teams, by name, each with its manager's name and how many people are in it. */
export async function listTeams(executor: Executor, authorityId: string): Promise<TeamRow[]> {
  return executor
    .select({
      id: team.id,
      name: team.name,
      managerId: team.managerId,
      managerName: staffUser.name,
      members: sql<number>`(SELECT count(*)::int FROM "staff_user" m WHERE m."authority_id" = ${team.authorityId} AND m."team_id" = ${team.id})`,
      version: team.version,
    })
    .from(team)
    .innerJoin(staffUser, and(eq(staffUser.authorityId, team.authorityId), eq(staffUser.id, team.managerId)))
    .where(eq(team.authorityId, authorityId))
    .orderBy(asc(team.name), asc(team.id));
}

export async function findTeam(executor: Executor, authorityId: string, teamId: string): Promise<TeamRow | undefined> {
  const rows = await listTeams(executor, authorityId);
  return rows.find((row) => row.id === teamId);
}

/** Holds the team's row until the transaction ends, and says its version. */
export async function lockTeam(tx: Transaction, authorityId: string, teamId: string): Promise<{ version: number; name: string; managerId: string } | undefined> {
  const [row] = await tx
    .select({ version: team.version, name: team.name, managerId: team.managerId })
    .from(team)
    .where(and(eq(team.authorityId, authorityId), eq(team.id, teamId)))
    .for('update');
  return row;
}

export async function teamNameTaken(executor: Executor, authorityId: string, name: string, exceptId?: string): Promise<boolean> {
  const rows = await executor
    .select({ id: team.id })
    .from(team)
    .where(and(eq(team.authorityId, authorityId), sql`lower(${team.name}) = lower(${name})`, exceptId ? ne(team.id, exceptId) : undefined))
    .limit(1);
  return rows.length > 0;
}

export async function insertTeam(tx: Transaction, row: typeof team.$inferInsert): Promise<void> {
  await tx.insert(team).values(row);
}

export async function updateTeam(tx: Transaction, authorityId: string, teamId: string, version: number, change: { name: string; managerId: string; at: Date }): Promise<boolean> {
  const rows = await tx
    .update(team)
    .set({ name: change.name, managerId: change.managerId, updatedAt: change.at, version: sql`${team.version} + 1` })
    .where(and(eq(team.authorityId, authorityId), eq(team.id, teamId), eq(team.version, version)))
    .returning({ id: team.id });
  return rows.length > 0;
}

export async function bumpTeamVersion(tx: Transaction, authorityId: string, teamId: string, at: Date): Promise<void> {
  await tx
    .update(team)
    .set({ updatedAt: at, version: sql`${team.version} + 1` })
    .where(and(eq(team.authorityId, authorityId), eq(team.id, teamId)));
}

export interface StaffRow {
  id: string;
  name: string;
  role: string;
  active: boolean;
  teamId: string | null;
}

/** The council's staff who may be in a team or manage one (never board members), active first by name. */
export async function listTeamStaff(executor: Executor, authorityId: string): Promise<StaffRow[]> {
  return executor
    .select({ id: staffUser.id, name: staffUser.name, role: staffUser.role, active: sql<boolean>`${staffUser.deactivatedAt} IS NULL`, teamId: staffUser.teamId })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), inArray(staffUser.role, ['case_officer', 'team_manager', 'service_lead'])))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
}

export async function findStaff(executor: Executor, authorityId: string, userId: string): Promise<StaffRow | undefined> {
  const [row] = await executor
    .select({ id: staffUser.id, name: staffUser.name, role: staffUser.role, active: sql<boolean>`${staffUser.deactivatedAt} IS NULL`, teamId: staffUser.teamId })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, userId)));
  return row;
}

/** Makes the team's members exactly these people: others leave it (no team), these join it (leaving any other). */
export async function setMembers(tx: Transaction, authorityId: string, teamId: string, memberIds: readonly string[]): Promise<void> {
  const leaving = memberIds.length > 0 ? sql`${staffUser.id} NOT IN ${memberIds}` : undefined;
  await tx
    .update(staffUser)
    .set({ teamId: null })
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.teamId, teamId), leaving));
  if (memberIds.length > 0) {
    await tx
      .update(staffUser)
      .set({ teamId })
      .where(and(eq(staffUser.authorityId, authorityId), inArray(staffUser.id, [...memberIds])));
  }
}

/** The team a manager manages (the first by name if several), for their default view. */
export async function teamManagedBy(executor: Executor, authorityId: string, managerId: string): Promise<string | undefined> {
  const [row] = await executor
    .select({ id: team.id })
    .from(team)
    .where(and(eq(team.authorityId, authorityId), eq(team.managerId, managerId)))
    .orderBy(asc(team.name))
    .limit(1);
  return row?.id;
}



// The improvement plan's areas, actions, statuses, milestones, evidence, measures bound to them,
// board meetings and the plan's change log: the only SQL of the feature.
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/database.ts';
import {
  boardMeeting,
  improvementAction,
  improvementArea,
  improvementChange,
  improvementEvidence,
  improvementMeasure,
  improvementMilestone,
  improvementPublicMeasure,
  improvementPublicPage,
  improvementStatusUpdate,
  staffUser,
} from '../../db/schema/index.ts';
import { authority, authorityCode } from '../../db/schema/index.ts';

export type AreaRow = typeof improvementArea.$inferSelect;
export type ActionRow = typeof improvementAction.$inferSelect & { ownerName: string };
export type MeasureRow = typeof improvementMeasure.$inferSelect;
export type MilestoneRow = typeof improvementMilestone.$inferSelect;
export type EvidenceRow = typeof improvementEvidence.$inferSelect;
export type StatusUpdateRow = typeof improvementStatusUpdate.$inferSelect;
export type MeetingRow = typeof boardMeeting.$inferSelect;
export type ChangeRow = typeof improvementChange.$inferSelect;

// --- Areas --------------------------------------------------------------------------------------

export async function listAreas(executor: Executor, authorityId: string): Promise<AreaRow[]> {
  return executor.select().from(improvementArea).where(eq(improvementArea.authorityId, authorityId)).orderBy(asc(improvementArea.position), asc(improvementArea.id));
}

export async function findArea(executor: Executor, authorityId: string, areaId: string, lock = false): Promise<AreaRow | undefined> {
  const query = executor.select().from(improvementArea).where(and(eq(improvementArea.authorityId, authorityId), eq(improvementArea.id, areaId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

export async function nextAreaPosition(executor: Executor, authorityId: string): Promise<number> {
  const [row] = await executor
    .select({ last: sql<number>`coalesce(max(${improvementArea.position}), 0)::int` })
    .from(improvementArea)
    .where(eq(improvementArea.authorityId, authorityId));
  return (row?.last ?? 0) + 1;
}

export async function insertArea(executor: Executor, row: typeof improvementArea.$inferInsert): Promise<void> {
  await executor.insert(improvementArea).values(row);
}

/** Moves the areas from `from` on down one place, to make room at `from`. */
export async function makeRoomForArea(executor: Executor, authorityId: string, from: number, except: string): Promise<void> {
  await executor
    .update(improvementArea)
    .set({ position: sql`${improvementArea.position} + 1` })
    .where(and(eq(improvementArea.authorityId, authorityId), sql`${improvementArea.position} >= ${from}`, ne(improvementArea.id, except)));
}

export async function updateArea(executor: Executor, authorityId: string, areaId: string, set: { title: string; finding: string; position: number; updatedAt: Date }): Promise<void> {
  await executor
    .update(improvementArea)
    .set({ ...set, version: sql`${improvementArea.version} + 1` })
    .where(and(eq(improvementArea.authorityId, authorityId), eq(improvementArea.id, areaId)));
}

/** Moves the areas at places `from` to `to` (inclusive) one place by `by` (1 down the plan, -1 up), all but `except`: room for an area moved. */
export async function shiftAreas(executor: Executor, authorityId: string, from: number, to: number, by: 1 | -1, except: string): Promise<void> {
  await executor
    .update(improvementArea)
    .set({ position: sql`${improvementArea.position} + ${by}` })
    .where(and(eq(improvementArea.authorityId, authorityId), sql`${improvementArea.position} BETWEEN ${from} AND ${to}`, ne(improvementArea.id, except)));
}

/** Numbers the areas 1, 2, 3... in their order, closing any gap. */
export async function renumberAreas(executor: Executor, authorityId: string): Promise<void> {
  await executor.execute(sql`
    UPDATE "improvement_area" a SET "position" = ordered.place
    FROM (SELECT "id", row_number() OVER (ORDER BY "position", "updated_at" DESC, "id") AS place FROM "improvement_area" WHERE "authority_id" = ${authorityId}) AS ordered
    WHERE a."authority_id" = ${authorityId} AND a."id" = ordered."id" AND a."position" <> ordered.place`);
}

// --- Actions ------------------------------------------------------------------------------------

const actionColumns = {
  id: improvementAction.id,
  authorityId: improvementAction.authorityId,
  areaId: improvementAction.areaId,
  title: improvementAction.title,
  description: improvementAction.description,
  ownerId: improvementAction.ownerId,
  ownerName: staffUser.name,
  status: improvementAction.status,
  statusNote: improvementAction.statusNote,
  statusAt: improvementAction.statusAt,
  meetingId: improvementAction.meetingId,
  position: improvementAction.position,
  createdAt: improvementAction.createdAt,
  updatedAt: improvementAction.updatedAt,
  version: improvementAction.version,
};

export async function listActions(executor: Executor, authorityId: string, filter: { areaId?: string; meetingId?: string } = {}): Promise<ActionRow[]> {
  return executor
    .select(actionColumns)
    .from(improvementAction)
    .innerJoin(staffUser, and(eq(staffUser.authorityId, improvementAction.authorityId), eq(staffUser.id, improvementAction.ownerId)))
    .where(
      and(
        eq(improvementAction.authorityId, authorityId),
        filter.areaId ? eq(improvementAction.areaId, filter.areaId) : undefined,
        filter.meetingId ? eq(improvementAction.meetingId, filter.meetingId) : undefined,
      ),
    )
    .orderBy(asc(improvementAction.areaId), asc(improvementAction.position), asc(improvementAction.id));
}

export async function findAction(executor: Executor, authorityId: string, actionId: string, lock = false): Promise<ActionRow | undefined> {
  const query = executor
    .select(actionColumns)
    .from(improvementAction)
    .innerJoin(staffUser, and(eq(staffUser.authorityId, improvementAction.authorityId), eq(staffUser.id, improvementAction.ownerId)))
    .where(and(eq(improvementAction.authorityId, authorityId), eq(improvementAction.id, actionId)));
  const [row] = lock ? await query.for('update', { of: improvementAction }) : await query;
  return row;
}

export async function nextActionPosition(executor: Executor, authorityId: string, areaId: string): Promise<number> {
  const [row] = await executor
    .select({ last: sql<number>`coalesce(max(${improvementAction.position}), 0)::int` })
    .from(improvementAction)
    .where(and(eq(improvementAction.authorityId, authorityId), eq(improvementAction.areaId, areaId)));
  return (row?.last ?? 0) + 1;
}

export async function insertAction(executor: Executor, row: typeof improvementAction.$inferInsert): Promise<void> {
  await executor.insert(improvementAction).values(row);
}

export async function updateAction(
  executor: Executor,
  authorityId: string,
  actionId: string,
  set: Partial<Pick<typeof improvementAction.$inferInsert, 'status' | 'statusNote' | 'statusAt' | 'ownerId' | 'title' | 'description'>> & { updatedAt: Date },
): Promise<void> {
  await executor
    .update(improvementAction)
    .set({ ...set, version: sql`${improvementAction.version} + 1` })
    .where(and(eq(improvementAction.authorityId, authorityId), eq(improvementAction.id, actionId)));
}

export async function insertStatusUpdate(executor: Executor, row: typeof improvementStatusUpdate.$inferInsert): Promise<void> {
  await executor.insert(improvementStatusUpdate).values(row);
}

export async function listStatusUpdates(executor: Executor, authorityId: string, actionId: string): Promise<StatusUpdateRow[]> {
  return executor
    .select()
    .from(improvementStatusUpdate)
    .where(and(eq(improvementStatusUpdate.authorityId, authorityId), eq(improvementStatusUpdate.actionId, actionId)))
    .orderBy(desc(improvementStatusUpdate.at), desc(improvementStatusUpdate.id));
}

// --- Milestones and evidence ---------------------------------------------------------------------

export async function listMilestones(executor: Executor, authorityId: string, actionIds: readonly string[]): Promise<MilestoneRow[]> {
  if (actionIds.length === 0) return [];
  return executor
    .select()
    .from(improvementMilestone)
    .where(and(eq(improvementMilestone.authorityId, authorityId), inArray(improvementMilestone.actionId, [...actionIds])))
    .orderBy(asc(improvementMilestone.dueOn), asc(improvementMilestone.id));
}

export async function insertMilestone(executor: Executor, row: typeof improvementMilestone.$inferInsert): Promise<void> {
  await executor.insert(improvementMilestone).values(row);
}

/** Marks a milestone done on the day; false when it was done already or is not the action's. */
export async function markMilestoneDone(executor: Executor, authorityId: string, actionId: string, milestoneId: string, doneOn: string): Promise<MilestoneRow | undefined> {
  const [row] = await executor
    .update(improvementMilestone)
    .set({ doneOn })
    .where(and(eq(improvementMilestone.authorityId, authorityId), eq(improvementMilestone.actionId, actionId), eq(improvementMilestone.id, milestoneId), isNull(improvementMilestone.doneOn)))
    .returning();
  return row;
}

export async function listEvidence(executor: Executor, authorityId: string, actionId: string): Promise<EvidenceRow[]> {
  return executor
    .select()
    .from(improvementEvidence)
    .where(and(eq(improvementEvidence.authorityId, authorityId), eq(improvementEvidence.actionId, actionId)))
    .orderBy(asc(improvementEvidence.at), asc(improvementEvidence.id));
}

export async function findEvidence(executor: Executor, authorityId: string, evidenceId: string): Promise<EvidenceRow | undefined> {
  const [row] = await executor
    .select()
    .from(improvementEvidence)
    .where(and(eq(improvementEvidence.authorityId, authorityId), eq(improvementEvidence.id, evidenceId)))
    .limit(1);
  return row;
}

export async function insertEvidence(executor: Executor, row: typeof improvementEvidence.$inferInsert): Promise<void> {
  await executor.insert(improvementEvidence).values(row);
}

// --- Measures bound to the plan -------------------------------------------------------------------

export async function listMeasures(executor: Executor, authorityId: string): Promise<MeasureRow[]> {
  return executor.select().from(improvementMeasure).where(eq(improvementMeasure.authorityId, authorityId)).orderBy(asc(improvementMeasure.createdAt), asc(improvementMeasure.id));
}

export async function findMeasure(executor: Executor, authorityId: string, bindingId: string, lock = false): Promise<MeasureRow | undefined> {
  const query = executor.select().from(improvementMeasure).where(and(eq(improvementMeasure.authorityId, authorityId), eq(improvementMeasure.id, bindingId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The binding of the measure to the area or action already, if there is one. */
export async function findBinding(executor: Executor, authorityId: string, owner: { areaId: string | null; actionId: string | null }, measureId: string): Promise<MeasureRow | undefined> {
  const [row] = await executor
    .select()
    .from(improvementMeasure)
    .where(
      and(
        eq(improvementMeasure.authorityId, authorityId),
        eq(improvementMeasure.measureId, measureId),
        owner.areaId ? eq(improvementMeasure.areaId, owner.areaId) : eq(improvementMeasure.actionId, owner.actionId!),
      ),
    );
  return row;
}

export async function insertMeasure(executor: Executor, row: typeof improvementMeasure.$inferInsert): Promise<void> {
  await executor.insert(improvementMeasure).values(row);
}

export async function updateMeasure(
  executor: Executor,
  authorityId: string,
  bindingId: string,
  set: Pick<typeof improvementMeasure.$inferInsert, 'baselineValue' | 'baselineOn' | 'targetValue' | 'targetOn'> & { updatedAt: Date },
): Promise<void> {
  await executor
    .update(improvementMeasure)
    .set({ ...set, version: sql`${improvementMeasure.version} + 1` })
    .where(and(eq(improvementMeasure.authorityId, authorityId), eq(improvementMeasure.id, bindingId)));
}

// --- Board meetings ------------------------------------------------------------------------------

export async function insertMeeting(executor: Executor, row: typeof boardMeeting.$inferInsert): Promise<void> {
  await executor.insert(boardMeeting).values(row);
}

export type MeetingListRow = Omit<MeetingRow, 'snapshot'>;

/** A meeting's columns without its snapshot, for lists. */
const meetingListColumns = {
  id: boardMeeting.id,
  authorityId: boardMeeting.authorityId,
  heldOn: boardMeeting.heldOn,
  attendees: boardMeeting.attendees,
  decisions: boardMeeting.decisions,
  snapshotTakenAt: boardMeeting.snapshotTakenAt,
  recordedByName: boardMeeting.recordedByName,
  createdAt: boardMeeting.createdAt,
  updatedAt: boardMeeting.updatedAt,
  version: boardMeeting.version,
};

export async function listMeetings(executor: Executor, authorityId: string): Promise<MeetingListRow[]> {
  return executor
    .select(meetingListColumns)
    .from(boardMeeting)
    .where(eq(boardMeeting.authorityId, authorityId))
    .orderBy(desc(boardMeeting.heldOn), desc(boardMeeting.createdAt));
}

export async function findMeeting(executor: Executor, authorityId: string, meetingId: string, lock = false): Promise<MeetingRow | undefined> {
  const query = executor.select().from(boardMeeting).where(and(eq(boardMeeting.authorityId, authorityId), eq(boardMeeting.id, meetingId)));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** Corrects who came and what was decided: never the meeting's date or its snapshot. */
export async function updateMeetingRecord(executor: Executor, authorityId: string, meetingId: string, set: { attendees: string; decisions: string; updatedAt: Date }): Promise<void> {
  await executor
    .update(boardMeeting)
    .set({ ...set, version: sql`${boardMeeting.version} + 1` })
    .where(and(eq(boardMeeting.authorityId, authorityId), eq(boardMeeting.id, meetingId)));
}

// --- The change log ------------------------------------------------------------------------------

export async function insertChanges(executor: Executor, rows: (typeof improvementChange.$inferInsert)[]): Promise<void> {
  if (rows.length > 0) await executor.insert(improvementChange).values(rows);
}

export async function listChanges(executor: Executor, authorityId: string, entityIds?: readonly string[], limit = 500): Promise<ChangeRow[]> {
  if (entityIds && entityIds.length === 0) return [];
  return executor
    .select()
    .from(improvementChange)
    .where(and(eq(improvementChange.authorityId, authorityId), entityIds ? inArray(improvementChange.entityId, [...entityIds]) : undefined))
    .orderBy(desc(improvementChange.at), desc(improvementChange.id))
    .limit(limit);
}

// --- Staff who may own an action -----------------------------------------------------------------

export async function listOwners(executor: Executor, authorityId: string): Promise<{ id: string; name: string }[]> {
  return executor
    .select({ id: staffUser.id, name: staffUser.name })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), isNull(staffUser.deactivatedAt), inArray(staffUser.role, ['case_officer', 'team_manager', 'service_lead'])))
    .orderBy(asc(staffUser.name), asc(staffUser.id));
}

/** A member of staff's name, for the change log; undefined for an id that is not one of the council's staff. */
export async function staffName(executor: Executor, authorityId: string, staffId: string): Promise<string | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(staffId)) return undefined;
  const [row] = await executor
    .select({ name: staffUser.name })
    .from(staffUser)
    .where(and(eq(staffUser.authorityId, authorityId), eq(staffUser.id, staffId)));
  return row?.name;
}

// --- The public page ------------------------------------------------------------------------------

export type PublicPageRow = typeof improvementPublicPage.$inferSelect;
export type PublicMeasureRow = typeof improvementPublicMeasure.$inferSelect;

/** The council whose current LA code this is, for its public page (the authority table has no authority predicate). */
export async function findCouncilByLaCode(executor: Executor, laCode: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await executor
    .select({ id: authority.id, name: authority.name })
    .from(authority)
    .innerJoin(authorityCode, eq(authorityCode.authorityId, authority.id))
    .where(and(eq(authorityCode.laCode, laCode), isNull(authorityCode.validTo)))
    .limit(1);
  return row;
}

/**
 * Every council whose public page is published, with its current LA code, by name: the service's
 * start page links to each. Public by the councils' own choice, so read across councils.
 */
export async function listPublishedPages(executor: Executor): Promise<{ name: string; laCode: string }[]> {
  return executor
    .select({ name: authority.name, laCode: authorityCode.laCode })
    .from(improvementPublicPage)
    .innerJoin(authority, eq(authority.id, improvementPublicPage.authorityId))
    .innerJoin(authorityCode, and(eq(authorityCode.authorityId, authority.id), isNull(authorityCode.validTo)))
    .where(sql`/* cross-authority: the start page links every council's published page */ ${improvementPublicPage.published}`)
    .orderBy(asc(authority.name), asc(authorityCode.laCode));
}

/** The council's current LA code, for the public page's address. */
export async function findLaCode(executor: Executor, authorityId: string): Promise<string | undefined> {
  const [row] = await executor
    .select({ laCode: authorityCode.laCode })
    .from(authorityCode)
    .where(and(eq(authorityCode.authorityId, authorityId), isNull(authorityCode.validTo)))
    .limit(1);
  return row?.laCode;
}

export async function findPublicPage(executor: Executor, authorityId: string, lock = false): Promise<PublicPageRow | undefined> {
  const query = executor.select().from(improvementPublicPage).where(eq(improvementPublicPage.authorityId, authorityId));
  const [row] = lock ? await query.for('update') : await query;
  return row;
}

/** The council's public page, unpublished, unless it has one already. */
export async function ensurePublicPage(executor: Executor, row: typeof improvementPublicPage.$inferInsert): Promise<void> {
  await executor.insert(improvementPublicPage).values(row).onConflictDoNothing({ target: improvementPublicPage.authorityId });
}

export async function updatePublicPage(executor: Executor, authorityId: string, set: { published: boolean; updatedAt: Date }): Promise<void> {
  await executor
    .update(improvementPublicPage)
    .set({ ...set, version: sql`${improvementPublicPage.version} + 1` })
    .where(eq(improvementPublicPage.authorityId, authorityId));
}

export async function listPublicMeasures(executor: Executor, authorityId: string): Promise<PublicMeasureRow[]> {
  return executor.select().from(improvementPublicMeasure).where(eq(improvementPublicMeasure.authorityId, authorityId)).orderBy(asc(improvementPublicMeasure.position));
}

/** The measures the public page shows, in their order, in place of those it showed. */
export async function replacePublicMeasures(executor: Executor, authorityId: string, rows: (typeof improvementPublicMeasure.$inferInsert)[]): Promise<void> {
  await executor.delete(improvementPublicMeasure).where(eq(improvementPublicMeasure.authorityId, authorityId));
  if (rows.length > 0) await executor.insert(improvementPublicMeasure).values(rows);
}

// --- The board pack: the plan as it stood on a day -------------------------------------------------

/** When the plan began: the first entry of its change log (its first area added); undefined for a council with no plan yet. */
export async function planBeganAt(executor: Executor, authorityId: string): Promise<Date | undefined> {
  const [row] = await executor
    .select({ at: sql<Date | string | null>`min(${improvementChange.at})` })
    .from(improvementChange)
    .where(eq(improvementChange.authorityId, authorityId));
  return row?.at ? new Date(row.at) : undefined;
}

/** Every status given to the council's actions before a moment, the earliest first. */
export async function listStatusUpdatesBefore(executor: Executor, authorityId: string, before: Date): Promise<StatusUpdateRow[]> {
  return executor
    .select()
    .from(improvementStatusUpdate)
    .where(and(eq(improvementStatusUpdate.authorityId, authorityId), lt(improvementStatusUpdate.at, before)))
    .orderBy(asc(improvementStatusUpdate.at), asc(improvementStatusUpdate.id));
}

/** The entry of the change log recording a meeting: where the changes since it begin. */
export async function meetingRecordedEntry(executor: Executor, authorityId: string, meetingId: string): Promise<{ at: Date; id: string } | undefined> {
  const [row] = await executor
    .select({ at: improvementChange.at, id: improvementChange.id })
    .from(improvementChange)
    .where(and(eq(improvementChange.authorityId, authorityId), eq(improvementChange.entityType, 'meeting'), eq(improvementChange.entityId, meetingId), eq(improvementChange.what, 'Meeting recorded')));
  return row;
}

/**
 * The change log after an entry (in the log's order: its moment, then its id, which grows with each
 * entry) and before a moment, the earliest first; from the beginning without an entry.
 */
export async function listChangesBetween(executor: Executor, authorityId: string, after: { at: Date; id: string } | undefined, before: Date, limit = 1000): Promise<ChangeRow[]> {
  return executor
    .select()
    .from(improvementChange)
    .where(
      and(
        eq(improvementChange.authorityId, authorityId),
        after ? or(gt(improvementChange.at, after.at), and(eq(improvementChange.at, after.at), gt(improvementChange.id, after.id))) : undefined,
        lt(improvementChange.at, before),
      ),
    )
    .orderBy(asc(improvementChange.at), asc(improvementChange.id))
    .limit(limit);
}

/**
 * The change log from a moment on (entries for the plan's areas, actions and measures: what the
 * pack undoes to show the plan as it stood before the moment), the earliest first; for some
 * entities only when given.
 */
export async function listChangesFrom(executor: Executor, authorityId: string, from: Date, entityIds?: readonly string[]): Promise<Pick<ChangeRow, 'id' | 'at' | 'entityType' | 'entityId' | 'what' | 'before'>[]> {
  if (entityIds && entityIds.length === 0) return [];
  return executor
    .select({ id: improvementChange.id, at: improvementChange.at, entityType: improvementChange.entityType, entityId: improvementChange.entityId, what: improvementChange.what, before: improvementChange.before })
    .from(improvementChange)
    .where(
      and(
        eq(improvementChange.authorityId, authorityId),
        gte(improvementChange.at, from),
        inArray(improvementChange.entityType, ['area', 'action', 'measure']),
        entityIds ? inArray(improvementChange.entityId, [...entityIds]) : undefined,
      ),
    )
    .orderBy(asc(improvementChange.at), asc(improvementChange.id));
}

/** The last board meeting held on or before a day and recorded before a moment (without its snapshot). */
export async function lastMeetingBy(executor: Executor, authorityId: string, on: string, recordedBefore: Date): Promise<MeetingListRow | undefined> {
  const [row] = await executor
    .select(meetingListColumns)
    .from(boardMeeting)
    .where(and(eq(boardMeeting.authorityId, authorityId), lte(boardMeeting.heldOn, on), lt(boardMeeting.snapshotTakenAt, recordedBefore)))
    .orderBy(desc(boardMeeting.heldOn), desc(boardMeeting.createdAt))
    .limit(1);
  return row;
}

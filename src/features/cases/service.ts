// The case and its events. Recording an event on a case is done here and only here: the event row, the stage the
// catalogue says it moves the case to, and the deadlines derived again from all the case's events,
// in the caller's transaction.
import type { Executor } from '../../db/database.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { caseDeadlines, caseEvent, deadlinesOfClosedCase, stageOfHistory, type CaseEventType } from '../../domain/events/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { isPortalMessageEvent, PORTAL_MESSAGE_JOB } from '../../domain/portal/messages.ts';
import type { Actor } from '../auth/index.ts';
import { enqueueJobs } from '../jobs/index.ts';
import * as casesRepository from './repository.ts';
import type { CaseRow } from './repository.ts';

export interface NewCaseEvent {
  caseId: string;
  type: CaseEventType;
  occurredOn: IsoDate;
  payload?: Record<string, unknown>;
  /** The event that opens the case: the case row already carries its first stage. */
  opensCase?: boolean;
  /** The event this one corrects (a correction names the event it withdraws). */
  correctsEventId?: string;
  /** Why it is recorded as it is: for a request recorded more than a year late, why. */
  reason?: string;
}

/** A case's event as its history holds it, with whether a later correction withdrew it. */
export interface CaseHistoryEvent {
  id: string;
  type: string;
  occurredOn: IsoDate;
  recordedAt: Date;
  correctsEventId: string | null;
  reason: string | null;
  payload: Record<string, unknown>;
  corrected: boolean;
}

/** Every event of a case, newest first, each marked when a correction has withdrawn it. */
export async function caseHistory(executor: Executor, authorityId: string, caseId: string): Promise<CaseHistoryEvent[]> {
  const events = await casesRepository.listEvents(executor, authorityId, caseId);
  const corrected = new Set(events.map((event) => event.correctsEventId).filter(Boolean));
  return events.map((event) => ({
    id: event.id,
    type: event.type,
    occurredOn: event.occurredOn as IsoDate,
    recordedAt: event.recordedAt,
    correctsEventId: event.correctsEventId,
    reason: event.reason,
    payload: event.payload as Record<string, unknown>,
    corrected: corrected.has(event.id),
  }));
}

/** Records an event on a case; returns its id. Its stage and deadlines follow from the whole history. */
export async function recordCaseEvent(executor: Executor, clock: Clock, actor: Actor, event: NewCaseEvent): Promise<string> {
  const declaration = caseEvent(event.type)!;
  const id = uuidv7();
  await casesRepository.insertEvent(executor, {
    id,
    authorityId: actor.authorityId,
    caseId: event.caseId,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt: clock.now(),
    actorKind: actor.kind,
    actorId: actor.id,
    correctsEventId: event.correctsEventId ?? null,
    reason: event.reason ?? null,
    payload: event.payload ?? {},
  });
  await queuePortalMessages(executor, clock, actor.authorityId, [{ id, type: event.type, correctsEventId: event.correctsEventId ?? null }]);
  const movesStage = declaration.stage !== undefined && !event.opensCase;
  const changesDeadlines = declaration.meets.length + declaration.starts.length + declaration.ends.length > 0;
  if (movesStage || event.correctsEventId) await rewriteCaseState(executor, actor.authorityId, event.caseId, { clock, actor });
  else if (changesDeadlines) await rewriteCaseDeadlines(executor, actor.authorityId, event.caseId);
  return id;
}

/**
 * Works the case's stage (and whether it is closed, and since when) out again from the events
 * that stand, a step dated before others or a correction included, then its deadlines. A case that
 * closes leaves its holder (or the unallocated queue) that day: its open spell ends, so no list of
 * holders or of waits shows a closed case as held or waiting. A closing withdrawn by a correction
 * opens the case again with whoever held it (a spell 'reopened', from now, recorded by `by`).
 */
export async function rewriteCaseState(executor: Executor, authorityId: string, caseId: string, by?: { clock: Clock; actor: Actor }): Promise<void> {
  const before = await casesRepository.findCase(executor, authorityId, caseId);
  const history = await caseHistory(executor, authorityId, caseId);
  const { stage, closedOn } = stageOfHistory(history);
  await casesRepository.updateCaseStage(executor, authorityId, caseId, stage, closedOn);
  if (closedOn !== null && before?.closedOn !== closedOn) await casesRepository.endHoldingOnClosing(executor, authorityId, caseId, closedOn);
  if (closedOn === null && before?.closedOn && by) {
    await changeHolder(executor, by.clock, by.actor, { caseId, officerId: before.officerId, change: 'reopened', reason: 'The closing of the case was withdrawn' });
  }
  await rewriteCaseDeadlines(executor, authorityId, caseId, { history, closedOn });
}

/** Derives the case's deadlines from all its events and writes them, in the caller's transaction. */
export async function rewriteCaseDeadlines(
  executor: Executor,
  authorityId: string,
  caseId: string,
  known?: { history: CaseHistoryEvent[]; closedOn: IsoDate | null },
): Promise<void> {
  const history = known?.history ?? (await caseHistory(executor, authorityId, caseId));
  const closedOn = known ? known.closedOn : ((await casesRepository.findCase(executor, authorityId, caseId))?.closedOn ?? null);
  const derived = caseDeadlines(history);
  const deadlines = closedOn ? deadlinesOfClosedCase(derived) : derived;
  await casesRepository.replaceDeadlines(
    executor,
    authorityId,
    caseId,
    deadlines.map((deadline) => ({ deadlineId: deadline.id, title: deadline.title, dueOn: deadline.due, basis: deadline.basis, metOn: deadline.met ?? null, duty: deadline.duty })),
  );
}

/**
 * Opens a case for a child with the year's next reference (LA code, year, number), held by the
 * officer given or put in the unallocated queue from today. The caller records its first event.
 */
export async function openCase(
  executor: Executor,
  clock: Clock,
  actor: Actor,
  opening: { childId: string; openedOn: IsoDate; laCode: string; officerId: string | null },
): Promise<{ caseId: string; reference: string }> {
  const year = Number(opening.openedOn.slice(0, 4));
  const number = await casesRepository.takeCaseNumber(executor, actor.authorityId, year);
  const reference = `${opening.laCode}-EHC-${year}-${String(number).padStart(5, '0')}`;
  const caseId = uuidv7();
  await casesRepository.insertCase(executor, {
    id: caseId,
    authorityId: actor.authorityId,
    childId: opening.childId,
    reference,
    stage: 'request',
    officerId: opening.officerId,
    unallocatedSince: opening.officerId ? null : clock.today(),
    openedOn: opening.openedOn,
    createdAt: clock.now(),
  });
  // The first spell: the officer who recorded the request, or the wait in the queue. The request's
  // own event, recorded next by the caller, marks it on the case.
  await changeHolder(executor, clock, actor, { caseId, officerId: opening.officerId, change: 'request-recorded' });
  return { caseId, reference };
}

/** The child's open case, if they have one. */
export async function findOpenCaseOfChild(executor: Executor, authorityId: string, childId: string): Promise<CaseRow | undefined> {
  return casesRepository.findOpenCaseForChild(executor, authorityId, childId);
}

/** A case of the actor's authority that is still open; refused as not found or closed otherwise. */
export async function requireOpenCase(executor: Executor, actor: Actor, caseId: string): Promise<CaseRow> {
  const found = await casesRepository.findCase(executor, actor.authorityId, caseId);
  if (!found) throw new NotFoundError('No such case');
  if (found.closedOn) throw new ConflictError('This case is closed');
  return found;
}

/** A request's date corrected: the case and the request are dated from the new day. */
export async function redateOpening(executor: Executor, authorityId: string, caseId: string, requestId: string | undefined, receivedOn: IsoDate): Promise<void> {
  await casesRepository.redateOpening(executor, authorityId, caseId, requestId, receivedOn);
}

/** The case of the actor's authority, open or closed; refused as not found otherwise. */
export async function requireCase(executor: Executor, actor: Actor, caseId: string): Promise<CaseRow> {
  const found = await casesRepository.findCase(executor, actor.authorityId, caseId);
  if (!found) throw new NotFoundError('No such case');
  return found;
}

/** How a case came to its holder: see case_holder.change. */
export type HolderChange = 'request-recorded' | 'allocated' | 'reallocated' | 'unallocated' | 'reopened';

/**
 * A change of the case's holder: its open spell ends now and the new one (an officer, or null for
 * the unallocated queue) starts, in the caller's transaction, beside the change to the case row
 * and its event. The unique index of open spells refuses a second open spell, so two changes that
 * raced past their locks cannot both stand.
 */
export async function changeHolder(
  executor: Executor,
  clock: Clock,
  actor: Actor,
  change: NewHolding,
): Promise<{ holderId: string; previous: casesRepository.CaseHolderRow | undefined }> {
  const now = clock.now();
  const previous = await casesRepository.endHolding(executor, actor.authorityId, change.caseId, now);
  const row = holdingRow(actor, change, now);
  await casesRepository.insertHolding(executor, row);
  return { holderId: row.id, previous };
}

/** A new holder's spell of a case, open from `now`. */
type NewHolding = { caseId: string; officerId: string | null; change: HolderChange; reason?: string | null; eventId?: string | null };

function holdingRow(actor: Actor, change: NewHolding, now: Date) {
  return {
    id: uuidv7(),
    authorityId: actor.authorityId,
    caseId: change.caseId,
    officerId: change.officerId,
    heldFrom: now,
    heldTo: null,
    change: change.change,
    reason: change.reason ?? null,
    eventId: change.eventId ?? null,
    recordedBy: actor.id,
    recordedAt: now,
  };
}

/**
 * Events of many cases at once, in one statement, for events that move no stage and no deadline
 * (a change of officer): anything else is recorded one by one, its case worked out again.
 */
export async function recordCaseEvents(executor: Executor, clock: Clock, actor: Actor, events: readonly NewCaseEvent[]): Promise<string[]> {
  const simple = events.every((event) => {
    const declaration = caseEvent(event.type)!;
    return declaration.stage === undefined && !event.correctsEventId && declaration.meets.length + declaration.starts.length + declaration.ends.length === 0;
  });
  if (!simple) {
    const ids = [];
    for (const event of events) ids.push(await recordCaseEvent(executor, clock, actor, event));
    return ids;
  }
  const recordedAt = clock.now();
  const rows = events.map((event) => ({
    id: uuidv7(),
    authorityId: actor.authorityId,
    caseId: event.caseId,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt,
    actorKind: actor.kind,
    actorId: actor.id,
    correctsEventId: null,
    reason: event.reason ?? null,
    payload: event.payload ?? {},
  }));
  await casesRepository.insertEvents(executor, rows);
  await queuePortalMessages(executor, clock, actor.authorityId, rows);
  return rows.map((row) => row.id);
}

/**
 * The one place case events become portal messages: each event people act on (a draft plan, a
 * final plan, a request for advice) queues a job, in the event's transaction, that writes its
 * messages and e-mails them (features/portal-messages). A correction sends nothing again.
 */
async function queuePortalMessages(executor: Executor, clock: Clock, authorityId: string, events: readonly { id: string; type: string; correctsEventId: string | null }[]): Promise<void> {
  const told = events.filter((event) => event.correctsEventId === null && isPortalMessageEvent(event.type));
  if (told.length > 0) await enqueueJobs(executor, clock, told.map((event) => ({ authorityId, kind: PORTAL_MESSAGE_JOB, payload: { caseEventId: event.id } })));
}

/** A change of holder for many cases at once: each open spell ended, and the new ones begun, in two statements. */
export async function changeHolders(
  executor: Executor,
  clock: Clock,
  actor: Actor,
  changes: readonly NewHolding[],
): Promise<string[]> {
  const now = clock.now();
  await casesRepository.endHoldings(executor, actor.authorityId, changes.map((change) => change.caseId), now);
  const rows = changes.map((change) => holdingRow(actor, change, now));
  await casesRepository.insertHoldings(executor, rows);
  return rows.map((row) => row.id);
}

/** Who has held the case, the first spell first. */
export async function caseHolders(executor: Executor, authorityId: string, caseId: string) {
  return casesRepository.listHoldings(executor, authorityId, caseId);
}

// The case and its events. Recording an event on a case is done here and only here: the event row, the stage the
// catalogue says it moves the case to, and the deadlines derived again from all the case's events,
// in the caller's transaction.
import type { Executor } from '../../db/database.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { caseDeadlines, caseEvent, deadlinesOfClosedCase, type CaseEventType } from '../../domain/events/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import type { Actor } from '../auth/index.ts';
import * as casesRepository from './repository.ts';
import type { CaseRow } from './repository.ts';

export interface NewCaseEvent {
  caseId: string;
  type: CaseEventType;
  occurredOn: IsoDate;
  payload?: Record<string, unknown>;
  /** The event that opens the case: the case row already carries its first stage. */
  opensCase?: boolean;
}

export async function recordCaseEvent(executor: Executor, clock: Clock, actor: Actor, event: NewCaseEvent): Promise<void> {
  const declaration = caseEvent(event.type)!;
  await casesRepository.insertEvent(executor, {
    id: uuidv7(),
    authorityId: actor.authorityId,
    caseId: event.caseId,
    type: event.type,
    occurredOn: event.occurredOn,
    recordedAt: clock.now(),
    actorKind: actor.kind,
    actorId: actor.id,
    payload: event.payload ?? {},
  });
  if (declaration.stage && !event.opensCase) {
    await casesRepository.updateCaseStage(executor, actor.authorityId, event.caseId, declaration.stage, declaration.stage === 'closed' ? event.occurredOn : null);
  }
  if (declaration.meets.length + declaration.starts.length + declaration.ends.length > 0) {
    await rewriteCaseDeadlines(executor, actor.authorityId, event.caseId);
  }
}

/** Derives the case's deadlines from all its events and writes them, in the caller's transaction. */
export async function rewriteCaseDeadlines(executor: Executor, authorityId: string, caseId: string): Promise<void> {
  const [events, found] = await Promise.all([casesRepository.listEvents(executor, authorityId, caseId), casesRepository.findCase(executor, authorityId, caseId)]);
  const corrected = new Set(events.map((event) => event.correctsEventId).filter(Boolean));
  const derived = caseDeadlines(events.map((event) => ({ type: event.type, occurredOn: event.occurredOn as IsoDate, corrected: corrected.has(event.id) })));
  const deadlines = found?.closedOn ? deadlinesOfClosedCase(derived) : derived;
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

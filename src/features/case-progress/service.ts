import type { Database } from '../../db/database.ts';
import { addDays, parseIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { exceptionReasonSchema } from '../../domain/clocks/index.ts';
import { caseEvent, eventTitle, firstOutOfOrder, isDecisionEvent, isDecisionPageEvent, refusalOfStep, RECORDABLE_STEPS, stageOfHistory, type CaseEventType, type HistoryEvent } from '../../domain/events/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, DECISION_ROLES, hasRole, requireRole, type Actor } from '../auth/index.ts';
import { caseHistory, findOpenCaseOfChild, recordCaseEvent, redateOpening, requireCase, requireOpenCase, type CaseHistoryEvent } from '../cases/index.ts';
import { requireCaseAccess } from '../children/index.ts';
import * as progressRepository from './repository.ts';

/** Steps in the statutory process and exceptions to its time limits, recorded on an open case. */
export class CaseProgressService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Records a step in the statutory process on an open case (the date it happened in law), moves
   * the case to its stage and rewrites its deadlines, all in one transaction.
   */
  async recordStep(actor: Actor, caseId: string, type: CaseEventType, occurredOn: string): Promise<CaseEventView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const problems: FieldProblem[] = [];
    if (isDecisionPageEvent(type)) problems.push({ field: 'type', message: DECISION_PAGE_ONLY });
    else if (!RECORDABLE_STEPS.some((step) => step.value === type)) problems.push({ field: 'type', message: 'Choose a step' });
    const date = parseIsoDate(occurredOn);
    if (!date) problems.push({ field: 'occurredOn', message: 'Enter the date as a real date' });
    else if (date > this.clock.today() && !caseEvent(type)?.datedAhead) problems.push({ field: 'occurredOn', message: 'The date must be today or in the past' });
    else if (date > addDays(this.clock.today() as IsoDate, 366)) problems.push({ field: 'occurredOn', message: 'The meeting must be within the next year' });
    if (problems.length > 0) throw new ValidationError(problems);
    await requireCaseAccess(this.db, this.clock, actor, caseId, 'case-progress');
    return this.db.transaction(async (tx) => {
      const found = await requireOpenCase(tx, actor, caseId);
      if (date! < found.openedOn) throw new ValidationError([{ field: 'occurredOn', message: 'The date must be on or after the request was received' }]);
      // The order of the process: what the step needs to have happened first, judged on the
      // case's events as they stand (corrections applied) up to the step's own day.
      const refusal = refusalOfStep(await caseHistory(tx, actor.authorityId, caseId), { type, occurredOn: date! });
      if (refusal) throw new ValidationError([{ field: refusal.field, message: refusal.message }]);
      const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId, type, occurredOn: date! });
      await recordAudit(tx, this.clock, actor, { action: 'case.step-recorded', entityType: 'ehc_case', entityId: caseId, details: { type } });
      return eventView(await caseHistory(tx, actor.authorityId, caseId), eventId, caseId);
    });
  }

  /**
   * Records an exception to the time limits (Regs 5(4), 10(4), 13(3), 27(3)) with its reason and
   * evidence. No date moves; the case leaves the "within 20 weeks excluding exceptions" measure
   * if its plan is late.
   */
  async recordException(actor: Actor, caseId: string, input: { reason: string; evidence: string; startsOn: string }): Promise<CaseEventView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const problems: FieldProblem[] = [];
    const reason = exceptionReasonSchema.safeParse(input.reason);
    if (!reason.success) problems.push({ field: 'reason', message: 'Select the reason for the exception' });
    const evidence = input.evidence.trim();
    if (!evidence) problems.push({ field: 'evidence', message: 'Describe the evidence that the exception applies' });
    else if (evidence.length > 2000) problems.push({ field: 'evidence', message: 'The evidence must be 2,000 characters or fewer' });
    const startsOn = parseIsoDate(input.startsOn);
    if (!startsOn) problems.push({ field: 'startsOn', message: 'Enter the date the circumstances began as a real date' });
    else if (startsOn > this.clock.today()) problems.push({ field: 'startsOn', message: 'The date must be today or in the past' });
    if (problems.length > 0) throw new ValidationError(problems);
    await requireCaseAccess(this.db, this.clock, actor, caseId, 'case-progress');
    return this.db.transaction(async (tx) => {
      const found = await requireOpenCase(tx, actor, caseId);
      if (startsOn! < found.openedOn) throw new ValidationError([{ field: 'startsOn', message: 'The date must be on or after the request was received' }]);
      const id = uuidv7();
      const now = this.clock.now();
      await progressRepository.insertException(tx, { id, authorityId: actor.authorityId, caseId, reason: reason.data!, evidence, startsOn: startsOn!, recordedAt: now, recordedBy: actor.id });
      const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId, type: 'exception.recorded', occurredOn: startsOn!, payload: { exceptionId: id, reason: reason.data } });
      await recordAudit(tx, this.clock, actor, { action: 'case.exception-recorded', entityType: 'ehc_case', entityId: caseId, details: { exceptionId: id, reason: reason.data } });
      return eventView(await caseHistory(tx, actor.authorityId, caseId), eventId, caseId);
    });
  }

  /** A case's history, newest first, each event marked when corrected (a view of the child's record, logged). */
  async caseEvents(actor: Actor, caseId: string, view = 'history'): Promise<{ caseId: string; childId: string; reference: string; events: CaseEventView[] }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, view);
    const found = await requireCase(this.db, actor, caseId);
    const history = await caseHistory(this.db, actor.authorityId, caseId);
    await recordAccess(this.db, this.clock, actor, childId, view);
    return { caseId, childId, reference: found.reference, events: history.map((event) => eventView(history, event.id, caseId)) };
  }

  /** One event of a case's history (a view of the child's record, logged). */
  async caseEventOf(actor: Actor, caseId: string, eventId: string, view = 'history'): Promise<CaseEventView> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId) || !UUID.test(eventId)) throw new NotFoundError('No such event on this case');
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, view);
    const history = await caseHistory(this.db, actor.authorityId, caseId);
    if (!history.some((event) => event.id === eventId)) throw new NotFoundError('No such event on this case');
    await recordAccess(this.db, this.clock, actor, childId, view);
    return eventView(history, eventId, caseId);
  }

  /** A step of a case's history, as the correction form shows it (a view of the child's record, logged). */
  async correctionOf(actor: Actor, caseId: string, eventId: string): Promise<CorrectionSubject> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId) || !UUID.test(eventId)) throw new NotFoundError('No such step on this case');
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, 'correction');
    const found = await requireCase(this.db, actor, caseId);
    const history = await caseHistory(this.db, actor.authorityId, caseId);
    const target = correctableEvent(history, eventId);
    if (isDecisionEvent(target.type) && !hasRole(actor, ...DECISION_ROLES)) throw new ForbiddenError(DECISION_CORRECTION);
    await recordAccess(this.db, this.clock, actor, childId, 'correction');
    const declaration = caseEvent(target.type)!;
    return {
      caseId,
      childId,
      reference: found.reference,
      event: { id: target.id, type: target.type, title: eventTitle(target.type), occurredOn: target.occurredOn },
      changes: declaration.correctable === 'withdraw-or-redate' ? ['withdraw', 'redate'] : [declaration.correctable!],
    };
  }

  /**
   * Corrects a step (or an exception) recorded in error, by a new event that names it, with a
   * reason: it is withdrawn, or given the date it really happened. Nothing is deleted; the stage
   * and deadlines are worked out again. Refused when the history left would be out of order.
   */
  async correctEvent(actor: Actor, caseId: string, eventId: string, input: { change: string; occurredOn?: string; reason: string }): Promise<{ childId: string; correction: CaseEventView }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId) || !UUID.test(eventId)) throw new NotFoundError('No such step on this case');
    const problems: FieldProblem[] = [];
    const change = input.change === 'withdraw' || input.change === 'redate' ? input.change : undefined;
    if (!change) problems.push({ field: 'change', message: 'Select what was wrong' });
    const reason = input.reason.trim();
    if (!reason) problems.push({ field: 'reason', message: 'Say why the record is being corrected' });
    else if (reason.length > 1000) problems.push({ field: 'reason', message: 'The reason must be 1,000 characters or fewer' });
    let newDate: IsoDate | undefined;
    if (change === 'redate') {
      newDate = parseIsoDate(input.occurredOn);
      if (!newDate) problems.push({ field: 'occurredOn', message: 'Enter the date it happened as a real date' });
    }
    if (problems.length > 0) throw new ValidationError(problems);
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, 'correction');
    const correction = await this.db.transaction(async (tx) => {
      const found = await requireCase(tx, actor, caseId);
      const history = await caseHistory(tx, actor.authorityId, caseId);
      const target = correctableEvent(history, eventId);
      const declaration = caseEvent(target.type)!;
      // Withdrawing or re-dating a decision changes it: only those who may make it may.
      if (isDecisionEvent(target.type) && !hasRole(actor, ...DECISION_ROLES)) throw new ForbiddenError(DECISION_CORRECTION);
      if (change === 'withdraw' && declaration.correctable === 'redate') {
        throw new ValidationError([{ field: 'change', message: 'A request cannot be withdrawn: give the date it was received' }]);
      }
      if (change === 'redate' && declaration.correctable === 'withdraw') {
        throw new ValidationError([{ field: 'change', message: 'An exception cannot be given another date: withdraw it and record it again' }]);
      }
      if (newDate) {
        if (newDate === target.occurredOn) throw new ValidationError([{ field: 'occurredOn', message: 'Enter a date other than the one recorded' }]);
        if (newDate > this.clock.today() && !declaration.datedAhead) throw new ValidationError([{ field: 'occurredOn', message: 'The date must be today or in the past' }]);
      }
      const corrected: HistoryEvent[] = history.map((event) => (event.id === target.id ? { ...event, corrected: true } : event));
      if (newDate) corrected.push({ type: target.type, occurredOn: newDate });
      // A closed case takes a correction only of what closed it, which opens it again.
      if (found.closedOn && stageOfHistory(corrected).closedOn === found.closedOn) throw new ConflictError('This case is closed');
      const broken = firstOutOfOrder(corrected);
      if (broken) {
        throw new ValidationError([
          { field: newDate ? 'occurredOn' : 'change', message: `This would leave “${eventTitle(broken.event.type)}” (${broken.event.occurredOn}) out of order: ${broken.refusal.message}` },
        ]);
      }
      if (found.closedOn && !stageOfHistory(corrected).closedOn) {
        const open = await findOpenCaseOfChild(tx, actor.authorityId, found.childId);
        if (open) throw new ConflictError(`This would open the case again, but the child has another open case, ${open.reference}`);
      }
      const correctionId = await recordCaseEvent(tx, this.clock, actor, {
        caseId,
        type: 'step.corrected',
        occurredOn: this.clock.today() as IsoDate,
        correctsEventId: target.id,
        payload: { reason, change: change!, correctedType: target.type, correctedOn: target.occurredOn, ...(newDate ? { newDate } : {}) },
      });
      if (target.type === 'exception.recorded' && typeof target.payload.exceptionId === 'string') {
        await progressRepository.withdrawException(tx, actor.authorityId, caseId, target.payload.exceptionId, correctionId);
      }
      if (newDate) {
        await recordCaseEvent(tx, this.clock, actor, {
          caseId,
          type: target.type as CaseEventType,
          occurredOn: newDate,
          payload: { ...target.payload, replaces: target.id },
          ...(target.reason ? { reason: target.reason } : {}),
        });
        if (target.type === 'request.received') {
          await redateOpening(tx, actor.authorityId, caseId, typeof target.payload.requestId === 'string' ? target.payload.requestId : undefined, newDate);
        }
      }
      await recordAudit(tx, this.clock, actor, {
        action: 'case.event-corrected',
        entityType: 'ehc_case',
        entityId: caseId,
        details: { eventId: target.id, type: target.type, change: change!, correctionId },
      });
      return eventView(await caseHistory(tx, actor.authorityId, caseId), correctionId, caseId);
    });
    return { childId, correction };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Why a case officer cannot correct a decision. */
export const DECISION_CORRECTION = 'Only a team manager or service lead can correct a decision on the assessment: ask one of them to withdraw it or give it its right date';

/** Why a decision (or a withdrawal) is not a step: no path records one without its reasons and the authority to make it. */
export const DECISION_PAGE_ONLY =
  'Record this on the case’s decision page (“Decisions” on the child’s record): a decision is made by a team manager or service lead, with its reasons, and a withdrawal with who withdrew the request and why';

export interface CorrectionSubject {
  caseId: string;
  childId: string;
  reference: string;
  event: { id: string; type: string; title: string; occurredOn: IsoDate };
  /** The corrections the event can take: withdrawn, given another date, or either. */
  changes: ('withdraw' | 'redate')[];
}

/** An event of a case's history as the API gives it. */
export interface CaseEventView {
  id: string;
  caseId: string;
  type: string;
  title: string;
  /** The date it happened in law. */
  occurredOn: string;
  /** When it was recorded (ISO 8601). */
  recordedAt: string;
  /** Withdrawn or re-dated by a later correction: it no longer counts. */
  corrected: boolean;
  /** For a correction: the event it corrects. */
  correctsEventId: string | null;
  /** For a step given its right date by a correction: the event it replaces. */
  replacesEventId: string | null;
  /** For a correction: how and why, and the event recorded with the new date. */
  correction?: { change: 'withdraw' | 'redate'; reason: string; newDate?: string; replacementEventId?: string };
  /** For an exception to the time limits: its id and reason. */
  exception?: { id: string; reason: string };
  /** For a request recorded more than a year after it was received: why it was recorded late. */
  recordedLate?: { reason: string };
}

/** One event of a history as the API gives it, with what corrections say of it. */
function eventView(history: readonly CaseHistoryEvent[], eventId: string, caseId: string): CaseEventView {
  const event = history.find((entry) => entry.id === eventId);
  if (!event) throw new NotFoundError('No such event on this case');
  const payload = event.payload;
  const view: CaseEventView = {
    id: event.id,
    caseId,
    type: event.type,
    title: eventTitle(event.type),
    occurredOn: event.occurredOn,
    recordedAt: event.recordedAt.toISOString(),
    corrected: event.corrected,
    correctsEventId: event.correctsEventId,
    replacesEventId: typeof payload.replaces === 'string' ? payload.replaces : null,
  };
  if (event.type === 'step.corrected') {
    const replacement = event.correctsEventId ? history.find((entry) => entry.payload.replaces === event.correctsEventId) : undefined;
    view.correction = {
      change: payload.change === 'redate' ? 'redate' : 'withdraw',
      reason: String(payload.reason ?? ''),
      ...(typeof payload.newDate === 'string' ? { newDate: payload.newDate } : {}),
      ...(replacement ? { replacementEventId: replacement.id } : {}),
    };
  }
  if (event.type === 'exception.recorded' && typeof payload.exceptionId === 'string') {
    view.exception = { id: payload.exceptionId, reason: String(payload.reason ?? '') };
  }
  if (event.type === 'request.received' && event.reason) view.recordedLate = { reason: event.reason };
  return view;
}

/** The event a correction is about: on this case, still standing, and of a kind a correction can take. */
function correctableEvent(history: CaseHistoryEvent[], eventId: string): CaseHistoryEvent {
  const target = history.find((event) => event.id === eventId);
  if (!target) throw new NotFoundError('No such step on this case');
  if (target.corrected) throw new ConflictError('This has already been corrected');
  if (!caseEvent(target.type)?.correctable) throw new ConflictError('This record cannot be corrected here');
  return target;
}

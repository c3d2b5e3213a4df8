import type { Database } from '../../db/database.ts';
import { addDays, parseIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { exceptionReasonSchema } from '../../domain/clocks/index.ts';
import { caseEvent, RECORDABLE_STEPS, type CaseEventType } from '../../domain/events/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { recordCaseEvent, requireOpenCase } from '../cases/index.ts';
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
  async recordStep(actor: Actor, caseId: string, type: CaseEventType, occurredOn: string): Promise<void> {
    requireRole(actor, ...CASEWORK_ROLES);
    const problems: FieldProblem[] = [];
    if (!RECORDABLE_STEPS.some((step) => step.value === type)) problems.push({ field: 'type', message: 'Choose a step' });
    const date = parseIsoDate(occurredOn);
    if (!date) problems.push({ field: 'occurredOn', message: 'Enter the date as a real date' });
    else if (date > this.clock.today() && !caseEvent(type)?.datedAhead) problems.push({ field: 'occurredOn', message: 'The date must be today or in the past' });
    else if (date > addDays(this.clock.today() as IsoDate, 366)) problems.push({ field: 'occurredOn', message: 'The meeting must be within the next year' });
    if (problems.length > 0) throw new ValidationError(problems);
    await requireCaseAccess(this.db, this.clock, actor, caseId, 'case-progress');
    await this.db.transaction(async (tx) => {
      const found = await requireOpenCase(tx, actor, caseId);
      if (date! < found.openedOn) throw new ValidationError([{ field: 'occurredOn', message: 'The date must be on or after the request was received' }]);
      await recordCaseEvent(tx, this.clock, actor, { caseId, type, occurredOn: date! });
      await recordAudit(tx, this.clock, actor, { action: 'case.step-recorded', entityType: 'ehc_case', entityId: caseId, details: { type } });
    });
  }

  /**
   * Records an exception to the time limits (Regs 5(4), 10(4), 13(3), 27(3)) with its reason and
   * evidence. No date moves; the case leaves the "within 20 weeks excluding exceptions" measure
   * if its plan is late.
   */
  async recordException(actor: Actor, caseId: string, input: { reason: string; evidence: string; startsOn: string }): Promise<void> {
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
    await this.db.transaction(async (tx) => {
      await requireOpenCase(tx, actor, caseId);
      const id = uuidv7();
      const now = this.clock.now();
      await progressRepository.insertException(tx, { id, authorityId: actor.authorityId, caseId, reason: reason.data!, evidence, startsOn: startsOn!, recordedAt: now, recordedBy: actor.id });
      await recordCaseEvent(tx, this.clock, actor, { caseId, type: 'exception.recorded', occurredOn: startsOn!, payload: { exceptionId: id, reason: reason.data } });
      await recordAudit(tx, this.clock, actor, { action: 'case.exception-recorded', entityType: 'ehc_case', entityId: caseId, details: { exceptionId: id, reason: reason.data } });
    });
  }
}

// Allocation: a manager gives cases waiting in the unallocated queue to a named officer, one or
// many at once, or moves a case from one officer to another with a reason. Each change, in one
// transaction for all the cases: the case leaves the queue (the officers' counts follow by
// trigger), a spell in the case's holders, an event on the case, an audit entry, and a letter
// telling the family who their officer now is (SEND Code of Practice 2015, 9.23).
import type { Database, Executor } from '../../db/database.ts';
import { formatTenths, suggestHandover } from '../../domain/caseload/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { stageInfo } from '../../domain/children/stages.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { longDate } from '../../web/long-date.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import { recordAccess, recordAudit, recordAudits, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, hasRole, MANAGER_ROLES, requireRole, type Actor, type StaffRole } from '../auth/index.ts';
import { staffNames } from '../users/index.ts';
import { caseHolders, changeHolders, recordCaseEvents } from '../cases/index.ts';
import { requireCaseAccess, requireCasesAccess } from '../children/index.ts';
import type { CaseloadService } from '../caseload/index.ts';
import { sendLetters } from '../letters/index.ts';
import { familyRecipient, listParentContacts } from '../people/index.ts';
import * as repository from './repository.ts';
import type { LockedCaseRow } from './repository.ts';

/**
 * Who gives a case its officer: the team's managers. An administrator sees the queue (they look
 * after the accounts) but allocating casework is the managers' call.
 */
export const ALLOCATION_ROLES = ['team_manager', 'service_lead'] as const satisfies readonly StaffRole[];

/** The most cases one allocation takes: a leaving officer's whole caseload fits. */
export const MAX_CASES_AT_ONCE = 500;
export const REASON_LIMIT = 1000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const NOT_AN_ALLOCATOR = 'Only a team manager or service lead can allocate cases. Ask one of them.';

/** One case moved: to whom, from whom, and what was written for it. */
export interface CaseMoved {
  caseId: string;
  reference: string;
  childId: string;
  officerId: string;
  previousOfficerId: string | null;
  eventId: string;
  holderId: string;
  /** The letter telling the family; null where no parent or carer on the record could be written to. */
  letterId: string | null;
}

export interface AllocationResult {
  officer: { id: string; name: string };
  cases: CaseMoved[];
  /** How many families had no one to write to: their cases moved all the same. */
  unsent: number;
}

export interface HolderSpell {
  id: string;
  officerId: string | null;
  /** The officer's name; null for a wait in the unallocated queue. */
  officerName: string | null;
  from: string;
  to: string | null;
  change: string;
  reason: string | null;
  recordedBy: string;
}

export interface CaseOfficerView {
  caseId: string;
  reference: string;
  childId: string;
  childName: string;
  stageName: string;
  officer: { id: string; name: string } | null;
  unallocatedSince: string | null;
  closed: boolean;
  holders: HolderSpell[];
  /** The viewer may change the officer: a manager, on an open case. */
  mayChange: boolean;
  /** The officers it may be given to, with what each holds (for a manager only). */
  officers: { id: string; name: string; openCases: number }[];
}

export interface HandoverPlanView {
  officer: { id: string; name: string; leavingOn: string | null; active: boolean; load: { loadTenths: number; capacityTenths: number; text: string } };
  cases: {
    caseId: string;
    reference: string;
    childId: string;
    childName: string;
    stageName: string;
    school: { id: string; name: string } | null;
    weight: { tenths: number; explanation: string };
    liveAppeal: boolean;
    suggestion: { officerId: string; officerName: string; overCap: boolean; explanation: string } | null;
  }[];
  /** Each officer who may receive cases; `monthsInPost` from the day they joined the service (staff_user.started_on). */
  recipients: { id: string; name: string; loadTenths: number; capacityTenths: number; suggestedLoadTenths: number; monthsInPost: number }[];
  overCap: number;
}

export interface HandoverResult {
  from: { id: string; name: string };
  recipients: { id: string; name: string }[];
  cases: CaseMoved[];
  unsent: number;
}

interface WriteOptions {
  idempotencyKey?: string;
}

/** What a move expects of each case: waiting in the queue, or (reallocating) held as the manager saw it. */
type Expectation = { kind: 'queue' } | { kind: 'any'; currentOfficerId?: string | null | undefined };

export class AllocationService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly caseloads: CaseloadService | undefined;

  constructor(db: Database, clock: Clock, parts: { caseload?: CaseloadService } = {}) {
    this.db = db;
    this.clock = clock;
    this.caseloads = parts.caseload;
  }

  private get caseloadService(): CaseloadService {
    if (!this.caseloads) throw new Error('AllocationService: the caseload service is needed for a hand-over');
    return this.caseloads;
  }

  /**
   * The hand-over of an officer's whole caseload as suggested: each open case they hold with its
   * weight, the suggested recipient and why, and each officer who may receive cases with their
   * load now and once the suggestion is taken. The children listed go to the log of lists shown.
   */
  async handoverPlan(actor: Actor, officerId: string, view = 'handover'): Promise<HandoverPlanView> {
    requireRole(actor, ...ALLOCATION_ROLES);
    const facts = await this.caseloadService.handoverFacts(actor, officerId);
    const plan = suggestHandover(
      facts.cases.map((entry) => ({ caseId: entry.caseId, reference: entry.reference, weightTenths: entry.weight.tenths, school: entry.school, liveAppeal: entry.liveAppeal })),
      facts.recipients,
    );
    const names = new Map(facts.recipients.map((entry) => [entry.id, entry.name]));
    if (facts.cases.length > 0) await recordListAccess(this.db, this.clock, actor, view, facts.cases.map((entry) => entry.childId));
    return {
      officer: facts.officer,
      cases: facts.cases.map((entry, index) => {
        const suggestion = plan.suggestions[index];
        return {
          ...entry,
          suggestion: suggestion ? { officerId: suggestion.officerId, officerName: names.get(suggestion.officerId) ?? '', overCap: suggestion.overCap, explanation: suggestion.explanation } : null,
        };
      }),
      recipients: facts.recipients.map((entry) => ({
        id: entry.id,
        name: entry.name,
        loadTenths: entry.loadTenths,
        capacityTenths: entry.capacityTenths,
        suggestedLoadTenths: plan.loadAfter.get(entry.id) ?? entry.loadTenths,
        monthsInPost: entry.monthsInPost,
      })),
      overCap: plan.overCap,
    };
  }

  /**
   * Hands over an officer's cases, each to the recipient the manager chose, in one transaction: all
   * or nothing. A case no longer held by the leaving officer (moved meanwhile) refuses the whole
   * hand-over; a recipient taken over their cap needs the manager's reason, recorded with each
   * case it covers. Each case gets a spell in its holders, an event, an audit entry and the
   * family's letter naming their new officer.
   */
  async handOver(actor: Actor, fromOfficerId: string, input: { cases: unknown; overCapReason?: string }, options: WriteOptions = {}): Promise<Written<HandoverResult>> {
    requireRole(actor, ...ALLOCATION_ROLES);
    if (!UUID.test(fromOfficerId)) throw new NotFoundError('No such officer');
    const assignments = assignmentsOf(input.cases);
    const overCapReason = (input.overCapReason ?? '').trim();
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'cases.handover', target: fromOfficerId, input: { cases: assignments, overCapReason } }, async () => {
      const problems: FieldProblem[] = [];
      if (assignments.length === 0) problems.push({ field: 'cases', message: 'There are no cases to hand over' });
      else if (assignments.length > MAX_CASES_AT_ONCE) problems.push({ field: 'cases', message: `Hand over ${MAX_CASES_AT_ONCE} cases or fewer at a time` });
      for (const entry of assignments) if (!UUID.test(entry.caseId)) throw new NotFoundError('No such case');
      if (overCapReason.length > REASON_LIMIT) problems.push({ field: 'overCapReason', message: `The reason must be ${REASON_LIMIT.toLocaleString('en-GB')} characters or fewer` });
      if (problems.length > 0) throw new ValidationError(problems);
      const facts = await this.caseloadService.handoverFacts(actor, fromOfficerId);
      const recipients = new Map(facts.recipients.map((entry) => [entry.id, entry]));
      const weights = new Map(facts.cases.map((entry) => [entry.caseId, entry.weight.tenths]));
      const references = new Map(facts.cases.map((entry) => [entry.caseId, entry.reference]));
      for (const entry of assignments) {
        if (!entry.officerId) problems.push({ field: handoverField(entry.caseId), message: `Choose the officer to receive case ${references.get(entry.caseId) ?? ''}`.trim() });
        else if (entry.officerId === fromOfficerId) problems.push({ field: handoverField(entry.caseId), message: `${facts.officer.name} is the officer handing over: choose another officer` });
        else if (!recipients.has(entry.officerId)) problems.push({ field: handoverField(entry.caseId), message: 'Choose an officer from the list: an active case officer who is not leaving' });
      }
      if (problems.length > 0) throw new ValidationError(problems.slice(0, 10));
      // Each recipient's load once the cases are given; over the cap needs the manager's reason.
      const after = new Map([...recipients.values()].map((entry) => [entry.id, entry.loadTenths]));
      for (const entry of assignments) after.set(entry.officerId, after.get(entry.officerId)! + (weights.get(entry.caseId) ?? 0));
      const overCap = [...recipients.values()].filter((entry) => after.get(entry.id)! > entry.capacityTenths && after.get(entry.id)! > entry.loadTenths);
      if (overCap.length > 0 && !overCapReason) {
        throw new ValidationError([
          {
            field: 'overCapReason',
            message: `${overCap.map((entry) => `${entry.name} would be at ${formatTenths(after.get(entry.id)!)} of ${formatTenths(entry.capacityTenths)}`).join('; ')}, over the cap: give the reason for going over it, or choose other officers`,
          },
        ]);
      }
      await this.requireCasesReachable(actor, assignments.map((entry) => entry.caseId), 'handover');
      const overCapIds = new Set(overCap.map((entry) => entry.id));
      const handoverReason = `Hand-over of ${facts.officer.name}’s caseload`;
      return async (tx) => {
        const moved = await this.moveEach(
          tx,
          actor,
          assignments.map((entry) => ({ caseId: entry.caseId, officerId: entry.officerId, reason: overCapIds.has(entry.officerId) ? `${handoverReason}. Over the cap: ${overCapReason}` : handoverReason })),
          { kind: 'any', currentOfficerId: fromOfficerId },
          handoverField,
        );
        await recordAudit(tx, this.clock, actor, {
          action: 'caseload.handed-over',
          entityType: 'staff_user',
          entityId: fromOfficerId,
          details: { cases: moved.cases.length, recipients: [...moved.officers.keys()], overCap: [...overCapIds], overCapReason: overCapReason || null },
        });
        return { from: { id: facts.officer.id, name: facts.officer.name }, recipients: [...moved.officers.values()], cases: moved.cases, unsent: moved.unsent };
      };
    });
  }

  /** The authority's active case officers, each with the open cases they hold, by name. */
  async activeOfficers(actor: Actor) {
    requireRole(actor, ...ALLOCATION_ROLES);
    return repository.listActiveCaseOfficers(this.db, actor.authorityId);
  }

  /**
   * Gives cases waiting in the unallocated queue to one officer, all or none: a case someone
   * allocated meanwhile, closed, or not the council's refuses the whole allocation. Cases that
   * would take the officer's weighted load over their capacity (the council's cap times their
   * full-time equivalent) need the manager's reason for going over it, kept on each case's spell
   * and in the audit log.
   */
  async allocate(actor: Actor, input: { cases: unknown; officer: string; overCapReason?: string }, options: WriteOptions = {}): Promise<Written<AllocationResult>> {
    requireRole(actor, ...ALLOCATION_ROLES);
    const caseIds = caseIdsOf(input.cases);
    const officerId = (input.officer ?? '').trim();
    const overCapReason = (input.overCapReason ?? '').trim();
    const request = { cases: caseIds, officer: officerId, ...(overCapReason ? { overCapReason } : {}) };
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'cases.allocate', target: officerId, input: request }, async () => {
      const problems: FieldProblem[] = [];
      if (caseIds.length === 0) problems.push({ field: 'cases', message: 'Select the cases to allocate' });
      else if (caseIds.length > MAX_CASES_AT_ONCE) problems.push({ field: 'cases', message: `Allocate ${MAX_CASES_AT_ONCE} cases or fewer at a time` });
      if (overCapReason.length > REASON_LIMIT) problems.push({ field: 'overCapReason', message: `The reason for going over the cap must be ${REASON_LIMIT.toLocaleString('en-GB')} characters or fewer` });
      if (!officerId) problems.push({ field: 'officer', message: 'Select the officer to allocate the cases to' });
      if (problems.length > 0) throw new ValidationError(problems);
      await this.requireOfficer(this.db, actor, officerId);
      await this.requireCasesReachable(actor, caseIds, 'allocation');
      const overCap = await this.overCap(actor, officerId, caseIds, overCapReason);
      return async (tx) => {
        const result = await this.move(tx, actor, caseIds, officerId, { kind: 'queue' }, { reason: overCap ? `Over the cap: ${overCapReason}` : null, field: 'cases' });
        if (overCap) await this.recordOverCap(tx, actor, officerId, result, overCap, overCapReason);
        return result;
      };
    });
  }

  /**
   * Whether giving the cases takes the officer over their cap: their load after against their
   * capacity, refused without the manager's reason (OverCapError, on `overCapReason`). Cases that
   * weigh nothing never count as going over, nor does an officer already over who is given none.
   */
  private async overCap(actor: Actor, officerId: string, caseIds: readonly string[], overCapReason: string): Promise<{ loadTenths: number; afterTenths: number; capacityTenths: number } | undefined> {
    const load = await this.caseloadService.loadWithCases(actor, officerId, caseIds);
    if (!load) return undefined;
    const afterTenths = load.loadTenths + load.addedTenths;
    if (afterTenths <= load.capacityTenths || load.addedTenths === 0) return undefined;
    if (!overCapReason) {
      throw new OverCapError(
        `${load.name} would be at ${formatTenths(afterTenths)} of ${formatTenths(load.capacityTenths)}, over the cap: give the reason for going over it, or choose another officer`,
      );
    }
    return { loadTenths: load.loadTenths, afterTenths, capacityTenths: load.capacityTenths };
  }

  /** The manager's reason for taking an officer over their cap, in the audit log beside the cases it covers. */
  private async recordOverCap(tx: Executor, actor: Actor, officerId: string, result: AllocationResult, load: { loadTenths: number; afterTenths: number; capacityTenths: number }, overCapReason: string) {
    await recordAudit(tx, this.clock, actor, {
      action: 'caseload.over-cap',
      entityType: 'staff_user',
      entityId: officerId,
      details: {
        cases: result.cases.map((entry) => entry.caseId),
        load: { from: formatTenths(load.loadTenths), to: formatTenths(load.afterTenths) },
        capacity: formatTenths(load.capacityTenths),
        overCapReason,
      },
    });
  }

  /**
   * Changes a case's officer, with the manager's reason: from one officer to another, or from the
   * queue. `currentOfficerId` is the officer the manager saw (null: the queue); if the case has
   * moved since, the change is refused rather than undo someone else's.
   */
  async reallocate(
    actor: Actor,
    caseId: string,
    input: { officer: string; reason: string; currentOfficerId?: string | null; overCapReason?: string },
    options: WriteOptions = {},
  ): Promise<Written<AllocationResult>> {
    requireRole(actor, ...ALLOCATION_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const officerId = (input.officer ?? '').trim();
    const reason = (input.reason ?? '').trim();
    const overCapReason = (input.overCapReason ?? '').trim();
    const request = { officer: officerId, reason, currentOfficerId: input.currentOfficerId ?? null, ...(overCapReason ? { overCapReason } : {}) };
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'case.reallocate', target: caseId, input: request }, async () => {
      const problems: FieldProblem[] = [];
      if (!officerId) problems.push({ field: 'officer', message: 'Select the officer to give the case to' });
      if (!reason) problems.push({ field: 'reason', message: 'Say why the case is changing officer' });
      else if (reason.length > REASON_LIMIT) problems.push({ field: 'reason', message: `The reason must be ${REASON_LIMIT.toLocaleString('en-GB')} characters or fewer` });
      if (overCapReason.length > REASON_LIMIT) problems.push({ field: 'overCapReason', message: `The reason for going over the cap must be ${REASON_LIMIT.toLocaleString('en-GB')} characters or fewer` });
      if (problems.length > 0) throw new ValidationError(problems);
      await this.requireOfficer(this.db, actor, officerId);
      await this.requireCasesReachable(actor, [caseId], 'reallocation');
      const overCap = await this.overCap(actor, officerId, [caseId], overCapReason);
      return async (tx) => {
        const result = await this.move(tx, actor, [caseId], officerId, { kind: 'any', currentOfficerId: input.currentOfficerId }, { reason: overCap ? `${reason}. Over the cap: ${overCapReason}` : reason, field: 'officer' });
        if (overCap) await this.recordOverCap(tx, actor, officerId, result, overCap, overCapReason);
        return result;
      };
    });
  }

  /** A case's officer and who has held it (a view of the child's record, logged), with the form's choices for a manager. */
  async caseOfficer(actor: Actor, caseId: string, view = 'officer'): Promise<CaseOfficerView> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, view);
    const row = await repository.findCaseOfficer(this.db, actor.authorityId, caseId);
    if (!row) throw new NotFoundError('No such case');
    const spells = await caseHolders(this.db, actor.authorityId, caseId);
    const names = await staffNames(this.db, actor.authorityId, spells.map((spell) => spell.recordedBy));
    const mayChange = hasRole(actor, ...ALLOCATION_ROLES) && row.closedOn === null;
    const officers = mayChange ? await repository.listActiveCaseOfficers(this.db, actor.authorityId) : [];
    await recordAccess(this.db, this.clock, actor, childId, view);
    return {
      caseId,
      reference: row.reference,
      childId,
      childName: fullName(row),
      stageName: stageInfo(row.stage)?.name ?? row.stage,
      officer: row.officerId ? { id: row.officerId, name: row.officerName ?? '' } : null,
      unallocatedSince: row.unallocatedSince,
      closed: row.closedOn !== null,
      holders: spells
        .map((spell) => ({
          id: spell.id,
          officerId: spell.officerId,
          officerName: spell.officerId ? spell.officerName : null,
          from: londonDateOf(spell.heldFrom),
          to: spell.heldTo ? londonDateOf(spell.heldTo) : null,
          change: spell.change,
          reason: spell.reason,
          recordedBy: names.get(spell.recordedBy) ?? 'The service',
        }))
        .reverse(),
      mayChange,
      officers: officers.filter((officer) => officer.id !== row.officerId),
    };
  }

  /**
   * The caseload for the API: each active case officer (and anyone else still holding cases) with
   * their open cases, and the whole unallocated queue with the day each case joined it. The
   * children of the queue go to the log of lists shown.
   */
  async caseload(actor: Actor, view = 'api:caseload') {
    requireRole(actor, ...MANAGER_ROLES);
    const [officers, queue] = await Promise.all([repository.caseloadByOfficer(this.db, actor.authorityId), repository.unallocatedQueue(this.db, actor.authorityId)]);
    if (queue.length > 0) await recordListAccess(this.db, this.clock, actor, view, queue.map((entry) => entry.childId));
    return {
      officers: officers.map((officer) => ({ id: officer.id, name: officer.name, openCases: officer.openCases })),
      unallocated: { total: queue.length, cases: queue },
    };
  }

  /** The officer must be an active case officer of the actor's council; anything else is refused against the form's officer field. */
  private async requireOfficer(executor: Executor, actor: Actor, officerId: string, options: { share?: boolean } = {}): Promise<repository.OfficerRow> {
    const officer = UUID.test(officerId) ? await repository.findOfficer(executor, actor.authorityId, officerId, options) : undefined;
    if (!officer) throw new ValidationError([{ field: 'officer', message: 'Select an officer from the list: there is no such officer in the council' }]);
    if (!officer.active) throw new ValidationError([{ field: 'officer', message: `${officer.name}’s account is deactivated: choose an active officer` }]);
    if (officer.role !== 'case_officer') throw new ValidationError([{ field: 'officer', message: `${officer.name} is not a case officer: choose a case officer` }]);
    return officer;
  }

  /** Each case must be one the actor may reach (a restricted record hides itself as not found). */
  private async requireCasesReachable(actor: Actor, caseIds: readonly string[], purpose: string): Promise<void> {
    for (const caseId of caseIds) if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    await requireCasesAccess(this.db, this.clock, actor, caseIds, purpose);
  }

  /** The change itself, in the caller's transaction: every case to one officer. */
  private async move(tx: Executor, actor: Actor, caseIds: readonly string[], officerId: string, expected: Expectation, options: { reason: string | null; field: string }): Promise<AllocationResult> {
    const moved = await this.moveEach(
      tx,
      actor,
      caseIds.map((caseId) => ({ caseId, officerId, reason: options.reason })),
      expected,
      options.field,
    );
    return { officer: moved.officers.get(officerId)!, cases: moved.cases, unsent: moved.unsent };
  }

  /**
   * Each case to its own officer, all or none: the cases locked in id order, then the officers
   * (each held until the end, so no account is deactivated under the change), every refusal found
   * before anything is written, then the writes.
   */
  private async moveEach(
    tx: Executor,
    actor: Actor,
    assignments: readonly { caseId: string; officerId: string; reason: string | null }[],
    expected: Expectation,
    field: string | ((caseId: string) => string),
  ): Promise<{ officers: Map<string, { id: string; name: string }>; cases: CaseMoved[]; unsent: number }> {
    const fieldOf = typeof field === 'string' ? () => field : field;
    const rows = await repository.lockCases(tx, actor.authorityId, assignments.map((entry) => entry.caseId));
    if (rows.length !== assignments.length) throw new NotFoundError('No such case');
    const officers = new Map<string, repository.OfficerRow>();
    for (const officerId of [...new Set(assignments.map((entry) => entry.officerId))].sort()) {
      try {
        officers.set(officerId, await this.requireOfficer(tx, actor, officerId, { share: true }));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const first = assignments.find((entry) => entry.officerId === officerId)!;
        throw new ValidationError(error.problems.map((problem) => ({ field: fieldOf(first.caseId), message: problem.message })));
      }
    }
    const byId = new Map(rows.map((row) => [row.id, row]));
    for (const entry of assignments) {
      try {
        refuseMove(byId.get(entry.caseId)!, officers.get(entry.officerId)!, expected);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        throw new ValidationError(error.problems.map((problem) => ({ field: fieldOf(entry.caseId), message: problem.message })));
      }
    }
    const groups = new Map<string, string[]>();
    for (const entry of assignments) groups.set(entry.officerId, [...(groups.get(entry.officerId) ?? []), entry.caseId]);
    for (const [officerId, caseIds] of groups) await repository.setOfficer(tx, actor.authorityId, caseIds, officerId);
    const today = this.clock.today() as IsoDate;
    // Events, holders and audit entries in a statement each for all the cases; each family's letter in turn.
    const eventIds = await recordCaseEvents(
      tx,
      this.clock,
      actor,
      assignments.map(({ caseId, officerId }) => {
        const row = byId.get(caseId)!;
        return { caseId, type: row.officerId ? 'case.reallocated' : 'case.allocated', occurredOn: today, payload: { officerId, fromOfficerId: row.officerId } };
      }),
    );
    const holderIds = await changeHolders(
      tx,
      this.clock,
      actor,
      assignments.map(({ caseId, officerId, reason }, index) => ({ caseId, officerId, change: byId.get(caseId)!.officerId ? 'reallocated' : 'allocated', reason, eventId: eventIds[index]! })),
    );
    const letterIds = await this.tellFamilies(tx, actor, assignments.map((entry) => byId.get(entry.caseId)!), today, fieldOf);
    const moved: CaseMoved[] = assignments.map(({ caseId, officerId }, index) => {
      const row = byId.get(caseId)!;
      return { caseId, reference: row.reference, childId: row.childId, officerId, previousOfficerId: row.officerId, eventId: eventIds[index]!, holderId: holderIds[index]!, letterId: letterIds[index]! };
    });
    await recordAudits(
      tx,
      this.clock,
      actor,
      moved.map((entry) => ({
        action: entry.previousOfficerId ? 'case.reallocated' : 'case.allocated',
        entityType: 'ehc_case',
        entityId: entry.caseId,
        details: { officerId: { from: entry.previousOfficerId, to: entry.officerId }, eventId: entry.eventId, holderId: entry.holderId, letterId: entry.letterId },
      })),
    );
    return {
      officers: new Map([...officers].map(([id, officer]) => [id, { id: officer.id, name: officer.name }])),
      cases: moved,
      unsent: moved.filter((entry) => entry.letterId === null).length,
    };
  }

  /**
   * The letters naming each family's new officer, through the letters feature in the change's own
   * transaction, in a fixed number of statements however many cases move. Each to the main contact
   * (or the first parent or carer with an address, else an e-mail address); a case with no one to
   * write to moves without one (null at its index).
   */
  private async tellFamilies(tx: Executor, actor: Actor, rows: readonly LockedCaseRow[], today: IsoDate, fieldOf: (caseId: string) => string): Promise<(string | null)[]> {
    const parents = await listParentContacts(tx, actor.authorityId, rows.map((row) => row.childId));
    const letters = rows.flatMap((row) => {
      const recipient = familyRecipient(parents.get(row.childId) ?? []);
      if (!recipient) return [];
      return [{ row, letter: { caseId: row.id, type: 'officer-allocated' as const, recipient, fields: { allocatedOn: longDate(today), previousOfficerName: row.officerName ?? 'not yet named' } } }];
    });
    let sent: { letterId: string }[];
    try {
      sent = await sendLetters(tx, this.clock, actor, letters.map((entry) => entry.letter));
    } catch (error) {
      // The letters are written together, so a refusal cannot name its case: it is put against the first.
      if (error instanceof ValidationError && rows[0]) throw new ValidationError(error.problems.map((problem) => ({ field: fieldOf(rows[0]!.id), message: problem.message })));
      throw error;
    }
    const letterOf = new Map(letters.map((entry, index) => [entry.row.id, sent[index]!.letterId]));
    return rows.map((row) => letterOf.get(row.id) ?? null);
  }
}

/**
 * Cases that would take an officer over their cap, given without the manager's reason: the page
 * asks for the reason, the API answers 422 naming `overCapReason`.
 */
export class OverCapError extends ValidationError {
  constructor(message: string) {
    super([{ field: 'overCapReason', message }]);
  }
}

/** The case's refusal, if it has one: closed, allocated meanwhile, moved since the manager looked, or already the officer's. */
function refuseMove(row: LockedCaseRow, officer: repository.OfficerRow, expected: Expectation): void {
  if (row.closedOn !== null) throw new ConflictError(`Case ${row.reference} is closed: a closed case keeps the officer it had`);
  const since = row.heldSince ? londonDateOf(row.heldSince) : (row.unallocatedSince ?? '');
  if (expected.kind === 'queue') {
    if (row.officerId !== null) throw new ConflictError(`Case ${row.reference} is already allocated to ${row.officerName ?? 'another officer'} since ${since}. Nothing was allocated`);
    return;
  }
  if (expected.currentOfficerId !== undefined && expected.currentOfficerId !== row.officerId) {
    throw new ConflictError(
      row.officerId
        ? `Case ${row.reference} was given to ${row.officerName ?? 'another officer'} on ${since}, while you were choosing. Nothing was changed`
        : `Case ${row.reference} was put in the unallocated queue on ${since}, while you were choosing. Nothing was changed`,
    );
  }
  if (row.officerId === officer.id) throw new ValidationError([{ field: 'officer', message: `${officer.name} already holds case ${row.reference}: choose another officer` }]);
}

/** The form's (or the API's) field for the recipient of a case. */
export const handoverField = (caseId: string) => `to-${caseId}`;

/** Each case and its recipient as sent: a list of { caseId, officerId }, each case once. */
function assignmentsOf(value: unknown): { caseId: string; officerId: string }[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const out: { caseId: string; officerId: string }[] = [];
  for (const entry of value) {
    if (typeof entry !== 'object' || entry === null) continue;
    const caseId = String((entry as Record<string, unknown>).caseId ?? '').trim();
    const officerId = String((entry as Record<string, unknown>).officerId ?? '').trim();
    if (!caseId || seen.has(caseId)) continue;
    seen.add(caseId);
    out.push({ caseId, officerId });
  }
  return out;
}

/** The cases chosen: one id or many (a form's boxes, an API's array), each once, in the order given. */
function caseIdsOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined || value === null || value === '' ? [] : [value];
  return [...new Set(list.map((entry) => String(entry).trim()).filter(Boolean))];
}

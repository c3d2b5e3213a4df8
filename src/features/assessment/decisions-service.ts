// The decisions of an EHC needs assessment: whether to assess (SEND Regs 2014 regs 4-5), and after
// the assessment whether to issue a plan (reg. 10); the preparation for them (the request's
// evidence, the family's and the school's views, the panel's recommendation); and a request's
// withdrawal. Each decision is made by an officer with the authority, with its reasons, and sends
// its notice to the family in the decision's own transaction.
import type { Database, Executor } from '../../db/database.ts';
import { parseIsoDate, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { stageInfo } from '../../domain/children/stages.ts';
import { isYoungPerson } from '../../domain/children/young-person.ts';
import {
  appealDeadline,
  decisionToAssessDeadline,
  draftPlanTarget,
  finalPlanDeadline,
  mediationAdviceDeadline,
  noPlanDecisionDeadline,
  type Deadline,
} from '../../domain/clocks/index.ts';
import { eventTitle, firstOutOfOrder, refusalOfStep, sen2RequestFacts, type CaseEventType, type Sen2RequestFacts } from '../../domain/events/index.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { documentTypeName } from '../../lib/document-types.ts';
import { ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, DECISION_ROLES, hasRole, requireRole, type Actor } from '../auth/index.ts';
import { staffNames } from '../users/index.ts';
import { caseHistory, recordCaseEvent, requireOpenCase, type CaseHistoryEvent } from '../cases/index.ts';
import { requireCaseAccess } from '../children/index.ts';
import { sendLetter, type LetterRecipient } from '../letters/index.ts';
import { personRecipient } from '../outbox/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import { decisionNotice, viewsRequestNotice, withdrawalNotice, type Notice } from './notices.ts';
import { waitingOn } from './panels-service.ts';
import * as repository from './repository.ts';
import type { CaseFileRow, DecisionRow, WithdrawalRow } from './repository.ts';
import {
  ASKED_PARTIES,
  isOneOf,
  OUTCOMES,
  TEXT_LIMIT,
  VIEWS_PARTIES,
  WITHDRAWN_BY,
  type AskedParty,
  type DecisionOutcome,
  type Question,
  type Recommendation,
  type ViewsParty,
  type WithdrawnBy,
} from './terms.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The event each question's outcome records: agreed, then refused. */
const DECISION_EVENTS: Record<Question, { agree: CaseEventType; refuse: CaseEventType }> = {
  assess: { agree: 'assessment.agreed', refuse: 'assessment.refused' },
  'issue-plan': { agree: 'plan.agreed', refuse: 'plan.refused' },
};

export const NOT_A_DECISION_MAKER =
  'Only a team manager or service lead can make this decision: the council delegates its decisions on an assessment to senior officers. Ask one of them to record it.';

export interface DecisionView {
  id: string;
  caseId: string;
  question: Question;
  outcome: DecisionOutcome;
  /** The day decided (the event's day, if a correction has re-dated it). */
  decidedOn: string;
  reasons: string;
  decidedBy: { id: string; name: string };
  /** The panel case (a case on a panel's agenda, with its recommendation) the decision followed. */
  panelCaseId: string | null;
  eventId: string;
  /** The day the notice went to the family. */
  noticeOn: string;
  /** The notice as sent (a letter on the case); null where no one on the record could be written to. */
  noticeLetterId: string | null;
  /** For a refusal: the last day to appeal and to contact a mediation adviser, as the notice gave them. */
  appealBy: string | null;
  mediationBy: string | null;
  /** False once a correction has withdrawn the decision as recorded in error. */
  standing: boolean;
}

export interface WithdrawalView {
  id: string;
  caseId: string;
  withdrawnOn: string;
  withdrawnBy: WithdrawnBy;
  reason: string;
  eventId: string;
  /** The letter confirming it; null where no one on the record could be written to. */
  letterId: string | null;
  standing: boolean;
}

export interface ViewsRequestView {
  id: string;
  caseId: string;
  party: ViewsParty;
  askedOn: string;
  respondBy: string;
  /** The letter that asked. */
  letterId: string | null;
}

export interface ViewsReceivedView {
  id: string;
  caseId: string;
  party: ViewsParty;
  receivedOn: string;
  summary: string;
}

/** Everything the decisions on a case rest on and what they were, for the decision page and the API. */
export interface DecisionFile {
  caseId: string;
  childId: string;
  childName: string;
  reference: string;
  stage: string;
  stageName: string;
  receivedOn: string;
  closedOn: string | null;
  /** Over compulsory school age: the rights are the young person's (CFA 2014 s.67, s.83(2)). */
  youngPerson: boolean;
  school: string | null;
  /** The parents and carers linked to the child, the main contact first: whom notices go to. */
  parents: { name: string; relationship: string; mainContact: boolean; reachable: boolean }[];
  /** The request's evidence: the case's documents. */
  documents: { id: string; title: string; filename: string; typeName: string; sizeBytes: number; uploadedOn: string }[];
  viewsAsked: (ViewsRequestView & { askedBy: string })[];
  viewsReceived: (ViewsReceivedView & { recordedBy: string })[];
  panels: { id: string; panelId: string; heldOn: string; title: string; question: Question; recommendation: Recommendation | null; note: string | null }[];
  decisions: (DecisionView & { panel: { heldOn: string; title: string; recommendation: Recommendation | null } | null })[];
  withdrawal: (WithdrawalView & { recordedBy: string }) | null;
  /** The SEN2 return's facts of the request, derived from the history. */
  sen2: Sen2RequestFacts;
  /** The question the case is waiting on, while it is open. */
  waitingOn: Question | null;
  deadlines: { decisionToAssess: Deadline; noPlanDecision: Deadline; draftTarget: Deadline; finalPlan: Deadline };
  /** The viewer may make the decisions (a team manager or service lead). */
  mayDecide: boolean;
}

export interface DecisionServiceDependencies {
  /** England and Wales bank holidays: the Tribunal's appeal limit moves off a day that is not a working day (HESC r.12). */
  calendar: () => Promise<BankHolidayCalendar>;
}

interface DecisionInput {
  outcome: string;
  decidedOn: string;
  reasons: string;
}

interface WriteOptions {
  idempotencyKey?: string;
}

export class DecisionService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly dependencies: DecisionServiceDependencies;

  constructor(db: Database, clock: Clock, dependencies: DecisionServiceDependencies) {
    this.db = db;
    this.clock = clock;
    this.dependencies = dependencies;
  }

  /** A case's decisions and what they rest on (a view of the child's record, logged). */
  async decisionFile(actor: Actor, caseId: string, view = 'decisions'): Promise<DecisionFile> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, view);
    const file = await repository.findCaseFile(this.db, actor.authorityId, caseId);
    if (!file) throw new NotFoundError('No such case');
    const [history, documents, parents, asked, received, panels, decisions, withdrawals] = await Promise.all([
      caseHistory(this.db, actor.authorityId, caseId),
      repository.listCaseDocuments(this.db, actor.authorityId, caseId),
      repository.listParents(this.db, actor.authorityId, file.childId),
      repository.listViewsRequests(this.db, actor.authorityId, caseId),
      repository.listViewsReceived(this.db, actor.authorityId, caseId),
      repository.listPanelsOfCase(this.db, actor.authorityId, caseId),
      repository.listDecisions(this.db, actor.authorityId, caseId),
      repository.listWithdrawals(this.db, actor.authorityId, caseId),
    ]);
    const names = await staffNames(this.db, actor.authorityId, [
      ...asked.map((row) => row.askedBy),
      ...received.map((row) => row.recordedBy),
      ...decisions.map((row) => row.decidedBy),
      ...withdrawals.map((row) => row.recordedBy),
    ]);
    const nameOf = (id: string) => names.get(id) ?? 'The service';
    await recordAccess(this.db, this.clock, actor, childId, view);
    const today = this.clock.today() as IsoDate;
    const receivedOn = file.openedOn as IsoDate;
    const withdrawal = withdrawals.map((row) => withdrawalView(row, history)).findLast((entry) => entry.standing) ?? null;
    return {
      caseId,
      childId,
      childName: fullName(file),
      reference: file.reference,
      stage: file.stage,
      stageName: stageInfo(file.stage)?.name ?? file.stage,
      receivedOn,
      closedOn: file.closedOn,
      youngPerson: isYoungPerson(file.dateOfBirth as IsoDate, today),
      school: file.schoolName,
      parents: parents.map((row) => ({ name: `${row.forename} ${row.surname}`, relationship: row.relationship, mainContact: row.mainContact, reachable: row.hasAddress || row.hasEmail })),
      documents: documents.map((row) => ({
        id: row.id,
        title: row.title,
        filename: row.filename,
        typeName: documentTypeName(row.mediaType),
        sizeBytes: row.sizeBytes,
        uploadedOn: londonDateOf(row.uploadedAt),
      })),
      viewsAsked: asked.map((row) => ({ id: row.id, caseId, party: row.party as ViewsParty, askedOn: row.askedOn, respondBy: row.respondBy, letterId: row.letterId, askedBy: nameOf(row.askedBy) })),
      viewsReceived: received.map((row) => ({ id: row.id, caseId, party: row.party as ViewsParty, receivedOn: row.receivedOn, summary: row.summary, recordedBy: nameOf(row.recordedBy) })),
      panels: panels.map((row) => ({
        id: row.id,
        panelId: row.panelId,
        heldOn: row.heldOn,
        title: row.title,
        question: row.question as Question,
        recommendation: row.recommendation as Recommendation | null,
        note: row.recommendationNote,
      })),
      decisions: decisions.map((row) => {
        const panel = panels.find((entry) => entry.id === row.panelCaseId);
        return {
          ...decisionView(row, history, nameOf(row.decidedBy)),
          panel: panel ? { heldOn: panel.heldOn, title: panel.title, recommendation: panel.recommendation as Recommendation | null } : null,
        };
      }),
      withdrawal: withdrawal ? { ...withdrawal, recordedBy: nameOf(withdrawals.find((row) => row.id === withdrawal.id)!.recordedBy) } : null,
      sen2: sen2RequestFacts(history),
      waitingOn: file.closedOn ? null : (waitingOn(history) ?? null),
      deadlines: {
        decisionToAssess: decisionToAssessDeadline(receivedOn),
        noPlanDecision: noPlanDecisionDeadline(receivedOn),
        draftTarget: draftPlanTarget(receivedOn),
        finalPlan: finalPlanDeadline(receivedOn),
      },
      mayDecide: hasRole(actor, ...DECISION_ROLES),
    };
  }

  /**
   * Asks the parent (the main contact) or the school for their views on the request, by a day to
   * reply: records the request and sends the 'views-request' letter, in one transaction.
   */
  async askForViews(actor: Actor, caseId: string, input: { party: string; respondBy: string }, options: WriteOptions = {}): Promise<Written<ViewsRequestView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'views.ask', target: caseId, input }, async () => {
      const today = this.clock.today() as IsoDate;
      const problems: FieldProblem[] = [];
      if (!isOneOf(ASKED_PARTIES, input.party)) problems.push({ field: 'party', message: 'Select whose views to ask for' });
      const respondBy = parseIsoDate(input.respondBy);
      if (!respondBy) problems.push({ field: 'respondBy', message: 'Enter the date to reply by as a real date' });
      else if (respondBy <= today) problems.push({ field: 'respondBy', message: 'The date to reply by must be in the future' });
      if (problems.length > 0) throw new ValidationError(problems);
      await requireCaseAccess(this.db, this.clock, actor, caseId, 'views');
      const party = input.party as AskedParty;
      return async (tx) => {
        await requireOpenCase(tx, actor, caseId);
        const file = (await repository.findCaseFile(tx, actor.authorityId, caseId))!;
        const id = uuidv7();
        const letterId = await this.sendNotice(tx, actor, file, viewsRequestNotice({ party, respondBy: respondBy! }), { required: true, field: 'party' });
        await repository.insertViewsRequest(tx, { id, authorityId: actor.authorityId, caseId, party, askedOn: today, respondBy: respondBy!, askedBy: actor.id, askedAt: this.clock.now(), letterId });
        await recordAudit(tx, this.clock, actor, { action: 'views.asked', entityType: 'ehc_case', entityId: caseId, details: { viewsRequestId: id, party, letterId } });
        return { id, caseId, party, askedOn: today, respondBy: respondBy!, letterId };
      };
    });
  }

  /** Records the views the family or the school gave: whose, the day received, and what they said in summary. */
  async recordViews(actor: Actor, caseId: string, input: { party: string; receivedOn: string; summary: string }, options: WriteOptions = {}): Promise<Written<ViewsReceivedView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'views.record', target: caseId, input }, async () => {
      const problems: FieldProblem[] = [];
      if (!isOneOf(VIEWS_PARTIES, input.party)) problems.push({ field: 'party', message: 'Select whose views these are' });
      const receivedOn = parseIsoDate(input.receivedOn);
      if (!receivedOn) problems.push({ field: 'receivedOn', message: 'Enter the date the views were received as a real date' });
      else if (receivedOn > this.clock.today()) problems.push({ field: 'receivedOn', message: 'The date the views were received must be today or in the past' });
      const summary = (input.summary ?? '').trim();
      if (!summary) problems.push({ field: 'summary', message: 'Summarise the views' });
      else if (summary.length > TEXT_LIMIT) problems.push({ field: 'summary', message: 'The summary must be 5,000 characters or fewer' });
      if (problems.length > 0) throw new ValidationError(problems);
      await requireCaseAccess(this.db, this.clock, actor, caseId, 'views');
      const party = input.party as ViewsParty;
      return async (tx) => {
        const found = await requireOpenCase(tx, actor, caseId);
        if (receivedOn! < found.openedOn) throw new ValidationError([{ field: 'receivedOn', message: `The views cannot have been received before the request, on ${found.openedOn}` }]);
        const id = uuidv7();
        await repository.insertViewsReceived(tx, { id, authorityId: actor.authorityId, caseId, party, receivedOn: receivedOn!, summary, recordedBy: actor.id, recordedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'views.recorded', entityType: 'ehc_case', entityId: caseId, details: { viewsId: id, party } });
        return { id, caseId, party, receivedOn: receivedOn!, summary };
      };
    });
  }

  /**
   * The decision whether to assess (SEND Regs 2014 regs 4-5), by a team manager or service lead,
   * with its reasons, dated on or after the request and not in the future. To assess: the case
   * moves to the assessment and the family is sent the notice (CFA 2014 s.36(8)). Not to assess:
   * the case closes and the notice gives the right of appeal with its limits, mediation, the
   * disagreement resolution service and where to get advice (reg. 5(3)).
   */
  async decideWhetherToAssess(actor: Actor, caseId: string, input: DecisionInput, options: WriteOptions = {}): Promise<Written<DecisionView>> {
    return this.decide(actor, caseId, 'assess', input, options);
  }

  /**
   * The decision after the assessment (SEND Regs 2014 reg. 10), by a team manager or service lead,
   * with its reasons. Not to issue a plan: due by week 16 (reg. 10(1)); the case closes and the
   * notice gives the right of appeal (reg. 10(3)). To issue one: a draft to follow, which has no
   * limit of its own but must leave the draft's 15 days and the consultations before week 20.
   */
  async decideAfterAssessment(actor: Actor, caseId: string, input: DecisionInput, options: WriteOptions = {}): Promise<Written<DecisionView>> {
    return this.decide(actor, caseId, 'issue-plan', input, options);
  }

  /** Refuses (403) anyone but a team manager or service lead: the decision forms are theirs. */
  requireDecisionMaker(actor: Actor): void {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!hasRole(actor, ...DECISION_ROLES)) throw new ForbiddenError(NOT_A_DECISION_MAKER);
  }

  private async decide(actor: Actor, caseId: string, question: Question, input: DecisionInput, options: WriteOptions): Promise<Written<DecisionView>> {
    // Refused before anything is read or written: the authority is the decision-maker's.
    this.requireDecisionMaker(actor);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    const operation = question === 'assess' ? 'decision.whether-to-assess' : 'decision.after-assessment';
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation, target: caseId, input }, async () => {
      const today = this.clock.today() as IsoDate;
      const problems: FieldProblem[] = [];
      const outcomes: readonly string[] = OUTCOMES[question];
      if (!isOneOf(outcomes, input.outcome)) problems.push({ field: 'outcome', message: 'Select the decision' });
      const decidedOn = parseIsoDate(input.decidedOn);
      if (!decidedOn) problems.push({ field: 'decidedOn', message: 'Enter the date of the decision as a real date' });
      else if (decidedOn > today) problems.push({ field: 'decidedOn', message: 'The date of the decision must be today or in the past' });
      const reasons = (input.reasons ?? '').trim();
      if (!reasons) problems.push({ field: 'reasons', message: 'Give the reasons for the decision: they are what the family and a tribunal read' });
      else if (reasons.length > TEXT_LIMIT) problems.push({ field: 'reasons', message: 'The reasons must be 5,000 characters or fewer' });
      if (problems.length > 0) throw new ValidationError(problems);
      await requireCaseAccess(this.db, this.clock, actor, caseId, 'decision');
      const agreed = input.outcome === outcomes[0];
      const calendar = agreed ? undefined : await this.dependencies.calendar();
      return async (tx) => {
        await repository.lockCase(tx, actor.authorityId, caseId);
        const found = await requireOpenCase(tx, actor, caseId);
        if (decidedOn! < found.openedOn) throw new ValidationError([{ field: 'decidedOn', message: `The decision cannot be dated before the request was received, on ${found.openedOn}` }]);
        const history = await caseHistory(tx, actor.authorityId, caseId);
        const type = agreed ? DECISION_EVENTS[question].agree : DECISION_EVENTS[question].refuse;
        refuseOutOfTurn(history, question, type, decidedOn!);
        const file = (await repository.findCaseFile(tx, actor.authorityId, caseId))!;
        const receivedOn = found.openedOn as IsoDate;
        const panelCaseId = (await repository.findPanelCaseFollowed(tx, actor.authorityId, caseId, question, decidedOn!)) ?? null;
        const id = uuidv7();
        const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId, type, occurredOn: decidedOn!, payload: { decisionId: id, ...(panelCaseId ? { panelCaseId } : {}) } });
        const appealBy = calendar ? appealDeadline({ decisionNotice: today }, calendar).due : null;
        const mediationBy = calendar ? mediationAdviceDeadline(today).due : null;
        const draftTarget = draftPlanTarget(receivedOn).due;
        const noticeLetterId = await this.sendNotice(
          tx,
          actor,
          file,
          decisionNotice({
            question,
            agreed,
            decidedOn: decidedOn!,
            reasons,
            noPlanDecisionBy: noPlanDecisionDeadline(receivedOn).due,
            finalPlanBy: finalPlanDeadline(receivedOn).due,
            ...(appealBy && mediationBy ? { appealBy, mediationBy } : {}),
            // After week 16 the target has passed: the draft is due as soon as it can be written.
            draftBy: draftTarget < decidedOn! ? decidedOn! : draftTarget,
          }),
          { field: 'outcome' },
        );
        await repository.insertDecision(tx, {
          id,
          authorityId: actor.authorityId,
          caseId,
          question,
          outcome: agreed ? 'agree' : 'refuse',
          decidedOn: decidedOn!,
          reasons,
          decidedBy: actor.id,
          panelCaseId,
          eventId,
          noticeOn: today,
          noticeLetterId,
          appealBy,
          mediationBy,
          recordedAt: this.clock.now(),
        });
        await recordAudit(tx, this.clock, actor, {
          action: 'decision.recorded',
          entityType: 'ehc_case',
          entityId: caseId,
          details: { decisionId: id, question, outcome: input.outcome, eventId, ...(panelCaseId ? { panelCaseId } : {}), noticeLetterId },
        });
        const row = (await repository.listDecisions(tx, actor.authorityId, caseId)).find((entry) => entry.id === id)!;
        return decisionView(row, await caseHistory(tx, actor.authorityId, caseId), actor.name ?? (await staffNames(tx, actor.authorityId, [actor.id])).get(actor.id) ?? '');
      };
    });
  }

  /**
   * A request withdrawn (before the decision whether to assess, or during the assessment): who
   * withdrew it and why. The case closes, its running deadlines end, and the letter confirming it
   * goes to the family. Any officer records it: it is the family's (or the school's) act, not a
   * decision of the council's.
   */
  async withdrawRequest(actor: Actor, caseId: string, input: { withdrawnOn: string; withdrawnBy: string; reason: string }, options: WriteOptions = {}): Promise<Written<WithdrawalView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'request.withdraw', target: caseId, input }, async () => {
      const problems: FieldProblem[] = [];
      if (!isOneOf(WITHDRAWN_BY, input.withdrawnBy)) problems.push({ field: 'withdrawnBy', message: 'Select who withdrew the request' });
      const withdrawnOn = parseIsoDate(input.withdrawnOn);
      if (!withdrawnOn) problems.push({ field: 'withdrawnOn', message: 'Enter the date the request was withdrawn as a real date' });
      else if (withdrawnOn > this.clock.today()) problems.push({ field: 'withdrawnOn', message: 'The date the request was withdrawn must be today or in the past' });
      const reason = (input.reason ?? '').trim();
      if (!reason) problems.push({ field: 'reason', message: 'Say why the request was withdrawn' });
      else if (reason.length > TEXT_LIMIT) problems.push({ field: 'reason', message: 'The reason must be 5,000 characters or fewer' });
      if (problems.length > 0) throw new ValidationError(problems);
      await requireCaseAccess(this.db, this.clock, actor, caseId, 'withdrawal');
      const withdrawnBy = input.withdrawnBy as WithdrawnBy;
      return async (tx) => {
        await repository.lockCase(tx, actor.authorityId, caseId);
        const found = await requireOpenCase(tx, actor, caseId);
        if (withdrawnOn! < found.openedOn) throw new ValidationError([{ field: 'withdrawnOn', message: `The request cannot have been withdrawn before it was received, on ${found.openedOn}` }]);
        const history = await caseHistory(tx, actor.authorityId, caseId);
        if (!waitingOn(history)) throw new ValidationError([{ field: 'withdrawnBy', message: 'The request can no longer be withdrawn: the assessment has ended in a decision on the plan' }]);
        refuseOutOfOrder(history, 'request.withdrawn', withdrawnOn!, { type: 'withdrawnBy', occurredOn: 'withdrawnOn' });
        const file = (await repository.findCaseFile(tx, actor.authorityId, caseId))!;
        const id = uuidv7();
        const eventId = await recordCaseEvent(tx, this.clock, actor, { caseId, type: 'request.withdrawn', occurredOn: withdrawnOn!, payload: { withdrawalId: id, withdrawnBy } });
        const letterId = await this.sendNotice(tx, actor, file, withdrawalNotice({ withdrawnOn: withdrawnOn!, withdrawnBy, reason }), { field: 'withdrawnBy' });
        await repository.insertWithdrawal(tx, { id, authorityId: actor.authorityId, caseId, withdrawnOn: withdrawnOn!, withdrawnBy, reason, eventId, recordedBy: actor.id, recordedAt: this.clock.now(), letterId });
        await recordAudit(tx, this.clock, actor, { action: 'request.withdrawn', entityType: 'ehc_case', entityId: caseId, details: { withdrawalId: id, withdrawnBy, eventId, letterId } });
        return { id, caseId, withdrawnOn: withdrawnOn!, withdrawnBy, reason, eventId, letterId, standing: true };
      };
    });
  }

  /**
   * Every notice and letter of the assessment's decisions is sent here, through the letters
   * feature, in the caller's transaction `tx`: a decision that rolls back leaves no letter behind,
   * and a letter is never queued for a decision that was not made. The family's go to the child's
   * main contact (or the first parent or carer with an address or e-mail); the school's to its
   * SENCo. A letter its template cannot be written for (a field missing, the council's details
   * not set) refuses the change, said against the form's `field`. With no one on the record to
   * write to, the change stands without a letter (null), and the decision page says so; unless
   * the letter is the point (`required`: asking for views), when the change is refused.
   */
  private async sendNotice(tx: Executor, actor: Actor, file: CaseFileRow, notice: Notice, options: { required?: boolean; field: string }): Promise<string | null> {
    const recipient = notice.to === 'school' ? schoolRecipient(file) : await familyRecipient(tx, actor, file.childId);
    if (!recipient) {
      if (!options.required) return null;
      throw new ValidationError([
        {
          field: options.field,
          message:
            notice.to === 'school'
              ? 'The child’s school or setting is not recorded: add it to the child’s details before asking for its views'
              : 'No parent or carer with an address or e-mail address is on the child’s record: add one before asking for their views',
        },
      ]);
    }
    try {
      const { letterId } = await sendLetter(tx, this.clock, actor, { caseId: file.caseId, type: notice.type, recipient, fields: notice.fields });
      return letterId;
    } catch (error) {
      // The letter's own fields are not the form's: its refusal is said against the form's field.
      if (error instanceof ValidationError) throw new ValidationError(error.problems.map((problem) => ({ field: options.field, message: problem.message })));
      throw error;
    }
  }
}

/** The family's recipient: the main contact first, then each parent or carer, by post where an address is held, else by e-mail. */
async function familyRecipient(tx: Executor, actor: Actor, childId: string): Promise<LetterRecipient | undefined> {
  for (const parent of await repository.listParents(tx, actor.authorityId, childId)) {
    const found = (await personRecipient(tx, actor.authorityId, parent.personId, 'letter')) ?? (await personRecipient(tx, actor.authorityId, parent.personId, 'email'));
    if (found) return { name: found.recipientName, channel: found.channel, address: found.recipientAddress, personId: parent.personId, addressWithheld: found.addressWithheld ?? false };
  }
  return undefined;
}

/** The school's recipient: its SENCo, by post at the school. */
function schoolRecipient(file: CaseFileRow): LetterRecipient | undefined {
  if (!file.schoolName) return undefined;
  return { name: `The SENCo, ${file.schoolName}`, channel: 'letter' as const, address: [file.schoolName, file.schoolPostcode ?? ''].filter(Boolean).join('\n') };
}

/**
 * The decision must answer the question the case is waiting on, and be dated in the order of the
 * process (after the decision to assess, say). Both refusals name the form's fields.
 */
function refuseOutOfTurn(history: readonly CaseHistoryEvent[], question: Question, type: CaseEventType, decidedOn: IsoDate): void {
  const facts = sen2RequestFacts(history);
  if (question === 'assess' && facts.requestOutcome.code !== 'A') {
    const answered =
      facts.requestOutcome.code === 'W'
        ? 'The request was withdrawn'
        : facts.requestOutcome.code === 'H'
          ? 'The plan was received from another council, which decided its request'
          : `The decision whether to assess is already recorded (${facts.requestOutcome.date})`;
    throw new ValidationError([{ field: 'outcome', message: `${answered}. If it is wrong, correct it in the case’s history` }]);
  }
  if (question === 'issue-plan') {
    if (facts.requestOutcome.code === 'H') throw new ValidationError([{ field: 'outcome', message: 'The plan was received from another council, which assessed the child and made it. If it is wrong, correct it in the case’s history' }]);
    if (facts.requestOutcome.code !== 'Y') throw new ValidationError([{ field: 'outcome', message: 'Record the decision to assess before the decision after the assessment' }]);
    if (facts.assessmentOutcome?.code !== 'A') {
      throw new ValidationError([{ field: 'outcome', message: `The decision after the assessment is already recorded (${facts.assessmentOutcome?.date}). If it is wrong, correct it in the case’s history` }]);
    }
  }
  refuseOutOfOrder(history, type, decidedOn, { type: 'outcome', occurredOn: 'decidedOn' });
}

/** The catalogue's order of the process, applied to the step and to the whole history it would leave. */
function refuseOutOfOrder(history: readonly CaseHistoryEvent[], type: CaseEventType, occurredOn: IsoDate, fields: { type: string; occurredOn: string }): void {
  const refusal = refusalOfStep(history, { type, occurredOn });
  if (refusal) throw new ValidationError([{ field: fields[refusal.field], message: refusal.message }]);
  const broken = firstOutOfOrder([...history, { type, occurredOn }]);
  if (broken) {
    throw new ValidationError([{ field: fields.occurredOn, message: `This would leave “${eventTitle(broken.event.type)}” (${broken.event.occurredOn}) out of order: ${broken.refusal.message}` }]);
  }
}

/** The case event that stands for a record: its own, or the one a correction re-dated it to. */
function standingEventOf(history: readonly CaseHistoryEvent[], eventId: string, key: 'decisionId' | 'withdrawalId', id: string): CaseHistoryEvent | undefined {
  return history.find((event) => !event.corrected && (event.id === eventId || event.payload[key] === id));
}

function decisionView(row: DecisionRow, history: readonly CaseHistoryEvent[], decidedByName: string): DecisionView {
  const question = row.question as Question;
  const standing = standingEventOf(history, row.eventId, 'decisionId', row.id);
  return {
    id: row.id,
    caseId: row.caseId,
    question,
    outcome: OUTCOMES[question][row.outcome === 'agree' ? 0 : 1],
    decidedOn: standing?.occurredOn ?? row.decidedOn,
    reasons: row.reasons,
    decidedBy: { id: row.decidedBy, name: decidedByName },
    panelCaseId: row.panelCaseId,
    eventId: row.eventId,
    noticeOn: row.noticeOn,
    noticeLetterId: row.noticeLetterId,
    appealBy: row.appealBy,
    mediationBy: row.mediationBy,
    standing: standing !== undefined,
  };
}

function withdrawalView(row: WithdrawalRow, history: readonly CaseHistoryEvent[]): WithdrawalView {
  const standing = standingEventOf(history, row.eventId, 'withdrawalId', row.id);
  return {
    id: row.id,
    caseId: row.caseId,
    withdrawnOn: standing?.occurredOn ?? row.withdrawnOn,
    withdrawnBy: row.withdrawnBy as WithdrawnBy,
    reason: row.reason,
    eventId: row.eventId,
    letterId: row.letterId,
    standing: standing !== undefined,
  };
}


// Changes to a maintained EHC plan, each with its notices and clocks: amendments (SEND Regs 2014
// reg. 22; a working copy of the plan edited on the plan's own pages, the notice with the
// proposed changes, the family's 15 days, then the amended plan or the decision not to amend),
// ceasing (CFA 2014 s.45; regs 29-31: the consultation, the decision with the right of appeal,
// the plan kept until the time for an appeal has passed or any appeal concludes) and
// re-assessment (regs 24-27). Each step records its case event, audit entry and letter in one
// transaction; a step the law does not allow yet is refused with nothing saved.
import type { Database, Executor } from '../../db/database.ts';
import type { BankHolidayCalendar, IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import {
  amendedPlanDeadline,
  amendmentCommentsDeadline,
  amendmentNoticeAfterReviewDeadline,
  appealDeadline,
  CEASE_REASONS,
  isCeaseReason,
  mediationAdviceDeadline,
  planCeasesAfterAppeal,
  planCeasesDeadline,
  reassessmentDecisionDeadline,
  reassessmentFinalPlanDeadline,
  type CeaseReason,
  type Deadline,
} from '../../domain/clocks/index.ts';
import { refusalOfStep, type CaseEventType } from '../../domain/events/index.ts';
import type { LetterType } from '../../domain/letters/letter-types.ts';
import type { SectionDifference } from '../../domain/plans/index.ts';
import { londonMidnight, type Clock } from '../../lib/clock.ts';
import { collect, ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, DECISION_ROLES, requireRole, systemActor, type Actor } from '../auth/index.ts';
import { enqueueJob, type ClaimedJob } from '../jobs/index.ts';
import { caseHistory, recordCaseEvent, requireOpenCase } from '../cases/index.ts';
import { requireCaseAccess } from '../children/index.ts';
import { liveAppealAgainst } from '../appeals/index.ts';
import { sendLetter, sendLetters, type LetterRecipient } from '../letters/index.ts';
import { EMAIL_FORMAT_MESSAGE, isEmailAddress } from '../../lib/email-address.ts';
import { personRecipient } from '../outbox/index.ts';
import { ceaseVersion, discardProposedAmendments, issueAmendedVersion, openWorkingCopy, planVersionsState, proposedDifference, type PlansService, type PlanVersionsState } from '../plans/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import { amendedPlanFields, amendmentNoticeFields, ceaseDecisionFields, reassessmentAgreedFields, refusalFields } from './notices.ts';
import * as repository from './repository.ts';
import type { PlanChangeResponseRow, PlanChangeRow, PlanOfChange } from './repository.ts';
import { pastDate } from '../../lib/entered-dates.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const TEXT_LIMIT = 5000;

/** The job that records a plan as ceased on the day it ceases, queued with each date that sets it. */
export const CEASE_PLAN_JOB = 'plan-changes.cease';

export type ChangeKind = 'amendment' | 'cease' | 'reassessment';
export const PARTIES = ['parent', 'young-person', 'head-teacher', 'other'] as const;
export type Party = (typeof PARTIES)[number];
export const PARTY_NAMES: Record<Party, string> = { parent: 'Parent or carer', 'young-person': 'Young person', 'head-teacher': 'Head teacher or principal', other: 'Someone else' };
export const REQUESTED_BY = ['family', 'school', 'council'] as const;
export type RequestedBy = (typeof REQUESTED_BY)[number];
export const REQUESTED_BY_NAMES: Record<RequestedBy, string> = { family: 'The parent or young person', school: 'The school or college', council: 'The council, of its own accord (CFA 2014 s.44(3))' };
export const APPEAL_OUTCOMES = ['upheld', 'plan-kept'] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];

export const STATUS_NAMES: Record<string, string> = {
  proposing: 'Amendments being written',
  proposed: 'Amendment notice sent: waiting for the family',
  amended: 'Amended plan issued',
  'not-amended': 'Decided not to amend',
  consulting: 'Consulting before deciding',
  decided: 'Decided to cease: the time to appeal is running',
  appealed: 'Appealed: the plan is kept until the appeal concludes',
  ceased: 'Ceased',
  withdrawn: 'The plan is kept',
  requested: 'Request to re-assess received',
  agreed: 'Re-assessing',
  refused: 'Refused to re-assess',
  completed: 'Re-assessed: plan amended',
};
export const KIND_NAMES: Record<ChangeKind, string> = { amendment: 'Amendment', cease: 'Ceasing the plan', reassessment: 'Re-assessment' };

export const NOT_A_DECISION_MAKER = 'Only a team manager or service lead can make this decision: ask one of them to record it.';

export interface PlanRef {
  id: string;
  caseId: string;
  childId: string;
  childName: string;
  reference: string;
}

export interface ChangeSummary {
  id: string;
  planId: string;
  kind: ChangeKind;
  status: string;
  statusName: string;
  startedOn: string;
  noticeOn: string | null;
  decidedOn: string | null;
  endedOn: string | null;
}

export interface ResponseView {
  id: string;
  party: Party;
  askedOn: string | null;
  answeredOn: string;
  answer: string;
}

export interface ChangeView extends ChangeSummary {
  plan: PlanRef;
  versions: PlanVersionsState;
  reviewMeetingOn: string | null;
  lateReason: string | null;
  requestedBy: RequestedBy | null;
  baseVersionNumber: number | null;
  versionNumber: number | null;
  reasonCode: CeaseReason | null;
  reasonName: string | null;
  reasons: string | null;
  certificateOn: string | null;
  appealLodgedOn: string | null;
  appealConcludedOn: string | null;
  appealOutcome: AppealOutcome | null;
  noticeLetterId: string | null;
  endLetterId: string | null;
  responses: ResponseView[];
  /** The proposed amendments (while they are proposed), or the amended plan's changes. */
  difference: SectionDifference[];
  /** The clocks that run on the change, with their bases. */
  deadlines: Deadline[];
  /** For ceasing: the day the plan ceases, when it is known (no appeal, or an appeal upholding the decision). */
  ceasesOn: string | null;
  /** For ceasing: whether the plan can now be recorded as ceased. */
  ceaseDue: boolean;
  /** Whether the parent or young person, and the head teacher, have been consulted (reg. 31(1)). */
  consulted: { family: boolean; headTeacher: boolean };
}

export interface PlanChangesOverview {
  plan: PlanRef;
  versions: PlanVersionsState;
  changes: ChangeSummary[];
  /** What can be started now: none while the plan is not maintained, nor a second open change of a kind. */
  canStart: Record<ChangeKind, boolean>;
}

export interface StartAmendmentInput {
  /** The review meeting the decision to amend followed, if any: the notice is due within 4 weeks of it. */
  reviewMeetingOn?: string;
}
export interface NoticeInput {
  noticeOn?: string;
  /** Why the notice goes more than 4 weeks after the review meeting (R (L, M, P) v Devon CC [2022]). */
  lateReason?: string;
}
export interface ResponseInput {
  party?: string;
  askedOn?: string;
  answeredOn?: string;
  answer?: string;
}
export interface IssueAmendedInput {
  issuedOn?: string;
}
export interface DecisionInput {
  decidedOn?: string;
  reasons?: string;
}
export interface CeaseDecisionInput extends DecisionInput {
  reasonCode?: string;
  /** Where the decision is sent to the institution named in the plan and to health (reg. 31(2)). */
  institutionEmail?: string;
  commissioningBodyEmail?: string;
}
export interface ReassessmentRequestInput {
  requestedOn?: string;
  requestedBy?: string;
}
export interface ReassessmentDecisionInput extends DecisionInput {
  outcome?: string;
}
export interface DatedInput {
  on?: string;
}
export interface AppealOutcomeInput {
  concludedOn?: string;
  outcome?: string;
}

interface WriteOptions {
  idempotencyKey?: string;
}

export interface ChangeResult {
  changeId: string;
  planId: string;
  status: string;
  eventId: string | null;
  letterId: string | null;
  versionNumber: number | null;
}

export class PlanChangesService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly dependencies: { calendar: () => Promise<BankHolidayCalendar>; plans: PlansService };

  constructor(db: Database, clock: Clock, dependencies: { calendar: () => Promise<BankHolidayCalendar>; plans: PlansService }) {
    this.db = db;
    this.clock = clock;
    this.dependencies = dependencies;
  }

  /** The council's day: what a page measures its deadlines against. */
  today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  // --- Reading ---------------------------------------------------------------------------------

  /** The plan's changes and what can be started (a view of the child's record, logged). */
  async overview(actor: Actor, planId: string): Promise<PlanChangesOverview> {
    const found = await this.readPlan(actor, planId, 'plan-changes');
    const versions = await planVersionsState(this.db, actor.authorityId, planId);
    const changes = (await repository.listChanges(this.db, actor.authorityId, planId)).map(summaryOf);
    const open = (kind: ChangeKind) => changes.some((change) => change.kind === kind && OPEN.has(change.status));
    const maintained = versions.state === 'maintained' && !found.caseClosedOn;
    return { plan: planRef(found), versions, changes, canStart: { amendment: maintained && !open('amendment'), cease: maintained && !open('cease'), reassessment: maintained && !open('reassessment') } };
  }

  /** One change with what its page needs (a view of the child's record, logged). */
  async change(actor: Actor, changeId: string, purpose = 'plan-change'): Promise<ChangeView> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(changeId)) throw new NotFoundError('No such change to a plan');
    const row = await repository.findChange(this.db, actor.authorityId, changeId);
    if (!row) throw new NotFoundError('No such change to a plan');
    const found = await this.readPlan(actor, row.planId, purpose);
    const versions = await planVersionsState(this.db, actor.authorityId, row.planId);
    const responses = await repository.listResponses(this.db, actor.authorityId, changeId);
    let difference: SectionDifference[] = [];
    if (row.kind === 'amendment' && row.baseVersionNumber !== null) {
      if (row.status === 'proposing' || row.status === 'proposed') difference = await proposedDifference(this.db, actor.authorityId, row.planId, row.baseVersionNumber);
      else if (row.status === 'amended' && row.versionNumber !== null) {
        difference = (await this.dependencies.plans.difference(actor, row.planId, row.baseVersionNumber, row.versionNumber, purpose)).sections;
      }
    }
    const calendar = row.kind === 'cease' && row.noticeOn ? await this.dependencies.calendar() : undefined;
    const ceasesOn = calendar ? ceasesOnOf(row, calendar) : null;
    return {
      ...summaryOf(row),
      plan: planRef(found),
      versions,
      reviewMeetingOn: row.reviewMeetingOn,
      lateReason: row.lateReason,
      requestedBy: row.requestedBy as RequestedBy | null,
      baseVersionNumber: row.baseVersionNumber,
      versionNumber: row.versionNumber,
      reasonCode: row.reasonCode as CeaseReason | null,
      reasonName: row.reasonCode && isCeaseReason(row.reasonCode) ? CEASE_REASONS[row.reasonCode] : null,
      reasons: row.reasons,
      certificateOn: row.certificateOn,
      appealLodgedOn: row.appealLodgedOn,
      appealConcludedOn: row.appealConcludedOn,
      appealOutcome: row.appealOutcome as AppealOutcome | null,
      noticeLetterId: row.noticeLetterId,
      endLetterId: row.endLetterId,
      responses: responses.map(responseView),
      difference,
      deadlines: deadlinesOf(row, calendar),
      ceasesOn,
      ceaseDue: (row.status === 'decided' || row.status === 'appealed') && ceasesOn !== null && ceasesOn <= this.today(),
      consulted: consultedOf(responses),
    };
  }

  private async readPlan(actor: Actor, planId: string, purpose: string): Promise<PlanOfChange> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(planId)) throw new NotFoundError('No such plan');
    const found = await repository.findPlan(this.db, actor.authorityId, planId);
    if (!found) throw new NotFoundError('No such plan');
    await requireCaseAccess(this.db, this.clock, actor, found.caseId, purpose);
    await recordAccess(this.db, this.clock, actor, found.childId, purpose);
    return found;
  }

  private async writablePlan(actor: Actor, planId: string): Promise<PlanOfChange> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(planId)) throw new NotFoundError('No such plan');
    const found = await repository.findPlan(this.db, actor.authorityId, planId);
    if (!found) throw new NotFoundError('No such plan');
    await requireCaseAccess(this.db, this.clock, actor, found.caseId, 'plan-change');
    return found;
  }

  private async writableChange(actor: Actor, changeId: string): Promise<{ row: PlanChangeRow; found: PlanOfChange }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(changeId)) throw new NotFoundError('No such change to a plan');
    const row = await repository.findChange(this.db, actor.authorityId, changeId);
    if (!row) throw new NotFoundError('No such change to a plan');
    return { row, found: await this.writablePlan(actor, row.planId) };
  }

  /** The plan must be maintained: a final plan issued, not ceased, its case open. */
  private async requireMaintained(tx: Executor, actor: Actor, found: PlanOfChange, what: string): Promise<PlanVersionsState> {
    const versions = await planVersionsState(tx, actor.authorityId, found.id);
    if (versions.state === 'ceased') throw new ValidationError([{ field: 'plan', message: `The plan has ceased: ${what} cannot be made to a plan the council no longer maintains` }]);
    if (versions.state === 'being-made') throw new ValidationError([{ field: 'plan', message: `The final plan has not been issued yet: ${what} can only be made to a plan the council maintains` }]);
    await requireOpenCase(tx, actor, found.caseId);
    return versions;
  }

  /** The change as it stands in the transaction, held; refused unless in one of `statuses`. */
  private async lockedChange(tx: Executor, actor: Actor, changeId: string, kind: ChangeKind, statuses: readonly string[], refusal: (row: PlanChangeRow) => string): Promise<PlanChangeRow> {
    const row = await repository.lockChange(tx, actor.authorityId, changeId);
    if (!row || row.kind !== kind) throw new NotFoundError('No such change to a plan');
    if (!statuses.includes(row.status)) throw new ValidationError([{ field: 'change', message: refusal(row) }]);
    return row;
  }

  // --- Amendments (SEND Regs 2014 reg. 22) ----------------------------------------------------

  /**
   * Starts an amendment: a working copy of the last issued version, changed on the plan's own
   * pages. Refused on a ceased plan, a plan not yet final, or while another amendment is open.
   */
  async startAmendment(actor: Actor, planId: string, input: StartAmendmentInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    const reviewMeetingOn = optionalPastDate(input.reviewMeetingOn, 'reviewMeetingOn', 'the review meeting', this.today());
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.amendment-start', target: planId, input }, async () => {
      const found = await this.writablePlan(actor, planId);
      return async (tx) => {
        const versions = await this.requireMaintained(tx, actor, found, 'an amendment');
        await this.refuseOpen(tx, actor, planId, 'amendment', 'An amendment to this plan is already open: finish it, or decide not to amend, before starting another');
        const { baseNumber } = await openWorkingCopy(tx, this.clock, actor, planId);
        const changeId = uuidv7();
        const now = this.clock.now();
        await repository.insertChange(tx, {
          id: changeId,
          authorityId: actor.authorityId,
          planId,
          caseId: found.caseId,
          kind: 'amendment',
          status: 'proposing',
          startedOn: this.today(),
          reviewMeetingOn: reviewMeetingOn ?? null,
          baseVersionNumber: baseNumber,
          createdBy: actor.id,
          createdAt: now,
          updatedAt: now,
        });
        await recordAudit(tx, this.clock, actor, { action: 'plan.amendment-started', entityType: 'plan', entityId: planId, details: { changeId, caseId: found.caseId, baseVersionNumber: baseNumber, reviewMeetingOn, lastIssued: versions.lastIssued?.number } });
        return result(changeId, planId, 'proposing');
      };
    });
  }

  private async refuseOpen(tx: Executor, actor: Actor, planId: string, kind: ChangeKind, message: string): Promise<void> {
    const changes = await repository.listChanges(tx, actor.authorityId, planId);
    if (changes.some((change) => change.kind === kind && OPEN.has(change.status))) throw new ConflictError(message);
  }

  /**
   * Sends the amendment notice with the proposed changes against the plan as it stands (reg.
   * 22(2)): the family's at least 15 days begin with the day it is sent, and the amended plan is
   * due within 8 weeks (reg. 22(3)). After a review, the notice goes within 4 weeks of the meeting,
   * or with the reason it did not (R (L, M, P) v Devon CC [2022]).
   */
  async sendAmendmentNotice(actor: Actor, changeId: string, input: NoticeInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    const today = this.today();
    const noticeOn = pastDate(input.noticeOn, 'noticeOn', 'the notice', today);
    const lateReason = text(input.lateReason, 'lateReason', 'the reason', false);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.amendment-notice', target: changeId, input }, async () => {
      const { found } = await this.writableChange(actor, changeId);
      return async (tx) => {
        const row = await this.lockedChange(tx, actor, changeId, 'amendment', ['proposing'], (current) => `The amendment notice was already sent, on ${current.noticeOn}: a second notice is not sent`);
        const versions = await this.requireMaintained(tx, actor, found, 'an amendment');
        if (noticeOn < versions.lastIssued!.issuedOn) throw new ValidationError([{ field: 'noticeOn', message: `The notice cannot be dated before the plan it amends was issued, on ${versions.lastIssued!.issuedOn}` }]);
        if (row.reviewMeetingOn) {
          if (noticeOn < row.reviewMeetingOn) throw new ValidationError([{ field: 'noticeOn', message: `The notice cannot be dated before the review meeting, on ${row.reviewMeetingOn}` }]);
          const devon = amendmentNoticeAfterReviewDeadline(row.reviewMeetingOn as IsoDate);
          if (noticeOn > devon.due && !lateReason) {
            throw new ValidationError([
              { field: 'lateReason', message: `The proposed amendments are due within 4 weeks of the review meeting, by ${devon.due} (R (L, M, P) v Devon CC [2022]): give the reason they are sent later` },
            ]);
          }
        }
        const sections = await proposedDifference(tx, actor.authorityId, row.planId, row.baseVersionNumber!);
        if (sections.length === 0) throw new ValidationError([{ field: 'change', message: 'The working copy is the same as the plan as issued: change the plan before sending the notice' }]);
        const eventId = await this.recordEvent(tx, actor, found, 'amendment.proposed', noticeOn, { planId: row.planId, changeId });
        const letterId = await this.sendNotice(tx, actor, found, 'amendment-proposed', amendmentNoticeFields({ noticeOn, sections, commentsBy: amendmentCommentsDeadline(noticeOn).due, amendedPlanBy: amendedPlanDeadline(noticeOn).due }));
        await repository.updateChange(tx, actor.authorityId, changeId, { status: 'proposed', noticeOn, noticeEventId: eventId, noticeLetterId: letterId, lateReason: lateReason ?? null, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'plan.amendment-notice-sent', entityType: 'plan', entityId: row.planId, details: { changeId, caseId: found.caseId, noticeOn, eventId, letterId, late: lateReason !== undefined } });
        return result(changeId, row.planId, 'proposed', eventId, letterId);
      };
    });
  }

  /** The family's representations on the proposed amendments, or a consultation's answer before ceasing (reg. 31(1)). */
  async recordResponse(actor: Actor, changeId: string, input: ResponseInput, options: WriteOptions = {}): Promise<Written<{ responseId: string; changeId: string }>> {
    const today = this.today();
    const problems: FieldProblem[] = [];
    const party = input.party && (PARTIES as readonly string[]).includes(input.party) ? (input.party as Party) : undefined;
    if (!party) problems.push({ field: 'party', message: 'Select who answered' });
    const answeredOn = collect(problems, () => pastDate(input.answeredOn, 'answeredOn', 'the answer', today, true));
    const askedOn = collect(problems, () => optionalPastDate(input.askedOn, 'askedOn', 'the day they were asked', today));
    const answer = collect(problems, () => text(input.answer, 'answer', 'what they said', true));
    if (askedOn && answeredOn && answeredOn < askedOn) problems.push({ field: 'answeredOn', message: 'The answer cannot be dated before they were asked' });
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.change-response', target: changeId, input }, async () => {
      const { row: current, found } = await this.writableChange(actor, changeId);
      return async (tx) => {
        const row =
          current.kind === 'amendment'
            ? await this.lockedChange(tx, actor, changeId, 'amendment', ['proposed'], (r) => (r.status === 'proposing' ? 'Send the amendment notice before recording what the family said about it' : 'The amendment is decided: what the family said can no longer be added to it'))
            : await this.lockedChange(tx, actor, changeId, 'cease', ['consulting'], () => 'The decision to cease is made: the consultation is closed');
        if (row.kind === 'amendment' && answeredOn! < row.noticeOn!) throw new ValidationError([{ field: 'answeredOn', message: `The family’s comments cannot be dated before the notice was sent, on ${row.noticeOn}` }]);
        const responseId = uuidv7();
        await repository.insertResponse(tx, { id: responseId, authorityId: actor.authorityId, changeId, party: party!, askedOn: askedOn ?? null, answeredOn: answeredOn!, answer: answer!, recordedBy: actor.id, recordedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: row.kind === 'amendment' ? 'plan.amendment-representation' : 'plan.cease-consultation', entityType: 'plan', entityId: row.planId, details: { changeId, responseId, party, caseId: found.caseId } });
        return { responseId, changeId };
      };
    });
  }

  /**
   * Issues the final amended plan (reg. 22(3)): not before the family's 15 days are over (the
   * case's own rule for `plan.amended`), the working copy frozen as a new version with its
   * difference against the last, and its notice with the right of appeal.
   */
  async issueAmendedPlan(actor: Actor, changeId: string, input: IssueAmendedInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    const issuedOn = pastDate(input.issuedOn, 'issuedOn', 'the amended plan', this.today());
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.amended-issue', target: changeId, input }, async () => {
      const { found } = await this.writableChange(actor, changeId);
      const calendar = await this.dependencies.calendar();
      return async (tx) => {
        const row = await this.lockedChange(tx, actor, changeId, 'amendment', ['proposed'], notProposed);
        await this.requireMaintained(tx, actor, found, 'an amendment');
        const sections = await proposedDifference(tx, actor.authorityId, row.planId, row.baseVersionNumber!);
        const eventId = await this.recordEvent(tx, actor, found, 'plan.amended', issuedOn, { planId: row.planId, changeId }, 'issuedOn');
        const letterId = await this.sendNotice(tx, actor, found, 'amended-plan-issued', amendedPlanFields({ issuedOn, sections, appealBy: appealDeadline({ decisionNotice: issuedOn }, calendar).due, mediationBy: mediationAdviceDeadline(issuedOn).due }));
        const issued = await issueAmendedVersion(tx, this.clock, actor, row.planId, { issuedOn, eventId, letterId });
        await repository.updateChange(tx, actor.authorityId, changeId, { status: 'amended', versionNumber: issued.number, decidedOn: issuedOn, decidedBy: actor.id, endedOn: issuedOn, endEventId: eventId, endLetterId: letterId, updatedAt: this.clock.now() });
        // A re-assessment ends in the amended plan it led to (reg. 27).
        for (const open of (await repository.listChanges(tx, actor.authorityId, row.planId)).filter((change) => change.kind === 'reassessment' && change.status === 'agreed')) {
          await repository.updateChange(tx, actor.authorityId, open.id, { status: 'completed', endedOn: issuedOn, endEventId: eventId, versionNumber: issued.number, updatedAt: this.clock.now() });
        }
        await recordAudit(tx, this.clock, actor, { action: 'plan.amended-issued', entityType: 'plan', entityId: row.planId, details: { changeId, caseId: found.caseId, versionNumber: issued.number, previous: issued.previous, eventId, letterId } });
        return result(changeId, row.planId, 'amended', eventId, letterId, issued.number);
      };
    });
  }

  /** The decision not to amend after the family's representations, with its reasons and the right of appeal (reg. 22(4)). */
  async declineAmendment(actor: Actor, changeId: string, input: DecisionInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    const problems: FieldProblem[] = [];
    const decidedOn = collect(problems, () => pastDate(input.decidedOn, 'decidedOn', 'the decision', this.today()));
    const reasons = collect(problems, () => text(input.reasons, 'reasons', 'the reasons', true));
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.amendment-decline', target: changeId, input }, async () => {
      const { found } = await this.writableChange(actor, changeId);
      const calendar = await this.dependencies.calendar();
      return async (tx) => {
        const row = await this.lockedChange(tx, actor, changeId, 'amendment', ['proposed'], notProposed);
        await requireOpenCase(tx, actor, found.caseId);
        const eventId = await this.recordEvent(tx, actor, found, 'amendment.declined', decidedOn!, { planId: row.planId, changeId }, 'decidedOn');
        const letterId = await this.sendNotice(tx, actor, found, 'no-amendment', refusalFields({ decidedOn: decidedOn!, reasons: reasons!, appealBy: appealDeadline({ decisionNotice: decidedOn! }, calendar).due, mediationBy: mediationAdviceDeadline(decidedOn!).due }));
        await discardProposedAmendments(tx, this.clock, actor, row.planId);
        await repository.updateChange(tx, actor.authorityId, changeId, { status: 'not-amended', decidedOn, decidedBy: actor.id, reasons, endedOn: decidedOn, endEventId: eventId, endLetterId: letterId, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: 'plan.amendment-declined', entityType: 'plan', entityId: row.planId, details: { changeId, caseId: found.caseId, eventId, letterId } });
        return result(changeId, row.planId, 'not-amended', eventId, letterId);
      };
    });
  }

  // --- Ceasing (CFA 2014 s.45; SEND Regs 2014 regs 29-31) ------------------------------------

  /** Starts the consultation on ceasing the plan: the parent or young person and the head teacher are asked first (reg. 31(1)). */
  async startCeasing(actor: Actor, planId: string, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.cease-start', target: planId, input: {} }, async () => {
      const found = await this.writablePlan(actor, planId);
      return async (tx) => {
        await this.requireMaintained(tx, actor, found, 'a decision to cease');
        await this.refuseOpen(tx, actor, planId, 'cease', 'Ceasing this plan is already being considered: continue on its page');
        const changeId = uuidv7();
        const now = this.clock.now();
        await repository.insertChange(tx, { id: changeId, authorityId: actor.authorityId, planId, caseId: found.caseId, kind: 'cease', status: 'consulting', startedOn: this.today(), createdBy: actor.id, createdAt: now, updatedAt: now });
        await recordAudit(tx, this.clock, actor, { action: 'plan.cease-considered', entityType: 'plan', entityId: planId, details: { changeId, caseId: found.caseId } });
        return result(changeId, planId, 'consulting');
      };
    });
  }

  /**
   * The decision to cease, by an officer with the authority, after consulting the parent or young
   * person and the head teacher (reg. 31(1)); its SEN2 reason and the notice with the right of
   * appeal (reg. 31(2), (3)). The plan is kept until the time for an appeal has passed (s.45(4)).
   */
  async decideToCease(actor: Actor, changeId: string, input: CeaseDecisionInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!DECISION_ROLES.some((role) => actor.roles.includes(role))) throw new ValidationError([{ field: 'decision', message: NOT_A_DECISION_MAKER }]);
    const problems: FieldProblem[] = [];
    const decidedOn = collect(problems, () => pastDate(input.decidedOn, 'decidedOn', 'the decision', this.today()));
    const reasonCode = isCeaseReason(input.reasonCode) ? input.reasonCode : undefined;
    if (!reasonCode) problems.push({ field: 'reasonCode', message: 'Select why the plan is to cease' });
    const reasons = collect(problems, () => text(input.reasons, 'reasons', 'the reasons', true));
    const institutionEmail = emailOf(input.institutionEmail, 'institutionEmail', 'the school or college named in the plan', problems);
    const commissioningBodyEmail = emailOf(input.commissioningBodyEmail, 'commissioningBodyEmail', 'the health commissioning body', problems);
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.cease-decide', target: changeId, input }, async () => {
      const { found } = await this.writableChange(actor, changeId);
      const calendar = await this.dependencies.calendar();
      return async (tx) => {
        const row = await this.lockedChange(tx, actor, changeId, 'cease', ['consulting'], (current) => `The decision to cease was already made, on ${current.decidedOn}: a second notice is not sent`);
        await this.requireMaintained(tx, actor, found, 'a decision to cease');
        const consulted = consultedOf(await repository.listResponses(tx, actor.authorityId, changeId));
        const missing = [consulted.family ? undefined : 'the parent or young person', consulted.headTeacher ? undefined : 'the head teacher'].filter(Boolean);
        if (missing.length > 0) throw new ValidationError([{ field: 'decision', message: `Consult ${missing.join(' and ')} before deciding to cease the plan, and record their answer (SEND Regulations 2014 reg. 31(1))` }]);
        const eventId = await this.recordEvent(tx, actor, found, 'cease.decided', decidedOn!, { planId: row.planId, changeId, reasonCode }, 'decidedOn');
        const appealBy = appealDeadline({ decisionNotice: decidedOn! }, calendar).due;
        const ceasesOn = planCeasesDeadline({ decisionNotice: decidedOn! }, calendar).due;
        const fields = ceaseDecisionFields({ decidedOn: decidedOn!, reasonCode: reasonCode!, reasons: reasons!, appealBy, mediationBy: mediationAdviceDeadline(decidedOn!).due, ceasesOn });
        const letterId = await this.sendNotice(tx, actor, found, 'cease-decision', fields);
        // The school and health are told of the decision, not its reasons: those are the family's (reg. 31(2)).
        const told = { decisionDate: fields.decisionDate!, ceaseReason: fields.ceaseReason!, ceasesOn: fields.ceasesOn! };
        const copies = await sendLetters(tx, this.clock, actor, [
          { caseId: found.caseId, type: 'cease-decision-notified', recipient: { name: 'The head teacher or principal', channel: 'email', address: institutionEmail! }, fields: told },
          { caseId: found.caseId, type: 'cease-decision-notified', recipient: { name: 'The health commissioning body', channel: 'email', address: commissioningBodyEmail! }, fields: told },
        ]);
        await repository.updateChange(tx, actor.authorityId, changeId, { status: 'decided', decidedOn, decidedBy: actor.id, reasonCode, reasons, noticeOn: decidedOn, noticeEventId: eventId, noticeLetterId: letterId, updatedAt: this.clock.now() });
        await this.ceaseOnTheDay(tx, actor, changeId, ceasesOn);
        await recordAudit(tx, this.clock, actor, { action: 'plan.cease-decided', entityType: 'plan', entityId: row.planId, details: { changeId, caseId: found.caseId, reasonCode, eventId, letterId, toldLetterIds: copies.map((copy) => copy.letterId), ceasesOn } });
        return result(changeId, row.planId, 'decided', eventId, letterId);
      };
    });
  }

  /** A mediation certificate issued: the last day to appeal is then 1 month from it, if later (HESC r.20(1)(c)). */
  async recordMediationCertificate(actor: Actor, changeId: string, input: DatedInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    const on = pastDate(input.on, 'on', 'the certificate', this.today(), true);
    return this.ceasingStep(actor, changeId, 'plan.cease-certificate', input, options, ['decided'], async (tx, row) => {
      if (on < row.noticeOn!) throw new ValidationError([{ field: 'on', message: `The certificate cannot be dated before the decision’s notice, on ${row.noticeOn}` }]);
      await repository.updateChange(tx, actor.authorityId, changeId, { certificateOn: on, updatedAt: this.clock.now() });
      const ceasesOn = ceasesOnOf({ ...row, certificateOn: on }, await this.dependencies.calendar());
      if (ceasesOn) await this.ceaseOnTheDay(tx, actor, changeId, ceasesOn);
      return 'decided';
    });
  }

  /** An appeal to the tribunal brought: the plan is kept until it concludes (s.45(4)(b)). */
  async recordAppeal(actor: Actor, changeId: string, input: DatedInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    const on = pastDate(input.on, 'on', 'the appeal', this.today(), true);
    return this.ceasingStep(actor, changeId, 'plan.cease-appealed', input, options, ['decided'], async (tx, row) => {
      if (on < row.noticeOn!) throw new ValidationError([{ field: 'on', message: `The appeal cannot be dated before the decision’s notice, on ${row.noticeOn}` }]);
      await repository.updateChange(tx, actor.authorityId, changeId, { status: 'appealed', appealLodgedOn: on, updatedAt: this.clock.now() });
      return 'appealed';
    });
  }

  /** How the appeal concluded: the decision upheld (the plan ceases the next day) or the plan kept. */
  async recordAppealOutcome(actor: Actor, changeId: string, input: AppealOutcomeInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    const problems: FieldProblem[] = [];
    const concludedOn = collect(problems, () => pastDate(input.concludedOn, 'concludedOn', 'the appeal’s end', this.today(), true));
    const outcome = (APPEAL_OUTCOMES as readonly string[]).includes(input.outcome ?? '') ? (input.outcome as AppealOutcome) : undefined;
    if (!outcome) problems.push({ field: 'outcome', message: 'Select how the appeal ended' });
    if (problems.length > 0) throw new ValidationError(problems);
    return this.ceasingStep(actor, changeId, 'plan.cease-appeal-outcome', input, options, ['appealed'], async (tx, row) => {
      if (row.appealConcludedOn) throw new ValidationError([{ field: 'change', message: `The appeal’s end was already recorded, on ${row.appealConcludedOn}` }]);
      if (concludedOn! < row.appealLodgedOn!) throw new ValidationError([{ field: 'concludedOn', message: `The appeal cannot end before it was brought, on ${row.appealLodgedOn}` }]);
      const status = outcome === 'plan-kept' ? 'withdrawn' : 'appealed';
      await repository.updateChange(tx, actor.authorityId, changeId, { status, appealConcludedOn: concludedOn, appealOutcome: outcome, endedOn: status === 'withdrawn' ? concludedOn : null, updatedAt: this.clock.now() });
      if (outcome === 'upheld') await this.ceaseOnTheDay(tx, actor, changeId, planCeasesAfterAppeal(concludedOn!));
      return status;
    });
  }

  private async ceasingStep(
    actor: Actor,
    changeId: string,
    operation: string,
    input: unknown,
    options: WriteOptions,
    statuses: readonly string[],
    step: (tx: Executor, row: PlanChangeRow) => Promise<string>,
  ): Promise<Written<ChangeResult>> {
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation, target: changeId, input }, async () => {
      const { found } = await this.writableChange(actor, changeId);
      return async (tx) => {
        const row = await this.lockedChange(tx, actor, changeId, 'cease', statuses, (current) => `This cannot be recorded now: the plan’s ceasing is at “${STATUS_NAMES[current.status]}”`);
        const status = await step(tx, row);
        await recordAudit(tx, this.clock, actor, { action: operation, entityType: 'plan', entityId: row.planId, details: { changeId, caseId: found.caseId, input } });
        return result(changeId, row.planId, status);
      };
    });
  }

  /**
   * Records the plan as ceased once the time for an appeal has passed with none brought, or an
   * appeal upheld the decision (s.45(4)): `plan.ceased` dated the day it ceased, a ceased version,
   * and the case closed.
   */
  async cease(actor: Actor, changeId: string, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.ceased', target: changeId, input: {} }, async () => {
      const { found } = await this.writableChange(actor, changeId);
      const calendar = await this.dependencies.calendar();
      return async (tx) => {
        const row = await this.lockedChange(tx, actor, changeId, 'cease', ['decided', 'appealed'], (current) => (current.status === 'ceased' ? `The plan already ceased, on ${current.endedOn}` : 'Decide to cease the plan first'));
        const ceasesOn = ceasesOnOf(row, calendar);
        if (!ceasesOn) throw new ValidationError([{ field: 'change', message: 'The plan is kept until the appeal concludes (Children and Families Act 2014 s.45(4)): record how it ended first' }]);
        // An appeal entered in the tribunal appeals register keeps the plan too, until it concludes.
        const registered = row.noticeEventId ? await liveAppealAgainst(tx, actor.authorityId, row.noticeEventId) : undefined;
        if (registered) throw new ValidationError([{ field: 'change', message: `The plan is kept until the appeal concludes (Children and Families Act 2014 s.45(4)): appeal ${registered.tribunalReference} against this decision is in the appeals register` }]);
        if (ceasesOn > this.today()) throw new ValidationError([{ field: 'change', message: `The plan is kept until the time for an appeal has passed (Children and Families Act 2014 s.45(4)): it ceases on ${ceasesOn}, unless an appeal is brought` }]);
        await this.requireMaintained(tx, actor, found, 'ceasing');
        const eventId = await this.recordEvent(tx, actor, found, 'plan.ceased', ceasesOn, { planId: row.planId, changeId, reasonCode: row.reasonCode });
        const { number } = await ceaseVersion(tx, this.clock, actor, row.planId, { ceasedOn: ceasesOn, eventId });
        await repository.updateChange(tx, actor.authorityId, changeId, { status: 'ceased', endedOn: ceasesOn, endEventId: eventId, versionNumber: number, updatedAt: this.clock.now() });
        // Nothing else stays open on a plan that has ceased.
        for (const open of (await repository.listChanges(tx, actor.authorityId, row.planId)).filter((change) => change.id !== changeId && OPEN.has(change.status))) {
          await repository.updateChange(tx, actor.authorityId, open.id, { status: open.kind === 'amendment' ? 'not-amended' : open.kind === 'reassessment' ? 'refused' : 'withdrawn', endedOn: ceasesOn, updatedAt: this.clock.now() });
        }
        await recordAudit(tx, this.clock, actor, { action: 'plan.ceased', entityType: 'plan', entityId: row.planId, details: { changeId, caseId: found.caseId, ceasedOn: ceasesOn, versionNumber: number, eventId } });
        return result(changeId, row.planId, 'ceased', eventId, null, number);
      };
    });
  }

  /** Queues the job that records the plan as ceased at the start of the day it ceases (a later date queues another; each checks again). */
  private async ceaseOnTheDay(tx: Executor, actor: Actor, changeId: string, ceasesOn: IsoDate): Promise<void> {
    await enqueueJob(tx, this.clock, { authorityId: actor.authorityId, kind: CEASE_PLAN_JOB, payload: { changeId, ceasesOn }, runAfter: londonMidnight(ceasesOn) });
  }

  /**
   * The job's work: the plan recorded as ceased if it is due, as the page's button would; nothing
   * when it is not (an appeal brought, a certificate that moved the day, already recorded).
   */
  async ceaseWhenDue(job: ClaimedJob): Promise<void> {
    const changeId = typeof job.payload.changeId === 'string' ? job.payload.changeId : '';
    if (!UUID.test(changeId)) return;
    try {
      await this.cease(systemActor(job.authorityId, CEASE_PLAN_JOB), changeId);
    } catch (error) {
      if (error instanceof ValidationError || error instanceof ConflictError || error instanceof NotFoundError) return;
      throw error;
    }
  }

  // --- Re-assessment (SEND Regs 2014 regs 24-27) ----------------------------------------------

  /** A request to re-assess received (or the council's own wish to): the decision is due within 15 days (reg. 25(1)). */
  async requestReassessment(actor: Actor, planId: string, input: ReassessmentRequestInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    const problems: FieldProblem[] = [];
    const requestedOn = collect(problems, () => pastDate(input.requestedOn, 'requestedOn', 'the request', this.today(), true));
    const requestedBy = (REQUESTED_BY as readonly string[]).includes(input.requestedBy ?? '') ? (input.requestedBy as RequestedBy) : undefined;
    if (!requestedBy) problems.push({ field: 'requestedBy', message: 'Select who asked for the re-assessment' });
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.reassessment-request', target: planId, input }, async () => {
      const found = await this.writablePlan(actor, planId);
      return async (tx) => {
        await this.requireMaintained(tx, actor, found, 'a re-assessment');
        await this.refuseOpen(tx, actor, planId, 'reassessment', 'A re-assessment of this plan is already open: continue on its page');
        const changeId = uuidv7();
        const now = this.clock.now();
        await repository.insertChange(tx, { id: changeId, authorityId: actor.authorityId, planId, caseId: found.caseId, kind: 'reassessment', status: 'requested', startedOn: requestedOn!, requestedBy, createdBy: actor.id, createdAt: now, updatedAt: now });
        const eventId = await this.recordEvent(tx, actor, found, 'reassessment.requested', requestedOn!, { planId, changeId, requestedBy }, 'requestedOn');
        await repository.updateChange(tx, actor.authorityId, changeId, { noticeEventId: eventId });
        await recordAudit(tx, this.clock, actor, { action: 'plan.reassessment-requested', entityType: 'plan', entityId: planId, details: { changeId, caseId: found.caseId, requestedOn, requestedBy, eventId } });
        return result(changeId, planId, 'requested', eventId);
      };
    });
  }

  /**
   * The decision whether to re-assess, by an officer with the authority, notified to the family
   * (reg. 25(1)): agreed, the plan due within 14 weeks (reg. 27); refused, with its reasons and the
   * right of appeal (reg. 25(2)).
   */
  async decideReassessment(actor: Actor, changeId: string, input: ReassessmentDecisionInput, options: WriteOptions = {}): Promise<Written<ChangeResult>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!DECISION_ROLES.some((role) => actor.roles.includes(role))) throw new ValidationError([{ field: 'decision', message: NOT_A_DECISION_MAKER }]);
    const problems: FieldProblem[] = [];
    const decidedOn = collect(problems, () => pastDate(input.decidedOn, 'decidedOn', 'the decision', this.today()));
    const outcome = input.outcome === 'agree' || input.outcome === 'refuse' ? input.outcome : undefined;
    if (!outcome) problems.push({ field: 'outcome', message: 'Select whether the council will re-assess' });
    const reasons = collect(problems, () => text(input.reasons, 'reasons', 'the reasons', outcome === 'refuse'));
    if (problems.length > 0) throw new ValidationError(problems);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'plan.reassessment-decide', target: changeId, input }, async () => {
      const { found } = await this.writableChange(actor, changeId);
      const calendar = await this.dependencies.calendar();
      return async (tx) => {
        const row = await this.lockedChange(tx, actor, changeId, 'reassessment', ['requested'], (current) => `The decision on this request was already made, on ${current.decidedOn}: a second notice is not sent`);
        await this.requireMaintained(tx, actor, found, 'a re-assessment');
        if (decidedOn! < row.startedOn) throw new ValidationError([{ field: 'decidedOn', message: `The decision cannot be dated before the request, on ${row.startedOn}` }]);
        const agreed = outcome === 'agree';
        const eventId = await this.recordEvent(tx, actor, found, agreed ? 'reassessment.agreed' : 'reassessment.refused', decidedOn!, { planId: row.planId, changeId }, 'decidedOn');
        const fields = agreed
          ? reassessmentAgreedFields({ decidedOn: decidedOn!, finalPlanBy: reassessmentFinalPlanDeadline(decidedOn!).due })
          : refusalFields({ decidedOn: decidedOn!, reasons: reasons!, appealBy: appealDeadline({ decisionNotice: decidedOn! }, calendar).due, mediationBy: mediationAdviceDeadline(decidedOn!).due });
        const letterId = await this.sendNotice(tx, actor, found, agreed ? 'reassessment-agreed' : 'reassessment-refused', fields);
        const status = agreed ? 'agreed' : 'refused';
        await repository.updateChange(tx, actor.authorityId, changeId, { status, decidedOn, decidedBy: actor.id, reasons: reasons ?? null, noticeOn: decidedOn, noticeLetterId: letterId, endedOn: agreed ? null : decidedOn, endEventId: agreed ? null : eventId, updatedAt: this.clock.now() });
        await recordAudit(tx, this.clock, actor, { action: agreed ? 'plan.reassessment-agreed' : 'plan.reassessment-refused', entityType: 'plan', entityId: row.planId, details: { changeId, caseId: found.caseId, eventId, letterId } });
        return result(changeId, row.planId, status, eventId, letterId);
      };
    });
  }

  // --- Shared ----------------------------------------------------------------------------------

  /** The case event, after the case's own order of the process allows it (the 15 days, say). */
  private async recordEvent(tx: Executor, actor: Actor, found: PlanOfChange, type: CaseEventType, occurredOn: IsoDate, payload: Record<string, unknown>, field = 'change'): Promise<string> {
    const refusal = refusalOfStep(await caseHistory(tx, actor.authorityId, found.caseId), { type, occurredOn });
    if (refusal) throw new ValidationError([{ field, message: refusal.message }]);
    return recordCaseEvent(tx, this.clock, actor, { caseId: found.caseId, type, occurredOn, payload });
  }

  /** The notice to the family, in the change's transaction; none when no one on the record can be written to. */
  private async sendNotice(tx: Executor, actor: Actor, found: PlanOfChange, type: LetterType, fields: Record<string, string>): Promise<string | null> {
    let recipient: LetterRecipient | undefined;
    for (const parent of await repository.listParents(tx, actor.authorityId, found.childId)) {
      const address = (await personRecipient(tx, actor.authorityId, parent.personId, 'letter')) ?? (await personRecipient(tx, actor.authorityId, parent.personId, 'email'));
      if (address) {
        recipient = { name: address.recipientName, channel: address.channel, address: address.recipientAddress, personId: parent.personId, addressWithheld: address.addressWithheld ?? false };
        break;
      }
    }
    if (!recipient) return null;
    try {
      return (await sendLetter(tx, this.clock, actor, { caseId: found.caseId, type, recipient, fields })).letterId;
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(error.problems.map((problem) => ({ field: 'change', message: problem.message })));
      throw error;
    }
  }
}

const OPEN = new Set(['proposing', 'proposed', 'consulting', 'decided', 'appealed', 'requested', 'agreed']);

function notProposed(row: PlanChangeRow): string {
  if (row.status === 'proposing') return 'Send the amendment notice first: the family must have at least 15 days to comment on the proposed amendments (SEND Regulations 2014 reg. 22(2))';
  return `This amendment is already decided (${STATUS_NAMES[row.status]}, ${row.endedOn})`;
}

function result(changeId: string, planId: string, status: string, eventId: string | null = null, letterId: string | null = null, versionNumber: number | null = null): ChangeResult {
  return { changeId, planId, status, eventId, letterId, versionNumber };
}

function planRef(found: PlanOfChange): PlanRef {
  return { id: found.id, caseId: found.caseId, childId: found.childId, childName: fullName(found), reference: found.reference };
}

function summaryOf(row: PlanChangeRow): ChangeSummary {
  return { id: row.id, planId: row.planId, kind: row.kind as ChangeKind, status: row.status, statusName: STATUS_NAMES[row.status] ?? row.status, startedOn: row.startedOn, noticeOn: row.noticeOn, decidedOn: row.decidedOn, endedOn: row.endedOn };
}

function responseView(row: PlanChangeResponseRow): ResponseView {
  return { id: row.id, party: row.party as Party, askedOn: row.askedOn, answeredOn: row.answeredOn, answer: row.answer };
}

function consultedOf(responses: readonly PlanChangeResponseRow[]): { family: boolean; headTeacher: boolean } {
  return { family: responses.some((response) => response.party === 'parent' || response.party === 'young-person'), headTeacher: responses.some((response) => response.party === 'head-teacher') };
}

/** The day the plan ceases: the day after the time to appeal (moved by a certificate), or after an appeal that upheld the decision. */
function ceasesOnOf(row: PlanChangeRow, calendar: BankHolidayCalendar): IsoDate | null {
  if (!row.noticeOn) return null;
  if (row.appealLodgedOn) return row.appealOutcome === 'upheld' && row.appealConcludedOn ? planCeasesAfterAppeal(row.appealConcludedOn as IsoDate) : null;
  return planCeasesDeadline({ decisionNotice: row.noticeOn as IsoDate, certificateIssued: (row.certificateOn as IsoDate | null) ?? undefined }, calendar).due;
}

function deadlinesOf(row: PlanChangeRow, calendar: BankHolidayCalendar | undefined): Deadline[] {
  const deadlines: Deadline[] = [];
  if (row.kind === 'amendment') {
    if (row.reviewMeetingOn && !row.noticeOn) deadlines.push(amendmentNoticeAfterReviewDeadline(row.reviewMeetingOn as IsoDate));
    if (row.noticeOn) deadlines.push(amendmentCommentsDeadline(row.noticeOn as IsoDate), amendedPlanDeadline(row.noticeOn as IsoDate));
  }
  if (row.kind === 'reassessment') {
    deadlines.push(reassessmentDecisionDeadline(row.startedOn as IsoDate));
    if (row.status === 'agreed' || row.status === 'completed') deadlines.push(reassessmentFinalPlanDeadline(row.decidedOn as IsoDate));
  }
  if (row.kind === 'cease' && row.noticeOn && calendar) {
    deadlines.push(appealDeadline({ decisionNotice: row.noticeOn as IsoDate, certificateIssued: (row.certificateOn as IsoDate | null) ?? undefined }, calendar));
    if (!row.appealLodgedOn) deadlines.push(planCeasesDeadline({ decisionNotice: row.noticeOn as IsoDate, certificateIssued: (row.certificateOn as IsoDate | null) ?? undefined }, calendar));
  }
  return deadlines;
}

// --- Input ---------------------------------------------------------------------------------------

function optionalPastDate(value: string | undefined, field: string, what: string, today: IsoDate): IsoDate | undefined {
  return value === undefined || value === '' ? undefined : pastDate(value, field, what, today, true);
}

function text(value: string | undefined, field: string, what: string, required: boolean): string | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed) {
    if (required) throw new ValidationError([{ field, message: `Enter ${what}` }]);
    return undefined;
  }
  if (trimmed.length > TEXT_LIMIT) throw new ValidationError([{ field, message: `${what[0]!.toUpperCase()}${what.slice(1)} must be ${TEXT_LIMIT} characters or fewer` }]);
  return trimmed;
}

/** A required e-mail address a notice goes to, its problem collected with the others. */
function emailOf(value: string | undefined, field: string, whose: string, problems: FieldProblem[]): string | undefined {
  const trimmed = (value ?? '').trim();
  if (!trimmed) problems.push({ field, message: `Enter the e-mail address of ${whose}, to tell them of the decision (SEND Regulations 2014 reg. 31(2))` });
  else if (!isEmailAddress(trimmed)) problems.push({ field, message: EMAIL_FORMAT_MESSAGE });
  else return trimmed;
  return undefined;
}


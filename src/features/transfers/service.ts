import type { Database, Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { addMonths, addWeeks, parseIsoDate, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import { transferInDeadlines } from '../../domain/clocks/index.ts';
import { refusalOfStep, type CaseEventType } from '../../domain/events/index.ts';
import { planContentSchema, SEN_NEED_TYPES, type PlanContent, type SenNeedType } from '../../domain/plans/index.ts';
import { REQUEST_SOURCES } from '../../domain/sen2/index.ts';
import { transferOutDeadline } from '../../domain/transfers/index.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { longDate } from '../../web/long-date.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, hasRole, requireRole, type Actor } from '../auth/index.ts';
import { caseHistory, findOpenCaseOfChild, openCase, recordCaseEvent, requireOpenCase, type CaseHistoryEvent } from '../cases/index.ts';
import { caseReached, itemOfCaseReached, requireChildAccess } from '../children/index.ts';
import { sendLetter } from '../letters/index.ts';
import { receivedPlanProblems, recordReceivedPlan } from '../plans/index.ts';
import { englishAuthorityName, findAuthorityCode } from '../reference/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import * as repository from './repository.ts';
import type { TransferCase, TransferRow } from './repository.ts';
import { EMAIL_FORMAT_MESSAGE, isEmailAddress } from '../../lib/email-address.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
/** A move recorded this far ahead is a mistake in the year more often than a plan. */
const MOVE_MONTHS_AHEAD = 12;

/** What an officer (or a client of the API) gives for a move out to another council. */
export interface TransferOutInput {
  newCouncil: string;
  moveDate: string;
  learntOn: string;
}

/** The plan sent to the new council: when, and to whom there. */
export interface PlanSentInput {
  sentOn: string;
  recipientName: string;
  recipientEmail: string;
}

/** A plan received from another council with a child who moved here. */
export interface TransferInInput extends ReceivedPlanPapers {
  oldCouncil: string;
  moveDate: string;
  planReceivedOn: string;
  lastReviewOn: string;
}

/**
 * What the officer may take from the plan's papers for the SEN2 return, each optional: the other
 * council's LA code (TransferLA), the day that council received the original request and who made
 * it (RequestSource 1 to 5), the plan's primary need and a secondary one (section B), and its
 * placement (section I): a school by its URN on the schools register, or a type of setting.
 */
export interface ReceivedPlanPapers {
  oldLaCode?: string | undefined;
  requestReceivedOn?: string | undefined;
  requestSource?: string | undefined;
  primaryNeed?: string | undefined;
  secondaryNeed?: string | undefined;
  placementUrn?: string | undefined;
  placementSettingType?: string | undefined;
}

/** The papers' fields in the order the form sets them out (its error summary follows it). */
const PAPERS_FIELDS = ['oldLaCode', 'requestReceivedOn', 'requestSource', 'primaryNeed', 'secondaryNeed', 'placementUrn', 'placementSettingType'] as const;

export interface FamilyToldInput {
  toldOn: string;
}

export interface WriteOptions {
  idempotencyKey?: string | undefined;
}

/** A move between councils, as pages and the API show it. */
export interface TransferView {
  id: string;
  caseId: string;
  childId: string;
  direction: 'out' | 'in';
  otherCouncil: string;
  moveDate: string;
  /** Out: the day the council learnt of the move, the day the plan is due (reg. 15) and why, and the day it was sent. */
  learntOn: string | null;
  planDueOn: string | null;
  planDueBasis: string | null;
  planSentOn: string | null;
  letterId: string | null;
  /** In: the plan received, its last review, the 6 weeks to tell the family and the review due (reg. 15). */
  planReceivedOn: string | null;
  /** In, from the plan's papers for the SEN2 return: the other council's LA code, the original request's day and who made it. */
  otherLaCode: string | null;
  requestReceivedOn: string | null;
  requestSource: number | null;
  requestSourceName: string | null;
  lastReviewOn: string | null;
  familyDueOn: string | null;
  familyToldOn: string | null;
  reviewDueOn: string | null;
  reviewDueBasis: string | null;
  recordedAt: string;
  version: number;
}

export interface TransferCaseView {
  caseId: string;
  reference: string;
  open: boolean;
  childId: string;
  childName: string;
  /** The case has a plan this council maintains, and no move out is recorded: a move out may be recorded. */
  mayTransferOut: boolean;
  today: string;
}

function checkedName(value: string | undefined, field: string, what: string, problems: FieldProblem[]): string {
  const text = (value ?? '').replace(/\s+/g, ' ').trim();
  if (!text) problems.push({ field, message: `Enter the name of the ${what}` });
  else if (text.length > 200) problems.push({ field, message: `The name of the ${what} must be 200 characters or fewer` });
  else if (CONTROL.test(text)) problems.push({ field, message: `The name of the ${what} contains a character that is not allowed` });
  return text;
}

function checkedDate(value: string | undefined, field: string, what: string, problems: FieldProblem[], today: IsoDate, options: { past?: boolean } = {}): IsoDate | undefined {
  const date = parseIsoDate(value);
  if (!date) {
    problems.push({ field, message: `Enter ${what} as a real date` });
    return undefined;
  }
  if (options.past && date > today) {
    problems.push({ field, message: `${what[0]!.toUpperCase()}${what.slice(1)} must be today or in the past` });
    return undefined;
  }
  return date;
}

/** The papers' parts checked, each only when given; the plan's content when a need or a placement is. */
function checkedPapers(
  input: ReceivedPlanPapers,
  context: { today: IsoDate; planDate: IsoDate | undefined; oldCouncil: string; ownLaCode: string | undefined },
  problems: FieldProblem[],
): { laCode: string | null; requestReceivedOn: IsoDate | null; requestSource: number | null; content: PlanContent | null } {
  const text = (value: string | undefined) => (value ?? '').replace(/\s+/g, ' ').trim();
  const laCodeGiven = text(input.oldLaCode);
  let laCode: string | null = null;
  if (laCodeGiven) {
    if (!/^\d{3}$/.test(laCodeGiven)) problems.push({ field: 'oldLaCode', message: 'Enter the other council’s LA code as 3 digits, for example 886' });
    else if (laCodeGiven === context.ownLaCode) problems.push({ field: 'oldLaCode', message: `${laCodeGiven} is this council’s own LA code: enter the code of the council the child moved from` });
    else if (!englishAuthorityName(laCodeGiven)) problems.push({ field: 'oldLaCode', message: `There is no English local authority with the LA code ${laCodeGiven}: check it against the plan’s papers` });
    else laCode = laCodeGiven;
  }

  let requestReceivedOn: IsoDate | null = null;
  if (text(input.requestReceivedOn)) {
    const date = checkedDate(input.requestReceivedOn, 'requestReceivedOn', 'the date the other council received the request', problems, context.today, { past: true });
    if (date && context.planDate && date > context.planDate) {
      problems.push({ field: 'requestReceivedOn', message: `The request must have been received on or before the plan’s date, ${longDate(context.planDate)}: the plan was made after it` });
    } else if (date) requestReceivedOn = date;
  }

  let requestSource: number | null = null;
  const source = text(input.requestSource);
  if (source) {
    if (!/^[1-5]$/.test(source)) problems.push({ field: 'requestSource', message: 'Select who made the request' });
    else requestSource = Number(source);
  }

  const need = (value: string | undefined, field: string, what: string): SenNeedType | null => {
    const code = text(value).toUpperCase();
    if (!code) return null;
    if (!Object.hasOwn(SEN_NEED_TYPES, code)) {
      problems.push({ field, message: `Select the ${what} from the list: “${text(value)}” is not a type of need` });
      return null;
    }
    return code as SenNeedType;
  };
  const primary = need(input.primaryNeed, 'primaryNeed', 'primary need');
  const secondary = need(input.secondaryNeed, 'secondaryNeed', 'secondary need');
  if (secondary && !primary && !problems.some((problem) => problem.field === 'primaryNeed')) problems.push({ field: 'primaryNeed', message: 'Select the primary need: a secondary need is given with it' });
  if (secondary && primary && secondary === primary) problems.push({ field: 'secondaryNeed', message: 'The secondary need must be another type than the primary need' });

  const urn = text(input.placementUrn);
  const settingType = text(input.placementSettingType);
  let placement: PlanContent['i'] = null;
  if (urn && settingType) problems.push({ field: 'placementUrn', message: 'Give the school’s URN or a type of setting, not both' });
  else if (urn) {
    if (!/^\d{6}$/.test(urn)) problems.push({ field: 'placementUrn', message: 'Enter the school’s URN as 6 digits' });
    else placement = { kind: 'school', urn: Number(urn) };
  } else if (settingType) {
    if (settingType.length > 500) problems.push({ field: 'placementSettingType', message: 'The type of setting must be 500 characters or fewer' });
    else if (CONTROL.test(settingType)) problems.push({ field: 'placementSettingType', message: 'The type of setting contains a character that is not allowed' });
    else placement = { kind: 'setting-type', settingType };
  }

  const from = context.oldCouncil || 'the other council';
  const needs: PlanContent['b'] = [];
  if (primary) needs.push({ id: 'b-primary', type: primary, primary: true, description: `${SEN_NEED_TYPES[primary]}: the primary need in the plan received from ${from}` });
  if (secondary && primary && secondary !== primary) needs.push({ id: 'b-secondary', type: secondary, primary: false, description: `${SEN_NEED_TYPES[secondary]}: a secondary need in the plan received from ${from}` });
  const content = needs.length > 0 || placement ? planContentSchema.parse({ b: needs, i: placement }) : null;
  return { laCode, requestReceivedOn, requestSource, content };
}

function sortBy(problems: FieldProblem[], order: readonly string[]): FieldProblem[] {
  return [...problems].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

/** The order of the process, as the catalogue declares it: refused with why, nothing written. */
function refuseOutOfOrder(history: readonly CaseHistoryEvent[], type: CaseEventType, occurredOn: IsoDate): void {
  const refusal = refusalOfStep(history, { type, occurredOn });
  if (refusal) throw new ConflictError(refusal.message);
}

const mayTransferOut = (history: readonly CaseHistoryEvent[], today: IsoDate) => refusalOfStep(history, { type: 'transfer-out.recorded', occurredOn: today }) === undefined;

/**
 * Moves between councils with an EHC plan (SEND Regs 2014 reg. 15): a move out recorded with the
 * day the plan is due at the new council, the plan sent (the case then closes as transferred); a
 * plan received with a child who moved here (which opens a case), and the family told.
 */
export class TransfersService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly calendar: () => Promise<BankHolidayCalendar>;

  constructor(db: Database, clock: Clock, parts: { calendar: () => Promise<BankHolidayCalendar> }) {
    this.db = db;
    this.clock = clock;
    this.calendar = parts.calendar;
  }

  private today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  private async accessCase(actor: Actor, caseId: string, purpose: string): Promise<TransferCase> {
    return caseReached(this.db, this.clock, actor, caseId, purpose, () => repository.findTransferCase(this.db, actor.authorityId, caseId));
  }

  private async accessTransfer(actor: Actor, transferId: string, purpose: string): Promise<{ row: TransferRow; found: TransferCase }> {
    return itemOfCaseReached(transferId, 'No such move between councils', () => repository.findTransfer(this.db, actor.authorityId, transferId), (caseId) => this.accessCase(actor, caseId, purpose));
  }

  private caseView(found: TransferCase, history: readonly CaseHistoryEvent[]): TransferCaseView {
    const open = !found.closedOn;
    return { caseId: found.caseId, reference: found.reference, open, childId: found.childId, childName: fullName(found), mayTransferOut: open && mayTransferOut(history, this.today()), today: this.today() };
  }

  private present(row: TransferRow, calendar: BankHolidayCalendar): TransferView {
    const moveDate = row.moveDate as IsoDate;
    const out = row.direction === 'out';
    const arrival = !out && row.lastReviewOn ? transferInDeadlines({ moveDate, lastReview: row.lastReviewOn as IsoDate }, calendar) : [];
    const review = arrival.find((deadline) => deadline.id === 'transfer-review');
    return {
      id: row.id,
      caseId: row.caseId,
      childId: row.childId,
      direction: out ? 'out' : 'in',
      otherCouncil: row.otherCouncil,
      moveDate: row.moveDate,
      learntOn: row.learntOn,
      planDueOn: row.planDueOn,
      planDueBasis: out && row.learntOn ? transferOutDeadline({ moveDate, learntOn: row.learntOn as IsoDate }, calendar).basis : null,
      planSentOn: row.planSentOn,
      letterId: row.letterId,
      planReceivedOn: row.planReceivedOn,
      otherLaCode: row.otherLaCode,
      requestReceivedOn: row.requestReceivedOn,
      requestSource: row.requestSource,
      requestSourceName: row.requestSource ? (REQUEST_SOURCES[row.requestSource as keyof typeof REQUEST_SOURCES] ?? null) : null,
      lastReviewOn: row.lastReviewOn,
      familyDueOn: out ? null : addWeeks(moveDate, 6),
      familyToldOn: row.familyToldOn,
      reviewDueOn: review?.due ?? null,
      reviewDueBasis: review?.basis ?? null,
      recordedAt: row.recordedAt.toISOString(),
      version: row.version,
    };
  }

  /** The case's moves between councils (a view of the child's record, logged). */
  async caseTransfers(actor: Actor, caseId: string, view = 'transfers'): Promise<{ case: TransferCaseView; transfers: TransferView[] }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, view);
    const [rows, history, calendar] = await Promise.all([repository.listCaseTransfers(this.db, actor.authorityId, caseId), caseHistory(this.db, actor.authorityId, caseId), this.calendar()]);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return { case: this.caseView(found, history), transfers: rows.map((row) => this.present(row, calendar)) };
  }

  /** The case a form is about (a view of the child's record, logged). */
  async transferCase(actor: Actor, caseId: string, view = 'transfers-form'): Promise<TransferCaseView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, view);
    const history = await caseHistory(this.db, actor.authorityId, caseId);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return this.caseView(found, history);
  }

  /** One move with its case (a view of the child's record, logged). */
  async transfer(actor: Actor, transferId: string, view = 'transfers-form'): Promise<{ case: TransferCaseView; transfer: TransferView }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessTransfer(actor, transferId, view);
    const [history, calendar] = await Promise.all([caseHistory(this.db, actor.authorityId, row.caseId), this.calendar()]);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return { case: this.caseView(found, history), transfer: this.present(row, calendar) };
  }

  /** The child a plan received on a move is for (a view of the child's record, logged). */
  async transferInChild(actor: Actor, childId: string, view = 'transfers-form'): Promise<{ childId: string; childName: string; today: string }> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(childId)) throw new NotFoundError('No such child');
    await requireChildAccess(this.db, this.clock, actor, childId, view);
    const found = await repository.findChild(this.db, actor.authorityId, childId);
    if (!found) throw new NotFoundError('No such child');
    await recordAccess(this.db, this.clock, actor, childId, view);
    return { childId, childName: fullName(found), today: this.today() };
  }

  /**
   * Records that the child is moving (or has moved) to another council, with the day the plan is
   * due there (reg. 15: the day of the move, or 15 working days beginning with the day the council
   * learnt of it when that was less than 15 working days before), worked out with the bank
   * holidays and carried by the case's event. Only a case with a plan the council maintains.
   */
  async recordTransferOut(actor: Actor, caseId: string, input: TransferOutInput, options: WriteOptions = {}): Promise<Written<TransferView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'transfer.out', target: caseId, input }, async () => {
      const found = await this.accessCase(actor, caseId, 'transfer-out');
      const today = this.today();
      const problems: FieldProblem[] = [];
      const newCouncil = checkedName(input.newCouncil, 'newCouncil', 'council the child is moving to', problems);
      const moveDate = checkedDate(input.moveDate, 'moveDate', 'the date of the move', problems, today);
      if (moveDate && moveDate > addMonths(today, MOVE_MONTHS_AHEAD)) problems.push({ field: 'moveDate', message: `The date of the move must be within the next ${MOVE_MONTHS_AHEAD} months: check the year` });
      const learntOn = checkedDate(input.learntOn, 'learntOn', 'the date the council learnt of the move', problems, today, { past: true });
      if (problems.length > 0) throw new ValidationError(sortBy(problems, ['newCouncil', 'moveDate', 'learntOn']));
      if (found.closedOn) throw new ConflictError('This case is closed: only a plan the council still maintains moves with the child');
      refuseOutOfOrder(await caseHistory(this.db, actor.authorityId, caseId), 'transfer-out.recorded', learntOn!);
      const deadline = transferOutDeadline({ moveDate: moveDate!, learntOn: learntOn! }, await this.calendar());
      return async (tx) => {
        await requireOpenCase(tx, actor, caseId);
        refuseOutOfOrder(await caseHistory(tx, actor.authorityId, caseId), 'transfer-out.recorded', learntOn!);
        const row: TransferRow = {
          id: uuidv7(),
          authorityId: actor.authorityId,
          caseId,
          childId: found.childId,
          direction: 'out',
          otherCouncil: newCouncil,
          moveDate: moveDate!,
          learntOn: learntOn!,
          planDueOn: deadline.due,
          planSentOn: null,
          letterId: null,
          planReceivedOn: null,
          lastReviewOn: null,
          otherLaCode: null,
          requestReceivedOn: null,
          requestSource: null,
          familyToldOn: null,
          recordedBy: recordedBy(actor),
          recordedAt: this.clock.now(),
          version: 1,
        };
        await repository.insertTransfer(tx, row).catch((error: unknown) => {
          if (isUniqueViolation(error, 'council_transfer_one_out_per_case')) throw new ConflictError('The move to another council is already recorded on this case: nothing was saved');
          throw error;
        });
        await recordCaseEvent(tx, this.clock, actor, {
          caseId,
          type: 'transfer-out.recorded',
          occurredOn: learntOn!,
          payload: { transferId: row.id, moveDate, deadlines: { 'transfer-plan': { due: deadline.due, basis: deadline.basis } } },
        });
        await recordAudit(tx, this.clock, actor, {
          action: 'transfer.out.recorded',
          entityType: 'council_transfer',
          entityId: row.id,
          details: { caseId, childId: found.childId, moveDate, learntOn, planDueOn: deadline.due },
        });
        return this.present(row, await this.calendar());
      };
    });
  }

  /**
   * Records the plan sent to the new council (reg. 15): sent today, the letter goes by e-mail to
   * the person there named; an earlier day records one sent another way. The case then closes as
   * transferred, in the same transaction.
   */
  async recordPlanSent(actor: Actor, transferId: string, input: PlanSentInput, options: WriteOptions = {}): Promise<Written<TransferView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'transfer.plan-sent', target: transferId, input }, async () => {
      const { row, found } = await this.accessTransfer(actor, transferId, 'transfer-plan-sent');
      if (row.direction !== 'out') throw new ConflictError('This is a plan received from another council: it is not sent on');
      if (row.planSentOn) throw new ConflictError(`The plan was already sent to ${row.otherCouncil} on ${longDate(row.planSentOn)}: nothing was changed`);
      const today = this.today();
      const problems: FieldProblem[] = [];
      const sentOn = checkedDate(input.sentOn, 'sentOn', 'the date the plan was sent', problems, today, { past: true });
      if (sentOn && row.learntOn && sentOn < row.learntOn) problems.push({ field: 'sentOn', message: `The plan cannot have been sent before the council learnt of the move, on ${longDate(row.learntOn)}` });
      const recipientName = checkedName(input.recipientName, 'recipientName', 'person at the new council it is sent to', problems);
      const recipientEmail = (input.recipientEmail ?? '').trim();
      if (!recipientEmail) problems.push({ field: 'recipientEmail', message: 'Enter the e-mail address at the new council the plan is sent to' });
      else if (!isEmailAddress(recipientEmail)) problems.push({ field: 'recipientEmail', message: EMAIL_FORMAT_MESSAGE });
      if (problems.length > 0) throw new ValidationError(sortBy(problems, ['sentOn', 'recipientName', 'recipientEmail']));
      refuseOutOfOrder(await caseHistory(this.db, actor.authorityId, row.caseId), 'transfer-out.plan-sent', sentOn!);
      return async (tx) => {
        const locked = await repository.lockTransfer(tx, actor.authorityId, transferId);
        if (!locked || locked.planSentOn) throw new ConflictError('The plan was sent meanwhile: nothing was changed');
        await requireOpenCase(tx, actor, row.caseId);
        const letter =
          sentOn === today
            ? await sendLetter(tx, this.clock, actor, {
                caseId: row.caseId,
                type: 'plan-transferred',
                recipient: { name: recipientName, channel: 'email', address: recipientEmail },
                fields: { newCouncil: row.otherCouncil, moveDate: longDate(row.moveDate), planDueOn: longDate(row.planDueOn!) },
              })
            : undefined;
        await repository.markPlanSent(tx, actor.authorityId, transferId, sentOn!, letter?.letterId ?? null);
        await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'transfer-out.plan-sent', occurredOn: sentOn!, payload: { transferId, letterId: letter?.letterId ?? null } });
        await recordAudit(tx, this.clock, actor, {
          action: 'transfer.out.plan-sent',
          entityType: 'council_transfer',
          entityId: transferId,
          details: { caseId: row.caseId, childId: found.childId, sentOn, planDueOn: row.planDueOn, late: sentOn! > row.planDueOn!, letterId: letter?.letterId ?? null },
        });
        return this.present({ ...locked, planSentOn: sentOn!, letterId: letter?.letterId ?? null, version: locked.version + 1 }, await this.calendar());
      };
    });
  }

  /**
   * Records a plan received from another council with a child who has moved here (reg. 15): the
   * plan becomes this council's, on a case of its own opened on the day of the move, with the 6
   * weeks to tell the family and the review due on the later of 12 months beginning with its last
   * review and 3 months beginning with the move.
   */
  async recordTransferIn(actor: Actor, childId: string, input: TransferInInput, options: WriteOptions = {}): Promise<Written<TransferView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(childId)) throw new NotFoundError('No such child');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'transfer.in', target: childId, input }, async () => {
      await requireChildAccess(this.db, this.clock, actor, childId, 'transfer-in');
      const today = this.today();
      const problems: FieldProblem[] = [];
      const oldCouncil = checkedName(input.oldCouncil, 'oldCouncil', 'council the child has moved from', problems);
      const moveDate = checkedDate(input.moveDate, 'moveDate', 'the date of the move', problems, today, { past: true });
      const planReceivedOn = checkedDate(input.planReceivedOn, 'planReceivedOn', 'the date the plan was received', problems, today, { past: true });
      const lastReviewOn = checkedDate(input.lastReviewOn, 'lastReviewOn', 'the date the plan was made or last reviewed', problems, today, { past: true });
      if (moveDate && lastReviewOn && lastReviewOn > moveDate) problems.push({ field: 'lastReviewOn', message: 'The plan’s last review must be before the move: the other council reviewed it, not this one' });
      const papers = checkedPapers(input, { today, planDate: lastReviewOn, oldCouncil, ownLaCode: await findAuthorityCode(this.db, actor.authorityId) }, problems);
      if (papers.content) {
        for (const problem of await receivedPlanProblems(this.db, papers.content)) problems.push({ field: problem.field === 'i.urn' ? 'placementUrn' : 'primaryNeed', message: problem.message });
      }
      if (problems.length > 0) throw new ValidationError(sortBy(problems, ['oldCouncil', 'moveDate', 'planReceivedOn', 'lastReviewOn', ...PAPERS_FIELDS]));
      const calendar = await this.calendar();
      const review = transferInDeadlines({ moveDate: moveDate!, lastReview: lastReviewOn! }, calendar).find((deadline) => deadline.id === 'transfer-review')!;
      const refuseIfOpen = async (executor: Executor) => {
        const open = await findOpenCaseOfChild(executor, actor.authorityId, childId);
        if (open) throw new ConflictError(`The child already has an open case, ${open.reference}: a plan received on a move opens a case of its own, so close or correct that one first`);
      };
      await refuseIfOpen(this.db);
      return async (tx) => {
        await refuseIfOpen(tx);
        const laCode = (await findAuthorityCode(tx, actor.authorityId)) ?? '000';
        const officerHolds = hasRole(actor, 'case_officer') && actor.kind !== 'system';
        const { caseId } = await openCase(tx, this.clock, actor, { childId, openedOn: moveDate!, laCode, officerId: officerHolds ? actor.id : null });
        const row: TransferRow = {
          id: uuidv7(),
          authorityId: actor.authorityId,
          caseId,
          childId,
          direction: 'in',
          otherCouncil: oldCouncil,
          moveDate: moveDate!,
          learntOn: null,
          planDueOn: null,
          planSentOn: null,
          letterId: null,
          planReceivedOn: planReceivedOn!,
          lastReviewOn: lastReviewOn!,
          otherLaCode: papers.laCode,
          requestReceivedOn: papers.requestReceivedOn,
          requestSource: papers.requestSource,
          familyToldOn: null,
          recordedBy: recordedBy(actor),
          recordedAt: this.clock.now(),
          version: 1,
        };
        await repository.insertTransfer(tx, row);
        const planId = papers.content ? uuidv7() : null;
        // The SEN2 return reads the papers' LA code and original request from this event (its ReceivedDate, RequestSource and TransferLA).
        const eventId = await recordCaseEvent(tx, this.clock, actor, {
          caseId,
          type: 'transfer-in.recorded',
          occurredOn: moveDate!,
          payload: {
            transferId: row.id,
            planReceivedOn,
            lastReviewOn,
            laCode: papers.laCode,
            requestReceivedOn: papers.requestReceivedOn,
            requestSource: papers.requestSource,
            planId,
            deadlines: { 'review-due': { due: review.due, basis: review.basis } },
          },
        });
        // The plan's needs and placement: the case's plan, the final plan as the other council issued it on its date.
        const plan = planId && papers.content ? await recordReceivedPlan(tx, this.clock, actor, { planId, caseId, childId, content: papers.content, issuedOn: lastReviewOn!, eventId }) : null;
        await recordAudit(tx, this.clock, actor, {
          action: 'transfer.in.recorded',
          entityType: 'council_transfer',
          entityId: row.id,
          details: {
            caseId,
            childId,
            moveDate,
            planReceivedOn,
            lastReviewOn,
            reviewDueOn: review.due,
            laCode: papers.laCode,
            requestReceivedOn: papers.requestReceivedOn,
            requestSource: papers.requestSource,
            planId: plan?.planId ?? null,
            planVersionId: plan?.versionId ?? null,
          },
        });
        return this.present(row, calendar);
      };
    });
  }

  /** Records the day the family was told whether the council will assess or review, and how it meets the plan meanwhile (reg. 15: within 6 weeks). */
  async recordFamilyTold(actor: Actor, transferId: string, input: FamilyToldInput, options: WriteOptions = {}): Promise<Written<TransferView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'transfer.family-told', target: transferId, input }, async () => {
      const { row, found } = await this.accessTransfer(actor, transferId, 'transfer-family-told');
      if (row.direction !== 'in') throw new ConflictError('This is a move out: the new council tells the family');
      if (row.familyToldOn) throw new ConflictError(`The family was already told on ${longDate(row.familyToldOn)}: nothing was changed`);
      const problems: FieldProblem[] = [];
      const toldOn = checkedDate(input.toldOn, 'toldOn', 'the date the family was told', problems, this.today(), { past: true });
      if (toldOn && toldOn < row.moveDate) problems.push({ field: 'toldOn', message: `The family cannot have been told before the move, on ${longDate(row.moveDate)}` });
      if (problems.length > 0) throw new ValidationError(problems);
      return async (tx) => {
        const locked = await repository.lockTransfer(tx, actor.authorityId, transferId);
        if (!locked || locked.familyToldOn) throw new ConflictError('The family’s letter was recorded meanwhile: nothing was changed');
        await requireOpenCase(tx, actor, row.caseId);
        refuseOutOfOrder(await caseHistory(tx, actor.authorityId, row.caseId), 'transfer-in.family-told', toldOn!);
        await repository.markFamilyTold(tx, actor.authorityId, transferId, toldOn!);
        await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'transfer-in.family-told', occurredOn: toldOn!, payload: { transferId } });
        await recordAudit(tx, this.clock, actor, { action: 'transfer.in.family-told', entityType: 'council_transfer', entityId: transferId, details: { caseId: row.caseId, childId: found.childId, toldOn } });
        return this.present({ ...locked, familyToldOn: toldOn!, version: locked.version + 1 }, await this.calendar());
      };
    });
  }
}

function recordedBy(actor: Actor): string {
  return actor.tokenId ? `${actor.id}/token:${actor.tokenId}` : actor.id;
}

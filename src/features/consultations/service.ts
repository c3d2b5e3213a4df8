import type { Database, Executor } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { parseIsoDate, type IsoDate } from '../../domain/calendar/index.ts';
import { PORTAL_MESSAGE_JOB } from '../../domain/portal/messages.ts';
import { fullName } from '../../domain/children/names.ts';
import {
  CONSULTATION_BASIS_INFO,
  CONSULTATION_RESPONSE_TITLES,
  consultationStanding,
  draftCommentsDeadline,
  isPlanSection,
  PLAN_SECTION_TITLES,
  REPRESENTATION_KIND_INFO,
  representationIsLate,
  schoolConsultationDue,
  type ConsultationBasis,
  type ConsultationResponse,
  type ConsultationStanding,
  type ConsultationStatus,
  type PlanSection,
  type RepresentationKind,
} from '../../domain/clocks/index.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { longDate } from '../../web/long-date.ts';
import { recordAccess, recordAudit, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, hasRole, MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { caseHistory, requireOpenCase, type CaseHistoryEvent } from '../cases/index.ts';
import { caseReached, itemOfCaseReached } from '../children/index.ts';
import { enqueueJob } from '../jobs/index.ts';
import { sendLetter } from '../letters/index.ts';
import { writeOnce, type Written } from '../requests/index.ts';
import * as repository from './repository.ts';
import type { ConsultationCase, ConsultationRow, ConsultationWithSchool, RepresentationWithSchool, SchoolSummary } from './repository.ts';
import { EMAIL_FORMAT_MESSAGE, isEmailAddress } from '../../lib/email-address.ts';

/** The most overdue consultations a list shows at once. */
export const OVERDUE_LIMIT = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
/** Control and format characters, but for the ends of lines a family's words hold. */
const CONTROL_BUT_LINES = /(?![\n\r])[\p{Cc}\p{Cf}]/u;
const WORDS_LIMIT = 5000;

/** What an officer (or a client of the API) gives to consult a school. */
export interface NewConsultation {
  urn: string;
  basis: string;
  contactName: string;
  contactEmail: string;
  sentOn: string;
}

/** The school's answer. */
export interface ConsultationAnswer {
  response: string;
  reasons: string;
  respondedOn: string;
  version?: number | undefined;
}

/** What the family said about the draft plan, as the form or the API gives it. */
export interface NewRepresentation {
  kind: string;
  section?: string | undefined;
  words?: string | undefined;
  urn?: string | undefined;
  receivedOn: string;
}

export interface WriteOptions {
  idempotencyKey?: string | undefined;
}

/** A school consulted, as pages and the API show it. */
export interface ConsultationView {
  id: string;
  caseId: string;
  school: { id: string; urn: number; name: string; phase: string; type: string };
  basis: ConsultationBasis;
  basisTitle: string;
  /** The section of the Act the school is consulted under. */
  citation: string;
  contactName: string;
  contactEmail: string;
  sentOn: string;
  /** 15 days after sentOn (SEND Code of Practice 9.83: guidance). */
  dueOn: string;
  status: ConsultationStatus;
  standing: ConsultationStanding;
  response: ConsultationResponse | null;
  responseTitle: string | null;
  reasons: string | null;
  respondedOn: string | null;
  withdrawnReason: string | null;
  chasersSent: number;
  lastChasedAt: string | null;
  version: number;
  createdAt: string;
}

/** One thing the family said about the draft plan. */
export interface RepresentationView {
  id: string;
  caseId: string;
  kind: RepresentationKind;
  kindTitle: string;
  citation: string;
  section: PlanSection | null;
  sectionTitle: string | null;
  words: string;
  school: { id: string; urn: number; name: string } | null;
  receivedOn: string;
  /** Received after the family's 15 days (reg. 13(1)(a)): recorded and read all the same. */
  late: boolean;
  recordedBy: string | null;
  recordedAt: string;
  /** Sent by the family themselves through the family portal (recordedBy is then their name). */
  fromPortal: boolean;
}

/** A case and its child as the consultation pages show them. */
export interface ConsultationCaseView {
  caseId: string;
  reference: string;
  open: boolean;
  childId: string;
  childName: string;
  /** The day the draft plan was issued, if it was (and not corrected). */
  draftIssuedOn: string | null;
  /** The last day of the family's 15 days to comment (reg. 13(1)(a)), once the draft is issued. */
  commentsDueOn: string | null;
  /** The day the decision to make a plan was recorded, if it was. */
  planAgreedOn: string | null;
  finalIssuedOn: string | null;
  /** Schools may be consulted: the decision to make a plan or the draft is recorded, the final plan is not, the case is open. */
  mayConsult: boolean;
  /** The family's response may be recorded: the draft is issued, the final plan is not, the case is open. */
  mayRecordRepresentation: boolean;
  today: string;
}

/** Where the case is on the way from draft to final, from its standing events. */
function draftState(history: readonly CaseHistoryEvent[]) {
  const last = (type: string) => history.filter((event) => event.type === type && !event.corrected).at(-1)?.occurredOn ?? null;
  return { draftIssuedOn: last('draft.issued'), planAgreedOn: last('plan.agreed'), finalIssuedOn: last('plan.issued') };
}

const SOMEONE_CHANGED_IT = 'Someone else changed this consultation while you were working on it: look at it again before saving';

const STATUS_WORDS: Record<ConsultationStatus, string> = {
  awaiting: 'awaiting an answer',
  answered: 'already answered',
  withdrawn: 'withdrawn',
};

/** Only a consultation still awaiting an answer changes, and only at the version the person saw. */
function refuseUnlessAwaiting(row: Pick<ConsultationRow, 'status' | 'version'>, version: number | undefined): void {
  if (row.status !== 'awaiting') throw new ConflictError(`This consultation is ${STATUS_WORDS[row.status as ConsultationStatus] ?? row.status}: nothing was changed`);
  if (version !== undefined && version !== row.version) throw new ConflictError(SOMEONE_CHANGED_IT);
}

function checkedText(value: string | undefined, field: string, problems: FieldProblem[], messages: { missing?: string; what: string }, limit = WORDS_LIMIT): string {
  const text = (value ?? '').trim();
  if (!text) {
    if (messages.missing) problems.push({ field, message: messages.missing });
  } else if (text.length > limit) problems.push({ field, message: `${messages.what} must be ${limit.toLocaleString('en-GB')} characters or fewer` });
  else if (CONTROL_BUT_LINES.test(text)) problems.push({ field, message: `${messages.what} contains a character that is not allowed` });
  return text;
}

/**
 * Draft to final, the people asked (SEND Regs 2014 regs 13 and 14; CFA 2014 ss.38 to 40): the
 * family's response to the draft plan, and the schools consulted about being named in it, each
 * with its due date, its reminders, its answer and the school's reasons.
 */
export class ConsultationsService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  private today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  /** The case and its child, once the actor may see them (a restricted child's case is unknown to others). */
  private async accessCase(actor: Actor, caseId: string, purpose: string): Promise<ConsultationCase> {
    return caseReached(this.db, this.clock, actor, caseId, purpose, () => repository.findConsultationCase(this.db, actor.authorityId, caseId));
  }

  /** A consultation and its case, once the actor may see them; an unknown or unreachable one is "No such consultation". */
  private async accessConsultation(actor: Actor, consultationId: string, purpose: string): Promise<{ row: ConsultationWithSchool; found: ConsultationCase }> {
    return itemOfCaseReached(
      consultationId,
      'No such consultation',
      () => repository.findConsultation(this.db, actor.authorityId, consultationId),
      (caseId) => this.accessCase(actor, caseId, purpose),
    );
  }

  private caseView(found: ConsultationCase, history: readonly CaseHistoryEvent[]): ConsultationCaseView {
    const state = draftState(history);
    const open = !found.closedOn;
    return {
      caseId: found.caseId,
      reference: found.reference,
      open,
      childId: found.childId,
      childName: fullName(found),
      ...state,
      commentsDueOn: state.draftIssuedOn ? draftCommentsDeadline(state.draftIssuedOn).due : null,
      mayConsult: open && mayConsultIn(state, found.stage),
      mayRecordRepresentation: open && !state.finalIssuedOn && state.draftIssuedOn !== null,
      today: this.today(),
    };
  }

  /** The case's consultations and the family's response to the draft (a view of the child's record, logged). */
  async caseConsultations(
    actor: Actor,
    caseId: string,
    view = 'consultations',
  ): Promise<{ case: ConsultationCaseView; consultations: ConsultationView[]; representations: RepresentationView[] }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, view);
    const [consultations, representations, history] = await Promise.all([
      repository.listCaseConsultations(this.db, actor.authorityId, caseId),
      repository.listCaseRepresentations(this.db, actor.authorityId, caseId),
      caseHistory(this.db, actor.authorityId, caseId),
    ]);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return { case: this.caseView(found, history), consultations: consultations.map((row) => this.present(row)), representations: representations.map(presentRepresentation) };
  }

  /** The case a form is about (a view of the child's record, logged). */
  async consultationCase(actor: Actor, caseId: string, view = 'consultations-form'): Promise<ConsultationCaseView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, view);
    const history = await caseHistory(this.db, actor.authorityId, caseId);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return this.caseView(found, history);
  }

  /** One consultation with its case (a view of the child's record, logged). */
  async consultation(actor: Actor, consultationId: string, view = 'consultations-form'): Promise<{ case: ConsultationCaseView; consultation: ConsultationView }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessConsultation(actor, consultationId, view);
    const history = await caseHistory(this.db, actor.authorityId, row.caseId);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return { case: this.caseView(found, history), consultation: this.present(row) };
  }

  /** A URN given as text, checked against the schools register. */
  private async schoolOf(value: string | undefined, field: string, problems: FieldProblem[]): Promise<SchoolSummary | undefined> {
    const text = (value ?? '').trim();
    if (!text) {
      problems.push({ field, message: 'Enter the school’s URN' });
      return undefined;
    }
    if (!/^\d{1,8}$/.test(text)) {
      problems.push({ field, message: 'Enter the school’s URN as a number, like 123456' });
      return undefined;
    }
    const found = await repository.findSchoolByUrn(this.db, Number(text));
    if (!found) problems.push({ field, message: `There is no school with URN ${text} in the schools register` });
    else if (found.status === 'Closed') problems.push({ field, message: `${found.name} (URN ${text}) is closed: choose an open school` });
    return found;
  }

  /**
   * Consults a school about being named in the plan (CFA 2014 s.39(2) when the family asked for
   * it, s.40 otherwise), once the decision to make a plan or the draft plan is recorded and until
   * the final plan is issued: the consultation with its due date (15 days after the day sent,
   * Code 9.83), and, for one sent today, the letter by e-mail, in one transaction. One dated
   * earlier was sent another way: no letter goes.
   */
  async consultSchool(actor: Actor, caseId: string, input: NewConsultation, options: WriteOptions = {}): Promise<Written<ConsultationView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'consultation.create', target: caseId, input }, async () => {
      const found = await this.accessCase(actor, caseId, 'consultation');
      const problems: FieldProblem[] = [];
      const school = await this.schoolOf(input.urn, 'urn', problems);
      const basis = input.basis === 'family-request' || input.basis === 'council' ? input.basis : undefined;
      if (!basis) problems.push({ field: 'basis', message: 'Select why the school is consulted' });
      const contactName = checkedText(input.contactName?.replace(/\s+/g, ' '), 'contactName', problems, { missing: 'Enter the name of the person at the school you wrote to', what: 'The name' }, 200);
      if (contactName && CONTROL.test(contactName)) problems.push({ field: 'contactName', message: 'The name contains a character that is not allowed' });
      const contactEmail = (input.contactEmail ?? '').trim();
      if (!contactEmail) problems.push({ field: 'contactEmail', message: 'Enter the e-mail address the consultation is sent to' });
      else if (!isEmailAddress(contactEmail)) problems.push({ field: 'contactEmail', message: EMAIL_FORMAT_MESSAGE });
      const today = this.today();
      const sentOn = parseIsoDate(input.sentOn);
      if (!sentOn) problems.push({ field: 'sentOn', message: 'Enter the date the consultation was sent as a real date' });
      else if (sentOn > today) problems.push({ field: 'sentOn', message: 'The date the consultation was sent must be today or in the past' });
      const history = await caseHistory(this.db, actor.authorityId, caseId);
      const state = draftState(history);
      const from = [state.planAgreedOn, state.draftIssuedOn].filter((on): on is IsoDate => on !== null).sort()[0];
      if (sentOn && sentOn <= today && from && sentOn < from) {
        problems.push({ field: 'sentOn', message: `The consultation cannot have been sent before the decision to make a plan or the draft plan, on ${from}` });
      }
      if (problems.length > 0) throw new ValidationError(sortBy(problems, ['urn', 'basis', 'contactName', 'contactEmail', 'sentOn']));
      refuseConsultationStep(state, found.stage);
      return async (tx) => {
        const current = await requireOpenCase(tx, actor, caseId);
        refuseConsultationStep(draftState(await caseHistory(tx, actor.authorityId, caseId)), current.stage);
        const awaiting = await repository.findAwaitingConsultation(tx, actor.authorityId, caseId, school!.id);
        if (awaiting) throw new ConflictError(`${school!.name} was consulted on ${awaiting.sentOn} and has not answered yet: chase that consultation, or withdraw it first`);
        const now = this.clock.now();
        const row: ConsultationRow = {
          id: uuidv7(),
          authorityId: actor.authorityId,
          caseId,
          schoolId: school!.id,
          basis: basis!,
          contactName,
          contactEmail,
          sentOn: sentOn!,
          dueOn: schoolConsultationDue(sentOn!),
          status: 'awaiting',
          response: null,
          reasons: null,
          respondedOn: null,
          withdrawnReason: null,
          chasersSent: 0,
          lastChasedAt: null,
          createdBy: actor.tokenId ? `${actor.id}/token:${actor.tokenId}` : actor.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        };
        await repository.insertConsultation(tx, row).catch((error: unknown) => {
          // Two consultations of one school at once: the index lets the first through, and this one is told as the check would have.
          if (isUniqueViolation(error, 'school_consultation_awaiting_once')) throw new ConflictError(`${school!.name} was consulted meanwhile and has not answered yet: nothing was saved`);
          throw error;
        });
        const letter = sentOn === today ? await this.sendConsultationLetter(tx, actor, row, school!.name, 'school-consultation') : undefined;
        // The school's portal accounts are told through the portal messages' job, as for case events.
        await enqueueJob(tx, this.clock, { authorityId: actor.authorityId, kind: PORTAL_MESSAGE_JOB, payload: { consultationId: row.id } });
        await recordAudit(tx, this.clock, actor, {
          action: 'consultation.sent',
          entityType: 'school_consultation',
          entityId: row.id,
          details: { caseId, childId: found.childId, urn: school!.urn, basis, sentOn, dueOn: row.dueOn, letterId: letter?.letterId ?? null },
        });
        return this.present({ ...row, schoolUrn: school!.urn, schoolName: school!.name, schoolPhase: school!.phase, schoolType: school!.type });
      };
    });
  }

  /** Sends the reminder about a consultation still awaiting an answer, by e-mail, and counts it, in one transaction. */
  async chase(actor: Actor, consultationId: string, input: { version?: number | undefined } = {}, options: WriteOptions = {}): Promise<Written<ConsultationView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'consultation.chase', target: consultationId, input }, async () => {
      const { row, found } = await this.accessConsultation(actor, consultationId, 'consultation-chase');
      refuseUnlessAwaiting(row, input.version);
      return async (tx) => {
        const locked = await this.lockAwaiting(tx, actor, row.id, input.version);
        await requireOpenCase(tx, actor, row.caseId);
        const now = this.clock.now();
        const updated = await repository.updateConsultation(tx, actor.authorityId, row.id, locked.version, { chased: true, lastChasedAt: now, updatedAt: now });
        if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
        const letter = await this.sendConsultationLetter(tx, actor, updated, row.schoolName, 'school-consultation-chaser');
        await recordAudit(tx, this.clock, actor, {
          action: 'consultation.chased',
          entityType: 'school_consultation',
          entityId: row.id,
          details: { caseId: row.caseId, childId: found.childId, chasersSent: updated.chasersSent, letterId: letter.letterId },
        });
        return this.present({ ...row, ...updated });
      };
    });
  }

  /** Records the school's answer: whether it can meet the needs, with its reasons (required when it cannot), on a day not before it was asked. */
  async recordResponse(actor: Actor, consultationId: string, input: ConsultationAnswer, options: WriteOptions = {}): Promise<Written<ConsultationView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'consultation.response', target: consultationId, input }, async () => {
      const { row, found } = await this.accessConsultation(actor, consultationId, 'consultation-response');
      const problems: FieldProblem[] = [];
      const response = input.response === 'can-meet-needs' || input.response === 'cannot-meet-needs' ? input.response : undefined;
      if (!response) problems.push({ field: 'response', message: 'Select whether the school can meet the child’s needs' });
      const reasons = checkedText(input.reasons, 'reasons', problems, {
        ...(response === 'cannot-meet-needs' ? { missing: 'Enter the school’s reasons: why it cannot meet the child’s needs' } : {}),
        what: 'The reasons',
      });
      const respondedOn = parseIsoDate(input.respondedOn);
      if (!respondedOn) problems.push({ field: 'respondedOn', message: 'Enter the date the school answered as a real date' });
      else if (respondedOn > this.today()) problems.push({ field: 'respondedOn', message: 'The date the school answered must be today or in the past' });
      else if (respondedOn < row.sentOn) problems.push({ field: 'respondedOn', message: `The school cannot have answered before it was consulted, on ${row.sentOn}` });
      if (problems.length > 0) throw new ValidationError(problems);
      refuseUnlessAwaiting(row, input.version);
      return async (tx) => {
        const locked = await this.lockAwaiting(tx, actor, row.id, input.version);
        await requireOpenCase(tx, actor, row.caseId);
        const updated = await repository.updateConsultation(tx, actor.authorityId, row.id, locked.version, {
          status: 'answered',
          response,
          reasons: reasons || null,
          respondedOn: respondedOn!,
          updatedAt: this.clock.now(),
        });
        if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
        await recordAudit(tx, this.clock, actor, {
          action: 'consultation.answered',
          entityType: 'school_consultation',
          entityId: row.id,
          details: { caseId: row.caseId, childId: found.childId, response, respondedOn, dueOn: row.dueOn },
        });
        return this.present({ ...row, ...updated });
      };
    });
  }

  /** Withdraws a consultation still awaiting an answer (the school is no longer considered), with why. */
  async withdraw(actor: Actor, consultationId: string, input: { reason: string; version?: number | undefined }, options: WriteOptions = {}): Promise<Written<ConsultationView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'consultation.withdraw', target: consultationId, input }, async () => {
      const { row, found } = await this.accessConsultation(actor, consultationId, 'consultation-withdraw');
      const problems: FieldProblem[] = [];
      const reason = checkedText(input.reason, 'reason', problems, { missing: 'Say why the consultation is withdrawn', what: 'The reason' }, 1000);
      if (problems.length > 0) throw new ValidationError(problems);
      refuseUnlessAwaiting(row, input.version);
      return async (tx) => {
        const locked = await this.lockAwaiting(tx, actor, row.id, input.version);
        await requireOpenCase(tx, actor, row.caseId);
        const updated = await repository.updateConsultation(tx, actor.authorityId, row.id, locked.version, { status: 'withdrawn', withdrawnReason: reason, updatedAt: this.clock.now() });
        if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
        await recordAudit(tx, this.clock, actor, { action: 'consultation.withdrawn', entityType: 'school_consultation', entityId: row.id, details: { caseId: row.caseId, childId: found.childId } });
        return this.present({ ...row, ...updated });
      };
    });
  }

  /**
   * Records what the family said about the draft plan (SEND Regs 2014 reg. 13(1)): a comment on a
   * section or the plan as a whole, a school they ask to be named (CFA 2014 s.38(2)(b)), or a
   * request to meet an officer (reg. 13(1)(b)); received not before the draft was issued and not
   * in the future. One received after the family's 15 days is recorded, marked late.
   */
  async recordRepresentation(actor: Actor, caseId: string, input: NewRepresentation, options: WriteOptions = {}): Promise<Written<RepresentationView>> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(caseId)) throw new NotFoundError('No such case');
    return writeOnce(this.db, this.clock, actor, options.idempotencyKey, { operation: 'representation.create', target: caseId, input }, async () => {
      const found = await this.accessCase(actor, caseId, 'draft-representation');
      const problems: FieldProblem[] = [];
      const kind = input.kind === 'comment' || input.kind === 'school-preference' || input.kind === 'meeting-request' ? input.kind : undefined;
      if (!kind) problems.push({ field: 'kind', message: 'Select what the family said' });
      let section: PlanSection | null = null;
      let school: SchoolSummary | undefined;
      let words = '';
      if (kind === 'comment') {
        if (isPlanSection(input.section)) section = input.section;
        else problems.push({ field: 'section', message: 'Select the section of the plan the comment is about' });
        words = checkedText(input.words, 'words', problems, { missing: 'Enter the family’s comment, in their words', what: 'The comment' });
      } else if (kind === 'school-preference') {
        school = await this.schoolOf(input.urn, 'urn', problems);
        words = checkedText(input.words, 'words', problems, { missing: 'Enter the family’s reasons for the school, in their words', what: 'The reasons' });
      } else if (kind === 'meeting-request') {
        words = checkedText(input.words, 'words', problems, { what: 'What they want to talk about' });
      }
      const history = await caseHistory(this.db, actor.authorityId, caseId);
      const state = draftState(history);
      const receivedOn = parseIsoDate(input.receivedOn);
      if (!receivedOn) problems.push({ field: 'receivedOn', message: 'Enter the date it was received as a real date' });
      else if (receivedOn > this.today()) problems.push({ field: 'receivedOn', message: 'The date it was received must be today or in the past' });
      else if (state.draftIssuedOn && receivedOn < state.draftIssuedOn) {
        problems.push({ field: 'receivedOn', message: `The family’s response cannot have been received before the draft plan was issued, on ${state.draftIssuedOn}` });
      }
      if (problems.length > 0) throw new ValidationError(sortBy(problems, ['kind', 'section', 'urn', 'words', 'receivedOn']));
      refuseRepresentationStep(state);
      return async (tx) => {
        await requireOpenCase(tx, actor, caseId);
        const current = draftState(await caseHistory(tx, actor.authorityId, caseId));
        refuseRepresentationStep(current);
        const now = this.clock.now();
        const row = {
          id: uuidv7(),
          authorityId: actor.authorityId,
          caseId,
          kind: kind!,
          section,
          words,
          schoolId: school?.id ?? null,
          receivedOn: receivedOn!,
          late: representationIsLate(receivedOn!, current.draftIssuedOn!),
          recordedBy: actor.id,
          recordedAt: now,
        };
        await repository.insertRepresentation(tx, row);
        await recordAudit(tx, this.clock, actor, {
          action: 'draft.representation-recorded',
          entityType: 'draft_representation',
          entityId: row.id,
          details: { caseId, childId: found.childId, kind, section, urn: school?.urn ?? null, receivedOn, late: row.late },
        });
        return presentRepresentation({ ...row, schoolUrn: school?.urn ?? null, schoolName: school?.name ?? null, recordedByName: actor.name ?? null });
      };
    });
  }

  /**
   * What a parent, carer or young person sent about the draft plan through the family portal
   * (SEND Regs 2014 reg. 13(1)(a)): received today, kept beside what officers record, marked late
   * after the 15 days and kept all the same. The portal's service has checked the account's link
   * to the child and the words; `afterwards` runs in the same transaction (telling the officer).
   */
  async recordFamilyRepresentation(
    actor: Actor,
    caseId: string,
    input: { kind: 'comment' | 'school-preference'; section: PlanSection | null; words: string; schoolId: string | null },
    afterwards: (tx: Executor, saved: { id: string; late: boolean; receivedOn: string; commentsDueOn: string }) => Promise<void> = async () => {},
  ): Promise<{ id: string; late: boolean; receivedOn: string; commentsDueOn: string }> {
    if (actor.kind !== 'portal') throw new NotFoundError('No such case');
    return this.db.transaction(async (tx) => {
      await requireOpenCase(tx, actor, caseId);
      const state = draftState(await caseHistory(tx, actor.authorityId, caseId));
      refuseRepresentationStep(state);
      const receivedOn = this.today();
      const row = {
        id: uuidv7(),
        authorityId: actor.authorityId,
        caseId,
        kind: input.kind,
        section: input.section,
        words: input.words,
        schoolId: input.schoolId,
        receivedOn,
        late: representationIsLate(receivedOn, state.draftIssuedOn!),
        recordedBy: `portal:${actor.id}`,
        recordedAt: this.clock.now(),
      };
      await repository.insertRepresentation(tx, row);
      await recordAudit(tx, this.clock, actor, {
        action: 'draft.representation-received',
        entityType: 'draft_representation',
        entityId: row.id,
        details: { caseId, kind: input.kind, section: input.section, receivedOn, late: row.late, through: 'portal' },
      });
      const saved = { id: row.id, late: row.late, receivedOn, commentsDueOn: draftCommentsDeadline(state.draftIssuedOn!).due };
      await afterwards(tx, saved);
      return saved;
    });
  }

  /**
   * Consultations still awaiting an answer after their due date on open cases, the longest
   * overdue first: a case officer's own cases; a manager's, the whole service. The children
   * listed go to the log of lists shown.
   */
  async overdue(actor: Actor, view = 'consultations-overdue') {
    requireRole(actor, ...CASEWORK_ROLES);
    const today = this.today();
    const scope = hasRole(actor, ...MANAGER_ROLES) ? 'service' : 'caseload';
    const rows = await repository.listOverdueConsultations(this.db, actor.authorityId, today, { officerId: scope === 'caseload' ? actor.id : undefined }, OVERDUE_LIMIT);
    if (rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, [...new Set(rows.map((row) => row.childId))]);
    return {
      scope,
      overdue: rows.map((row) => ({
        id: row.id,
        caseId: row.caseId,
        reference: row.reference,
        childId: row.childId,
        childName: fullName(row),
        officerName: row.officerName,
        school: { urn: row.schoolUrn, name: row.schoolName },
        contactName: row.contactName,
        sentOn: row.sentOn,
        dueOn: row.dueOn,
        daysOverdue: (consultationStanding({ status: 'awaiting', dueOn: row.dueOn as IsoDate }, today) as { daysOverdue: number }).daysOverdue,
        chasersSent: row.chasersSent,
        lastChasedOn: row.lastChasedAt ? londonDateOf(row.lastChasedAt) : null,
      })),
    };
  }

  private async lockAwaiting(tx: Executor, actor: Actor, id: string, version: number | undefined): Promise<ConsultationRow> {
    const locked = await repository.lockConsultation(tx, actor.authorityId, id);
    if (!locked) throw new NotFoundError('No such consultation');
    refuseUnlessAwaiting(locked, version);
    return locked;
  }

  /** Every letter to a school consulted goes through here, by e-mail, in the caller's transaction. */
  private async sendConsultationLetter(tx: Executor, actor: Actor, row: ConsultationRow, schoolName: string, type: 'school-consultation' | 'school-consultation-chaser') {
    const fields: Record<string, string> = { schoolName, sentOn: longDate(row.sentOn), dueOn: longDate(row.dueOn) };
    if (type === 'school-consultation') {
      fields.consultationReason =
        row.basis === 'family-request' ? 'Their family has asked for the school to be named in the plan.' : 'We are considering naming the school in the plan.';
    }
    return sendLetter(tx, this.clock, actor, { caseId: row.caseId, type, recipient: { name: row.contactName, channel: 'email', address: row.contactEmail }, fields });
  }

  private present(row: ConsultationWithSchool): ConsultationView {
    const basis = row.basis as ConsultationBasis;
    const response = row.response as ConsultationResponse | null;
    return {
      id: row.id,
      caseId: row.caseId,
      school: { id: row.schoolId, urn: row.schoolUrn, name: row.schoolName, phase: row.schoolPhase, type: row.schoolType },
      basis,
      basisTitle: CONSULTATION_BASIS_INFO[basis].title,
      citation: CONSULTATION_BASIS_INFO[basis].citation,
      contactName: row.contactName,
      contactEmail: row.contactEmail,
      sentOn: row.sentOn,
      dueOn: row.dueOn,
      status: row.status as ConsultationStatus,
      standing: consultationStanding({ status: row.status as ConsultationStatus, dueOn: row.dueOn as IsoDate, respondedOn: row.respondedOn as IsoDate | null }, this.today()),
      response,
      responseTitle: response ? CONSULTATION_RESPONSE_TITLES[response] : null,
      reasons: row.reasons,
      respondedOn: row.respondedOn,
      withdrawnReason: row.withdrawnReason,
      chasersSent: row.chasersSent,
      lastChasedAt: row.lastChasedAt ? row.lastChasedAt.toISOString() : null,
      version: row.version,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

/**
 * Schools are consulted from the decision to make a plan (or the draft) until the final plan; and
 * again while a plan is under review or being amended (a phase transfer names the next school, SEND
 * Regs 2014 reg. 18), which the case's stage, review, says.
 */
function mayConsultIn(state: ReturnType<typeof draftState>, stage: string): boolean {
  if (stage === 'review') return true;
  return !state.finalIssuedOn && (state.draftIssuedOn !== null || state.planAgreedOn !== null);
}

function refuseConsultationStep(state: ReturnType<typeof draftState>, stage: string): void {
  if (stage === 'review') return;
  if (state.finalIssuedOn) throw new ConflictError('The final plan is already issued: schools are consulted before it, or again once its review is arranged');
  if (!state.draftIssuedOn && !state.planAgreedOn) throw new ConflictError('Record the decision to make a plan, or the draft plan, before consulting schools');
}

function refuseRepresentationStep(state: ReturnType<typeof draftState>): void {
  if (state.finalIssuedOn) throw new ConflictError('The final plan is already issued: the family’s response to the draft is recorded before it');
  if (!state.draftIssuedOn) throw new ConflictError('Record the draft plan’s issue before the family’s response to it');
}

function sortBy(problems: FieldProblem[], order: readonly string[]): FieldProblem[] {
  return [...problems].sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
}

function presentRepresentation(row: RepresentationWithSchool): RepresentationView {
  const kind = row.kind as RepresentationKind;
  const section = row.section as PlanSection | null;
  return {
    id: row.id,
    caseId: row.caseId,
    kind,
    kindTitle: REPRESENTATION_KIND_INFO[kind].title,
    citation: REPRESENTATION_KIND_INFO[kind].citation,
    section,
    sectionTitle: section ? PLAN_SECTION_TITLES[section] : null,
    words: row.words,
    school: row.schoolId && row.schoolUrn !== null && row.schoolName !== null ? { id: row.schoolId, urn: row.schoolUrn, name: row.schoolName } : null,
    receivedOn: row.receivedOn,
    late: row.late,
    recordedBy: row.recordedByName,
    recordedAt: row.recordedAt.toISOString(),
    fromPortal: row.fromPortal ?? false,
  };
}

import { createHash } from 'node:crypto';
import type { Database, Executor } from '../../db/database.ts';
import { parseIsoDate, type BankHolidayCalendar, type IsoDate } from '../../domain/calendar/index.ts';
import { fullName } from '../../domain/children/names.ts';
import {
  ADVICE_BODY_INFO,
  ADVICE_CHASER_INFO,
  ADVICE_EXCEPTION_INFO,
  ADVICE_KIND_INFO,
  adviceDue,
  adviceStanding,
  chaserSchedule,
  chaserStillDue,
  chasersToQueue,
  isAdviceBody,
  isAdviceExceptionGround,
  isAdviceKind,
  mayAskForPreparingForAdulthood,
  mayRecordAdviceException,
  schoolYearOn,
  type AdviceBody,
  type AdviceChannel,
  type AdviceChaser,
  type AdviceDueBasis,
  type AdviceExceptionGround,
  type AdviceKind,
  type AdviceStanding,
  type AdviceStatus,
} from '../../domain/clocks/index.ts';
import { refusalOfStep } from '../../domain/events/index.ts';
import { londonDateOf, londonMidnight, type Clock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, hasRole, MANAGER_ROLES, requireRole, systemActor, type Actor, type PortalActor } from '../auth/index.ts';
import { caseHistory, recordCaseEvent, requireOpenCase } from '../cases/index.ts';
import { caseReached, itemOfCaseReached } from '../children/index.ts';
import type { DocumentsService, UploadedFile } from '../documents/index.ts';
import { enqueueJob, type ClaimedJob } from '../jobs/index.ts';
import { sendLetter } from '../letters/index.ts';
import { answeredBefore, claimIdempotencyKey, idempotencyClaim, keepIdempotentAnswer, type IdempotencyClaim } from '../requests/index.ts';
import { adviceLetterFields } from './letters.ts';
import * as adviceRepository from './repository.ts';
import type { AdviceCase, AdviceChaseRow, AdviceRequestChanges, AdviceRequestRow, AdviceRequestWithDocument } from './repository.ts';
import { EMAIL_FORMAT_MESSAGE, isEmailAddress } from '../../lib/email-address.ts';

/** The kind of job that sends one reminder or chaser about a request for advice. */
export const ADVICE_CHASER_JOB = 'advice.chase';

/** The most late requests a list shows at once. */
export const LATE_ADVICE_LIMIT = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CONTROL = /[\p{Cc}\p{Cf}]/u;
/** Control and format characters, but for the ends of lines a postal address or a note holds. */
const CONTROL_BUT_LINES = /(?![\n\r])[\p{Cc}\p{Cf}]/u;

/** What an officer (or a client of the API) gives to ask for advice. */
export interface NewAdviceRequest {
  kind: string;
  organisation: string;
  organisationType: string;
  professionalName?: string | undefined;
  channel: string;
  /** The e-mail address, or the postal address one line per line. */
  address: string;
  sentOn: string;
  receivedByBodyOn?: string | undefined;
  qualifiedTeacherNote?: string | undefined;
}

/** A request for advice as pages and the API show it. */
export interface AdviceRequestView {
  id: string;
  caseId: string;
  kind: AdviceKind;
  kindTitle: string;
  /** The regulation that asks for this kind: "SEND Regulations 2014 reg. 6(1)(b)". */
  citation: string;
  organisation: string;
  organisationType: AdviceBody;
  organisationTypeTitle: string;
  professionalName: string | null;
  channel: AdviceChannel;
  address: string;
  sentOn: string;
  /** The day the body received the request, as recorded; null when it was not. */
  receivedByBodyOn: string | null;
  /** The day the 6 weeks count from: as recorded, or the day the request is taken to have arrived. */
  receiptOn: string;
  dueOn: string;
  dueBasis: AdviceDueBasis;
  /** The provision or guidance, the period and the day it counts from. */
  dueBasisText: string;
  status: AdviceStatus;
  /** Where the request stands today: awaited, due soon, late, excepted, received (and how late), declined or withdrawn. */
  standing: AdviceStanding;
  receivedOn: string | null;
  document: { id: string; title: string; filename: string } | null;
  /** Advice written into the portal's form by the advice giver. */
  adviceText: string | null;
  /** Whether the request reached an advice giver's portal account (and they may send their advice there). */
  addressedToPortal: boolean;
  exception: { ground: AdviceExceptionGround; title: string; citation: string; reason: string } | null;
  closedReason: string | null;
  qualifiedTeacherNote: string | null;
  chases: { chaser: AdviceChaser; title: string; scheduledOn: string; sentAt: string }[];
  version: number;
  createdAt: string;
}

/** A case and its child as the advice pages show them. */
export interface AdviceCaseView {
  caseId: string;
  reference: string;
  stage: string;
  open: boolean;
  childId: string;
  childName: string;
}

/** Thrown inside a write whose Idempotency-Key another request took meanwhile: the write rolls back and the first answer is given. */
class KeyTakenMeanwhile extends Error {}

interface AdviceParts {
  documents: DocumentsService;
  /** The England and Wales bank holidays, for working days. */
  calendar: () => Promise<BankHolidayCalendar>;
}

/**
 * Advice for an EHC needs assessment (SEND Regs 2014 regs 6 to 8): asking each body for its
 * advice, each request with its own due date, its reminders and chasers (background jobs queued
 * with the request), the advice received attached as a document, and the advice that is late.
 */
export class AdviceService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly documents: DocumentsService;
  private readonly calendar: () => Promise<BankHolidayCalendar>;

  constructor(db: Database, clock: Clock, parts: AdviceParts) {
    this.db = db;
    this.clock = clock;
    this.documents = parts.documents;
    this.calendar = parts.calendar;
  }

  private today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  /** The case and its child, once the actor may see them (a restricted child's case is unknown to others). */
  private async accessCase(actor: Actor, caseId: string, purpose: string): Promise<AdviceCase> {
    return caseReached(this.db, this.clock, actor, caseId, purpose, () => adviceRepository.findAdviceCase(this.db, actor.authorityId, caseId));
  }

  /** A request and its case, once the actor may see them; an unknown or unreachable one is "No such request for advice". */
  private async accessRequest(actor: Actor, requestId: string, purpose: string): Promise<{ row: AdviceRequestWithDocument; found: AdviceCase }> {
    return itemOfCaseReached(
      requestId,
      'No such request for advice',
      () => adviceRepository.findAdviceRequest(this.db, actor.authorityId, requestId),
      (caseId) => this.accessCase(actor, caseId, purpose),
    );
  }

  /** The case's requests for advice, in the order they were sent (a view of the child's record, logged). */
  async caseAdvice(actor: Actor, caseId: string, view = 'advice'): Promise<{ case: AdviceCaseView; mayAsk: boolean; requests: AdviceRequestView[] }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, view);
    const [rows, history, calendar] = await Promise.all([
      adviceRepository.listCaseAdviceRequests(this.db, actor.authorityId, caseId),
      caseHistory(this.db, actor.authorityId, caseId),
      this.calendar(),
    ]);
    const chases = await adviceRepository.listChases(this.db, actor.authorityId, rows.map((row) => row.id));
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    const mayAsk = !found.closedOn && !refusalOfStep(history, { type: 'advice.requested', occurredOn: this.today() });
    return { case: caseView(found), mayAsk, requests: rows.map((row) => this.present(row, chases, calendar)) };
  }

  /** One request for advice with its case (a view of the child's record, logged). */
  async adviceRequest(actor: Actor, requestId: string, view = 'advice'): Promise<{ case: AdviceCaseView; request: AdviceRequestView }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessRequest(actor, requestId, view);
    const [chases, calendar] = await Promise.all([adviceRepository.listChases(this.db, actor.authorityId, [row.id]), this.calendar()]);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return { case: caseView(found), request: this.present(row, chases, calendar) };
  }

  /** The case the "Ask for advice" form is about (a view of the child's record, logged). */
  async adviceCase(actor: Actor, caseId: string, view = 'advice-form'): Promise<AdviceCaseView & { today: string }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, view);
    await recordAccess(this.db, this.clock, actor, found.childId, view);
    return { ...caseView(found), today: this.today() };
  }

  /**
   * Asks a body for one kind of advice (Regs 6(1)), on a case whose decision to assess is
   * recorded: the request with its due date (Regs 8(1)), its case event, its reminders and
   * chasers queued as jobs, and, for a request sent today, the request letter in the outbox, all
   * in one transaction. A request dated earlier was sent outside the service: no letter goes.
   */
  async askForAdvice(actor: Actor, caseId: string, input: NewAdviceRequest): Promise<AdviceRequestView> {
    return this.ask(actor, caseId, input);
  }

  /** The same, for an API client's retries: the same Idempotency-Key and request answer as the first time. */
  async askForAdviceIdempotently(actor: Actor, caseId: string, key: string, input: NewAdviceRequest): Promise<{ replayed: boolean; result: AdviceRequestView }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const claim = idempotencyClaim(actor, key, `advice-request:${caseId}`, input);
    return this.idempotently(claim, () => this.ask(actor, caseId, input, claim));
  }

  private async ask(actor: Actor, caseId: string, input: NewAdviceRequest, claim?: IdempotencyClaim): Promise<AdviceRequestView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const found = await this.accessCase(actor, caseId, 'advice-request');
    const request = this.checkedRequest(input, found, await caseHistory(this.db, actor.authorityId, caseId));
    const calendar = await this.calendar();
    const today = this.today();
    return this.db.transaction(async (tx) => {
      await requireOpenCase(tx, actor, caseId);
      const refusal = refusalOfStep(await caseHistory(tx, actor.authorityId, caseId), { type: 'advice.requested', occurredOn: request.sentOn });
      if (refusal?.field === 'occurredOn') throw new ValidationError([{ field: 'sentOn', message: refusal.message.replace('The date', 'The date the request was sent') }]);
      if (refusal) throw new ConflictError(refusal.message);
      if (claim && !(await claimIdempotencyKey(tx, claim, this.clock.now()))) throw new KeyTakenMeanwhile();

      const due = adviceDue({ sentOn: request.sentOn, channel: request.channel, receivedByBodyOn: request.receivedByBodyOn, body: request.organisationType }, calendar);
      // Addressed to an advice giver's portal account when e-mailed to its address for its kind of advice.
      const portalAccountId = request.channel === 'email' ? ((await adviceRepository.findProfessionalAccountFor(tx, actor.authorityId, request.address, request.kind)) ?? null) : null;
      const id = uuidv7();
      const now = this.clock.now();
      const row: AdviceRequestRow = {
        id,
        authorityId: actor.authorityId,
        caseId,
        kind: request.kind,
        organisation: request.organisation,
        organisationType: request.organisationType,
        professionalName: request.professionalName,
        channel: request.channel,
        address: request.address,
        sentOn: request.sentOn,
        receivedByBodyOn: request.receivedByBodyOn ?? null,
        dueOn: due.dueOn,
        dueBasis: due.basis,
        status: 'requested',
        receivedOn: null,
        documentId: null,
        exceptionGround: null,
        exceptionReason: null,
        closedReason: null,
        qualifiedTeacherNote: request.qualifiedTeacherNote,
        portalAccountId,
        adviceText: null,
        createdBy: actor.tokenId ? `${actor.id}/token:${actor.tokenId}` : actor.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await adviceRepository.insertAdviceRequest(tx, row);
      await recordCaseEvent(tx, this.clock, actor, { caseId, type: 'advice.requested', occurredOn: request.sentOn, payload: { adviceRequestId: id, kind: request.kind } });
      const jobs = [];
      for (const entry of chasersToQueue(chaserSchedule(due.dueOn, calendar), today)) {
        const runAfter = entry.now ? now : new Date(londonMidnight(entry.on).getTime() + CHASE_HOUR * 3_600_000);
        jobs.push(await enqueueJob(tx, this.clock, { authorityId: actor.authorityId, kind: ADVICE_CHASER_JOB, payload: { adviceRequestId: id, chaser: entry.chaser, scheduledOn: entry.on }, runAfter }));
      }
      const letter = request.sentOn === today ? await this.sendAdviceLetter(tx, actor, row, 'advice-request') : undefined;
      await recordAudit(tx, this.clock, actor, {
        action: 'advice.requested',
        entityType: 'advice_request',
        entityId: id,
        details: { caseId, childId: found.childId, kind: request.kind, organisationType: request.organisationType, dueOn: due.dueOn, dueBasis: due.basis, portalAccountId, chaserJobs: jobs, ...(letter ? { letterId: letter.letterId } : {}) },
      });
      const view = this.present({ ...row, documentTitle: null, documentFilename: null, documentMediaType: null }, [], calendar);
      if (claim) await keepIdempotentAnswer(tx, claim, 201, view);
      return view;
    });
  }

  /**
   * The request's fields checked and made tidy, every problem at once, in the order of the form;
   * a date sent before the decision to assess among them (the transaction checks it again).
   */
  private checkedRequest(input: NewAdviceRequest, found: AdviceCase, history: Parameters<typeof refusalOfStep>[0]) {
    const problems: FieldProblem[] = [];
    const kind = isAdviceKind(input.kind) ? input.kind : undefined;
    if (!kind) problems.push({ field: 'kind', message: 'Select the kind of advice' });
    const organisationType = isAdviceBody(input.organisationType) ? input.organisationType : undefined;
    if (!organisationType) problems.push({ field: 'organisationType', message: 'Select who is being asked' });
    const organisation = oneLine(input.organisation);
    if (!organisation) problems.push({ field: 'organisation', message: 'Enter the organisation asked for the advice' });
    else if (organisation.length > 200) problems.push({ field: 'organisation', message: 'The organisation must be 200 characters or fewer' });
    else if (CONTROL.test(organisation)) problems.push({ field: 'organisation', message: 'The organisation contains a character that is not allowed' });
    const professionalName = oneLine(input.professionalName ?? '') || null;
    if (professionalName && professionalName.length > 200) problems.push({ field: 'professionalName', message: 'The professional’s name must be 200 characters or fewer' });
    else if (professionalName && CONTROL.test(professionalName)) problems.push({ field: 'professionalName', message: 'The professional’s name contains a character that is not allowed' });
    const channel: AdviceChannel | undefined = input.channel === 'email' || input.channel === 'post' ? input.channel : undefined;
    if (!channel) problems.push({ field: 'channel', message: 'Select how the request was sent' });
    let address = '';
    if (channel === 'email') {
      address = input.address.trim();
      if (!address) problems.push({ field: 'address', message: 'Enter the e-mail address the request was sent to' });
      else if (!isEmailAddress(address)) problems.push({ field: 'address', message: EMAIL_FORMAT_MESSAGE });
    } else if (channel === 'post') {
      address = input.address
        .split(/\r?\n/)
        .map((line) => oneLine(line))
        .filter((line) => line !== '')
        .join('\n');
      if (!address) problems.push({ field: 'address', message: 'Enter the postal address the request was sent to' });
      else if (address.length > 1000) problems.push({ field: 'address', message: 'The postal address must be 1,000 characters or fewer' });
      else if (CONTROL_BUT_LINES.test(address)) problems.push({ field: 'address', message: 'The postal address contains a character that is not allowed' });
    }
    const today = this.today();
    const sentOn = parseIsoDate(input.sentOn);
    if (!sentOn) problems.push({ field: 'sentOn', message: 'Enter the date the request was sent as a real date' });
    else if (sentOn > today) problems.push({ field: 'sentOn', message: 'The date the request was sent must be today or in the past' });
    let receivedByBodyOn: IsoDate | undefined;
    if (input.receivedByBodyOn) {
      receivedByBodyOn = parseIsoDate(input.receivedByBodyOn);
      if (!receivedByBodyOn) problems.push({ field: 'receivedByBodyOn', message: 'Enter the date the request was received as a real date' });
      else if (receivedByBodyOn > today) problems.push({ field: 'receivedByBodyOn', message: 'The date the request was received must be today or in the past' });
      else if (sentOn && receivedByBodyOn < sentOn) problems.push({ field: 'receivedByBodyOn', message: `The request cannot have been received before it was sent, on ${sentOn}` });
    }
    const qualifiedTeacherNote = (input.qualifiedTeacherNote ?? '').trim() || null;
    if (qualifiedTeacherNote && kind && kind !== 'educational') {
      problems.push({ field: 'qualifiedTeacherNote', message: 'Only educational advice is given after consulting a qualified teacher of the deaf or the vision impaired (SEND Regulations 2014 reg. 6(2)): leave this empty for other advice' });
    } else if (qualifiedTeacherNote && qualifiedTeacherNote.length > 1000) {
      problems.push({ field: 'qualifiedTeacherNote', message: 'The note must be 1,000 characters or fewer' });
    } else if (qualifiedTeacherNote && CONTROL_BUT_LINES.test(qualifiedTeacherNote)) {
      problems.push({ field: 'qualifiedTeacherNote', message: 'The note contains a character that is not allowed' });
    }
    if (kind === 'preparing-for-adulthood' && sentOn && !mayAskForPreparingForAdulthood(found.dateOfBirth as IsoDate, sentOn)) {
      const year = schoolYearOn(found.dateOfBirth as IsoDate, sentOn);
      problems.push({
        field: 'kind',
        message: `Preparing for adulthood advice is sought only in or beyond year 9 (SEND Regulations 2014 reg. 6(1)(g)): for their age the child is in ${year <= 0 ? 'reception or before' : `year ${year}`} on ${sentOn}`,
      });
    }
    if (sentOn && sentOn <= today) {
      const refusal = refusalOfStep(history, { type: 'advice.requested', occurredOn: sentOn });
      if (refusal?.field === 'occurredOn') problems.push({ field: 'sentOn', message: refusal.message.replace('The date', 'The date the request was sent') });
    }
    if (problems.length > 0) throw new ValidationError(problems.sort((a, b) => FORM_ORDER.indexOf(a.field) - FORM_ORDER.indexOf(b.field)));
    return { kind: kind!, organisationType: organisationType!, organisation, professionalName, channel: channel!, address, sentOn: sentOn!, receivedByBodyOn, qualifiedTeacherNote };
  }

  /**
   * Records the advice received for a request, with its document: the date (not before it was
   * asked for, not in the future) and a file the documents service accepts (PDF, DOCX, JPEG or
   * PNG by its content, at most 20 MB, scanned). The request, its case event and the document are
   * kept together or not at all.
   */
  async recordAdviceReceived(actor: Actor, requestId: string, input: AdviceReceived): Promise<AdviceRequestView> {
    return this.receive(actor, requestId, input);
  }

  /** The same, for an API client's retries: the same Idempotency-Key, request and file answer as the first time. */
  async recordAdviceReceivedIdempotently(actor: Actor, requestId: string, key: string, input: AdviceReceived): Promise<{ replayed: boolean; result: AdviceRequestView }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const claim = idempotencyClaim(actor, key, `advice-received:${requestId}`, {
      receivedOn: input.receivedOn,
      title: input.title ?? '',
      file: input.file ? { filename: input.file.filename, bytes: fingerprint(input.file.bytes) } : null,
    });
    return this.idempotently(claim, () => this.receive(actor, requestId, input, claim));
  }

  private async receive(actor: Actor, requestId: string, input: AdviceReceived, claim?: IdempotencyClaim): Promise<AdviceRequestView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessRequest(actor, requestId, 'advice-received');
    if (found.closedOn) throw new ConflictError('This case is closed');
    refuseUnlessAwaited(row, input.version);
    const problems: FieldProblem[] = [];
    const receivedOn = parseIsoDate(input.receivedOn);
    if (!receivedOn) problems.push({ field: 'receivedOn', message: 'Enter the date the advice was received as a real date' });
    else if (receivedOn > this.today()) problems.push({ field: 'receivedOn', message: 'The date the advice was received must be today or in the past' });
    else if (receivedOn < row.sentOn) problems.push({ field: 'receivedOn', message: `The advice cannot have been received before it was asked for, on ${row.sentOn}` });
    const title = oneLine(input.title ?? '') || `${ADVICE_KIND_INFO[row.kind as AdviceKind].title} from ${row.organisation}`.slice(0, 200);
    const calendar = await this.calendar();
    const { result } = await this.documents.uploadWithin(actor, row.caseId, { title, file: input.file }, {
      problems,
      within: async (tx, document) => {
        const locked = await adviceRepository.lockAdviceRequest(tx, actor.authorityId, requestId);
        if (!locked) throw new NotFoundError('No such request for advice');
        refuseUnlessAwaited(locked, input.version);
        await requireOpenCase(tx, actor, row.caseId);
        if (claim && !(await claimIdempotencyKey(tx, claim, this.clock.now()))) throw new KeyTakenMeanwhile();
        const updated = await adviceRepository.updateAdviceRequest(tx, actor.authorityId, requestId, locked.version, {
          status: 'received',
          receivedOn: receivedOn!,
          documentId: document.id,
          updatedAt: this.clock.now(),
        });
        if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
        await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'advice.received', occurredOn: receivedOn!, payload: { adviceRequestId: requestId, kind: row.kind, documentId: document.id } });
        await recordAudit(tx, this.clock, actor, {
          action: 'advice.received',
          entityType: 'advice_request',
          entityId: requestId,
          details: { caseId: row.caseId, childId: found.childId, documentId: document.id, receivedOn, dueOn: row.dueOn },
        });
        const chases = await adviceRepository.listChases(tx, actor.authorityId, [requestId]);
        const view = this.present({ ...updated, documentTitle: document.title, documentFilename: document.filename, documentMediaType: document.mediaType }, chases, calendar);
        if (claim) await keepIdempotentAnswer(tx, claim, 201, view);
        return view;
      },
    });
    return result;
  }

  /** Records that the body declined to give advice, or that the council withdrew the request, with why. */
  async closeRequest(actor: Actor, requestId: string, input: { status: string; reason: string; version?: number | undefined }): Promise<AdviceRequestView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessRequest(actor, requestId, 'advice-closed');
    const problems: FieldProblem[] = [];
    const status = input.status === 'declined' || input.status === 'withdrawn' ? input.status : undefined;
    if (!status) problems.push({ field: 'status', message: 'Select whether the body declined or the request was withdrawn' });
    const reason = checkedReason(input.reason, problems, 'Say why');
    if (problems.length > 0) throw new ValidationError(problems);
    refuseUnlessAwaited(row, input.version);
    return this.change(actor, row, found, input.version, { status, closedReason: reason }, { action: `advice.${status}`, details: {} });
  }

  /**
   * Records a Regs 8(2) exception for a request under s.31: the body need not meet its 6 weeks,
   * for the ground and reason given. The due date stays as it was and no longer binds: the request
   * is no longer late, and no more chasers go.
   */
  async recordException(actor: Actor, requestId: string, input: { ground: string; reason: string; version?: number | undefined }): Promise<AdviceRequestView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const { row, found } = await this.accessRequest(actor, requestId, 'advice-exception');
    const problems: FieldProblem[] = [];
    const ground = isAdviceExceptionGround(input.ground) ? input.ground : undefined;
    if (!ground) problems.push({ field: 'ground', message: 'Select why the body need not meet the time limit' });
    else if (!mayRecordAdviceException(row.dueBasis as AdviceDueBasis)) {
      problems.push({
        field: 'ground',
        message: 'Regulation 8(2) excuses only a body asked under section 31 of the Act: this request’s 6 weeks are guidance, so there is no time limit in law to excuse',
      });
    }
    const reason = checkedReason(input.reason, problems, 'Describe why the exception applies');
    if (problems.length > 0) throw new ValidationError(problems);
    refuseUnlessAwaited(row, input.version);
    if (row.exceptionGround) throw new ConflictError('An exception is already recorded for this request');
    return this.change(actor, row, found, input.version, { exceptionGround: ground, exceptionReason: reason }, { action: 'advice.exception-recorded', details: { ground } });
  }

  private async change(
    actor: Actor,
    row: AdviceRequestRow,
    found: AdviceCase,
    version: number | undefined,
    changes: Omit<AdviceRequestChanges, 'updatedAt'>,
    audit: { action: string; details: Record<string, unknown> },
  ): Promise<AdviceRequestView> {
    const calendar = await this.calendar();
    return this.db.transaction(async (tx) => {
      const locked = await adviceRepository.lockAdviceRequest(tx, actor.authorityId, row.id);
      if (!locked) throw new NotFoundError('No such request for advice');
      refuseUnlessAwaited(locked, version);
      if (changes.exceptionGround && locked.exceptionGround) throw new ConflictError('An exception is already recorded for this request');
      await requireOpenCase(tx, actor, row.caseId);
      const updated = await adviceRepository.updateAdviceRequest(tx, actor.authorityId, row.id, locked.version, { ...changes, updatedAt: this.clock.now() });
      if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
      await recordAudit(tx, this.clock, actor, { action: audit.action, entityType: 'advice_request', entityId: row.id, details: { caseId: row.caseId, childId: found.childId, ...audit.details } });
      const chases = await adviceRepository.listChases(tx, actor.authorityId, [row.id]);
      const document = await adviceRepository.findAdviceRequest(tx, actor.authorityId, row.id);
      return this.present({ ...updated, documentTitle: document?.documentTitle ?? null, documentFilename: document?.documentFilename ?? null, documentMediaType: document?.documentMediaType ?? null }, chases, calendar);
    });
  }

  // ---- Advice givers on the portal ----

  /**
   * The requests for advice addressed to an advice giver's portal account and still awaited, on
   * open cases, soonest due first; with `requestId`, that one or "No such request for advice" (a
   * request received, declined, withdrawn, on a closed case or addressed to someone else alike).
   */
  async awaitedFromPortalAccount(actor: PortalActor, requestId?: string): Promise<PortalAdviceRequest[]> {
    requireAdviceGiver(actor);
    if (requestId !== undefined && !UUID.test(requestId)) throw new NotFoundError('No such request for advice');
    const rows = await adviceRepository.listOpenPortalAdviceRequests(this.db, actor.authorityId, actor.accountId, requestId);
    if (requestId !== undefined && rows.length === 0) throw new NotFoundError('No such request for advice');
    const calendar = await this.calendar();
    return rows.map((row) => {
      const kind = row.kind as AdviceKind;
      const due = adviceDue({ sentOn: row.sentOn as IsoDate, channel: row.channel as AdviceChannel, receivedByBodyOn: (row.receivedByBodyOn ?? undefined) as IsoDate | undefined, body: row.organisationType as AdviceBody }, calendar);
      return {
        id: row.id,
        caseId: row.caseId,
        childId: row.childId,
        childName: fullName(row),
        dateOfBirth: row.dateOfBirth,
        schoolName: row.schoolName,
        kindTitle: ADVICE_KIND_INFO[kind].title,
        citation: ADVICE_KIND_INFO[kind].citation,
        organisation: row.organisation,
        sentOn: row.sentOn,
        dueOn: row.dueOn,
        dueBasisText: due.basisText,
        qualifiedTeacherNote: row.qualifiedTeacherNote,
        version: row.version,
      };
    });
  }

  /**
   * Advice sent by the advice giver through the portal, written in the form, as a document (the
   * documents' own checks of the file: PDF, DOCX, JPEG or PNG by content, at most 20 MB, scanned),
   * or both: recorded as received today on the request, as an officer records it, with its case
   * event. The request is then no longer awaited, so the advice giver's access to the child ends.
   * Only a request addressed to them and still awaited is reached; any other is unknown.
   */
  async receiveFromPortal(actor: PortalActor, requestId: string, input: { adviceText: string; file: UploadedFile | undefined; version?: number | undefined }): Promise<{ requestId: string; receivedOn: string }> {
    const [request] = await this.awaitedFromPortalAccount(actor, requestId);
    const problems: FieldProblem[] = [];
    const adviceText = input.adviceText.replace(/\r\n/g, '\n').trim() || null;
    if (adviceText && adviceText.length > ADVICE_TEXT_LIMIT) problems.push({ field: 'adviceText', message: 'Your advice must be 20,000 characters or fewer: send a longer one as a document' });
    else if (adviceText && CONTROL_BUT_LINES.test(adviceText.replace(/\t/g, ' '))) problems.push({ field: 'adviceText', message: 'Your advice contains a character that is not allowed' });
    const file = input.file && (input.file.bytes.length > 0 || input.file.filename) ? input.file : undefined;
    if (!adviceText && !file) problems.push({ field: 'adviceText', message: 'Write your advice, or choose a file with your advice, or both' });
    const receivedOn = this.today();
    const record = async (tx: Executor, documentId: string | null) => {
      const locked = await adviceRepository.lockAdviceRequest(tx, actor.authorityId, requestId);
      if (!locked || locked.portalAccountId !== actor.accountId || locked.status !== 'requested') throw new NotFoundError('No such request for advice');
      if (input.version !== undefined && input.version !== locked.version) throw new ConflictError('This request for advice changed while you were writing: look at it again before sending');
      await requireOpenCase(tx, actor, request!.caseId);
      const updated = await adviceRepository.updateAdviceRequest(tx, actor.authorityId, requestId, locked.version, { status: 'received', receivedOn, documentId, adviceText, updatedAt: this.clock.now() });
      if (!updated) throw new ConflictError(SOMEONE_CHANGED_IT);
      await recordCaseEvent(tx, this.clock, actor, { caseId: request!.caseId, type: 'advice.received', occurredOn: receivedOn, payload: { adviceRequestId: requestId, kind: locked.kind, documentId, through: 'portal' } });
      await recordAudit(tx, this.clock, actor, {
        action: 'advice.received',
        entityType: 'advice_request',
        entityId: requestId,
        details: { caseId: request!.caseId, childId: request!.childId, documentId, written: adviceText !== null, receivedOn, dueOn: locked.dueOn, through: 'portal' },
      });
    };
    if (file) {
      await this.documents.uploadFromPortal(actor, { caseId: request!.caseId, childId: request!.childId }, { title: `${request!.kindTitle} from ${request!.organisation}`.slice(0, 200), file }, {
        problems,
        within: (tx, document) => record(tx, document.id),
      });
    } else {
      if (problems.length > 0) throw new ValidationError(problems);
      await this.db.transaction((tx) => record(tx, null));
    }
    return { requestId, receivedOn };
  }

  /**
   * Advice still awaited after its due date on open cases, the longest late first, with whom it
   * is from and how often it has been chased: a case officer's own cases; a manager's, the whole
   * service. Filterable by organisation; the children listed go to the log of lists shown.
   */
  async lateAdvice(actor: Actor, filters: { organisation?: string | undefined } = {}, view = 'late-advice') {
    requireRole(actor, ...CASEWORK_ROLES);
    const today = this.today();
    const scope = hasRole(actor, ...MANAGER_ROLES) ? 'service' : 'caseload';
    const officerId = scope === 'caseload' ? actor.id : undefined;
    const organisations = await adviceRepository.lateAdviceOrganisations(this.db, actor.authorityId, today, { officerId });
    // A filter names an organisation with late advice, or is dropped (a stale link).
    const organisation = organisations.some((entry) => entry.organisation === filters.organisation) ? filters.organisation : undefined;
    const rows = await adviceRepository.listLateAdvice(this.db, actor.authorityId, today, { officerId, organisation }, LATE_ADVICE_LIMIT);
    if (rows.length > 0) await recordListAccess(this.db, this.clock, actor, view, [...new Set(rows.map((row) => row.childId))], organisation ?? null);
    return {
      scope,
      organisation,
      organisations,
      total: organisations.reduce((sum, entry) => sum + (organisation === undefined || entry.organisation === organisation ? entry.late : 0), 0),
      late: rows.map((row) => ({
        id: row.id,
        caseId: row.caseId,
        reference: row.reference,
        childId: row.childId,
        childName: fullName(row),
        officerName: row.officerName,
        kind: row.kind,
        kindTitle: ADVICE_KIND_INFO[row.kind as AdviceKind]?.title ?? row.kind,
        organisation: row.organisation,
        professionalName: row.professionalName,
        sentOn: row.sentOn,
        dueOn: row.dueOn,
        dueBasis: row.dueBasis as AdviceDueBasis,
        daysLate: (adviceStanding({ status: 'requested', dueOn: row.dueOn as IsoDate, excepted: false }, today) as { daysLate: number }).daysLate,
        chases: row.chases,
        lastChasedAt: row.lastChasedAt ? row.lastChasedAt.toISOString() : null,
        lastChasedOn: row.lastChasedAt ? londonDateOf(row.lastChasedAt) : null,
      })),
    };
  }

  /**
   * The handler of ADVICE_CHASER_JOB: sends the reminder or chaser if the advice is still awaited
   * (not received, declined, withdrawn or excused, its case open) and this one has not gone, and
   * records it on the request, in one transaction. Otherwise it does nothing: a job that finds the
   * advice answered is done.
   */
  async sendChaser(job: ClaimedJob): Promise<void> {
    const requestId = typeof job.payload.adviceRequestId === 'string' ? job.payload.adviceRequestId : '';
    const chaser = job.payload.chaser as AdviceChaser;
    if (!UUID.test(requestId) || !Object.hasOwn(ADVICE_CHASER_INFO, chaser)) return;
    const actor = systemActor(job.authorityId, 'advice-chaser');
    await this.db.transaction(async (tx) => {
      const row = await adviceRepository.lockAdviceRequest(tx, job.authorityId, requestId);
      if (!row) return;
      const found = await adviceRepository.findAdviceCase(tx, job.authorityId, row.caseId);
      if (!found || !chaserStillDue({ status: row.status as AdviceStatus, excepted: row.exceptionGround !== null, caseClosed: found.closedOn !== null })) return;
      const chaseId = uuidv7();
      const scheduledOn = typeof job.payload.scheduledOn === 'string' ? job.payload.scheduledOn : this.clock.today();
      // The chase is recorded first: if it already was (a run after a stop), nothing more is sent.
      if (!(await adviceRepository.insertChase(tx, { id: chaseId, authorityId: job.authorityId, adviceRequestId: requestId, chaser, scheduledOn, sentAt: this.clock.now(), jobId: job.id }))) return;
      const letter = await this.sendAdviceLetter(tx, actor, row, 'advice-chaser', chaser);
      await adviceRepository.recordChaseMessage(tx, job.authorityId, chaseId, letter.messageId);
      await recordAudit(tx, this.clock, actor, { action: 'advice.chased', entityType: 'advice_request', entityId: requestId, details: { caseId: row.caseId, chaser, letterId: letter.letterId } });
    });
  }

  /**
   * Every letter about advice goes through here: the request letter when advice is asked for, and
   * each reminder and chaser, written from the council's template of its type and queued in the
   * outbox in the caller's transaction, so a letter exists only if what caused it commits.
   */
  private async sendAdviceLetter(tx: Executor, actor: Actor, row: AdviceRequestRow, type: 'advice-request' | 'advice-chaser', chaser?: AdviceChaser): Promise<{ letterId: string; messageId: string }> {
    const fields = adviceLetterFields(
      { kind: row.kind as AdviceKind, organisation: row.organisation, professionalName: row.professionalName, sentOn: row.sentOn, dueOn: row.dueOn, dueBasis: row.dueBasis as AdviceDueBasis },
      chaser,
    );
    return sendLetter(tx, this.clock, actor, {
      caseId: row.caseId,
      type,
      recipient: { name: row.professionalName ?? row.organisation, channel: row.channel === 'email' ? 'email' : 'letter', address: row.address },
      fields,
    });
  }

  /** Runs an idempotent write: the first answer again for a key already answered, or the write, once. */
  private async idempotently(claim: IdempotencyClaim, write: () => Promise<AdviceRequestView>): Promise<{ replayed: boolean; result: AdviceRequestView }> {
    const answered = await answeredBefore<AdviceRequestView>(this.db, claim);
    if (answered) return { replayed: true, result: answered };
    try {
      return { replayed: false, result: await write() };
    } catch (error) {
      if (!(error instanceof KeyTakenMeanwhile)) throw error;
      const first = await answeredBefore<AdviceRequestView>(this.db, claim);
      if (!first) throw new ConflictError('Another request with this Idempotency-Key is still being made: try again');
      return { replayed: true, result: first };
    }
  }

  private present(row: AdviceRequestWithDocument, chases: readonly AdviceChaseRow[], calendar: BankHolidayCalendar): AdviceRequestView {
    const kind = row.kind as AdviceKind;
    const body = row.organisationType as AdviceBody;
    const due = adviceDue({ sentOn: row.sentOn as IsoDate, channel: row.channel as AdviceChannel, receivedByBodyOn: (row.receivedByBodyOn ?? undefined) as IsoDate | undefined, body }, calendar);
    const ground = row.exceptionGround as AdviceExceptionGround | null;
    return {
      id: row.id,
      caseId: row.caseId,
      kind,
      kindTitle: ADVICE_KIND_INFO[kind].title,
      citation: ADVICE_KIND_INFO[kind].citation,
      organisation: row.organisation,
      organisationType: body,
      organisationTypeTitle: ADVICE_BODY_INFO[body].title,
      professionalName: row.professionalName,
      channel: row.channel as AdviceChannel,
      address: row.address,
      sentOn: row.sentOn,
      receivedByBodyOn: row.receivedByBodyOn,
      receiptOn: due.receiptOn,
      dueOn: row.dueOn,
      dueBasis: row.dueBasis as AdviceDueBasis,
      dueBasisText: due.basisText,
      status: row.status as AdviceStatus,
      standing: adviceStanding({ status: row.status as AdviceStatus, dueOn: row.dueOn as IsoDate, receivedOn: row.receivedOn as IsoDate | null, excepted: ground !== null }, this.today()),
      receivedOn: row.receivedOn,
      document: row.documentId && row.documentTitle ? { id: row.documentId, title: row.documentTitle, filename: row.documentFilename ?? '' } : null,
      adviceText: row.adviceText,
      addressedToPortal: row.portalAccountId !== null,
      exception: ground ? { ground, title: ADVICE_EXCEPTION_INFO[ground].title, citation: ADVICE_EXCEPTION_INFO[ground].citation, reason: row.exceptionReason ?? '' } : null,
      closedReason: row.closedReason,
      qualifiedTeacherNote: row.qualifiedTeacherNote,
      chases: chases
        .filter((chase) => chase.adviceRequestId === row.id)
        .map((chase) => ({ chaser: chase.chaser as AdviceChaser, title: ADVICE_CHASER_INFO[chase.chaser as AdviceChaser].title, scheduledOn: chase.scheduledOn, sentAt: chase.sentAt.toISOString() })),
      version: row.version,
      createdAt: row.createdAt.toISOString(),
    };
  }
}

/** Advice received, as the form or the API gives it. */
export interface AdviceReceived {
  receivedOn: string;
  file: UploadedFile | undefined;
  /** What the document is; by default the kind of advice and whom it is from. */
  title?: string | undefined;
  /** The version of the request the officer saw; a page always sends it. */
  version?: number | undefined;
}

/** A request for advice as its advice giver sees it on the portal: the child's name, birth date and school, what is asked and by when; nothing more. */
export interface PortalAdviceRequest {
  id: string;
  caseId: string;
  childId: string;
  childName: string;
  dateOfBirth: string;
  schoolName: string | null;
  kindTitle: string;
  /** The regulation that asks for this kind: "SEND Regulations 2014 reg. 6(1)(d)". */
  citation: string;
  organisation: string;
  sentOn: string;
  dueOn: string;
  /** Why the due date is that day: the provision or guidance, the period and the day it counts from. */
  dueBasisText: string;
  qualifiedTeacherNote: string | null;
  version: number;
}

/** The longest advice written into the portal's form; a longer one comes as a document. */
const ADVICE_TEXT_LIMIT = 20_000;

/** Only an advice giver signed in with their second factor reaches their requests. */
function requireAdviceGiver(actor: PortalActor): void {
  if (actor.kind !== 'portal' || actor.portalKind !== 'professional') throw new ForbiddenError('This page is for advice givers signed in to the portal');
  if (actor.secondFactor !== 'done') throw new ForbiddenError('Enter the code from your authenticator app first');
}

/** The fields of a request for advice in the order the form asks for them, for the error summary. */
const FORM_ORDER = ['kind', 'qualifiedTeacherNote', 'organisationType', 'organisation', 'professionalName', 'channel', 'address', 'sentOn', 'receivedByBodyOn'];

/** The hour of the day (in England) a reminder or chaser due that day is sent. */
const CHASE_HOUR = 8;

const SOMEONE_CHANGED_IT = 'Someone else changed this request for advice while you were working on it: look at it again before saving';

const STATUS_WORDS: Record<AdviceStatus, string> = {
  requested: 'awaited',
  received: 'already recorded as received',
  declined: 'recorded as declined',
  withdrawn: 'withdrawn',
};

/** Only a request still awaited changes, and only at the version the person saw. */
function refuseUnlessAwaited(row: Pick<AdviceRequestRow, 'status' | 'version'>, version: number | undefined): void {
  if (row.status !== 'requested') throw new ConflictError(`This advice is ${STATUS_WORDS[row.status as AdviceStatus] ?? row.status}: nothing was changed`);
  if (version !== undefined && version !== row.version) throw new ConflictError(SOMEONE_CHANGED_IT);
}

function checkedReason(value: string, problems: FieldProblem[], missing: string): string {
  const reason = value.trim();
  if (!reason) problems.push({ field: 'reason', message: missing });
  else if (reason.length > 1000) problems.push({ field: 'reason', message: 'The reason must be 1,000 characters or fewer' });
  else if (CONTROL_BUT_LINES.test(reason)) problems.push({ field: 'reason', message: 'The reason contains a character that is not allowed' });
  return reason;
}

function oneLine(value: string): string {
  return value.trim().replace(/\s+/g, ' ');
}

/** A file's SHA-256: what an idempotency key's hash holds of it. */
function fingerprint(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function caseView(found: AdviceCase): AdviceCaseView {
  return { caseId: found.caseId, reference: found.reference, stage: found.stage, open: !found.closedOn, childId: found.childId, childName: fullName(found) };
}

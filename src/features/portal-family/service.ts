import type { Database, Executor } from '../../db/database.ts';
import type { IsoDate } from '../../domain/calendar/index.ts';
import { draftCommentsDeadline, isPlanSection, type PlanSection } from '../../domain/clocks/index.ts';
import { LETTER_TYPE_INFO, LETTER_TYPES } from '../../domain/letters/letter-types.ts';
import { isYoungPerson } from '../../domain/children/young-person.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldProblem } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { longDate } from '../../web/long-date.ts';
import { recordAccess, recordAudit } from '../audit/index.ts';
import type { PortalActor } from '../auth/index.ts';
import { consultationsPaths, type ConsultationsService } from '../consultations/index.ts';
import { recordCaseEvent } from '../cases/index.ts';
import { childrenPaths } from '../children/index.ts';
import type { ContactsService } from '../contacts/index.ts';
import type { DocumentsService, UploadedFile } from '../documents/index.ts';
import { queueMessage } from '../outbox/index.ts';
import { planDocument, type PlansService } from '../plans/index.ts';
import { requireSignedIn } from '../portal-auth/index.ts';
import * as repository from './repository.ts';
import type { FamilyChildRow } from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Control and format characters, but for the ends of lines a family's words hold. */
const CONTROL_BUT_LINES = /(?![\n\r])[\p{Cc}\p{Cf}]/u;
export const WORDS_LIMIT = 5000;
/** The most a family writes in each box of the views form. */
export const VIEWS_LIMIT = 2000;
/** The boxes of the views form, in the order of section A's headings. */
export const VIEWS_FIELDS = ['whatMatters', 'goodAt', 'hopes', 'support', 'familyViews'] as const;
export type ViewsField = (typeof VIEWS_FIELDS)[number];

/** Views for section A as the family and the officer read them. */
export interface SentViews {
  id: string;
  senderName: string;
  /** Sent by the young person themself. */
  byYoungPerson: boolean;
  sentOn: string;
  answers: Record<ViewsField, string | null>;
}

/** The documents service's problems with a file or its title, as the keys of the family's words. */
const DOCUMENT_PROBLEMS: readonly [RegExp, string][] = [
  [/^Select a file|^Select one file/, 'portal-family.errors.fileMissing'],
  [/smaller than 20 MB/, 'portal-family.errors.fileTooLarge'],
  [/is empty/, 'portal-family.errors.fileEmpty'],
  [/virus/, 'portal-family.errors.fileVirus'],
  [/not a real|must be PDF|must be|name ends/, 'portal-family.errors.fileType'],
];

/** The letters written to the family (never those to schools or advice givers about the child). */
export const FAMILY_LETTER_TYPES: readonly string[] = LETTER_TYPES.filter((type) => LETTER_TYPE_INFO[type].recipient === 'The parent or young person');

/** Whatever the reason (no such child, another family's, a link ended), the answer is the same. */
const NOT_YOURS = 'No such child';

export interface FamilyChild {
  id: string;
  firstName: string;
  fullName: string;
  /** The person signed in is the young person themself. */
  isSelf: boolean;
  /** Over compulsory school age (CFA 2014 s.83(2)): a young person, who makes the decisions (s.67). */
  youngPerson: boolean;
}

export interface CaseStep {
  deadlineId: string;
  dueOn: string;
  /** 'family': a time the family has (to comment); 'authority': what the council must do by then. */
  duty: string;
}

export interface FamilyCaseView {
  child: FamilyChild;
  caseFound: boolean;
  reference: string | null;
  stage: string | null;
  closed: boolean;
  steps: CaseStep[];
  officer: { name: string; email: string } | null;
  /** The address the council writes to; never for a restricted record or an address not to be disclosed. */
  address: string | null;
  plan: { versions: { number: number; status: string; issuedOn: string }[]; latest: { number: number; status: string; issuedOn: string } | null };
  draftWindow: DraftWindow | null;
  letters: { id: string; letterType: string; subject: string; sentOn: string }[];
  sent: { id: string; kind: string; section: string | null; words: string; receivedOn: string; late: boolean; schoolName: string | null; senderName: string | null }[];
  /** The views for section A the family sent through the portal, the newest first. */
  views: SentViews[];
  /** For the young person: whether their family may see the case, and when that was last chosen. */
  sharing: { shareWithFamily: boolean | null; chosenOn: string | null } | null;
}

export interface DraftWindow {
  issuedOn: string;
  dueOn: string;
  /** The 15 days have ended: a comment is still received, marked late. */
  closed: boolean;
}

/** Whose access failed and why, so the page can say what the family may do. */
export class YoungPersonDecidesError extends ForbiddenError {
  readonly firstName: string;
  constructor(firstName: string) {
    super('The young person decides who sees their case');
    this.firstName = firstName;
  }
}

export interface PortalFamilyOptions {
  publicUrl: string;
}

/**
 * The family portal: a parent, carer or young person sees each linked child's case in plain words
 * and sends their comments on a draft plan. Access is decided here alone: a live link from the
 * account to the child, and for a young person (over compulsory school age) whose parent is
 * asking, the young person's recorded choice. Every view goes to the access log and every change
 * to the audit log.
 */
export class PortalFamilyService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly plans: PlansService;
  private readonly consultations: ConsultationsService;
  private readonly contacts: ContactsService;
  private readonly documents: DocumentsService;
  private readonly options: PortalFamilyOptions;

  constructor(
    db: Database,
    clock: Clock,
    dependencies: { plans: PlansService; consultations: ConsultationsService; contacts: ContactsService; documents: DocumentsService },
    options: PortalFamilyOptions,
  ) {
    this.db = db;
    this.clock = clock;
    this.plans = dependencies.plans;
    this.consultations = dependencies.consultations;
    this.contacts = dependencies.contacts;
    this.documents = dependencies.documents;
    this.options = options;
  }

  private today(): IsoDate {
    return this.clock.today() as IsoDate;
  }

  /**
   * The child, if this family account may see them: the same "No such child" for an id that is
   * not a child, another family's child or a link that has ended, so nothing can be learnt by
   * trying ids. A parent of a young person sees the case only when the young person chose so.
   */
  private async reach(actor: PortalActor, childId: string): Promise<{ row: FamilyChildRow; child: FamilyChild }> {
    requireSignedIn(actor);
    if (actor.portalKind !== 'family' || !UUID.test(childId)) throw new NotFoundError(NOT_YOURS);
    const row = await repository.findFamilyChild(this.db, actor.authorityId, actor.accountId, childId);
    if (!row) throw new NotFoundError(NOT_YOURS);
    const isSelf = row.relationship === 'young-person';
    // The Act's young person (CFA 2014 s.83(2)): over compulsory school age, as invitations count it.
    const youngPerson = isYoungPerson(row.dateOfBirth as IsoDate, this.today());
    const firstName = row.preferredName ?? row.forename;
    if (youngPerson && !isSelf && row.shareWithFamily !== true) throw new YoungPersonDecidesError(firstName);
    return { row, child: { id: childId, firstName, fullName: `${firstName} ${row.surname}`, isSelf, youngPerson } };
  }

  private async reachCase(actor: PortalActor, childId: string): Promise<{ row: FamilyChildRow & { caseId: string }; child: FamilyChild }> {
    const reached = await this.reach(actor, childId);
    if (!reached.row.caseId) throw new NotFoundError('No case');
    return reached as { row: FamilyChildRow & { caseId: string }; child: FamilyChild };
  }

  private draftWindow(latest: { status: string; issuedOn: string } | null, closed: boolean): DraftWindow | null {
    if (!latest || latest.status !== 'draft' || closed) return null;
    const dueOn = draftCommentsDeadline(latest.issuedOn as IsoDate).due;
    return { issuedOn: latest.issuedOn, dueOn, closed: this.today() > dueOn };
  }

  /** The child's case in plain words: its stage, what happens next and by when, the officer, the plan and the letters (a view, logged). */
  async caseView(actor: PortalActor, childId: string): Promise<FamilyCaseView> {
    const { row, child } = await this.reach(actor, childId);
    const caseId = row.caseId;
    const [steps, versions, letters, sent, views] = caseId
      ? await Promise.all([
          repository.openDeadlines(this.db, actor.authorityId, caseId),
          repository.issuedPlanVersions(this.db, actor.authorityId, caseId),
          repository.caseLetters(this.db, actor.authorityId, caseId, FAMILY_LETTER_TYPES),
          repository.familyRepresentations(this.db, actor.authorityId, caseId),
          repository.viewsOfChild(this.db, actor.authorityId, childId),
        ])
      : [[], [], [], [], []];
    await recordAccess(this.db, this.clock, actor, childId, 'portal:case');
    const closed = row.closedOn !== null;
    const latest = versions.at(-1) ?? null;
    const addressShown = !row.sensitive && row.doNotDiscloseAddress === false && row.address;
    return {
      child,
      caseFound: caseId !== null,
      reference: row.reference,
      stage: row.stage,
      closed,
      steps: closed ? [] : steps,
      officer: row.officerName && row.officerEmail ? { name: row.officerName, email: row.officerEmail } : null,
      address: addressShown ? [row.address, row.postcode].filter(Boolean).join('\n') : null,
      plan: { versions, latest },
      draftWindow: this.draftWindow(latest, closed),
      letters: letters.map((letter) => ({ id: letter.id, letterType: letter.letterType, subject: letter.subject, sentOn: letter.createdAt.toISOString().slice(0, 10) })),
      sent,
      views: views.map(sentViews),
      sharing: child.isSelf && child.youngPerson ? { shareWithFamily: row.shareWithFamily, chosenOn: row.choiceRecordedAt ? row.choiceRecordedAt.toISOString().slice(0, 10) : null } : null,
    };
  }

  /** The plan as issued (the draft sent for comments or the final plan) as the page, PDF and Word document show it (a view, logged). */
  async plan(actor: PortalActor, childId: string, view = 'portal:plan') {
    const { row, child } = await this.reachCase(actor, childId);
    const version = await this.plans.issuedVersionOfCase(actor.authorityId, row.caseId);
    await recordAccess(this.db, this.clock, actor, childId, view);
    if (!version) return { child, version: null, document: null, draftWindow: null };
    const latest = { status: version.version.status, issuedOn: version.version.issuedOn ?? '' };
    return { child, version, document: planDocument(version), draftWindow: this.draftWindow(latest, row.closedOn !== null) };
  }

  /** One letter sent to the family on the case (a view, logged). */
  async letter(actor: PortalActor, childId: string, letterId: string) {
    const { row, child } = await this.reachCase(actor, childId);
    if (!UUID.test(letterId)) throw new NotFoundError('No such letter');
    const found = await repository.caseLetter(this.db, actor.authorityId, row.caseId, letterId, FAMILY_LETTER_TYPES);
    if (!found) throw new NotFoundError('No such letter');
    await recordAccess(this.db, this.clock, actor, childId, 'portal:letter');
    return { child, letter: { id: found.id, subject: found.subject, bodyText: found.bodyText, sentOn: found.createdAt.toISOString().slice(0, 10) } };
  }

  /** The draft open for comments, or a conflict saying there is none. */
  private async openDraft(actor: PortalActor, childId: string) {
    const { row, child } = await this.reachCase(actor, childId);
    const versions = await repository.issuedPlanVersions(this.db, actor.authorityId, row.caseId);
    const window = this.draftWindow(versions.at(-1) ?? null, row.closedOn !== null);
    if (!window) throw new ConflictError('portal-family.errors.noDraft');
    return { row, child, window };
  }

  /** The page of the comment form (a view, logged). */
  async commentForm(actor: PortalActor, childId: string) {
    const { child, window } = await this.openDraft(actor, childId);
    await recordAccess(this.db, this.clock, actor, childId, 'portal:comment-form');
    return { child, window };
  }

  /**
   * A comment on a section of the draft plan, or the plan as a whole (SEND Regs 2014 reg.
   * 13(1)(a)): kept where the officer reads the family's response; after the 15 days it is still
   * kept, marked late, and the case's officer is e-mailed. Problems are the keys of their words.
   */
  async comment(actor: PortalActor, childId: string, input: { section?: string | undefined; words?: string | undefined }) {
    const problems: FieldProblem[] = [];
    if (!isPlanSection(input.section)) problems.push({ field: 'section', message: 'portal-family.errors.section' });
    const words = checkedWords(input.words, problems, 'portal-family.errors.commentMissing');
    const { row, window } = await this.openDraft(actor, childId);
    if (problems.length > 0) throw new ValidationError(problems);
    return this.consultations.recordFamilyRepresentation(actor, row.caseId, { kind: 'comment', section: input.section as PlanSection, words, schoolId: null }, async (tx, saved) => {
      if (saved.late) await this.tellOfficerOfLateWords(tx, actor, row, window, 'comment');
    });
  }

  /** The school the family asks to be named in the plan, with their reasons (CFA 2014 s.38(2)(b)). */
  async schoolPreference(actor: PortalActor, childId: string, input: { urn?: string | undefined; words?: string | undefined }) {
    const problems: FieldProblem[] = [];
    const urnText = (input.urn ?? '').trim();
    let school: { id: string; name: string } | undefined;
    if (!urnText) problems.push({ field: 'urn', message: 'portal-family.errors.urnMissing' });
    else if (!/^\d{6,8}$/.test(urnText)) problems.push({ field: 'urn', message: 'portal-family.errors.urnFormat' });
    else {
      school = await repository.findOpenSchoolByUrn(this.db, Number(urnText));
      if (!school) problems.push({ field: 'urn', message: 'portal-family.errors.urnUnknown' });
    }
    const words = checkedWords(input.words, problems, 'portal-family.errors.reasonsMissing');
    const { row, window } = await this.openDraft(actor, childId);
    if (problems.length > 0) throw new ValidationError(problems);
    return this.consultations.recordFamilyRepresentation(actor, row.caseId, { kind: 'school-preference', section: null, words, schoolId: school!.id }, async (tx, saved) => {
      if (saved.late) await this.tellOfficerOfLateWords(tx, actor, row, window, 'school-preference');
    });
  }

  /** The officer's e-mail about words sent after the 15 days: the case and where to read them, never the words themselves. */
  private async tellOfficerOfLateWords(tx: Executor, actor: PortalActor, row: FamilyChildRow & { caseId: string }, window: DraftWindow, kind: 'comment' | 'school-preference') {
    if (!row.officerEmail || !row.officerName) return;
    const what = kind === 'comment' ? 'a comment on the draft plan' : 'the school they ask to be named in the plan';
    await queueMessage(tx, this.clock, actor, {
      channel: 'email',
      recipientName: row.officerName,
      recipientAddress: row.officerEmail,
      subject: `Late response to a draft plan: case ${row.reference ?? ''}`,
      bodyText: [
        `Hello ${row.officerName},`,
        `The family on case ${row.reference ?? ''} sent ${what} through the family portal on ${longDate(this.today())}. Their 15 days to respond ended on ${longDate(window.dueOn)} (SEND Regulations 2014 reg. 13(1)(a)), so it is marked late. It is kept with the family’s response all the same.`,
        `Read it here:\n${this.options.publicUrl}${consultationsPaths.caseConsultations(row.caseId)}`,
      ].join('\n\n'),
      caseId: row.caseId,
    });
  }

  /** The page of the enquiry and complaint form (a view, logged). */
  async contactForm(actor: PortalActor, childId: string) {
    const { row, child } = await this.reachCase(actor, childId);
    await recordAccess(this.db, this.clock, actor, childId, 'portal:contact-form');
    return { child, officerName: row.officerName };
  }

  /**
   * An enquiry or a complaint about the child's case, sent to the case's officer through the
   * contacts register, with the council's time to answer it. A case waiting for its officer has
   * no one to send it to: the family is told to contact the SEND team.
   */
  async raiseContact(actor: PortalActor, childId: string, input: { kind?: string | undefined; words?: string | undefined }) {
    const problems: FieldProblem[] = [];
    const kind = input.kind === 'enquiry' || input.kind === 'complaint' ? input.kind : undefined;
    if (!kind) problems.push({ field: 'kind', message: 'portal-family.errors.contactKind' });
    const words = checkedWords(input.words, problems, 'portal-family.errors.contactMissing');
    const { row } = await this.reachCase(actor, childId);
    if (problems.length > 0) throw new ValidationError(problems);
    if (!row.officerId) throw new ConflictError('portal-family.errors.noOfficer');
    return this.contacts.logFromFamily(actor, { kind: kind!, childId, ownerId: row.officerId, fromName: actor.name, summary: words });
  }

  /** The views form, with the views sent before (a view of the child's record, logged). */
  async viewsForm(actor: PortalActor, childId: string) {
    const { child } = await this.reachOpenCase(actor, childId);
    const views = await repository.viewsOfChild(this.db, actor.authorityId, childId);
    await recordAccess(this.db, this.clock, actor, childId, 'portal:views-form');
    return { child, views: views.map(sentViews), limit: VIEWS_LIMIT };
  }

  /**
   * The family's views, interests and aspirations for section A of the plan (SEND Regs 2014 reg.
   * 12(1)(a); CFA 2014 s.19(a)-(c)), in their own words: kept as sent, beside every earlier sending,
   * with who sent them and when; recorded on the case's history, and the named officer is e-mailed
   * where to read them (never the words themselves). Received at any stage of an open case, after
   * a final plan too, when they inform the review. Problems are the keys of their words.
   */
  async sendViews(actor: PortalActor, childId: string, input: Partial<Record<ViewsField, string | undefined>>): Promise<{ id: string }> {
    const problems: FieldProblem[] = [];
    const answers = {} as Record<ViewsField, string | null>;
    for (const field of VIEWS_FIELDS) {
      const words = (input[field] ?? '').replace(/\r\n/g, '\n').trim();
      answers[field] = words || null;
      if (words.length > VIEWS_LIMIT) problems.push({ field, message: 'portal-family.errors.viewsTooLong' });
      else if (CONTROL_BUT_LINES.test(words)) problems.push({ field, message: 'portal-family.errors.wordsCharacter' });
    }
    if (VIEWS_FIELDS.every((field) => answers[field] === null)) problems.push({ field: VIEWS_FIELDS[0], message: 'portal-family.errors.viewsMissing' });
    const { row } = await this.reachOpenCase(actor, childId);
    if (problems.length > 0) throw new ValidationError(problems);
    const id = uuidv7();
    await this.db.transaction(async (tx) => {
      await repository.insertViews(tx, {
        id,
        authorityId: actor.authorityId,
        childId,
        caseId: row.caseId,
        accountId: actor.accountId,
        senderName: actor.name.slice(0, 200) || 'Family member',
        senderRelationship: row.relationship.slice(0, 50),
        ...answers,
        sentAt: this.clock.now(),
      });
      await recordCaseEvent(tx, this.clock, actor, { caseId: row.caseId, type: 'views.received', occurredOn: this.today(), payload: { viewsId: id, through: 'portal' } });
      await recordAudit(tx, this.clock, actor, {
        action: 'portal.views-sent',
        entityType: 'child',
        entityId: childId,
        details: { viewsId: id, caseId: row.caseId, answered: VIEWS_FIELDS.filter((field) => answers[field] !== null) },
      });
      await this.tellOfficer(tx, actor, childId, row, 'their views for section A of the plan (what matters to the child, what they are good at and hope for)', 'family-views');
    });
    return { id };
  }

  /** The page to send a document, with the documents this person sent before (a view, logged). */
  async documentsPage(actor: PortalActor, childId: string) {
    const { child } = await this.reachOpenCase(actor, childId);
    const documents = await repository.documentsSentBy(this.db, actor.authorityId, actor.accountId, childId);
    await recordAccess(this.db, this.clock, actor, childId, 'portal:documents');
    return { child, documents: documents.map((document) => ({ ...document, sentOn: document.uploadedAt.toISOString().slice(0, 10) })) };
  }

  /**
   * A document the family sends for the child's case: the documents' own checks of the file (PDF,
   * DOCX, JPEG or PNG by its content, at most 20 MB, scanned), kept on the case with who sent it,
   * and the named officer e-mailed. Nothing is kept when anything is wrong. Problems are keys.
   */
  async sendDocument(actor: PortalActor, childId: string, input: { title?: string | undefined; file: UploadedFile | undefined }): Promise<{ documentId: string }> {
    const { row } = await this.reachOpenCase(actor, childId);
    const title = (input.title ?? '').trim().replace(/\s+/g, ' ');
    const problems: FieldProblem[] = [];
    if (!title) problems.push({ field: 'title', message: 'portal-family.errors.titleMissing' });
    else if (title.length > 200) problems.push({ field: 'title', message: 'portal-family.errors.titleTooLong' });
    else if (/[\p{Cc}\p{Cf}]/u.test(title)) problems.push({ field: 'title', message: 'portal-family.errors.wordsCharacter' });
    const file = input.file && (input.file.bytes.length > 0 || input.file.filename) ? input.file : undefined;
    try {
      const { document } = await this.documents.uploadFromPortal(
        actor,
        { caseId: row.caseId, childId },
        // A title already refused is not refused again in the documents' words.
        { title: problems.length > 0 ? 'x' : title, file },
        { problems, within: (tx) => this.tellOfficer(tx, actor, childId, row, 'a document', 'documents') },
      );
      return { documentId: document.id };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(
        error.problems.map((problem) => {
          if (problem.message.startsWith('portal-family.')) return problem;
          if (problem.field === 'title') return { field: 'title', message: 'portal-family.errors.titleMissing' };
          const known = DOCUMENT_PROBLEMS.find(([pattern]) => pattern.test(problem.message));
          return { field: 'file', message: known ? known[1] : 'portal-family.errors.fileType' };
        }),
      );
    }
  }

  /** The case the family reaches, open: a closed case takes nothing more through the portal. */
  private async reachOpenCase(actor: PortalActor, childId: string) {
    const reached = await this.reachCase(actor, childId);
    if (reached.row.closedOn !== null) throw new ConflictError('portal-family.errors.caseClosed');
    return reached;
  }

  /** The named officer's e-mail that the family sent something: the case and where to read it, never what they sent. */
  private async tellOfficer(tx: Executor, actor: PortalActor, childId: string, row: FamilyChildRow & { caseId: string }, what: string, anchor: string) {
    if (!row.officerEmail || !row.officerName) return;
    await queueMessage(tx, this.clock, actor, {
      channel: 'email',
      recipientName: row.officerName,
      recipientAddress: row.officerEmail,
      subject: `Sent through the family portal: case ${row.reference ?? ''}`,
      bodyText: [
        `Hello ${row.officerName},`,
        `The family on case ${row.reference ?? ''} sent ${what} through the family portal on ${longDate(this.today())}.`,
        `Read it on the child’s record:\n${this.options.publicUrl}${childrenPaths.record(childId)}#${anchor}`,
      ].join('\n\n'),
      caseId: row.caseId,
    });
  }

  /**
   * A young person (over compulsory school age) chooses whether their parents and carers with portal accounts may
   * see their case: only the young person themself, through their own account. Kept with who chose and when.
   */
  async chooseSharing(actor: PortalActor, childId: string, input: { share?: string | undefined }) {
    const { child } = await this.reach(actor, childId);
    if (!child.isSelf || !child.youngPerson) throw new ForbiddenError('portal-family.errors.notYoungPerson');
    if (input.share !== 'yes' && input.share !== 'no') throw new ValidationError([{ field: 'share', message: 'portal-family.errors.shareMissing' }]);
    const shareWithFamily = input.share === 'yes';
    await this.db.transaction(async (tx) => {
      const id = uuidv7();
      await repository.insertChoice(tx, { id, authorityId: actor.authorityId, childId, shareWithFamily, recordedBy: `portal:${actor.accountId}`, recordedAt: this.clock.now() });
      await recordAudit(tx, this.clock, actor, { action: 'portal.young-person-choice', entityType: 'child', entityId: childId, details: { shareWithFamily, choiceId: id } });
    });
    return { shareWithFamily };
  }

  /** The sharing page (a view of the child's record, logged). */
  async sharing(actor: PortalActor, childId: string) {
    const { row, child } = await this.reach(actor, childId);
    if (!child.isSelf || !child.youngPerson) throw new ForbiddenError('portal-family.errors.notYoungPerson');
    await recordAccess(this.db, this.clock, actor, childId, 'portal:sharing');
    return { child, shareWithFamily: row.shareWithFamily, chosenOn: row.choiceRecordedAt ? row.choiceRecordedAt.toISOString().slice(0, 10) : null };
  }
}

function checkedWords(value: string | undefined, problems: FieldProblem[], missing: string): string {
  const words = (value ?? '').replace(/\r\n/g, '\n').trim();
  if (!words) problems.push({ field: 'words', message: missing });
  else if (words.length > WORDS_LIMIT) problems.push({ field: 'words', message: 'portal-family.errors.wordsTooLong' });
  else if (CONTROL_BUT_LINES.test(words)) problems.push({ field: 'words', message: 'portal-family.errors.wordsCharacter' });
  return words;
}

function sentViews(row: repository.FamilyViewsRow): SentViews {
  return {
    id: row.id,
    senderName: row.senderName,
    byYoungPerson: row.senderRelationship === 'young-person',
    sentOn: londonDateOf(row.sentAt),
    answers: { whatMatters: row.whatMatters, goodAt: row.goodAt, hopes: row.hopes, support: row.support, familyViews: row.familyViews },
  };
}

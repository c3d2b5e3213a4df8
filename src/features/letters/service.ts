import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import { isLetterType, LETTER_TYPE_INFO, type LetterType } from '../../domain/letters/letter-types.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, problemsOf, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { longDate } from '../../web/long-date.ts';
import { recordAccess, recordAudit, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { requireCaseAccess } from '../children/index.ts';
import type { DocumentsService } from '../documents/index.ts';
import { JobFailure, type ClaimedJob, type JobContext } from '../jobs/index.ts';
import { isSendTeam, type MessageState } from '../outbox/index.ts';
import { catalogueEntry, COMMON_FIELDS, fieldNamesOf, LETTER_CATALOGUE, type LetterCatalogueEntry } from './catalogue.ts';
import { councilDetailsSchema, DEMO_COUNCIL_DETAILS, type CouncilDetails } from './council-details.ts';
import { letterHtml } from './letter-text.ts';
import { letterPdf } from './pdf-renderer.ts';
import * as lettersRepository from './repository.ts';
import type { LetterRow, TemplateVersionRow } from './repository.ts';
import { commonValues, councilDetailsFor, missingFieldMessage } from './send.ts';
import { checkTemplate, renderTemplate, templateProblems, type LetterTemplateText, type TemplateField } from './template.ts';

/** Who may read the letters' templates and the council's details; only administrators change them. */
export const TEMPLATE_READER_ROLES = ['admin', 'team_manager', 'service_lead'] as const;

const UUID = z.uuid();
const PREVIEW_CASES = 25;

export interface TemplateVersionView {
  version: number;
  subject: string;
  body: string;
  savedByName: string;
  savedAt: string;
}

/** A letter as pages and the API show it; the address only to those who may see it. */
export interface LetterView {
  id: string;
  caseId: string;
  childId: string;
  caseReference: string;
  type: string;
  typeName: string;
  /** The council's template version; null for the standard wording. */
  templateVersion: number | null;
  recipient: { name: string; channel: 'letter' | 'email'; address: string | undefined; addressWithheld: boolean };
  subject: string;
  text: string;
  html: string;
  sentBy: string | null;
  createdAt: string;
  /** The day it was sent, in England. */
  sentOn: string;
  messageId: string;
  status: MessageState;
  /** The PDF's document, once made; undefined while it is being made, and for those who may not see the address it shows. */
  pdfDocumentId: string | undefined;
  /** The PDF exists but shows an address this viewer may not see. */
  pdfWithheld: boolean;
}

function versionView(row: TemplateVersionRow): TemplateVersionView {
  return { version: row.version, subject: row.subject, body: row.body, savedByName: row.savedByName ?? 'Someone no longer on the staff list', savedAt: new Date(row.savedAt).toISOString() };
}

/** A field with the tag that puts it in a template: {{childName}}. */
const withTag = (field: TemplateField) => ({ ...field, tag: `{{${field.name}}}` });

function letterTypeOf(type: string): LetterType {
  if (!isLetterType(type)) throw new NotFoundError('No such type of letter');
  return type;
}

/**
 * The council's letters: the templates of each type (every saved version kept, the latest current),
 * their preview against a real case, the council's details the letters give, the letters sent on a
 * case, and the job that makes each letter's tagged PDF.
 */
export class LettersService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly documents: DocumentsService;

  constructor(db: Database, clock: Clock, parts: { documents: DocumentsService }) {
    this.db = db;
    this.clock = clock;
    this.documents = parts.documents;
  }

  /** The types of letter, each with the wording in use: the council's latest version or the standard one. */
  async overview(actor: Actor) {
    requireRole(actor, ...TEMPLATE_READER_ROLES);
    const [current, authority] = await Promise.all([lettersRepository.listCurrentTemplates(this.db, actor.authorityId), this.authority(actor)]);
    return {
      canEdit: actor.roles.includes('admin'),
      letterTypes: LETTER_CATALOGUE.map((entry) => {
        const saved = current.find((row) => row.letterType === entry.type);
        return { type: entry.type, name: entry.name, recipient: entry.recipient, current: saved ? versionView(saved) : undefined };
      }),
      council: authority,
    };
  }

  /** One type's template: the wording in use, every saved version, the fields it may use, and the standard wording. */
  async template(actor: Actor, type: string) {
    requireRole(actor, ...TEMPLATE_READER_ROLES);
    const letterType = letterTypeOf(type);
    const entry = catalogueEntry(letterType);
    const versions = (await lettersRepository.listTemplateVersions(this.db, actor.authorityId, letterType)).map(versionView);
    const current = versions[0];
    return {
      entry: { type: entry.type, name: entry.name, recipient: entry.recipient, basis: entry.basis } as Pick<LetterCatalogueEntry, 'type' | 'name' | 'recipient' | 'basis'>,
      canEdit: actor.roles.includes('admin'),
      current: current ? { ...current } : { version: 0, subject: entry.standard.subject, body: entry.standard.body, savedByName: undefined, savedAt: undefined },
      standard: entry.standard,
      versions,
      commonFields: COMMON_FIELDS.map(withTag),
      ownFields: entry.fields.map(withTag),
    };
  }

  /** The council's latest open cases (restricted children left out), to preview a letter with; shown as a list, so logged. */
  async previewCases(actor: Actor) {
    requireRole(actor, 'admin');
    const cases = await lettersRepository.listRecentCases(this.db, actor.authorityId, PREVIEW_CASES);
    await recordListAccess(this.db, this.clock, actor, 'letters:preview-cases', cases.map((entry) => entry.childId));
    return cases;
  }

  /**
   * A template as it would read for a real case, before it is saved: the case's and the council's
   * values, and the example value of each field the sender gives (marked as such). Refused, with
   * nothing saved, for any problem with the template or no case chosen. Viewing the case's child is
   * logged.
   */
  async preview(actor: Actor, type: string, input: { subject: string; body: string; caseId: string }) {
    requireRole(actor, 'admin');
    const letterType = letterTypeOf(type);
    const problems = templateProblems(input, fieldNamesOf(letterType));
    if (!input.caseId) problems.push({ field: 'previewCase', message: 'Choose a case to preview the letter with' });
    else if (!UUID.safeParse(input.caseId).success) problems.push({ field: 'previewCase', message: 'Choose a case from the list' });
    if (problems.length > 0) throw new ValidationError(problems);
    const template = checkTemplate(input, fieldNamesOf(letterType));
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, input.caseId, `letter-preview:${letterType}`).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new ValidationError([{ field: 'previewCase', message: 'Choose a case from the list' }]) : error;
    });
    const context = await lettersRepository.readLetterContext(this.db, actor.authorityId, input.caseId, letterType, actor.kind === 'system' ? null : actor.id, null);
    if (!context) throw new ValidationError([{ field: 'previewCase', message: 'Choose a case from the list' }]);
    const entry = catalogueEntry(letterType);
    const values = {
      // Written to the child's main contact, or to the example reader when the record has none.
      ...commonValues(context, context.mainContactName ?? COMMON_FIELDS.find((field) => field.name === 'recipientName')!.example, this.clock.today()),
      ...Object.fromEntries(entry.fields.map((field) => [field.name, field.example])),
    };
    await recordAccess(this.db, this.clock, actor, childId, `letter-preview:${letterType}`);
    const rendered = renderTemplate(template, values, missingFieldMessage(letterType));
    return {
      caseReference: context.reference,
      childName: values.childName!,
      recipientName: values.recipientName!,
      subject: rendered.subject,
      html: letterHtml(rendered.text),
      exampleFields: entry.fields.map((field) => field.name),
    };
  }

  /**
   * Saves a new version of a type's template, which letters are written with from now on. Refused,
   * with nothing saved, for any problem with it, and when someone saved another version since the
   * form was opened (`baseVersion`, 0 for the standard wording). Audited.
   */
  async saveTemplate(actor: Actor, type: string, input: { subject: string; body: string; baseVersion: string | number }): Promise<number> {
    requireRole(actor, 'admin');
    const letterType = letterTypeOf(type);
    const template = checkTemplate(input, fieldNamesOf(letterType));
    const baseVersion = Number(input.baseVersion);
    if (!Number.isInteger(baseVersion) || baseVersion < 0) throw new ValidationError([{ field: 'body', message: 'The form is out of date: open the letter again' }]);
    const stale = new ConflictError('Someone else saved this letter since you opened it. Your changes were not saved: open the letter again to see theirs.');
    return this.db.transaction(async (tx) => {
      const latest = await lettersRepository.latestTemplateVersion(tx, actor.authorityId, letterType);
      if (latest !== baseVersion) throw stale;
      const version = latest + 1;
      const saved = await lettersRepository.insertTemplateVersion(tx, {
        id: uuidv7(),
        authorityId: actor.authorityId,
        letterType,
        version,
        subject: template.subject,
        body: template.body,
        savedBy: actor.id,
        savedAt: this.clock.now(),
      });
      if (!saved) throw stale;
      await recordAudit(tx, this.clock, actor, { action: 'letter-template.saved', entityType: 'letter_template', entityId: `${letterType}/${version}`, details: { letterType, version } });
      return version;
    });
  }

  /** The council's details as its letters give them: saved, or the defaults, with the version to save over. */
  private async authority(actor: Actor) {
    const found = await lettersRepository.findAuthorityForLetters(this.db, actor.authorityId);
    if (!found) throw new NotFoundError('No such council');
    const values = councilDetailsFor({ details: found.details, demo: found.demo, authorityName: found.authorityName });
    return {
      saved: found.details !== null,
      demoDefaults: found.details === null && found.demo,
      version: found.details?.version ?? 0,
      updatedAt: found.details?.updatedAt.toISOString(),
      values: values as Partial<CouncilDetails>,
    };
  }

  async councilDetails(actor: Actor) {
    requireRole(actor, ...TEMPLATE_READER_ROLES);
    return { ...(await this.authority(actor)), canEdit: actor.roles.includes('admin'), demoValues: DEMO_COUNCIL_DETAILS };
  }

  /** Saves the council's details; refused if someone saved since the form was opened. Audited with what changed. */
  async saveCouncilDetails(actor: Actor, input: Record<keyof CouncilDetails, string> & { version: string | number }): Promise<void> {
    requireRole(actor, 'admin');
    const parsed = councilDetailsSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(problemsOf(parsed.error));
    const readVersion = Number(input.version);
    if (!Number.isInteger(readVersion) || readVersion < 0) throw new ValidationError([{ field: 'councilName', message: 'The form is out of date: open it again' }]);
    const before = (await this.authority(actor)).values;
    await this.db.transaction(async (tx) => {
      const saved = await lettersRepository.saveCouncilDetails(tx, actor.authorityId, readVersion, parsed.data, actor.id, this.clock.now());
      if (!saved) throw new ConflictError('Someone else saved the council’s details since you opened them. Your changes were not saved: open them again to see theirs.');
      const changed = (Object.keys(parsed.data) as (keyof CouncilDetails)[]).filter((key) => before[key] !== parsed.data[key]);
      await recordAudit(tx, this.clock, actor, {
        action: 'letter-council-details.saved',
        entityType: 'authority',
        entityId: actor.authorityId,
        details: { version: readVersion + 1, fields: changed, changes: Object.fromEntries(changed.map((key) => [key, { from: before[key] ?? null, to: parsed.data[key] }])) },
      });
    });
  }

  private present(actor: Actor, row: LetterRow): LetterView {
    // A withheld address never leaves the service layer for anyone outside the SEND team; nor
    // does the PDF, which shows it.
    const shown = !row.addressWithheld || isSendTeam(actor);
    return {
      id: row.id,
      caseId: row.caseId,
      childId: row.childId,
      caseReference: row.caseReference,
      type: row.letterType,
      typeName: isLetterType(row.letterType) ? LETTER_TYPE_INFO[row.letterType].name : row.letterType,
      templateVersion: row.templateVersion,
      recipient: { name: row.recipientName, channel: row.channel, address: shown ? row.recipientAddress : undefined, addressWithheld: row.addressWithheld },
      subject: row.subject,
      text: row.bodyText,
      html: row.bodyHtml,
      sentBy: row.createdByName,
      createdAt: row.createdAt,
      sentOn: londonDateOf(new Date(row.createdAt)),
      messageId: row.messageId,
      status: row.state,
      pdfDocumentId: shown ? (row.pdfDocumentId ?? undefined) : undefined,
      pdfWithheld: !shown && row.pdfDocumentId !== null,
    };
  }

  /** One letter, to those who may see its case's child (anyone else is told it does not exist); logged. */
  async letter(actor: Actor, letterId: string, view = 'letter'): Promise<LetterView> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.safeParse(letterId).success) throw new NotFoundError('No such letter');
    const row = await lettersRepository.findLetter(this.db, actor.authorityId, letterId);
    if (!row) throw new NotFoundError('No such letter');
    await requireCaseAccess(this.db, this.clock, actor, row.caseId, `${view}:${row.id}`).catch((error: unknown) => {
      throw error instanceof NotFoundError ? new NotFoundError('No such letter') : error;
    });
    await recordAccess(this.db, this.clock, actor, row.childId, `${view}:${row.id}`);
    return this.present(actor, row);
  }

  /** A case's letters, newest first, to those who may see its child; logged. */
  async caseLetters(actor: Actor, caseId: string, view = 'letters'): Promise<LetterView[]> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.safeParse(caseId).success) throw new NotFoundError('No such case');
    const { childId } = await requireCaseAccess(this.db, this.clock, actor, caseId, view);
    const rows = await lettersRepository.listCaseLetters(this.db, actor.authorityId, caseId);
    await recordAccess(this.db, this.clock, actor, childId, view);
    return rows.map((row) => this.present(actor, row));
  }

  /** A letter's PDF, through the documents feature (which checks access and logs the download). */
  async letterPdf(actor: Actor, letterId: string) {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.safeParse(letterId).success) throw new NotFoundError('No such letter');
    const row = await lettersRepository.findLetter(this.db, actor.authorityId, letterId);
    if (!row?.pdfDocumentId) throw new NotFoundError('No such letter, or its PDF is still being made');
    return this.documents.download(actor, row.pdfDocumentId, 'letter-pdf');
  }

  /**
   * The handler of LETTER_PDF_JOB: makes the letter's tagged PDF and keeps it as a document on its
   * case, linked to the letter. Done once: a letter that has its PDF is left as it is.
   */
  async renderPdf(job: ClaimedJob, context?: JobContext): Promise<void> {
    const letterId = job.payload.letterId;
    if (typeof letterId !== 'string' || !UUID.safeParse(letterId).success) throw new JobFailure('The job names no letter', { permanent: true });
    const row = await lettersRepository.findLetter(this.db, job.authorityId, letterId);
    if (!row) throw new JobFailure('The letter no longer exists', { permanent: true });
    if (row.pdfDocumentId) return;
    const authority = await lettersRepository.findAuthorityForLetters(this.db, job.authorityId);
    const councilName = authority ? councilDetailsFor({ details: authority.details, demo: authority.demo, authorityName: authority.authorityName }).councilName : '';
    const sentOn = londonDateOf(new Date(row.createdAt));
    const bytes = await letterPdf(
      {
        councilName,
        recipientName: row.recipientName,
        channel: row.channel,
        recipientAddress: row.recipientAddress,
        sentOn: longDate(sentOn),
        caseReference: row.caseReference,
        subject: row.subject,
        text: row.bodyText,
      },
      new Date(row.createdAt),
      context ? { signal: context.signal } : {},
    );
    const alreadyMade = new Error('The letter already has its PDF');
    await this.documents.keepGenerated(
      job.authorityId,
      {
        caseId: row.caseId,
        title: `Letter: ${row.subject}`,
        filename: `${row.caseReference} ${isLetterType(row.letterType) ? LETTER_TYPE_INFO[row.letterType].name : 'letter'} ${sentOn}.pdf`,
        mediaType: 'application/pdf',
        bytes,
        kind: 'letter',
        addressWithheld: row.addressWithheld,
        createdBy: row.createdBy ?? 'system',
      },
      async (tx, documentId) => {
        // Another try made it first: this one keeps nothing.
        if (!(await lettersRepository.linkLetterPdf(tx, job.authorityId, letterId, documentId))) throw alreadyMade;
      },
    ).catch((error: unknown) => {
      if (error !== alreadyMade) throw error;
    });
  }
}

export type { LetterTemplateText };

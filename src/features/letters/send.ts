// Sending a letter: the council's current template of its type, filled from the case, the council's
// details and what the caller gives, kept on the case as sent, and queued in the outbox with the
// job that makes its PDF, all in the caller's transaction. Nothing slow happens here (the PDF is the
// job's): a decision and its letter commit together in one short transaction.
import type { Executor } from '../../db/database.ts';
import { isLetterType, type LetterType } from '../../domain/letters/letter-types.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { longDate } from '../../web/long-date.ts';
import { recordAudits } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { enqueueJobs } from '../jobs/index.ts';
import { queueMessages } from '../outbox/index.ts';
import { catalogueEntry, COUNCIL_DETAIL_FIELDS, fieldsOf } from './catalogue.ts';
import { DEMO_COUNCIL_DETAILS, type CouncilDetails } from './council-details.ts';
import { letterHtml, notifyText } from './letter-text.ts';
import * as lettersRepository from './repository.ts';
import type { LetterContextRow } from './repository.ts';
import { renderTemplate, type LetterTemplateText } from './template.ts';

/** The kind of job that makes a letter's tagged PDF. */
export const LETTER_PDF_JOB = 'letters.render-pdf';

export interface LetterRecipient {
  name: string;
  channel: 'letter' | 'email';
  /** An e-mail address, or a postal address one line per line, the postcode last. */
  address: string;
  personId?: string;
  /** The recipient's address must not be disclosed: shown to the SEND team only. */
  addressWithheld?: boolean;
}

export interface NewLetter {
  caseId: string;
  type: LetterType;
  recipient: LetterRecipient;
  /** The type's own fields (see the catalogue), already written as text: dates as "3 March 2027". */
  fields: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The council's details a letter is written with: saved, the demo's, or (for another council) only its name. */
export function councilDetailsFor(context: Pick<LetterContextRow, 'details' | 'demo' | 'authorityName'>): Partial<CouncilDetails> & { councilName: string } {
  if (context.details) return context.details;
  if (context.demo) return DEMO_COUNCIL_DETAILS;
  return { councilName: context.authorityName };
}

/** The values of the fields every letter may use, from the case, the council and the recipient. */
export function commonValues(context: LetterContextRow, recipientName: string, today: string): Record<string, string | undefined> {
  const details = councilDetailsFor(context);
  const contact = context.officer ?? context.sender ?? (details.sendTeamEmail ? { name: `The SEND team, ${details.councilName}`, email: details.sendTeamEmail } : undefined);
  return {
    recipientName,
    childName: `${context.forename} ${context.surname}`,
    childDateOfBirth: longDate(context.dateOfBirth),
    caseReference: context.reference,
    officerName: contact?.name,
    officerEmail: contact?.email,
    councilName: details.councilName,
    today: longDate(today),
    iassName: details.iassName,
    iassContact: details.iassContact,
    mediationService: details.mediationService,
    disagreementResolutionService: details.disagreementResolutionService,
  };
}

/** What to say when a field a template uses has no value. */
export function missingFieldMessage(type: LetterType): (field: string) => string {
  const fields = fieldsOf(type);
  return (field) => {
    if ((COUNCIL_DETAIL_FIELDS as readonly string[]).includes(field) || field === 'officerName' || field === 'officerEmail') {
      return `The council’s details for letters are not set, so the letter cannot say {{${field}}}: an administrator enters them under Letters, Council details`;
    }
    const known = fields.find((entry) => entry.name === field);
    return known
      ? `The ${catalogueEntry(type).name.toLowerCase()} letter needs {{${field}}} (${known.description.toLowerCase()}), which was not given`
      : `The letter uses {{${field}}}, which was not given`;
  };
}

/** The template a letter of the type is written with now: the council's latest version, or the standard wording. */
export function currentTemplate(type: LetterType, context: Pick<LetterContextRow, 'template'>): LetterTemplateText & { version: number | null } {
  return context.template ? { ...context.template } : { ...catalogueEntry(type).standard, version: null };
}

/**
 * Renders the authority's current template for `type` with the common fields (filled from the case
 * and the council's details) and `fields`, keeps the letter on the case, and queues it in the outbox
 * (and its PDF job) in the caller's transaction `tx`. Throws ValidationError (nothing written) when a
 * field the template uses is missing.
 */
export async function sendLetter(tx: Executor, clock: Clock, actor: Actor, letter: NewLetter): Promise<{ letterId: string; messageId: string }> {
  const [sent] = await sendLetters(tx, clock, actor, [letter]);
  return sent!;
}

/**
 * Many letters at once, as sendLetter sends one, in a fixed number of statements however many
 * there are (a hand-over of 500 cases writes to 500 families inside one confirmation). Every letter
 * is written before anything is: a missing field in any refuses them all. Results in the order given.
 */
export async function sendLetters(tx: Executor, clock: Clock, actor: Actor, letters: readonly NewLetter[]): Promise<{ letterId: string; messageId: string }[]> {
  requireRole(actor, ...CASEWORK_ROLES);
  for (const letter of letters) {
    if (!isLetterType(letter.type)) throw new ValidationError([{ field: 'type', message: `There is no type of letter called ${String(letter.type)}` }]);
    if (!UUID.test(letter.caseId)) throw new NotFoundError('No such case');
  }
  const senderId = actor.kind === 'system' ? null : actor.id;
  const contexts = await lettersRepository.readLetterContexts(
    tx,
    actor.authorityId,
    letters.map((letter) => ({ caseId: letter.caseId, letterType: letter.type, personId: letter.recipient.personId ?? null })),
    senderId,
  );
  const today = clock.today();
  const written = letters.map((letter, index) => {
    const context = contexts[index];
    if (!context) throw new NotFoundError('No such case');
    const recipient = letter.recipient;
    const own = Object.fromEntries(catalogueEntry(letter.type).fields.map((field) => [field.name, Object.hasOwn(letter.fields, field.name) ? letter.fields[field.name] : undefined]));
    const template = currentTemplate(letter.type, context);
    const { subject, text } = renderTemplate(template, { ...commonValues(context, recipient.name.trim(), today), ...own }, missingFieldMessage(letter.type));
    // A person the record says must not have their address disclosed is withheld, whatever the caller said.
    const addressWithheld = recipient.addressWithheld === true || context.personWithholdsAddress === true;
    return { letter, context, template, subject, text, html: letterHtml(text), addressWithheld, letterId: uuidv7() };
  });

  const queued = await queueMessages(
    tx,
    clock,
    actor,
    written.map(({ letter, context, subject, text, html, addressWithheld }) => ({
      channel: letter.recipient.channel,
      recipientName: letter.recipient.name,
      recipientAddress: letter.recipient.address,
      addressWithheld,
      subject,
      bodyText: notifyText(text),
      bodyHtml: html,
      caseId: context.caseId,
      childId: context.childId,
      ...(letter.recipient.personId ? { personId: letter.recipient.personId } : {}),
    })),
  );
  const createdAt = clock.now();
  await lettersRepository.insertLetters(
    tx,
    written.map(({ letter, context, template, subject, text, html, addressWithheld, letterId }, index) => ({
      id: letterId,
      authorityId: actor.authorityId,
      caseId: context.caseId,
      childId: context.childId,
      letterType: letter.type,
      templateVersion: template.version,
      recipientName: letter.recipient.name.trim(),
      recipientChannel: letter.recipient.channel,
      addressWithheld,
      subject,
      bodyText: text,
      bodyHtml: html,
      createdBy: senderId,
      createdAt,
      messageId: queued[index]!.messageId,
      pdfDocumentId: null,
    })),
  );
  await enqueueJobs(
    tx,
    clock,
    written.map(({ letterId }) => ({ authorityId: actor.authorityId, kind: LETTER_PDF_JOB, payload: { letterId } })),
  );
  await recordAudits(
    tx,
    clock,
    actor,
    written.map(({ letter, context, template, letterId }, index) => ({
      action: 'letter.sent',
      entityType: 'letter',
      entityId: letterId,
      details: { caseId: context.caseId, childId: context.childId, letterType: letter.type, templateVersion: template.version, messageId: queued[index]!.messageId, channel: letter.recipient.channel },
    })),
  );
  return written.map(({ letterId }, index) => ({ letterId, messageId: queued[index]!.messageId }));
}

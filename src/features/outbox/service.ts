import { z } from 'zod';
import type { Database, Executor } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { NotFoundError, problemsOf, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit, recordListAccess } from '../audit/index.ts';
import { hasRole, MANAGER_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { enqueueJobs, JobFailure, requeueDeadJob, type ClaimedJob, type JobContext } from '../jobs/index.ts';
import { isSendTeam, OUTBOX_ROLES } from './access.ts';
import type { DeliveryAdapter } from './adapters.ts';
import * as outboxRepository from './repository.ts';
import type { MessageRow, PersonContactRow as PersonContact } from './repository.ts';
import { MESSAGE_STATES, type MessageState } from './states.ts';

/** The kind of job that sends one message. */
export const SEND_MESSAGE_JOB = 'outbox.send';

const emailAddress = z.email('Enter the recipient’s e-mail address');
const newMessageSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('email'), recipientName: z.string().trim().min(1).max(200), recipientAddress: emailAddress }),
  z.object({ channel: z.literal('letter'), recipientName: z.string().trim().min(1).max(200), recipientAddress: z.string().trim().min(1, 'Enter the recipient’s postal address').max(1_000) }),
]);
const contentSchema = z.object({ subject: z.string().trim().min(1).max(300), bodyText: z.string().min(1).max(100_000), bodyHtml: z.string().max(200_000).optional() });

export interface NewMessage {
  channel: 'letter' | 'email';
  recipientName: string;
  /** An e-mail address, or a postal address one line per line, the postcode last. */
  recipientAddress: string;
  /** The recipient's address must not be disclosed: shown to the SEND team only. */
  addressWithheld?: boolean;
  subject: string;
  bodyText: string;
  /** The same words as HTML; made from the text when not given. */
  bodyHtml?: string;
  caseId?: string;
  childId?: string;
  personId?: string;
}

const escapeHtml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

function htmlFromText(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replaceAll('\n', '<br>')}</p>`)
    .join('\n');
}

/**
 * Queues a letter or e-mail in the caller's transaction: the message and the job that sends it are
 * written with the casework that causes them, so a change that rolls back leaves no message behind,
 * and none is sent before the change has committed. Returns the message's id and its job's.
 */
export async function queueMessage(tx: Executor, clock: Clock, actor: Actor, message: NewMessage): Promise<{ messageId: string; jobId: string }> {
  const [queued] = await queueMessages(tx, clock, actor, [message]);
  return queued!;
}

/** Many messages at once (a hand-over's letters), each checked as queueMessage checks one; all or none. */
export async function queueMessages(tx: Executor, clock: Clock, actor: Actor, messages: readonly NewMessage[]): Promise<{ messageId: string; jobId: string }[]> {
  const checked = messages.map((message) => {
    const recipient = newMessageSchema.safeParse(message);
    const content = contentSchema.safeParse(message);
    if (!recipient.success || !content.success) throw new ValidationError([...(recipient.success ? [] : problemsOf(recipient.error)), ...(content.success ? [] : problemsOf(content.error))]);
    return { message, recipient: recipient.data, content: content.data, id: uuidv7() };
  });
  const jobIds = await enqueueJobs(
    tx,
    clock,
    checked.map(({ id }) => ({ authorityId: actor.authorityId, kind: SEND_MESSAGE_JOB, payload: { messageId: id } })),
  );
  const createdAt = clock.now();
  await outboxRepository.insertMessages(
    tx,
    checked.map(({ message, recipient, content, id }, index) => ({
      id,
      authorityId: actor.authorityId,
      channel: recipient.channel,
      recipientName: recipient.recipientName,
      recipientAddress: recipient.recipientAddress,
      addressWithheld: message.addressWithheld ?? false,
      subject: content.subject,
      bodyText: content.bodyText,
      bodyHtml: content.bodyHtml ?? htmlFromText(content.bodyText),
      caseId: message.caseId ?? null,
      childId: message.childId ?? null,
      personId: message.personId ?? null,
      status: 'queued' as const,
      jobId: jobIds[index]!,
      createdBy: actor.kind === 'user' ? actor.id : null,
      createdAt,
    })),
  );
  return checked.map(({ id }, index) => ({ messageId: id, jobId: jobIds[index]! }));
}

/**
 * A person as the recipient of a letter (their postal address, the postcode last) or an e-mail,
 * carrying their do-not-disclose flag; undefined when they have no such address.
 */
export async function personRecipient(
  executor: Executor,
  authorityId: string,
  personId: string,
  channel: 'letter' | 'email',
): Promise<Pick<NewMessage, 'channel' | 'recipientName' | 'recipientAddress' | 'addressWithheld' | 'personId'> | undefined> {
  const found = await outboxRepository.findPersonContact(executor, authorityId, personId);
  if (!found) throw new NotFoundError('No such person');
  return recipientOf(found, personId, channel);
}

/** The same from a person's contact details already read (many people read in one statement). */
export function recipientOf(
  found: PersonContact,
  personId: string,
  channel: 'letter' | 'email',
): Pick<NewMessage, 'channel' | 'recipientName' | 'recipientAddress' | 'addressWithheld' | 'personId'> | undefined {
  const lines = channel === 'email' ? [found.email ?? ''] : [...(found.address ?? '').split(/\n|,/), found.postcode ?? ''];
  const address = lines.map((line) => line.trim()).filter((line) => line !== '').join('\n');
  if (address === '' || (channel === 'letter' && !found.address)) return undefined;
  return { channel, recipientName: `${found.forename} ${found.surname}`, recipientAddress: address, addressWithheld: found.doNotDiscloseAddress, personId };
}

export interface MessageView {
  id: string;
  channel: 'letter' | 'email';
  recipientName: string;
  /** Undefined when withheld from this viewer. */
  recipientAddress: string | undefined;
  /** The message's words; undefined when withheld from this viewer, as they may repeat the address. */
  bodyText: string | undefined;
  addressWithheld: boolean;
  subject: string;
  state: MessageState;
  deliveredBy: string | null;
  createdAt: string;
  deliveredAt: string | null;
  attempts: number;
  maxAttempts: number;
  /** When the next try is due, for a failed message. */
  nextTryAt: string | undefined;
  lastError: string | null;
  childId: string | null;
}

export class OutboxService {
  private readonly db: Database;
  private readonly clock: Clock;
  readonly adapter: DeliveryAdapter;
  private readonly showsSignInLinks: boolean;

  /**
   * `environment`: in production a portal sign-in link in a message's words is hidden from the
   * outbox's pages (the link signs its holder in); elsewhere it is shown, so a demonstration or a
   * test can follow it.
   */
  constructor(db: Database, clock: Clock, adapter: DeliveryAdapter, options: { environment?: 'development' | 'test' | 'production' } = {}) {
    this.db = db;
    this.clock = clock;
    this.adapter = adapter;
    this.showsSignInLinks = options.environment !== 'production';
  }

  private viewer(actor: Actor) {
    return { actorId: actor.id, seesRestricted: hasRole(actor, ...MANAGER_ROLES) };
  }

  private present(actor: Actor, row: MessageRow): MessageView {
    // A withheld address never leaves the service layer for anyone outside the SEND team.
    const shown = !row.addressWithheld || isSendTeam(actor);
    return {
      id: row.id,
      channel: row.channel,
      recipientName: row.recipientName,
      recipientAddress: shown ? row.recipientAddress : undefined,
      bodyText: shown ? (this.showsSignInLinks ? row.bodyText : withoutSignInLinks(row.bodyText)) : undefined,
      addressWithheld: row.addressWithheld,
      subject: row.subject,
      state: row.state,
      deliveredBy: row.deliveredBy,
      createdAt: row.createdAt,
      deliveredAt: row.deliveredAt,
      attempts: row.attempts,
      maxAttempts: row.maxAttempts,
      nextTryAt: row.state === 'failed' ? row.runAfter : undefined,
      lastError: row.lastError,
      childId: row.childId,
    };
  }

  /** The outbox: the latest messages, all or of one state, and how many there are of each. */
  async outbox(actor: Actor, filter: { state?: string | undefined } = {}) {
    requireRole(actor, ...OUTBOX_ROLES);
    const state = MESSAGE_STATES.find((candidate) => candidate === filter.state);
    const viewer = this.viewer(actor);
    const [rows, counts] = await Promise.all([
      outboxRepository.listMessages(this.db, actor.authorityId, viewer, state, 100),
      outboxRepository.countMessagesByState(this.db, actor.authorityId, viewer),
    ]);
    await this.logShown(actor, 'outbox', rows);
    return { state, counts, messages: rows.map((row) => this.present(actor, row)), delivery: this.adapter.description };
  }

  /**
   * A list of messages names their recipients, parents' addresses among them, and says whom each
   * child's letters went to: the children on it go to the log of lists shown, as search's do.
   */
  private async logShown(actor: Actor, view: string, rows: readonly MessageRow[]): Promise<void> {
    const children = [...new Set(rows.flatMap((row) => (row.childId ? [row.childId] : [])))];
    if (children.length > 0) await recordListAccess(this.db, this.clock, actor, view, children);
  }

  async message(actor: Actor, messageId: string): Promise<MessageView> {
    requireRole(actor, ...OUTBOX_ROLES);
    if (!z.uuid().safeParse(messageId).success) throw new NotFoundError('No such message');
    const row = await outboxRepository.findMessage(this.db, actor.authorityId, this.viewer(actor), messageId);
    if (!row) throw new NotFoundError('No such message');
    // A message about a child is a view of their record.
    if (row.childId) await recordAccess(this.db, this.clock, actor, row.childId, 'outbox-message');
    return this.present(actor, row);
  }

  /** Messages that could not be sent and are no longer tried: for administrators. */
  async deadLetters(actor: Actor): Promise<MessageView[]> {
    requireRole(actor, 'admin');
    const rows = await outboxRepository.listMessages(this.db, actor.authorityId, this.viewer(actor), 'dead', 100);
    await this.logShown(actor, 'outbox-dead-letters', rows);
    return rows.map((row) => this.present(actor, row));
  }

  /** Sends a dead message again, from its first try; audited. */
  async tryAgain(actor: Actor, messageId: string): Promise<void> {
    requireRole(actor, 'admin');
    if (!z.uuid().safeParse(messageId).success) throw new NotFoundError('No such message');
    const row = await outboxRepository.findMessage(this.db, actor.authorityId, this.viewer(actor), messageId);
    if (!row || row.state !== 'dead') throw new NotFoundError('No such message waiting to be tried again');
    await this.db.transaction(async (tx) => {
      if (!(await requeueDeadJob(tx, this.clock, actor.authorityId, row.jobId))) throw new NotFoundError('No such message waiting to be tried again');
      await recordAudit(tx, this.clock, actor, { action: 'outbox.retried', entityType: 'outbox_message', entityId: messageId, details: { jobId: row.jobId } });
    });
  }

  /** The handler of SEND_MESSAGE_JOB: hands the message to the adapter and records the outcome. */
  async deliver(job: ClaimedJob, context: JobContext): Promise<void> {
    const messageId = job.payload.messageId;
    if (typeof messageId !== 'string') throw new JobFailure('The job names no message', { permanent: true });
    const message = await outboxRepository.findForDelivery(this.db, job.authorityId, messageId);
    if (!message) throw new JobFailure('The message no longer exists', { permanent: true });
    // Delivered already, by a try whose instance stopped before it could record the job as done.
    if (message.status !== 'queued') return;
    const delivery = await this.adapter.deliver(message, context.signal);
    await outboxRepository.markDelivered(this.db, job.authorityId, messageId, {
      status: delivery.outcome,
      deliveredBy: this.adapter.name,
      providerReference: delivery.reference ?? null,
      deliveredAt: this.clock.now(),
    });
  }
}

/** A portal sign-in link's token: a credential, never shown on a page in production. */
const SIGN_IN_LINK = /(\/portal\/sign-in\/link\/)[A-Za-z0-9_-]+/g;

/** The words of a message with each portal sign-in link's token hidden. */
export function withoutSignInLinks(text: string): string {
  return text.replace(SIGN_IN_LINK, '$1[hidden: the link signs its holder in]');
}

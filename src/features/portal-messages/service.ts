import type { Database, Executor } from '../../db/database.ts';
import { isoDate } from '../../domain/calendar/index.ts';
import { consultationMessageWords, isPortalMessageEvent, PORTAL_MESSAGE_AUDIENCE, portalMessageWords, type PortalMessageWords } from '../../domain/portal/messages.ts';
import { londonDateOf, type Clock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAccess, recordAudit, recordListAccess } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, systemActor, type Actor, type PortalActor } from '../auth/index.ts';
import { requireChildAccess } from '../children/index.ts';
import type { ClaimedJob } from '../jobs/index.ts';
import { queueMessage, type MessageState } from '../outbox/index.ts';
import { requireSignedIn } from '../portal-auth/index.ts';
import { messageLinks } from './paths.ts';
import * as messagesRepository from './repository.ts';
import type { MessageRecipient, PortalMessageRow } from './repository.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most messages the inbox shows. */
const INBOX_LIMIT = 200;

export interface PortalMessageView {
  id: string;
  subject: string;
  text: string;
  link: string;
  actBy: string | null;
  legalNotice: boolean;
  /** Day in England it came, YYYY-MM-DD. */
  receivedOn: string;
  read: boolean;
}

/** A child's portal message on the officer's page, with what became of its e-mail. */
export interface ChildMessageView {
  id: string;
  subject: string;
  to: string;
  sentOn: string;
  read: boolean;
  legalNotice: boolean;
  delivery: { state: MessageState | 'portal-only'; words: string; outboxMessageId: string | null };
}

/** One source's messages: what they are about, to whom, the page and the words. */
interface MessageToSend {
  sourceId: string;
  about: string;
  caseId: string;
  childId: string;
  recipients: MessageRecipient[];
  link: string;
  words: PortalMessageWords;
}

const DELIVERY_WORDS: Record<MessageState | 'portal-only', string> = {
  'portal-only': 'Not e-mailed: kept in the portal only, as the person chose',
  queued: 'E-mail waiting to be sent',
  sent: 'E-mail sent',
  held: 'E-mail held: no e-mail service is set up',
  failed: 'E-mail failed: being tried again',
  dead: 'E-mail could not be sent',
};

/**
 * Messages to portal accounts: each case event people act on (the one catalogue of case events,
 * src/domain/events) becomes a message to the people it concerns, through one background job
 * queued with the event (features/cases). Each says what happened, what to do and by when, and
 * links to the portal page; it is kept in the person's portal inbox and e-mailed through the
 * outbox unless they keep messages only in the portal. A legal notice is always e-mailed. The
 * e-mail carries nothing sensitive: a child's first name at most.
 */
export class PortalMessagesService {
  private readonly db: Database;
  private readonly clock: Clock;
  private readonly options: { publicUrl: string; serviceName: string };

  constructor(db: Database, clock: Clock, options: { publicUrl: string; serviceName: string }) {
    this.db = db;
    this.clock = clock;
    this.options = options;
  }

  /**
   * The handler of PORTAL_MESSAGE_JOB: the messages of a case event (or of a school consultation),
   * each kept once per person and e-mailed as they prefer, in one transaction.
   */
  async fromCaseEvent(job: ClaimedJob): Promise<void> {
    const caseEventId = typeof job.payload.caseEventId === 'string' ? job.payload.caseEventId : '';
    const consultationId = typeof job.payload.consultationId === 'string' ? job.payload.consultationId : '';
    if (!UUID.test(caseEventId) && !UUID.test(consultationId)) return;
    await this.db.transaction(async (tx) => {
      const made = UUID.test(caseEventId) ? await this.eventMessage(tx, job.authorityId, caseEventId) : await this.consultationMessage(tx, job.authorityId, consultationId);
      if (made) await this.send(tx, job.authorityId, made);
    });
  }

  private async eventMessage(tx: Executor, authorityId: string, caseEventId: string): Promise<MessageToSend | undefined> {
    const event = await messagesRepository.findEvent(tx, authorityId, caseEventId);
    if (!event || !isPortalMessageEvent(event.type)) return undefined;
    const firstName = event.preferredName || event.forename;
    let recipients: MessageRecipient[] = [];
    let link = '';
    let adviceDueOn: string | undefined;
    const audience = PORTAL_MESSAGE_AUDIENCE[event.type];
    if (audience === 'family') {
      recipients = await messagesRepository.familyRecipients(tx, authorityId, event.childId);
      link = event.type === 'draft.issued' ? messageLinks.childPlan(event.childId) : messageLinks.child(event.childId);
    } else if (audience === 'school') {
      const reviewId = typeof event.payload.reviewId === 'string' ? event.payload.reviewId : '';
      recipients = UUID.test(reviewId) ? await messagesRepository.reviewSchoolRecipients(tx, authorityId, reviewId) : [];
      link = messageLinks.schoolReviews;
    } else {
      const requestId = typeof event.payload.adviceRequestId === 'string' ? event.payload.adviceRequestId : '';
      const found = UUID.test(requestId) ? await messagesRepository.adviceRecipient(tx, authorityId, requestId) : undefined;
      if (found) {
        recipients = [found];
        link = messageLinks.adviceRequest(found.requestId);
        adviceDueOn = found.dueOn;
      }
    }
    const words = portalMessageWords({ type: event.type, occurredOn: isoDate(event.occurredOn) }, { firstName, adviceDueOn: adviceDueOn ? isoDate(adviceDueOn) : undefined });
    return { sourceId: event.id, about: event.type, caseId: event.caseId, childId: event.childId, recipients, link, words };
  }

  private async consultationMessage(tx: Executor, authorityId: string, consultationId: string): Promise<MessageToSend | undefined> {
    const consultation = await messagesRepository.findConsultation(tx, authorityId, consultationId);
    if (!consultation || consultation.status !== 'awaiting') return undefined;
    const recipients = await messagesRepository.consultationSchoolRecipients(tx, authorityId, consultationId);
    const words = consultationMessageWords({ dueOn: isoDate(consultation.dueOn) }, { firstName: consultation.preferredName || consultation.forename });
    return { sourceId: consultation.id, about: 'consultation.sent', caseId: consultation.caseId, childId: consultation.childId, recipients, link: messageLinks.schoolConsultation(consultation.id), words };
  }

  private async send(tx: Executor, authorityId: string, made: MessageToSend): Promise<void> {
    const actor = systemActor(authorityId, 'portal-messages');
    const { words, link } = made;
    for (const recipient of made.recipients) {
      const id = uuidv7();
      const kept = await messagesRepository.insertMessage(tx, {
        id,
        authorityId,
        accountId: recipient.accountId,
        childId: made.childId,
        sourceId: made.sourceId,
        eventType: made.about,
        subject: words.subject,
        text: words.text,
        link,
        actBy: words.actBy,
        legalNotice: words.legalNotice,
        outboxMessageId: null,
        createdAt: this.clock.now(),
      });
      if (!kept) continue;
      const emailed = recipient.emailEach || words.legalNotice;
      if (emailed) {
        const { messageId } = await queueMessage(tx, this.clock, actor, {
          channel: 'email',
          recipientName: recipient.name,
          recipientAddress: recipient.email,
          subject: words.subject,
          bodyText: [
            // No name: a parent's surname is often the child's.
            'Hello,',
            words.text,
            `See it in ${this.options.serviceName} (you will be asked to sign in):\n${this.options.publicUrl}${link}`,
            'This e-mail has no details of the case in it: they are in the portal, after you sign in.',
          ].join('\n\n'),
          caseId: made.caseId,
          childId: made.childId,
        });
        await messagesRepository.setOutboxMessage(tx, authorityId, id, messageId);
      }
      await recordAudit(tx, this.clock, actor, {
        action: 'portal.message-sent',
        entityType: 'portal_account',
        entityId: recipient.accountId,
        details: { portalMessageId: id, sourceId: made.sourceId, about: made.about, childId: made.childId, emailed, legalNotice: words.legalNotice },
      });
    }
  }

  /** The signed-in person's messages, newest first; the children they are about go to the log of lists shown. */
  async inbox(actor: PortalActor): Promise<{ messages: PortalMessageView[]; unread: number }> {
    requireSignedIn(actor);
    const rows = await messagesRepository.listForAccount(this.db, actor.authorityId, actor.accountId, INBOX_LIMIT);
    const children = [...new Set(rows.map((row) => row.childId).filter((value): value is string => value !== null))];
    if (children.length > 0) await recordListAccess(this.db, this.clock, actor, 'portal:messages', children);
    return { messages: rows.map(present), unread: rows.filter((row) => row.readAt === null).length };
  }

  /** One of their messages, now read (a view of the child it is about, logged); anyone else's is unknown. */
  async message(actor: PortalActor, messageId: string): Promise<PortalMessageView> {
    requireSignedIn(actor);
    if (!UUID.test(messageId)) throw new NotFoundError('No such message');
    const row = await messagesRepository.findForAccount(this.db, actor.authorityId, actor.accountId, messageId);
    if (!row) throw new NotFoundError('No such message');
    await messagesRepository.markRead(this.db, actor.authorityId, actor.accountId, messageId, this.clock.now());
    if (row.childId) await recordAccess(this.db, this.clock, actor, row.childId, 'portal:message');
    return { ...present(row), read: true };
  }

  async preferences(actor: PortalActor): Promise<{ emailEach: boolean }> {
    requireSignedIn(actor);
    return { emailEach: await messagesRepository.findPreference(this.db, actor.authorityId, actor.accountId) };
  }

  /** E-mail each message, or keep them only in the portal (a legal notice is e-mailed whatever is chosen). */
  async savePreferences(actor: PortalActor, input: { delivery: string }): Promise<{ emailEach: boolean }> {
    requireSignedIn(actor);
    if (input.delivery !== 'email' && input.delivery !== 'portal') throw new ValidationError([{ field: 'delivery', message: 'Choose how you want to get your messages' }]);
    const emailEach = input.delivery === 'email';
    await this.db.transaction(async (tx) => {
      await messagesRepository.savePreference(tx, actor.authorityId, actor.accountId, emailEach, this.clock.now());
      await recordAudit(tx, this.clock, actor, { action: 'portal.message-preference-changed', entityType: 'portal_account', entityId: actor.accountId, details: { emailEach } });
    });
    return { emailEach };
  }

  /** Staff: a child's portal messages and what became of each e-mail (a view of the child's record, logged). */
  async childMessages(actor: Actor, childId: string): Promise<ChildMessageView[]> {
    requireRole(actor, ...CASEWORK_ROLES);
    if (!UUID.test(childId)) throw new NotFoundError('No such child');
    await requireChildAccess(this.db, this.clock, actor, childId, 'portal-messages');
    const rows = await messagesRepository.listForChild(this.db, actor.authorityId, childId);
    await recordAccess(this.db, this.clock, actor, childId, 'portal-messages');
    return rows.map((row) => {
      const state = row.state ?? 'portal-only';
      const tries = state === 'failed' && row.attempts !== null ? ` (tried ${row.attempts} of ${row.maxAttempts} times; next try ${row.runAfter ? londonDateOf(new Date(row.runAfter)) : 'soon'})` : '';
      return {
        id: row.id,
        subject: row.subject,
        to: row.accountName,
        sentOn: londonDateOf(new Date(row.createdAt)),
        read: row.readAt !== null,
        legalNotice: row.legalNotice,
        delivery: { state, words: DELIVERY_WORDS[state] + tries, outboxMessageId: row.outboxMessageId },
      };
    });
  }
}

function present(row: PortalMessageRow): PortalMessageView {
  return { id: row.id, subject: row.subject, text: row.text, link: row.link, actBy: row.actBy, legalNotice: row.legalNotice, receivedOn: londonDateOf(row.createdAt), read: row.readAt !== null };
}

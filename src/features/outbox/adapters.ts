// How a letter or e-mail leaves the service. GOV.UK Notify when an API key is configured; by
// default nothing leaves: the message is held in the outbox, where the SEND team sees it and
// prints letters.
import { NotifyClient } from 'notifications-node-client';
import type { NotifyConfig } from '../../config.ts';
import { JobFailure } from '../jobs/index.ts';

export interface OutgoingMessage {
  id: string;
  channel: 'letter' | 'email';
  recipientName: string;
  /** The e-mail address, or the postal address one line per line. */
  recipientAddress: string;
  subject: string;
  bodyText: string;
}

export interface Delivery {
  /** sent: the provider has taken it; held: kept in the outbox for printing, not sent. */
  outcome: 'sent' | 'held';
  /** The provider's id for it. */
  reference?: string;
}

export interface DeliveryAdapter {
  /** 'notify' or 'outbox', recorded on each message it delivers. */
  readonly name: string;
  /** Says in the outbox's words where messages go. */
  readonly description: string;
  deliver(message: OutgoingMessage, signal: AbortSignal): Promise<Delivery>;
}

/** The default: nothing is sent; each message waits in the outbox, letters to be printed. */
export const outboxOnlyAdapter: DeliveryAdapter = {
  name: 'outbox',
  description: 'GOV.UK Notify is not set up: nothing is sent. Letters are held here for printing and e-mails are not sent.',
  async deliver() {
    return { outcome: 'held' };
  },
};

/** Notify takes an address of 3 to 7 lines, the name first and the postcode last. */
export function notifyAddressLines(name: string, address: string): Record<string, string> {
  const lines = [name, ...address.split('\n')].map((line) => line.trim()).filter((line) => line !== '');
  if (lines.length < 3) throw new JobFailure('The letter’s address has fewer than 3 lines, the name included: GOV.UK Notify cannot post it', { permanent: true });
  // Lines past the seventh are joined onto it, so no part of the address is lost.
  const fitted = lines.length > 7 ? [...lines.slice(0, 6), lines.slice(6).join(', ')] : lines;
  return Object.fromEntries(fitted.map((line, index) => [`address_line_${index + 1}`, line]));
}

/**
 * What is kept of Notify's refusal: its status and error kinds (BadRequestError, RateLimitError),
 * never its messages, which may quote the recipient. A 400 or 403 will not change by trying again
 * (the message or the key is wrong): the job is dead at once, for an administrator to see.
 */
export function notifyFailure(error: unknown): JobFailure {
  const response = (error as { response?: { status?: number; data?: { errors?: { error?: unknown }[] } } }).response;
  if (response?.status) {
    const kinds = [...new Set((response.data?.errors ?? []).map((entry) => entry.error).filter((kind): kind is string => typeof kind === 'string' && /^\w{1,40}$/.test(kind)))];
    const permanent = response.status === 400 || response.status === 403;
    return new JobFailure(`GOV.UK Notify answered ${response.status}${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}`, { permanent });
  }
  const code = (error as { code?: unknown }).code;
  return new JobFailure(`GOV.UK Notify could not be reached${typeof code === 'string' && /^\w{1,40}$/.test(code) ? ` (${code})` : ''}`);
}

type RestClient = (options: Record<string, unknown>) => Promise<{ data: unknown }>;

/** GOV.UK Notify through its own client, at the configured address (a stand-in in tests). */
export function notifyAdapter(config: NotifyConfig, options: { timeoutMs?: number } = {}): DeliveryAdapter {
  const timeout = options.timeoutMs ?? 30_000;
  // The client's own HTTP function (axios); each message's requests add a time limit and the job's abort signal.
  const restClient = new NotifyClient(config.baseUrl, config.apiKey).apiClient.restClient as RestClient;
  return {
    name: 'notify',
    description: 'Letters and e-mails are sent through GOV.UK Notify.',
    async deliver(message, signal) {
      const client = new NotifyClient(config.baseUrl, config.apiKey);
      client.setClient(((request: Record<string, unknown>) => restClient({ ...request, timeout, signal })) as never);
      try {
        const personalisation = { subject: message.subject, body: message.bodyText };
        const response =
          message.channel === 'email'
            ? await client.sendEmail(config.emailTemplateId, message.recipientAddress, { personalisation, reference: message.id })
            : await client.sendLetter(config.letterTemplateId, { personalisation: { ...notifyAddressLines(message.recipientName, message.recipientAddress), ...personalisation }, reference: message.id });
        const id = (response.data as { id?: unknown }).id;
        return { outcome: 'sent', ...(typeof id === 'string' ? { reference: id } : {}) };
      } catch (error) {
        if (error instanceof JobFailure) throw error;
        throw notifyFailure(error);
      }
    },
  };
}

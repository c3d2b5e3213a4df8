import type { MessageState } from './states.ts';
import type { MessageView } from './service.ts';

export const STATE_NAMES: Record<MessageState, string> = {
  queued: 'Queued',
  failed: 'Failed, will try again',
  dead: 'Not sent: gave up',
  sent: 'Sent',
  held: 'Held for printing: not sent',
};

const STATE_TAG_CLASSES: Record<MessageState, string> = {
  queued: 'govuk-tag--grey',
  failed: 'govuk-tag--orange',
  dead: 'govuk-tag--red',
  sent: 'govuk-tag--green',
  held: 'govuk-tag--blue',
};

export function stateTag(state: MessageState): { text: string; classes: string } {
  return { text: STATE_NAMES[state], classes: STATE_TAG_CLASSES[state] };
}

const londonMoment = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: 'numeric', minute: '2-digit', hour12: true });

/** A moment as the pages say it: "5 January 2026 at 2:05pm", in London. */
export function moment(value: string | Date | null | undefined): string {
  if (value === null || value === undefined) return '';
  const date = value instanceof Date ? value : new Date(value.includes('T') ? value : value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00'));
  if (Number.isNaN(date.getTime())) return String(value);
  const parts = Object.fromEntries(londonMoment.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase().replaceAll(' ', '')}`;
}

/** The recipient as a row shows them: the address, or that it is withheld from this viewer. */
export function recipientText(message: Pick<MessageView, 'recipientName' | 'recipientAddress' | 'addressWithheld'>): { name: string; address: string } {
  if (message.recipientAddress === undefined) return { name: message.recipientName, address: 'Address withheld: shown to the SEND team only' };
  return { name: message.recipientName, address: message.recipientAddress.replaceAll('\n', ', ') };
}

export function channelName(channel: 'letter' | 'email'): string {
  return channel === 'letter' ? 'Letter' : 'E-mail';
}

import type { LetterRecipient } from '../letters/index.ts';
import { recipientOf } from '../outbox/index.ts';
import type { ParentContactRow } from './repository.ts';

/** The family's recipient: the main contact first, then each parent or carer, by post where an address is held, else by e-mail. */
export function familyRecipient(parents: readonly ParentContactRow[]): LetterRecipient | undefined {
  for (const parent of parents) {
    const found = recipientOf(parent, parent.personId, 'letter') ?? recipientOf(parent, parent.personId, 'email');
    if (found) return { name: found.recipientName, channel: found.channel, address: found.recipientAddress, personId: parent.personId, addressWithheld: found.addressWithheld ?? false };
  }
  return undefined;
}

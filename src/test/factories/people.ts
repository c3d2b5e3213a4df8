import type { Relationship } from '../../domain/children/relationships.ts';
import type { Actor } from '../../features/auth/index.ts';
import type { TestApp } from '../app.ts';
import { lettersFor, nextNumber } from './sequence.ts';

export interface PersonOverrides {
  forename?: string;
  surname?: string;
  email?: string;
  phone?: string;
  address?: string;
  postcode?: string;
  /** The address is never to be shown outside the SEND team. */
  doNotDiscloseAddress?: boolean;
  /** How the person is related to the child. */
  relationship?: Relationship;
  parentalResponsibility?: boolean;
  mainContact?: boolean;
}

/**
 * A parent or carer linked to a child, added through the people service as an officer would, with
 * a surname of their own and an address that may be shown unless told otherwise.
 */
export async function aPerson(testApp: Pick<TestApp, 'services'>, actor: Actor, childId: string, overrides: PersonOverrides = {}): Promise<{ id: string }> {
  const number = nextNumber('person');
  const { personId } = await testApp.services.people.addPerson(actor, childId, {
    forename: 'Jo',
    surname: `Parent-${lettersFor(number)}`,
    address: `${number} Test Street`,
    postcode: 'B1 1AA',
    relationship: 'mother',
    parentalResponsibility: true,
    ...overrides,
  });
  return { id: personId };
}

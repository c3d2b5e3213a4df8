import type { Database } from '../../db/database.ts';
import { childPerson, person } from '../../db/schema/index.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { lettersFor, nextNumber } from './sequence.ts';

export interface PersonOverrides {
  forename?: string;
  surname?: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
  postcode?: string | null;
  /** The address is never to be shown outside the SEND team. */
  doNotDiscloseAddress?: boolean;
  createdAt?: Date;
  /** How the person is related to the child: mother, father, carer, ... */
  relationship?: string;
  parentalResponsibility?: boolean;
  mainContact?: boolean;
}

/**
 * A parent or carer linked to a child, with an address that may be shown unless told otherwise.
 * No service records people yet (the demo data writes them), so they are written to their tables.
 */
export async function aPerson(db: Database, authorityId: string, childId: string, overrides: PersonOverrides = {}): Promise<{ id: string }> {
  const id = uuidv7();
  const number = nextNumber('person');
  await db.insert(person).values({
    id,
    authorityId,
    forename: overrides.forename ?? 'Jo',
    surname: overrides.surname ?? `Parent-${lettersFor(number)}`,
    email: overrides.email ?? null,
    phone: overrides.phone ?? null,
    address: overrides.address === undefined ? `${number} Test Street` : overrides.address,
    postcode: overrides.postcode === undefined ? 'B1 1AA' : overrides.postcode,
    doNotDiscloseAddress: overrides.doNotDiscloseAddress ?? false,
    createdAt: overrides.createdAt ?? new Date(),
  });
  await db.insert(childPerson).values({
    authorityId,
    childId,
    personId: id,
    relationship: overrides.relationship ?? 'mother',
    parentalResponsibility: overrides.parentalResponsibility ?? true,
    mainContact: overrides.mainContact ?? false,
  });
  return { id };
}

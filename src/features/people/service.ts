import type { z } from 'zod';
import type { Database, Executor } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, problemsOf, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { requireChildAccess } from '../children/index.ts';
import { writeOnce } from '../requests/index.ts';
import * as peopleRepository from './repository.ts';
import { personChangeSchema, personDetailsSchema, type PersonChange, type PersonDetails } from './schemas.ts';

/** What the audit writes in place of an address that is not to be disclosed. */
const WITHHELD = '(withheld)';

/**
 * A child's parents, carers and others: added, changed and removed from the record by an officer
 * who may reach the child (the children's access policy), each change audited with its values
 * before and after. An address that is not to be disclosed is never in an answer, and not in the
 * audit either: the audit says it changed, not what to.
 */
export class PeopleService {
  private readonly db: Database;
  private readonly clock: Clock;

  constructor(db: Database, clock: Clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * Links a new person to the child; returns their id and the person as saved. With an
   * Idempotency-Key (the API's), a retry answers as the first time and adds no one.
   */
  async addPerson(actor: Actor, childId: string, input: PersonDetails, options: { idempotencyKey?: string | undefined } = {}): Promise<{ personId: string; person: PersonView; replayed: boolean }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const request = { operation: 'person.add', target: childId, input };
    const { result, replayed } = await writeOnce(this.db, this.clock, actor, options.idempotencyKey, request, async () => {
      const parsed = personDetailsSchema.safeParse(input);
      if (!parsed.success) throw new ValidationError(problemsOf(parsed.error));
      // Found and open to the actor, or "No such child": nothing is ever deleted, so it stays found.
      await requireChildAccess(this.db, this.clock, actor, childId, 'people');
      return (tx) => this.insertPerson(tx, actor, childId, parsed.data);
    });
    return { personId: result.id, person: result, replayed };
  }

  private async insertPerson(tx: Executor, actor: Actor, childId: string, details: z.output<typeof personDetailsSchema>): Promise<PersonView> {
    const personId = uuidv7();
    const saved = personRow(details);
    await peopleRepository.insertPerson(tx, { id: personId, authorityId: actor.authorityId, ...saved, createdAt: this.clock.now() });
    const link = { relationship: details.relationship, parentalResponsibility: details.parentalResponsibility, mainContact: details.mainContact };
    await peopleRepository.linkPerson(tx, { authorityId: actor.authorityId, childId, personId, ...link });
    const after = { ...saved, ...link };
    const fields = (Object.keys(after) as (keyof typeof after)[]).filter((field) => after[field] !== null && after[field] !== false);
    await recordAudit(tx, this.clock, actor, {
      action: 'person.added',
      entityType: 'person',
      entityId: personId,
      details: { childId, fields, changes: Object.fromEntries(fields.map((field) => [field, { from: null, to: audited(field, after[field], after.doNotDiscloseAddress) }])) },
    });
    if (details.mainContact) await this.takeMainContactFromOthers(tx, actor, childId, personId);
    return personView((await peopleRepository.findLinkedPerson(tx, actor.authorityId, childId, personId))!);
  }

  /**
   * The API's change: only the details sent change, the others keep what is held; then the same
   * rules, version check and audit as the change form. Left out while the address is withheld,
   * the address stays as held (the form's empty boxes), since it is never shown to be sent back.
   */
  async changePerson(actor: Actor, childId: string, personId: string, patch: PersonPatch): Promise<PersonView> {
    requireRole(actor, ...CASEWORK_ROLES);
    const fields = CHANGEABLE_PERSON_DETAILS.filter((field) => Object.hasOwn(patch, field));
    if (fields.length === 0) throw new ValidationError([{ field: '', message: `Send the details to change (${CHANGEABLE_PERSON_DETAILS.join(', ')}) with the version you read` }]);
    await requireChildAccess(this.db, this.clock, actor, childId, 'people');
    const current = await peopleRepository.findLinkedPerson(this.db, actor.authorityId, childId, personId);
    if (!current) throw new NotFoundError('No such person on this child’s record');
    const sent = <K extends (typeof CHANGEABLE_PERSON_DETAILS)[number]>(field: K) => Object.hasOwn(patch, field);
    // A withheld address is never read back, so half of it sent would lose the other half.
    if (current.doNotDiscloseAddress && sent('address') !== sent('postcode')) {
      throw new ValidationError([{ field: sent('address') ? 'postcode' : 'address', message: 'The address is not to be disclosed, so it is never shown: send the address and the postcode together to change it' }]);
    }
    const text = (field: 'phone' | 'email' | 'address' | 'postcode', held: string | null) => (sent(field) ? (patch[field] ?? '') : current.doNotDiscloseAddress && (field === 'address' || field === 'postcode') ? '' : (held ?? ''));
    await this.updatePerson(actor, childId, personId, {
      version: patch.version,
      forename: sent('forename') ? (patch.forename ?? '') : current.forename,
      surname: sent('surname') ? (patch.surname ?? '') : current.surname,
      relationship: (sent('relationship') ? patch.relationship : current.relationship) as PersonDetails['relationship'],
      parentalResponsibility: (sent('parentalResponsibility') ? patch.parentalResponsibility : current.parentalResponsibility) as boolean,
      mainContact: sent('mainContact') ? patch.mainContact : current.mainContact,
      phone: text('phone', current.phone),
      email: text('email', current.email),
      address: text('address', current.address),
      postcode: text('postcode', current.postcode),
      doNotDiscloseAddress: sent('doNotDiscloseAddress') ? patch.doNotDiscloseAddress : current.doNotDiscloseAddress,
    });
    return personView((await peopleRepository.findLinkedPerson(this.db, actor.authorityId, childId, personId))!);
  }

  /**
   * Changes a linked person's details and how they are linked; refused if someone else saved since
   * the form was opened. While the address is withheld the form cannot show it, so an empty
   * address and postcode keep the ones held.
   */
  async updatePerson(actor: Actor, childId: string, personId: string, input: PersonChange): Promise<void> {
    requireRole(actor, ...CASEWORK_ROLES);
    const parsed = personChangeSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(problemsOf(parsed.error));
    const change = parsed.data;
    await requireChildAccess(this.db, this.clock, actor, childId, 'people');
    await this.db.transaction(async (tx) => {
      const current = await peopleRepository.findLinkedPerson(tx, actor.authorityId, childId, personId);
      if (!current) throw new NotFoundError('No such person on this child’s record');
      const saved = personRow(change);
      if (current.doNotDiscloseAddress && !saved.address && !saved.postcode) {
        saved.address = current.address;
        saved.postcode = current.postcode;
      }
      if (!(await peopleRepository.updatePerson(tx, actor.authorityId, personId, change.version, saved))) {
        throw new ConflictError('Someone else changed this person’s details since you opened the page. Your changes were not saved: open the record again to see theirs.');
      }
      const link = { relationship: change.relationship, parentalResponsibility: change.parentalResponsibility, mainContact: change.mainContact };
      await peopleRepository.updateLink(tx, actor.authorityId, childId, personId, link);
      const after = { ...saved, ...link };
      const changed = (Object.keys(after) as (keyof typeof after)[]).filter((field) => (current[field] ?? null) !== after[field]);
      const withheld = current.doNotDiscloseAddress || after.doNotDiscloseAddress;
      await recordAudit(tx, this.clock, actor, {
        action: 'person.updated',
        entityType: 'person',
        entityId: personId,
        details: {
          childId,
          fields: changed,
          changes: Object.fromEntries(changed.map((field) => [field, { from: audited(field, current[field] ?? null, withheld), to: audited(field, after[field], withheld) }])),
        },
      });
      if (change.mainContact && !current.mainContact) await this.takeMainContactFromOthers(tx, actor, childId, personId);
    });
  }

  /**
   * Removes the person from the child's record: the link is ended, not deleted, so the history and
   * the audit still say who they were. They may still be linked to another child.
   */
  async unlinkPerson(actor: Actor, childId: string, personId: string): Promise<void> {
    requireRole(actor, ...CASEWORK_ROLES);
    await requireChildAccess(this.db, this.clock, actor, childId, 'people');
    await this.db.transaction(async (tx) => {
      const current = await peopleRepository.findLinkedPerson(tx, actor.authorityId, childId, personId);
      if (!current || !(await peopleRepository.unlinkPerson(tx, actor.authorityId, childId, personId, this.clock.now()))) {
        throw new NotFoundError('No such person on this child’s record');
      }
      await recordAudit(tx, this.clock, actor, {
        action: 'person.unlinked',
        entityType: 'person',
        entityId: personId,
        details: { childId, relationship: current.relationship, parentalResponsibility: current.parentalResponsibility, mainContact: current.mainContact },
      });
    });
  }

  /** A child has one main contact: the one just named takes it from the others, each audited. */
  private async takeMainContactFromOthers(tx: Executor, actor: Actor, childId: string, personId: string) {
    for (const other of await peopleRepository.clearOtherMainContacts(tx, actor.authorityId, childId, personId)) {
      await recordAudit(tx, this.clock, actor, {
        action: 'person.updated',
        entityType: 'person',
        entityId: other,
        details: { childId, fields: ['mainContact'], changes: { mainContact: { from: true, to: false } }, mainContactNow: personId },
      });
    }
  }
}

/** The details the API's change may send; the version read is always sent. */
const CHANGEABLE_PERSON_DETAILS = ['forename', 'surname', 'relationship', 'parentalResponsibility', 'mainContact', 'phone', 'email', 'address', 'postcode', 'doNotDiscloseAddress'] as const;

/** Some of a person's details, and the version they were read at. */
export interface PersonPatch {
  version: number;
  forename?: string;
  surname?: string;
  relationship?: string;
  parentalResponsibility?: boolean;
  mainContact?: boolean;
  phone?: string | null;
  email?: string | null;
  address?: string | null;
  postcode?: string | null;
  doNotDiscloseAddress?: boolean;
}

/** A linked person as an answer gives them: an address not to be disclosed, and its postcode, never. */
export interface PersonView {
  id: string;
  version: number;
  forename: string;
  surname: string;
  relationship: string;
  parentalResponsibility: boolean;
  mainContact: boolean;
  phone: string | null;
  email: string | null;
  address?: string | null;
  postcode?: string | null;
  doNotDiscloseAddress: boolean;
}

function personView(held: peopleRepository.LinkedPerson): PersonView {
  return {
    id: held.id,
    version: held.version,
    forename: held.forename,
    surname: held.surname,
    relationship: held.relationship,
    parentalResponsibility: held.parentalResponsibility,
    mainContact: held.mainContact,
    phone: held.phone,
    email: held.email,
    ...(held.doNotDiscloseAddress ? {} : { address: held.address, postcode: held.postcode }),
    doNotDiscloseAddress: held.doNotDiscloseAddress,
  };
}

/** The person's own row from what the form or client sent: empty text is none. */
function personRow(details: { forename: string; surname: string; phone?: string | undefined; email?: string | undefined; address?: string | undefined; postcode?: string | undefined; doNotDiscloseAddress: boolean }) {
  return {
    forename: details.forename,
    surname: details.surname,
    phone: details.phone || null,
    email: details.email || null,
    address: details.address || null,
    postcode: details.postcode || null,
    doNotDiscloseAddress: details.doNotDiscloseAddress,
  };
}

/** A value as the audit keeps it: an address or postcode not to be disclosed, only as withheld. */
function audited(field: string, value: unknown, withheld: boolean): unknown {
  return withheld && (field === 'address' || field === 'postcode') && value !== null ? WITHHELD : value;
}

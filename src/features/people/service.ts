import type { Database, Executor } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, problemsOf, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { recordAudit } from '../audit/index.ts';
import { CASEWORK_ROLES, requireRole, type Actor } from '../auth/index.ts';
import { requireChildAccess } from '../children/index.ts';
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

  /** Links a new person to the child; returns their id. */
  async addPerson(actor: Actor, childId: string, input: PersonDetails): Promise<{ personId: string }> {
    requireRole(actor, ...CASEWORK_ROLES);
    const parsed = personDetailsSchema.safeParse(input);
    if (!parsed.success) throw new ValidationError(problemsOf(parsed.error));
    const details = parsed.data;
    // Found and open to the actor, or "No such child": nothing is ever deleted, so it stays found.
    await requireChildAccess(this.db, this.clock, actor, childId, 'people');
    const personId = uuidv7();
    await this.db.transaction(async (tx) => {
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
    });
    return { personId };
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

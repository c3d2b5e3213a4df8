// A child's parents and carers through the API: added (once per Idempotency-Key), changed and
// removed from the record with the same rules, access checks and audit as the pages. An address
// not to be disclosed is never in an answer; bad input is problem+json naming the field, with
// nothing saved.
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { apiTestbed } from '../../test/api.ts';
import { aCase, aPerson } from '../../test/factories/index.ts';
import { expectProblem } from '../../test/problems.ts';
import { listAuditEventsFor } from '../audit/index.ts';

const clock = fixedClock('2026-11-23T10:00:00Z');
const bed = apiTestbed(clock);

const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, options: { bearer?: string; key?: string } = {}) =>
  bed.testApp.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${options.bearer ?? bed.token}`,
      ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.key ? { 'idempotency-key': options.key } : {}),
    },
    ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
  });
const peopleUrl = (childId: string) => `/api/v1/children/${childId}/people`;
const personUrl = (childId: string, personId: string) => `/api/v1/children/${childId}/people/${personId}`;

async function counts() {
  const [row] = await queryRows<Record<string, number>>(
    bed.testApp.database.db,
    sql`SELECT (SELECT count(*)::int FROM person) AS people, (SELECT count(*)::int FROM child_person WHERE unlinked_at IS NULL) AS linked,
               (SELECT count(*)::int FROM audit_event) AS audit, (SELECT coalesce(sum(version), 0)::int FROM person) AS versions`,
  );
  return row!;
}

const audits = async (personId: string) =>
  (await listAuditEventsFor(bed.testApp.database.db, bed.officer.actor.authorityId, 'person', personId))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entry) => ({ action: entry.action, details: entry.details }));

const ada = {
  forename: 'Ada',
  surname: 'Parent',
  relationship: 'mother',
  parentalResponsibility: true,
  mainContact: true,
  phone: '07700 900982',
  email: 'ada@example.com',
  address: '1 Canal Street, Demo City',
  postcode: 'dc12ab',
};

describe('POST /api/v1/children/{childId}/people', () => {
  it('adds a parent or carer: 201 with the person as saved (postcode in its standard form), on the record and audited; a retry with the same Idempotency-Key answers the same, once', async () => {
    const { childId } = await aCase(bed.testApp, bed.officer.actor);
    const before = await counts();
    const response = await send('POST', peopleUrl(childId), ada, { key: `add-${childId}` });
    expect(response.statusCode, response.body).toBe(201);
    const person = response.json();
    expect(response.headers.location).toBe(personUrl(childId, person.id));
    expect(person).toEqual({
      id: expect.any(String),
      version: 1,
      forename: 'Ada',
      surname: 'Parent',
      relationship: 'mother',
      parentalResponsibility: true,
      mainContact: true,
      phone: '07700 900982',
      email: 'ada@example.com',
      address: '1 Canal Street, Demo City',
      postcode: 'DC1 2AB',
      doNotDiscloseAddress: false,
    });
    const again = await send('POST', peopleUrl(childId), { ...ada }, { key: `add-${childId}` });
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(person);
    expect(await counts()).toMatchObject({ people: before.people! + 1, linked: before.linked! + 1, audit: before.audit! + 1 });
    expect((await audits(person.id))[0]).toMatchObject({ action: 'person.added', details: { childId, changes: { postcode: { from: null, to: 'DC1 2AB' } } } });
    const record = await bed.testApp.app.inject({ method: 'GET', url: `/api/v1/children/${childId}`, headers: { authorization: `Bearer ${bed.token}` } });
    expect(record.json().people).toEqual([person]);
    // The same key for another request is refused.
    expectProblem(await send('POST', peopleUrl(childId), { ...ada, forename: 'Other' }, { key: `add-${childId}` }), 422, { field: 'Idempotency-Key' });
  });

  it('refuses what the page refuses, naming each field, with nothing saved', async () => {
    const { childId } = await aCase(bed.testApp, bed.officer.actor);
    const before = await counts();
    expectProblem(await send('POST', peopleUrl(childId), { ...ada, forename: ' ' }), 400, { errors: [{ field: 'forename', message: 'Enter the person’s first name' }] });
    expectProblem(await send('POST', peopleUrl(childId), { ...ada, email: 'not-an-address' }), 400, { errors: [{ field: 'email', message: 'Enter an email address in the correct format, like name@example.com' }] });
    expectProblem(await send('POST', peopleUrl(childId), { ...ada, postcode: 'nowhere' }), 400, { field: 'postcode' });
    expectProblem(await send('POST', peopleUrl(childId), { ...ada, phone: 'call me' }), 400, { field: 'phone' });
    expectProblem(await send('POST', peopleUrl(childId), { ...ada, relationship: 'neighbour' }), 400, { field: 'relationship' });
    const { parentalResponsibility: _, ...withoutResponsibility } = ada;
    expectProblem(await send('POST', peopleUrl(childId), withoutResponsibility), 400, { field: 'parentalResponsibility' });
    expect(await counts()).toEqual(before);
  });
});

describe('PATCH /api/v1/children/{childId}/people/{personId}', () => {
  it('changes only the details sent, answers 200 with the person as saved and the new version, and audits each change before and after', async () => {
    const { childId } = await aCase(bed.testApp, bed.officer.actor);
    const { id } = await aPerson(bed.testApp, bed.officer.actor, childId, { forename: 'Bea', phone: '0121 496 0000', email: 'bea@example.com', relationship: 'carer' });
    const response = await send('PATCH', personUrl(childId, id), { version: 1, phone: '07700 900111', email: null, postcode: 'dc1 2ab' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ id, version: 2, forename: 'Bea', relationship: 'carer', phone: '07700 900111', email: null, postcode: 'DC1 2AB' });
    expect((await audits(id)).at(-1)).toEqual({
      action: 'person.updated',
      details: {
        childId,
        fields: ['phone', 'email', 'postcode'],
        changes: { phone: { from: '0121 496 0000', to: '07700 900111' }, email: { from: 'bea@example.com', to: null }, postcode: { from: 'B1 1AA', to: 'DC1 2AB' } },
      },
    });
  });

  it('refuses a stale version (409), bad input (400, naming the field) and a body with nothing to change, saving nothing', async () => {
    const { childId } = await aCase(bed.testApp, bed.officer.actor);
    const { id } = await aPerson(bed.testApp, bed.officer.actor, childId);
    expect((await send('PATCH', personUrl(childId, id), { version: 1, forename: 'First' })).statusCode).toBe(200);
    const before = await counts();
    expectProblem(await send('PATCH', personUrl(childId, id), { version: 1, forename: 'Second' }), 409, { detail: expect.stringContaining('Someone else changed this person’s details') });
    expectProblem(await send('PATCH', personUrl(childId, id), { version: 2, surname: '' }), 400, { errors: [{ field: 'surname', message: 'Enter the person’s last name' }] });
    expectProblem(await send('PATCH', personUrl(childId, id), { version: 2, email: 'nobody' }), 400, { field: 'email' });
    expectProblem(await send('PATCH', personUrl(childId, id), { version: 2, postcode: 'nowhere' }), 400, { field: 'postcode' });
    expectProblem(await send('PATCH', personUrl(childId, id), { version: 2 }), 400, { field: '', detail: expect.stringContaining('Send the details to change') });
    expectProblem(await send('PATCH', personUrl(childId, id), { forename: 'No version' }), 400, { errors: [{ field: 'version', message: 'version is required' }] });
    expect(await counts()).toEqual(before);
  });

  it('an address not to be disclosed: never in an answer or the audit, kept when a change leaves it out', async () => {
    const { childId } = await aCase(bed.testApp, bed.officer.actor);
    const { id } = await aPerson(bed.testApp, bed.officer.actor, childId, { forename: 'Refuge', address: '9 Safe House Lane', postcode: 'DC9 9XY' });
    const hidden = await send('PATCH', personUrl(childId, id), { version: 1, doNotDiscloseAddress: true });
    expect(hidden.statusCode, hidden.body).toBe(200);
    const changed = await send('PATCH', personUrl(childId, id), { version: 2, phone: '07700 900222' });
    const record = await bed.testApp.app.inject({ method: 'GET', url: `/api/v1/children/${childId}`, headers: { authorization: `Bearer ${bed.token}` } });
    // The entry for the addition, made while the address could be disclosed, is the only one to give it.
    for (const body of [hidden.body, changed.body, record.body, JSON.stringify((await audits(id)).slice(1))]) {
      expect(body).not.toContain('Safe House');
      expect(body).not.toContain('DC9 9XY');
    }
    expect(changed.json()).toMatchObject({ version: 3, doNotDiscloseAddress: true, phone: '07700 900222' });
    // Half of an address never read back would lose the other half.
    expectProblem(await send('PATCH', personUrl(childId, id), { version: 3, postcode: 'DC1 2AB' }), 400, { field: 'address' });
    const [held] = await queryRows<{ address: string; postcode: string }>(bed.testApp.database.db, sql`SELECT address, postcode FROM person WHERE id = ${id}`);
    expect(held).toEqual({ address: '9 Safe House Lane', postcode: 'DC9 9XY' });
  });
});

describe('DELETE /api/v1/children/{childId}/people/{personId}', () => {
  it('removes the person from the record (the link ended, not deleted), audited; a second removal is not found', async () => {
    const { childId } = await aCase(bed.testApp, bed.officer.actor);
    const { id } = await aPerson(bed.testApp, bed.officer.actor, childId, { relationship: 'carer' });
    const before = await counts();
    const response = await send('DELETE', personUrl(childId, id));
    expect(response.statusCode, response.body).toBe(204);
    expect(await counts()).toMatchObject({ people: before.people, linked: before.linked! - 1, audit: before.audit! + 1 });
    expect((await audits(id)).at(-1)).toMatchObject({ action: 'person.unlinked', details: { childId, relationship: 'carer' } });
    expectProblem(await send('DELETE', personUrl(childId, id)), 404, { detail: 'No such person on this child’s record' });
  });
});

describe('a restricted child’s people, and who may change them', () => {
  it('answers a restricted child as an unknown one (404) and refuses a board member (403), saving nothing', async () => {
    const { childId } = await aCase(bed.testApp, bed.officer.actor);
    const { id } = await aPerson(bed.testApp, bed.officer.actor, childId);
    await queryRows(bed.testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${childId}`);
    const before = await counts();
    const refused = await send('POST', peopleUrl(childId), ada, { bearer: bed.outsiderToken });
    const unknown = await send('POST', peopleUrl(uuidv7()), ada, { bearer: bed.outsiderToken });
    expectProblem(refused, 404, { detail: 'No such child' });
    expect(refused.json()).toEqual(unknown.json());
    expectProblem(await send('PATCH', personUrl(childId, id), { version: 1, forename: 'X' }, { bearer: bed.outsiderToken }), 404);
    expectProblem(await send('DELETE', personUrl(childId, id), undefined, { bearer: bed.outsiderToken }), 404);
    expectProblem(await send('POST', peopleUrl(childId), ada, { bearer: bed.boardToken }), 403);
    expect(await counts()).toEqual(before);
  });
});

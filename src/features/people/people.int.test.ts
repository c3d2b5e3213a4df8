// A child's parents and carers: added, changed and removed from the record page by an officer who
// may reach the child, each change audited with its values before and after. An address not to
// be disclosed stays out of every page, API answer and audit entry. Bad input is refused with a
// clear message and nothing saved.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anOfficer, aPerson, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import type { PersonDetails } from './index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let outsider: TestOfficer;
let jar: CookieJar;
let token: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  outsider = await anOfficer(testApp);
  jar = await signIn(testApp.app, officer.user.email, officer.password);
  token = (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

async function peopleCounts() {
  const [row] = await queryRows<Record<string, number>>(
    testApp.database.db,
    sql`SELECT (SELECT count(*)::int FROM person) AS people, (SELECT count(*)::int FROM child_person) AS links,
               (SELECT count(*)::int FROM child_person WHERE unlinked_at IS NOT NULL) AS unlinked, (SELECT count(*)::int FROM audit_event) AS audit,
               (SELECT coalesce(sum(version), 0)::int FROM person) AS versions`,
  );
  return row!;
}

/** The person's audit entries, oldest first (their ids are in the order they were made). */
const audits = async (personId: string) =>
  (await listAuditEventsFor(testApp.database.db, officer.actor.authorityId, 'person', personId))
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((entry) => ({ action: entry.action, details: entry.details }));

const ada: PersonDetails = {
  forename: 'Ada',
  surname: 'Parent',
  relationship: 'mother',
  parentalResponsibility: true,
  mainContact: true,
  phone: '07700 900982',
  email: 'ada@example.com',
  address: '1 Canal Street, Demo City',
  postcode: 'dc12ab',
  doNotDiscloseAddress: false,
};

/** The person form as a browser sends it. */
const formOf = (person: Partial<PersonDetails>, extra: Record<string, string> = {}) => ({
  forename: person.forename ?? '',
  surname: person.surname ?? '',
  relationship: person.relationship ?? '',
  parentalResponsibility: person.parentalResponsibility === undefined ? '' : person.parentalResponsibility ? 'yes' : 'no',
  ...(person.mainContact ? { mainContact: 'yes' } : {}),
  phone: person.phone ?? '',
  email: person.email ?? '',
  address: person.address ?? '',
  postcode: person.postcode ?? '',
  ...(person.doNotDiscloseAddress ? { doNotDiscloseAddress: 'yes' } : {}),
  ...extra,
});

describe('adding a parent or carer', () => {
  it('through the page: linked to the child, the postcode in its standard form, shown on the record and audited', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const url = `/children/${childId}/people/new`;
    const response = await postForm(testApp.app, jar, url, formOf(ada), { csrfFrom: url });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/children/${childId}?saved=person-added`);
    const record = await testApp.services.children.childRecord(officer.actor, childId);
    expect(record.people).toEqual([
      expect.objectContaining({ forename: 'Ada', surname: 'Parent', relationship: 'mother', relationshipName: 'Mother', parentalResponsibility: true, mainContact: true, postcode: 'DC1 2AB', email: 'ada@example.com' }),
    ]);
    const page = await getPage(testApp.app, jar, `/children/${childId}?saved=person-added`);
    expect(page.body).toContain('Parent or carer added.');
    expect(page.body).toContain('1 Canal Street, Demo City, DC1 2AB');
    expect(await audits(record.people[0]!.id)).toEqual([
      {
        action: 'person.added',
        details: {
          childId,
          fields: ['forename', 'surname', 'phone', 'email', 'address', 'postcode', 'relationship', 'parentalResponsibility', 'mainContact'],
          changes: {
            forename: { from: null, to: 'Ada' },
            surname: { from: null, to: 'Parent' },
            phone: { from: null, to: '07700 900982' },
            email: { from: null, to: 'ada@example.com' },
            address: { from: null, to: '1 Canal Street, Demo City' },
            postcode: { from: null, to: 'DC1 2AB' },
            relationship: { from: null, to: 'mother' },
            parentalResponsibility: { from: null, to: true },
            mainContact: { from: null, to: true },
          },
        },
      },
    ]);
  });

  it.each([
    ['no name', { forename: ' ' }, 'forename', 'Enter the person’s first name'],
    ['no relationship', { relationship: undefined }, 'relationship', 'Select how the person is related to the child'],
    ['a relationship the record does not know', { relationship: 'neighbour' as 'other' }, 'relationship', 'Select how the person is related to the child'],
    ['no answer on parental responsibility', { parentalResponsibility: undefined }, 'parentalResponsibility', 'Select whether the person has parental responsibility'],
    ['an email address that is not one', { email: 'ada.example.com' }, 'email', 'Enter an email address in the correct format'],
    ['a phone number that is not one', { phone: 'call me' }, 'phone', 'Enter a phone number'],
    ['a postcode that cannot be one', { postcode: 'NOT A CODE' }, 'postcode', 'Enter a real postcode'],
  ])('refuses %s, by the service and the page, saving nothing', async (_label, change, field, message) => {
    const { childId } = await aCase(testApp, officer.actor);
    const before = await peopleCounts();
    const input = { ...ada, ...change } as PersonDetails;
    const failure = await testApp.services.people.addPerson(officer.actor, childId, input).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems.find((problem) => problem.field === field)?.message).toContain(message);
    const url = `/children/${childId}/people/new`;
    const page = await postForm(testApp.app, jar, url, formOf(input), { csrfFrom: url });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain(message);
    expect(page.body).toContain(`href="#${field}"`);
    expect(await peopleCounts()).toEqual(before);
  });

  it('makes the new main contact the only one, auditing the one it was taken from', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const first = await aPerson(testApp, officer.actor, childId, { forename: 'First', mainContact: true });
    await aPerson(testApp, officer.actor, childId, { forename: 'Second', mainContact: true });
    const record = await testApp.services.children.childRecord(officer.actor, childId);
    expect(record.people.map((person) => [person.forename, person.mainContact])).toEqual([
      ['Second', true],
      ['First', false],
    ]);
    expect((await audits(first.id)).at(-1)).toMatchObject({ action: 'person.updated', details: { fields: ['mainContact'], changes: { mainContact: { from: true, to: false } } } });
  });
});

describe('changing a parent or carer', () => {
  it('through the page: each changed value audited before and after, the version moved on', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const { id } = await aPerson(testApp, officer.actor, childId, { forename: 'Bea', surname: 'Carer', relationship: 'carer', parentalResponsibility: false, phone: '0121 496 0000', address: '5 Old Road', postcode: 'B1 1AA' });
    const url = `/children/${childId}/people/${id}/edit`;
    const form = await getPage(testApp.app, jar, url);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Bea"');
    expect(form.body).toContain('name="version" value="1"');
    const response = await postForm(testApp.app, jar, url, formOf({ ...ada, forename: 'Bea', surname: 'Carer', relationship: 'foster-carer', parentalResponsibility: true, mainContact: false, phone: '0121 496 0001', email: '', address: '1 Test Street', postcode: 'b2 2bb' }, { version: '1' }), { csrfFrom: url });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/children/${childId}?saved=person-changed`);
    const [person] = (await testApp.services.children.childRecord(officer.actor, childId)).people;
    expect(person).toMatchObject({ relationship: 'foster-carer', relationshipName: 'Foster carer', parentalResponsibility: true, phone: '0121 496 0001', postcode: 'B2 2BB', version: 2 });
    expect((await audits(id)).at(-1)).toEqual({
      action: 'person.updated',
      details: {
        childId,
        fields: ['phone', 'address', 'postcode', 'relationship', 'parentalResponsibility'],
        changes: {
          phone: { from: '0121 496 0000', to: '0121 496 0001' },
          address: { from: '5 Old Road', to: '1 Test Street' },
          postcode: { from: 'B1 1AA', to: 'B2 2BB' },
          relationship: { from: 'carer', to: 'foster-carer' },
          parentalResponsibility: { from: false, to: true },
        },
      },
    });
  });

  it('refuses a save based on a stale version with 409 and a clear message, keeping the other change', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const { id } = await aPerson(testApp, officer.actor, childId, { forename: 'Stale' });
    await testApp.services.people.updatePerson(officer.actor, childId, id, { ...ada, forename: 'First-Save', version: 1 });
    const before = await peopleCounts();
    await expect(testApp.services.people.updatePerson(officer.actor, childId, id, { ...ada, forename: 'Second-Save', version: 1 })).rejects.toBeInstanceOf(ConflictError);
    const url = `/children/${childId}/people/${id}/edit`;
    const page = await postForm(testApp.app, jar, url, formOf({ ...ada, forename: 'Second-Save' }, { version: '1' }), { csrfFrom: url });
    expect(page.statusCode).toBe(409);
    expect(page.body).toContain('Someone else changed this person’s details since you opened the page');
    expect(await peopleCounts()).toEqual(before);
    expect((await testApp.services.children.childRecord(officer.actor, childId)).people[0]?.forename).toBe('First-Save');
  });

  it('refuses bad input through the page with an error summary, saving nothing', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const { id } = await aPerson(testApp, officer.actor, childId);
    const before = await peopleCounts();
    const url = `/children/${childId}/people/${id}/edit`;
    const page = await postForm(testApp.app, jar, url, formOf({ ...ada, email: 'not-an-email', postcode: 'XX' }, { version: '1' }), { csrfFrom: url });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('Enter an email address in the correct format');
    expect(page.body).toContain('Enter a real postcode');
    expect(await peopleCounts()).toEqual(before);
  });

  it('is not found for a person not linked to the child, by the page and the service', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const other = await aCase(testApp, officer.actor);
    const { id } = await aPerson(testApp, officer.actor, other.childId);
    await expect(testApp.services.people.updatePerson(officer.actor, childId, id, { ...ada, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPage(testApp.app, jar, `/children/${childId}/people/${id}/edit`)).statusCode).toBe(404);
  });
});

describe('an address not to be disclosed', () => {
  it('stays out of the record, the API, the change form and the audit; an empty address keeps the one held', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const url = `/children/${childId}/people/new`;
    await postForm(testApp.app, jar, url, formOf({ ...ada, forename: 'Refuge', address: '9 Safe House Lane', postcode: 'DC9 9XY', doNotDiscloseAddress: true }), { csrfFrom: url });
    const [person] = (await testApp.services.children.childRecord(officer.actor, childId)).people;
    const record = await getPage(testApp.app, jar, `/children/${childId}`);
    const api = await testApp.app.inject({ method: 'GET', url: `/api/v1/children/${childId}`, headers: { authorization: `Bearer ${token}` } });
    const editUrl = `/children/${childId}/people/${person!.id}/edit`;
    const form = await getPage(testApp.app, jar, editUrl);
    for (const body of [record.body, api.body, form.body, JSON.stringify(await audits(person!.id))]) {
      expect(body).not.toContain('Safe House');
      expect(body).not.toContain('DC9 9XY');
    }
    expect(record.body).toContain('Address not to be disclosed');
    expect(form.body).toContain('Leave this and the postcode empty to keep it');

    // Changed with the address boxes empty (the form cannot show it): the address held is kept.
    const saved = await postForm(testApp.app, jar, editUrl, formOf({ ...ada, forename: 'Refuge', phone: '07700 900111', address: '', postcode: '', doNotDiscloseAddress: true }, { version: '1' }), { csrfFrom: editUrl });
    expect(saved.statusCode).toBe(303);
    const [held] = await queryRows<{ address: string; postcode: string }>(testApp.database.db, sql`SELECT address, postcode FROM person WHERE id = ${person!.id}`);
    expect(held).toEqual({ address: '9 Safe House Lane', postcode: 'DC9 9XY' });

    // A new address replaces it, and the audit says only that it changed.
    await testApp.services.people.updatePerson(officer.actor, childId, person!.id, { ...ada, forename: 'Refuge', phone: '07700 900111', address: '10 New Refuge Road', postcode: 'DC8 8XY', doNotDiscloseAddress: true, version: 2 });
    const last = (await audits(person!.id)).at(-1)!;
    expect(last.details).toMatchObject({ changes: { address: { from: '(withheld)', to: '(withheld)' }, postcode: { from: '(withheld)', to: '(withheld)' } } });
    expect(JSON.stringify(last)).not.toContain('Refuge Road');
  });
});

describe('removing a parent or carer from the record', () => {
  it('through the page: the link is ended, not deleted, the record no longer shows them, and it is audited', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const { id } = await aPerson(testApp, officer.actor, childId, { forename: 'Leaving', surname: 'Carer-Gone', relationship: 'carer', mainContact: true });
    const url = `/children/${childId}/people/${id}/remove`;
    const confirm = await getPage(testApp.app, jar, url);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Remove Leaving Carer-Gone from');
    const before = await peopleCounts();
    const response = await postForm(testApp.app, jar, url, {}, { csrfFrom: url });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/children/${childId}?saved=person-removed`);
    expect(await peopleCounts()).toMatchObject({ people: before.people, links: before.links, unlinked: before.unlinked! + 1, audit: before.audit! + 1 });
    const record = await getPage(testApp.app, jar, `/children/${childId}?saved=person-removed`);
    expect(record.body).toContain('Removed from the child’s record.');
    expect(record.body).not.toContain('Carer-Gone');
    expect((await audits(id)).at(-1)).toEqual({ action: 'person.unlinked', details: { childId, relationship: 'carer', parentalResponsibility: true, mainContact: true } });
    // Removed once; a second removal finds no one.
    expect((await postForm(testApp.app, jar, url, {}, { csrfFrom: `/children/${childId}/people/new` })).statusCode).toBe(404);
  });
});

describe('a parent’s name in two scripts', () => {
  it('is shown in its own direction (dir="auto") on the record and on the change and remove pages', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const { id } = await aPerson(testApp, officer.actor, childId, { forename: 'Fatima', surname: 'فاطمہ Khan' });
    const record = await getPage(testApp.app, jar, `/children/${childId}`);
    expect(record.body).toContain('<strong dir="auto">Fatima فاطمہ Khan</strong>');
    const change = await getPage(testApp.app, jar, `/children/${childId}/people/${id}/edit`);
    expect(change.body).toContain('<h1 class="govuk-heading-xl">Change <span dir="auto">Fatima فاطمہ Khan</span>’s details</h1>');
    const remove = await getPage(testApp.app, jar, `/children/${childId}/people/${id}/remove`);
    expect(remove.body).toContain('Remove <span dir="auto">Fatima فاطمہ Khan</span> from');
    expect(remove.body).toContain('<p class="govuk-body"><span dir="auto">Fatima فاطمہ Khan</span> (mother');
  });
});

describe('a restricted child’s people', () => {
  it('cannot be added, changed or removed by an officer without access: not found, nothing saved, the refusal logged', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const { id } = await aPerson(testApp, officer.actor, childId);
    await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${childId}`);
    const outsiderJar = await signIn(testApp.app, outsider.user.email, outsider.password);
    const before = await peopleCounts();
    await expect(testApp.services.people.addPerson(outsider.actor, childId, ada)).rejects.toBeInstanceOf(NotFoundError);
    await expect(testApp.services.people.updatePerson(outsider.actor, childId, id, { ...ada, version: 1 })).rejects.toBeInstanceOf(NotFoundError);
    await expect(testApp.services.people.unlinkPerson(outsider.actor, childId, id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await getPage(testApp.app, outsiderJar, `/children/${childId}/people/new`)).statusCode).toBe(404);
    expect((await postForm(testApp.app, outsiderJar, `/children/${childId}/people/new`, formOf(ada), { csrfFrom: '/requests/new' })).statusCode).toBe(404);
    expect(await peopleCounts()).toEqual(before);
    const refused = (await listAccessFor(testApp.database.db, officer.actor.authorityId, childId)).filter((entry) => entry.actorId === outsider.actor.id).map((entry) => entry.view);
    expect(refused).toContain('refused:people');
    // The officer who holds the case still may.
    await expect(testApp.services.people.unlinkPerson(officer.actor, childId, id)).resolves.toBeUndefined();
  });
});

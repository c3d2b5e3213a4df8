// Every detail of a child can be changed by an officer (names, date of birth, sex, UPN, postcode,
// school), through the service and the page, each change audited with its value before and
// after. What would make the record wrong is refused with a clear message, and nothing is saved.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, anApiToken, anOfficer, aSchool, aUpn, type TestOfficer } from '../../test/factories/index.ts';
import { postForm, signIn, type CookieJar } from '../../test/http.ts';
import { dateFields } from '../../test/requests.ts';
import { listAuditEventsFor } from '../audit/index.ts';
import type { ChildDetailsChange } from './schemas.ts';

let testApp: TestApp;
let officer: TestOfficer;
let jar: CookieJar;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  jar = await signIn(testApp.app, officer.user.email, officer.password);
});
afterAll(async () => {
  await testApp?.close();
});

async function childRow(childId: string) {
  const [row] = await queryRows<Record<string, unknown>>(
    testApp.database.db,
    sql`SELECT forename, surname, date_of_birth, sex, upn, postcode, school_id, version, (SELECT count(*)::int FROM audit_event WHERE entity_id = ${childId}) AS audit FROM child WHERE id = ${childId}`,
  );
  return row!;
}

/** The child's details as the edit form holds them, with the changes given. */
async function detailsOf(childId: string, change: Partial<ChildDetailsChange> = {}): Promise<ChildDetailsChange> {
  const { child } = await testApp.services.children.childRecord(officer.actor, childId);
  return { version: child.version, forename: child.forename, surname: child.surname, upn: child.upn ?? undefined, postcode: child.postcode ?? undefined, ...change };
}

const editUrl = (childId: string) => `/children/${childId}/edit`;

/** The edit form as a browser sends it, from the child's record, with the fields given changed. */
async function postEdit(childId: string, fields: Record<string, string>) {
  const { child, school } = await testApp.services.children.childRecord(officer.actor, childId);
  return postForm(
    testApp.app,
    jar,
    editUrl(childId),
    {
      version: String(child.version),
      forename: child.forename,
      surname: child.surname,
      preferredName: child.preferredName ?? '',
      ...dateFields('dateOfBirth', child.dateOfBirth),
      sex: child.sex,
      upn: child.upn ?? '',
      postcode: child.postcode ?? '',
      schoolUrn: school ? String(school.urn) : '',
      ...fields,
    },
    { csrfFrom: editUrl(childId) },
  );
}

describe('changing a child’s details', () => {
  it('changes the date of birth, sex, school and postcode through the page, each audited before and after', async () => {
    const [from, to] = [await aSchool(testApp.database.db), await aSchool(testApp.database.db)];
    const { childId } = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01', child: { dateOfBirth: '2015-06-15', sex: 'F', schoolId: from.id, postcode: 'B1 1AA' } });
    const page = await testApp.app.inject({ method: 'GET', url: editUrl(childId), headers: { cookie: jar.header() } });
    expect(page.body).toContain('name="dateOfBirth-day" type="text" value="15"');
    expect(page.body).toContain(`value="${from.urn}"`);
    const response = await postEdit(childId, { 'dateOfBirth-day': '16', sex: 'M', schoolUrn: String(to.urn), postcode: 'dc1 2ab' });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/children/${childId}?saved=details`);
    expect(await childRow(childId)).toMatchObject({ date_of_birth: '2015-06-16', sex: 'M', school_id: to.id, postcode: 'DC1 2AB' });
    const [entry] = (await listAuditEventsFor(testApp.database.db, officer.actor.authorityId, 'child', childId)).filter((event) => event.action === 'child.updated');
    expect(entry?.details).toEqual({
      fields: ['dateOfBirth', 'sex', 'postcode', 'schoolId'],
      changes: {
        dateOfBirth: { from: '2015-06-15', to: '2015-06-16' },
        sex: { from: 'F', to: 'M' },
        postcode: { from: 'B1 1AA', to: 'DC1 2AB' },
        schoolId: { from: from.id, to: to.id },
      },
    });
  });

  it('takes the child out of a school when the URN is emptied', async () => {
    const school = await aSchool(testApp.database.db);
    const { childId } = await aCase(testApp, officer.actor, { child: { schoolId: school.id } });
    await testApp.services.children.updateChildDetails(officer.actor, childId, await detailsOf(childId, { schoolUrn: '' }));
    expect((await childRow(childId)).school_id).toBeNull();
  });

  it.each([
    ['a UPN with a wrong check letter (DfE CBDS)', { upn: 'K930123420015' }, 'upn', 'check letter'],
    ['a postcode that cannot be one', { postcode: 'NOT A CODE' }, 'postcode', 'Enter a real postcode'],
    ['a date of birth in the future', { dateOfBirth: '2026-11-24' }, 'dateOfBirth', 'must be in the past'],
    ['an impossible date of birth', { dateOfBirth: '2015-02-30' }, 'dateOfBirth', 'real date'],
    ['a sex that is not M, F or U', { sex: 'X' as 'M' }, 'sex', 'Select the child’s sex'],
    ['a URN that is not 6 digits', { schoolUrn: '12345' }, 'schoolUrn', '6 digits'],
    ['a URN no school has', { schoolUrn: '999999' }, 'schoolUrn', 'no school or setting with URN 999999'],
    ['a date of birth after the request was received', { dateOfBirth: '2026-10-02' }, 'dateOfBirth', 'before that date of birth'],
    ['CFA 2014 s.83(2) and s.46: a date of birth making the young person 25 when the request was received', { dateOfBirth: '2001-09-30' }, 'dateOfBirth', '25 or older'],
  ])('refuses %s, naming the field, saving nothing', async (_label, change, field, message) => {
    const { childId } = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
    const before = await childRow(childId);
    const failure = await testApp.services.children.updateChildDetails(officer.actor, childId, await detailsOf(childId, change)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems.find((problem) => problem.field === field)?.message).toContain(message);
    expect(await childRow(childId)).toEqual(before);
  });

  it('the page refuses a date of birth that puts the request before the birth, with an error summary, saving nothing', async () => {
    const { childId } = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
    const before = await childRow(childId);
    const response = await postEdit(childId, { 'dateOfBirth-day': '2', 'dateOfBirth-month': '10', 'dateOfBirth-year': '2026' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('A request for this child was received on 1 October 2026, before that date of birth');
    expect(response.body).toContain('href="#dateOfBirth-day"');
    expect(await childRow(childId)).toEqual(before);
  });

  it.each([
    ['a UPN with a wrong check letter (DfE CBDS)', { upn: 'K930123420015' }, 'upn', 'The UPN’s check letter does not match'],
    ['a postcode that cannot be one', { postcode: 'NOT A CODE' }, 'postcode', 'Enter a real postcode'],
    ['CFA 2014 s.83(2) and s.46: a date of birth making the young person 25 when the request was received', { 'dateOfBirth-day': '30', 'dateOfBirth-month': '9', 'dateOfBirth-year': '2001' }, 'dateOfBirth-day', '25 or older'],
    ['an ethnicity that is not a DfE code', { ethnicity: 'WXYZ' }, 'ethnicity', 'Select the child’s ethnicity from the list'],
    ['a reason the UPN is unknown that is not a UPNunknown code', { upn: '', upnUnknown: 'UN11' }, 'upnUnknown', 'Select why the UPN is not known from the list'],
    ['a UPN and a reason it is unknown together (SEN2 UPNunknown is for a child with no UPN)', { upnUnknown: 'UN1' }, 'upnUnknown', 'A child with a UPN needs no reason it is not known'],
  ])('the page refuses %s with an error summary, saving nothing', async (_label, fields, href, message) => {
    const { childId } = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
    const before = await childRow(childId);
    const response = await postEdit(childId, fields);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is a problem');
    expect(response.body).toContain(`href="#${href}"`);
    expect(response.body).toContain(message);
    expect(await childRow(childId)).toEqual(before);
  });

  it('the page refuses a URN no school has, keeping what was typed', async () => {
    const { childId } = await aCase(testApp, officer.actor);
    const before = await childRow(childId);
    const response = await postEdit(childId, { schoolUrn: '999998', preferredName: 'Kept' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('There is no school or setting with URN 999998');
    expect(response.body).toContain('value="Kept"');
    expect(await childRow(childId)).toEqual(before);
  });
});

describe('giving a child a UPN another child holds', () => {
  it('DfE CBDS: is refused by the service and the page, naming the child who holds it, saving nothing', async () => {
    const upn = aUpn();
    await aCase(testApp, officer.actor, { child: { forename: 'Holder', surname: 'Of-The-Upn', dateOfBirth: '2014-02-03', upn } });
    const { childId } = await aCase(testApp, officer.actor);
    const before = await childRow(childId);
    const failure = await testApp.services.children.updateChildDetails(officer.actor, childId, await detailsOf(childId, { upn: upn.toLowerCase() })).catch((error: unknown) => error);
    expect((failure as ValidationError).problems).toEqual([{ field: 'upn', message: expect.stringContaining('already on the record of Holder Of-The-Upn, born 2014-02-03') }]);
    const page = await postEdit(childId, { upn });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('This UPN is already on the record of Holder Of-The-Upn, born 3 February 2014');
    expect(page.body).toContain('href="#upn"');
    expect(await childRow(childId)).toEqual(before);
  });

  it('is refused without naming a restricted child the officer may not see', async () => {
    const upn = aUpn();
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const restricted = await aCase(testApp, manager.actor, { child: { forename: 'Hidden', surname: 'Upn-Holder', upn } });
    await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${restricted.childId}`);
    const { childId } = await aCase(testApp, officer.actor);
    const before = await childRow(childId);
    const page = await postEdit(childId, { upn });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('This UPN is already on another child’s record, which you cannot see');
    expect(page.body).not.toContain('Upn-Holder');
    expect(await childRow(childId)).toEqual(before);
  });

  it('keeps the child’s own UPN when other details change', async () => {
    const upn = aUpn();
    const { childId } = await aCase(testApp, officer.actor, { child: { upn } });
    await testApp.services.children.updateChildDetails(officer.actor, childId, await detailsOf(childId, { preferredName: 'Same UPN' }));
    expect((await childRow(childId)).upn).toBe(upn);
  });
});

describe('changing a child’s details through the API (PATCH)', () => {
  /** A UPN given to a child of the officer's, named. */
  const aUpnHeldBy = async (forename: string, surname: string) => {
    const upn = aUpn();
    await aCase(testApp, officer.actor, { child: { forename, surname, upn } });
    return upn;
  };
  const patch = async (childId: string, body: object) => {
    const token = await anApiToken(testApp, officer);
    return testApp.app.inject({ method: 'PATCH', url: `/api/v1/children/${childId}`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
  };

  it('changes the date of birth, sex, school and postcode, answering the details as saved', async () => {
    const school = await aSchool(testApp.database.db);
    const { childId } = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01', child: { dateOfBirth: '2015-06-15', sex: 'F' } });
    const response = await patch(childId, { version: 1, dateOfBirth: '2015-06-14', sex: 'U', schoolUrn: String(school.urn), postcode: 'sw1a1aa' });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ dateOfBirth: '2015-06-14', sex: 'U', postcode: 'SW1A 1AA', version: 2 });
    expect((await childRow(childId)).school_id).toBe(school.id);
  });

  it.each([
    ['a UPN another child holds (DfE CBDS)', async () => ({ upn: await aUpnHeldBy('Api', 'Upn-Holder') }), 'upn', 'already on the record of Api Upn-Holder'],
    ['a date of birth after the request was received', async () => ({ dateOfBirth: '2026-10-02' }), 'dateOfBirth', 'before that date of birth'],
    ['CFA 2014 s.83(2): a date of birth making the young person 25 when the request was received', async () => ({ dateOfBirth: '2001-09-30' }), 'dateOfBirth', '25 or older'],
    ['a URN no school has', async () => ({ schoolUrn: '999997' }), 'schoolUrn', 'no school or setting with URN 999997'],
  ])('refuses %s with 400 problem+json naming the field, saving nothing', async (_label, change, field, message) => {
    const { childId } = await aCase(testApp, officer.actor, { receivedOn: '2026-10-01' });
    const body = await change();
    const before = await childRow(childId);
    const response = await patch(childId, { version: 1, ...body });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field, detail: expect.stringContaining(message) });
    expect(await childRow(childId)).toEqual(before);
  });
});

describe('a child’s ethnicity and why their UPN is not known (SEN2 Person/Ethnicity and UPNunknown)', () => {
  const codes = async (childId: string) =>
    (await queryRows<{ ethnicity: string | null; upn: string | null; upn_unknown: string | null }>(testApp.database.db, sql`SELECT ethnicity, upn, upn_unknown FROM child WHERE id = ${childId}`))[0]!;

  it('records both through the page, shows them under Details, and audits each before and after', async () => {
    const { childId } = await aCase(testApp, officer.actor, { child: { upn: undefined } });
    const form = await testApp.app.inject({ method: 'GET', url: editUrl(childId), headers: { cookie: jar.header() } });
    expect(form.body).toContain('<option value="REFU">Refused</option>');
    expect(form.body).toContain('<option value="NOBT">Information not yet obtained</option>');
    const response = await postEdit(childId, { ethnicity: 'MWBA', upnUnknown: 'UN2' });
    expect(response.statusCode).toBe(303);
    expect(await codes(childId)).toEqual({ ethnicity: 'MWBA', upn: null, upn_unknown: 'UN2' });
    const record = await testApp.app.inject({ method: 'GET', url: `/children/${childId}`, headers: { cookie: jar.header() } });
    expect(record.body).toContain('White and Black African');
    expect(record.body).toContain('Not known (UN2)');
    const [entry] = (await listAuditEventsFor(testApp.database.db, officer.actor.authorityId, 'child', childId)).filter((event) => event.action === 'child.updated');
    expect(entry?.details).toEqual({ fields: ['ethnicity', 'upnUnknown'], changes: { ethnicity: { from: null, to: 'MWBA' }, upnUnknown: { from: null, to: 'UN2' } } });
  });

  it('a UPN given later clears the reason it was not known', async () => {
    const { childId } = await aCase(testApp, officer.actor, { child: { upn: undefined } });
    expect((await postEdit(childId, { upnUnknown: 'UN1' })).statusCode).toBe(303);
    const upn = aUpn();
    expect((await postEdit(childId, { upn, upnUnknown: '' })).statusCode).toBe(303);
    expect(await codes(childId)).toMatchObject({ upn, upn_unknown: null });
  });
});

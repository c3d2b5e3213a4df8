// "Is this the same child?": a new child on a request who may be a child already held is shown to
// the officer before a second record is made. A UPN is one child's (DfE CBDS): a second record with
// a UPN already held is refused, by the service and by the database. The same names and date of
// birth ask the officer, who may say it is a different child. A restricted record the officer may
// not see is never shown or named, but still stops the duplicate.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/database.ts';
import { child as childTable } from '../../db/schema/index.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aChild, anAuthority, anOfficer, aUpn, type NewChildDetails, type TestOfficer } from '../../test/factories/index.ts';
import { postForm, signIn, type CookieJar } from '../../test/http.ts';
import { requestFormFor, requestTableCounts } from '../../test/requests.ts';
import { listAccessFor, listAuditEventsFor } from '../audit/index.ts';
import { SameChildError } from './index.ts';

let testApp: TestApp;
let holder: TestOfficer;
let officer: TestOfficer;
let jar: CookieJar;
let token: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  holder = await anOfficer(testApp);
  officer = await anOfficer(testApp);
  jar = await signIn(testApp.app, officer.user.email, officer.password);
  token = (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

async function restrict(childId: string) {
  await queryRows(testApp.database.db, sql`UPDATE child SET sensitive = true WHERE id = ${childId}`);
}

/** A child held by `holder`, their case closed so a new request could be recorded on them. */
async function aHeldChild(details: Partial<NewChildDetails> = {}) {
  const child = aChild(details);
  const created = await aCase(testApp, holder.actor, { stage: 'closed', child });
  return { ...created, child };
}

/** The request form for a new child, received on 20 November 2026. */
const formFor = (child: NewChildDetails) => requestFormFor(child, '2026-11-20');

const postRequestForm = (fields: Record<string, string>) => postForm(testApp.app, jar, '/requests/new', fields, { csrfFrom: '/requests/new' });

const postApi = (payload: object, headers: Record<string, string> = {}) =>
  testApp.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, payload: JSON.stringify(payload) });

const childrenNamed = async (surname: string) => (await queryRows<{ n: number }>(testApp.database.db, sql`SELECT count(*)::int AS n FROM child WHERE surname = ${surname}`))[0]!.n;

describe('a UPN with a wrong check letter', () => {
  it('DfE CBDS: is refused by the service, the page and the API, naming the UPN, writing nothing', async () => {
    const before = await requestTableCounts(testApp.database.db);
    const child = aChild({ upn: 'K930123420015' });
    const failure = await testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-20', source: 1, child }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems).toContainEqual({ field: 'child.upn', message: 'The UPN’s check letter does not match: check it for typing mistakes' });
    const page = await postRequestForm(formFor(child));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('href="#upn"');
    expect(page.body).toContain('check letter does not match');
    const api = await postApi({ receivedOn: '2026-11-20', source: 1, child });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ field: 'child.upn' });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });
});

describe('a new child with a UPN already held', () => {
  it('DfE CBDS: is refused by the service even when confirmed as a different child, naming the child held, writing nothing', async () => {
    const held = await aHeldChild({ forename: 'Hanna', surname: 'Held-Upn' });
    const before = await requestTableCounts(testApp.database.db);
    const other = aChild({ forename: 'Other', upn: held.child.upn!.toLowerCase() });
    for (const confirmedNewChild of [false, true]) {
      const failure = await testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-20', source: 1, child: other, confirmedNewChild }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SameChildError);
      const { check } = failure as SameChildError;
      expect(check).toMatchObject({ upnHeld: true, upnHolderId: held.childId, hidden: [] });
      expect(check.matches).toEqual([expect.objectContaining({ id: held.childId, name: 'Hanna Held-Upn', reason: 'upn', upn: held.child.upn })]);
    }
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });

  it('is refused by the API with 409 problem+json naming the child held, whatever confirmedNewChild says', async () => {
    const held = await aHeldChild();
    const before = await requestTableCounts(testApp.database.db);
    for (const confirmedNewChild of [undefined, true]) {
      const response = await postApi({ receivedOn: '2026-11-20', source: 1, child: aChild({ upn: held.child.upn }), ...(confirmedNewChild ? { confirmedNewChild } : {}) });
      expect(response.statusCode).toBe(409);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 409, field: 'child.upn', duplicate: 'upn', existingChildId: held.childId, matchingChildIds: [held.childId] });
      expect(response.json().detail).toContain('a UPN belongs to one child');
    }
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
    // Sent as that child instead, the request is recorded on their record.
    const onHeld = await postApi({ childId: held.childId, receivedOn: '2026-11-20', source: 1 });
    expect(onHeld.statusCode).toBe(201);
    expect(onHeld.json().childId).toBe(held.childId);
  });

  it('is refused by the database itself: a second child of the authority with the UPN cannot be written', async () => {
    const held = await aHeldChild();
    const before = await requestTableCounts(testApp.database.db);
    const row = { id: uuidv7(), authorityId: testApp.authorityId, forename: 'Direct', surname: 'Insert', dateOfBirth: '2016-01-01', sex: 'F', upn: held.child.upn!, searchNames: 'direct insert', surnameKey: 'insert', createdAt: clock.now() };
    await expect(testApp.database.db.insert(childTable).values(row)).rejects.toThrow();
    // Children without a UPN are many, and another authority's child may hold the same UPN.
    const elsewhere = await anAuthority(testApp.database.db);
    await testApp.database.db.insert(childTable).values([{ ...row, upn: null }, { ...row, id: uuidv7(), upn: null }, { ...row, id: uuidv7(), authorityId: elsewhere.id }]);
    expect((await requestTableCounts(testApp.database.db)).children).toBe(before.children! + 3);
  });

  it('on the page, asks "Is this the same child?"; "No" is refused for a UPN held (409), "Yes" records the request on the child held', async () => {
    const held = await aHeldChild({ forename: 'Yusuf', surname: 'Known-Upn', postcode: 'DC1 2AB' });
    const before = await requestTableCounts(testApp.database.db);
    const typed = aChild({ forename: 'Yusef', surname: 'Known-Upn', upn: held.child.upn });
    const asked = await postRequestForm(formFor(typed));
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Is this the same child?');
    expect(asked.body).toContain('Yusuf Known-Upn');
    expect(asked.body).toContain('DC1 2AB');
    expect(asked.body).toContain(`value="${held.childId}"`);
    expect(asked.body).toContain('Not with this UPN: a UPN belongs to one child');
    // The form's answers ride along, unchanged, to the next step.
    expect(asked.body).toContain('name="forename" value="Yusef"');
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);

    const refused = await postRequestForm({ ...formFor(typed), sameChildAsked: 'yes', sameChild: 'new' });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('a second record cannot be made with it');
    expect(refused.body).toContain('href="#sameChild"');
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);

    const used = await postRequestForm({ ...formFor(typed), sameChildAsked: 'yes', sameChild: held.childId });
    expect(used.statusCode).toBe(303);
    expect(used.headers.location).toBe(`/children/${held.childId}?saved=request`);
    expect(await childrenNamed('Known-Upn')).toBe(1);
  });
});

describe('a new child with the same name and date of birth as a child held', () => {
  it('is refused by the service until confirmed as a different child, matching without case or accents; then made, and the audit says so', async () => {
    const held = await aHeldChild({ forename: 'Zoë', surname: 'O’Brien-Twin', dateOfBirth: '2016-03-27', upn: undefined });
    const before = await requestTableCounts(testApp.database.db);
    const typed = aChild({ forename: 'ZOE', surname: 'obrien twin', dateOfBirth: '2016-03-27', upn: undefined });
    const failure = await testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-20', source: 1, child: typed }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SameChildError);
    expect((failure as SameChildError).check).toMatchObject({ upnHeld: false, matches: [expect.objectContaining({ id: held.childId, reason: 'name-and-date-of-birth' })] });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);

    const created = await testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-20', source: 1, child: typed, confirmedNewChild: true });
    expect(created.childId).not.toBe(held.childId);
    const [audit] = (await listAuditEventsFor(testApp.database.db, officer.actor.authorityId, 'child', created.childId)).filter((entry) => entry.action === 'child.created');
    expect(audit?.details).toEqual({ confirmedNewChild: true, possibleMatches: [held.childId] });
    // The officer was shown the child held: that view is in the list access log.
    const [shown] = await queryRows<{ view: string; child_ids: string[] }>(testApp.database.db, sql`SELECT view, child_ids FROM list_access_log WHERE actor_id = ${officer.actor.id} AND ${held.childId} = ANY(child_ids)`);
    expect(shown).toEqual({ view: 'same-child-request', child_ids: [held.childId] });
  });

  it('is answered 409 by the API naming the matches, and made with "confirmedNewChild": true', async () => {
    const held = await aHeldChild({ forename: 'Api', surname: 'Twin-Check', dateOfBirth: '2017-05-05' });
    const before = await requestTableCounts(testApp.database.db);
    const typed = aChild({ forename: 'api', surname: 'TWIN-CHECK', dateOfBirth: '2017-05-05' });
    const refused = await postApi({ receivedOn: '2026-11-20', source: 1, child: typed });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ duplicate: 'name-and-date-of-birth', field: 'child', matchingChildIds: [held.childId] });
    expect(refused.json().existingChildId).toBeUndefined();
    expect(refused.json().detail).toContain('"confirmedNewChild": true');
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
    const made = await postApi({ receivedOn: '2026-11-20', source: 1, child: typed, confirmedNewChild: true });
    expect(made.statusCode).toBe(201);
    expect(made.json().childId).not.toBe(held.childId);
  });

  it('answers a retry of a request already made with its first answer, not as a child already held', async () => {
    const payload = { receivedOn: '2026-11-20', source: 1, child: aChild() };
    const headers = { 'idempotency-key': `retry-${uuidv7()}` };
    const first = await postApi(payload, headers);
    const retry = await postApi(payload, headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
  });

  it('on the page: no answer is asked for again (400); "No" makes the new child; "Change" goes back to the form as typed', async () => {
    const held = await aHeldChild({ forename: 'Page', surname: 'Twin-Form', dateOfBirth: '2015-01-02', upn: undefined });
    const typed = aChild({ forename: 'Page', surname: 'Twin-Form', dateOfBirth: '2015-01-02', upn: undefined });
    const before = await requestTableCounts(testApp.database.db);
    const asked = await postRequestForm(formFor(typed));
    expect(asked.statusCode).toBe(200);
    expect(asked.body).toContain('Name and date of birth');
    expect(asked.body).toContain('A new record is made for the child you entered.');

    const unanswered = await postRequestForm({ ...formFor(typed), sameChildAsked: 'yes' });
    expect(unanswered.statusCode).toBe(400);
    expect(unanswered.body).toContain('Select whether this is a child already held or a different child');
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);

    const back = await postRequestForm({ ...formFor(typed), sameChildAsked: 'yes', sameChildAction: 'change' });
    expect(back.statusCode).toBe(200);
    expect(back.body).toContain('Record a request for an EHC needs assessment</h1>');
    expect(back.body).toContain('value="Twin-Form"');
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);

    const made = await postRequestForm({ ...formFor(typed), sameChildAsked: 'yes', sameChild: 'new' });
    expect(made.statusCode).toBe(303);
    expect(made.headers.location).not.toContain(held.childId);
    expect(await childrenNamed('Twin-Form')).toBe(2);
  });

  it('on the page, "Yes" on a child whose case is still open is refused with the reason, on the question (409)', async () => {
    const open = await aCase(testApp, holder.actor, { child: { forename: 'Still', surname: 'Open-Twin', dateOfBirth: '2014-04-04' } });
    const typed = aChild({ forename: 'Still', surname: 'Open-Twin', dateOfBirth: '2014-04-04' });
    const before = await requestTableCounts(testApp.database.db);
    const response = await postRequestForm({ ...formFor(typed), sameChildAsked: 'yes', sameChild: open.childId });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Is this the same child?');
    expect(response.body).toContain('This child already has an open EHC case');
    expect(response.body).toContain(open.reference);
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });
});

describe('a possible match on a restricted record the officer may not see', () => {
  it('with the same UPN: the duplicate is refused without saying whose record it is, by the service, the page and the API; the refusal is logged', async () => {
    const held = await aHeldChild({ forename: 'Secret', surname: 'Restricted-Upn' });
    await restrict(held.childId);
    const before = await requestTableCounts(testApp.database.db);
    const typed = aChild({ upn: held.child.upn });

    const failure = (await testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-20', source: 1, child: typed, confirmedNewChild: true }).catch((error: unknown) => error)) as SameChildError;
    expect(failure).toBeInstanceOf(SameChildError);
    expect(failure.check).toMatchObject({ upnHeld: true, upnHolderId: undefined, matches: [], hidden: ['upn'] });
    expect(failure.message).toContain('on a record you cannot see');

    const page = await postRequestForm(formFor(typed));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A record you cannot see already holds this UPN');
    expect(page.body).not.toContain('Restricted-Upn');
    expect(page.body).not.toContain(held.childId);

    const api = await postApi({ receivedOn: '2026-11-20', source: 1, child: typed, confirmedNewChild: true });
    expect(api.statusCode).toBe(409);
    expect(api.json()).toMatchObject({ duplicate: 'upn', matchingChildIds: [] });
    expect(api.json().existingChildId).toBeUndefined();
    expect(api.body).not.toContain(held.childId);
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);

    const refusals = (await listAccessFor(testApp.database.db, officer.actor.authorityId, held.childId)).filter((entry) => entry.actorId === officer.actor.id);
    expect(refusals.map((entry) => entry.view)).toContain('refused:same-child-request');
  });

  it('with the same names and date of birth: the officer is warned without details and may still make the new record', async () => {
    const held = await aHeldChild({ forename: 'Quiet', surname: 'Restricted-Twin', dateOfBirth: '2013-09-09', upn: undefined });
    await restrict(held.childId);
    const typed = aChild({ forename: 'Quiet', surname: 'Restricted-Twin', dateOfBirth: '2013-09-09', upn: undefined });
    const page = await postRequestForm(formFor(typed));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('A restricted record you cannot see may be of the same child');
    expect(page.body).not.toContain(held.childId);
    const api = await postApi({ receivedOn: '2026-11-20', source: 1, child: typed });
    expect(api.statusCode).toBe(409);
    expect(api.json()).toMatchObject({ duplicate: 'name-and-date-of-birth', matchingChildIds: [] });
    expect(api.json().detail).toContain('a record you cannot see');
    const made = await postRequestForm({ ...formFor(typed), sameChildAsked: 'yes', sameChild: 'new' });
    expect(made.statusCode).toBe(303);
  });

  it('is shown, in full, to a manager, who may see restricted records', async () => {
    const held = await aHeldChild({ forename: 'Managed', surname: 'Restricted-Seen' });
    await restrict(held.childId);
    const manager = await anOfficer(testApp, { role: 'team_manager' });
    const failure = (await testApp.services.requests.recordRequest(manager.actor, { receivedOn: '2026-11-20', source: 1, child: aChild({ upn: held.child.upn }) }).catch((error: unknown) => error)) as SameChildError;
    expect(failure.check).toMatchObject({ upnHolderId: held.childId, hidden: [] });
  });
});

describe('a postcode on a request', () => {
  it('is held in its standard form, however it was typed to the service, on the page or sent to the API', async () => {
    const fromService = await testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-20', source: 1, child: aChild({ postcode: 'b 11 a a' }) });
    const fromPage = await postRequestForm(formFor(aChild({ postcode: ' dc12ab ' })));
    expect(fromPage.statusCode).toBe(303);
    const pageChildId = /\/children\/([^?]+)/.exec(fromPage.headers.location!)![1]!;
    const fromApi = await postApi({ receivedOn: '2026-11-20', source: 1, child: aChild({ postcode: 'sw1a1aa' }) });
    const rows = await queryRows<{ id: string; postcode: string }>(testApp.database.db, sql`SELECT id, postcode FROM child WHERE id IN (${fromService.childId}, ${pageChildId}, ${fromApi.json().childId})`);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.postcode]))).toEqual({ [fromService.childId]: 'B1 1AA', [pageChildId]: 'DC1 2AB', [fromApi.json().childId]: 'SW1A 1AA' });
  });

  it('that cannot be a postcode is refused by the service, the page and the API, naming the field, writing nothing', async () => {
    const before = await requestTableCounts(testApp.database.db);
    const child = aChild({ postcode: 'NOT A CODE', upn: aUpn() });
    const failure = await testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-20', source: 1, child }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    expect((failure as ValidationError).problems).toContainEqual({ field: 'child.postcode', message: expect.stringContaining('Enter a real postcode') });
    const page = await postRequestForm(formFor(child));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('href="#postcode"');
    expect(page.body).toContain('Enter a real postcode');
    const response = await postApi({ receivedOn: '2026-11-20', source: 1, child });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'child.postcode', detail: expect.stringContaining('Enter a real postcode') });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });
});

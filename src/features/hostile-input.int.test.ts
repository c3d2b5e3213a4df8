// Input a careless client, a fuzzer or a hostile insider sends: every answer is a 4xx with a clear
// message, never a 500, and nothing is half-written. Each case here answered 500 before its fix.
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { testConfig } from '../config.ts';
import { queryRows } from '../db/database.ts';
import { fixedClock } from '../lib/clock.ts';
import { ValidationError } from '../lib/errors.ts';
import { createTestApp, type TestApp } from '../test/app.ts';
import { createTestDatabase } from '../test/database.ts';
import { aCase, aChild, anOfficer, aPerson, type TestOfficer } from '../test/factories/index.ts';
import { CookieJar, getPage, postForm, signIn } from '../test/http.ts';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
let admin: TestOfficer;
let officerJar: CookieJar;
let managerJar: CookieJar;
let adminJar: CookieJar;
let token: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  officerJar = await signIn(testApp.app, officer.user.email, officer.password);
  managerJar = await signIn(testApp.app, manager.user.email, manager.password);
  admin = await anOfficer(testApp, { role: 'admin' });
  adminJar = await signIn(testApp.app, admin.user.email, admin.password);
  token = (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

const api = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  testApp.app.inject({ method, url, headers: { authorization: `Bearer ${token}`, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });

async function counts() {
  const [row] = await queryRows<{ children: number; cases: number; events: number; exceptions: number }>(
    testApp.database.db,
    sql`SELECT (SELECT count(*)::int FROM child) AS children, (SELECT count(*)::int FROM ehc_case) AS cases,
               (SELECT count(*)::int FROM case_event) AS events, (SELECT count(*)::int FROM case_exception) AS exceptions`,
  );
  return row!;
}

describe('page numbers past any list', () => {
  it('My cases, its API and the team view refuse page 1e20 with 400, in the service too', async () => {
    expect((await getPage(testApp.app, officerJar, '/cases?page=1e20')).statusCode).toBe(400);
    const page = await getPage(testApp.app, officerJar, '/cases?page=1e20');
    expect(page.body).toContain('There is no page');
    expect((await api('GET', '/api/v1/cases?page=100000000000000000000')).statusCode).toBe(400);
    expect((await getPage(testApp.app, managerJar, '/team/deadlines?page=1e20')).statusCode).toBe(400);
    await expect(testApp.services.worklist.worklist(officer.actor, 1e20)).rejects.toBeInstanceOf(ValidationError);
    // A mistyped page still lands on the first.
    expect((await getPage(testApp.app, officerJar, '/cases?page=abc')).statusCode).toBe(200);
  });
});

describe('a NUL character, which the database cannot store', () => {
  it('is refused with 400 in every form and the API, writing nothing', async () => {
    const created = await aCase(testApp, officer.actor);
    const before = await counts();
    const nul = 'Zo\u0000ë';
    const edit = await postForm(testApp.app, officerJar, `/children/${created.childId}/edit`, { version: '1', forename: nul, surname: 'Test' }, { csrfFrom: `/children/${created.childId}/edit` });
    expect(edit.statusCode).toBe(400);
    expect(edit.body).toContain('not allowed (NUL)');
    const request = await postForm(
      testApp.app,
      officerJar,
      '/requests/new',
      { forename: nul, surname: 'Test', 'dateOfBirth-day': '1', 'dateOfBirth-month': '1', 'dateOfBirth-year': '2016', sex: 'F', 'receivedOn-day': '1', 'receivedOn-month': '11', 'receivedOn-year': '2026', source: '1' },
      { csrfFrom: '/requests/new' },
    );
    expect(request.statusCode).toBe(400);
    const exception = await postForm(
      testApp.app,
      officerJar,
      `/children/${created.childId}/exceptions/new`,
      { reason: 'holiday', evidence: `letter${'\u0000'}`, 'startsOn-day': '1', 'startsOn-month': '11', 'startsOn-year': '2026' },
      { csrfFrom: `/children/${created.childId}/exceptions/new` },
    );
    expect(exception.statusCode).toBe(400);
    const viaApi = await api('POST', '/api/v1/requests', { receivedOn: '2026-11-01', source: 1, child: { ...aChild(), forename: nul } });
    expect(viaApi.statusCode).toBe(400);
    expect(viaApi.json()).toMatchObject({ status: 400, field: 'child.forename' });
    const signInAttempt = await postForm(testApp.app, new CookieJar(), '/sign-in', { email: `a${'\u0000'}@x.example`, password: 'x' }, { csrfFrom: '/sign-in' });
    expect(signInAttempt.statusCode).toBe(400);
    // A return address with a NUL, on the sign-in page and in its form.
    expect((await getPage(testApp.app, new CookieJar(), '/sign-in?returnTo=%2F%00%2Fevil.example')).statusCode).toBe(400);
    const returning = await postForm(testApp.app, new CookieJar(), '/sign-in', { email: officer.user.email, password: officer.password, returnTo: '/\u0000/evil.example' }, { csrfFrom: '/sign-in' });
    expect(returning.statusCode).toBe(400);
    expect(returning.body).toContain('not allowed (NUL)');
    expect(await counts()).toEqual(before);
  });
});

describe('an address with a parameter left empty', () => {
  it('removing a person with no person in the address is refused with 404, not 500', async () => {
    const response = await postForm(testApp.app, officerJar, '/children/VNJ%7BGP2rY/people//remove', {}, { csrfFrom: '/account/password' });
    expect(response.statusCode, response.body.slice(0, 2000)).toBe(404);
  });
});

describe('a version no record can have', () => {
  it('is refused with 400 on the edit form and by the service, not passed to the database', async () => {
    const created = await aCase(testApp, officer.actor);
    const url = `/children/${created.childId}/edit`;
    const response = await postForm(testApp.app, officerJar, url, { version: '3000000000', forename: 'Ada', surname: 'Test' }, { csrfFrom: url });
    expect(response.statusCode).toBe(400);
    await expect(testApp.services.children.updateChildDetails(officer.actor, created.childId, { version: 3_000_000_000, forename: 'Ada', surname: 'Test' })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('the API’s request body', () => {
  it('refuses a school that does not exist with 400 naming the field, writing nothing', async () => {
    const before = await counts();
    const response = await api('POST', '/api/v1/requests', { receivedOn: '2026-11-01', source: 1, child: { ...aChild(), schoolId: '0190c3a0-0000-7000-8000-000000000009' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'child.schoolId' });
    expect(await counts()).toEqual(before);
  });

  it('refuses fields it does not document, rather than dropping them', async () => {
    const response = await api('POST', '/api/v1/requests', { receivedOn: '2026-11-01', source: 1, officerId: officer.actor.id, child: aChild() });
    expect(response.statusCode).toBe(400);
    const nested = await api('POST', '/api/v1/requests', { receivedOn: '2026-11-01', source: 1, child: { ...aChild(), sensitive: true } });
    expect(nested.statusCode).toBe(400);
  });
});

describe('the record’s “saved” banner', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('reads ?saved=%s as a plain word, not a property of every object', async (saved) => {
    const created = await aCase(testApp, officer.actor);
    const response = await getPage(testApp.app, officerJar, `/children/${created.childId}?saved=${saved}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Saved');
  });
});

describe('writes while the database is down', () => {
  it('answer 503 with a message, on the page and the API, not 500', async () => {
    const own = await createTestDatabase();
    const config = testConfig();
    const isolated = await buildApp({ config, database: own, clock });
    await isolated.ready();
    await own.close();
    try {
      const page = await isolated.inject({ method: 'GET', url: '/sign-in' });
      // Without the database no one can be signed in, so the API's answer is the one to see.
      const viaApi = await isolated.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: '{}' });
      expect(page.statusCode).toBe(200);
      expect(viaApi.statusCode).toBe(503);
      expect(viaApi.headers['retry-after']).toBe('30');
      expect(viaApi.json()).toMatchObject({ status: 503, detail: expect.stringContaining('Nothing was saved') });
      const signInPost = await isolated.inject({ method: 'POST', url: '/sign-in', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a%40b.example&password=x' });
      expect(signInPost.statusCode).not.toBe(500);
    } finally {
      await isolated.close();
    }
  });
});

describe('whatever is typed into any form or API field', () => {
  // Text a person or a fuzzer may send: any characters (NUL, controls, other alphabets), very long
  // strings, numbers far outside any range.
  const anyText = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.constantFrom('', ' ', '1e20', '-1', '3000000000', '0x10', '\u0000', 'NaN', '99999999999999999999'));

  // 25 runs of 30 requests each: the test has a budget for its work, not a latency target.
  it('never answers 500, and leaves no child without a case or a case without its request', async () => {
    const created = await aCase(testApp, officer.actor);
    const editUrl = `/children/${created.childId}/edit`;
    const stepUrl = `/children/${created.childId}/steps/new`;
    const exceptionUrl = `/children/${created.childId}/exceptions/new`;
    // An account whose role and state the forms may change: one that holds no case.
    const target = (await anOfficer(testApp, { role: 'board_member' })).user.id;
    const addPersonUrl = `/children/${created.childId}/people/new`;
    const person = await aPerson(testApp, officer.actor, created.childId);
    const editPersonUrl = `/children/${created.childId}/people/${person.id}/edit`;
    const removePersonUrl = `/children/${created.childId}/people/${person.id}/remove`;
    // Another child's person: whatever is sent, removing them from this child finds no one.
    const elsewhere = await aCase(testApp, officer.actor);
    const otherPerson = await aPerson(testApp, officer.actor, elsewhere.childId);
    await fc.assert(
      fc.asyncProperty(fc.array(anyText, { minLength: 12, maxLength: 12 }), async (values) => {
        const [a, b, c, d, e, f, g, h, i, j, k, l] = values as string[];
        const answers = [
          await postForm(
            testApp.app,
            officerJar,
            editUrl,
            { version: a!, forename: b!, surname: c!, preferredName: d!, upn: e!, postcode: f!, 'dateOfBirth-day': g!, 'dateOfBirth-month': h!, 'dateOfBirth-year': i!, sex: j!, schoolUrn: k! },
            { csrfFrom: editUrl },
          ),
          await postForm(
            testApp.app,
            officerJar,
            '/requests/new',
            { forename: a!, surname: b!, 'dateOfBirth-day': '3', 'dateOfBirth-month': '7', 'dateOfBirth-year': '2015', sex: 'F', upn: c!, 'receivedOn-day': d!, 'receivedOn-month': '11', 'receivedOn-year': '2025', source: '1', recordedLate: e!, recordedLateReason: f! },
            { csrfFrom: '/requests/new' },
          ),
          await postForm(
            testApp.app,
            officerJar,
            '/requests/new',
            { forename: a!, surname: b!, 'dateOfBirth-day': c!, 'dateOfBirth-month': d!, 'dateOfBirth-year': e!, sex: f!, upn: g!, 'receivedOn-day': h!, 'receivedOn-month': i!, 'receivedOn-year': j!, source: '1', sameChildAsked: 'yes', sameChild: k!, sameChildAction: l! },
            { csrfFrom: '/requests/new' },
          ),
          await postForm(
            testApp.app,
            officerJar,
            addPersonUrl,
            { forename: a!, surname: b!, relationship: c!, parentalResponsibility: d!, mainContact: e!, phone: f!, email: g!, address: h!, postcode: i!, doNotDiscloseAddress: j! },
            { csrfFrom: addPersonUrl },
          ),
          await postForm(
            testApp.app,
            officerJar,
            editPersonUrl,
            { version: a!, forename: b!, surname: c!, relationship: d!, parentalResponsibility: e!, mainContact: f!, phone: g!, email: h!, address: i!, postcode: j!, doNotDiscloseAddress: k! },
            { csrfFrom: editPersonUrl },
          ),
          await postForm(testApp.app, officerJar, `/children/${created.childId}/people/${otherPerson.id}/remove`, { remove: a! }, { csrfFrom: removePersonUrl }),
          await getPage(testApp.app, officerJar, `/children/${encodeURIComponent(a!)}/people/${encodeURIComponent(b!)}/edit`),
          await api('POST', '/api/v1/requests', { receivedOn: a, source: 1, recordedLateReason: b, confirmedNewChild: c === '' ? true : c, child: { forename: d, surname: e, dateOfBirth: f, sex: 'F', upn: g, postcode: h } }),
          await api('POST', `/api/v1/cases/${created.caseId}/exceptions`, { reason: a, evidence: b, startsOn: c }),
          await postForm(
            testApp.app,
            officerJar,
            '/requests/new',
            { forename: a!, surname: b!, 'dateOfBirth-day': c!, 'dateOfBirth-month': d!, 'dateOfBirth-year': e!, sex: f!, upn: g!, postcode: h!, 'receivedOn-day': i!, 'receivedOn-month': j!, 'receivedOn-year': k!, source: l! },
            { csrfFrom: '/requests/new' },
          ),
          await postForm(testApp.app, officerJar, stepUrl, { type: a!, 'occurredOn-day': b!, 'occurredOn-month': c!, 'occurredOn-year': d! }, { csrfFrom: stepUrl }),
          await postForm(testApp.app, officerJar, exceptionUrl, { reason: a!, evidence: b!, 'startsOn-day': c!, 'startsOn-month': d!, 'startsOn-year': e! }, { csrfFrom: exceptionUrl }),
          await postForm(testApp.app, managerJar, '/account/password', { currentPassword: a!, newPassword: b!, confirmPassword: c! }, { csrfFrom: '/account/password' }),
          await api('POST', '/api/v1/requests', { receivedOn: a, source: Number(b) || b, child: { forename: c, surname: d, dateOfBirth: e, sex: f, upn: g, postcode: h, schoolId: i } }),
          await api('GET', `/api/v1/children?q=${encodeURIComponent(a!)}`),
          await api('GET', `/api/v1/cases?page=${encodeURIComponent(b!)}`),
          await getPage(testApp.app, officerJar, `/cases?page=${encodeURIComponent(c!)}`),
          await getPage(testApp.app, officerJar, `/search?q=${encodeURIComponent(d!)}`),
          await getPage(testApp.app, managerJar, `/team/deadlines?page=${encodeURIComponent(e!)}&officer=${encodeURIComponent(f!)}&stage=${encodeURIComponent(g!)}`),
          await getPage(testApp.app, managerJar, `/team/unallocated?page=${encodeURIComponent(h!)}`),
          await getPage(testApp.app, adminJar, `/users?page=${encodeURIComponent(i!)}`),
          await postForm(testApp.app, adminJar, '/users/new', { name: a!, email: b!, role: c! }, { csrfFrom: '/users/new' }),
          await postForm(testApp.app, adminJar, `/users/${target}/role`, { version: d!, role: e! }, { csrfFrom: `/users/${target}/role` }),
          await postForm(testApp.app, adminJar, `/users/${encodeURIComponent(f!)}/deactivate`, { version: g! }, { csrfFrom: `/users/${target}` }),
          await postForm(testApp.app, adminJar, `/users/${target}/reactivate`, { version: h! }, { csrfFrom: `/users/${target}` }),
          await getPage(testApp.app, adminJar, `/audit/staff?user=${encodeURIComponent(i!)}`),
          await getPage(
            testApp.app,
            adminJar,
            `/audit/staff/${officer.actor.id}?from-day=${encodeURIComponent(j!)}&from-month=${encodeURIComponent(k!)}&from-year=${encodeURIComponent(l!)}&to-day=${encodeURIComponent(a!)}&page=${encodeURIComponent(b!)}`,
          ),
          await getPage(testApp.app, adminJar, `/audit/children/${created.childId}?to-day=${encodeURIComponent(c!)}&to-month=${encodeURIComponent(d!)}&to-year=${encodeURIComponent(e!)}&page=${encodeURIComponent(f!)}`),
        ];
        for (const answer of answers) expect(answer.statusCode, answer.body.slice(0, 300)).toBeLessThan(500);
      }),
      { numRuns: 25 },
    );
    const [broken] = await queryRows<{ orphans: number; unrequested: number }>(
      testApp.database.db,
      sql`SELECT (SELECT count(*)::int FROM child ch WHERE NOT EXISTS (SELECT 1 FROM ehc_case c WHERE c.child_id = ch.id)) AS orphans,
                 (SELECT count(*)::int FROM ehc_case c WHERE NOT EXISTS (SELECT 1 FROM case_event e WHERE e.case_id = c.id AND e.type = 'request.received')) AS unrequested`,
    );
    expect(broken).toEqual({ orphans: 0, unrequested: 0 });
  }, 180_000);
});

// Every form the service has, the portals, the API's operations, the uploads and the imports: see
// hostile-input-forms, hostile-input-api-portals and hostile-input-imports-public.

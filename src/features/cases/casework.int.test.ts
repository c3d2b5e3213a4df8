import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../composition.ts';
import { queryRows, type DatabaseHandle } from '../../db/database.ts';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { createAuthority, createStaff } from '../../test/fixtures.ts';
import { getPage, postForm, signIn } from '../../test/http.ts';
import type { Actor } from '../auth/actor.ts';
import * as auditRepository from '../audit/repository.ts';
import * as demoRepository from '../demo/repository.ts';
import { uuidv7 } from '../../lib/uuid.ts';

const PASSWORD = 'A-long-test-password-1';
const UPN = 'J930123420015';
let testApp: TestApp;
let database: DatabaseHandle;
let services: Services;
let app: FastifyInstance;
let officer: Actor;
let colleague: Actor;
let manager: Actor;
let outsider: Actor;
let token: string;
let outsiderToken: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

async function tableCounts() {
  const [row] = await queryRows<Record<string, number>>(
    database.db,
    sql`SELECT (SELECT count(*)::int FROM child) AS children, (SELECT count(*)::int FROM ehc_case) AS cases, (SELECT count(*)::int FROM case_event) AS events,
               (SELECT count(*)::int FROM assessment_request) AS requests, (SELECT count(*)::int FROM audit_event) AS audit`,
  );
  return row!;
}

const newChild = (overrides: Record<string, unknown> = {}) => ({
  forename: 'Zoë',
  surname: 'O’Brien-Smith',
  dateOfBirth: '2016-03-27',
  sex: 'F' as const,
  ...overrides,
});

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  ({ database, services, app } = testApp);
  const authorityId = testApp.authorityId;
  const otherAuthorityId = await createAuthority(database.db, '998', 'Neighbouring Borough Council');
  const asActor = (user: { id: string; role: string }, authority: string): Actor => ({ kind: 'user', id: user.id, authorityId: authority, roles: [user.role as never] });
  const officerUser = await createStaff(services, authorityId, 'case_officer', 'officer@test.example');
  officer = asActor(officerUser, authorityId);
  colleague = asActor(await createStaff(services, authorityId, 'case_officer', 'colleague@test.example'), authorityId);
  manager = asActor(await createStaff(services, authorityId, 'team_manager', 'manager@test.example'), authorityId);
  const outsiderUser = await createStaff(services, otherAuthorityId, 'case_officer', 'outsider@test.example');
  outsider = asActor(outsiderUser, otherAuthorityId);
  token = (await services.auth.issueApiToken(officer, officer.id, 'test')).token;
  outsiderToken = (await services.auth.issueApiToken(outsider, outsider.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

describe('recording a request for an EHC needs assessment', () => {
  it('creates the child, the case with its reference, the request, the event, the deadlines and the audit entry together', async () => {
    const created = await services.requests.recordRequest(officer, { receivedOn: '2026-11-02', source: 2, child: newChild({ upn: UPN.toLowerCase() }) });
    expect(created.reference).toBe('999-EHC-2026-00001');
    const record = await services.children.childRecord(officer, created.childId);
    expect(record.child.upn).toBe(UPN);
    expect(record.openCase).toMatchObject({ stage: 'request', officerId: officer.id, unallocatedSince: null, openedOn: '2026-11-02' });
    expect(record.events.map((event) => event.type)).toEqual(['request.received']);
    expect(record.deadlines.map((deadline) => [deadline.deadlineId, deadline.dueOn])).toEqual([
      ['decision-to-assess', '2026-12-14'],
      ['final-plan', '2027-03-22'],
    ]);
    expect(record.deadlines[0]!.basis).toMatch(/reg\. 5\(1\)/);
    const audit = await auditRepository.listAuditEventsFor(database.db, officer.authorityId, 'ehc_case', created.caseId);
    expect(audit.map((entry) => entry.action)).toEqual(['request.recorded']);
  });

  it('numbers references in sequence within the authority and year', async () => {
    const second = await services.requests.recordRequest(officer, { receivedOn: '2026-11-03', source: 1, child: newChild({ forename: 'Second', surname: 'Child' }) });
    expect(second.reference).toBe('999-EHC-2026-00002');
  });

  it('puts a request recorded by someone who is not a case officer in the unallocated queue, dated today', async () => {
    const created = await services.requests.recordRequest(manager, { receivedOn: '2026-11-10', source: 3, child: newChild({ forename: 'Unheld', surname: 'Child' }) });
    const record = await services.children.childRecord(manager, created.childId);
    expect(record.openCase).toMatchObject({ officerId: null, unallocatedSince: '2026-11-23' });
  });

  it.each([
    ['an invalid UPN', { child: newChild({ upn: 'K930123420015' }) }, 'child.upn', 'check letter'],
    ['a date of birth in the future', { child: newChild({ dateOfBirth: '2027-01-01' }) }, 'child.dateOfBirth', 'in the past'],
    ['an impossible date of birth', { child: newChild({ dateOfBirth: '2016-02-30' }) }, 'child.dateOfBirth', 'real date'],
    ['a received date in the future', { receivedOn: '2026-11-24' }, 'receivedOn', 'today or in the past'],
    ['an over-long name', { child: newChild({ forename: 'x'.repeat(101) }) }, 'child.forename', '100 characters'],
    ['an unknown request source', { source: 9 }, 'source', 'Select who made the request'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, change, field, message) => {
    const before = await tableCounts();
    const input = { receivedOn: '2026-11-02', source: 1, child: newChild({ forename: 'Refused' }), ...change };
    const failure = await services.requests.recordRequest(officer, input as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    const problem = (failure as ValidationError).problems.find((entry) => entry.field === field);
    expect(problem?.message).toContain(message);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a second open case for the same child with a conflict, writing nothing', async () => {
    const [first] = (await services.search.search(officer, UPN)).results;
    const before = await tableCounts();
    await expect(services.requests.recordRequest(officer, { receivedOn: '2026-11-20', source: 1, childId: first!.childId })).rejects.toThrow(ConflictError);
    expect(await tableCounts()).toEqual(before);
  });

  it('keeps a script-bearing name as text and shows it escaped', async () => {
    const created = await services.requests.recordRequest(officer, {
      receivedOn: '2026-11-05',
      source: 1,
      child: newChild({ forename: '<script>alert("x")</script>', surname: 'Escaped' }),
    });
    const jar = await signIn(app, 'officer@test.example', PASSWORD);
    const page = await getPage(app, jar, `/children/${created.childId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert("x")</script>');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});

describe('the worklist', () => {
  it('lists an officer’s own open cases, next statutory deadline first', async () => {
    const worklist = await services.worklist.worklist(officer);
    expect(worklist.cases.length).toBeGreaterThanOrEqual(3);
    const dues = worklist.cases.map((entry) => entry.deadline?.dueOn ?? '9999');
    expect([...dues].sort()).toEqual(dues);
    expect(worklist.cases.every((entry) => entry.reference.startsWith('999-EHC-'))).toBe(true);
    // An officer holding no cases gets no rows (the count's row alone is not a case).
    const empty = await services.worklist.worklist(colleague);
    expect(empty.total).toBe(0);
    expect(empty.cases).toEqual([]);
  });

  it('shows the last page for a page past the end, never "no open cases"', async () => {
    const first = await services.worklist.worklist(officer, 1);
    const pastTheEnd = await services.worklist.worklist(officer, 9);
    expect(pastTheEnd.page).toBe(first.pageCount);
    expect(pastTheEnd.total).toBe(first.total);
    expect(pastTheEnd.cases.length).toBeGreaterThan(0);
  });

  it('moves with the statutory steps: deciding to assess meets the 6-week deadline', async () => {
    const created = await services.requests.recordRequest(officer, { receivedOn: '2026-09-01', source: 1, child: newChild({ forename: 'Stepping', surname: 'Along' }) });
    await services.caseProgress.recordStep(officer, created.caseId, 'assessment.agreed', '2026-10-05');
    const record = await services.children.childRecord(officer, created.childId);
    expect(record.openCase?.stage).toBe('assessment');
    expect(record.deadlines.find((deadline) => deadline.deadlineId === 'decision-to-assess')).toMatchObject({ metOn: '2026-10-05', status: 'met-on-time' });
    await expect(services.caseProgress.recordStep(officer, created.caseId, 'plan.issued', '2026-12-01')).rejects.toThrow(ValidationError);
  });
});

describe('search', () => {
  it('finds a child by name whatever the accents, apostrophes and case', async () => {
    const { results } = await services.search.search(officer, 'zoe obrien');
    expect(results.map((result) => result.upn)).toContain(UPN);
  });

  it('finds a child by short fragments and by many words, the same on every call', async () => {
    // Words of one or two letters give no trigram (planned each time); five words pass the
    // statements prepared by name; the rest are prepared, and a prepared plan must not drift.
    for (const text of ['zo obrien', 'z o brien smith', 'zoe obrien smith zoe obrien', 'zoe obrien', 'zoe obrien', 'zoe obrien', 'zoe obrien', 'zoe obrien', 'zoe obrien']) {
      const { results } = await services.search.search(officer, text);
      expect(results.map((result) => result.upn), text).toContain(UPN);
    }
    expect((await services.search.search(officer, 'zoe nobody')).results.map((result) => result.upn)).not.toContain(UPN);
  });

  it('finds a child by UPN and by date of birth', async () => {
    expect((await services.search.search(officer, UPN.toLowerCase())).results).toHaveLength(1);
    expect((await services.search.search(officer, '27/03/2016')).results.length).toBeGreaterThan(0);
  });

  it('still finds a misspelt name', async () => {
    const { results } = await services.search.search(officer, 'Zoe OBrein');
    expect(results.map((result) => result.upn)).toContain(UPN);
  });

  it('never returns another authority’s children', async () => {
    expect((await services.search.search(outsider, 'zoe')).results).toEqual([]);
  });

  it('hides a sensitive record from officers who do not hold it', async () => {
    const created = await services.requests.recordRequest(officer, { receivedOn: '2026-11-06', source: 1, child: newChild({ forename: 'Restricted', surname: 'Person' }) });
    await database.db.execute(sql`UPDATE child SET sensitive = true WHERE id = ${created.childId}`);
    expect((await services.search.search(officer, 'restricted person')).results).toHaveLength(1);
    expect((await services.search.search(manager, 'restricted person')).results).toHaveLength(1);
    expect((await services.search.search(colleague, 'restricted person')).results).toHaveLength(0);
    await expect(services.children.childRecord(colleague, created.childId)).rejects.toThrow(NotFoundError);
  });
});

describe('the child’s record', () => {
  it('writes every view to the access log', async () => {
    const [found] = (await services.search.search(officer, UPN)).results;
    await services.children.childRecord(officer, found!.childId);
    await services.children.childRecord(manager, found!.childId);
    const log = await auditRepository.listAccessFor(database.db, officer.authorityId, found!.childId);
    expect(log.filter((entry) => entry.view === 'record').map((entry) => entry.actorId)).toEqual(expect.arrayContaining([officer.id, manager.id]));
  });

  it('gathers the people, named officer and history, and never shows a withheld address or its postcode', async () => {
    const created = await services.requests.recordRequest(officer, { receivedOn: '2026-11-02', source: 1, child: newChild({ forename: 'Linked', surname: 'Family' }) });
    const now = clock.now();
    const people = [
      { id: uuidv7(), forename: 'Ada', surname: 'Family', address: '1 Open Street', postcode: 'B1 1AA', withheld: false, main: true },
      { id: uuidv7(), forename: 'Bea', surname: 'Hidden', address: '2 Refuge Road', postcode: 'B2 2BB', withheld: true, main: false },
    ];
    for (const entry of people) {
      await demoRepository.insertPerson(database.db, { id: entry.id, authorityId: officer.authorityId, forename: entry.forename, surname: entry.surname, address: entry.address, postcode: entry.postcode, doNotDiscloseAddress: entry.withheld, createdAt: now });
      await demoRepository.linkPerson(database.db, { authorityId: officer.authorityId, childId: created.childId, personId: entry.id, relationship: 'mother', parentalResponsibility: true, mainContact: entry.main });
    }
    const record = await services.children.childRecord(officer, created.childId);
    expect(record.people.map((entry) => [entry.forename, entry.address, entry.postcode])).toEqual([
      ['Ada', '1 Open Street', 'B1 1AA'],
      ['Bea', undefined, undefined],
    ]);
    expect(record.officer?.name).toBeTruthy();
    expect(record.openCase?.reference).toBe(created.reference);
    expect(record.events.map((event) => [event.type, event.occurredOn])).toEqual([['request.received', '2026-11-02']]);
    expect(record.events[0]!.recordedAt).toBe(now.toISOString());
    const page = await app.inject({ method: 'GET', url: `/api/v1/children/${created.childId}`, headers: { authorization: `Bearer ${token}` } });
    expect(page.body).toContain('1 Open Street');
    expect(page.body).not.toContain('Refuge Road');
    expect(page.body).not.toContain('B2 2BB');
  });

  it('is not found for another authority, by page or API, and nothing is logged', async () => {
    const [found] = (await services.search.search(officer, UPN)).results;
    await expect(services.children.childRecord(outsider, found!.childId)).rejects.toThrow(NotFoundError);
    const response = await app.inject({ method: 'GET', url: `/api/v1/children/${found!.childId}`, headers: { authorization: `Bearer ${outsiderToken}` } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const log = await auditRepository.listAccessFor(database.db, outsider.authorityId, found!.childId);
    expect(log).toEqual([]);
  });

  it('refuses a save based on a stale version, keeping the other person’s change', async () => {
    const [found] = (await services.search.search(officer, UPN)).results;
    const record = await services.children.childRecord(officer, found!.childId);
    const base = { forename: 'Zoë', surname: 'O’Brien-Smith', upn: UPN, version: record.child.version };
    await services.children.updateChildDetails(officer, found!.childId, { ...base, preferredName: 'Zo' });
    await expect(services.children.updateChildDetails(colleague, found!.childId, { ...base, preferredName: 'Zed' })).rejects.toThrow(ConflictError);
    const after = await services.children.childRecord(officer, found!.childId);
    expect(after.child.preferredName).toBe('Zo');
    expect(after.child.version).toBe(record.child.version + 1);
  });

  it('the edit page answers a stale save with 409 and a clear message', async () => {
    const [found] = (await services.search.search(officer, UPN)).results;
    const jar = await signIn(app, 'officer@test.example', PASSWORD);
    const response = await postForm(app, jar, `/children/${found!.childId}/edit`, { version: '1', forename: 'Zoë', surname: 'Changed' }, { csrfFrom: `/children/${found!.childId}/edit` });
    expect(response.statusCode).toBe(409);
    expect(response.body).toContain('Someone else changed this child’s details');
  });
});

describe('the API', () => {
  const body = { receivedOn: '2026-11-12', source: 2, child: { forename: 'Api', surname: 'Made', dateOfBirth: '2015-05-05', sex: 'M' } };

  it('creates a request once per Idempotency-Key, answering a retry with the first result', async () => {
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': 'school-mis-4711' };
    const first = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: body });
    expect(first.statusCode).toBe(201);
    const before = await tableCounts();
    const retry = await app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload: body });
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a replayed Idempotency-Key with a different body: 422, nothing written', async () => {
    const before = await tableCounts();
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': 'school-mis-4711' },
      payload: { ...body, receivedOn: '2026-11-13' },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ field: 'Idempotency-Key' });
    expect(await tableCounts()).toEqual(before);
  });

  it('answers bad input with 400 problem+json naming the field', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/requests',
      headers: { authorization: `Bearer ${token}` },
      payload: { ...body, child: { ...body.child, upn: 'K930123420015' } },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field: 'child.upn' });
  });

  it('reads the worklist, search and the record', async () => {
    const headers = { authorization: `Bearer ${token}` };
    const worklist = await app.inject({ method: 'GET', url: '/api/v1/cases', headers });
    expect(worklist.statusCode).toBe(200);
    expect(worklist.json().total).toBeGreaterThan(0);
    const search = await app.inject({ method: 'GET', url: '/api/v1/children?q=api%20made', headers });
    const [found] = search.json().results;
    expect(found).toMatchObject({ childName: 'Api Made', reference: expect.stringMatching(/^999-EHC-2026-/) });
    const record = await app.inject({ method: 'GET', url: `/api/v1/children/${found.childId}`, headers });
    expect(record.statusCode).toBe(200);
    expect(record.json().events[0].type).toBe('request.received');
  });

  it('documents the casework endpoints in OpenAPI', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/cases', '/api/v1/children', '/api/v1/children/{childId}', '/api/v1/requests']));
  });
});

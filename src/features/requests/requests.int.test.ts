import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { ConflictError, ValidationError } from '../../lib/errors.ts';
import { uuidv7 } from '../../lib/uuid.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aChild, anAuthority, anOfficer, aUpn, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, signIn } from '../../test/http.ts';
import { requestTableCounts } from '../../test/requests.ts';
import { listAuditEventsFor } from '../audit/index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let manager: TestOfficer;
let token: string;
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  manager = await anOfficer(testApp, { role: 'team_manager' });
  token = (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

describe('recording a request for an EHC needs assessment', () => {
  it('creates the child, the case with its reference, the request, the event, the deadlines and the audit entry together', async () => {
    // A council of its own, so this is its first case of the year.
    const council = await anAuthority(testApp.database.db);
    const { actor } = await anOfficer(testApp, { authorityId: council.id });
    const upn = aUpn();
    const created = await testApp.services.requests.recordRequest(actor, {
      receivedOn: '2026-11-02',
      source: 2,
      child: aChild({ forename: 'Zoë', surname: 'O’Brien-Smith', dateOfBirth: '2016-03-27', upn: upn.toLowerCase() }),
    });
    expect(created.reference).toBe(`${council.laCode}-EHC-2026-00001`);
    const record = await testApp.services.children.childRecord(actor, created.childId);
    expect(record.child.upn).toBe(upn);
    expect(record.openCase).toMatchObject({ stage: 'request', officerId: actor.id, unallocatedSince: null, openedOn: '2026-11-02' });
    expect(record.events.map((event) => event.type)).toEqual(['request.received']);
    expect(record.deadlines.map((deadline) => [deadline.deadlineId, deadline.dueOn])).toEqual([
      ['decision-to-assess', '2026-12-14'],
      ['final-plan', '2027-03-22'],
    ]);
    expect(record.deadlines[0]!.basis).toMatch(/reg\. 5\(1\)/);
    const audit = await listAuditEventsFor(testApp.database.db, actor.authorityId, 'ehc_case', created.caseId);
    expect(audit.map((entry) => entry.action)).toEqual(['request.recorded']);
  });

  it('numbers references in sequence within the authority and year', async () => {
    const council = await anAuthority(testApp.database.db);
    const { actor } = await anOfficer(testApp, { authorityId: council.id });
    await testApp.services.requests.recordRequest(actor, { receivedOn: '2026-11-02', source: 2, child: aChild() });
    const second = await testApp.services.requests.recordRequest(actor, { receivedOn: '2026-11-03', source: 1, child: aChild() });
    expect(second.reference).toBe(`${council.laCode}-EHC-2026-00002`);
  });

  it('puts a request recorded by someone who is not a case officer in the unallocated queue, dated today', async () => {
    const created = await testApp.services.requests.recordRequest(manager.actor, { receivedOn: '2026-11-10', source: 3, child: aChild() });
    const record = await testApp.services.children.childRecord(manager.actor, created.childId);
    expect(record.openCase).toMatchObject({ officerId: null, unallocatedSince: '2026-11-23' });
  });

  it.each([
    ['an invalid UPN', { child: aChild({ upn: 'K930123420015' }) }, 'child.upn', 'check letter'],
    ['a date of birth in the future', { child: aChild({ dateOfBirth: '2027-01-01' }) }, 'child.dateOfBirth', 'in the past'],
    ['an impossible date of birth', { child: aChild({ dateOfBirth: '2016-02-30' }) }, 'child.dateOfBirth', 'real date'],
    ['a received date in the future', { receivedOn: '2026-11-24' }, 'receivedOn', 'today or in the past'],
    ['an over-long name', { child: aChild({ forename: 'x'.repeat(101) }) }, 'child.forename', '100 characters'],
    ['an unknown request source', { source: 9 }, 'source', 'Select who made the request'],
  ])('refuses %s, naming the field, and writes nothing', async (_label, change, field, message) => {
    const before = await requestTableCounts(testApp.database.db);
    const input = { receivedOn: '2026-11-02', source: 1, child: aChild({ forename: 'Refused' }), ...change };
    const failure = await testApp.services.requests.recordRequest(officer.actor, input as never).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ValidationError);
    const problem = (failure as ValidationError).problems.find((entry) => entry.field === field);
    expect(problem?.message).toContain(message);
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });

  it('refuses a second open case for the same child with a conflict, writing nothing', async () => {
    const existing = await aCase(testApp, officer.actor, { receivedOn: '2026-11-02' });
    const before = await requestTableCounts(testApp.database.db);
    await expect(testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-20', source: 1, childId: existing.childId })).rejects.toThrow(ConflictError);
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });

  it('keeps a script-bearing name as text and shows it escaped', async () => {
    const created = await testApp.services.requests.recordRequest(officer.actor, {
      receivedOn: '2026-11-05',
      source: 1,
      child: aChild({ forename: '<script>alert("x")</script>', surname: 'Escaped' }),
    });
    const jar = await signIn(testApp.app, officer.user.email, officer.password);
    const page = await getPage(testApp.app, jar, `/children/${created.childId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert("x")</script>');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});

describe('recording a request through the API', () => {
  const body = () => ({ receivedOn: '2026-11-12', source: 2, child: aChild({ dateOfBirth: '2015-05-05', sex: 'M' }) });
  const post = (headers: Record<string, string>, payload: object) => testApp.app.inject({ method: 'POST', url: '/api/v1/requests', headers, payload });

  it('creates a request once per Idempotency-Key, answering a retry with the first result', async () => {
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': `school-mis-${uuidv7()}` };
    const payload = body();
    const first = await post(headers, payload);
    expect(first.statusCode).toBe(201);
    const before = await requestTableCounts(testApp.database.db);
    const retry = await post(headers, payload);
    expect(retry.statusCode).toBe(201);
    expect(retry.json()).toEqual(first.json());
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });

  it('refuses a replayed Idempotency-Key with a different body: 422, nothing written', async () => {
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': `school-mis-${uuidv7()}` };
    const payload = body();
    await post(headers, payload);
    const before = await requestTableCounts(testApp.database.db);
    const response = await post(headers, { ...payload, receivedOn: '2026-11-13' });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ field: 'Idempotency-Key' });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });

  it('answers bad input with 400 problem+json naming the field', async () => {
    const payload = body();
    const response = await post({ authorization: `Bearer ${token}` }, { ...payload, child: { ...payload.child, upn: 'K930123420015' } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field: 'child.upn' });
  });
});

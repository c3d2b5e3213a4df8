// Dates that make sense on a request for an EHC needs assessment, whichever way it is recorded
// (the service, the page, the API): not in the future, not before the child's birth, not once the
// young person is 25, and more than a year back only with a reason, kept and shown with it. Each
// refusal says what is wrong and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { ValidationError } from '../../lib/errors.ts';
import { createTestApp, type TestApp } from '../../test/app.ts';
import { aCase, aChild, anOfficer, type TestOfficer } from '../../test/factories/index.ts';
import { getPage, postForm, signIn, type CookieJar } from '../../test/http.ts';
import { dateFields, requestFormFor, requestTableCounts } from '../../test/requests.ts';
import { listAuditEventsFor } from '../audit/index.ts';
import type { NewRequest } from './index.ts';

let testApp: TestApp;
let officer: TestOfficer;
let jar: CookieJar;
let token: string;
// Monday 23 November 2026: a year back is 23 November 2025.
const clock = fixedClock('2026-11-23T10:00:00Z');

beforeAll(async () => {
  testApp = await createTestApp({ clock });
  officer = await anOfficer(testApp);
  jar = await signIn(testApp.app, officer.user.email, officer.password);
  token = (await testApp.services.auth.issueApiToken(officer.actor, officer.actor.id, 'test')).token;
});
afterAll(async () => {
  await testApp?.close();
});

const postRequestForm = (fields: Record<string, string>) => postForm(testApp.app, jar, '/requests/new', fields, { csrfFrom: '/requests/new' });

const postApi = (payload: object) =>
  testApp.app.inject({ method: 'POST', url: '/api/v1/requests', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });

/** The service's refusal of a request: the problem named for the field, or a failure if it was recorded. */
async function refusal(input: NewRequest, field: string) {
  const failure = await testApp.services.requests.recordRequest(officer.actor, input).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(ValidationError);
  return (failure as ValidationError).problems.find((problem) => problem.field === field)?.message;
}

describe('a request received in the future', () => {
  it('is refused by the service, the page and the API, writing nothing', async () => {
    const before = await requestTableCounts(testApp.database.db);
    const child = aChild();
    expect(await refusal({ receivedOn: '2026-11-24', source: 1, child }, 'receivedOn')).toBe('The date the request was received must be today or in the past');
    const page = await postRequestForm(requestFormFor(child, '2026-11-24'));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The date the request was received must be today or in the past');
    expect(page.body).toContain('href="#receivedOn-day"');
    const api = await postApi({ receivedOn: '2026-11-24', source: 1, child });
    expect(api.statusCode).toBe(400);
    expect(api.headers['content-type']).toContain('application/problem+json');
    expect(api.json()).toMatchObject({ field: 'receivedOn', detail: expect.stringContaining('today or in the past') });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });
});

describe('a request received before the child was born', () => {
  it('is refused for a new child by the service, the page and the API, writing nothing', async () => {
    const before = await requestTableCounts(testApp.database.db);
    const child = aChild({ dateOfBirth: '2026-10-01' });
    expect(await refusal({ receivedOn: '2026-09-30', source: 1, child }, 'receivedOn')).toContain('before the child was born');
    const page = await postRequestForm(requestFormFor(child, '2026-09-30'));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The request cannot have been received before the child was born');
    const api = await postApi({ receivedOn: '2026-09-30', source: 1, child });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ field: 'receivedOn', detail: expect.stringContaining('before the child was born') });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });

  it('is refused for a child already held, judged by the date of birth on their record', async () => {
    const held = await aCase(testApp, officer.actor, { stage: 'closed', child: { dateOfBirth: '2026-01-10' } });
    const before = await requestTableCounts(testApp.database.db);
    expect(await refusal({ childId: held.childId, receivedOn: '2026-01-09', source: 1 }, 'receivedOn')).toContain('before the child was born');
    const page = await postForm(testApp.app, jar, '/requests/new', { childId: held.childId, ...dateFields('receivedOn', '2026-01-09'), source: '1' }, { csrfFrom: `/requests/new?childId=${held.childId}` });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('before the child was born');
    const api = await postApi({ childId: held.childId, receivedOn: '2026-01-09', source: 1 });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ field: 'receivedOn' });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });
});

describe('a young person aged 25 or over on the day the request was received', () => {
  it('CFA 2014 s.36(1), s.83(2) and s.46: is refused for a new child by the service, the page and the API, naming the date of birth', async () => {
    const before = await requestTableCounts(testApp.database.db);
    // 25 on 23 November 2026: a request received that day comes too late.
    const child = aChild({ dateOfBirth: '2001-11-23' });
    expect(await refusal({ receivedOn: '2026-11-23', source: 1, child }, 'child.dateOfBirth')).toContain('25 or older');
    const page = await postRequestForm(requestFormFor(child, '2026-11-23'));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('this date of birth makes the young person 25 or older');
    expect(page.body).toContain('href="#dateOfBirth-day"');
    const api = await postApi({ receivedOn: '2026-11-23', source: 1, child });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ field: 'child.dateOfBirth', detail: expect.stringContaining('under 25') });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });

  it('CFA 2014 s.83(2): the day before the 25th birthday is still in time', async () => {
    const created = await testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2026-11-22', source: 1, child: aChild({ dateOfBirth: '2001-11-23' }) });
    expect(created.reference).toMatch(/-EHC-2026-/);
  });

  it('CFA 2014 s.83(2) and s.46: is refused for a young person already held, by the service, the page and the API', async () => {
    // Their first request came at 24; they turned 25 on 1 November 2026.
    const held = await aCase(testApp, officer.actor, { stage: 'closed', receivedOn: '2026-06-01', child: { dateOfBirth: '2001-11-01' } });
    const before = await requestTableCounts(testApp.database.db);
    expect(await refusal({ childId: held.childId, receivedOn: '2026-11-20', source: 1 }, 'receivedOn')).toContain('was 25 or older');
    const page = await postForm(testApp.app, jar, '/requests/new', { childId: held.childId, ...dateFields('receivedOn', '2026-11-20'), source: '1' }, { csrfFrom: `/requests/new?childId=${held.childId}` });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('There is a problem');
    expect(page.body).toContain('was 25 or older');
    expect(page.body).toContain('href="#receivedOn-day"');
    const api = await postApi({ childId: held.childId, receivedOn: '2026-11-20', source: 1 });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ field: 'receivedOn', detail: expect.stringContaining('under 25') });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });
});

describe('a request received more than a year ago', () => {
  it('is refused without a reason by the service, the page and the API, writing nothing', async () => {
    const before = await requestTableCounts(testApp.database.db);
    const child = aChild();
    expect(await refusal({ receivedOn: '2025-11-22', source: 1, child }, 'recordedLateReason')).toContain('more than a year ago');
    const page = await postRequestForm(requestFormFor(child, '2025-11-22'));
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('The request was received more than a year ago');
    // The reason's box is hidden until the box is ticked: the summary points at the tick box.
    expect(page.body).toContain('href="#recordedLate"');
    const ticked = await postRequestForm(requestFormFor(child, '2025-11-22', { recordedLate: 'yes', recordedLateReason: '  ' }));
    expect(ticked.statusCode).toBe(400);
    expect(ticked.body).toContain('Say why the request is being recorded late');
    expect(ticked.body).toContain('href="#recordedLateReason"');
    const api = await postApi({ receivedOn: '2025-11-22', source: 1, child });
    expect(api.statusCode).toBe(400);
    expect(api.json()).toMatchObject({ field: 'recordedLateReason' });
    expect(await requestTableCounts(testApp.database.db)).toEqual(before);
  });

  it('needs no reason a year ago to the day', async () => {
    await expect(testApp.services.requests.recordRequest(officer.actor, { receivedOn: '2025-11-23', source: 1, child: aChild() })).resolves.toMatchObject({ reference: expect.any(String) });
  });

  it('is recorded with its reason through the page, and the record and its history say it was recorded late', async () => {
    const child = aChild({ forename: 'Belated' });
    const response = await postRequestForm(requestFormFor(child, '2025-06-02', { recordedLate: 'yes', recordedLateReason: 'Found in the post room during the office move' }));
    expect(response.statusCode).toBe(303);
    const childId = /\/children\/([^?]+)/.exec(response.headers.location!)![1]!;
    const record = await testApp.services.children.childRecord(officer.actor, childId);
    expect(record.openCase?.openedOn).toBe('2025-06-02');
    expect(record.history[0]).toMatchObject({ title: 'Request for an EHC needs assessment received', recordedLate: { recordedOn: '2026-11-23', reason: 'Found in the post room during the office move' } });
    const page = await getPage(testApp.app, jar, `/children/${childId}`);
    expect(page.body).toContain('Recorded late, on 23 November 2026: Found in the post room during the office move');
    const audit = await listAuditEventsFor(testApp.database.db, officer.actor.authorityId, 'ehc_case', record.openCase!.id);
    expect(audit.find((entry) => entry.action === 'request.recorded')?.details).toMatchObject({ recordedLate: true });
  });

  it('is recorded with its reason through the API, which gives the reason with the event', async () => {
    const response = await postApi({ receivedOn: '2024-12-01', source: 2, child: aChild(), recordedLateReason: 'Carried over from the paper file' });
    expect(response.statusCode).toBe(201);
    const record = await testApp.app.inject({ method: 'GET', url: `/api/v1/children/${response.json().childId}`, headers: { authorization: `Bearer ${token}` } });
    expect(record.json().events).toEqual([expect.objectContaining({ type: 'request.received', occurredOn: '2024-12-01', reason: 'Carried over from the paper file' })]);
  });

  it('keeps its reason when the request is given another date by a correction', async () => {
    const created = await aCase(testApp, officer.actor, { receivedOn: '2025-06-02', recordedLateReason: 'Found in a colleague’s tray' });
    const record = await testApp.services.children.childRecord(officer.actor, created.childId);
    await testApp.services.caseProgress.correctEvent(officer.actor, created.caseId, record.events[0]!.id, { change: 'redate', occurredOn: '2025-06-03', reason: 'Date stamp misread' });
    const after = await testApp.services.children.childRecord(officer.actor, created.childId);
    const standing = after.history.find((entry) => entry.title === 'Request for an EHC needs assessment received' && !entry.corrected);
    expect(standing).toMatchObject({ occurredOn: '2025-06-03', recordedLate: { reason: 'Found in a colleague’s tray' } });
  });
});
